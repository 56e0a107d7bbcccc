"""The cash amount of an award (tiền thưởng): the rule's ``cash_multiplier`` × the base salary
in force on the decision's date (awards.catalogue.salary).

One function for every place that needs it: ``_confer`` stores it on each new conferment,
and the award fund previews what a draft decision would spend with the same numbers.
"""

import datetime
from decimal import Decimal

from awards.catalogue.salary import base_salary_on
from awards.catalogue.selectors import rule_on, rules_by_award


def cash_amounts(nominees, on: datetime.date) -> dict[int, Decimal | None]:
    """Nominee pk → the cash its award carries (whole đồng) on a decision dated ``on``: the
    multiple of the rule version in force on the proposal's reference date × the base salary
    in force on ``on``; ``None`` when the rule sets no amount or no base salary is known.
    Two queries (the rules, the salary); the nominees need ``proposal`` loaded."""
    rules = rules_by_award(n.award_id for n in nominees)
    salary = base_salary_on(on) if nominees else None
    found = {}
    for nominee in nominees:
        rule = rule_on(rules, nominee.award_id, nominee.proposal.reference_date)
        multiple = rule.cash_multiplier if rule else None
        cash = multiple * salary if multiple and salary is not None else None
        found[nominee.pk] = cash.quantize(Decimal("1")) if cash is not None else None
    return found
