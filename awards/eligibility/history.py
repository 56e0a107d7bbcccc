"""Subjects' records as the rules see them, and the bulk loader.

``load_histories`` reads the histories of any number of people (or units) in a fixed
number of queries: one per kind of record, filtered by the context's windows, grouped in
Python. Records are named tuples (cheap to make by the ten thousand), so the same rules
run on histories loaded in bulk here or one subject at a time (``naive.py``) and must give
the same verdicts.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet

from awards.eligibility.context import Context
from awards.models import Conferment, Decision
from units.models import (
    Discipline,
    Initiative,
    Leave,
    Person,
    QualityRating,
    Review,
    Unit,
)

AWARDED_FIELDS = (
    "award_id",
    "year",
    "revoked",
    "decision__status",
    "decision__number",
    "decision__signed_on",
    "pk",
)
INITIATIVE_FIELDS = ("title", "level", "year", "decision_number", "decision_date", "pk")
DISCIPLINE_FIELDS = ("form", "decided_on", "ends_on", "decision_number")
# The live reward that relied on an achievement (``Conferment.relied_on…``).
USE_FIELDS = ("award__name", "year", "decision__number", "decision__signed_on")
USE_ORDER = ("year", "decision__signed_on", "pk")


class Use(NamedTuple):
    """A live reward that already counted an achievement: it is not counted again."""

    award_name: str
    year: int
    decision_number: str
    signed_on: datetime.date


class Awarded(NamedTuple):
    """A conferment. ``void`` says why it never counts: "revoked", "draft" or "".
    ``used`` names another live reward that relied on it (loaded for ladder awards)."""

    award_id: int
    year: int
    decision_number: str
    signed_on: datetime.date
    void: str = ""
    pk: int = 0  # 0: not a saved conferment (next steps' "if these were conferred")
    used: Use | None = None

    @classmethod
    def from_row(cls, award_id, year, revoked, status, number, signed_on, pk, used) -> "Awarded":
        if revoked or status == Decision.Status.REVOKED:
            void = "revoked"
        elif status != Decision.Status.ISSUED:
            void = "draft"
        else:
            void = ""
        return cls(award_id, year, number, signed_on, void, pk, used)

    @property
    def sort_key(self):
        return (self.year, self.signed_on, self.decision_number, self.award_id, self.pk)


class InitiativeRecord(NamedTuple):
    title: str
    level: int
    year: int
    decision_number: str
    decision_date: datetime.date
    pk: int
    used: Use | None


class DisciplineRecord(NamedTuple):
    form: int
    decided_on: datetime.date
    ends_on: datetime.date | None
    decision_number: str
    person_name: str = ""

    def in_effect_on(self, day: datetime.date) -> bool:
        return self.decided_on <= day and (self.ends_on is None or day <= self.ends_on)

    def overlaps(self, first: datetime.date, last: datetime.date) -> bool:
        return self.decided_on <= last and (self.ends_on is None or self.ends_on >= first)


class ReviewRecord(NamedTuple):
    kind: str
    start: datetime.date


class LeaveRecord(NamedTuple):
    kind: str
    start: datetime.date
    end: datetime.date


NO_RATINGS: Mapping[int, int] = MappingProxyType({})


@dataclass(slots=True)
class MemberStats:
    """A collective's members (people whose current unit it is), counted for the year."""

    total: int = 0
    awarded: dict[int, int] = field(default_factory=dict)  # award pk -> members who got it
    rated: int = 0
    not_completed: list[str] = field(default_factory=list)
    disciplined: list[DisciplineRecord] = field(default_factory=list)


class History:
    """One subject's records. Empty kinds share immutable empties: most people have no
    penalty, review or leave, and 15,000 spare lists cost more than the rules."""

    __slots__ = (
        "conferments",
        "disciplines",
        "initiatives",
        "joined_on",
        "leaves",
        "members",
        "ratings",
        "reviews",
    )

    def __init__(
        self,
        *,
        conferments: Sequence[Awarded] = (),
        ratings: Mapping[int, int] = NO_RATINGS,
        initiatives: Sequence[InitiativeRecord] = (),
        disciplines: Sequence[DisciplineRecord] = (),
        reviews: Sequence[ReviewRecord] = (),
        joined_on: datetime.date | None = None,
        leaves: Sequence[LeaveRecord] = (),
        members: MemberStats | None = None,
    ):
        self.conferments, self.ratings, self.initiatives = conferments, ratings, initiatives
        self.disciplines, self.reviews, self.joined_on = disciplines, reviews, joined_on
        self.leaves, self.members = leaves, members


def open_on(day: datetime.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def member_discipline_q(ctx: Context) -> Q:
    return Q(form__gte=ctx.rule.max_member_discipline, decided_on__lte=ctx.year_end) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=ctx.year_start)
    )


