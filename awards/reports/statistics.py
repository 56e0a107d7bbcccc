"""The statutory statistics tables of the Ministry of Home Affairs, filled from the data.

0602.N counts state-level rewards, 0603.N ministry/provincial-level ones, laid out as the
forms of Circular 02/2023/TT-BNV (docs/legal-regimes.md D2): the award forms in COLUMNS
(0602: a Tập thể / Cá nhân pair per form; 0603: Bằng khen, Chiến sĩ thi đua, Cờ thi đua,
Huy hiệu), the categories in ROWS (by the body submitting to the Prime Minister, by
recipient, by method), with columns A (label), B (Mã số) and C (Đơn vị tính). 0601.N
(campaigns) is built in ``awards.reports.campaigns`` from the same ``StatTable``, since
awards must not import campaigns.

The headings come from a third-party transcription of the Circular's appendix and are
marked unverified in the notes printed under each table. Rows for categories the app does
not record (Doanh nghiệp, Doanh nhân, the leadership levels, Kháng chiến) print "—" with a
footnote, never a guessed number. An award is put in a column by its name; a state award
that matches none lands in "Các hình thức khen thưởng khác", a ministry one in column 1
only (named in a note), so nothing counted is lost. Counts are by the year the decision
was issued (năm ban hành quyết định), as the regime counts rewards granted.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.catalogue.models import Authority, Award
from awards.reports.data import load_awards, scope_conferments
from awards.reports.scope import Period, Scope
from thidua.core.text import search_key
from units.models import AgencyType

NOT_RECORDED = "—"  # printed in every cell of a row the app has no data for


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str = ""  # the upper header cell this column sits under


@dataclass
class StatRow:
    code: str
    label: str
    values: Counter = field(default_factory=Counter)
    bold: bool = False
    indent: int = 0
    unit: str = ""  # column C, Đơn vị tính
    heading: bool = False  # a group heading ("1. Chia theo …"): no code, no figures
    recorded: bool = True  # False: the app does not record this category ("—")


@dataclass
class StatTable:
    form: str  # "0602.N/BNV-TĐKT"
    title: str
    issuer: str
    period_text: str
    row_header: str
    columns: list[Column]
    rows: list[StatRow]
    notes: list[str]
    unit_column: bool = False  # the form has column C (Đơn vị tính)

    def header_groups(self) -> list[tuple[str, int, list[Column]]]:
        """Consecutive columns by group: (group label, span, columns)."""
        groups: list[tuple[str, int, list[Column]]] = []
        for column in self.columns:
            if groups and column.group and groups[-1][0] == column.group:
                label, span, cols = groups[-1]
                groups[-1] = (label, span + 1, [*cols, column])
            else:
                groups.append((column.group, 1, [column]))
        return groups

    @property
    def compact(self) -> bool:
        """Few figure columns (0604, 0605): printed narrower than the page."""
        return len(self.columns) <= 3

    @property
    def has_groups(self) -> bool:
        return any(column.group for column in self.columns)

    def letters(self) -> list[str]:
        """The lettered columns before the numbered ones: A, B (and C)."""
        return ["A", "B", "C"] if self.unit_column else ["A", "B"]

    def cells(self, row: StatRow) -> list[int | str]:
        """The figures of a row; "" under a heading, "—" where the app records nothing."""
        if row.heading:
            return [""] * len(self.columns)
        if not row.recorded:
            return [NOT_RECORDED] * len(self.columns)
        return [row.values.get(c.key, 0) for c in self.columns]

    def digest(self) -> str:
        """A fingerprint of what the table prints (its cache key)."""
        printed = [self.form, self.title, self.issuer, self.period_text, self.notes]
        printed += [(c.key, c.label, c.group) for c in self.columns]
        printed += [(r.code, r.label, r.unit, self.cells(r)) for r in self.rows]
        return hashlib.sha256(repr(printed).encode()).hexdigest()


# The order of the orders and medals in 0602 (one Tập thể / Cá nhân pair each, only those
# the catalogue has at state level); folded name prefixes. (unverified: the form's list is
# dynamic in the transcription)
MEDAL_ORDER = [
    "huan chuong sao vang",
    "huan chuong ho chi minh",
    "huan chuong doc lap hang nhat",
    "huan chuong doc lap hang nhi",
    "huan chuong doc lap hang ba",
    "huan chuong lao dong hang nhat",
    "huan chuong lao dong hang nhi",
    "huan chuong lao dong hang ba",
    "huan chuong dung cam",
    "huan chuong huu nghi",
    "huy chuong huu nghi",
]
MEDAL_PREFIXES = ("huan chuong", "huy chuong")

# 0602's other forms, in the form's order: key, label, folded name prefixes.
STATE_FORMS = [
    ("hcm_prize", gettext_lazy("Giải thưởng Hồ Chí Minh"), ("giai thuong ho chi minh",)),
    ("state_prize", gettext_lazy("Giải thưởng Nhà nước"), ("giai thuong nha nuoc",)),
    (
        "honour",
        gettext_lazy("Danh hiệu vinh dự Nhà nước"),
        (
            "anh hung",
            "ba me viet nam anh hung",
            "nha giao nhan dan",
            "nha giao uu tu",
            "thay thuoc nhan dan",
            "thay thuoc uu tu",
            "nghe si nhan dan",
            "nghe si uu tu",
            "nghe nhan nhan dan",
            "nghe nhan uu tu",
        ),
    ),
    ("gov_flag", gettext_lazy("Cờ thi đua của Chính phủ"), ("co thi dua cua chinh phu",)),
    ("pm_merit", gettext_lazy("Bằng khen của Thủ tướng Chính phủ"), ("bang khen cua thu tuong",)),
    ("national", gettext_lazy("Chiến sĩ thi đua toàn quốc"), ("chien si thi dua toan quoc",)),
]
STATE_OTHER = "other"

# 0603's columns 2–5: key, label, folded name prefixes.
MINISTRY_FORMS = [
    ("merit", gettext_lazy("Bằng khen"), ("bang khen",)),
    (
        "emulator",
        gettext_lazy("Chiến sĩ thi đua cấp bộ, cấp tỉnh"),
        ("chien si thi dua",),
    ),
    (
        "flag",
        gettext_lazy("Cờ thi đua của bộ, ban, ngành, đoàn thể trung ương, tỉnh"),
        ("co thi dua",),
    ),
    (
        "badge",
        gettext_lazy("Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể trung ương, tỉnh"),
        ("huy hieu", "ky niem chuong"),
    ),
]

# The body that submits a state award to the Prime Minister, told from the recipient's
# unit: the ministry's own system → the ministry; a justice department → its province.
# (derived, unverified; an outside body counts in neither row)
SUBMITTER = {
    AgencyType.MINISTRY: "ministry",
    AgencyType.MINISTRY_UNIT: "ministry",
    AgencyType.THADS_HQ: "ministry",
    AgencyType.THADS_PROVINCE: "ministry",
    AgencyType.THADS_LOCAL: "ministry",
    AgencyType.JUSTICE_DEPT: "province",
}

FORMS = {
    "0602": (
        "0602.N/BNV-TĐKT",
        gettext_lazy("SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"),
        Authority.Level.STATE,
    ),
    "0603": (
        "0603.N/BNV-TĐKT",
        gettext_lazy(
            "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ "
            "TRỰC THUỘC TRUNG ƯƠNG"
        ),
        Authority.Level.MINISTRY_PROVINCE,
    ),
}


def _matches(key: str, prefixes) -> bool:
    return any(key.startswith(prefix) for prefix in prefixes)


def medal_kind(name: str) -> str | None:
    """The 0602 pair an order or medal falls in: its name without the "(cá nhân)"-style
    tail, folded; None for any other form."""
    key = search_key(name)
    if not key.startswith(MEDAL_PREFIXES):
        return None
    for prefix in MEDAL_ORDER:
        if key.startswith(prefix):
            return prefix
    return key


def state_column(name: str) -> str:
    """The 0602 pair an award's name falls in (its key)."""
    kind = medal_kind(name)
    if kind is not None:
        return f"medal:{kind}"
    key = search_key(name)
    for column, _label, prefixes in STATE_FORMS:
        if _matches(key, prefixes):
            return column
    return STATE_OTHER


