"""The certificate register (sổ theo dõi cấp bằng) as an Excel workbook, streamed row by row."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from thidua.core.exports import safe_row

BOLD = Font(bold=True)
DATE_FORMAT = "DD/MM/YYYY"


def _header(ws, cells):
    row = []
    for value in cells:
        cell = WriteOnlyCell(ws, value=value)
        cell.font = BOLD
        row.append(cell)
    return row


def register_workbook(rows) -> bytes:
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_("Sổ theo dõi"))
    for index, width in enumerate([22, 30, 8, 10, 30, 30, 34, 32, 16, 12, 12]):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.append([WriteOnlyCell(ws, value=_("SỔ THEO DÕI CẤP BẰNG, GIẤY CHỨNG NHẬN KHEN THƯỞNG"))])
    ws.append(
        _header(
            ws,
            [
                _("Cấp khen thưởng"),
                _("Cơ quan ban hành"),
                _("Năm"),
                _("Số vào sổ"),
                _("Họ và tên / Tập thể"),
                _("Chức vụ"),
                _("Đơn vị"),
                _("Hình thức"),
                _("Số quyết định"),
                _("Ngày quyết định"),
                _("Vào sổ ngày"),
            ],
        )
    )
    for c in rows.iterator(chunk_size=2000):
        conferment = c.conferment
        person = conferment.person
        signed = WriteOnlyCell(ws, value=conferment.decision.signed_on)
        signed.number_format = DATE_FORMAT
        created = WriteOnlyCell(ws, value=timezone.localdate(c.created_at))
        created.number_format = DATE_FORMAT
        ws.append(
            safe_row(
                [
                    c.authority.name,
                    c.issuing_unit.name,
                    c.year,
                    c.register_number,
                    person.full_name if person else conferment.unit.name,
                    conferment.position if person else "",
                    conferment.unit.name if person else "",
                    conferment.award.name,
                    conferment.decision.number,
                    signed,
                    created,
                ]
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
