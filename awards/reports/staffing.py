"""Statistics tables 0604.N (emulation-and-reward bodies) and 0605.N (their staff).

Laid out as the forms of Circular 02/2023/TT-BNV as a third-party transcription gives them
(docs/legal-regimes.md D2), from what the app records:
- 0604.N counts the units marked as being or having a body for emulation and rewards
  (``Unit.tdkt_body``), valid on 31 December of the year: a Vụ-level body in row 02, a
  phòng, ban or bộ phận in row 03. Rows 04–05 (the Sở Nội vụ's ban and phòng) are outside
  the justice sector and print "—".
- 0605.N counts the people marked as working in emulation and rewards (``Person.tdkt_role``,
  full- or part-time) in the scope's units today, women apart, by age, training level and
  years in the field, both reckoned at 31 December of the year: age = the year minus the year
  of birth, seniority = the year minus the year the work began (whole years at 31/12). Whoever
  lacks a date or a level counts in the total and is named in a note, never guessed.
Each table is one query.
"""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.reports.scope import Scope
from awards.reports.statistics import Column, StatRow, StatTable
from units.access import under
from units.models import AgencyType, ClusterMembership, Person, TdktBody, Unit

# 0605.N's bands: (row key, label, lowest, highest) in whole years, None = open. The
# transcription's "Từ 5 đến 10" and "Từ 10 trở lên" share 10: it goes to the latter.
AGE_BANDS = [
    ("age_30", gettext_lazy("Từ 30 trở xuống"), None, 30),
    ("age_40", gettext_lazy("Từ 31 đến 40"), 31, 40),
    ("age_50", gettext_lazy("Từ 41 đến 50"), 41, 50),
    ("age_55", gettext_lazy("Từ 51 đến 55"), 51, 55),
    ("age_60", gettext_lazy("Từ 56 đến 60"), 56, 60),
    ("age_over", gettext_lazy("Trên 60 tuổi"), 61, None),
]
SENIORITY_BANDS = [
    ("years_5", gettext_lazy("Dưới 5 năm"), None, 4),
    ("years_10", gettext_lazy("Từ 5 đến 10 năm"), 5, 9),
    ("years_over", gettext_lazy("Từ 10 năm trở lên"), 10, None),
]
PEOPLE = "total"
WOMEN = "female"


