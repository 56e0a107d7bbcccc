import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.text import NOTE_MAX, SUMMARY_MAX, search_key


class AgencyType(models.TextChoices):
    MINISTRY = "ministry", _("Bộ")
    MINISTRY_UNIT = "ministry_unit", _("Đơn vị thuộc Bộ")
    THADS_HQ = "thads_hq", _("Cơ quan quản lý THADS trung ương")
    THADS_PROVINCE = "thads_province", _("Cơ quan THADS cấp tỉnh")
    THADS_LOCAL = "thads_local", _("Chi cục / Phòng THADS khu vực")
    JUSTICE_DEPT = "justice_dept", _("Sở Tư pháp")
    EXTERNAL = "external", _("Cơ quan ngoài ngành Tư pháp")


class TdktBody(models.TextChoices):
    """The emulation-and-reward body a unit is or has (form 0604.N)."""

    DEPARTMENT = "vu", _("Cấp vụ (Vụ Thi đua – Khen thưởng)")
    DIVISION = "phong", _("Cấp phòng, ban hoặc bộ phận")


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class Validity(models.Model):
    """Rows that exist for a span of days; ``valid_to`` is the last day, inclusive."""

    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def existed_in(self, year: int) -> bool:
        """Whether the row existed on at least one day of ``year``."""
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_to is None or self.valid_to.year >= year
        )

    def absence_in(self, year: int) -> str:
        """Why the row cannot stand for ``year`` ("" when it existed that year)."""
        values = {"name": self, "year": year}
        if self.valid_from is not None and self.valid_from.year > year:
            values["day"] = f"{self.valid_from:%d/%m/%Y}"
            return _("“%(name)s” chưa có trong năm %(year)s (thành lập từ %(day)s).") % values
        if self.valid_to is not None and self.valid_to.year < year:
            values["day"] = f"{self.valid_to:%d/%m/%Y}"
            return (
                _("“%(name)s” không còn trong năm %(year)s (chỉ hoạt động đến %(day)s).") % values
            )
        return ""

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class Province(Validity):
    name = models.CharField(_("tên"), max_length=100)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    search_key = models.CharField(max_length=100, editable=False, db_index=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("tỉnh/thành phố")
        verbose_name_plural = _("tỉnh/thành phố")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="province_name_unique")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)


