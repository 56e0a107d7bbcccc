"""The report as an Excel workbook: a summary sheet and the recipients sheet.

The workbook is written in openpyxl's write-only mode: rows stream to the file as they are
produced, so 15,000 recipients take seconds and little memory. Dates are real dates
(dd/mm/yyyy), counts real numbers, so the sheets can be filtered and summed.
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from awards.catalogue.models import Award
from awards.reports.data import ReportData
from awards.reports.pdf import ReportView
from thidua.core.exports import safe_row

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD/MM/YYYY"


def _cell(ws, value, *, font=None, alignment=None, number_format=None):
    cell = WriteOnlyCell(ws, value=value)
    if font:
        cell.font = font
    if alignment:
        cell.alignment = alignment
    if number_format:
        cell.number_format = number_format
    return cell


def _row(ws, values) -> None:
    ws.append(safe_row(values))


def _widths(ws, widths: list[float]) -> None:
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width


def _summary_sheet(wb: Workbook, view: ReportView) -> None:
    ws = wb.create_sheet(_("Tổng hợp"))
    _widths(ws, [60, 14, 14, 14, 14])
    bold = lambda value: _cell(ws, value, font=BOLD)  # noqa: E731
    _row(ws, [_cell(ws, view.issuer.upper(), font=BOLD)])
    _row(ws, [_cell(ws, view.place_date)])
    _row(ws, [_cell(ws, view.title, font=TITLE)])
    _row(ws, [view.coverage])
    _row(ws, [])
    for paragraph in view.paragraphs:
        _row(ws, [_cell(ws, paragraph, alignment=WRAP)])
    _row(ws, [])
    header = [_("Cấp khen thưởng, hình thức"), _("Tập thể"), _("Cá nhân")]
    if view.households:
        header.append(_("Hộ gia đình"))
    header.append(_("Tổng số"))
    _row(ws, [bold(h) for h in header])

    def numbers(item):
        values = [item.collective, item.individual]
        if view.households:
            values.append(item.household)
        return values

    for block in view.blocks:
        _row(ws, [bold(block.authority.report_name), *numbers(block), block.grand])
        for line in block.forms:
            _row(ws, [f"  – {line.form_name}", *numbers(line), line.total])
    totals = [view.totals["collective"], view.totals["individual"]]
    if view.households:
        totals.append(view.totals["household"])
    _row(ws, [bold(_("Tổng cộng")), *[bold(n) for n in totals], bold(view.totals["all"])])
    _row(ws, [])
    table = view.unit_table
    _row(
        ws,
        [bold(_("Đơn vị"))]
        + [
            bold(f"{a.report_name} – {label}")
            for a in table.authorities
            for label in (_("tập thể"), _("cá nhân"))
        ]
        + [bold(_("Tổng số tập thể")), bold(_("Tổng số cá nhân"))],
    )
    for row, cells, collective, individual in table.rows:
        label = f"{row.label} ({_('cơ quan')})" if row.own else row.label
        _row(ws, [label, *cells, collective, individual])
    _row(ws, [bold(_("Tổng cộng")), *table.totals, table.total_collective, table.total_individual])


def _recipients_sheet(wb: Workbook, data: ReportData) -> None:
    ws = wb.create_sheet(_("Danh sách"))
    _widths(ws, [7, 32, 10, 26, 40, 40, 26, 18, 12])
    ws.freeze_panes = "A2"
    header = [
        _("STT"),
        _("Họ và tên / Tập thể"),
        _("Đối tượng"),
        _("Chức vụ"),
        _("Đơn vị"),
        _("Danh hiệu / hình thức"),
        _("Cấp khen thưởng"),
        _("Số quyết định"),
        _("Ngày ký"),
    ]
    _row(ws, [_cell(ws, h, font=BOLD) for h in header])
    subjects = dict(Award.Subject.choices)
    subjects = {k: str(v) for k, v in subjects.items()}
    for number, r in enumerate(data.recipients or [], start=1):
        award = data.awards[r.key]
        _row(
            ws,
            [
                number,
                r.name,
                subjects[award.subject],
                r.position,
                r.unit,
                award.name,
                award.authority.report_name,
                r.number,
                _cell(ws, r.signed_on, number_format=DATE_FORMAT),
            ],
        )


def report_workbook(data: ReportData, issued_on) -> bytes:
    """The .xlsx bytes of the report (summary sheet, then every recipient)."""
    with translation.override("vi"):
        wb = Workbook(write_only=True)
        view = ReportView(data, issued_on)
        _summary_sheet(wb, view)
        _recipients_sheet(wb, data)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()


def statistics_workbook(table) -> bytes:
    """A statistics table as a one-sheet workbook, headers merged like the printed form."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - openpyxl loads only when a workbook is made

    with translation.override("vi"):
        wb = Workbook()
        ws = wb.active
        ws.title = table.form.split("/")[0]
        _row(ws, [_("Biểu số: %(form)s") % {"form": table.form}])
        _row(ws, [table.title])
        ws["A2"].font = TITLE
        _row(ws, [table.period_text])
        _row(ws, [_("Đơn vị báo cáo: %(unit)s") % {"unit": table.issuer}])
        _row(ws, [])
        top, second = 6, 7
        letters = table.letters()
        lead = len(letters)
        width = lead + len(table.columns)
        heads = [table.row_header, _("Mã số"), _("Đơn vị tính")][:lead]
        for c, label in enumerate(heads, start=1):
            ws.cell(top, c, label)
            ws.merge_cells(start_row=top, start_column=c, end_row=second, end_column=c)
        col = lead + 1
        for group, span, columns in table.header_groups():
            if group:
                ws.cell(top, col, group)
                ws.merge_cells(
                    start_row=top, start_column=col, end_row=top, end_column=col + span - 1
                )
                for offset, column in enumerate(columns):
                    ws.cell(second, col + offset, column.label)
            else:
                ws.cell(top, col, columns[0].label)
                ws.merge_cells(start_row=top, start_column=col, end_row=second, end_column=col)
            col += span
        _row(ws, [*letters, *range(1, len(table.columns) + 1)])
        for row in table.rows:
            unit = [row.unit] if table.unit_column else []
            cells = [cell if cell != "" else None for cell in table.cells(row)]
            _row(ws, [("    " * row.indent) + row.label, row.code or None, *unit, *cells])
            if row.bold:
                for cell in ws[ws.max_row]:
                    cell.font = BOLD
        for r in (top, second):
            for c in range(1, width + 1):
                cell = ws.cell(r, c)
                cell.font = BOLD
                cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions["A"].width = 42
        for c in range(2, width + 1):
            ws.column_dimensions[get_column_letter(c)].width = 12
        _row(ws, [])
        _row(ws, [_("Ghi chú:")])
        for note in table.notes:
            _row(ws, [f"– {note}"])
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
