"""The report in the words of the field, and its count tables.

Grouped by conferring authority (state level first), then by form as the catalogue names
it in reports (``Award.form_name``), collectives and individuals apart, counts with two
digits: "Bộ Tư pháp tặng Cờ thi đua ngành cho 01 tập thể, Bằng khen cho 01 tập thể và 08 cá
nhân". The wording comes from the catalogue's data; only the grammar lives here.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from awards.catalogue.models import Award
from awards.reports.data import AuthorityInfo, ReportData, UnitRow
from thidua.core.text import two_digits

SUBJECTS = (Award.Subject.COLLECTIVE, Award.Subject.INDIVIDUAL, Award.Subject.HOUSEHOLD)


def count_text(n: int) -> str:
    """01, 08, 12, 120, 1.500: two digits at least, dots between thousands."""
    return two_digits(n) if n < 1000 else f"{n:,}".replace(",", ".")


def _subject_words() -> dict[str, str]:
    return {
        Award.Subject.COLLECTIVE: _("tập thể"),
        Award.Subject.INDIVIDUAL: _("cá nhân"),
        Award.Subject.HOUSEHOLD: _("hộ gia đình"),
    }


def join_and(parts: list[str]) -> str:
    """ "a", "a và b", "a, b và c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(head)s và %(last)s") % {"head": ", ".join(parts[:-1]), "last": parts[-1]}


@dataclass
class FormLine:
    """One form of one authority, both subjects: "Bằng khen" of "Bộ Tư pháp"."""

    form_name: str
    order: tuple
    by_subject: dict = field(default_factory=dict)  # subject -> count

    def count(self, subject: str) -> int:
        return self.by_subject.get(subject, 0)

    @property
    def collective(self) -> int:
        return self.count(Award.Subject.COLLECTIVE)

    @property
    def individual(self) -> int:
        return self.count(Award.Subject.INDIVIDUAL)

    @property
    def household(self) -> int:
        return self.count(Award.Subject.HOUSEHOLD)

    @property
    def total(self) -> int:
        return sum(self.by_subject.values())

    def phrase(self) -> str:
        """ "01 tập thể và 08 cá nhân"."""
        words = _subject_words()
        parts = [f"{count_text(self.count(s))} {words[s]}" for s in SUBJECTS if self.count(s)]
        return join_and(parts)


@dataclass
class AuthorityBlock:
    authority: AuthorityInfo
    forms: list[FormLine] = field(default_factory=list)

    def total(self, subject: str | None = None) -> int:
        if subject is None:
            return sum(f.total for f in self.forms)
        return sum(f.count(subject) for f in self.forms)

    @property
    def collective(self) -> int:
        return self.total(Award.Subject.COLLECTIVE)

    @property
    def individual(self) -> int:
        return self.total(Award.Subject.INDIVIDUAL)

    @property
    def household(self) -> int:
        return self.total(Award.Subject.HOUSEHOLD)

    @property
    def grand(self) -> int:
        return self.total()

    def clause(self) -> str:
        forms = ", ".join(
            _("%(form)s cho %(whom)s") % {"form": f.form_name, "whom": f.phrase()}
            for f in self.forms
        )
        return _("%(authority)s tặng %(forms)s") % {
            "authority": self.authority.report_name,
            "forms": forms,
        }


def authority_blocks(data: ReportData, counts=None) -> list[AuthorityBlock]:
    """The period's counts as authority blocks of form lines, in report order."""
    counts = data.counts if counts is None else counts
    lines: dict[tuple, FormLine] = {}
    for key, n in counts.items():
        if not n:
            continue
        award = data.awards[key]  # under the authority that conferred it
        key = (award.authority.pk, award.form_name)
        line = lines.get(key)
        if line is None:
            line = lines[key] = FormLine(award.form_name, award.sort_key)
        line.order = min(line.order, award.sort_key)
        line.by_subject[award.subject] = line.by_subject.get(award.subject, 0) + n
    blocks: dict[int, AuthorityBlock] = {}
    for (authority_pk, _form), line in sorted(lines.items(), key=lambda item: item[1].order):
        if authority_pk not in blocks:
            authority = next(
                a.authority for a in data.awards.values() if a.authority.pk == authority_pk
            )
            blocks[authority_pk] = AuthorityBlock(authority)
        blocks[authority_pk].forms.append(line)
    return sorted(blocks.values(), key=lambda b: b.authority.sort_key)


def summary_sentence(blocks: list[AuthorityBlock]) -> str:
    """ "Chủ tịch nước tặng …; Thủ tướng Chính phủ tặng …; Bộ Tư pháp tặng …." """
    return "; ".join(block.clause() for block in blocks) + "." if blocks else ""


def subject_totals(blocks: list[AuthorityBlock]) -> dict[str, int]:
    return {s: sum(b.total(s) for b in blocks) for s in SUBJECTS}


def whom_apart(data: ReportData, blocks: list[AuthorityBlock]) -> str:
    """People and collectives counted apart from their awards: "02 tập thể (02 lượt) và
    10 cá nhân (11 lượt)"."""
    totals = subject_totals(blocks)
    words = _subject_words()
    heads = {
        Award.Subject.COLLECTIVE: data.collectives,
        Award.Subject.INDIVIDUAL: data.people,
    }
    parts = []
    for subject in SUBJECTS:
        if not totals[subject]:
            continue
        if subject in heads:
            parts.append(
                _("%(n)s %(whom)s (%(times)s lượt)")
                % {
                    "n": count_text(heads[subject]),
                    "whom": words[subject],
                    "times": count_text(totals[subject]),
                }
            )
        else:
            parts.append(f"{count_text(totals[subject])} {words[subject]}")
    return join_and(parts)


