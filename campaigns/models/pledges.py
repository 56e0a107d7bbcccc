"""Pledges (giao ước thi đua) of a grouping for a year, and their signatures."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models.campaigns import Campaign
from units.models import Cluster, Unit


class Pledge(models.Model):
    """A grouping's yearly pledge (giao ước thi đua), signed by each member unit."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("khối/cụm"), on_delete=models.PROTECT, related_name="pledges"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("thực hiện phong trào"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    content = models.TextField(_("nội dung"))
    commitments = models.TextField(
        _("các cam kết"), blank=True, help_text=_("Mỗi cam kết một dòng.")
    )
    place = models.CharField(_("địa điểm ký kết"), max_length=100, blank=True)
    signing_date = models.DateField(_("ngày ký kết"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    scope_lookup = "cluster__memberships__unit__path"

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["-year", "cluster__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"],
                name="pledge_one_per_cluster_year",
                violation_error_message=_("Khối/cụm đã có giao ước thi đua của năm này."),
            )
        ]

    def __str__(self):
        return f"{self.title} – {self.cluster}"

    @property
    def commitment_list(self) -> list[str]:
        return [line.strip() for line in self.commitments.splitlines() if line.strip()]


class PledgeSignature(models.Model):
    """A member unit's signature: signed in the app by its leader, or recorded by an admin."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="signatures"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="pledge_signatures"
    )
    signed_on = models.DateField(_("ngày ký"))
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản ký"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Trống khi quản trị viên ghi nhận chữ ký thay đơn vị."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("chữ ký giao ước")
        verbose_name_plural = _("chữ ký giao ước")
        ordering = ["pledge", "signed_on", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "unit"],
                name="pledge_signed_once_per_unit",
                violation_error_message=_("Đơn vị đã ký giao ước này."),
            )
        ]

    def __str__(self):
        return f"{self.unit} – {self.signer_name} ({self.signed_on:%d/%m/%Y})"
