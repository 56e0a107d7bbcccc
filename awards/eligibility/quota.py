"""The per-unit quota of a title, e.g. CSTĐCS ≤ 15 % of the unit's LĐTT that year."""

import datetime
import math
from decimal import Decimal

from django.db.models import Q

from awards.catalogue.models import Award
from awards.eligibility import text
from awards.eligibility.context import Context, default_reference_date
from awards.eligibility.rules import no_rule_check
from awards.eligibility.text import _
from awards.eligibility.verdict import Check, CheckCode, CheckStatus
from awards.models import Conferment, Decision
from units.access import under
from units.models import Person, Unit


def quota_base_count(*, rule, unit: Unit, year: int, include_subunits: bool = False) -> int:
    """People of the unit holding the quota's base title that year (or its headcount)."""
    where = under([unit.path], "unit__path") if include_subunits else Q(unit=unit)
    if rule.quota_base_id is None:
        return Person.objects.filter(where).count()
    return (
        Conferment.objects.filter(
            where,
            award_id=rule.quota_base_id,
            year=year,
            person__isnull=False,
            revoked=False,
            decision__status=Decision.Status.ISSUED,
        )
        .values("person_id")
        .distinct()
        .count()
    )


def quota_check(
    *,
    award: Award,
    unit: Unit,
    year: int,
    proposed_count: int,
    on: datetime.date | None = None,
    base_count: int | None = None,
    include_subunits: bool = False,
) -> Check:
    """Whether proposing ``proposed_count`` people keeps within the rule's quota.

    ``base_count`` overrides the count from conferments, for when the base titles (LĐTT)
    are decided in the same batch as the proposal. Exceeding the quota is a warning with
    the numbers: "Đề nghị 5 CSTĐCS / 20 LĐTT = 25 % > 15 % — vượt tỷ lệ, tối đa 3".
    """
    on = on or default_reference_date(year)
    rule = award.rule_on(on)
    if rule is None:
        return no_rule_check(Context(award=award, year=year, on=on, rule=None))
    name = award.short_name or award.name
    if rule.quota_percent is None:
        message = _("Không quy định tỷ lệ tối đa cho %(award)s") % {"award": name}
        return Check(CheckCode.QUOTA, CheckStatus.PASS, message)
    if base_count is None:
        base_count = quota_base_count(
            rule=rule, unit=unit, year=year, include_subunits=include_subunits
        )
    base = rule.quota_base
    values = {
        "k": proposed_count,
        "award": name,
        "n": base_count,
        "base": (base.short_name or base.name) if base else _("cán bộ"),
        "pct": text.percent(rule.quota_percent),
        "year": year,
        "max": math.floor(Decimal(base_count) * rule.quota_percent / 100),
    }
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