def ministry_column(name: str) -> str | None:
    """The 0603 column (2–5) an award's name falls in; None: column 1 only."""
    key = search_key(name)
    for column, _label, prefixes in MINISTRY_FORMS:
        if _matches(key, prefixes):
            return column
    return None


def _medal_pairs(awards, counted=()) -> list[tuple[str, str]]:
    """(key, label) of each order or medal the catalogue has at state level (or that was
    counted), in the form's order, one per kind (its individual and collective awards
    share it)."""
    found: dict[str, str] = {}
    for award in sorted(awards.values(), key=lambda a: a.sort_key):
        if award.authority.level != Authority.Level.STATE and award.pk not in counted:
            continue
        kind = medal_kind(award.name)
        if kind is not None and kind not in found:
            found[kind] = award.form_name or award.name
    rank = {prefix: i for i, prefix in enumerate(MEDAL_ORDER)}
    ordered = sorted(found, key=lambda kind: (rank.get(kind, len(rank)), kind))
    return [(f"medal:{kind}", found[kind]) for kind in ordered]


def state_columns(awards, counted=()) -> list[Column]:
    """0602: Tổng số, then a Tập thể / Cá nhân pair per form."""
    pairs = [
        *_medal_pairs(awards, counted),
        *[(key, str(label)) for key, label, _p in STATE_FORMS],
        (STATE_OTHER, _("Các hình thức khen thưởng khác")),
    ]
    columns = [Column("total", _("Tổng số"))]
    for key, label in pairs:
        columns.append(Column(f"{key}:collective", _("Tập thể"), label))
        columns.append(Column(f"{key}:individual", _("Cá nhân"), label))
    return columns


