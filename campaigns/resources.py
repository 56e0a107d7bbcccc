"""Registrations as spreadsheets: the export (django-import-export) and the import template.

The template is the file staff fill in and upload (``campaigns.imports`` reads it back):
a sheet "Đăng ký" listing the unit's collectives and people with a drop-down of the
campaign's award codes, a sheet "Danh mục" with those awards, and a sheet "Hướng dẫn".
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from awards.catalogue.models import Award
from campaigns.imports import (
    CATALOGUE_SHEET,
    COLUMNS,
    GUIDE_SHEET,
    SHEET,
    format_count,
    format_size,
    max_bytes,
    max_rows,
)
from campaigns.models import Campaign, Registration
from campaigns.scope import scope_units
from thidua.core.exports import Formula, SafeResource, safe_row, safe_text
from units.access import restrict, under
from units.models import Person, Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Export --------------------------------------------------------------------------------


class RegistrationResource(SafeResource):
    """Registration lines as a flat table (export only; imports go through the services)."""

    campaign = fields.Field(attribute="campaign__name", column_name=gettext_lazy("Phong trào"))
    year = fields.Field(column_name=gettext_lazy("Năm"))
    unit_code = fields.Field(attribute="unit__code", column_name=COLUMNS["unit_code"])
    unit = fields.Field(attribute="unit__name", column_name=COLUMNS["unit_name"])
    subject = fields.Field(column_name=gettext_lazy("Đối tượng"))
    person_code = fields.Field(attribute="person__code", column_name=COLUMNS["person_code"])
    person = fields.Field(attribute="person__full_name", column_name=COLUMNS["full_name"])
    award_code = fields.Field(attribute="award__code", column_name=COLUMNS["award_code"])
    award = fields.Field(attribute="award__name", column_name=gettext_lazy("Danh hiệu / hình thức"))
    status = fields.Field(column_name=gettext_lazy("Trạng thái"))
    submitted_at = fields.Field(column_name=gettext_lazy("Ngày gửi"))
    note = fields.Field(attribute="note", column_name=COLUMNS["note"])
    last_comment = fields.Field(column_name=gettext_lazy("Ý kiến gần nhất"))

    class Meta:
        model = Registration
        fields = (
            "campaign",
            "year",
            "unit_code",
            "unit",
            "subject",
            "person_code",
            "person",
            "award_code",
            "award",
            "status",
            "submitted_at",
            "note",
            "last_comment",
        )
        export_order = fields

    def get_queryset(self):
        return Registration.objects.select_related("campaign", "award", "unit", "person")

    def dehydrate_year(self, registration: Registration) -> int:
        return registration.year

    def dehydrate_subject(self, registration: Registration) -> str:
        return _("Tập thể") if registration.is_collective else _("Cá nhân")

    def dehydrate_status(self, registration: Registration) -> str:
        return registration.get_status_display()

    def dehydrate_submitted_at(self, registration: Registration) -> str:
        when = registration.submitted_at
        return f"{timezone.localtime(when):%d/%m/%Y %H:%M}" if when else ""

    def dehydrate_last_comment(self, registration: Registration) -> str:
        # Annotated by ``selectors.registration_list``; absent in the admin's export.
        return getattr(registration, "last_comment", None) or ""


def registrations_xlsx(queryset) -> bytes:
    dataset = RegistrationResource().export(queryset)
    dataset.title = SHEET
    return dataset.export("xlsx")


# --- Import template -----------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
COLLECTIVE_FILL = PatternFill("solid", fgColor="FFF2CC")
BOLD = Font(bold=True)
WIDTHS = {"A": 14, "B": 30, "C": 22, "D": 42, "E": 18, "F": 36, "G": 40}
SPARE_ROWS = 200  # room below the list where new lines still get the drop-down


def template_data(*, user, campaign: Campaign, unit: Unit, year: int):
    """(units, people, awards) of the template: the unit's subtree in the campaign's scope
    that year, as the user may see it, and the campaign's awards, collective ones first."""
    in_scope = restrict(scope_units(campaign, year).filter(under([unit.path])), user)
    units = list(in_scope.order_by("path"))
    people = list(
        restrict(Person.objects.filter(unit__in=in_scope.values("pk")), user)
        .select_related("unit")
        .order_by("unit__path", "search_key", "pk")
    )
    awards = sorted(campaign.awards.all(), key=lambda a: a.subject != Award.Subject.COLLECTIVE)
    return units, people, awards


