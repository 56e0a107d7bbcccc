"""Registrations (đăng ký danh hiệu) of units and people for a campaign year."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import Award
from campaigns.models.campaigns import Campaign
from thidua.core.text import NOTE_MAX
from units.models import Person, Unit


class Registration(models.Model):
    """A unit's or a person's registration (đăng ký) for an award in a campaign year.

    ``unit`` is the collective itself, or the person's unit when registered: the unit whose
    staff and leaders handle the line. Collective lines have no ``person``.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã gửi")
        ACCEPTED = "accepted", _("Đã duyệt")
        RETURNED = "returned", _("Bị trả lại")

    EDITABLE_STATES = (Status.DRAFT, Status.RETURNED)
    SENT_STATES = (Status.SUBMITTED, Status.ACCEPTED)

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("phong trào"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    award = models.ForeignKey(
        Award,
        verbose_name=_("danh hiệu / hình thức"),
        on_delete=models.PROTECT,
        related_name="campaign_registrations",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="campaign_registrations",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaign_registrations",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    note = models.TextField(_("ghi chú"), blank=True, max_length=NOTE_MAX)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày lập"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["campaign", "year", "unit__path", "person__search_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "award", "year"],
                condition=Q(person__isnull=False),
                name="registration_person_award_year",
                violation_error_message=_("Cá nhân đã được đăng ký danh hiệu này trong năm."),
            ),
            models.UniqueConstraint(
                fields=["unit", "award", "year"],
                condition=Q(person__isnull=True),
                name="registration_unit_award_year",
                violation_error_message=_("Tập thể đã được đăng ký danh hiệu này trong năm."),
            ),
        ]
        indexes = [models.Index(fields=["campaign", "year", "status"])]

    def __str__(self):
        return f"{self.subject} – {self.award} ({self.year})"

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATES


# --- Scoring and ranking (chấm điểm, xếp hạng thi đua) -------------------------------------
# Services, selectors and the ranking live in ``campaigns.scoring``.
