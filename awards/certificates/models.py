"""Certificate templates, their placement on pre-printed blanks, the certificate register, and
the templates of drafted documents (tờ trình, dự thảo quyết định), worded the same way.

A template (mẫu) belongs to one catalogue entry, or, without an entry, is the default of its
kind. Its wording names fields such as ``{recipient_name}`` (``FIELDS``). A certificate is the
register line (số vào sổ) of one conferment: numbered once, sequentially per conferring body
(the catalogue authority and the decision's issuing unit) and year; every print, the first
and each reprint, is a ``CertificatePrint``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.catalogue.models import Authority, Award
from awards.certificates import document_defaults
from awards.certificates.fields import DOCUMENT_FIELDS, FIELD_CHOICES, FIELDS
from awards.certificates.wording import placement_error, wording_errors
from awards.models import Conferment
from units.models import Unit


class Kind(models.TextChoices):
    BANG_KHEN = "bang_khen", _("Bằng khen")
    GIAY_KHEN = "giay_khen", _("Giấy khen")
    TITLE_INDIVIDUAL = "title_individual", _("Danh hiệu cá nhân (Chiến sĩ thi đua, LĐTT)")
    TITLE_COLLECTIVE = "title_collective", _("Danh hiệu tập thể (Tập thể LĐXS, LĐTT)")
    FLAG = "flag", _("Cờ thi đua")


class CertificateTemplate(models.Model):
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    award = models.OneToOneField(
        Award,
        verbose_name=_("danh hiệu / hình thức"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="certificate_template",
        help_text=_("Để trống: mẫu mặc định của loại, dùng cho mọi mục chưa có mẫu riêng."),
    )
    heading = models.TextField(_("dòng đầu (người tặng)"), default="{authority_heading}")
    title = models.TextField(_("tiêu đề"), default="TẶNG BẰNG KHEN")
    recipient = models.TextField(
        _("người / tập thể được khen"), default="{honorific} {recipient_name}"
    )
    details = models.TextField(_("chức vụ, đơn vị"), blank=True, default="{position_unit}")
    body = models.TextField(_("nội dung thành tích"), blank=True, default="{achievement}")
    reference = models.TextField(
        _("góc trái (quyết định, số vào sổ)"),
        blank=True,
        default=(
            "Quyết định số {decision_number} ngày {decision_date}\nSố vào sổ: {register_number}"
        ),
    )
    signature = models.TextField(
        _("góc phải (nơi ký, chức vụ, người ký)"),
        blank=True,
        default="{place_date}\n{signer_position}\n\n\n{signer_name}",
    )
    background = models.FileField(
        _("ảnh phôi (để xem trước)"), upload_to="certificates/backgrounds/", blank=True
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    WORDING = ("heading", "title", "recipient", "details", "body", "reference", "signature")
    FIELDS = FIELDS

    class Meta:
        verbose_name = _("mẫu bằng, giấy chứng nhận")
        verbose_name_plural = _("mẫu bằng, giấy chứng nhận")
        ordering = ["kind", "award__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(award__isnull=True),
                name="certificate_template_one_default_per_kind",
                violation_error_message=_("Loại này đã có mẫu mặc định."),
            )
        ]

    def __str__(self):
        if self.award_id:
            return f"{self.get_kind_display()} – {self.award.name}"
        return _("%(kind)s (mẫu mặc định)") % {"kind": self.get_kind_display()}

    def clean(self):
        super().clean()
        errors = wording_errors(self)
        if errors:
            raise ValidationError(errors)


class FieldPlacement(models.Model):
    """Where one field goes on a pre-printed blank: its top-left corner from the page's
    top-left corner, the width it may take and its font size."""

    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="placements"
    )
    field = models.CharField(_("trường"), max_length=30, choices=FIELD_CHOICES)
    x_mm = models.DecimalField(_("cách mép trái (mm)"), max_digits=5, decimal_places=1)
    y_mm = models.DecimalField(_("cách mép trên (mm)"), max_digits=5, decimal_places=1)
    width_mm = models.DecimalField(_("độ rộng (mm)"), max_digits=5, decimal_places=1, default=120)
    font_size = models.DecimalField(_("cỡ chữ (pt)"), max_digits=4, decimal_places=1, default=14)
    align = models.CharField(
        _("căn lề"),
        max_length=6,
        choices=[("left", _("Trái")), ("center", _("Giữa"))],
        default="center",
    )

    class Meta:
        verbose_name = _("vị trí trường trên phôi")
        verbose_name_plural = _("vị trí trường trên phôi")
        ordering = ["template", "y_mm", "x_mm"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "field"],
                name="field_placement_once",
                violation_error_message=_("Mỗi trường chỉ đặt một vị trí."),
            ),
            models.CheckConstraint(
                condition=Q(x_mm__gte=0, y_mm__gte=0, width_mm__gt=0, font_size__gt=0),
                name="field_placement_positive",
                violation_error_message=_("Tọa độ, độ rộng và cỡ chữ phải là số dương."),
            ),
        ]

    def __str__(self):
        return f"{self.field} ({self.x_mm}, {self.y_mm}) mm"

    def clean(self):
        super().clean()
        error = placement_error(self.field, self.x_mm, self.y_mm, self.width_mm, self.font_size)
        if error:
            raise ValidationError(error)


class RegisterCounter(models.Model):
    """The last register number given by one conferring body in one year (locked to assign)."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+")
    issuing_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "issuing_unit", "year"], name="register_counter_once"
            )
        ]

    def __str__(self):
        return f"{self.authority_id}/{self.issuing_unit_id}/{self.year}: {self.last}"


