"""Spreadsheet exports: the award records (django-import-export) and the proposals list."""

import io

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields
from import_export.widgets import DateWidget
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from awards.models import Conferment
from thidua.core.exports import SafeResource, safe_row


class ConfermentResource(SafeResource):
    """Award records as a flat table: decision, award, recipient (export only)."""

    decision_number = fields.Field(attribute="decision__number", column_name=_("Số quyết định"))
    signed_on = fields.Field(
        attribute="decision__signed_on", column_name=_("Ngày ký"), widget=DateWidget("%d/%m/%Y")
    )
    authority = fields.Field(attribute="decision__authority__name", column_name=_("Cấp khen"))
    award = fields.Field(attribute="award__name", column_name=_("Danh hiệu / hình thức"))
    subject = fields.Field(column_name=_("Đối tượng"))
    person = fields.Field(attribute="person__full_name", column_name=_("Cá nhân"))
    person_code = fields.Field(attribute="person__code", column_name=_("Mã cán bộ"))
    unit = fields.Field(attribute="unit__name", column_name=_("Tập thể / đơn vị"))
    position = fields.Field(attribute="position", column_name=_("Chức vụ"))
    year = fields.Field(attribute="year", column_name=_("Năm thành tích"))
    achievement = fields.Field(attribute="achievement", column_name=_("Thành tích"))
    revoked = fields.Field(column_name=_("Đã bị hủy"))

    class Meta:
        model = Conferment
        fields = (
            "decision_number",
            "signed_on",
            "authority",
            "award",
            "subject",
            "person",
            "person_code",
            "unit",
            "position",
            "year",
            "achievement",
            "revoked",
        )
        export_order = fields

    def get_queryset(self):
        return (
            super().get_queryset().select_related("decision__authority", "award", "person", "unit")
        )

    def dehydrate_subject(self, conferment):
        return conferment.award.get_subject_display()

    def dehydrate_revoked(self, conferment):
        return _("Có") if conferment.revoked else ""


# --- The proposals list ---------------------------------------------------------------------

BOLD = Font(bold=True)
DATE_FORMAT = "DD/MM/YYYY"


def proposals_xlsx(rows) -> bytes:
    """The proposals list (``selectors.proposal_list``: ``nominee_count`` annotated, units and
    authority joined) as a one-sheet workbook, one line per proposal in the list's order.
    Written in write-only mode and read in chunks: one query whatever the number of rows."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(gettext("Đề nghị khen thưởng"))
    for index, width in enumerate([6, 50, 36, 30, 8, 26, 10, 12, 36]):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.freeze_panes = "A2"
    header = [
        gettext("STT"),
        gettext("Trích yếu"),
        gettext("Đơn vị đề nghị"),
        gettext("Cấp khen thưởng"),
        gettext("Năm"),
        gettext("Trạng thái"),
        gettext("Số đề cử"),
        gettext("Ngày gửi"),
        gettext("Đang ở"),
    ]
    ws.append(safe_row(_bold(ws, value) for value in header))
    for number, p in enumerate(rows.iterator(chunk_size=2000), start=1):
        sent = WriteOnlyCell(
            ws, value=timezone.localdate(p.forwarded_at) if p.forwarded_at else None
        )
        sent.number_format = DATE_FORMAT
        ws.append(
            safe_row(
                [
                    number,
                    p.title,
                    p.proposing_unit.name,
                    p.authority.name,
                    p.year,
                    str(p.get_status_display()),
                    p.nominee_count,
                    sent,
                    p.current_unit.name,
                ]
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold(ws, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = BOLD
    return cell