def has_member_rules(ctx: Context) -> bool:
    rule = ctx.rule
    return bool(
        rule.member_award_id
        or rule.all_members_completed
        or rule.min_members_with_award_id
        or rule.max_member_discipline
    )


def subject_ids(ctx: Context, subjects) -> tuple[list[int], object]:
    """The subjects' primary keys, and what to put in ``__in`` lookups to select them.

    A queryset stays a subquery (no 15,000 literals in every query); a list of instances
    or primary keys is used as is.
    """
    model = Unit if ctx.collective else Person
    if isinstance(subjects, QuerySet):
        if subjects.model is not model:
            raise TypeError(f"{ctx.award.code} is evaluated for {model.__name__} subjects")
        ids = list(subjects.values_list("pk", flat=True))
        return ids, (ids if subjects.query.is_sliced else subjects.values("pk"))
    ids = []
    for subject in subjects:
        if hasattr(subject, "pk") and not isinstance(subject, model):
            raise TypeError(f"{ctx.award.code} is evaluated for {model.__name__} subjects")
        ids.append(getattr(subject, "pk", subject))
    ids = list(dict.fromkeys(ids))
    return ids, ids


def load_histories(ctx: Context, subjects) -> Iterator[tuple[int, History]]:
    """(pk, history) for every subject, in order. The records are read up front; each
    History is made as it is consumed, so callers that judge and drop it keep memory flat."""
    ids, among = subject_ids(ctx, subjects)
    if not ids:
        return
    load = _load_collective if ctx.collective else _load_individual
    found = load(ctx, ids, among)
    for pk in ids:
        yield pk, History(**{kind: rows[pk] for kind, rows in found.items() if pk in rows})


def _grouped(rows, make) -> dict[int, list]:
    grouped = defaultdict(list)
    for pk, *fields in rows:
        grouped[pk].append(make(*fields))
    return grouped


LIVE_USE = {"revoked": False, "decision__status": Decision.Status.ISSUED}


def conferment_uses(ctx: Context, subject: dict) -> dict[int, Use]:
    """Conferment pk → the first live reward that relied on it, for the ladder awards.

    ``subject`` filters the relied-on conferments (``{"person_id__in": …}``). One query,
    and none when the rule has no ladder.
    """
    if not ctx.prerequisites:
        return {}
    return uses_of_conferments(
        {**subject, "award_id__in": sorted(ctx.history_award_ids)},
    )


def uses_of_conferments(relied: dict) -> dict[int, Use]:
    """Conferment pk → the first live reward relying on it, among conferments ``relied``."""
    rows = (
        Conferment.relied_on.through.objects.filter(
            **{f"to_conferment__{k}": v for k, v in relied.items()},
            **{f"from_conferment__{k}": v for k, v in LIVE_USE.items()},
        )
        .order_by("to_conferment_id", *(f"from_conferment__{f}" for f in USE_ORDER))
        .values_list("to_conferment_id", *(f"from_conferment__{f}" for f in USE_FIELDS))
    )
    found = {}
    for pk, *fields in rows:
        found.setdefault(pk, Use(*fields))
    return found


def initiative_uses(ctx: Context, subject_field: str, subject: dict) -> dict[tuple, Use]:
    """(subject pk, initiative pk) → the first live reward of that subject relying on it."""
    return uses_of_initiatives(subject_field, subject, ctx.initiative_years.start, ctx.year)


def uses_of_initiatives(subject_field: str, subject: dict, first: int, last: int):
    """Like ``initiative_uses`` for the initiatives of years ``first``–``last``."""
    rows = (
        Conferment.relied_on_initiatives.through.objects.filter(
            **{f"conferment__{k}": v for k, v in subject.items()},
            **{f"conferment__{k}": v for k, v in LIVE_USE.items()},
            initiative__year__gte=first,
            initiative__year__lte=last,
        )
        .order_by(
            f"conferment__{subject_field}",
            "initiative_id",
            *(f"conferment__{f}" for f in USE_ORDER),
        )
        .values_list(
            f"conferment__{subject_field}",
            "initiative_id",
            *(f"conferment__{f}" for f in USE_FIELDS),
        )
    )
    found = {}
    for pk, initiative_id, *fields in rows:
        found.setdefault((pk, initiative_id), Use(*fields))
    return found


def _awarded_rows(rows, uses: dict[int, Use]) -> dict[int, list]:
    grouped = defaultdict(list)
    for pk, *fields in rows:
        grouped[pk].append(Awarded.from_row(*fields, used=uses.get(fields[-1])))
    return grouped


def _initiative_rows(rows, uses: dict[tuple, Use]) -> dict[int, list]:
    grouped = defaultdict(list)
    for pk, *fields in rows:
        grouped[pk].append(InitiativeRecord(*fields, used=uses.get((pk, fields[-1]))))
    return grouped