class Certificate(models.Model):
    """A line of the certificate register (sổ theo dõi): one conferment, one number, forever."""

    conferment = models.OneToOneField(
        Conferment,
        verbose_name=_("khen thưởng"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    authority = models.ForeignKey(
        Authority, verbose_name=_("cấp khen thưởng"), on_delete=models.PROTECT, related_name="+"
    )
    issuing_unit = models.ForeignKey(
        Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số vào sổ"))
    created_at = models.DateTimeField(_("vào sổ lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_lookup = "issuing_unit__path"

    class Meta:
        verbose_name = _("bằng, giấy chứng nhận đã cấp")
        verbose_name_plural = _("sổ theo dõi cấp bằng, giấy chứng nhận")
        ordering = ["authority", "issuing_unit", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "issuing_unit", "year", "number"],
                name="certificate_number_unique",
                violation_error_message=_("Số vào sổ đã được cấp trong năm."),
            )
        ]

    def __str__(self):
        return self.register_number

    @property
    def register_number(self) -> str:
        return f"{self.number:04d}"


class CertificatePrint(models.Model):
    """One print of a certificate: the first, or a reprint with its reason."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("bằng"), on_delete=models.CASCADE, related_name="prints"
    )
    printed_at = models.DateTimeField(_("in lúc"), auto_now_add=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người in"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reprint = models.BooleanField(_("in lại"), default=False)
    reason = models.CharField(_("lý do in lại"), max_length=500, blank=True)
    on_blank = models.BooleanField(_("in trên phôi"), default=False)

    class Meta:
        verbose_name = _("lần in bằng")
        verbose_name_plural = _("lần in bằng")
        ordering = ["certificate", "printed_at", "pk"]

    def __str__(self):
        return f"{self.certificate} – {self.printed_at:%d/%m/%Y %H:%M}"


class DocumentTemplate(models.Model):
    """The wording of a drafted document, per conferring authority and award kind.

    A proposal's document uses the most specific template: its authority's for its award
    kind, its authority's for any kind, the general one for its kind, the general one
    (``awards.certificates.services.document_template_for``). The wording names fields of
    ``DOCUMENT_FIELDS`` as a certificate's names ``FIELDS``, checked and filled alike.
    """

    class Document(models.TextChoices):
        SUBMISSION = document_defaults.SUBMISSION, _("Tờ trình đề nghị khen thưởng")
        DECISION = document_defaults.DECISION, _("Dự thảo quyết định khen thưởng")

    document = models.CharField(_("văn bản"), max_length=12, choices=Document.choices)
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("cấp khen thưởng"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="document_templates",
        help_text=_("Để trống: mẫu chung cho mọi cấp khen thưởng chưa có mẫu riêng."),
    )
    award_kind = models.CharField(
        _("loại khen thưởng"),
        max_length=10,
        choices=Award.Kind.choices,
        blank=True,
        help_text=_(
            "Để trống: dùng cho mọi đề nghị; chọn một loại: dùng khi mọi đề cử trong văn bản "
            "đều thuộc loại đó."
        ),
    )
    number = models.TextField(_("số, ký hiệu"), blank=True)
    place_date = models.TextField(_("địa danh, ngày tháng năm"), blank=True)
    subject = models.TextField(_("trích yếu"))
    lead = models.TextField(
        _("kính gửi / thẩm quyền ban hành"),
        blank=True,
        help_text=_("Tờ trình: “Kính gửi: …”; quyết định: chức danh người có thẩm quyền."),
    )
    bases = models.TextField(_("căn cứ (mỗi căn cứ một dòng)"), blank=True)
    body = models.TextField(
        _("nội dung (mỗi đoạn một dòng)"),
        help_text=_("Đoạn bắt đầu bằng “Điều 1.” được in đậm phần “Điều 1.”."),
    )
    signature = models.TextField(_("thẩm quyền, chức vụ người ký (mỗi dòng một dòng in)"))
    signer_name = models.TextField(_("họ tên người ký"), blank=True)
    recipients = models.TextField(_("nơi nhận (mỗi nơi một dòng)"), blank=True)
    annex_title = models.TextField(
        _("tiêu đề danh sách kèm theo"),
        blank=True,
        help_text=_("Dòng đầu in đậm; các dòng sau là phần mô tả dưới tiêu đề."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    WORDING = (
        "number",
        "place_date",
        "subject",
        "lead",
        "bases",
        "body",
        "signature",
        "signer_name",
        "recipients",
        "annex_title",
    )
    FIELDS = DOCUMENT_FIELDS

    class Meta:
        verbose_name = _("mẫu văn bản khen thưởng")
        verbose_name_plural = _("mẫu văn bản khen thưởng")
        ordering = ["document", "authority__order", "authority__name", "award_kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "authority", "award_kind"],
                name="document_template_once",
                violation_error_message=_("Đã có mẫu cho văn bản, cấp và loại khen thưởng này."),
            ),
            models.UniqueConstraint(
                fields=["document", "award_kind"],
                condition=Q(authority__isnull=True),
                name="document_template_one_general",
                violation_error_message=_("Đã có mẫu chung cho văn bản và loại khen thưởng này."),
            ),
        ]

    def __str__(self):
        who = self.authority.name if self.authority_id else _("mẫu chung")
        kind = self.get_award_kind_display() if self.award_kind else _("mọi loại")
        return f"{self.get_document_display()} – {who} – {kind}"

    @property
    def is_default(self) -> bool:
        """The general template of its document for any kind: always there, never deleted."""
        return self.authority_id is None and not self.award_kind

    def clean(self):
        super().clean()
        errors = wording_errors(self)
        if errors:
            raise ValidationError(errors)