def ministry_columns() -> list[Column]:
    """0603: 1 Tổng số, 2 Bằng khen, 3 Chiến sĩ thi đua, 4 Cờ thi đua, 5 Huy hiệu."""
    return [Column("total", _("Tổng số"))] + [
        Column(key, str(label)) for key, label, _p in MINISTRY_FORMS
    ]


def _method_rows() -> list[tuple[str, str]]:
    """The methods of the forms, by reward type; "" for Kháng chiến (not recorded)."""
    T = Award.RewardType
    return [
        (T.MERIT, _("Thường xuyên")),
        (T.THEMED, _("Chuyên đề")),
        (T.SUDDEN, _("Đột xuất")),
        (T.FOREIGN, _("Đối ngoại")),
        (T.DEDICATION, _("Cống hiến")),
        (T.SENIORITY, _("Niên hạn")),
        ("", _("Kháng chiến")),
    ]


@dataclass
class _Rows:
    """The rows of 0602 or 0603 and where each count goes."""

    total: StatRow
    submitter: dict[str, StatRow]
    subject: dict[str, StatRow]
    method: dict[str, StatRow]
    ordered: list[StatRow]


def _rows(state: bool) -> _Rows:
    """The rows in the form's order, numbered as its Mã số (0602 lacks 04–05 in the
    transcription and keeps the gap)."""
    times = _("Lượt")
    ordered: list[StatRow] = []
    number = iter(range(1, 100))

    def row(label, *, indent=1, recorded=True, bold=False) -> StatRow:
        made = StatRow(f"{next(number):02d}", label, indent=indent, unit=times)
        made.recorded, made.bold = recorded, bold
        ordered.append(made)
        return made

    def heading(label) -> None:
        ordered.append(StatRow("", label, bold=True, heading=True))

    total = row(_("Tổng số"), indent=0, bold=True)
    submitter: dict[str, StatRow] = {}
    if state:
        heading(_("1. Chia theo cơ quan trình Thủ tướng Chính phủ"))
        submitter["ministry"] = row(_("Bộ, ban, ngành, đoàn thể trung ương"))
        submitter["province"] = row(_("Tỉnh, thành phố trực thuộc trung ương"))
        next(number), next(number)  # 04 and 05: not in the transcription
    heading(_("%(n)s. Chia theo đối tượng khen thưởng") % {"n": 2 if state else 1})
    S = Award.Subject
    subject = {S.COLLECTIVE: row(_("Tập thể"))}
    row(_("Trong đó: Doanh nghiệp"), indent=2, recorded=False)
    subject[S.HOUSEHOLD] = row(_("Hộ gia đình"))
    subject[S.INDIVIDUAL] = row(_("Cá nhân"))
    for label in (
        _("Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"),
        _("Lãnh đạo cấp vụ, sở, ngành và tương đương"),
        _("Doanh nhân"),
        _("Các cấp lãnh đạo khác từ phó phòng trở lên"),
        _("Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu"),
    ):
        row(label, indent=2, recorded=False)
    heading(_("%(n)s. Chia theo loại hình khen thưởng") % {"n": 3 if state else 2})
    method = {}
    for reward_type, label in _method_rows():
        made = row(label, recorded=bool(reward_type))
        if reward_type:
            method[reward_type] = made
    return _Rows(total, submitter, subject, method, ordered)


