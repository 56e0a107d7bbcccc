"""A fund's ledger for one year as an Excel workbook: the ledger, then every entry.

Money cells are whole-đồng integers with a "#,##0" format (Excel shows the reader's
thousand separator: "2.340.000" in Vietnamese settings); dates dd/mm/yyyy.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from awards.fund.selectors import Ledger, ledger_details
from thidua.core.exports import safe_row

BOLD = Font(bold=True)
DATE_FORMAT = "DD/MM/YYYY"
MONEY_FORMAT = "#,##0"


def _cell(ws, value, number_format=None, bold=False):
    cell = WriteOnlyCell(ws, value=value)
    if number_format and value is not None:
        cell.number_format = number_format
    if bold:
        cell.font = BOLD
    return cell


def _money(ws, value, bold=False):
    return _cell(ws, int(value) if value is not None else None, MONEY_FORMAT, bold)


def _widths(ws, widths):
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width


def line_text(line) -> str:
    """What a ledger line says, as on the page."""
    if line.allocation is not None:
        return _("Cấp quỹ: %(source)s") % {"source": line.text}
    if line.reversal:
        return _("Đảo khoản chi của Quyết định số %(original)s theo Quyết định số %(number)s") % {
            "number": line.number,
            "original": line.original_number,
        }
    return _("Chi thưởng theo Quyết định số %(number)s") % {"number": line.number}


def ledger_workbook(ledger: Ledger) -> bytes:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_("Sổ quỹ"))
    _widths(ws, [12, 60, 20, 14, 10, 18, 18, 18])
    title = _("SỔ QUỸ THI ĐUA, KHEN THƯỞNG NĂM %(year)s") % {"year": ledger.year}
    ws.append([_cell(ws, title, bold=True)])
    ws.append(safe_row([f"{ledger.fund.unit} – {ledger.fund.authority}"]))
    headers = [
        _("Ngày"),
        _("Nội dung"),
        _("Số quyết định"),
        _("Ngày quyết định"),
        _("Số lượt khen"),
        _("Thu (cấp quỹ)"),
        _("Chi"),
        _("Số dư"),
    ]
    ws.append([_cell(ws, h, bold=True) for h in headers])
    ws.append(
        [None, _cell(ws, _("Số dư đầu năm"), bold=True), *[None] * 5, _money(ws, ledger.opening)]
    )
    for line in ledger.lines:
        ws.append(
            safe_row(
                [
                    _cell(ws, line.on, DATE_FORMAT),
                    line_text(line),
                    line.number,
                    _cell(ws, line.signed_on, DATE_FORMAT),
                    line.count or None,
                    _money(ws, line.credit) if line.credit else None,
                    _money(ws, line.debit) if line.debit else None,
                    _money(ws, line.balance),
                ]
            )
        )
    ws.append(
        [
            None,
            _cell(ws, _("Cộng phát sinh trong năm"), bold=True),
            *[None] * 3,
            _money(ws, ledger.allocated, bold=True),
            _money(ws, ledger.spent, bold=True),
            None,
        ]
    )
    ws.append(
        [
            None,
            _cell(ws, _("Số dư cuối năm"), bold=True),
            *[None] * 5,
            _money(ws, ledger.closing, bold=True),
        ]
    )
    _details(workbook, ledger)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _details(workbook, ledger: Ledger) -> None:
    ws = workbook.create_sheet(_("Chi tiết chi"))
    _widths(ws, [12, 20, 36, 30, 40, 18, 20])
    headers = [
        _("Ngày"),
        _("Số quyết định"),
        _("Cá nhân / tập thể"),
        _("Đơn vị"),
        _("Hình thức"),
        _("Số tiền (đồng)"),
        _("Đảo bút toán"),
    ]
    ws.append([_cell(ws, h, bold=True) for h in headers])
    for entry in ledger_details(fund=ledger.fund, year=ledger.year).iterator(chunk_size=2000):
        conferment = entry.conferment
        ws.append(
            safe_row(
                [
                    _cell(ws, entry.booked_on, DATE_FORMAT),
                    entry.decision.number,
                    conferment.person.full_name if conferment.person else conferment.unit.name,
                    conferment.unit.name if conferment.person else "",
                    conferment.award.name,
                    _money(ws, entry.amount),
                    _("Có") if entry.reverses_id else "",
                ]
            )
        )