def pending_sentence(data: ReportData) -> str:
    """ "Đang đề nghị …: 02 đề nghị, chờ Thủ tướng Chính phủ xét tặng Bằng khen cho 01 cá
    nhân; chờ Bộ Tư pháp xét tặng …." """
    blocks = authority_blocks(data, data.pending)
    if not blocks:
        return _("Không có đề nghị khen thưởng nào đang chờ quyết định.")
    clauses = "; ".join(
        _("chờ %(authority)s xét tặng %(forms)s")
        % {
            "authority": block.authority.report_name,
            "forms": ", ".join(
                _("%(form)s cho %(whom)s") % {"form": f.form_name, "whom": f.phrase()}
                for f in block.forms
            ),
        }
        for block in blocks
    )
    return _("Đang đề nghị (đã gửi, chưa có quyết định): %(n)s đề nghị, %(clauses)s.") % {
        "n": count_text(data.pending_proposals),
        "clauses": clauses,
    }


def share_sentence(data: ReportData) -> str:
    """For a grouping: how many of its members earned each award, "01/02 đơn vị"."""
    if not data.members:
        return ""
    words = _subject_words()
    keys = sorted((k for k, n in data.counts.items() if n), key=lambda k: data.awards[k].sort_key)
    by_authority: dict[int, list[str]] = {}
    names = {}
    for key in keys:
        award = data.awards[key]
        names[award.authority.pk] = award.authority
        by_authority.setdefault(award.authority.pk, []).append(
            _("%(form)s (%(subject)s) %(n)s/%(total)s đơn vị")
            % {
                "form": award.form_name,
                "subject": words[award.subject],
                "n": count_text(data.shares.get(key, 0)),
                "total": count_text(data.members),
            }
        )
    clauses = "; ".join(
        _("%(authority)s tặng %(forms)s")
        % {"authority": names[pk].report_name, "forms": ", ".join(parts)}
        for pk, parts in sorted(by_authority.items(), key=lambda item: names[item[0]].sort_key)
    )
    if data.subunits:
        head = _("Đơn vị thành viên được khen thưởng (tính cả đơn vị trực thuộc)")
    else:
        head = _("Đơn vị thành viên được khen thưởng (không tính đơn vị trực thuộc)")
    return f"{head}: {clauses}."


def paragraphs(data: ReportData, blocks: list[AuthorityBlock]) -> list[str]:
    """The narrative: results, totals, and what was left out."""
    period = data.period.label
    if not blocks:
        result = [
            _(
                "Trong %(period)s, không có tập thể, cá nhân nào thuộc phạm vi báo cáo được "
                "khen thưởng."
            )
            % {"period": period}
        ]
    else:
        result = [
            _("Kết quả khen thưởng %(period)s: %(sentence)s")
            % {"period": period, "sentence": summary_sentence(blocks)},
            _("Tổng cộng %(n)s lượt khen thưởng, cho %(whom)s.")
            % {"n": count_text(data.total), "whom": whom_apart(data, blocks)},
        ]
        share = share_sentence(data)
        if share:
            result.append(share)
    result.append(pending_sentence(data))
    if data.revoked:
        result.append(
            _(
                "Số liệu không tính %(n)s trường hợp khen thưởng đã bị hủy bỏ (hủy quyết định "
                "hoặc thu hồi khen thưởng)."
            )
            % {"n": count_text(data.revoked)}
        )
    else:
        result.append(_("Số liệu không tính các trường hợp khen thưởng đã bị hủy bỏ."))
    return result


@dataclass
class UnitTable:
    """Counts per unit of the scope: one column pair (collective, individual) per authority."""

    authorities: list[AuthorityInfo]
    rows: list[tuple[UnitRow, list[int], int, int]]  # row, cells, collective, individual
    totals: list[int]
    total_collective: int
    total_individual: int


def unit_table(data: ReportData) -> UnitTable:
    present = {data.awards[key].authority for key, n in data.counts.items() if n}
    authorities = sorted(present, key=lambda a: a.sort_key)
    index = {a.pk: i for i, a in enumerate(authorities)}
    rows = []
    totals = [0] * (2 * len(authorities))
    for row in data.unit_rows:
        cells = [0] * (2 * len(authorities))
        for key, n in row.counts.items():
            award = data.awards[key]
            col = 2 * index[award.authority.pk] + (award.subject != Award.Subject.COLLECTIVE)
            cells[col] += n
        collective, individual = sum(cells[0::2]), sum(cells[1::2])
        rows.append((row, cells, collective, individual))
        totals = [a + b for a, b in zip(totals, cells, strict=True)]
    return UnitTable(authorities, rows, totals, sum(totals[0::2]), sum(totals[1::2]))


def form_chart_values(blocks: list[AuthorityBlock]) -> list[tuple[str, int]]:
    return [
        (f"{line.form_name} ({block.authority.report_name})", line.total)
        for block in blocks
        for line in block.forms
    ]


def trend_chart_values(data: ReportData) -> list[tuple[str, int]]:
    return [(str(year), n) for year, n in sorted(data.trend.items())]
