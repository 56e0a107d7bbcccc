"""Proposals (đề nghị khen thưởng), their nominees and dossier files."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from awards.catalogue.models import Authority, Award
from campaigns.models import AwardSuggestion
from thidua.core.text import ACHIEVEMENT_MAX, NOTE_MAX, SUMMARY_MAX, search_key
from units.access import under
from units.models import Cluster, Person, Unit


class Proposal(models.Model):
    """A unit's proposal (đề nghị khen thưởng) to an authority, with its nominees and dossier.

    Three units: ``proposing_unit`` started it and owns it while it is edited;
    ``authority_unit`` is where the authority's council votes (Bộ Tư pháp for the minister,
    also for the Prime Minister and the President, who get it from the ministry);
    ``current_unit`` is where it sits now (it moves on forward, return and forward up).
    Who may act is decided by ``handling_unit`` (see ``awards.workflow``).
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

    # The authority's council has voted: nominees' verdicts are no longer re-evaluated.
    VOTED_STATES = (Status.VOTED, Status.FORWARDED_UP, Status.DECIDED)

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
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("đề nghị của khối/cụm thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text=_(
            "Đề nghị chung của khối do đơn vị Trưởng khối lập: được đề nghị cho các đơn vị "
            "thành viên của khối trong năm thành tích."
        ),
    )
    reference_date = models.DateField(
        _("ngày áp dụng tiêu chuẩn"),
        help_text=_("Tiêu chuẩn khen thưởng được xét theo văn bản có hiệu lực vào ngày này."),
    )
    title = models.CharField(_("trích yếu"), max_length=255)
    summary = models.TextField(_("nội dung"), blank=True, max_length=SUMMARY_MAX)
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
    # The TĐKT office's specialist (chuyên viên) who appraises it once it has arrived, and
    # since when (``awards.desk``). Kept when it is returned for documents: the same
    # specialist takes it up again when it comes back.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chuyên viên thụ lý"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="assigned_proposals",
    )
    assigned_at = models.DateTimeField(_("ngày giao thụ lý"), null=True, blank=True, editable=False)
    search_key = models.CharField(max_length=255, editable=False, db_index=True)

    scope_lookup = "proposing_unit__path"

    @staticmethod
    def scope_q(paths, user=None) -> Q:
        """Who sees a proposal: the proposing unit's scope, and, once forwarded, its
        authority's unit and the unit where it now sits (a council outside the proposer's
        tree sees what is addressed to it)."""
        own = under(paths, "proposing_unit__path")
        addressed = under(paths, "authority_unit__path", "current_unit__path")
        return own | (addressed & Q(forwarded_at__isnull=False))

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["-year", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["authority_unit", "status"]),
            models.Index(fields=["assignee", "status"]),
        ]

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
    achievement = models.TextField(_("tóm tắt thành tích"), blank=True, max_length=ACHIEVEMENT_MAX)
    verdict = models.CharField(
        _("kết quả kiểm tra điều kiện"), max_length=10, choices=Verdict.choices, blank=True
    )
    eligibility = models.JSONField(_("kiểm tra điều kiện (lưu khi trình)"), default=dict)
    # When the snapshot was computed and under which rule version; ``verdict_stale`` marks
    # it out of date (a rule, rating, discipline or conferment it reads changed) until it
    # is computed again (``awards.services.verdicts``). Frozen once the council has voted.
    verdict_at = models.DateTimeField(_("thời điểm kiểm tra điều kiện"), null=True, blank=True)
    verdict_rule = models.ForeignKey(
        "catalogue.AwardRule",
        verbose_name=_("theo phiên bản tiêu chuẩn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verdict_stale = models.BooleanField(_("cần kiểm tra lại điều kiện"), default=False)
    override_reason = models.TextField(_("lý do vẫn đề nghị"), blank=True, max_length=NOTE_MAX)
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
    # The ranking suggestion this line came from: the link lives on this side, since awards
    # may know campaigns and campaigns may not know awards (``suggestion.nominee`` reads it).
    suggestion = models.OneToOneField(
        AwardSuggestion,
        verbose_name=_("đề xuất khen thưởng theo xếp hạng"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="nominee",
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
            # The limit a form applies, held by the database too (an import, a script).
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("achievement"), ACHIEVEMENT_MAX),
                name="nominee_achievement_length",
                violation_error_message=_("Tóm tắt thành tích dài quá %(n)s ký tự.")
                % {"n": f"{ACHIEVEMENT_MAX:,}".replace(",", ".")},
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

    @property
    def verdict_frozen(self) -> bool:
        """The council has voted: the snapshot it voted on stays as it was."""
        return self.result != self.Result.PENDING or self.proposal.status in Proposal.VOTED_STATES


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
