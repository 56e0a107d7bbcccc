"""The award fund (quỹ thi đua, khen thưởng): allocations in, decisions' cash amounts out.

A decision books into the fund of its unit (the handling unit, else the issuing unit) for
its authority, in the year it is signed: one entry per conferment carrying a cash amount
(``Conferment.cash_amount``, computed by ``awards.services.cash``). A decision that amends
or revokes another books, for every conferment it withdraws, the reversal of that
conferment's entry (a negative amount naming it), in the fund the entry was booked in.

A balance is everything allocated minus everything spent up to the end of a year; a
decision that would leave it below zero is issued all the same (no rule found makes the
award depend on the fund: the office must top the fund up), and the issue's audit entry
records the shortfall. The decision's page shows it before issuing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from awards.models import Conferment, Decision, Fund, FundAllocation, FundEntry
from awards.services.cash import cash_amounts
from units.access import is_admin

ZERO = Decimal(0)


def money(value) -> str:
    """2340000 → "2.340.000 đồng" (Vietnamese thousand separators, whole đồng)."""
    amount = int(value or 0)
    digits = f"{abs(amount):,}".replace(",", ".")
    return f"{'-' if amount < 0 else ''}{digits} đồng"


def _require_admin(by, action: str) -> None:
    if not is_admin(by):
        raise ValidationError(_("Chỉ quản trị viên mới %(action)s.") % {"action": action})


def fund_balance(*, fund: Fund | None, year: int) -> Decimal:
    """What is left in the fund at the end of ``year`` (two aggregate queries)."""
    if fund is None or fund.pk is None:
        return ZERO
    allocated = FundAllocation.objects.filter(fund=fund, year__lte=year).aggregate(
        total=Sum("amount")
    )["total"]
    spent = FundEntry.objects.filter(fund=fund, year__lte=year).aggregate(total=Sum("amount"))[
        "total"
    ]
    return (allocated or ZERO) - (spent or ZERO)


@dataclass
class FundCheck:
    """What issuing a decision does to its fund: balance before and after its spending."""

    unit: object
    authority: object
    fund: Fund | None
    year: int
    balance: Decimal
    cost: Decimal

    @property
    def after(self) -> Decimal:
        return self.balance - self.cost

    @property
    def overdrawn(self) -> bool:
        return self.cost > 0 and self.after < 0

    def message(self) -> str:
        return _(
            "Quỹ thi đua, khen thưởng của %(unit)s (%(authority)s) năm %(year)s không đủ: "
            "số dư %(balance)s, quyết định chi %(cost)s, thiếu %(short)s."
        ) % {
            "unit": self.unit,
            "authority": self.authority,
            "year": self.year,
            "balance": money(self.balance),
            "cost": money(self.cost),
            "short": money(-self.after),
        }


def _fund_of(decision: Decision) -> Fund | None:
    return Fund.objects.filter(unit=decision.unit, authority_id=decision.authority_id).first()


def decision_fund_check(*, decision: Decision, nominees, withdrawn=()) -> FundCheck:
    """The fund ``decision`` books into and what it would spend there: the cash amounts of
    ``nominees`` less the entries of the ``withdrawn`` conferments booked in that fund."""
    fund = _fund_of(decision)
    year = decision.signed_on.year
    cost = sum((c for c in cash_amounts(nominees, decision.signed_on).values() if c), ZERO)
    if fund is not None and withdrawn:
        refunds = _live_entries(withdrawn).filter(fund=fund).aggregate(total=Sum("amount"))
        cost -= refunds["total"] or ZERO
    return FundCheck(
        unit=decision.unit,
        authority=decision.authority,
        fund=fund,
        year=year,
        balance=fund_balance(fund=fund, year=year),
        cost=cost,
    )


def _live_entries(conferments):
    """The spending entries of ``conferments`` not reversed yet."""
    return FundEntry.objects.filter(
        conferment__in=[c.pk for c in conferments], amount__gt=0, reversed_by__isnull=True
    )


def fund_book_decision(
    *, decision: Decision, conferments: list[Conferment], withdrawn: list[Conferment]
) -> list[FundEntry]:
    """Book an issued decision: its conferments' cash amounts, and the reversal of the
    entries of the conferments it withdraws. Called by the decision services inside the
    issue's transaction; nothing is booked for a conferment without a cash amount."""
    on = decision.signed_on
    rows = [
        FundEntry(
            fund=entry.fund,
            year=on.year,
            booked_on=on,
            decision=decision,
            conferment_id=entry.conferment_id,
            amount=-entry.amount,
            reverses=entry,
        )
        for entry in _live_entries(withdrawn).select_related("fund").order_by("pk")
    ]
    paid = [c for c in conferments if c.cash_amount]
    if paid:
        fund, _created = Fund.objects.get_or_create(
            unit=decision.unit, authority_id=decision.authority_id
        )
        rows += [
            FundEntry(
                fund=fund,
                year=on.year,
                booked_on=on,
                decision=decision,
                conferment=c,
                amount=c.cash_amount,
            )
            for c in paid
        ]
    return FundEntry.objects.bulk_create(rows)


def fund_overdraw_comment(*, decision: Decision, nominees, withdrawn) -> str:
    """What the audit entry of an issue records when it overdraws the fund, or ""."""
    check = decision_fund_check(decision=decision, nominees=nominees, withdrawn=withdrawn)
    return check.message() if check.overdrawn else ""


@transaction.atomic
def fund_open(*, by, unit, authority) -> Fund:
    """The fund of ``unit`` for ``authority``, opened if it is not yet (admins only)."""
    _require_admin(by, _("mở sổ quỹ thi đua, khen thưởng"))
    fund, _created = Fund.objects.get_or_create(unit=unit, authority=authority)
    return fund


def _check_allocation(allocation: FundAllocation) -> None:
    allocation.source = (allocation.source or "").strip()
    errors = {}
    if allocation.amount is None or allocation.amount <= 0:
        errors["amount"] = _("Số tiền phải lớn hơn 0.")
    elif allocation.amount != allocation.amount.to_integral_value():
        errors["amount"] = _("Số tiền tính bằng đồng, không có phần lẻ.")
    if not allocation.source:
        errors["source"] = _("Ghi rõ nguồn hoặc nội dung cấp quỹ.")
    if errors:
        raise ValidationError(errors)
    allocation.year = allocation.received_on.year


@transaction.atomic
def fund_allocation_add(
    *, by, fund: Fund, amount: Decimal, received_on: datetime.date, source: str
) -> FundAllocation:
    """Record money put into the fund (admins only); it counts in the year of its date."""
    _require_admin(by, _("nhập khoản cấp quỹ"))
    allocation = FundAllocation(
        fund=fund, amount=amount, received_on=received_on, source=source, created_by=by
    )
    _check_allocation(allocation)
    allocation._history_user = by  # the field history's "who" outside a request too
    allocation.save()
    return allocation


@transaction.atomic
def fund_allocation_update(*, by, allocation: FundAllocation, **fields) -> FundAllocation:
    """Correct an allocation's ``amount``, ``received_on`` or ``source`` (admins only); the
    field history keeps what it was."""
    _require_admin(by, _("sửa khoản cấp quỹ"))
    unknown = set(fields) - {"amount", "received_on", "source"}
    if unknown:
        raise TypeError(f"fund_allocation_update() got unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(allocation, name, value)
    _check_allocation(allocation)
    allocation._history_user = by
    allocation.save()
    return allocation
