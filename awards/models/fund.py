"""The award fund (quỹ thi đua, khen thưởng) of a unit for one conferring authority.

Money comes in as allocations (the admin enters them: amount, date, source) and goes out
as entries booked by issuing decisions: one per conferment, its cash amount. The books are
append-only: an amending or revoking decision books a reversal (a negative entry naming the
one it reverses), never an edit of a past entry. Amounts are whole đồng (``Decimal`` with
no decimals, like ``Conferment.cash_amount``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.catalogue.models import Authority
from awards.models.decisions import Conferment, Decision
from units.models import Unit

MONEY = {"max_digits": 15, "decimal_places": 0}


class Fund(models.Model):
    """The fund a unit keeps for the awards one authority confers (a ledger per year).

    Created by the admin (with its first allocation) or by the first decision that books
    into it: the decision's handling unit (or issuing unit) and its authority.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị quản lý quỹ"), on_delete=models.PROTECT, related_name="funds"
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("cấp khen thưởng"),
        on_delete=models.PROTECT,
        related_name="funds",
    )

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("quỹ thi đua, khen thưởng")
        verbose_name_plural = _("quỹ thi đua, khen thưởng")
        ordering = ["unit__path", "authority__order"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "authority"], name="fund_unit_authority")
        ]

    def __str__(self):
        return f"{self.unit} – {self.authority}"


class FundAllocation(models.Model):
    """Money put into the fund (nguồn): a budget allocation, a contribution, …"""

    fund = models.ForeignKey(
        Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="allocations"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    received_on = models.DateField(_("ngày"))
    amount = models.DecimalField(_("số tiền (đồng)"), validators=[MinValueValidator(1)], **MONEY)
    source = models.CharField(_("nguồn / nội dung"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)

    history = HistoricalRecords()

    scope_lookup = "fund__unit__path"

    class Meta:
        verbose_name = _("khoản cấp quỹ")
        verbose_name_plural = _("khoản cấp quỹ")
        ordering = ["received_on", "pk"]
        indexes = [models.Index(fields=["fund", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="fund_allocation_positive",
                violation_error_message=_("Số tiền phải lớn hơn 0."),
            )
        ]

    def __str__(self):
        return f"{self.source} ({self.received_on:%d/%m/%Y})"


class FundEntry(models.Model):
    """Money paid out of the fund for one conferment, or the reversal of such a payment.

    Written once, by ``awards.services.fund`` when a decision is issued; ``save`` refuses
    to change a stored entry (the books are corrected by a reversal, never edited).
    """

    fund = models.ForeignKey(
        Fund, verbose_name=_("quỹ"), on_delete=models.PROTECT, related_name="entries"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    booked_on = models.DateField(_("ngày"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        related_name="fund_entries",
    )
    conferment = models.ForeignKey(
        Conferment,
        verbose_name=_("khen thưởng"),
        on_delete=models.PROTECT,
        related_name="fund_entries",
    )
    # Spending is positive; a reversal is the negative of the entry it reverses.
    amount = models.DecimalField(_("số tiền chi (đồng)"), **MONEY)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("đảo bút toán"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    created_at = models.DateTimeField(_("thời điểm ghi sổ"), auto_now_add=True)

    scope_lookup = "fund__unit__path"

    class Meta:
        verbose_name = _("khoản chi quỹ")
        verbose_name_plural = _("khoản chi quỹ")
        ordering = ["booked_on", "pk"]
        indexes = [models.Index(fields=["fund", "year"])]

    def __str__(self):
        return f"{self.decision.number}: {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(
                _("Khoản chi đã ghi sổ không sửa được; hãy ghi bút toán đảo."), code="locked"
            )
        super().save(*args, **kwargs)
