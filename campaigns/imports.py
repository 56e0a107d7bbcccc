"""Registering from an Excel file: read the sheet, check every row, preview, then save.

``read_sheet`` reads the upload once. Whatever makes the whole file unusable (not an Excel
workbook, too big, wrong sheet, missing columns, no rows, too many rows) raises
``ImportFileError`` and nothing else happens.

``registrations_import`` resolves each row's codes and hands the rows to
``campaigns.services.registrations_save_bulk`` (the one path that creates registrations),
grouped by the unit they register under, inside one transaction. A dry run (the preview)
always rolls that transaction back; a real run keeps it only when every row passed. The
preview and the confirmation therefore apply the same rules, and an import saves every
row or none.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from awards.catalogue.models import Award
from campaigns.models import Campaign
from campaigns.services import RegistrationRow, registrations_save_bulk
from thidua.core import audit, spreadsheets
from thidua.core.text import normalise_code, search_key
from units.access import restrict, under
from units.models import Person, Unit

# The file format. Sheet and column names are a contract with the files people keep, so
# they are not translated: a template downloaded in one language imports in the other.
SHEET = "Đăng ký"
CATALOGUE_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"
COLUMNS = {
    "person_code": "Mã cán bộ",
    "full_name": "Họ và tên",
    "unit_code": "Mã đơn vị",
    "unit_name": "Đơn vị",
    "award_code": "Mã danh hiệu",
    "award_name": "Danh hiệu",
    "note": "Ghi chú",
}
REQUIRED = ("person_code", "unit_code", "award_code")
# Cells the reader keeps; the others (unit name, award name) are for the reader's eyes.
KEPT = ("person_code", "full_name", "unit_code", "award_code", "note")
HEADER_SEARCH_ROWS = 10
NOTE_MAX = 2000
CELL_MAX = 200  # longer codes and names cannot match anything; keep enough to show them


# The kernel's limits (THIDUA_IMPORT_MAX_BYTES, THIDUA_IMPORT_MAX_ROWS), read when called.
max_bytes = spreadsheets.max_bytes
max_rows = spreadsheets.max_rows
format_size = spreadsheets.format_size
format_count = spreadsheets.format_count


class ImportFileError(spreadsheets.SpreadsheetError):
    """The file as a whole cannot be imported; the message says why and what to do."""


# --- Reading the file ----------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    """One data row as written in the file; ``number`` is the row number Excel shows."""

    number: int
    person_code: str = ""
    full_name: str = ""
    unit_code: str = ""
    award_code: str = ""
    note: str = ""
    # Cells of the row holding a formula without a computed value: read as empty.
    formulas: tuple[str, ...] = ()

    @property
    def is_blank(self) -> bool:
        written = (self.person_code, self.full_name, self.unit_code, self.award_code)
        return not any(written) and not self.formulas


def read_sheet(upload) -> list[SheetRow]:
    """The non-blank rows of the "Đăng ký" sheet of an uploaded .xlsx file.

    Read through the kernel's bounded reader (``thidua.core.spreadsheets``): the archive,
    its XML and every raw row, blank ones too, are counted before and while reading."""
    data = spreadsheets.read_upload(upload, limit=max_bytes())
    workbook = spreadsheets.open_workbook(data, rows=max_rows() + HEADER_SEARCH_ROWS)
    try:
        return _rows_of(workbook)
    except ValidationError:
        raise
    except Exception:
        raise ImportFileError(spreadsheets.not_excel()) from None
    finally:
        workbook.close()


def _rows_of(workbook) -> list[SheetRow]:
    wanted = search_key(SHEET)
    sheet = next((ws for ws in workbook.worksheets if search_key(ws.title) == wanted), None)
    if sheet is None:
        raise ImportFileError(
            _("Không tìm thấy trang tính “%(sheet)s” (tệp có: %(names)s). Hãy dùng tệp mẫu.")
            % {"sheet": SHEET, "names": ", ".join(f"“{n}”" for n in workbook.sheetnames)}
        )
    lines = spreadsheets.bounded_rows(sheet, limit=max_rows() + HEADER_SEARCH_ROWS)
    empty = spreadsheets.empty_formulas(sheet)
    columns, header_number = _header(lines)
    rows, limit = [], max_rows()
    for number, values in enumerate(lines, start=header_number + 1):
        cells = {key: _cell(values, index, key) for key, index in columns.items()}
        formulas = tuple(
            cell
            for index in sorted(columns.values())
            if (cell := f"{get_column_letter(index + 1)}{number}") in empty
        )
        row = SheetRow(number=number, formulas=formulas, **cells)
        if row.is_blank:
            continue
        rows.append(row)
        if len(rows) > limit:
            raise ImportFileError(
                _("Tệp có hơn %(limit)s dòng dữ liệu; hãy chia thành nhiều tệp.")
                % {"limit": format_count(limit)}
            )
    if not rows:
        raise ImportFileError(
            _("Trang “%(sheet)s” không có dòng dữ liệu nào dưới dòng tiêu đề.") % {"sheet": SHEET}
        )
    if not any(row.award_code or row.formulas for row in rows):
        raise ImportFileError(
            _("Chưa có dòng nào ghi “%(column)s”, nên chưa có gì để đăng ký.")
            % {"column": COLUMNS["award_code"]}
        )
    return rows


def _header(lines) -> tuple[dict[str, int], int]:
    """Find the header row among the first rows; map the kept columns to their index."""
    keys = {search_key(label): key for key, label in COLUMNS.items()}
    best: dict[str, int] = {}
    for number, values in enumerate(lines, start=1):
        found: dict[str, int] = {}
        for index, value in enumerate(values or ()):
            key = keys.get(search_key(_text(value)))
            if key and key not in found:
                found[key] = index
        if all(key in found for key in REQUIRED):
            return {key: index for key, index in found.items() if key in KEPT}, number
        if len(found) > len(best):
            best = found
        if number >= HEADER_SEARCH_ROWS:
            break
    missing = [COLUMNS[key] for key in REQUIRED if key not in best]
    raise ImportFileError(
        _("Trang “%(sheet)s” thiếu cột: %(missing)s. Dòng tiêu đề cần có các cột %(required)s.")
        % {
            "sheet": SHEET,
            "missing": ", ".join(f"“{name}”" for name in missing),
            "required": ", ".join(f"“{COLUMNS[key]}”" for key in REQUIRED),
        }
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed as a number: 123.0 -> "123"
    if hasattr(value, "strftime"):
        value = value.strftime("%d/%m/%Y")
    return normalise_code(str(value))


def _cell(values, index: int, key: str) -> str:
    value = values[index] if index < len(values) else None
    if key == "note":
        text = "" if value is None else str(value).strip()
        return text[: NOTE_MAX + 1]
    return _text(value)[:CELL_MAX]


# --- Checking and saving -------------------------------------------------------------------

OK, ERROR, SKIPPED = "ok", "error", "skipped"


@dataclass
class RowResult:
    """What the preview shows for one row: who, which award, and the verdict."""

    number: int
    status: str
    code: str = ""
    subject: str = ""
    unit: str = ""
    award: str = ""
    note: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowResult]
    saved: int = 0

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def ok(self) -> bool:
        return self.count(ERROR) == 0 and self.count(OK) > 0


class _Lookups:
    """Every code of the file resolved in a fixed number of queries."""

    def __init__(self, by, unit: Unit, rows: list[SheetRow]):
        wanted = [row for row in rows if row.award_code]
        people = {r.person_code for r in wanted if r.person_code}
        units = {r.unit_code for r in wanted if r.unit_code and not r.person_code}
        awards = {r.award_code for r in wanted}
        people_rows = Person.objects.select_related("unit").only(
            "code", "full_name", "search_key", "unit__name"
        )
        self.people = _by_code(restrict(people_rows, by), people)
        self.units = _by_code(restrict(Unit.objects.filter(under([unit.path])), by), units)
        self.awards = _by_code(Award.objects.all(), awards)


def _by_code(queryset, codes: set[str]) -> dict:
    """Rows by code, found as written, in capitals or in lower case."""
    if not codes:
        return {}
    variants = codes | {c.upper() for c in codes} | {c.lower() for c in codes}
    found = {obj.code: obj for obj in queryset.filter(code__in=variants)}
    return {c: found.get(c) or found.get(c.upper()) or found.get(c.lower()) for c in codes}


def registrations_import(
    *,
    by,
    campaign: Campaign,
    unit: Unit,
    year: int,
    rows: list[SheetRow],
    dry_run: bool,
    filename: str = "",
) -> ImportReport:
    """Check (``dry_run``) or save the rows of an import for ``unit`` and its subtree.

    People of the subtree register under their own unit, collectives under the unit whose
    code the row gives (the unit itself or one of its units). A refusal of the whole
    import (campaign closed, no role, year) raises ``ValidationError``; row problems come
    back in the report, and then nothing is saved.
    """
    lookups = _Lookups(by, unit, rows)
    results, groups = [], {}
    for row in rows:
        result, line, owner = _resolve(row, lookups, unit)
        results.append(result)
        if line is not None:
            groups.setdefault(owner.pk, (owner, []))[1].append((result, line))
    report = ImportReport(rows=results)
    try:
        with transaction.atomic():
            report.saved = _save(by, campaign, year, groups)
            if dry_run or not report.ok:
                raise _RollBack
            audit.record(
                obj=campaign,
                by=by,
                action="import",
                comment=_("%(n)s đăng ký từ tệp “%(file)s” (%(unit)s, năm %(year)s).")
                % {"n": report.saved, "file": filename, "unit": unit, "year": year},
                unit=unit,
            )
    except _RollBack:
        report.saved = 0
    return report


class _RollBack(Exception):
    pass


def _save(by, campaign, year, groups) -> int:
    saved = 0
    for owner, lines in groups.values():
        result = registrations_save_bulk(
            by=by,
            campaign=campaign,
            unit=owner,
            rows=[line for _result, line in lines],
            year=year,
        )
        for index, problems in result.errors.items():
            lines[index][0].errors.extend(problems)
            lines[index][0].status = ERROR
        saved += len(result.registrations)
    return saved


def _resolve(row: SheetRow, lookups: _Lookups, unit: Unit):
    """(result, registration row or None, unit to register under) for one sheet row."""
    result = RowResult(
        number=row.number,
        status=OK,
        code=row.person_code or row.unit_code,
        subject=row.full_name,
        award=row.award_code,
        note=row.note[:NOTE_MAX],
    )
    if row.formulas:
        result.status = ERROR
        result.errors.append(
            _(
                "Ô %(cells)s có công thức nhưng chưa có giá trị đã tính, nên được đọc là ô "
                "trống. Hãy mở tệp bằng Excel, lưu lại rồi tải lên, hoặc ghi giá trị thay cho "
                "công thức."
            )
            % {"cells": ", ".join(row.formulas)}
        )
        return result, None, None
    if not row.award_code:
        result.status = SKIPPED
        return result, None, None
    errors = result.errors
    award = lookups.awards.get(row.award_code)
    if award is None:
        errors.append(
            _("Không có danh hiệu mã “%(code)s”; hãy chọn mã trong trang “%(sheet)s”.")
            % {"code": row.award_code, "sheet": CATALOGUE_SHEET}
        )
    else:
        result.award = award.name
    if len(row.note) > NOTE_MAX:
        errors.append(_("Ghi chú dài quá %(n)s ký tự.") % {"n": format_count(NOTE_MAX)})
    person = owner = None
    if row.person_code:
        person = lookups.people.get(row.person_code)
        if person is None:
            errors.append(
                _("Không tìm thấy cán bộ mã “%(code)s” trong các đơn vị bạn quản lý.")
                % {"code": row.person_code}
            )
        else:
            result.subject = person.full_name
            result.unit = person.unit.name if person.unit_id else ""
            owner = unit
            if row.full_name and search_key(row.full_name) != person.search_key:
                errors.append(
                    _("Mã “%(code)s” là của %(name)s, không phải “%(written)s”; kiểm tra lại mã.")
                    % {"code": person.code, "name": person.full_name, "written": row.full_name}
                )
    elif row.unit_code:
        owner = lookups.units.get(row.unit_code)
        if owner is None:
            errors.append(
                _("Không có đơn vị mã “%(code)s” trong %(unit)s và các đơn vị trực thuộc.")
                % {"code": row.unit_code, "unit": unit}
            )
        else:
            result.subject = _("Tập thể %(unit)s") % {"unit": owner.name}
            result.unit = owner.name
    else:
        errors.append(
            _("Thiếu “%(person)s” (đăng ký cho cá nhân) hoặc “%(unit)s” (đăng ký cho tập thể).")
            % {"person": COLUMNS["person_code"], "unit": COLUMNS["unit_code"]}
        )
    if errors:
        result.status = ERROR
        return result, None, None
    if person is not None:
        owner = unit  # people of the whole subtree are checked in one call
    return result, RegistrationRow(award=award, person=person, note=row.note), owner
