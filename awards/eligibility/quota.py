"""The per-unit quota of a title, e.g. CSTĐCS ≤ 15 % of the unit's LĐTT that year.

One way to count: ``quotas_for`` takes many (award, unit, year, reference date) at once
and answers in a fixed number of queries (the rules, one aggregate over conferments, one
over people when a quota is a share of the headcount). Decisions, the council's agenda,
the registration summary and the eligibility view all read it.
"""

import datetime
import math
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Count, Q

from awards.catalogue.models import Award, AwardRule, QuotaEnforcement
from awards.catalogue.selectors import rule_on, rules_by_award
from awards.eligibility import text
from awards.eligibility.context import Context, default_reference_date
from awards.eligibility.rules import no_rule_check
from awards.eligibility.text import _
from awards.eligibility.verdict import Check, CheckCode, CheckStatus
from awards.models import Conferment, Decision
from units.access import under
from units.models import Person, Unit


@dataclass(frozen=True)
class Quota:
    """A quota as it stands: ``issued`` people already hold the award that year in the
    unit (live conferments of issued decisions), ``base_count`` the base it is a share of."""

    award: Award
    rule: AwardRule
    unit: Unit
    year: int
    base_count: int
    issued: int

    @property
    def limit(self) -> int:
        return math.floor(Decimal(self.base_count) * self.rule.quota_percent / 100)

    @property
    def remaining(self) -> int:
        return max(self.limit - self.issued, 0)

    @property
    def blocks(self) -> bool:
        return self.rule.quota_enforcement == QuotaEnforcement.BLOCK

    def exceeded(self, adding: int = 0) -> bool:
        return self.issued + adding > self.limit

    def values(self, adding: int = 0) -> dict:
        base = self.rule.quota_base
        return {
            "award": self.award.short_name or self.award.name,
            "unit": self.unit.name,
            "year": self.year,
            "count": self.issued + adding,
            "issued": self.issued,
            "adding": adding,
            "limit": self.limit,
            "remaining": self.remaining,
            "pct": text.percent(self.rule.quota_percent),
            "n": self.base_count,
            "base": (base.short_name or base.name) if base else _("cán bộ"),
            "scope": _(" (cả đơn vị trực thuộc)") if self.rule.quota_include_subunits else "",
        }

    def describe(self, adding: int) -> str:
        """ "CSTĐCS năm 2025 của X: 4 (đã công nhận 1, thêm 3) / tối đa 3 = 15 % của 20 LĐTT"."""
        return _(
            "%(award)s năm %(year)s của %(unit)s: %(count)s (đã công nhận %(issued)s, "
            "thêm %(adding)s) / tối đa %(limit)s = %(pct)s của %(n)s %(base)s%(scope)s"
        ) % self.values(adding)


QuotaKey = tuple[int, int, int]  # award pk, unit pk, year


def _where(unit: Unit, include_subunits: bool) -> Q:
    return under([unit.path], "unit__path") if include_subunits else Q(unit_id=unit.pk)


