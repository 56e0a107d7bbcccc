"""The statutory statistics tables of the Ministry of Home Affairs, filled from the data.

0602.N counts state-level rewards, 0603.N ministry/provincial-level ones, both by form
(rows), recipient category and reward type (columns). 0601.N (campaigns) is built in
``awards.reports.campaigns`` from the same ``StatTable``, since awards must not import campaigns.

The row and column structure is reconstructed from the Ministry's statistics regime for
the emulation and rewards sector (forms 0601.N–0603.N/BNV-TĐKT) and marked unverified in
the notes printed under each table: check it against the circular in force before filing.
A row is matched to catalogue awards by name; catalogue awards that match no row of the
form are added as "other" rows, so nothing counted is lost. Counts are by the year the
decision was issued (năm ban hành quyết định), as the regime counts rewards granted.
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
from units.models import Person


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

    def cells(self, row: StatRow) -> list[int]:
        return [row.values.get(c.key, 0) for c in self.columns]

    def digest(self) -> str:
        """A fingerprint of what the table prints (its cache key)."""
        printed = [self.form, self.title, self.issuer, self.period_text, self.notes]
        printed += [(c.key, c.label, c.group) for c in self.columns]
        printed += [(r.code, r.label, self.cells(r)) for r in self.rows]
        return hashlib.sha256(repr(printed).encode()).hexdigest()


def award_columns() -> list[Column]:
    person, kind = _("Cá nhân"), _("Theo loại hình khen thưởng")
    return [
        Column("total", _("Tổng số")),
        Column("collective", _("Tập thể")),
        Column("individual", _("Tổng số"), person),
        Column("leader", _("Lãnh đạo, quản lý"), person),
        Column("official", _("Cán bộ, công chức, viên chức"), person),
        Column("worker", _("Người lao động"), person),
        Column("female", _("Trong đó: nữ"), person),
        Column("household", _("Hộ gia đình")),
        *[Column(f"type:{value}", str(label), kind) for value, label in Award.RewardType.choices],
    ]


# Rows of the forms, each with the folded award names it counts. (unverified)
STATE_ROWS = [
    ("Huân chương Sao vàng", ["huan chuong sao vang"]),
    ("Huân chương Hồ Chí Minh", ["huan chuong ho chi minh"]),
    ("Huân chương Độc lập hạng Nhất", ["huan chuong doc lap hang nhat"]),
    ("Huân chương Độc lập hạng Nhì", ["huan chuong doc lap hang nhi"]),
    ("Huân chương Độc lập hạng Ba", ["huan chuong doc lap hang ba"]),
    ("Huân chương Lao động hạng Nhất", ["huan chuong lao dong hang nhat"]),
    ("Huân chương Lao động hạng Nhì", ["huan chuong lao dong hang nhi"]),
    ("Huân chương Lao động hạng Ba", ["huan chuong lao dong hang ba"]),
    ("Huân chương Dũng cảm", ["huan chuong dung cam"]),
    ("Huân chương Hữu nghị", ["huan chuong huu nghi"]),
    ("Danh hiệu Anh hùng Lao động", ["anh hung lao dong"]),
    ("Chiến sĩ thi đua toàn quốc", ["chien si thi dua toan quoc"]),
    ("Cờ thi đua của Chính phủ", ["co thi dua cua chinh phu"]),
    ("Bằng khen của Thủ tướng Chính phủ", ["bang khen cua thu tuong chinh phu"]),
]
MINISTRY_ROWS = [
    ("Cờ thi đua cấp Bộ, ban, ngành, tỉnh", ["co thi dua"]),
    ("Tập thể lao động xuất sắc", ["tap the lao dong xuat sac"]),
    ("Chiến sĩ thi đua cấp Bộ, ban, ngành, tỉnh", ["chien si thi dua"]),
    ("Bằng khen cấp Bộ, ban, ngành, tỉnh", ["bang khen"]),
]
FORMS = {
    "0602": (
        "0602.N/BNV-TĐKT",
        gettext_lazy("SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"),
        Authority.Level.STATE,
        STATE_ROWS,
    ),
    "0603": (
        "0603.N/BNV-TĐKT",
        gettext_lazy("SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, TỈNH"),
        Authority.Level.MINISTRY_PROVINCE,
        MINISTRY_ROWS,
    ),
}

# Words of a position that make its holder a leader or manager. (unverified heuristic)
_LEADER_WORDS = {"truong", "pho", "chanh", "giam", "chu"}


def is_leader(position: str) -> bool:
    words = search_key(position).split()
    return bool(words) and (
        "truong" in words
        or words[0] in _LEADER_WORDS
        or "giam doc" in " ".join(words)
        or "chu tich" in " ".join(words)
    )


def _row_for(award_name: str, rows: list[tuple[str, list[str]]]) -> int | None:
    key = search_key(award_name)
    for index, (_label, prefixes) in enumerate(rows):
        if any(key.startswith(prefix) for prefix in prefixes):
            return index
    return None


def _counts(scope: Scope, year: int, level: int):
    """(award, category, gender, position) → number, for decisions issued in ``year`` by an
    authority of ``level`` (the one that conferred it, not the catalogue's)."""
    period = Period(year, year)
    queryset = scope_conferments(scope, period, years=period.trend_years).filter(
        decision__year=year, decision__authority__level=level
    )
    return (
        queryset.values_list("award_id", "person__category", "person__gender", "position")
        .annotate(n=Count("id"))
        .order_by()
    )


def award_table(code: str, scope: Scope, year: int) -> StatTable:
    """0602.N or 0603.N for a scope and a year, in three queries."""
    form, title, level, spec = FORMS[code]
    awards = load_awards()
    rows = [StatRow(f"{i:02d}", _(label), indent=1) for i, (label, _p) in enumerate(spec, 2)]
    extra: dict[int, StatRow] = {}
    total = StatRow("01", _("Tổng số"), bold=True)
    for award_id, category, gender, position, n in _counts(scope, year, level):
        award = awards[award_id]
        index = _row_for(award.name, spec)
        if index is None:
            if award_id not in extra:
                label = _("Hình thức khác: %(name)s") % {"name": award.name}
                extra[award_id] = StatRow("", label, indent=1)
            row = extra[award_id]
        else:
            row = rows[index]
        for target in (row, total):
            _add(target.values, award, category, gender, position, n)
    rows.extend(extra.values())
    for number, row in enumerate(rows[len(spec) :], start=len(spec) + 2):
        row.code = f"{number:02d}"
    return StatTable(
        form=form,
        title=str(title),
        issuer=scope.name,
        period_text=_("Năm %(year)s") % {"year": year},
        row_header=_("Hình thức khen thưởng"),
        columns=award_columns(),
        rows=[total, *rows],
        notes=[
            _(
                "Số liệu tính theo năm ban hành quyết định khen thưởng; không tính các trường "
                "hợp đã bị hủy bỏ."
            ),
            _(
                "Lãnh đạo, quản lý: xác định theo chức vụ ghi khi khen thưởng (trưởng, phó, "
                "chánh, giám đốc…); cán bộ, công chức, viên chức và người lao động: theo ngạch "
                "của cá nhân."
            ),
            _(
                "Cấu trúc dòng, cột của biểu được dựng lại theo chế độ báo cáo thống kê ngành "
                "Nội vụ, chưa đối chiếu với văn bản gốc: cần kiểm tra trước khi gửi."
            ),
        ],
    )


def _add(values: Counter, award, category, gender, position, n: int) -> None:
    values["total"] += n
    values[f"type:{award.reward_type}"] += n
    if award.subject == Award.Subject.COLLECTIVE:
        values["collective"] += n
        return
    if award.subject == Award.Subject.HOUSEHOLD:
        values["household"] += n
        return
    values["individual"] += n
    if gender == Person.Gender.FEMALE:
        values["female"] += n
    if is_leader(position or ""):
        values["leader"] += n
    elif category == Person.Category.WORKER:
        values["worker"] += n
    else:
        values["official"] += n
