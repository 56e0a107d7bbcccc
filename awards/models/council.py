"""Emulation & Rewards councils, their sessions, ballots and public notices."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models.proposals import Nominee
from thidua.core.text import DOCUMENT_MAX
from units.access import under
from units.models import Unit


class Council(models.Model):
    """The emulation and rewards council (Hội đồng TĐKT) of a unit."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="councils"
    )
    name = models.CharField(_("tên Hội đồng"), max_length=255)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CouncilMember",
        verbose_name=_("thành viên"),
        related_name="councils",
    )

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("Hội đồng thi đua – khen thưởng")
        verbose_name_plural = _("Hội đồng thi đua – khen thưởng")
        ordering = ["unit__path", "name"]

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch Hội đồng")
        VICE = "vice", _("Phó Chủ tịch Hội đồng")
        SECRETARY = "secretary", _("Thư ký Hội đồng")
        MEMBER = "member", _("Ủy viên")

    council = models.ForeignKey(
        Council, verbose_name=_("Hội đồng"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thành viên"),
        on_delete=models.CASCADE,
        related_name="council_memberships",
    )
    role = models.CharField(_("chức danh"), max_length=10, choices=Role.choices)
    is_active = models.BooleanField(_("đang là thành viên"), default=True)

    scope_lookup = "council__unit__path"

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["council", "role", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="council_member_once")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


class CouncilSession(models.Model):
    """A council meeting: planned → open (ballots) → closed (tally stored on nominees)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        OPEN = "open", _("Đang họp")
        CLOSED = "closed", _("Đã kết thúc")

    class Paper(models.TextChoices):
        """Kinds of the papers kept beside a session (thidua.core.attachments)."""

        MINUTES = "minutes", _("Biên bản họp Hội đồng")
        OTHER = "other", _("Văn bản khác")

    council = models.ForeignKey(
        Council, verbose_name=_("Hội đồng"), on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField(_("ngày họp"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    agenda = models.ManyToManyField(
        Nominee, through="AgendaItem", verbose_name=_("đề cử được xét"), related_name="sessions"
    )
    minutes = models.TextField(_("ghi chú biên bản"), blank=True, max_length=DOCUMENT_MAX)
    member_count = models.PositiveSmallIntegerField(
        _("tổng số thành viên"), null=True, blank=True, help_text=_("Chốt khi bắt đầu phiên họp.")
    )
    present_count = models.PositiveSmallIntegerField(
        _("số thành viên có mặt"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Papers kept beside it (thidua.core.attachments); they go with it.
    attachments = GenericRelation(
        "core.Attachment", content_type_field="holder_type", object_id_field="holder_id"
    )

    scope_lookup = "council__unit__path"
    scope_crosses_many = True

    @staticmethod
    def scope_q(paths, user=None) -> Q:
        """A session is seen in its council unit's scope and by the council's members."""
        condition = under(paths, "council__unit__path")
        if user is not None and user.is_authenticated:
            condition |= Q(council__memberships__user=user, council__memberships__is_active=True)
        return condition

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.council} – {self.date:%d/%m/%Y}"

    @property
    def unit(self) -> Unit:
        return self.council.unit


class AgendaItem(models.Model):
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=0)

    scope_lookup = "session__council__unit__path"

    class Meta:
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nominee"], name="agenda_item_once")
        ]

    def __str__(self):
        return f"{self.session} – {self.nominee}"


class Ballot(models.Model):
    """One member's secret vote on one nominee; visible to that member only until close."""

    class Vote(models.TextChoices):
        AGREE = "agree", _("Đồng ý")
        DISAGREE = "disagree", _("Không đồng ý")

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="ballots")
    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, related_name="ballots")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ballots"
    )
    vote = models.CharField(_("phiếu"), max_length=10, choices=Vote.choices)
    in_writing = models.BooleanField(_("phiếu bằng văn bản (vắng mặt)"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cast_at = models.DateTimeField(auto_now_add=True)

    scope_lookup = "session__council__unit__path"

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nominee", "member"],
                name="ballot_once",
                violation_error_message=_("Thành viên đã bỏ phiếu cho đề cử này."),
            )
        ]

    def __str__(self):
        return f"{self.session} – {self.nominee}"


class PublicNotice(models.Model):
    """Public posting of a nominee for comment (orders, CSTĐ toàn quốc) before the vote.

    ``ends_on`` is the last of ``working_days`` working days (Monday–Friday) from ``start``;
    the nominee may be voted from the next day.
    """

    nominee = models.ForeignKey(
        Nominee, verbose_name=_("đề cử"), on_delete=models.CASCADE, related_name="notices"
    )
    start = models.DateField(_("ngày bắt đầu"))
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    ends_on = models.DateField(_("ngày kết thúc"))
    channel = models.CharField(_("hình thức công khai"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_lookup = "nominee__proposal__proposing_unit__path"

    class Meta:
        verbose_name = _("lấy ý kiến công khai")
        verbose_name_plural = _("lấy ý kiến công khai")
        ordering = ["nominee", "-start"]

    def __str__(self):
        return f"{self.nominee}: {self.start:%d/%m/%Y} – {self.ends_on:%d/%m/%Y}"

    def has_ended(self, today: datetime.date) -> bool:
        return today > self.ends_on
