"""What a person's award history makes reachable next, for their history page.

For each individual award whose rule has ladder prerequisites, ask: are they met already
for ``year``, or would they be if the person got the required award(s) again in ``year``?
Only awards the person is on the way to (they hold the required award last year or in the
window) are suggested, each with what else is missing (initiatives).
"""

import datetime
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Prefetch, Q

from awards.catalogue.models import Award, AwardRule, RulePrerequisite
from awards.eligibility import text
from awards.eligibility.context import Context, default_reference_date
from awards.eligibility.history import (
    AWARDED_FIELDS,
    DISCIPLINE_FIELDS,
    INITIATIVE_FIELDS,
    Awarded,
    DisciplineRecord,
    History,
    InitiativeRecord,
    uses_of_conferments,
    uses_of_initiatives,
)
from awards.eligibility.rules import discipline_checks
from awards.eligibility.standards import (
    INITIATIVE_LEVEL,
    counted_initiatives,
    prerequisite_check,
)
from awards.eligibility.text import _, translating
from awards.eligibility.verdict import CheckStatus
from units.models import Person, QualityRating


def _rules_in_force(on: datetime.date) -> list[AwardRule]:
    rules = (
        AwardRule.objects.filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=on),
            Exists(RulePrerequisite.objects.filter(rule=OuterRef("pk"))),
            award__subject=Award.Subject.INDIVIDUAL,
            award__is_active=True,
            effective_from__lte=on,
        )
        .select_related("award")
        .prefetch_related(
            Prefetch(
                "prerequisites",
                queryset=RulePrerequisite.objects.select_related("required_award").order_by("pk"),
            )
        )
        .order_by("award__authority__order", "award__order", "award__pk", "-effective_from")
    )
    seen, result = set(), []
    for rule in rules:
        if rule.award_id not in seen:
            seen.add(rule.award_id)
            result.append(rule)
    return result


def _history(person: Person, contexts: list[Context], year: int) -> History:
    own = Q(award_id__in=[c.award.pk for c in contexts])
    ladder = [
        Q(award_id__in=sorted(c.history_award_ids), year__gte=min(c.history_first_year, year - 1))
        for c in contexts
    ]
    rows = person.conferments.filter(reduce(or_, ladder, own), year__lte=year)
    first = min(c.initiative_years.start for c in contexts)
    initiatives = person.initiatives.filter(year__gte=first, year__lte=year)
    disciplines = person.disciplines.filter(decided_on__lte=default_reference_date(year))
    # What other rewards already relied on is not counted again (one achievement, one reward).
    used = uses_of_conferments({"person_id": person.pk})
    used_initiatives = uses_of_initiatives("person_id", {"person_id": person.pk}, first, year)
    return History(
        conferments=[
            Awarded.from_row(*r, used=used.get(r[-1])) for r in rows.values_list(*AWARDED_FIELDS)
        ],
        initiatives=[
            InitiativeRecord(*r, used=used_initiatives.get((person.pk, r[-1])))
            for r in initiatives.values_list(*INITIATIVE_FIELDS)
        ],
        disciplines=[DisciplineRecord(*r) for r in disciplines.values_list(*DISCIPLINE_FIELDS)],
    )


def next_steps(*, person: Person, year: int) -> list[str]:
    """Sentences such as "Đủ điều kiện xét Chiến sĩ thi đua ngành Tư pháp năm 2026 nếu
    tiếp tục đạt Chiến sĩ thi đua cơ sở năm 2026; cần thêm 01 sáng kiến cấp Bộ, ngành, tỉnh".

    ``year`` is the year being planned. Hard rules are not re-checked here except a
    penalty that rules out the whole year; ``evaluate`` gives the full verdict.
    """
    on = default_reference_date(year)
    rules = _rules_in_force(on)
    if not rules:
        return []
    # Only whether each prerequisite passes matters here, so the conferments that never
    # count toward merit (named in a verdict's message) are not loaded.
    contexts = [
        Context(
            award=rule.award,
            year=year,
            on=on,
            rule=rule,
            prerequisites=tuple(rule.prerequisites.all()),
        )
        for rule in rules
    ]
    history = _history(person, contexts, year)
    with translating():
        checks, cutoff = discipline_checks(contexts[0], history)
        blocks = [c.message for c in checks if c.status == CheckStatus.BLOCK]
        if blocks:
            return blocks
        return [step for ctx in contexts if (step := _step(ctx, history, cutoff))]


def _step(ctx: Context, history: History, cutoff) -> str | None:
    own = [c for c in history.conferments if c.award_id == ctx.award.pk and not c.void]
    if any(c.year == ctx.year for c in own) or (ctx.rule.once_per_subject and own):
        return None
    missing = [
        p
        for p in ctx.prerequisites
        if prerequisite_check(ctx, p, history, cutoff).status != CheckStatus.PASS
    ]
    values = {"award": ctx.award.name, "year": ctx.year}
    if not missing:
        sentence = _("Đủ điều kiện xét %(award)s năm %(year)s") % values
    else:
        required = list(dict.fromkeys(p.required_award for p in missing))
        if not all(_on_the_way(ctx, history, award, cutoff) for award in required):
            return None
        again = History(
            conferments=[
                *history.conferments,
                *(Awarded(a.pk, ctx.year, "", ctx.on) for a in required),
            ],
            initiatives=history.initiatives,
            disciplines=history.disciplines,
        )
        if any(
            prerequisite_check(ctx, p, again, cutoff).status != CheckStatus.PASS for p in missing
        ):
            return None
        values["required"] = _(" và ").join(a.name for a in required)
        sentence = (
            _("Đủ điều kiện xét %(award)s năm %(year)s nếu tiếp tục đạt %(required)s năm %(year)s")
            % values
        )
    if ctx.initiatives_required:
        counted, _early = counted_initiatives(ctx, history, cutoff)
        lacking = ctx.initiatives_required - sum(1 for i in counted if not i.used)
        if lacking > 0:
            level = ctx.rule.initiative_level
            sentence += _("; cần thêm %(n)s sáng kiến%(level)s (%(span)s)") % {
                "n": text.count(lacking),
                "level": f" {_(INITIATIVE_LEVEL[level])}" if level else "",
                "span": text.span(ctx.initiative_years.start, ctx.year),
            }
            alternative = ctx.rule.initiative_or_min_rating
            if alternative:
                sentence += _(" hoặc xếp loại %(rating)s") % {
                    "rating": _(QualityRating.Rating(alternative).label)
                }
    return sentence


def _on_the_way(ctx: Context, history: History, award: Award, cutoff) -> bool:
    """The person holds ``award`` (counted) last year or within some prerequisite's window."""
    first = min(ctx.history_first_year, ctx.year - 1)
    return any(
        c.award_id == award.pk
        and not c.void
        and first <= c.year < ctx.year
        and (cutoff is None or c.year > cutoff.ends_on.year)
        for c in history.conferments
    )