def quotas_for(wanted, *, exclude_conferments=()) -> dict[QuotaKey, Quota]:
    """The quotas of ``wanted`` (award, unit, year, reference date) whose rule version in
    force on that date sets one, keyed by (award pk, unit pk, year).

    ``exclude_conferments``: conferments not to count (those a decision being issued
    withdraws). Three queries at most, however many are wanted.
    """
    wanted = list({(a.pk, u.pk, y): (a, u, y, on) for a, u, y, on in wanted}.values())
    if not wanted:
        return {}
    rules = rules_by_award(a.pk for a, _u, _y, _on in wanted)
    found = []
    for award, unit, year, on in wanted:
        rule = rule_on(rules, award.pk, on or default_reference_date(year))
        if rule is not None and rule.quota_percent is not None:
            found.append((award, unit, year, rule))
    if not found:
        return {}
    live = Conferment.objects.filter(
        revoked=False, person__isnull=False, decision__status=Decision.Status.ISSUED
    ).exclude(pk__in=list(exclude_conferments))
    counts, heads = {}, {}
    for i, (award, unit, year, rule) in enumerate(found):
        where = _where(unit, rule.quota_include_subunits)
        counts[f"issued{i}"] = Count(
            "person_id", distinct=True, filter=where & Q(award_id=award.pk, year=year)
        )
        if rule.quota_base_id is None:
            heads[f"base{i}"] = Count("pk", filter=where)
        else:
            counts[f"base{i}"] = Count(
                "person_id", distinct=True, filter=where & Q(award_id=rule.quota_base_id, year=year)
            )
    totals = live.aggregate(**counts)
    if heads:
        totals |= Person.objects.aggregate(**heads)
    bases = {r.quota_base_id for _a, _u, _y, r in found if r.quota_base_id}
    base_awards = Award.objects.in_bulk(bases) if bases else {}
    result = {}
    for i, (award, unit, year, rule) in enumerate(found):
        if rule.quota_base_id:
            rule.quota_base = base_awards[rule.quota_base_id]
        result[(award.pk, unit.pk, year)] = Quota(
            award=award,
            rule=rule,
            unit=unit,
            year=year,
            base_count=totals[f"base{i}"],
            issued=totals[f"issued{i}"],
        )
    return result


def quota_check(
    *,
    award: Award,
    unit: Unit,
    year: int,
    proposed_count: int,
    on: datetime.date | None = None,
    base_count: int | None = None,
    quota: Quota | None = None,
) -> Check:
    """Whether ``proposed_count`` people keep within the rule's quota.

    ``base_count`` overrides the count from conferments, for when the base titles (LĐTT)
    are decided in the same batch as the proposal; ``quota`` is one ``quotas_for`` already
    loaded (a page judging many). Exceeding the quota is a warning with the numbers:
    "Đề nghị 5 CSTĐCS / 20 LĐTT = 25 % > 15 % — vượt tỷ lệ, tối đa 3".
    """
    on = on or default_reference_date(year)
    name = award.short_name or award.name
    if quota is None:
        rule = award.rule_on(on)
        if rule is None:
            return no_rule_check(Context(award=award, year=year, on=on, rule=None))
        if rule.quota_percent is None:
            message = _("Không quy định tỷ lệ tối đa cho %(award)s") % {"award": name}
            return Check(CheckCode.QUOTA, CheckStatus.PASS, message)
        quota = quotas_for([(award, unit, year, on)])[(award.pk, unit.pk, year)]
    if base_count is not None:
        quota = replace(quota, base_count=base_count)
    values = {**quota.values(), "k": proposed_count, "award": name}
    values["max"] = values["limit"]
    base_count = quota.base_count
    rule = quota.rule
    if not base_count:
        if not proposed_count:
            message = _("Chưa đề nghị %(award)s (tỷ lệ tối đa %(pct)s)") % values
            return Check(CheckCode.QUOTA, CheckStatus.PASS, message)
        message = _(
            "Đề nghị %(k)s %(award)s nhưng đơn vị chưa có %(base)s năm %(year)s "
            "(tỷ lệ tối đa %(pct)s)"
        )
        return Check(CheckCode.QUOTA, CheckStatus.WARN, message % values)
    share = Decimal(proposed_count) * 100 / base_count
    values["share"] = text.percent(share)
    if share > rule.quota_percent:
        message = _(
            "Đề nghị %(k)s %(award)s / %(n)s %(base)s = %(share)s > %(pct)s — "
            "vượt tỷ lệ, tối đa %(max)s"
        )
        return Check(CheckCode.QUOTA, CheckStatus.WARN, message % values)
    message = _("Đề nghị %(k)s %(award)s / %(n)s %(base)s = %(share)s ≤ %(pct)s")
    return Check(CheckCode.QUOTA, CheckStatus.PASS, message % values)


