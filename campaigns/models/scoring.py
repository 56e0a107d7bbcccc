"""Score sheets, scoring rounds, scorecards, rankings' award suggestions."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import Award
from campaigns.models.campaigns import Campaign, CampaignTarget
from thidua.core.text import NOTE_MAX, SUMMARY_MAX
from units.access import under
from units.models import AgencyType, Cluster, Unit

SCORE = {"max_digits": 7, "decimal_places": 2}
FIGURE = {"max_digits": 14, "decimal_places": 2}


class ScoreSheet(models.Model):
    """A score sheet (bảng chấm điểm) for a year and a grouping, or the whole sector.

    ``total`` is the stated total the criteria maxima must add up to before publishing.
    A sheet in use (any score entered) is never edited: a new version is made
    (``previous`` links the versions), and the rounds already scored keep theirs.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        PUBLISHED = "published", _("Đã ban hành")
        SUPERSEDED = "superseded", _("Đã có phiên bản mới")

    class TieRule(models.TextChoices):
        CONFERENCE = "conference", _("Để hội nghị tổng kết quyết định")
        GROUP = "group", _("Xét điểm nhóm tiêu chí đã chọn, còn bằng nhau thì hội nghị quyết định")

    class Visibility(models.TextChoices):
        OWN = (
            "own",
            _(
                "Mỗi đơn vị xem phiếu và minh chứng của mình; sau khi chốt, mọi thành viên xem "
                "tổng điểm và xếp loại của nhau"
            ),
        )
        OPEN = "open", _("Phiếu đã gửi (kể cả minh chứng) được mọi thành viên của khối xem")

    class Proposer(models.TextChoices):
        UNIT = "unit", _("Từng đơn vị tự đề nghị")
        LEADER = "leader", _("Trưởng khối đề nghị cho cả khối")

    name = models.CharField(_("tên bảng chấm điểm"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm"))
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("khối/cụm thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="score_sheets",
        help_text=_("Để trống nếu bảng áp dụng cho toàn ngành."),
    )
    agency_type = models.CharField(
        _("loại cơ quan"),
        max_length=20,
        choices=AgencyType.choices,
        blank=True,
        help_text=_("Chỉ chấm các đơn vị thuộc loại cơ quan này; để trống là mọi đơn vị."),
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("phong trào"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="score_sheets",
    )
    total = models.DecimalField(_("tổng điểm"), **SCORE)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("phiên bản trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("sao chép từ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    tie_rule = models.CharField(
        _("khi đồng hạng"),
        max_length=12,
        choices=TieRule.choices,
        default=TieRule.CONFERENCE,
        help_text=_(
            "Các đơn vị đồng điểm xếp đồng hạng. Nếu suất khen ở hạng đó ít hơn số đơn vị "
            "đồng hạng, không đơn vị nào được chấp nhận quá số suất: hội nghị quyết định."
        ),
    )
    tie_group = models.CharField(
        _("nhóm tiêu chí phân định đồng hạng"),
        max_length=20,
        blank=True,
        help_text=_("Mã nhóm tiêu chí, ví dụ I: đơn vị có tổng điểm nhóm này cao hơn xếp trên."),
    )
    visibility = models.CharField(
        _("thành viên xem phiếu của nhau"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.OWN,
    )
    proposer = models.CharField(
        _("ai đề nghị khen thưởng theo kết quả"),
        max_length=10,
        choices=Proposer.choices,
        default=Proposer.UNIT,
        help_text=_(
            "Trưởng khối đề nghị: đề xuất được chấp nhận vào một đề nghị chung của khối do "
            "đơn vị Trưởng khối lập."
        ),
    )
    note = models.TextField(_("ghi chú"), blank=True, max_length=NOTE_MAX)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    published_at = models.DateTimeField(_("ngày ban hành"), null=True, blank=True)

    scope_lookup = "cluster__memberships__unit__path"

    @staticmethod
    def scope_q(paths, user=None) -> Q:
        """A grouping's sheet is seen like its rounds, a sector-wide one by everybody;
        drafts by admins only."""
        seen = Q(cluster__isnull=True) | under(paths, "cluster__memberships__unit__path")
        return seen & ~Q(status=ScoreSheet.Status.DRAFT)

    class Meta:
        verbose_name = _("bảng chấm điểm")
        verbose_name_plural = _("bảng chấm điểm")
        ordering = ["-year", "name", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gt=0),
                name="score_sheet_total_positive",
                violation_error_message=_("Tổng điểm phải lớn hơn 0."),
            )
        ]

    def __str__(self):
        version = f" (phiên bản {self.version})" if self.version > 1 else ""
        return f"{self.name} – {self.year}{version}"

    @property
    def scope_label(self) -> str:
        scope = str(self.cluster) if self.cluster_id else str(_("Toàn ngành"))
        if self.agency_type:
            scope += f" – {self.get_agency_type_display()}"
        return scope


class ScoreItem(models.Model):
    """A node of a sheet's tree: a group of criteria, a criterion, a bonus or a penalty item.

    A criterion scored by formula (``formula`` not manual) is a measurable target: the
    unit enters its actual figure and the score follows (full points at or beyond
    ``target``, proportional below, or nothing below); grading rules read whether it is met.
    """

    class Kind(models.TextChoices):
        GROUP = "group", _("Nhóm tiêu chí")
        CRITERION = "criterion", _("Tiêu chí")
        BONUS = "bonus", _("Điểm thưởng")
        PENALTY = "penalty", _("Điểm trừ")

    class Formula(models.TextChoices):
        MANUAL = "manual", _("Chấm trực tiếp")
        PROPORTIONAL = "proportional", _("Đạt chỉ tiêu: đủ điểm; chưa đạt: theo tỷ lệ")
        THRESHOLD = "threshold", _("Đạt chỉ tiêu: đủ điểm; chưa đạt: 0 điểm")

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("bảng chấm điểm"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc nhóm"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.CRITERION)
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("nội dung"), max_length=500)
    max_score = models.DecimalField(
        _("điểm tối đa"),
        null=True,
        blank=True,
        help_text=_("Với điểm thưởng, điểm trừ: mức tối đa được cộng hoặc trừ."),
        **SCORE,
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    formula = models.CharField(
        _("cách tính điểm"), max_length=12, choices=Formula.choices, default=Formula.MANUAL
    )
    target = models.DecimalField(_("mức chỉ tiêu"), null=True, blank=True, **FIGURE)
    higher_is_better = models.BooleanField(
        _("càng cao càng tốt"),
        default=True,
        help_text=_("Bỏ chọn cho chỉ tiêu càng thấp càng tốt (ví dụ số việc chuyển kỳ sau)."),
    )
    measure = models.CharField(_("đơn vị tính"), max_length=30, blank=True)
    campaign_target = models.ForeignKey(
        CampaignTarget,
        verbose_name=_("chỉ tiêu của phong trào"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="score_items",
    )
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True, max_length=SUMMARY_MAX)

    scope_lookup = "sheet__cluster__memberships__unit__path"

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["sheet", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "code"],
                name="score_item_code_unique",
                violation_error_message=_("Mã tiêu chí bị trùng trong bảng điểm."),
            ),
            models.CheckConstraint(
                condition=Q(max_score__isnull=True) | Q(max_score__gte=0),
                name="score_item_max_not_negative",
                violation_error_message=_("Điểm tối đa không được âm."),
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.name}"

    @property
    def is_target(self) -> bool:
        return self.kind == self.Kind.CRITERION and self.formula != self.Formula.MANUAL

    @property
    def is_scored(self) -> bool:
        return self.kind != self.Kind.GROUP


class GradeRule(models.Model):
    """How a unit earns a grade (A/B/C/D) on a sheet: points, targets, and a cap.

    Rules are tried in ``order`` (best grade first); a unit gets the first grade whose
    conditions it meets while fewer than ``cap`` units already hold it.
    """

    class Targets(models.TextChoices):
        ANY = "any", _("Không xét chỉ tiêu")
        ALL_MET = "all_met", _("Đạt tất cả chỉ tiêu")
        NEAR_MISS = "near_miss", _("Đạt hoặc gần đạt tất cả chỉ tiêu")

    sheet = models.ForeignKey(
        ScoreSheet,
        verbose_name=_("bảng chấm điểm"),
        on_delete=models.CASCADE,
        related_name="grade_rules",
    )
    grade = models.CharField(_("loại"), max_length=5)
    label = models.CharField(_("tên gọi"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự xét"), default=0)
    min_score = models.DecimalField(_("điểm tối thiểu"), **SCORE)
    targets = models.CharField(
        _("điều kiện chỉ tiêu"), max_length=10, choices=Targets.choices, default=Targets.ANY
    )
    near_miss_margin = models.DecimalField(
        _("gần đạt: thiếu không quá"),
        default=0,
        help_text=_("Tính theo đơn vị của chỉ tiêu, ví dụ 5 (điểm %)."),
        **FIGURE,
    )
    cap = models.PositiveSmallIntegerField(
        _("số đơn vị tối đa"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu không giới hạn."),
    )

    scope_lookup = "sheet__cluster__memberships__unit__path"

    class Meta:
        verbose_name = _("quy tắc xếp loại")
        verbose_name_plural = _("quy tắc xếp loại")
        ordering = ["sheet", "order", "-min_score"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "grade"],
                name="grade_rule_once_per_sheet",
                violation_error_message=_("Loại này đã có quy tắc trong bảng điểm."),
            )
        ]

    def __str__(self):
        return f"{self.grade}: ≥ {self.min_score.normalize():f}"


class AwardPlace(models.Model):
    """Year-end places proposing an award, e.g. place 1 → Cờ thi đua, 2–3 → Bằng khen."""

    sheet = models.ForeignKey(
        ScoreSheet,
        verbose_name=_("bảng chấm điểm"),
        on_delete=models.CASCADE,
        related_name="award_places",
    )
    first_place = models.PositiveSmallIntegerField(_("từ hạng"))
    last_place = models.PositiveSmallIntegerField(_("đến hạng"))
    award = models.ForeignKey(
        Award, verbose_name=_("đề xuất khen thưởng"), on_delete=models.PROTECT, related_name="+"
    )
    grades = models.CharField(
        _("chỉ với loại"),
        max_length=50,
        blank=True,
        help_text=_("Ví dụ “A” hoặc “A, B”; để trống là mọi loại."),
    )

    scope_lookup = "sheet__cluster__memberships__unit__path"

    @property
    def grade_list(self) -> list[str]:
        return [g.strip() for g in self.grades.replace(";", ",").split(",") if g.strip()]

    @property
    def seats(self) -> int:
        return self.last_place - self.first_place + 1

    class Meta:
        verbose_name = _("đề xuất khen thưởng theo thứ hạng")
        verbose_name_plural = _("đề xuất khen thưởng theo thứ hạng")
        ordering = ["sheet", "first_place"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_place__gte=1) & Q(last_place__gte=F("first_place")),
                name="award_place_span",
                violation_error_message=_("Hạng phải từ 1 và “đến hạng” không nhỏ hơn “từ hạng”."),
            )
        ]

    def __str__(self):
        span = (
            str(self.first_place)
            if self.first_place == self.last_place
            else f"{self.first_place}–{self.last_place}"
        )
        return f"{span} → {self.award}"


class ScoringRound(models.Model):
    """A grouping's scoring round: mid-year (sơ kết) or year-end (tổng kết) on one sheet.

    Its members are the grouping's members that year (of the sheet's agency type, if
    any). The grouping's leader unit, or the panel an admin names, reviews and finalises.
    """

    class Kind(models.TextChoices):
        MID_YEAR = "mid_year", _("Sơ kết 6 tháng")
        YEAR_END = "year_end", _("Tổng kết năm")

    class Status(models.TextChoices):
        OPEN = "open", _("Đang tự chấm")
        REVIEW = "review", _("Đang thẩm định")
        FINALISED = "finalised", _("Đã chốt kết quả")

    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("khối/cụm thi đua"),
        on_delete=models.PROTECT,
        related_name="scoring_rounds",
    )
    sheet = models.ForeignKey(
        ScoreSheet,
        verbose_name=_("bảng chấm điểm"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("đợt"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    deadline = models.DateField(_("hạn tự chấm"), null=True, blank=True)
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tổ chấm điểm"),
        blank=True,
        related_name="scoring_panels",
        help_text=_("Người thẩm định thay đơn vị Trưởng khối (do quản trị viên chỉ định)."),
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
    finalised_at = models.DateTimeField(_("ngày chốt"), null=True, blank=True)

    scope_lookup = "cluster__memberships__unit__path"

    @staticmethod
    def scope_q(paths, user=None) -> Q:
        """A round is seen by its grouping's members (and the units above them) and by the
        panel an admin named for it."""
        condition = under(paths, "cluster__memberships__unit__path")
        if user is not None and user.is_authenticated:
            condition |= Q(panel=user.pk)
        return condition

    class Meta:
        verbose_name = _("đợt chấm điểm")
        verbose_name_plural = _("đợt chấm điểm")
        ordering = ["-year", "cluster__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "sheet", "kind"],
                name="scoring_round_once",
                violation_error_message=_("Khối/cụm đã có đợt chấm điểm này với bảng điểm này."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} – {self.cluster}"

    @property
    def is_finalised(self) -> bool:
        return self.status == self.Status.FINALISED

    @cached_property
    def cluster_name(self) -> str:
        """The grouping's name as it was for the round: on 30/06 for a mid-year round,
        at the end of the year (or of the grouping) for a year-end one."""
        if self.kind == self.Kind.MID_YEAR:
            return self.cluster.name_on(datetime.date(self.year, 6, 30))
        return self.cluster.name_in(self.year)

    @property
    def label(self) -> str:
        """ "Tổng kết năm 2018 – <the grouping's name in 2018>"."""
        return f"{self.get_kind_display()} {self.year} – {self.cluster_name}"

    @property
    def cluster_renamed(self) -> str:
        """The grouping's name today when it differs from the round's, else ""."""
        return "" if self.cluster.name == self.cluster_name else self.cluster.name


class Scorecard(models.Model):
    """One member unit's scores in a round: its self-score, then the agreed score."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang tự chấm")
        SUBMITTED = "submitted", _("Đã gửi, chờ thẩm định")
        RETURNED = "returned", _("Bị trả lại")
        REVIEWED = "reviewed", _("Đã thẩm định")

    RANKED = (Status.SUBMITTED, Status.REVIEWED)

    round = models.ForeignKey(
        ScoringRound,
        verbose_name=_("đợt chấm điểm"),
        on_delete=models.CASCADE,
        related_name="scorecards",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="scorecards"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("ngày thẩm định"), null=True, blank=True)

    scope_lookup = "round__cluster__memberships__unit__path"
    scope_crosses_many = True

    @staticmethod
    def scope_q(paths, user=None) -> Q:
        """Who sees a scorecard's scores and evidence (the sheet's ``visibility``)."""
        return scorecard_scope_q(paths, user)

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["round", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit"],
                name="scorecard_once_per_round",
                violation_error_message=_("Đơn vị đã có phiếu chấm điểm trong đợt này."),
            )
        ]

    def __str__(self):
        return f"{self.unit} – {self.round}"


def scorecard_scope_q(paths, user=None, prefix: str = "") -> Q:
    """The one rule of who sees a scorecard (``prefix`` "scorecard__" for its entries):

    - the unit itself and the units above it, in any state;
    - once sent for review: the round's reviewers (its panel, and the grouping's leader
      unit that year);
    - once sent, when the sheet's ``visibility`` is "open": every member of the grouping.

    Under the default ("own"), members see each other's totals and grades in the ranking
    once the round is finalised (``selectors.round_page``), not each other's cards or
    evidence."""
    p = prefix
    sent = Q(**{f"{p}status__in": Scorecard.RANKED})
    members = f"{p}round__cluster__memberships"
    leader = Q(**{f"{members}__role": "leader", f"{members}__year": F(f"{p}round__year")}) & under(
        paths, f"{members}__unit__path"
    )
    shared = Q(**{f"{p}round__sheet__visibility": ScoreSheet.Visibility.OPEN}) & under(
        paths, f"{members}__unit__path"
    )
    condition = under(paths, f"{p}unit__path") | (sent & (leader | shared))
    if user is not None and user.is_authenticated:
        condition |= sent & Q(**{f"{p}round__panel": user.pk})
    return condition


def evidence_upload_to(instance: "ScoreEntry", filename: str) -> str:
    """Stored under a random name (set by the service); the user's name is kept apart."""
    return f"scoring/{instance.scorecard_id}/{filename}"


class ScoreEntry(models.Model):
    """A unit's score on one item: self-score with evidence, then the agreed score.

    For a target criterion the unit enters ``actual`` and the score is computed by the
    item's formula; the reviewer may correct the figure (``agreed_actual``).
    ``agreed`` empty means the reviewer kept the self-score.
    """

    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("phiếu chấm"), on_delete=models.CASCADE, related_name="entries"
    )
    item = models.ForeignKey(
        ScoreItem, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="entries"
    )
    self_score = models.DecimalField(_("điểm tự chấm"), null=True, blank=True, **SCORE)
    actual = models.DecimalField(_("số liệu thực hiện"), null=True, blank=True, **FIGURE)
    evidence = models.TextField(_("giải trình, minh chứng"), blank=True, max_length=4000)
    attachment = models.FileField(
        _("tệp minh chứng"), upload_to=evidence_upload_to, blank=True, max_length=255
    )
    attachment_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    agreed = models.DecimalField(_("điểm thẩm định"), null=True, blank=True, **SCORE)
    agreed_actual = models.DecimalField(_("số liệu thẩm định"), null=True, blank=True, **FIGURE)
    comment = models.TextField(_("ý kiến thẩm định"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    scope_lookup = "scorecard__round__cluster__memberships__unit__path"
    scope_crosses_many = True

    @staticmethod
    def scope_q(paths, user=None) -> Q:
        """An entry (and its evidence file) is seen like its scorecard."""
        return scorecard_scope_q(paths, user, prefix="scorecard__")

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        ordering = ["scorecard", "item__order", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "item"], name="score_entry_once"),
            models.CheckConstraint(
                condition=Q(self_score__isnull=True) | Q(self_score__gte=0),
                name="score_entry_self_not_negative",
                violation_error_message=_("Điểm không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(agreed__isnull=True) | Q(agreed__gte=0),
                name="score_entry_agreed_not_negative",
                violation_error_message=_("Điểm không được âm."),
            ),
        ]

    def __str__(self):
        return f"{self.scorecard.unit} – {self.item.code}"


class AwardSuggestion(models.Model):
    """An award a year-end place proposes (e.g. 1st → Cờ thi đua), for a leader to
    accept (then it becomes a line of a draft proposal) or drop.

    The proposal line it became points here (``awards.Nominee.suggestion``), read as
    ``suggestion.nominee``: campaigns does not know awards, awards knows campaigns."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Đề xuất")
        ACCEPTED = "accepted", _("Đã chấp nhận")
        DROPPED = "dropped", _("Đã bỏ")

    round = models.ForeignKey(
        ScoringRound,
        verbose_name=_("đợt chấm điểm"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="award_suggestions"
    )
    award = models.ForeignKey(
        Award, verbose_name=_("hình thức"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.PositiveSmallIntegerField(_("thứ hạng"))
    total = models.DecimalField(_("tổng điểm"), **SCORE)
    grade = models.CharField(_("xếp loại"), max_length=5, blank=True)
    tied = models.BooleanField(_("đồng hạng"), default=False)
    seats = models.PositiveSmallIntegerField(
        _("số suất còn lại cho các đơn vị đồng hạng"),
        null=True,
        blank=True,
        help_text=_("Có giá trị khi số đơn vị đồng hạng nhiều hơn số suất: hội nghị chọn."),
    )
    tie_note = models.CharField(_("phân định đồng hạng"), max_length=255, blank=True)
    drop_reason = models.TextField(_("lý do bỏ"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)

    scope_lookup = "round__cluster__memberships__unit__path"

    class Meta:
        verbose_name = _("đề xuất khen thưởng theo xếp hạng")
        verbose_name_plural = _("đề xuất khen thưởng theo xếp hạng")
        ordering = ["round", "place", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit", "award"], name="award_suggestion_once")
        ]

    def __str__(self):
        return f"{self.place}. {self.unit} → {self.award}"

    @property
    def is_proposed(self) -> bool:
        """Whether it became a line of a proposal (select_related("nominee") saves a query)."""
        return hasattr(self, "nominee")


class ScoringConference(models.Model):
    """The grouping's year-end conference (hội nghị tổng kết) of a finalised round: when
    and where it met, its minutes, and the vote acclaiming (suy tôn) the flag nominee."""

    round = models.OneToOneField(
        ScoringRound,
        verbose_name=_("đợt chấm điểm"),
        on_delete=models.CASCADE,
        related_name="conference",
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    minutes = models.TextField(_("biên bản (tóm tắt)"), blank=True)
    acclaimed = models.ForeignKey(
        AwardSuggestion,
        verbose_name=_("đơn vị được suy tôn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    present = models.PositiveSmallIntegerField(_("số đơn vị dự họp"), default=0)
    votes_for = models.PositiveSmallIntegerField(_("số phiếu tán thành"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("số phiếu không tán thành"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi"), auto_now=True)

    scope_lookup = "round__cluster__memberships__unit__path"

    class Meta:
        verbose_name = _("hội nghị tổng kết khối/cụm")
        verbose_name_plural = _("hội nghị tổng kết khối/cụm")
        constraints = [
            models.CheckConstraint(
                condition=Q(votes_for__lte=F("present") - F("votes_against")),
                name="scoring_conference_votes_within_present",
                violation_error_message=_("Số phiếu vượt số đơn vị dự họp."),
            )
        ]

    def __str__(self):
        return f"{self.round} – {self.held_on:%d/%m/%Y}"

    @property
    def share_for(self) -> Decimal | None:
        """Votes for as a share of those present, in %, two decimals."""
        if not self.present:
            return None
        return (Decimal(self.votes_for) * 100 / self.present).quantize(Decimal("0.01"))