def registration_template(*, user, campaign: Campaign, unit: Unit, year: int) -> bytes:
    units, people, awards = template_data(user=user, campaign=campaign, unit=unit, year=year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    collective = [a for a in awards if a.subject == Award.Subject.COLLECTIVE]
    individual = [a for a in awards if a.subject == Award.Subject.INDIVIDUAL]
    _fill_registrations(sheet, units, people, len(awards))
    first_person = 2 + len(units)
    last = first_person + len(people) + SPARE_ROWS
    if units:
        _dropdown(sheet, 2, len(collective), f"E2:E{first_person - 1}", _("cho tập thể"))
    _dropdown(
        sheet, 2 + len(collective), len(individual), f"E{first_person}:E{last}", _("cho cá nhân")
    )
    _fill_catalogue(workbook.create_sheet(CATALOGUE_SHEET), awards)
    _fill_guide(workbook.create_sheet(GUIDE_SHEET), campaign, unit, year, len(units), len(people))
    workbook.properties.title = f"{SHEET} {year} – {unit.name}"
    workbook.properties.creator = "thidua"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _fill_registrations(sheet, units, people, award_count: int) -> None:
    sheet.append(safe_row(COLUMNS.values()))
    for cell in sheet[1]:
        cell.font, cell.fill = BOLD, HEADER_FILL
    sheet["A1"].comment = Comment(_("Để trống ở dòng đăng ký cho tập thể."), "thidua")
    sheet["E1"].comment = Comment(
        _("Chọn mã trong danh sách; để trống nếu không đăng ký."), "thidua"
    )
    lookup = f"'{CATALOGUE_SHEET}'!$A$2:$B${award_count + 1}"
    collective_label = _("(Tập thể)")
    lines = [("", collective_label, u.code, u.name) for u in units] + [
        (p.code, p.full_name, p.unit.code, p.unit.name) for p in people
    ]
    for number, (code, name, unit_code, unit_name) in enumerate(lines, start=2):
        formula = (
            Formula(f'=IFERROR(VLOOKUP(E{number},{lookup},2,FALSE),"")') if award_count else ""
        )
        sheet.append(safe_row([code, name, unit_code, unit_name, "", formula, ""]))
        for column in "ACE":
            sheet[f"{column}{number}"].number_format = "@"  # codes stay text: "000123"
        if not code:
            for cell in sheet[number]:
                cell.fill = COLLECTIVE_FILL
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"


def _dropdown(sheet, first: int, count: int, cells: str, who: str) -> None:
    """A list validation on ``cells`` from ``count`` codes of the catalogue sheet."""
    if not count:
        return
    validation = DataValidation(
        type="list",
        formula1=f"'{CATALOGUE_SHEET}'!$A${first}:$A${first + count - 1}",
        allow_blank=True,
        errorStyle="warning",
        errorTitle=_("Mã không có trong danh mục"),
        error=_("Mã này không có trong danh mục của phong trào; hệ thống sẽ báo lỗi khi nhập."),
        promptTitle=_("Mã danh hiệu"),
        prompt=_("Chọn mã %(who)s; xem tên ở trang “%(sheet)s”.")
        % {"who": who, "sheet": CATALOGUE_SHEET},
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def _fill_catalogue(sheet, awards) -> None:
    sheet.append(
        safe_row([COLUMNS["award_code"], _("Danh hiệu / hình thức"), _("Đối tượng"), _("Loại")])
    )
    for cell in sheet[1]:
        cell.font, cell.fill = BOLD, HEADER_FILL
    for award in awards:
        sheet.append(
            safe_row(
                [award.code, award.name, award.get_subject_display(), award.get_kind_display()]
            )
        )
    for column, width in {"A": 22, "B": 48, "C": 12, "D": 26}.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"


def _fill_guide(sheet, campaign, unit, year, unit_count: int, people_count: int) -> None:
    today = timezone.localdate()
    lines = [
        (_("TỆP ĐĂNG KÝ THI ĐUA"), True),
        (_("Phong trào: %(name)s") % {"name": campaign.name}, False),
        (_("Đơn vị: %(unit)s (mã %(code)s)") % {"unit": unit.name, "code": unit.code}, False),
        (_("Năm đăng ký: %(year)s") % {"year": year}, False),
        (_("Tệp tạo ngày %(day)s") % {"day": f"{today:%d/%m/%Y}"}, False),
        ("", False),
        (_("Cách điền"), True),
        (
            _(
                "1. Trang “%(sheet)s” có sẵn %(units)s dòng tập thể (tô vàng, để trống Mã cán "
                "bộ) và %(people)s cán bộ của đơn vị và các đơn vị trực thuộc."
            )
            % {"sheet": SHEET, "units": unit_count, "people": people_count},
            False,
        ),
        (
            _(
                "2. Ở cột “%(code)s”, chọn mã trong danh sách thả xuống; cột “%(name)s” tự hiện "
                "tên. Danh mục đầy đủ ở trang “%(catalogue)s”."
            )
            % {
                "code": COLUMNS["award_code"],
                "name": COLUMNS["award_name"],
                "catalogue": CATALOGUE_SHEET,
            },
            False,
        ),
        (_("3. Để trống mã danh hiệu nếu không đăng ký: dòng đó được bỏ qua."), False),
        (
            _(
                "4. Đăng ký hai hình thức cho cùng một người: chép thêm một dòng của người đó "
                "và chọn mã thứ hai."
            ),
            False,
        ),
        (
            _(
                "5. Giữ nguyên tên trang tính và tên cột. Không đổi Mã cán bộ, Mã đơn vị; chỉ "
                "đăng ký được cán bộ và tập thể thuộc đơn vị này."
            ),
            False,
        ),
        (
            _(
                "6. Tải tệp lên ở trang đăng ký của đơn vị, mục “Nhập từ Excel”. Hệ thống hiện "
                "kết quả từng dòng để kiểm tra; chỉ khi mọi dòng hợp lệ mới lưu được, và lưu "
                "tất cả cùng lúc (dạng nháp, sau đó bấm Gửi)."
            ),
            False,
        ),
        (
            _("7. Giới hạn: tối đa %(rows)s dòng, tệp không quá %(size)s.")
            % {"rows": format_count(max_rows()), "size": format_size(max_bytes())},
            False,
        ),
    ]
    for text, bold in lines:
        sheet.append([safe_text(text)])
        cell = sheet.cell(row=sheet.max_row, column=1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = BOLD
    sheet.column_dimensions["A"].width = 110