def _load_individual(ctx: Context, ids: list[int], among) -> dict[str, dict]:
    """Per kind of record, the records of each person who has any."""
    rule = ctx.rule
    found = {}
    rows = Conferment.objects.filter(ctx.conferment_q(), person_id__in=among)
    uses = conferment_uses(ctx, {"person_id__in": among})
    found["conferments"] = _awarded_rows(rows.values_list("person_id", *AWARDED_FIELDS), uses)
    if rule.min_rating or rule.initiative_or_min_rating:
        rows = QualityRating.objects.filter(person_id__in=among, year=ctx.year)
        found["ratings"] = defaultdict(dict)
        for pk, year, rating in rows.values_list("person_id", "year", "rating"):
            found["ratings"][pk][year] = rating
    if ctx.initiatives_required:
        rows = Initiative.authors.through.objects.filter(
            person_id__in=among,
            initiative__year__gte=ctx.initiative_years.start,
            initiative__year__lte=ctx.year,
            initiative__level__gte=ctx.initiative_level,
        ).values_list("person_id", *(f"initiative__{f}" for f in INITIATIVE_FIELDS))
        uses = initiative_uses(ctx, "person_id", {"person_id__in": among})
        found["initiatives"] = _initiative_rows(rows, uses)
    rows = Discipline.objects.filter(person_id__in=among, decided_on__lte=ctx.on)
    found["disciplines"] = _grouped(
        rows.values_list("person_id", *DISCIPLINE_FIELDS), DisciplineRecord
    )
    rows = Review.objects.filter(open_on(ctx.on), person_id__in=among)
    found["reviews"] = _grouped(rows.values_list("person_id", "kind", "start"), ReviewRecord)
    if rule.min_service_years:
        people = Person.objects.filter(pk__in=among).values_list("pk", "joined_on")
        found["joined_on"] = dict(people)
        rows = Leave.objects.filter(person_id__in=among, start__lte=ctx.on)
        found["leaves"] = _grouped(
            rows.values_list("person_id", "kind", "start", "end"), LeaveRecord
        )
    return found


def _load_collective(ctx: Context, ids: list[int], among) -> dict[str, dict]:
    found = {}
    rows = Conferment.objects.filter(ctx.conferment_q(), person__isnull=True, unit_id__in=among)
    collective = {"unit_id__in": among, "person__isnull": True}
    uses = conferment_uses(ctx, collective)
    found["conferments"] = _awarded_rows(rows.values_list("unit_id", *AWARDED_FIELDS), uses)
    if ctx.initiatives_required:
        rows = Initiative.objects.filter(
            unit_id__in=among,
            year__gte=ctx.initiative_years.start,
            year__lte=ctx.year,
            level__gte=ctx.initiative_level,
        )
        uses = initiative_uses(ctx, "unit_id", collective)
        found["initiatives"] = _initiative_rows(
            rows.values_list("unit_id", *INITIATIVE_FIELDS), uses
        )
    rows = Review.objects.filter(open_on(ctx.on), unit_id__in=among)
    found["reviews"] = _grouped(rows.values_list("unit_id", "kind", "start"), ReviewRecord)
    if has_member_rules(ctx):
        found["members"] = _load_members(ctx, ids, among)
    return found


def _load_members(ctx: Context, ids: list[int], among) -> dict[int, MemberStats]:
    """Members' records aggregated per unit in SQL; names only for the few who fail."""
    rule = ctx.rule
    members = {pk: MemberStats() for pk in ids}
    people = Person.objects.filter(unit_id__in=among).order_by()
    for pk, n in people.values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n"):
        members[pk].total = n
    award_ids = [pk for pk in (rule.member_award_id, rule.min_members_with_award_id) if pk]
    if award_ids:
        rows = (
            Conferment.objects.filter(
                person__unit_id__in=among,
                year=ctx.year,
                award_id__in=award_ids,
                revoked=False,
                decision__status=Decision.Status.ISSUED,
            )
            .order_by()
            .values("person__unit_id", "award_id")
            .annotate(n=Count("person_id", distinct=True))
            .values_list("person__unit_id", "award_id", "n")
        )
        for pk, award_id, n in rows:
            members[pk].awarded[award_id] = n
    if rule.all_members_completed:
        ratings = QualityRating.objects.filter(person__unit_id__in=among, year=ctx.year).order_by()
        rows = (
            ratings.values("person__unit_id")
            .annotate(rated=Count("pk"))
            .values_list("person__unit_id", "rated")
        )
        for pk, rated in rows:
            members[pk].rated = rated
        failing = ratings.filter(rating__lt=QualityRating.Rating.COMPLETED)
        for pk, name in failing.values_list("person__unit_id", "person__full_name"):
            members[pk].not_completed.append(name)
    if rule.max_member_discipline:
        rows = Discipline.objects.filter(member_discipline_q(ctx), person__unit_id__in=among)
        fields = ("person__unit_id", *DISCIPLINE_FIELDS, "person__full_name")
        for pk, *values in rows.values_list(*fields):
            members[pk].disciplined.append(DisciplineRecord(*values))
    return members
