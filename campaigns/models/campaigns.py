"""Campaigns (phong trào thi đua), their phases and targets, and who they reach."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import Award
from thidua.core.text import DOCUMENT_MAX, search_key
from units.access import under
from units.models import Cluster, Unit


def ancestor_ids(path: str) -> list[int]:
    """The primary keys on a materialised path, root first: "/1/7/42/" -> [1, 7, 42]."""
    return [int(part) for part in path.strip("/").split("/") if part]


def touching_units(paths: list[str]) -> Q:
    """Units whose subtree overlaps one of ``paths``: inside it, or one of its ancestors."""
    ancestors = sorted({pk for path in paths for pk in ancestor_ids(path)})
    return under(paths) | Q(pk__in=ancestors)


class Campaign(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Thường xuyên")
        THEMED = "themed", _("Chuyên đề")
        PEAK = "peak", _("Đợt cao điểm")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        OPEN = "open", _("Đang triển khai")
        CLOSED = "closed", _("Đã đóng")

    class Paper(models.TextChoices):
        """Kinds of the papers kept beside a campaign (thidua.core.attachments)."""

        LAUNCH_DECISION = "launch_decision", _("Quyết định phát động")
        PLAN = "plan", _("Kế hoạch phát động")
        OTHER = "other", _("Văn bản khác")

    name = models.CharField(_("tên phong trào"), max_length=500)
    authority_name = models.CharField(
        _("cơ quan phát động"),
        max_length=255,
        blank=True,
        help_text=_("Ghi khi cơ quan phát động không phải là một đơn vị trong hệ thống."),
    )
    launched_by = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị phát động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="launched_campaigns",
    )
    kind = models.CharField(_("loại phong trào"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("nội dung"), blank=True, max_length=DOCUMENT_MAX)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    registration_deadline = models.DateField(_("hạn đăng ký"), null=True, blank=True)
    scope_units = models.ManyToManyField(
        Unit,
        verbose_name=_("đơn vị trong phạm vi"),
        blank=True,
        related_name="campaigns_in_scope",
        help_text=_("Mỗi đơn vị gồm cả các đơn vị trực thuộc."),
    )
    scope_clusters = models.ManyToManyField(
        Cluster,
        verbose_name=_("khối/cụm trong phạm vi"),
        blank=True,
        related_name="campaigns",
        help_text=_("Các đơn vị là thành viên của khối/cụm trong từng năm."),
    )
    awards = models.ManyToManyField(
        Award,
        verbose_name=_("danh hiệu, hình thức được đăng ký"),
        blank=True,
        related_name="campaigns",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    search_key = models.CharField(max_length=500, editable=False, db_index=True)
    # Papers kept beside it (thidua.core.attachments); they go with it.
    attachments = GenericRelation(
        "core.Attachment", content_type_field="holder_type", object_id_field="holder_id"
    )

    # Admin lists keep campaigns for admins: only ``scope_lookup`` models are scoped there.
    scope_crosses_many = True

    @staticmethod
    def scope_q(paths, user=None) -> Q:
        """Campaigns whose scope touches the user's units, or launched by one of them.

        A scope unit covers its subtree, so a campaign of the ministry reaches every office
        and a campaign of one province is seen by the ministry above it. Drafts are seen
        only by the launching unit's subtree (and admins).
        """
        launched = under(paths, "launched_by__path")
        units = Unit.objects.filter(touching_units(paths))
        reached = Q(scope_units__in=units) | Q(
            scope_clusters__memberships__unit__in=units,
            scope_clusters__memberships__year__gte=F("start_date__year"),
            scope_clusters__memberships__year__lte=F("end_date__year"),
        )
        return launched | (reached & ~Q(status=Campaign.Status.DRAFT))

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="campaign_end_after_start",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True)
                | Q(registration_deadline__lte=F("end_date")),
                name="campaign_deadline_in_period",
                violation_error_message=_("Hạn đăng ký phải trước ngày kết thúc phong trào."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        """The constraints' checks, on the field a user must fix."""
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})
        deadline = self.registration_deadline
        if deadline and self.end_date and deadline > self.end_date:
            raise ValidationError(
                {"registration_deadline": _("Hạn đăng ký phải trước ngày kết thúc phong trào.")}
            )

    @property
    def authority(self) -> str:
        return self.authority_name or (self.launched_by.name if self.launched_by_id else "")

    @property
    def years(self) -> list[int]:
        return list(range(self.start_date.year, self.end_date.year + 1))

    @property
    def is_multi_year(self) -> bool:
        return self.start_date.year != self.end_date.year

    def default_year(self, today: datetime.date) -> int:
        """The year a registration screen opens on: this year, kept inside the period."""
        return min(max(today.year, self.start_date.year), self.end_date.year)

    def deadline_passed(self, today: datetime.date) -> bool:
        return self.registration_deadline is not None and today > self.registration_deadline


class CampaignPhase(models.Model):
    """A phase (đợt) of a campaign, e.g. phase 1 to 30/6 and phase 2 from 1/7."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField(_("tên đợt"), max_length=100)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("đợt thi đua")
        verbose_name_plural = _("các đợt thi đua")
        ordering = ["campaign", "order", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="campaign_phase_end_after_start",
                violation_error_message=_("Ngày kết thúc của đợt phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.start_date:%d/%m/%Y} – {self.end_date:%d/%m/%Y})"


class CampaignTarget(models.Model):
    """A measurable target (chỉ tiêu), e.g. "Tỷ lệ việc thi hành xong" ≥ 80 %."""

    class Comparator(models.TextChoices):
        AT_LEAST = "gte", "≥"
        MORE_THAN = "gt", ">"
        AT_MOST = "lte", "≤"
        LESS_THAN = "lt", "<"
        EQUAL = "eq", "="

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), on_delete=models.CASCADE, related_name="targets"
    )
    name = models.CharField(_("chỉ tiêu"), max_length=255)
    comparator = models.CharField(
        _("so sánh"), max_length=3, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    threshold = models.DecimalField(_("mức"), max_digits=14, decimal_places=2)
    measure = models.CharField(_("đơn vị tính"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["campaign", "order", "pk"]

    def __str__(self):
        threshold = f"{self.threshold.normalize():f}".replace(".", ",")
        measure = f" {self.measure}" if self.measure else ""
        return f"{self.name} {self.get_comparator_display()} {threshold}{measure}"
