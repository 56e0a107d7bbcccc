"""The award catalogue: legal documents, authorities, awards and their rule versions."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.text import SUMMARY_MAX
from units.models import Discipline, InitiativeLevel, QualityRating

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class LegalDocument(models.Model):
    """A law, decree, circular or decision that sets award rules, with its effective span."""

    class Kind(models.TextChoices):
        LAW = "law", _("Luật")
        DECREE = "decree", _("Nghị định")
        CIRCULAR = "circular", _("Thông tư")
        DECISION = "decision", _("Quyết định")

    number = models.CharField(_("số, ký hiệu"), max_length=50, unique=True)
    kind = models.CharField(_("loại văn bản"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("trích yếu"), max_length=500)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=100)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_from = models.DateField(_("có hiệu lực từ"))
    effective_to = models.DateField(_("hết hiệu lực"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay thế bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )

    class Meta:
        verbose_name = _("văn bản pháp lý")
        verbose_name_plural = _("văn bản pháp lý")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="legal_document_span",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def in_force_on(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


class Authority(models.Model):
    """Who confers an award: Chủ tịch nước, Thủ tướng, Bộ trưởng, Chủ tịch UBND tỉnh, …"""

    class Level(models.IntegerChoices):
        STATE = 1, _("Nhà nước")
        MINISTRY_PROVINCE = 2, _("Bộ, ngành, tỉnh")
        UNIT = 3, _("Cơ sở")

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=150)
    report_name = models.CharField(
        _("tên trong báo cáo"),
        max_length=150,
        help_text=_('Chủ ngữ trong câu tổng hợp, ví dụ "Thủ tướng Chính phủ" hay "Bộ Tư pháp".'),
    )
    level = models.PositiveSmallIntegerField(_("cấp"), choices=Level.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("cấp khen thưởng")
        verbose_name_plural = _("cấp khen thưởng")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Award(models.Model):
    """A catalogue entry: an emulation title or a reward form. Its rules are versioned."""

    class Kind(models.TextChoices):
        TITLE = "title", _("Danh hiệu thi đua")
        REWARD = "reward", _("Hình thức khen thưởng")

    class Subject(models.TextChoices):
        INDIVIDUAL = "individual", _("Cá nhân")
        COLLECTIVE = "collective", _("Tập thể")
        HOUSEHOLD = "household", _("Hộ gia đình")

    class RewardType(models.TextChoices):
        MERIT = "merit", _("Thường xuyên (công trạng)")
        THEMED = "themed", _("Theo chuyên đề")
        SUDDEN = "sudden", _("Đột xuất")
        FOREIGN = "foreign", _("Đối ngoại")
        DEDICATION = "dedication", _("Cống hiến")
        SENIORITY = "seniority", _("Niên hạn")

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    form_name = models.CharField(
        _("tên hình thức trong báo cáo"),
        max_length=150,
        help_text=_('Ví dụ "Bằng khen", "Cờ thi đua ngành", "Huân chương Lao động hạng Ba".'),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    subject = models.CharField(_("đối tượng"), max_length=12, choices=Subject.choices)
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("cấp khen thưởng"),
        on_delete=models.PROTECT,
        related_name="awards",
    )
    reward_type = models.CharField(
        _("loại khen thưởng"), max_length=12, choices=RewardType.choices, default=RewardType.MERIT
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("danh hiệu / hình thức khen thưởng")
        verbose_name_plural = _("danh mục khen thưởng")
        ordering = ["authority__order", "order", "name"]

    def __str__(self):
        return self.name

    @property
    def rank(self) -> tuple:
        """How high the award stands: a higher authority level first, then the catalogue's
        order within it (Lao động tiên tiến < Chiến sĩ thi đua cơ sở < … ngành). Of two
        titles of a year the higher includes the lower. Needs ``authority`` loaded."""
        return (-self.authority.level, self.order)

    @property
    def is_collective(self) -> bool:
        return self.subject == self.Subject.COLLECTIVE

    def rule_on(self, day: datetime.date) -> "AwardRule | None":
        """The rule version in force on ``day`` (a proposal's reference date)."""
        return (
            self.rules.filter(effective_from__lte=day)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
            .order_by("-effective_from")
            .first()
        )


class QuotaEnforcement(models.TextChoices):
    """What issuing a decision beyond the quota does."""

    BLOCK = "block", _("Không cho ban hành")
    OVERRIDE = "override", _("Cảnh báo; lãnh đạo ban hành được khi ghi rõ lý do")


class AwardRule(models.Model):
    """One version of an award's rules, set by legal documents for a span of dates.

    Every number the field's rules use lives here, so a new decree is new data, not code.
    Prerequisites ("3 consecutive CSTĐCS") are rows of ``RulePrerequisite``.
    """

    award = models.ForeignKey(
        Award,
        verbose_name=_("danh hiệu / hình thức"),
        on_delete=models.CASCADE,
        related_name="rules",
    )
    legal_bases = models.ManyToManyField(
        LegalDocument, verbose_name=_("căn cứ pháp lý"), related_name="rules"
    )
    effective_from = models.DateField(_("áp dụng từ"))
    effective_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    summary = models.TextField(_("tiêu chuẩn (tóm tắt)"), blank=True, max_length=SUMMARY_MAX)
    unverified = models.BooleanField(
        _("chưa đối chiếu văn bản"),
        default=False,
        help_text=_("Giá trị mặc định hợp lý, cần đối chiếu với văn bản hiện hành."),
    )
    vote_threshold_percent = models.DecimalField(
        _("tỷ lệ phiếu đồng ý tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Tính trên tổng số thành viên Hội đồng."),
    )
    quorum_percent = models.DecimalField(
        _("tỷ lệ thành viên có mặt tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("66.67"),
        validators=PERCENT,
    )
    public_notice_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc lấy ý kiến công khai"), default=0
    )
    min_rating = models.PositiveSmallIntegerField(
        _("xếp loại tối thiểu trong năm"),
        choices=QualityRating.Rating.choices,
        null=True,
        blank=True,
    )
    initiative_level = models.PositiveSmallIntegerField(
        _("cấp sáng kiến yêu cầu"), choices=InitiativeLevel.choices, null=True, blank=True
    )
    initiatives_required = models.PositiveSmallIntegerField(_("số sáng kiến yêu cầu"), default=0)
    initiative_window_years = models.PositiveSmallIntegerField(
        _("trong số năm gần nhất"), default=1
    )
    initiative_or_min_rating = models.PositiveSmallIntegerField(
        _("hoặc xếp loại trong năm từ mức"),
        choices=QualityRating.Rating.choices,
        null=True,
        blank=True,
        help_text=_(
            "Điều kiện thay thế sáng kiến, ví dụ Luật 06/2022 Điều 23: hoàn thành xuất sắc "
            "nhiệm vụ hoặc có sáng kiến. Để trống nghĩa là sáng kiến là điều kiện riêng."
        ),
    )
    quota_percent = models.DecimalField(
        _("tỷ lệ tối đa (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    quota_base = models.ForeignKey(
        Award,
        verbose_name=_("tính trên số đạt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Ví dụ: số CSTĐCS không quá 15 % số cá nhân đạt LĐTT của đơn vị."),
    )
    quota_include_subunits = models.BooleanField(
        _("tỷ lệ tính cả đơn vị trực thuộc"),
        default=False,
        help_text=_("Số đạt và số được công nhận tính trên cả các đơn vị trực thuộc."),
    )
    quota_enforcement = models.CharField(
        _("khi vượt tỷ lệ"),
        max_length=8,
        choices=QuotaEnforcement.choices,
        default=QuotaEnforcement.OVERRIDE,
    )
    member_award = models.ForeignKey(
        Award,
        verbose_name=_("danh hiệu của thành viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    member_share_percent = models.DecimalField(
        _("tỷ lệ thành viên đạt (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    member_share_strict = models.BooleanField(
        _("phải vượt (>) tỷ lệ"), default=False, help_text=_("Bỏ chọn nghĩa là ≥.")
    )
    all_members_completed = models.BooleanField(
        _("mọi thành viên hoàn thành nhiệm vụ"), default=False
    )
    min_members_with_award = models.ForeignKey(
        Award,
        verbose_name=_("có thành viên đạt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    min_members_count = models.PositiveSmallIntegerField(
        _("số thành viên đạt tối thiểu"), default=0
    )
    max_member_discipline = models.PositiveSmallIntegerField(
        _("không có thành viên bị kỷ luật từ mức"),
        null=True,
        blank=True,
        choices=Discipline.Form.choices,
    )
    min_service_years = models.PositiveSmallIntegerField(
        _("số năm công tác tối thiểu"), null=True, blank=True
    )
    once_per_subject = models.BooleanField(_("chỉ tặng một lần"), default=False)
    per_cluster_limit = models.PositiveSmallIntegerField(
        _("số lượng tối đa mỗi khối/cụm"), null=True, blank=True
    )
    cash_multiplier = models.DecimalField(
        _("tiền thưởng (lần mức lương cơ sở)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    conferring_authorities = models.ManyToManyField(
        Authority,
        verbose_name=_("cấp có thẩm quyền tặng"),
        blank=True,
        related_name="conferrable_rules",
        help_text=_(
            "Các cấp được tặng danh hiệu / hình thức này theo phiên bản tiêu chuẩn; để trống "
            "nghĩa là chỉ cấp khen thưởng của danh mục."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chuẩn (phiên bản)")
        verbose_name_plural = _("tiêu chuẩn (các phiên bản)")
        ordering = ["award", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="award_rule_span",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu áp dụng."),
            )
        ]

    def __str__(self):
        end = f"{self.effective_to:%d/%m/%Y}" if self.effective_to else "…"
        return f"{self.award} ({self.effective_from:%d/%m/%Y} – {end})"

    def clean(self):
        super().clean()
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})
        if not self.award_id or not self.effective_from:
            return
        overlapping = self.award.rules.exclude(pk=self.pk).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from)
        )
        if self.effective_to:
            overlapping = overlapping.filter(effective_from__lte=self.effective_to)
        if overlapping.exists():
            raise ValidationError(
                _("Khoảng thời gian áp dụng trùng với phiên bản khác: %(other)s")
                % {"other": overlapping.first()}
            )


class RulePrerequisite(models.Model):
    """A ladder rule: "``count`` × ``required_award`` within ``window_years``, consecutive?".

    Under Decree 152/2025 a lower award is not a hard prerequisite, so by default a
    missing prerequisite is a warning with its reason; ``blocking`` makes it a hard rule.
    """

    rule = models.ForeignKey(
        AwardRule,
        verbose_name=_("tiêu chuẩn"),
        on_delete=models.CASCADE,
        related_name="prerequisites",
    )
    required_award = models.ForeignKey(
        Award, verbose_name=_("yêu cầu đã đạt"), on_delete=models.PROTECT, related_name="+"
    )
    # A ladder asks for at least one title (one asking for none is a row to delete).
    count = models.PositiveSmallIntegerField(
        _("số lần"), default=1, validators=[MinValueValidator(1)]
    )
    window_years = models.PositiveSmallIntegerField(
        _("trong số năm gần nhất"), default=1, help_text=_("1 = chính năm xét.")
    )
    consecutive = models.BooleanField(_("liên tục"), default=False)
    blocking = models.BooleanField(_("bắt buộc (chặn)"), default=False)

    class Meta:
        verbose_name = _("điều kiện đã đạt trước")
        verbose_name_plural = _("điều kiện đã đạt trước")

    def __str__(self):
        consecutive = _(" liên tục") if self.consecutive else ""
        return (
            f"{self.count} × {self.required_award.short_name or self.required_award}{consecutive}"
        )


class BaseSalary(models.Model):
    """The mức lương cơ sở from a date on: cash rewards are multiples of the one in force on
    the decision's date. Seeded from the decrees that set it; an admin adds the next one."""

    effective_from = models.DateField(_("áp dụng từ"), unique=True)
    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng)"))
    legal_basis = models.CharField(_("căn cứ"), max_length=100)
    unverified = models.BooleanField(
        _("chưa đối chiếu văn bản"),
        default=False,
        help_text=_("Số liệu chưa được đối chiếu với văn bản gốc."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.amount:,} đồng từ {self.effective_from:%d/%m/%Y}".replace(",", ".")
