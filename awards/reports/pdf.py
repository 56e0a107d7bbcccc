"""The report as PDF: HTML from the templates, laid out by WeasyPrint.

The fast path (``render_report``) renders the summary and slices of the annex as separate
documents in parallel processes and joins them with "Trang x/y" stamped on every page
(``awards.reports.weasy``). The summary alone (``render_summary``) is a few pages and is
served at once. ``naive_html`` is the same content as one document with ordinary table CSS:
the benchmark's baseline.
"""

import datetime
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from awards import documents
from awards.catalogue.models import Award
from awards.reports import charts, paginate, summary, weasy
from awards.reports.data import ReportData
from awards.reports.scope import Scope

PART_ROWS = 800  # annex rows per part: about 35 pages, a few seconds of layout each


def workers() -> int:
    return getattr(settings, "REPORT_PDF_WORKERS", 2)


def place_date(place: str, day: datetime.date) -> str:
    """ "Hà Nội, ngày 05 tháng 01 năm 2026": a zero before days under 10 and months 1 and 2
    (Decree 30/2020/NĐ-CP)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("%(place)s, ngày %(day)s tháng %(month)s năm %(year)s") % {
        "place": place,
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def roman(n: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for value, numeral in numerals:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _coverage_text(scope: Scope) -> str:
    if scope.kind == Scope.SECTOR:
        return _("(Phạm vi: toàn ngành Tư pháp)")
    if scope.kind == Scope.CLUSTER:
        return _("(Phạm vi: các đơn vị thành viên %(name)s trong từng năm)") % {"name": scope.name}
    return _("(Phạm vi: %(name)s và các đơn vị trực thuộc)") % {"name": scope.name}


@dataclass
class ReportView:
    """What the templates print, for the web page and the PDF alike."""

    data: ReportData
    issued_on: datetime.date

    def __post_init__(self):
        data = self.data
        self.blocks = summary.authority_blocks(data)
        self.paragraphs = summary.paragraphs(data, self.blocks)
        totals = summary.subject_totals(self.blocks)
        self.totals = {
            "collective": totals[Award.Subject.COLLECTIVE],
            "individual": totals[Award.Subject.INDIVIDUAL],
            "household": totals[Award.Subject.HOUSEHOLD],
            "all": data.total,
        }
        self.households = bool(self.totals["household"])
        self.unit_table = summary.unit_table(data)
        self.issuer = data.scope.name
        self.parent_name = data.scope.parent_name
        self.place_date = place_date(data.scope.place, self.issued_on)
        self.masthead = documents.Masthead(
            issuer=data.scope.name,
            parent=data.scope.parent_name,
            number=" " * 6 + "/BC",
            place_date=self.place_date,
        )
        scope = data.scope
        self.sign = documents.scope_signature(scope.kind, scope.pk, scope.name)
        period = data.period.label
        self.title_lead = _("BÁO CÁO KẾT QUẢ CÔNG TÁC KHEN THƯỞNG")
        self.title_period = period.upper()  # kept on one line: "GIAI ĐOẠN 2016–2020"
        self.title = f"{self.title_lead} {self.title_period}"
        self.coverage = _coverage_text(data.scope)
        self.trend_chart = charts.column_chart(
            summary.trend_chart_values(data),
            title=_("Số lượt khen thưởng theo năm (%(start)s–%(end)s)")
            % {"start": data.period.trend_years[0], "end": data.period.trend_years[-1]},
        )
        self.form_chart = charts.bar_chart(
            summary.form_chart_values(self.blocks),
            title=_("Số lượt khen thưởng theo hình thức, %(period)s") % {"period": period},
        )
        self.annex_lead = _("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG")
        self.annex_title = f"{self.annex_lead} {self.title_period}"
        self.annex_subtitle = _(
            "(Kèm theo Báo cáo kết quả công tác khen thưởng %(period)s của %(issuer)s)"
        ) % {"period": period, "issuer": data.scope.name}


def stylesheet() -> str:
    """The report's own rules after the shared masthead and signature (css/official.css)."""
    with open(finders.find("css/official.css"), encoding="utf-8") as css:
        official = css.read()
    return official + render_to_string("awards/reports/pdf/print.css", {"g": paginate.GEOMETRY})


