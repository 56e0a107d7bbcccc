"""Read side of the award fund: who sees which fund, and a year's ledger.

The ledger's spendings are aggregated per decision in SQL (a ministry's fund books
thousands of conferments a year): the page costs the same few queries however many
entries a year holds.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from awards.models import Fund, FundAllocation, FundEntry
from units.access import is_admin, restrict, under, user_roles
from units.models import UnitRole

ZERO = Decimal(0)


def fund_list(*, user) -> QuerySet:
    """Funds ``user`` may read: all for admins, those of the units they lead otherwise
    (a leader of a unit sees its subtree's funds); staff and council members see none."""
    rows = restrict(Fund.objects.select_related("unit", "authority"), user)
    if not is_admin(user):
        paths = [unit.path for unit, role in user_roles(user) if role == UnitRole.Role.LEADER]
        rows = rows.filter(under(paths, "unit__path")) if paths else rows.none()
    return rows.order_by("unit__path", "authority__order", "authority__name")


def _total(model, year: int):
    rows = (
        model.objects.filter(fund=OuterRef("pk"), year__lte=year)
        .order_by()
        .values("fund")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money = DecimalField(max_digits=15, decimal_places=0)
    return Coalesce(Subquery(rows, output_field=money), Value(ZERO), output_field=money)


def with_balance(funds: QuerySet, year: int) -> QuerySet:
    """``funds`` annotated with ``allocated``, ``spent`` and ``balance`` (up to the end of
    ``year``)."""
    return funds.annotate(
        allocated=_total(FundAllocation, year), spent=_total(FundEntry, year)
    ).annotate(balance=F("allocated") - F("spent"))


def fund_get(*, user, pk) -> Fund:
    """One fund for its ledger; outsiders get 404 (whether they may read it is
    ``may_read``: a unit's staff and council members see the fund exists, not its books)."""
    visible = restrict(Fund.objects.select_related("unit", "authority"), user)
    try:
        fund = visible.get(pk=pk)
    except (Fund.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    return fund


def may_read(fund: Fund, user) -> bool:
    return fund_list(user=user).filter(pk=fund.pk).exists()


@dataclass
class LedgerLine:
    """One line of the ledger: an allocation (``credit``) or a decision's spending or the
    reversal it books (``debit``, negative for a reversal), and the balance after it."""

    on: datetime.date
    text: str
    credit: Decimal = ZERO
    debit: Decimal = ZERO
    balance: Decimal = ZERO
    allocation: FundAllocation | None = None
    decision_id: int | None = None
    number: str = ""
    signed_on: datetime.date | None = None
    count: int = 0
    reversal: bool = False
    original_id: int | None = None
    original_number: str = ""


@dataclass
class Ledger:
    fund: Fund
    year: int
    opening: Decimal
    lines: list[LedgerLine] = field(default_factory=list)

    @property
    def allocated(self) -> Decimal:
        return sum((line.credit for line in self.lines), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def closing(self) -> Decimal:
        return self.opening + self.allocated - self.spent


def _opening(fund: Fund, year: int) -> Decimal:
    before = with_balance(Fund.objects.filter(pk=fund.pk), year - 1).values_list(
        "allocated", "spent"
    )
    allocated, spent = before.get()
    return allocated - spent


def _spendings(fund: Fund, year: int) -> list[dict]:
    """A year's entries summed per decision, reversals apart from spendings."""
    reversal = Case(
        When(reverses__isnull=False, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return list(
        FundEntry.objects.filter(fund=fund, year=year)
        .annotate(reversal=reversal)
        .values(
            "booked_on",
            "decision_id",
            "decision__number",
            "decision__signed_on",
            "decision__amends_id",
            "decision__amends__number",
            "decision__revokes_id",
            "decision__revokes__number",
            "reversal",
        )
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("booked_on", "decision_id", "reversal")
    )


def fund_ledger(*, fund: Fund, year: int) -> Ledger:
    """The ledger of ``fund`` for ``year``: opening balance (all earlier years), the
    allocations and the decisions' spendings in date order (allocations first on a day),
    the running balance and the closing balance. Four queries."""
    ledger = Ledger(fund=fund, year=year, opening=_opening(fund, year))
    lines = [
        LedgerLine(on=a.received_on, text=a.source, credit=a.amount, allocation=a)
        for a in FundAllocation.objects.filter(fund=fund, year=year).order_by("received_on", "pk")
    ]
    for row in _spendings(fund, year):
        original = "amends" if row["decision__amends_id"] else "revokes"
        lines.append(
            LedgerLine(
                on=row["booked_on"],
                text="",
                debit=row["total"],
                decision_id=row["decision_id"],
                number=row["decision__number"],
                signed_on=row["decision__signed_on"],
                count=row["count"],
                reversal=row["reversal"],
                original_id=row[f"decision__{original}_id"] if row["reversal"] else None,
                original_number=row[f"decision__{original}__number"] or "",
            )
        )
    # Stable: allocations (listed first) stay ahead of spendings of the same day.
    lines.sort(key=lambda line: line.on)
    balance = ledger.opening
    for line in lines:
        balance += line.credit - line.debit
        line.balance = balance
    ledger.lines = lines
    return ledger


def ledger_details(*, fund: Fund, year: int) -> QuerySet:
    """Every entry of the year, with its recipient and award (the export's second sheet)."""
    return (
        FundEntry.objects.filter(fund=fund, year=year)
        .select_related("decision", "conferment__person", "conferment__unit", "conferment__award")
        .order_by("booked_on", "decision_id", "pk")
    )


def fund_years(fund: Fund) -> list[int]:
    """The years the fund has anything booked in, newest first."""
    years = set(FundAllocation.objects.filter(fund=fund).values_list("year", flat=True))
    years |= set(FundEntry.objects.filter(fund=fund).values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)