class Unit(Validity):
    """A unit of the sector (or an outside member of a grouping), kept as a tree.

    ``path`` is a materialised path of primary keys ("/1/7/42/") so that a whole subtree
    is one indexed prefix query. Restructuring never re-parents history: a merged or
    renamed unit ends (``valid_to``) and its successors start, linked by ``predecessors``.
    """

    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    code = models.SlugField(_("mã đơn vị"), max_length=50, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    agency_type = models.CharField(_("loại cơ quan"), max_length=20, choices=AgencyType.choices)
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh/thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    tdkt_body = models.CharField(
        _("bộ máy làm công tác thi đua, khen thưởng"),
        max_length=10,
        choices=TdktBody.choices,
        blank=True,
        help_text=_(
            "Đơn vị là hoặc có tổ chức chuyên làm công tác thi đua, khen thưởng (biểu "
            "0604.N); để trống nếu không có."
        ),
    )
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị tiền thân"),
        symmetrical=False,
        blank=True,
        related_name="successors",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    search_key = models.CharField(max_length=255, editable=False, db_index=True)

    objects = ValidityQuerySet.as_manager()
    # Field history ("before → after"); the tree's bookkeeping columns are derived, not edited.
    history = HistoricalRecords(excluded_fields=["path", "depth", "search_key"])

    scope_lookup = "path"

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.is_valid_on(datetime.date.today())

    def is_descendant_of(self, other: "Unit") -> bool:
        return bool(self.path) and self.path.startswith(other.path)

    def clean(self):
        super().clean()
        if self.parent_id and self.pk and self._parent_is_in_own_subtree():
            raise ValidationError({"parent": _("Một đơn vị không thể là cấp trên của chính nó.")})

    def save(self, *args, **kwargs):
        self.search_key = search_key(f"{self.name} {self.short_name}")
        with transaction.atomic():
            old_path = self.path
            if self.parent_id and self.pk and self._parent_is_in_own_subtree():
                raise ValidationError(_("Một đơn vị không thể là cấp trên của chính nó."))
            super().save(*args, **kwargs)
            new_path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
            if new_path != old_path:
                self._move_subtree(old_path, new_path)

    def _parent_is_in_own_subtree(self) -> bool:
        return self.parent_id == self.pk or bool(
            self.path and self.parent.path.startswith(self.path)
        )

    def _move_subtree(self, old_path: str, new_path: str):
        depth = new_path.count("/") - 2
        Unit.objects.filter(pk=self.pk).update(path=new_path, depth=depth)
        if old_path:
            Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1)),
                depth=F("depth") + (depth - self.depth),
            )
        self.path, self.depth = new_path, depth

    def has_history(self) -> bool:
        """True when anything but user roles refers to the unit, so it must not be deleted."""
        if self.predecessors.exists() or self.successors.exists():
            return True
        for relation in Unit._meta.related_objects:
            if relation.many_to_many or relation.related_model._meta.model_name == "unitrole":
                continue
            if relation.field.model is Unit and relation.field.name == "predecessors":
                continue
            manager = relation.related_model._default_manager
            if manager.filter(**{relation.field.name: self}).exists():
                return True
        return False

    def delete(self, *args, **kwargs):
        if self.has_history():
            raise ValidationError(
                _("Đơn vị đã có dữ liệu lịch sử nên không thể xóa; hãy cho đơn vị ngừng hoạt động.")
            )
        return super().delete(*args, **kwargs)


class Cluster(Validity):
    """An emulation grouping: khu vực, cụm or khối thi đua. Membership is per year.

    It exists from ``valid_from`` to ``valid_to`` (empty: always), and ``name`` is its name
    today; the names it had before are ``former_names`` (each used up to a day), so that a
    year's pages show the name of that year (``name_in``).
    """

    class Kind(models.TextChoices):
        ZONE = "zone", _("Khu vực thi đua")
        CLUSTER = "cluster", _("Cụm thi đua")
        BLOCK = "block", _("Khối thi đua")

    class Paper(models.TextChoices):
        """Kinds of a grouping's papers of a year (thidua.core.attachments)."""

        PLEDGE = "pledge", _("Bản giao ước thi đua đã ký")
        CONFERENCE_MINUTES = "conference_minutes", _("Biên bản hội nghị")
        OTHER = "other", _("Văn bản khác")

    name = models.CharField(_("tên"), max_length=255, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("mô tả"), blank=True, max_length=SUMMARY_MAX)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    search_key = models.CharField(max_length=255, editable=False, db_index=True)
    # Papers kept beside it (thidua.core.attachments); they go with it.
    attachments = GenericRelation(
        "core.Attachment", content_type_field="holder_type", object_id_field="holder_id"
    )

    scope_lookup = "memberships__unit__path"

    class Meta:
        verbose_name = _("khối/cụm thi đua")
        verbose_name_plural = _("khối/cụm thi đua")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)

    def name_on(self, day: datetime.date) -> str:
        """The name on ``day``: the first former name still in use then, else today's.
        Reads ``former_names`` (prefetch them for lists)."""
        for former in sorted(self.former_names.all(), key=lambda f: f.used_until):
            if day <= former.used_until:
                return former.name
        return self.name

    def name_in(self, year: int) -> str:
        """The name at the end of ``year`` (or on its last day, if it ended that year)."""
        day = datetime.date(year, 12, 31)
        if self.valid_to is not None and self.valid_to < day:
            day = self.valid_to
        return self.name_on(day)