def _counts(scope: Scope, year: int, level: int):
    """(award, recipient's agency type) → number, for decisions issued in ``year`` by an
    authority of ``level`` (the one that conferred it, not the catalogue's)."""
    period = Period(year, year)
    queryset = scope_conferments(scope, period, years=period.trend_years).filter(
        decision__year=year, decision__authority__level=level
    )
    return queryset.values_list("award_id", "unit__agency_type").annotate(n=Count("id")).order_by()


def award_table(code: str, scope: Scope, year: int) -> StatTable:
    """0602.N or 0603.N for a scope and a year, in three queries."""
    form, title, level = FORMS[code]
    state = code == "0602"
    awards = load_awards()
    rows = _rows(state)
    outside: Counter = Counter()  # 0603: counted in column 1 only, by award name
    counts = list(_counts(scope, year, level))
    for award_id, agency_type, n in counts:
        award = awards[award_id]
        if state:
            side = "individual" if award.subject == Award.Subject.INDIVIDUAL else "collective"
            keys = ["total", f"{state_column(award.name)}:{side}"]
        else:
            column = ministry_column(award.name)
            keys = ["total"] if column is None else ["total", column]
            if column is None:
                outside[award.name] += n
        targets = [rows.total, rows.subject.get(award.subject), rows.method.get(award.reward_type)]
        if state:
            targets.append(rows.submitter.get(SUBMITTER.get(agency_type, "")))
        for target in targets:
            if target is not None:
                for key in keys:
                    target.values[key] += n
    return StatTable(
        form=form,
        title=str(title),
        issuer=scope.name,
        period_text=_("Năm %(year)s") % {"year": year},
        row_header="",
        columns=state_columns(awards, {c[0] for c in counts}) if state else ministry_columns(),
        rows=rows.ordered,
        notes=_notes(state, outside),
        unit_column=True,
    )


def _notes(state: bool, outside: Counter) -> list[str]:
    notes = [
        _(
            "Số liệu tính theo năm ban hành quyết định khen thưởng; không tính các trường "
            "hợp đã bị hủy bỏ."
        ),
        _(
            "Dấu “—”: ứng dụng không ghi nhận loại đối tượng hoặc loại hình này (doanh "
            "nghiệp, doanh nhân, cấp lãnh đạo, người trực tiếp công tác, kháng chiến), không "
            "có số liệu; đơn vị tự điền nếu có."
        ),
    ]
    if state:
        notes += [
            _(
                "Khen thưởng hộ gia đình được tính vào cột Tập thể. Cơ quan trình Thủ tướng "
                "Chính phủ xác định theo đơn vị của người, tập thể được khen: Sở Tư pháp tính "
                "vào tỉnh, các đơn vị thuộc hệ thống của Bộ tính vào Bộ; cơ quan ngoài ngành "
                "không tính vào dòng nào."
            ),
            _(
                "Các loại huân chương, huy chương: mỗi loại có trong danh mục khen thưởng "
                "cấp Nhà nước một cặp cột; bản chép biểu không có mã số 04–05."
            ),
        ]
    elif outside:
        named = "; ".join(f"{name} ({n})" for name, n in sorted(outside.items()))
        notes.append(
            _("Cột 1 gồm cả các hình thức không có cột riêng: %(forms)s.") % {"forms": named}
        )
    notes.append(
        _(
            "Cấu trúc dòng, cột của biểu theo bản chép lại Thông tư 02/2023/TT-BNV, chưa đối "
            "chiếu với văn bản gốc: cần kiểm tra trước khi gửi."
        )
    )
    return notes