def summary_html(view: ReportView) -> str:
    return render_to_string("awards/reports/pdf/summary.html", {"report": view})


def annex_head() -> list[str]:
    return [
        _("STT"),
        _("Họ và tên / Tập thể"),
        _("Chức vụ"),
        _("Đơn vị"),
        _("Số quyết định"),
        _("Ngày ký"),
    ]


def _group_title(data: ReportData, key: tuple, number: int, count: int) -> str:
    award = data.awards[key]
    subject = dict(Award.Subject.choices)[award.subject].lower()
    return _("%(n)s. %(award)s – %(subject)s (%(authority)s): %(count)s") % {
        "n": roman(number),
        "award": award.name,
        "subject": subject,
        "authority": award.authority.report_name,
        "count": summary.count_text(count),
    }


def annex_rows(data: ReportData) -> Iterator[paginate.Row]:
    """Every line of the annex, group headings included, as the cells it prints."""
    recipients = data.recipients or []
    sizes: dict[tuple, int] = {}
    for r in recipients:
        sizes[r.key] = sizes.get(r.key, 0) + 1
    current, group, number = None, 0, 0
    for r in recipients:
        if r.key != current:
            current, group, number = r.key, group + 1, 0
            title = _group_title(data, r.key, group, sizes[r.key])
            yield paginate.Row((title,), heading=True)
        number += 1
        signed = r.signed_on.strftime("%d/%m/%Y") if r.signed_on else ""
        yield paginate.Row((str(number), r.name, r.position, r.unit, r.number, signed))


def _row_html(row: paginate.Row, page_break: bool = False) -> str:
    if row.heading:
        opening = '<tr class="group pb">' if page_break else '<tr class="group">'
        return f'{opening}<td colspan="6">{escape(row.cells[0])}</td></tr>'
    number, name, position, unit, decision, signed = row.cells
    opening = '<tr class="pb">' if page_break else "<tr>"
    return (
        f'{opening}<td class="n">{number}</td><td>{escape(name)}</td>'
        f"<td>{escape(position)}</td><td>{escape(unit)}</td>"
        f"<td>{escape(decision)}</td><td>{signed}</td></tr>"
    )


def _annex_html(view: ReportView, rows: list[str], first: bool) -> str:
    return render_to_string(
        "awards/reports/pdf/annex.html",
        {"report": view, "rows": mark_safe("".join(rows)), "first": first, "head": annex_head()},
    )


def page_starts(view: ReportView, rows: list[paginate.Row]) -> list[int] | None:
    """The first row of each predicted annex page, or None without the fonts' metrics."""
    fonts = paginate.body_fonts()
    if fonts is None:
        return None
    paginator = paginate.Paginator(fonts)
    titles = [_("PHỤ LỤC"), view.annex_title]
    return paginator.page_starts(
        rows,
        head=paginator.head_height(annex_head()),
        first_offset=paginator.title_height(titles, view.annex_subtitle),
    )


def _annex_plan(view: ReportView, rows_per_part: int):
    """(rows, part boundaries, rows that start a page) of the annex."""
    rows = list(annex_rows(view.data))
    starts = page_starts(view, rows) if rows else [0]
    if starts is None:
        starts = [i for i in range(0, len(rows), rows_per_part) if not (i and rows[i - 1].heading)]
        breaks = set()
    else:
        breaks = set(starts)
    cuts = [0]
    for start in starts[1:]:
        if start - cuts[-1] >= rows_per_part:
            cuts.append(start)
    cuts.append(len(rows))
    return rows, cuts, breaks


