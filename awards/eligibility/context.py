"""What one evaluation needs to know before looking at anybody's history.

The rule version in force on the reference date, its ladder prerequisites and the award
forms whose conferments must be found (to count them, or to say why they do not count).
Loading it costs the same few queries whatever the number of subjects.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_

from django.db.models import Prefetch, Q, prefetch_related_objects

from awards.catalogue.models import Award, AwardRule, LegalDocument, RulePrerequisite
from units.models import InitiativeLevel

# Only merit (công trạng) conferments count toward a merit award: sudden and themed ones
# never do (Decree 152/2025), nor foreign, dedication or seniority awards.
NOT_FOR_MERIT = tuple(t for t in Award.RewardType if t != Award.RewardType.MERIT)


def default_reference_date(year: int) -> datetime.date:
    """Without a proposal date, a year's achievements are judged as of 31/12 of that year."""
    return datetime.date(year, 12, 31)


@dataclass(frozen=True)
class Context:
    award: Award
    year: int
    on: datetime.date
    rule: AwardRule | None
    legal_bases: tuple[LegalDocument, ...] = ()
    prerequisites: tuple[RulePrerequisite, ...] = ()
    # Conferments of these awards are ignored toward merit prerequisites (with a message).
    not_for_merit: tuple[Award, ...] = ()
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def once(self, key, build):
        """``build()`` once per evaluation: many sentences are the same for every subject."""
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = build()
            return value

    @property
    def collective(self) -> bool:
        return self.award.is_collective

    @property
    def year_start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def year_end(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    def prerequisite_years(self, prerequisite: RulePrerequisite) -> range:
        """The ``window_years`` years ending at ``year`` (at least ``count`` years)."""
        width = max(prerequisite.window_years, prerequisite.count, 1)
        return range(self.year - width + 1, self.year + 1)

    def counts_toward(self, award: Award) -> bool:
        """Toward a merit award only merit conferments count."""
        return not (
            self.award.reward_type == Award.RewardType.MERIT and award.reward_type in NOT_FOR_MERIT
        )

    def same_form_not_for_merit(self, required: Award) -> list[Award]:
        """Non-merit awards of the same form (authority, form, subject) as ``required``."""
        return [
            a
            for a in self.not_for_merit
            if a.pk != required.pk
            and (a.authority_id, a.form_name, a.subject)
            == (required.authority_id, required.form_name, required.subject)
        ]

    # What the rule asks (these and ``conferment_q`` are read only when a rule is in force).

    @property
    def initiatives_required(self) -> int:
        """A level without a number asks for one initiative of that level."""
        return self.rule.initiatives_required or int(self.rule.initiative_level is not None)

    @property
    def initiative_level(self) -> int:
        return self.rule.initiative_level or InitiativeLevel.BASE

    @property
    def initiative_years(self) -> range:
        width = max(self.rule.initiative_window_years, 1)
        return range(self.year - width + 1, self.year + 1)

    @cached_property
    def history_award_ids(self) -> set[int]:
        ids = {p.required_award_id for p in self.prerequisites}
        return ids | {a.pk for a in self.not_for_merit}

    @property
    def history_first_year(self) -> int:
        firsts = [self.prerequisite_years(p).start for p in self.prerequisites]
        return min(firsts, default=self.year)

    def conferment_q(self) -> Q:
        """The subject's conferments any rule may look at (without the subject filter)."""
        own = Q(award_id=self.award.pk)
        if not self.rule.once_per_subject:
            own &= Q(year=self.year)
        if not self.history_award_ids:
            return own
        ladder = Q(
            award_id__in=sorted(self.history_award_ids),
            year__gte=self.history_first_year,
            year__lte=self.year,
        )
        return own | ladder


def load_context(*, award: Award, year: int, on: datetime.date | None = None) -> Context:
    """The rule version in force on ``on`` (default 31/12/``year``) with what it refers to."""
    on = on or default_reference_date(year)
    rule = award.rule_on(on)
    if rule is None:
        return Context(award=award, year=year, on=on, rule=None)
    # A null foreign key costs no query, so this is one query per thing the rule refers to.
    prefetch_related_objects(
        [rule],
        "legal_bases",
        Prefetch(
            "prerequisites",
            queryset=RulePrerequisite.objects.select_related("required_award").order_by("pk"),
        ),
        "member_award",
        "min_members_with_award",
        "quota_base",
    )
    prerequisites = tuple(rule.prerequisites.all())
    return Context(
        award=award,
        year=year,
        on=on,
        rule=rule,
        legal_bases=tuple(sorted(rule.legal_bases.all(), key=_hierarchy)),
        prerequisites=prerequisites,
        not_for_merit=_not_for_merit(award, [p.required_award for p in prerequisites]),
    )


def _hierarchy(document: LegalDocument):
    """Cite the law first, then decrees, circulars and decisions."""
    return (LegalDocument.Kind.values.index(document.kind), document.effective_from)


def _not_for_merit(award: Award, required: list[Award]) -> tuple[Award, ...]:
    if award.reward_type != Award.RewardType.MERIT or not required:
        return ()
    same_form = reduce(
        or_,
        (
            Q(authority_id=r.authority_id, form_name=r.form_name, subject=r.subject)
            for r in required
        ),
    )
    return tuple(Award.objects.filter(same_form, reward_type__in=NOT_FOR_MERIT).order_by("pk"))
