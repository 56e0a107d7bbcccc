"""The cash amount of an award (tiền thưởng): the rule's ``cash_multiplier`` × the base salary.

One function for every place that needs it: ``_confer`` stores it on each new conferment,
and the award fund previews what a draft decision would spend with the same numbers.
"""

from decimal import Decimal

from django.conf import settings

from awards.catalogue.selectors import rule_on, rules_by_award

# Mức lương cơ sở from 01/07/2024 (Decree 73/2024/NĐ-CP); override in settings.
DEFAULT_BASE_SALARY = Decimal("2340000")


def base_salary() -> Decimal:
    return Decimal(getattr(settings, "THIDUA_BASE_SALARY", DEFAULT_BASE_SALARY))


def cash_amounts(nominees) -> dict[int, Decimal | None]:
    """Nominee pk → the cash its award carries (whole đồng), by the rule version in force
    on the proposal's reference date; ``None`` when the rule sets no amount. One query
    (the rules); the nominees need ``proposal`` loaded."""
    rules = rules_by_award(n.award_id for n in nominees)
    salary = base_salary()
    found = {}
    for nominee in nominees:
        rule = rule_on(rules, nominee.award_id, nominee.proposal.reference_date)
        cash = rule.cash_multiplier * salary if rule and rule.cash_multiplier else None
        found[nominee.pk] = cash.quantize(Decimal("1")) if cash is not None else None
    return found
