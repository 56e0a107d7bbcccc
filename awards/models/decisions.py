"""Decisions and the award records (conferments) they create, and notifications."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.catalogue.conferring import check_may_confer
from awards.catalogue.models import Authority, Award, LegalDocument
from awards.models.documents import SignerAuthority
from awards.models.proposals import Proposal
from thidua.core.text import ACHIEVEMENT_MAX, SUMMARY_MAX
from units.models import Initiative, Person, Unit


class Decision(models.Model):
    """A decision conferring awards (quyết định khen thưởng).

    Created as a draft by ``awards.services.decision_draft``; once issued it is immutable
    (``save`` refuses): a correction is a new decision that ``amends`` or ``revokes`` it.
    Rows written in bulk (demo data, imports) default to issued.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")
        REVOKED = "revoked", _("Đã hủy bỏ")

    class Paper(models.TextChoices):
        """Kinds of the papers kept beside a decision (thidua.core.attachments)."""

        SIGNED_SCAN = "signed_scan", _("Bản scan có chữ ký")
        ANNEX = "annex", _("Phụ lục")
        OTHER = "other", _("Văn bản khác")

    authority = models.ForeignKey(
        Authority,
        verbose_name=_("cấp khen thưởng"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    issuing_unit = models.ForeignKey(
        Unit,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="issued_decisions",
    )
    handling_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị quản lý hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_decisions",
        help_text=_(
            "Đơn vị nhập và quản lý quyết định trên hệ thống, ví dụ Bộ Tư pháp với "
            "quyết định của Thủ tướng Chính phủ; để trống nếu là cơ quan ban hành."
        ),
    )
    number = models.CharField(_("số, ký hiệu"), max_length=50)
    year = models.PositiveSmallIntegerField(_("năm ban hành"))
    signed_on = models.DateField(_("ngày ký"))
    place = models.CharField(_("địa danh"), max_length=100, default="Hà Nội")
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150)
    signer_authority = models.CharField(
        _("thẩm quyền ký"),
        max_length=6,
        choices=SignerAuthority.choices,
        default=SignerAuthority.OWN,
        blank=True,
        help_text=_("KT., TM., Q., TL., TUQ. in trước chức vụ ở phần chữ ký."),
    )
    proposed_by = models.CharField(
        _("theo đề nghị của"),
        max_length=200,
        blank=True,
        help_text=_(
            'Ví dụ "Vụ trưởng Vụ Thi đua - Khen thưởng"; để trống để dùng thông tin của cơ quan '
            "ban hành."
        ),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.ISSUED
    )
    summary = models.TextField(_("trích yếu / lý do"), blank=True, max_length=SUMMARY_MAX)
    legal_bases = models.ManyToManyField(
        LegalDocument, verbose_name=_("căn cứ pháp lý"), blank=True, related_name="decisions"
    )
    recipients = models.ManyToManyField(
        "Nominee",
        verbose_name=_("danh sách được khen thưởng"),
        blank=True,
        related_name="decisions",
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("sửa đổi, bổ sung quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    revokes = models.ForeignKey(
        "self",
        verbose_name=_("hủy bỏ quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("thời điểm ban hành trên hệ thống"), null=True, blank=True)
    # When the decision's awards were sent to the national database of cadres, civil servants
    # and public employees (Decree 27/2026/NĐ-CP: within 3 working days of the decision). Set
    # by an admin (the decisions' admin action); written with a queryset update, since an
    # issued decision is otherwise immutable.
    synced_on = models.DateField(
        _("ngày đồng bộ CSDL quốc gia"), null=True, blank=True, editable=False
    )
    # Whether the public list of awards (``awards.publication``, Law on Emulation and
    # Commendation: công khai) shows its recipients. Set by an admin, off by default; written
    # with a queryset update like ``synced_on``. Only issued decisions are ever shown.
    published = models.BooleanField(_("công khai"), default=False, editable=False)

    history = HistoricalRecords()
    # Papers kept beside it (thidua.core.attachments); they go with it.
    attachments = GenericRelation(
        "core.Attachment", content_type_field="holder_type", object_id_field="holder_id"
    )

    # The handling unit owns a decision another body issued (the ministry enters the Prime
    # Minister's); the issuing unit owns its own.
    scope_lookup = ("handling_unit__path", "issuing_unit__path")

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-signed_on", "number"]
        # The public list reads the few published decisions, newest first.
        indexes = [
            models.Index(
                fields=["-signed_on", "number"],
                condition=Q(published=True),
                name="decision_published",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "issuing_unit", "year", "number"],
                name="decision_number_unique",
                violation_error_message=_("Số quyết định đã tồn tại trong năm."),
            ),
            models.CheckConstraint(
                condition=Q(amends__isnull=True) | Q(revokes__isnull=True),
                name="decision_amends_or_revokes",
                violation_error_message=_("Một quyết định chỉ sửa đổi hoặc hủy bỏ, không cả hai."),
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_status = dict(zip(field_names, values, strict=True)).get("status")
        return instance

    @property
    def is_locked(self) -> bool:
        """Issued or revoked as stored in the database: no field may change any more."""
        return getattr(self, "_stored_status", None) in (self.Status.ISSUED, self.Status.REVOKED)

    @property
    def unit(self) -> Unit:
        """The unit whose staff handle the decision in the system (workflow role checks)."""
        return self.handling_unit or self.issuing_unit

    def clean(self):
        super().clean()
        if self.is_locked:
            raise ValidationError(DECISION_LOCKED)

    def save(self, *args, **kwargs):
        if self.is_locked:
            raise ValidationError(DECISION_LOCKED, code="locked")
        super().save(*args, **kwargs)


DECISION_LOCKED = _(
    "Quyết định đã ban hành không thể sửa; hãy ban hành quyết định sửa đổi, bổ sung hoặc hủy bỏ."
)


class Conferment(models.Model):
    """The award record: who received what, for which year, by which decision.

    One achievement, one reward: an achievement is (subject, award, year), and
    ``decision_issue`` refuses a second live conferment of it (no database constraint:
    imported and seeded history may hold several). ``nominee`` links the record to the
    proposal it came from; ``revoked_by`` names the decision that withdrew it.
    """

    decision = models.ForeignKey(
        Decision, verbose_name=_("quyết định"), on_delete=models.PROTECT, related_name="conferments"
    )
    award = models.ForeignKey(
        Award,
        verbose_name=_("danh hiệu / hình thức"),
        on_delete=models.PROTECT,
        related_name="conferments",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferments",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("tập thể / đơn vị"),
        on_delete=models.PROTECT,
        related_name="conferments",
        help_text=_("Tập thể được khen, hoặc đơn vị của cá nhân tại thời điểm khen."),
    )
    position = models.CharField(_("chức vụ khi được khen"), max_length=150, blank=True)
    year = models.PositiveSmallIntegerField(_("năm thành tích"), db_index=True)
    achievement = models.TextField(_("thành tích"), blank=True, max_length=ACHIEVEMENT_MAX)
    revoked = models.BooleanField(_("đã bị hủy"), default=False)
    revoked_by = models.ForeignKey(
        Decision,
        verbose_name=_("hủy theo quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="withdrawn_conferments",
    )
    nominee = models.ForeignKey(
        "Nominee",
        verbose_name=_("theo đề cử"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferments",
    )
    cash_amount = models.DecimalField(
        _("tiền thưởng (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    # One achievement, one reward: what the eligibility engine counted when the decision was
    # issued. An earlier award or an initiative relied on by a live reward is not counted
    # again for the same subject (``awards.eligibility``).
    relied_on = models.ManyToManyField(
        "self",
        verbose_name=_("đã xét dựa trên khen thưởng"),
        symmetrical=False,
        blank=True,
        related_name="relied_on_by",
    )
    relied_on_initiatives = models.ManyToManyField(
        Initiative,
        verbose_name=_("đã xét dựa trên sáng kiến"),
        blank=True,
        related_name="relied_on_by",
    )

    history = HistoricalRecords()

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("khen thưởng đã trao")
        verbose_name_plural = _("khen thưởng đã trao")
        ordering = ["-year", "award__order"]
        indexes = [
            models.Index(fields=["award", "year"]),
            models.Index(fields=["person", "year"]),
        ]

    def __str__(self):
        return f"{self.award} – {self.person or self.unit} ({self.year})"

    @property
    def recipient(self):
        return self.person or self.unit

    def clean(self):
        """The decision's authority must be one that may confer the award on its date."""
        super().clean()
        if self.award_id and self.decision_id:
            decision = self.decision
            check_may_confer(award=self.award, authority=decision.authority, on=decision.signed_on)

    @property
    def is_void(self) -> bool:
        """Revoked itself, or given by a decision since revoked (or never issued)."""
        return self.revoked or self.decision.status != Decision.Status.ISSUED


# --- Proposals, councils and their votes ----------------------------------------------------


class Notification(models.Model):
    """An in-app message to a unit (its staff and leaders see it), e.g. a decision issued."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(_("nội dung"), max_length=500)
    link = models.CharField(_("liên kết"), max_length=255, blank=True)
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text