def reference_day(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _units_in(scope: Scope, year: int, lookup: str = "") -> Q:
    """The scope's units (``lookup`` leads from the counted row to its unit): a unit's
    subtree, a grouping's members of that year, or the whole sector; never an outside body."""
    prefix = f"{lookup}__" if lookup else ""
    outside = Q(**{f"{prefix}agency_type": AgencyType.EXTERNAL})
    if scope.kind == Scope.SECTOR:
        return ~outside
    if scope.kind == Scope.UNIT:
        return under([scope.path], f"{prefix}path") & ~outside
    members = ClusterMembership.objects.filter(cluster_id=scope.pk, year=year).values("unit_id")
    return Q(**{f"{prefix}pk__in": members}) & ~outside


def _issuer_notes() -> list[str]:
    return [
        _(
            "Cấu trúc dòng, cột của biểu theo bản chép lại Thông tư 02/2023/TT-BNV, chưa đối "
            "chiếu với văn bản gốc: cần kiểm tra trước khi gửi."
        )
    ]


def bodies_table(scope: Scope, year: int) -> StatTable:
    """0604.N for a scope and a year, in one query."""
    counts = dict(
        Unit.objects.valid_on(reference_day(year))
        .filter(_units_in(scope, year))
        .exclude(tdkt_body="")
        .values_list("tdkt_body")
        .annotate(n=Count("pk"))
        .order_by()
    )
    column = Column("count", _("Số lượng"))
    total = StatRow("01", _("Tổng số"), bold=True, unit=_("Tổ chức"))
    rows = {
        TdktBody.DEPARTMENT: StatRow(
            "02", _("Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương"), indent=1, unit=_("Vụ")
        ),
        TdktBody.DIVISION: StatRow(
            "03", _("Cấp phòng, ban hoặc bộ phận thuộc Vụ"), indent=1, unit=_("Phòng")
        ),
    }
    for body, row in rows.items():
        row.values[column.key] = counts.get(body, 0)
        total.values[column.key] += row.values[column.key]
    home_affairs = [
        StatRow("04", _("Cấp ban thuộc Sở Nội vụ"), indent=1, unit=_("Ban")),
        StatRow("05", _("Cấp phòng thuộc Sở Nội vụ"), indent=1, unit=_("Phòng")),
    ]
    for row in home_affairs:
        row.recorded = False
    return StatTable(
        form="0604.N/BNV-TĐKT",
        title=_(
            "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ "
            "TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
        ),
        issuer=scope.name,
        period_text=_("Năm %(year)s") % {"year": year},
        row_header="",
        columns=[column],
        rows=[
            total,
            StatRow("", _("Chia theo cơ cấu tổ chức bộ máy"), bold=True, heading=True),
            *rows.values(),
            *home_affairs,
        ],
        notes=[
            _(
                "Tính các đơn vị còn hiệu lực ngày 31/12/%(year)s được ghi là có bộ máy làm "
                "công tác thi đua, khen thưởng (mục “Công tác thi đua, khen thưởng” của đơn vị)."
            )
            % {"year": year},
            _(
                "Dòng 03 gồm mọi tổ chức cấp phòng, ban hoặc bộ phận làm công tác thi đua, "
                "khen thưởng trong phạm vi báo cáo, không riêng các phòng thuộc Vụ."
            ),
            _("Dấu “—”: tổ chức thuộc Sở Nội vụ nằm ngoài ngành Tư pháp, ứng dụng không ghi nhận."),
            *_issuer_notes(),
        ],
        unit_column=True,
    )


def _band(field: str, year: int, low: int | None, high: int | None) -> Q:
    """People whose ``year - <field>.year`` lies in [low, high]."""
    condition = Q()
    if high is not None:
        condition &= Q(**{f"{field}__year__gte": year - high})
    if low is not None:
        condition &= Q(**{f"{field}__year__lte": year - low})
    return condition


def _staff_counts(scope: Scope, year: int) -> dict[str, int]:
    """Every count of 0605.N, as ``<row>`` and ``<row>:female``, in one aggregate query."""
    conditions: dict[str, Q] = {"all": Q()}
    for key, _label, low, high in AGE_BANDS:
        conditions[key] = _band("birth_date", year, low, high)
    for level in Person.TrainingLevel:
        conditions[level.value] = Q(training_level=level)
    for key, _label, low, high in SENIORITY_BANDS:
        conditions[key] = _band("tdkt_since", year, low, high)
    women = Q(gender=Person.Gender.FEMALE)
    aggregates = {}
    for key, condition in conditions.items():
        aggregates[key] = Count("pk", filter=condition)
        aggregates[f"{key}:female"] = Count("pk", filter=condition & women)
    aggregates |= {
        "no_birth": Count("pk", filter=Q(birth_date__isnull=True)),
        "no_level": Count("pk", filter=Q(training_level="")),
        "no_since": Count("pk", filter=Q(tdkt_since__isnull=True)),
        Person.TdktRole.FULL_TIME: Count("pk", filter=Q(tdkt_role=Person.TdktRole.FULL_TIME)),
        Person.TdktRole.PART_TIME: Count("pk", filter=Q(tdkt_role=Person.TdktRole.PART_TIME)),
    }
    people = (
        Person.objects.filter(_units_in(scope, year, "unit"))
        .exclude(tdkt_role="")
        .exclude(tdkt_since__gt=reference_day(year))  # began after the year
    )
    return people.aggregate(**aggregates)


def staff_table(scope: Scope, year: int) -> StatTable:
    """0605.N for a scope and a year, in one query."""
    counts = _staff_counts(scope, year)
    group = _("Số lượng (Người)")
    columns = [Column(PEOPLE, _("Tổng số"), group), Column(WOMEN, _("Trong đó: Nữ"), group)]
    number = iter(range(1, 100))

    def row(key: str, label: str, **kwargs) -> StatRow:
        made = StatRow(f"{next(number):02d}", label, **{"indent": 1, **kwargs})
        made.values[PEOPLE], made.values[WOMEN] = counts[key], counts[f"{key}:female"]
        return made

    def heading(label: str) -> StatRow:
        return StatRow("", label, bold=True, heading=True)

    rows = [row("all", _("Tổng số"), bold=True, indent=0)]
    rows.append(heading(_("1. Chia theo độ tuổi")))
    rows += [row(key, str(label)) for key, label, _low, _high in AGE_BANDS]
    rows.append(heading(_("2. Chia theo trình độ đào tạo")))
    rows += [row(level.value, str(level.label)) for level in Person.TrainingLevel]
    rows.append(heading(_("3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng")))
    rows += [row(key, str(label)) for key, label, _low, _high in SENIORITY_BANDS]
    return StatTable(
        form="0605.N/BNV-TĐKT",
        title=_(
            "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ "
            "TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"
        ),
        issuer=scope.name,
        period_text=_("Năm %(year)s") % {"year": year},
        row_header="",
        columns=columns,
        rows=rows,
        notes=_staff_notes(counts, year),
    )


def _staff_notes(counts: dict[str, int], year: int) -> list[str]:
    notes = [
        _(
            "Tính những người đang công tác tại các đơn vị trong phạm vi báo cáo được ghi là "
            "làm công tác thi đua, khen thưởng, không phân biệt ngạch, trừ người bắt đầu sau "
            "năm báo cáo: %(full)s chuyên trách, %(part)s kiêm nhiệm."
        )
        % {
            "full": counts[Person.TdktRole.FULL_TIME],
            "part": counts[Person.TdktRole.PART_TIME],
        },
        _(
            "Tuổi và thâm niên tính tròn năm đến ngày 31/12/%(year)s; người đủ 10 năm được "
            "tính vào dòng “Từ 10 năm trở lên”."
        )
        % {"year": year},
    ]
    missing = [
        (counts["no_birth"], _("chưa có ngày sinh")),
        (counts["no_level"], _("chưa có trình độ đào tạo")),
        (counts["no_since"], _("chưa có ngày bắt đầu làm công tác thi đua, khen thưởng")),
    ]
    missing = [(n, text) for n, text in missing if n]
    if missing:
        parts = "; ".join(_("%(n)s người %(what)s") % {"n": n, "what": text} for n, text in missing)
        notes.append(
            _("Có trong tổng số nhưng không ở dòng tương ứng: %(parts)s.") % {"parts": parts}
        )
    notes.append(
        _(
            "Bản chép biểu ghi mã số 14 cho cả hai dòng cuối; ở đây dòng “Từ 10 năm trở lên” "
            "mang mã số 15."
        )
    )
    return notes + _issuer_notes()