@dataclass(frozen=True)
class QuotaLine:
    """A quota and what a batch (a decision, an agenda, a proposal) would add to it."""

    quota: Quota
    adding: int

    @property
    def exceeded(self) -> bool:
        return self.quota.exceeded(self.adding)

    def __str__(self) -> str:
        return self.quota.describe(self.adding)

    def agenda_line(self) -> str:
        """What the quota leaves for the nominees of a council's agenda."""
        return _(
            "%(award)s năm %(year)s của %(unit)s: còn lại %(remaining)s suất (tối đa "
            "%(limit)s = %(pct)s của %(n)s %(base)s%(scope)s, đã công nhận %(issued)s); "
            "đang xét %(adding)s"
        ) % self.quota.values(self.adding)

    def registration_line(self) -> str:
        """Registered vs the quota, the base being the people registered for it."""
        return _(
            "%(unit)s: đăng ký %(adding)s %(award)s / %(n)s %(base)s đăng ký — tối đa "
            "%(limit)s (%(pct)s%(scope)s)"
        ) % self.quota.values(self.adding)

    def excess_message(self) -> str:
        return _(
            "Vượt tỷ lệ %(award)s năm %(year)s của %(unit)s: %(count)s người (đã công nhận "
            "%(issued)s, thêm %(adding)s) trong khi tối đa %(limit)s = %(pct)s của %(n)s "
            "%(base)s%(scope)s."
        ) % self.quota.values(self.adding)


def nominee_quotas(nominees, *, exclude_conferments=()) -> list[QuotaLine]:
    """The quotas the individual ``nominees`` count against, each with how many of them
    it would take: per award, proposing unit and achievement year, judged by the rule in
    force on the proposal's reference date. Load nominees with ``award`` and
    ``proposal__proposing_unit``."""
    adding: dict[QuotaKey, int] = {}
    wanted = []
    for nominee in nominees:
        if nominee.person_id is None:
            continue
        proposal = nominee.proposal
        key = (nominee.award_id, proposal.proposing_unit_id, proposal.year)
        adding[key] = adding.get(key, 0) + 1
        wanted.append(
            (nominee.award, proposal.proposing_unit, proposal.year, proposal.reference_date)
        )
    quotas = quotas_for(wanted, exclude_conferments=exclude_conferments)
    return [QuotaLine(quota, adding[key]) for key, quota in quotas.items()]


def registration_quotas(*, registrations, year: int) -> list[QuotaLine]:
    """Registered people vs the quota, per unit and award whose rule (on 31/12 of
    ``year``) sets one: the base is the people registered for the base title (LĐTT is
    decided with the others at the year's end). ``registrations``: the registration lines
    to count (one campaign and year, scoped to the reader). Four queries at most."""
    # A person registers for a title once a year (registration_person_award_year).
    rows = list(
        registrations.filter(person__isnull=False)
        .values("unit_id", "unit__path", "award_id")
        .annotate(n=Count("person_id"))
        .order_by()
    )
    rules = rules_by_award({row["award_id"] for row in rows})
    on = default_reference_date(year)
    with_quota = {}
    for award_id in {row["award_id"] for row in rows}:
        rule = rule_on(rules, award_id, on)
        if rule is not None and rule.quota_percent is not None:
            with_quota[award_id] = rule
    if not with_quota:
        return []
    awards = Award.objects.in_bulk(
        set(with_quota) | {r.quota_base_id for r in with_quota.values() if r.quota_base_id}
    )
    lines = [row for row in rows if row["award_id"] in with_quota]
    units = Unit.objects.in_bulk({row["unit_id"] for row in lines})

    def total(award_id, unit_id, path, subtree) -> int:
        return sum(
            row["n"]
            for row in rows
            if row["award_id"] == award_id
            and (row["unit__path"].startswith(path) if subtree else row["unit_id"] == unit_id)
        )

    found = []
    for row in lines:
        rule = with_quota[row["award_id"]]
        rule.quota_base = awards.get(rule.quota_base_id)
        subtree, unit, path = rule.quota_include_subunits, row["unit_id"], row["unit__path"]
        quota = Quota(
            award=awards[row["award_id"]],
            rule=rule,
            unit=units[unit],
            year=year,
            base_count=total(rule.quota_base_id, unit, path, subtree),
            issued=0,
        )
        found.append(QuotaLine(quota, total(row["award_id"], unit, path, subtree)))
    found.sort(key=lambda line: (not line.exceeded, line.quota.unit.path, line.quota.award.order))
    return found
