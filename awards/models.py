import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.text import search_key
from units.models import Discipline, InitiativeLevel, Person, QualityRating, Unit

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
    summary = models.TextField(_("tiêu chuẩn (tóm tắt)"), blank=True)
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
    count = models.PositiveSmallIntegerField(_("số lần"), default=1)
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
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.ISSUED
    )
    summary = models.TextField(_("trích yếu / lý do"), blank=True)
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

    scope_lookup = "issuing_unit__path"

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-signed_on", "number"]
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
    achievement = models.TextField(_("thành tích"), blank=True)
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

    @property
    def is_void(self) -> bool:
        """Revoked itself, or given by a decision since revoked (or never issued)."""
        return self.revoked or self.decision.status != Decision.Status.ISSUED


# --- Proposals, councils and their votes ----------------------------------------------------


class Proposal(models.Model):
    """A unit's proposal (đề nghị khen thưởng) to an authority, with its nominees and dossier.

    Three units: ``proposing_unit`` started it and owns it while it is edited;
    ``authority_unit`` is where the authority's council votes (Bộ Tư pháp for the minister,
    also for the Prime Minister and the President, who get it from the ministry);
    ``current_unit`` is where it sits now (it moves on forward, return and forward up).
    Who may act is decided by ``handling_unit`` (see ``awards.workflows``).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Chờ lãnh đạo duyệt")
        RETURNED = "returned", _("Bị trả lại")
        FORWARDED = "forwarded", _("Đã gửi, chờ thẩm định")
        RETURNED_FOR_DOCUMENTS = "returned_docs", _("Bị trả lại để bổ sung hồ sơ")
        APPRAISED = "appraised", _("Đã thẩm định")
        ON_AGENDA = "on_agenda", _("Chờ Hội đồng xét")
        VOTED = "voted", _("Hội đồng đã bỏ phiếu")
        FORWARDED_UP = "forwarded_up", _("Đang đề nghị lên cấp trên")
        DECIDED = "decided", _("Đã có quyết định")

    EDITABLE_STATES = (Status.DRAFT, Status.RETURNED, Status.RETURNED_FOR_DOCUMENTS)
    AT_PROPOSER_STATES = (*EDITABLE_STATES, Status.SUBMITTED)
    # "Đang đề nghị": sent and not decided yet, as the proposing unit sees it.
    PENDING_STATES = (
        Status.FORWARDED,
        Status.APPRAISED,
        Status.ON_AGENDA,
        Status.VOTED,
        Status.FORWARDED_UP,
    )

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Được khen thưởng")
        PARTLY = "partly", _("Được khen thưởng một phần")
        REJECTED = "rejected", _("Không được khen thưởng")

    proposing_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="proposals"
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("cấp khen thưởng"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    authority_unit = models.ForeignKey(
        Unit,
        verbose_name=_("cơ quan xét"),
        on_delete=models.PROTECT,
        related_name="proposals_to_consider",
    )
    current_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đang ở"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"), db_index=True)
    reference_date = models.DateField(
        _("ngày áp dụng tiêu chuẩn"),
        help_text=_("Tiêu chuẩn khen thưởng được xét theo văn bản có hiệu lực vào ngày này."),
    )
    title = models.CharField(_("trích yếu"), max_length=255)
    summary = models.TextField(_("nội dung"), blank=True)
    simplified = models.BooleanField(_("thủ tục đơn giản"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=15, choices=Status.choices, default=Status.DRAFT
    )
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày lập"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    submitted_at = models.DateTimeField(_("ngày trình"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("ngày gửi cấp trên"), null=True, blank=True)
    decided_at = models.DateTimeField(_("ngày có quyết định"), null=True, blank=True)
    search_key = models.CharField(max_length=255, editable=False, db_index=True)

    scope_lookup = "proposing_unit__path"

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["-year", "-created_at", "-pk"]
        indexes = [models.Index(fields=["authority_unit", "status"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_key = search_key(f"{self.title} {self.proposing_unit.name}")[:255]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    @property
    def handling_unit(self) -> Unit:
        """The unit whose staff and leaders act on it in its present state."""
        if self.status in self.AT_PROPOSER_STATES:
            return self.proposing_unit
        return self.authority_unit

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATES

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING_STATES


class Nominee(models.Model):
    """One person or collective proposed for one award, with the verdict it was sent with.

    ``eligibility`` is the engine's verdict as stored at submission (status, rule, cited
    checks), so the dossier shows what the unit saw even after records change. A WARNING
    verdict needs ``override_reason`` from a leader before forwarding; BLOCKED never goes.
    """

    class Result(models.TextChoices):
        PENDING = "pending", _("Chưa xét")
        PASSED = "passed", _("Hội đồng đồng ý")
        FAILED = "failed", _("Hội đồng không đồng ý")
        WITHDRAWN = "withdrawn", _("Rút đề nghị")
        CONFERRED = "conferred", _("Đã được khen thưởng")
        NOT_CONFERRED = "not_conferred", _("Không được khen thưởng")
        REVOKED = "revoked", _("Bị hủy khen thưởng")

    # Results that end a nominee's course; PENDING and PASSED still wait for something.
    FINAL_RESULTS = (
        Result.FAILED,
        Result.WITHDRAWN,
        Result.CONFERRED,
        Result.NOT_CONFERRED,
        Result.REVOKED,
    )

    class Verdict(models.TextChoices):
        ELIGIBLE = "eligible", _("Đủ điều kiện")
        WARNINGS = "warnings", _("Đủ điều kiện, có lưu ý")
        BLOCKED = "blocked", _("Không được đề nghị")
        NO_RULE = "no_rule", _("Chưa có tiêu chuẩn áp dụng")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("đề nghị"), on_delete=models.CASCADE, related_name="nominees"
    )
    award = models.ForeignKey(
        Award,
        verbose_name=_("danh hiệu / hình thức"),
        on_delete=models.PROTECT,
        related_name="nominees",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    achievement = models.TextField(_("tóm tắt thành tích"), blank=True)
    verdict = models.CharField(
        _("kết quả kiểm tra điều kiện"), max_length=10, choices=Verdict.choices, blank=True
    )
    eligibility = models.JSONField(_("kiểm tra điều kiện (lưu khi trình)"), default=dict)
    override_reason = models.TextField(_("lý do vẫn đề nghị"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định vẫn đề nghị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    overridden_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(
        _("kết quả"), max_length=15, choices=Result.choices, default=Result.PENDING
    )
    session = models.ForeignKey(
        "CouncilSession",
        verbose_name=_("phiên họp đã xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    member_count = models.PositiveSmallIntegerField(_("tổng số thành viên"), null=True, blank=True)
    votes_agree = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    votes_disagree = models.PositiveSmallIntegerField(
        _("số phiếu không đồng ý"), null=True, blank=True
    )
    votes_in_writing = models.PositiveSmallIntegerField(
        _("trong đó phiếu bằng văn bản"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_lookup = "proposal__proposing_unit__path"

    class Meta:
        verbose_name = _("đề cử")
        verbose_name_plural = _("đề cử")
        ordering = ["proposal", "award__order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) ^ Q(unit__isnull=True),
                name="nominee_has_one_subject",
                violation_error_message=_("Chọn đúng một cá nhân hoặc một tập thể."),
            ),
            models.UniqueConstraint(
                fields=["proposal", "award", "person"],
                condition=Q(person__isnull=False),
                name="nominee_person_once",
                violation_error_message=_("Cá nhân đã có trong đề nghị với hình thức này."),
            ),
            models.UniqueConstraint(
                fields=["proposal", "award", "unit"],
                condition=Q(person__isnull=True),
                name="nominee_unit_once",
                violation_error_message=_("Tập thể đã có trong đề nghị với hình thức này."),
            ),
        ]

    def __str__(self):
        return f"{self.subject} – {self.award}"

    @property
    def subject(self):
        return self.person or self.unit

    @property
    def checks(self) -> list[dict]:
        """The stored checks: dicts with ``code``, ``status`` (pass/warn/block), ``message``."""
        return self.eligibility.get("checks", [])

    @property
    def needs_override(self) -> bool:
        return self.verdict == self.Verdict.WARNINGS and not self.override_reason

    @property
    def is_blocked(self) -> bool:
        return self.verdict in (self.Verdict.BLOCKED, self.Verdict.NO_RULE)


def dossier_upload_to(instance: "DossierFile", filename: str) -> str:
    """Stored under a random name: the user's file name is kept in ``original_name`` only."""
    return f"dossiers/{instance.proposal_id}/{filename}"


class DossierFile(models.Model):
    """A document of a proposal's dossier; reports and summaries belong to one nominee."""

    class Kind(models.TextChoices):
        SUBMISSION = "submission", _("Tờ trình")
        MINUTES = "minutes", _("Biên bản họp Hội đồng TĐKT cơ sở")
        REPORT = "report", _("Báo cáo thành tích")
        SUMMARY = "summary", _("Tóm tắt thành tích (thủ tục đơn giản)")
        DECISION = "decision", _("Quyết định liên quan")
        OTHER = "other", _("Khác")

    PER_NOMINEE = (Kind.REPORT, Kind.SUMMARY)

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("đề nghị"), on_delete=models.CASCADE, related_name="files"
    )
    nominee = models.ForeignKey(
        Nominee,
        verbose_name=_("đề cử"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="files",
    )
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=Kind.choices)
    file = models.FileField(_("tệp"), upload_to=dossier_upload_to, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("định dạng"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    scope_lookup = "proposal__proposing_unit__path"

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["proposal", "kind", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


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
    minutes = models.TextField(_("ghi chú biên bản"), blank=True)
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

    scope_lookup = "council__unit__path"

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