class ClusterName(models.Model):
    """A name a grouping had before, used up to ``used_until`` (inclusive)."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("khối/cụm"), on_delete=models.CASCADE, related_name="former_names"
    )
    name = models.CharField(_("tên cũ"), max_length=255)
    used_until = models.DateField(_("dùng đến ngày"))

    scope_lookup = "cluster__memberships__unit__path"

    class Meta:
        verbose_name = _("tên cũ của khối/cụm")
        verbose_name_plural = _("tên cũ của khối/cụm")
        ordering = ["cluster", "used_until"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "used_until"],
                name="cluster_name_once_a_day",
                violation_error_message=_("Khối/cụm đã có tên cũ dùng đến ngày này."),
            )
        ]

    def __str__(self):
        return f"{self.name} (đến {self.used_until:%d/%m/%Y})"


class ClusterMembership(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Trưởng khối")
        DEPUTY = "deputy", _("Phó trưởng khối")
        MEMBER = "member", _("Thành viên")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("khối/cụm"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("thành viên khối/cụm")
        verbose_name_plural = _("thành viên khối/cụm")
        ordering = ["cluster", "-year", "role", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "unit", "year"], name="cluster_member_once_a_year"
            ),
            models.UniqueConstraint(
                fields=["cluster", "year"],
                condition=Q(role="leader"),
                name="cluster_one_leader_a_year",
                violation_error_message=_("Mỗi năm khối/cụm chỉ có một đơn vị Trưởng khối."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.cluster} ({self.year})"

    def clean(self):
        super().clean()
        if self.unit_id and self.year and (absence := self.unit.absence_in(self.year)):
            raise ValidationError({"unit": absence})
        if self.cluster_id and self.year and (absence := self.cluster.absence_in(self.year)):
            raise ValidationError({"year": absence})


class Person(models.Model):
    """A cán bộ, công chức, viên chức or người lao động.

    ``unit`` and ``position`` mirror the open assignment (the history lives in
    ``Assignment``); they are kept so that scoping and lists are single-join queries.
    """

    class Gender(models.TextChoices):
        MALE = "M", _("Nam")
        FEMALE = "F", _("Nữ")

    class Category(models.TextChoices):
        OFFICIAL = "can_bo", _("Cán bộ")
        CIVIL_SERVANT = "cong_chuc", _("Công chức")
        PUBLIC_EMPLOYEE = "vien_chuc", _("Viên chức")
        WORKER = "nguoi_lao_dong", _("Người lao động")

    class TrainingLevel(models.TextChoices):
        """Trình độ đào tạo (chuyên môn), the levels of form 0605.N."""

        ELEMENTARY = "so_cap", _("Sơ cấp")
        INTERMEDIATE = "trung_cap", _("Trung cấp")
        COLLEGE = "cao_dang", _("Cao đẳng")
        UNIVERSITY = "dai_hoc", _("Đại học")
        POSTGRADUATE = "tren_dai_hoc", _("Trên đại học")

    class TdktRole(models.TextChoices):
        FULL_TIME = "chuyen_trach", _("Chuyên trách")
        PART_TIME = "kiem_nhiem", _("Kiêm nhiệm")

    full_name = models.CharField(_("họ và tên"), max_length=150)
    code = models.CharField(_("mã cán bộ"), max_length=30, unique=True)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    category = models.CharField(
        _("ngạch/loại"), max_length=20, choices=Category.choices, default=Category.CIVIL_SERVANT
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị hiện tại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        editable=False,
    )
    position = models.CharField(_("chức vụ hiện tại"), max_length=150, blank=True, editable=False)
    joined_on = models.DateField(_("ngày vào ngành"), null=True, blank=True)
    training_level = models.CharField(
        _("trình độ đào tạo"), max_length=20, choices=TrainingLevel.choices, blank=True
    )
    # Who counts in form 0605.N (the staff of emulation and rewards), and since when.
    tdkt_role = models.CharField(
        _("làm công tác thi đua, khen thưởng"),
        max_length=20,
        choices=TdktRole.choices,
        blank=True,
        help_text=_("Để trống nếu không làm công tác thi đua, khen thưởng."),
    )
    tdkt_since = models.DateField(
        _("làm công tác thi đua, khen thưởng từ ngày"),
        null=True,
        blank=True,
        help_text=_("Để tính thâm niên trong lĩnh vực thi đua, khen thưởng."),
    )
    # Số định danh cá nhân: how the national database of cadres, civil servants and public
    # employees (Decree 27/2026/NĐ-CP) names a person. Empty is NULL, so that unique holds
    # only between people who have one.
    national_id = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9]{12}\Z",
                _("Số định danh cá nhân gồm đúng 12 chữ số."),
                code="national_id",
            )
        ],
        error_messages={"unique": _("Số định danh cá nhân này đã có ở một cán bộ khác.")},
        help_text=_("12 chữ số (Nghị định 27/2026/NĐ-CP); để trống nếu chưa có."),
    )
    search_key = models.CharField(max_length=150, editable=False, db_index=True)

    history = HistoricalRecords(excluded_fields=["search_key"])

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["search_key", "pk"]

    def __str__(self):
        return self.full_name

    def clean(self):
        super().clean()
        if self.tdkt_since and not self.tdkt_role:
            raise ValidationError(
                {
                    "tdkt_role": _(
                        "Hãy chọn chuyên trách hay kiêm nhiệm khi ghi ngày bắt đầu làm công "
                        "tác thi đua, khen thưởng."
                    )
                }
            )
        if self.tdkt_since and self.birth_date and self.tdkt_since <= self.birth_date:
            message = _("Ngày bắt đầu làm công tác thi đua, khen thưởng phải sau ngày sinh.")
            raise ValidationError({"tdkt_since": message})

    def save(self, *args, **kwargs):
        self.search_key = search_key(self.full_name)
        self.national_id = (self.national_id or "").strip() or None
        super().save(*args, **kwargs)

    @property
    def honorific(self) -> str:
        return "Bà" if self.gender == self.Gender.FEMALE else "Ông"


class Assignment(models.Model):
    """Where a person worked, and as what, over a span of days (``end`` inclusive)."""

    person = models.ForeignKey(
        Person, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="assignments"
    )
    position = models.CharField(_("chức vụ"), max_length=150)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)

    history = HistoricalRecords()

    scope_lookup = "person__unit__path"

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="assignment_end_after_start",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.position}, {self.unit}"

    def clean(self):
        super().clean()
        if not self.unit_id or not self.start:
            return
        last_day = self.end or self.start
        if not (self.unit.is_valid_on(self.start) and self.unit.is_valid_on(last_day)):
            raise ValidationError(
                {
                    "unit": _(
                        "Đơn vị %(unit)s không tồn tại trong thời gian này (hiệu lực %(span)s)."
                    )
                    % {"unit": self.unit, "span": _validity_text(self.unit)}
                }
            )


def _validity_text(obj: Validity) -> str:
    start = obj.valid_from.strftime("%d/%m/%Y") if obj.valid_from else "…"
    end = obj.valid_to.strftime("%d/%m/%Y") if obj.valid_to else "…"
    return f"{start} – {end}"


class QualityRating(models.Model):
    class Rating(models.IntegerChoices):
        # Ordered: a higher value is a better rating, so rules can say "at least GOOD".
        NOT_COMPLETED = 1, _("Không hoàn thành nhiệm vụ")
        COMPLETED = 2, _("Hoàn thành nhiệm vụ")
        GOOD = 3, _("Hoàn thành tốt nhiệm vụ")
        EXCELLENT = 4, _("Hoàn thành xuất sắc nhiệm vụ")

    person = models.ForeignKey(
        Person, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.PositiveSmallIntegerField(_("xếp loại"), choices=Rating.choices)

    scope_lookup = "person__unit__path"

    class Meta:
        verbose_name = _("xếp loại chất lượng")
        verbose_name_plural = _("xếp loại chất lượng")
        ordering = ["person", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_rating_per_person_year")
        ]

    def __str__(self):
        return f"{self.person} {self.year}: {self.get_rating_display()}"


class Discipline(models.Model):
    class Form(models.IntegerChoices):
        REPRIMAND = 1, _("Khiển trách")
        WARNING = 2, _("Cảnh cáo")
        SALARY_DOWNGRADE = 3, _("Hạ bậc lương")
        DEMOTION = 4, _("Giáng chức")
        DISMISSAL_FROM_POST = 5, _("Cách chức")
        FORCED_RESIGNATION = 6, _("Buộc thôi việc")

    person = models.ForeignKey(
        Person, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="disciplines"
    )
    form = models.PositiveSmallIntegerField(_("hình thức kỷ luật"), choices=Form.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decided_on = models.DateField(_("ngày quyết định"))
    ends_on = models.DateField(_("hết thời hạn"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True, max_length=NOTE_MAX)

    scope_lookup = "person__unit__path"

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["person", "-decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("decided_on")),
                name="discipline_ends_after_decision",
                violation_error_message=_("Ngày hết thời hạn phải sau ngày quyết định."),
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_form_display()} ({self.decided_on:%d/%m/%Y})"


class Review(models.Model):
    """A person or collective under discipline review, investigation or complaint check."""

    class Kind(models.TextChoices):
        DISCIPLINE = "discipline", _("Đang xem xét kỷ luật")
        INVESTIGATION = "investigation", _("Đang bị điều tra, thanh tra, kiểm tra")
        COMPLAINT = "complaint", _("Đang xác minh khiếu nại, tố cáo")

    person = models.ForeignKey(
        Person,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True, max_length=NOTE_MAX)

    class Meta:
        verbose_name = _("đang xem xét")
        verbose_name_plural = _("đang xem xét")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) ^ Q(unit__isnull=True),
                name="review_has_one_subject",
                violation_error_message=_("Chọn đúng một cán bộ hoặc một tập thể."),
            )
        ]

    def __str__(self):
        return f"{self.person or self.unit}: {self.get_kind_display()}"


class Leave(models.Model):
    class Kind(models.TextChoices):
        MATERNITY = "maternity", _("Nghỉ thai sản")
        SICK = "sick", _("Nghỉ ốm dài ngày")
        OTHER = "other", _("Nghỉ khác")

    person = models.ForeignKey(
        Person, verbose_name=_("cán bộ"), on_delete=models.CASCADE, related_name="leaves"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))

    scope_lookup = "person__unit__path"

    class Meta:
        verbose_name = _("nghỉ dài ngày")
        verbose_name_plural = _("nghỉ dài ngày")
        ordering = ["person", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="leave_end_after_start",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()}"


class InitiativeLevel(models.IntegerChoices):
    BASE = 1, _("Cấp cơ sở")
    MINISTRY = 2, _("Cấp Bộ, ngành, tỉnh")
    NATIONAL = 3, _("Toàn quốc")


class Initiative(models.Model):
    """A recognised initiative (sáng kiến) or research project; titles require them."""

    title = models.CharField(_("tên sáng kiến / đề tài"), max_length=500)
    level = models.PositiveSmallIntegerField(
        _("phạm vi ảnh hưởng"), choices=InitiativeLevel.choices
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=50)
    decision_date = models.DateField(_("ngày công nhận"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="initiatives"
    )
    authors = models.ManyToManyField(Person, verbose_name=_("tác giả"), related_name="initiatives")

    scope_lookup = "unit__path"

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title


class UnitRole(models.Model):
    class Role(models.TextChoices):
        STAFF = "staff", _("Cán bộ nhập liệu")
        LEADER = "leader", _("Lãnh đạo")
        COUNCIL = "council", _("Thành viên Hội đồng TĐKT")
        ADMIN = "admin", _("Quản trị (Văn phòng TĐKT)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="unit_roles",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="user_roles"
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("vai trò người dùng")
        verbose_name_plural = _("vai trò người dùng")
        ordering = ["user", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unit_role_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
