"""The grouping's review (báo cáo sơ kết/tổng kết) as an Excel workbook in the layout of the
printed result: issuer and national motto, number, place and date, title, then every ranked
unit × every item (group subtotals, criteria, bonus and penalty), total, rank and grade, and
the signature block.

It shows what the user may see: the ranking lines of ``selectors.round_page`` (the sheet's
visibility) and per-item scores only of the scorecards ``restrict`` lets the user see.
"""

import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from campaigns.models import ScoringRound
from campaigns.scoring.review import column_label, column_top, review_table
from thidua.core.exports import safe_text

BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _put(ws, row: int, column: int, value, *, font=None, alignment=None):
    """Write a cell; text is never read as a formula and loses characters Excel refuses."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value = safe_text(value)  # the one export rule: never a formula, no illegal characters
    elif isinstance(value, Decimal):
        value = float(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if font:
        cell.font = font
    if alignment:
        cell.alignment = alignment
    return cell


def review_workbook(*, user, scoring_round: ScoringRound) -> bytes:
    table = review_table(user=user, scoring_round=scoring_round)
    page, scored = table.page, table.nodes  # every item: groups carry their subtotal
    book = Workbook()
    ws = book.active
    ws.title = _("Kết quả")
    width = 3 + len(scored) + 3
    today = timezone.localdate()
    _put(ws, 1, 1, scoring_round.cluster_name.upper(), font=BOLD)
    _put(ws, 1, max(4, width - 3), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=BOLD)
    _put(ws, 2, max(4, width - 3), "Độc lập – Tự do – Hạnh phúc", font=BOLD)
    _put(ws, 3, 1, _("Số: ……/BC-KTĐ"))
    _put(
        ws,
        3,
        max(4, width - 3),
        _("……, ngày %(d)s tháng %(m)s năm %(y)s")
        % {"d": f"{today:%d}", "m": f"{today:%m}", "y": today.year},
    )
    kind = (
        _("SƠ KẾT 6 THÁNG ĐẦU NĂM")
        if scoring_round.kind == ScoringRound.Kind.MID_YEAR
        else _("TỔNG KẾT NĂM")
    )
    _put(
        ws,
        5,
        1,
        _("KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA %(kind)s %(year)s")
        % {"kind": kind, "year": scoring_round.year},
        font=Font(bold=True, size=13),
    )
    _put(ws, 6, 1, f"{scoring_round.sheet} – {scoring_round.sheet.total.normalize():f}")
    if not scoring_round.is_finalised:
        _put(ws, 7, 1, _("Kết quả tạm tính: đợt chấm điểm chưa chốt."))
    header = 9
    _put(ws, header, 1, _("STT"), font=BOLD, alignment=CENTER)
    _put(ws, header, 2, _("Đơn vị"), font=BOLD, alignment=CENTER)
    _put(ws, header, 3, _("Tự chấm"), font=BOLD, alignment=CENTER)
    for index, node in enumerate(scored, 4):
        top = column_top(node)
        label = f"{column_label(node.item)}\n{top.normalize():f}"
        _put(ws, header, index, label, font=BOLD, alignment=CENTER)
        _put(ws, header + 1, index, node.item.name, alignment=CENTER)
    tail = 4 + len(scored)
    for offset, title in enumerate((_("Tổng điểm"), _("Xếp hạng"), _("Xếp loại"))):
        _put(ws, header, tail + offset, title, font=BOLD, alignment=CENTER)
    row_number = header + 2
    for number, line in enumerate(table.lines, 1):
        rank = line.rank
        _put(ws, row_number, 1, number)
        _put(ws, row_number, 2, rank.unit.name)
        _put(ws, row_number, 3, rank.self_total)
        for index, value in enumerate(line.values, 4):
            _put(ws, row_number, index, value)
        _put(ws, row_number, tail, rank.total)
        place = str(rank.position) + (f" ({_('đồng hạng')})" if rank.tied else "")
        _put(ws, row_number, tail + 1, place)
        _put(ws, row_number, tail + 2, rank.grade)
        row_number += 1
    row_number += 2
    _put(ws, row_number, max(4, width - 3), _("ĐƠN VỊ TRƯỞNG KHỐI"), font=BOLD)
    leader = page["leader_unit"]
    _put(ws, row_number + 1, max(4, width - 3), leader.name if leader else "")
    _put(ws, row_number + 2, max(4, width - 3), _("(Ký, ghi rõ họ tên, đóng dấu)"))
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 40
    for column in range(3, tail + 3):
        ws.column_dimensions[get_column_letter(column)].width = 11
    ws.freeze_panes = ws.cell(row=header + 2, column=3)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