def annex_parts(view: ReportView, rows_per_part: int = PART_ROWS) -> tuple[int, Iterator[str]]:
    """The annex as documents of about ``rows_per_part`` rows, each ending on a page break:
    (how many, the documents as they are made).

    Page breaks are predicted (``paginate``) and forced before each page's first row, so the
    joined annex has no half-empty page where one part meets the next. Without the fonts'
    metrics, parts are cut every ``rows_per_part`` rows, never right after a heading.
    """
    rows, cuts, breaks = _annex_plan(view, rows_per_part)

    def documents() -> Iterator[str]:
        for number, (first, last) in enumerate(itertools.pairwise(cuts)):
            html = [_row_html(rows[i], i in breaks and i != first) for i in range(first, last)]
            yield _annex_html(view, html, first=number == 0)

    return len(cuts) - 1, documents()


def render_summary(data: ReportData, issued_on: datetime.date) -> bytes:
    """The summary pages alone (no annex): small, rendered in the request."""
    with translation.override("vi"):
        view = ReportView(data, issued_on)
        pdf = weasy.render(summary_html(view), stylesheet())
        return weasy.join([pdf], label=_("Trang"))[0]


def render_report(
    data: ReportData,
    issued_on: datetime.date,
    *,
    progress: Callable[[int, int], None] | None = None,
    rows_per_part: int = PART_ROWS,
    processes: int | None = None,
    timing: weasy.Timing | None = None,
) -> tuple[bytes, int]:
    """The whole report: summary, then the annex; (pdf, number of pages).

    Parts go to the worker processes as soon as their HTML is made, so building the HTML
    overlaps the layout of the first parts.
    """
    with translation.override("vi"):
        view = ReportView(data, issued_on)
        count, annex = annex_parts(view, rows_per_part)
        processes = workers() if processes is None else processes
        pdf, pages, spent = weasy.render_document(
            itertools.chain([summary_html(view)], annex),
            stylesheet(),
            total=count + 1,
            workers=processes if count > 1 else 1,
            label=_("Trang"),
            progress=progress,
        )
        if timing is not None:
            timing.__dict__.update(spent.__dict__)
        return pdf, pages


def naive_html(data: ReportData, issued_on: datetime.date) -> str:
    """The same content as one document (the benchmark's baseline)."""
    with translation.override("vi"):
        view = ReportView(data, issued_on)
        rows = mark_safe("".join(_row_html(row) for row in annex_rows(data)))
        context = {"report": view, "rows": rows, "head": annex_head()}
        return render_to_string("awards/reports/pdf/naive.html", context)


def statistics_context(table, place_date_text: str = "", sign=None, scope=None) -> dict:
    return {
        "table": table,
        "masthead": documents.Masthead(
            issuer=scope.name if scope else table.issuer,
            parent=scope.parent_name if scope else "",
            place_date=place_date_text,
        ),
        "rows": [(row, table.cells(row)) for row in table.rows],
        "place_date": place_date_text,
        "sign": sign or documents.Signature(lines=[_("THỦ TRƯỞNG ĐƠN VỊ")]),
    }


def render_statistics(
    table, *, place: str, issued_on: datetime.date, scope: Scope | None = None
) -> bytes:
    """A statistics table (0601.N–0605.N) on landscape pages under the Decree 30/2020
    masthead, numbered from page 2 at the top centre (the number alone, as the decree
    wants), signed by the head of the reporting body (the ministry's for the sector)."""
    with translation.override("vi"):
        sign = documents.scope_signature(scope.kind, scope.pk, scope.name) if scope else None
        html = render_to_string(
            "awards/reports/pdf/statistics.html",
            statistics_context(table, place_date(place, issued_on), sign, scope),
        )
        with open(finders.find("css/official.css"), encoding="utf-8") as official:
            css = official.read() + render_to_string("awards/reports/pdf/statistics.css")
        return weasy.render(html, css)
