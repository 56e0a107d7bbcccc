"""The obvious implementation, one subject at a time: the benchmark's reference.

It reads each subject's records through the ORM relations, a handful of queries per
person (and per member for collectives), then runs the very same checks as the bulk
engine. The benchmark asserts both give identical verdicts on the same data.
"""

from awards.eligibility.context import Context, load_context
from awards.eligibility.history import (
    LIVE_USE,
    USE_ORDER,
    Awarded,
    DisciplineRecord,
    History,
    InitiativeRecord,
    LeaveRecord,
    MemberStats,
    ReviewRecord,
    Use,
    has_member_rules,
    member_discipline_q,
    open_on,
    subject_ids,
)
from awards.eligibility.rules import judge
from awards.eligibility.text import translating
from awards.models import Decision
from units.models import Person, QualityRating, Unit


def evaluate_naive(*, award, subjects, year, on=None) -> dict:
    ctx = load_context(award=award, year=year, on=on)
    ids, _among = subject_ids(ctx, subjects)
    verdicts = {}
    with translating():
        for pk in ids:
            history = None
            if ctx.rule is not None:
                history = unit_history(ctx, pk) if ctx.collective else person_history(ctx, pk)
            verdicts[pk] = judge(ctx, pk, history)
    return verdicts


def _use(rewards) -> Use | None:
    """The first live reward among ``rewards`` (conferments relying on an achievement)."""
    other = (
        rewards.filter(**LIVE_USE).select_related("award", "decision").order_by(*USE_ORDER).first()
    )
    if other is None:
        return None
    return Use(other.award.name, other.year, other.decision.number, other.decision.signed_on)


def _awarded(conferment, ctx: Context) -> Awarded:
    d = conferment.decision
    used = None
    if ctx.prerequisites and conferment.award_id in ctx.history_award_ids:
        used = _use(conferment.relied_on_by.all())
    return Awarded.from_row(
        conferment.award_id,
        conferment.year,
        conferment.revoked,
        d.status,
        d.number,
        d.signed_on,
        conferment.pk,
        used,
    )


def _initiatives(related, ctx: Context, subject: dict) -> list[InitiativeRecord]:
    """``subject`` selects the subject's own rewards (a co-author's do not use it up)."""
    found = related.filter(year__in=list(ctx.initiative_years), level__gte=ctx.initiative_level)
    return [
        InitiativeRecord(
            i.title,
            i.level,
            i.year,
            i.decision_number,
            i.decision_date,
            i.pk,
            _use(i.relied_on_by.filter(**subject)),
        )
        for i in found
    ]


def person_history(ctx: Context, pk: int) -> History:
    person = Person.objects.get(pk=pk)
    rule = ctx.rule
    records = {}
    conferments = person.conferments.filter(ctx.conferment_q()).select_related("decision")
    records["conferments"] = [_awarded(c, ctx) for c in conferments]
    if rule.min_rating or rule.initiative_or_min_rating:
        rating = person.ratings.filter(year=ctx.year).first()
        records["ratings"] = {rating.year: rating.rating} if rating else {}
    if ctx.initiatives_required:
        records["initiatives"] = _initiatives(person.initiatives, ctx, {"person": person})
    records["disciplines"] = [
        DisciplineRecord(d.form, d.decided_on, d.ends_on, d.decision_number)
        for d in person.disciplines.filter(decided_on__lte=ctx.on)
    ]
    records["reviews"] = [
        ReviewRecord(r.kind, r.start) for r in person.reviews.filter(open_on(ctx.on))
    ]
    if rule.min_service_years:
        records["joined_on"] = person.joined_on
        records["leaves"] = [
            LeaveRecord(leave.kind, leave.start, leave.end)
            for leave in person.leaves.filter(start__lte=ctx.on)
        ]
    return History(**records)


def unit_history(ctx: Context, pk: int) -> History:
    unit = Unit.objects.get(pk=pk)
    records = {}
    conferments = unit.conferments.filter(ctx.conferment_q(), person__isnull=True)
    records["conferments"] = [_awarded(c, ctx) for c in conferments.select_related("decision")]
    if ctx.initiatives_required:
        subject = {"unit": unit, "person__isnull": True}
        records["initiatives"] = _initiatives(unit.initiatives, ctx, subject)
    records["reviews"] = [
        ReviewRecord(r.kind, r.start) for r in unit.reviews.filter(open_on(ctx.on))
    ]
    if has_member_rules(ctx):
        records["members"] = _members(ctx, unit)
    return History(**records)


def _members(ctx: Context, unit: Unit) -> MemberStats:
    rule = ctx.rule
    stats = MemberStats()
    award_ids = [pk for pk in (rule.member_award_id, rule.min_members_with_award_id) if pk]
    for member in unit.people.all():
        stats.total += 1
        held = member.conferments.filter(
            year=ctx.year,
            award_id__in=award_ids,
            revoked=False,
            decision__status=Decision.Status.ISSUED,
        )
        for award_id in set(held.values_list("award_id", flat=True)):
            stats.awarded[award_id] = stats.awarded.get(award_id, 0) + 1
        if rule.all_members_completed:
            rating = member.ratings.filter(year=ctx.year).first()
            if rating:
                stats.rated += 1
                if rating.rating < QualityRating.Rating.COMPLETED:
                    stats.not_completed.append(member.full_name)
        if rule.max_member_discipline:
            for d in member.disciplines.filter(member_discipline_q(ctx)):
                stats.disciplined.append(
                    DisciplineRecord(
                        d.form, d.decided_on, d.ends_on, d.decision_number, member.full_name
                    )
                )
    return stats
