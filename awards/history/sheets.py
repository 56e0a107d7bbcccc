"""The history workbook: its sheets and columns, the downloadable template, and the reader.

Sheet and column names are a contract with the files offices keep, so they are not
translated. The reader opens the file with openpyxl in read-only mode and keeps every cell
as text (a date cell becomes "dd/mm/yyyy"), so that a file of 150,000 rows is read in one
pass; whatever makes the whole file unusable raises ``ImportFileError``.
"""

import io
from dataclasses import dataclass

import openpyxl
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from awards.catalogue.models import Authority, Award
from campaigns.imports import ImportFileError, format_count, format_size
from thidua.core import spreadsheets
from thidua.core.text import search_key
from units.models import InitiativeLevel, Person, QualityRating

DECISIONS, RATINGS, INITIATIVES = "decisions", "ratings", "initiatives"
SHEETS = {DECISIONS: "Khen thưởng", RATINGS: "Xếp loại", INITIATIVES: "Sáng kiến"}
CATALOGUE_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"

_PERSON = {
    "person_code": "Mã cán bộ",
    "full_name": "Họ và tên",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
}
_UNIT = {"unit_code": "Mã đơn vị", "unit_name": "Đơn vị"}
COLUMNS = {
    DECISIONS: {
        "number": "Số quyết định",
        "signed_on": "Ngày ký",
        "authority": "Cấp khen thưởng",
        "issuer_code": "Mã cơ quan ban hành",
        "issuer_name": "Cơ quan ban hành",
        "signer_name": "Người ký",
        "signer_position": "Chức vụ người ký",
        "award": "Mã danh hiệu",
        **_PERSON,
        **_UNIT,
        "year": "Năm thành tích",
        "achievement": "Thành tích",
    },
    RATINGS: {**_PERSON, **_UNIT, "year": "Năm", "rating": "Xếp loại"},
    INITIATIVES: {
        "title": "Tên sáng kiến",
        "level": "Cấp",
        "year": "Năm",
        "decision_number": "Số quyết định công nhận",
        "decision_date": "Ngày công nhận",
        **_UNIT,
        **_PERSON,
    },
}
# Columns the header row must have for the sheet to be read.
REQUIRED = {
    DECISIONS: ("number", "signed_on", "authority", "award", "year"),
    RATINGS: ("year", "rating"),
    INITIATIVES: ("title", "decision_number", "decision_date"),
}
HEADER_SEARCH_ROWS = 10
CELL_MAX = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def max_bytes() -> int:
    return getattr(settings, "THIDUA_HISTORY_IMPORT_MAX_BYTES", 12 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "THIDUA_HISTORY_IMPORT_MAX_ROWS", 200_000)


@dataclass(frozen=True, slots=True)
class Row:
    """One data row as written: its sheet, the row number Excel shows, and its cells."""

    sheet: str
    number: int
    cells: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.cells.get(key, "")


@dataclass
class HistoryFile:
    rows: dict[str, list[Row]]

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


# --- Reading --------------------------------------------------------------------------------


def read_workbook(upload) -> HistoryFile:
    """The non-blank rows of every history sheet of an uploaded .xlsx file, read through the
    kernel's bounded reader (``thidua.core.spreadsheets``) with caps sized for this import:
    its row limit over the three sheets, 60 XML elements and 2 KB inflated per row."""
    rows = max_rows() + spreadsheets.HEADER_ROWS * len(SHEETS)
    try:
        data = spreadsheets.read_upload(upload, limit=max_bytes())
        workbook = spreadsheets.open_workbook(
            data, rows=rows, elements=60 * rows, uncompressed=2048 * rows
        )
    except ImportFileError:
        raise
    except spreadsheets.SpreadsheetError as error:  # the whole file: say why, keep nothing
        message = error.messages[0]
        if message == spreadsheets.too_many_rows():  # the kernel's words name its own limit
            message = _too_many_rows()
        raise ImportFileError(message) from None
    try:
        return _read(workbook)
    except ImportFileError:
        raise
    except spreadsheets.SpreadsheetError:  # bounded_rows: more rows than the limit, blank or not
        raise ImportFileError(_too_many_rows()) from None
    except Exception:
        raise ImportFileError(spreadsheets.not_excel()) from None
    finally:
        workbook.close()


def _too_many_rows() -> str:
    return _("Tệp có hơn %(limit)s dòng dữ liệu; hãy chia thành nhiều tệp.") % {
        "limit": format_count(max_rows())
    }


def _read(workbook) -> HistoryFile:
    titles = {search_key(ws.title): ws for ws in workbook.worksheets}
    found = {kind: titles.get(search_key(name)) for kind, name in SHEETS.items()}
    if not any(found.values()):
        raise ImportFileError(
            _(
                "Tệp không có trang tính nào trong số %(sheets)s (tệp có: %(names)s). Hãy "
                "dùng tệp mẫu."
            )
            % {
                "sheets": ", ".join(f"“{n}”" for n in SHEETS.values()),
                "names": ", ".join(f"“{n}”" for n in workbook.sheetnames),
            }
        )
    rows, limit, total = {}, max_rows(), 0
    for kind, sheet in found.items():
        rows[kind] = [] if sheet is None else _sheet_rows(kind, sheet)
        total += len(rows[kind])
        if total > limit:
            raise ImportFileError(_too_many_rows())
    if not total:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào dưới các dòng tiêu đề."))
    return HistoryFile(rows=rows)


def _sheet_rows(kind: str, sheet) -> list[Row]:
    # Every row openpyxl produces counts, the blank ones it makes up for a gap too.
    lines = spreadsheets.bounded_rows(sheet, limit=max_rows() + spreadsheets.HEADER_ROWS)
    columns, header_number = _header(kind, lines)
    name, rows, limit = SHEETS[kind], [], max_rows()
    for number, values in enumerate(lines, start=header_number + 1):
        if not values:
            continue
        cells = {}
        for key, index in columns:
            if index < len(values) and values[index] is not None:
                text = _text(values[index])
                if text:
                    cells[key] = text[:CELL_MAX]
        if cells:
            rows.append(Row(name, number, cells))
            if len(rows) > limit:
                break
    return rows


def _header(kind: str, lines) -> tuple[list[tuple[str, int]], int]:
    """Find the header row among the first rows; map the columns to their index."""
    keys = {search_key(label): key for key, label in COLUMNS[kind].items()}
    required = REQUIRED[kind]
    best: dict[str, int] = {}
    for number, values in enumerate(lines, start=1):
        found: dict[str, int] = {}
        for index, value in enumerate(values or ()):
            key = keys.get(search_key(_text(value)))
            if key and key not in found:
                found[key] = index
        if all(key in found for key in required):
            return list(found.items()), number
        if len(found) > len(best):
            best = found
        if number >= HEADER_SEARCH_ROWS:
            break
    missing = [COLUMNS[kind][key] for key in required if key not in best]
    raise ImportFileError(
        _("Trang “%(sheet)s” thiếu cột: %(missing)s. Hãy dùng dòng tiêu đề của tệp mẫu.")
        % {"sheet": SHEETS[kind], "missing": ", ".join(f"“{name}”" for name in missing)}
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", "").replace("\ufeff", "")
    return " ".join(text.split())


# --- The template ---------------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FILL = PatternFill("solid", fgColor="E2EFDA")
BOLD = Font(bold=True)

RATING_LABELS = [str(label) for _value, label in QualityRating.Rating.choices]
LEVEL_LABELS = [str(label) for _value, label in InitiativeLevel.choices]
GENDER_LABELS = [str(label) for _value, label in Person.Gender.choices]


def history_template() -> bytes:
    """The workbook to fill: three data sheets with a filled example row, the catalogue
    (award and authority codes, ratings, levels) the drop-downs read, and the guide."""
    awards = list(Award.objects.select_related("authority").order_by("authority__order", "order"))
    authorities = list(Authority.objects.order_by("order", "name"))
    workbook = openpyxl.Workbook()
    decisions = workbook.active
    decisions.title = SHEETS[DECISIONS]
    example_award = next(
        (a for a in awards if a.code == "bk-bo-ca-nhan"),
        next((a for a in awards if not a.is_collective), None),
    )
    _fill(
        decisions,
        DECISIONS,
        {
            "number": "125/QĐ-BTP",
            "signed_on": "15/01/2016",
            "authority": example_award.authority.code if example_award else "",
            "issuer_code": "",
            "issuer_name": "Bộ Tư pháp",
            "signer_name": "Nguyễn Văn A",
            "signer_position": "Bộ trưởng",
            "award": example_award.code if example_award else "",
            "person_code": "",
            "full_name": "Trần Thị B",
            "birth_year": 1980,
            "gender": GENDER_LABELS[1],
            "unit_code": "",
            "unit_name": "Cục Thi hành án dân sự tỉnh Long An",
            "year": 2015,
            "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2015",
        },
    )
    _fill(
        workbook.create_sheet(SHEETS[RATINGS]),
        RATINGS,
        {
            "full_name": "Trần Thị B",
            "birth_year": 1980,
            "gender": GENDER_LABELS[1],
            "unit_name": "Cục Thi hành án dân sự tỉnh Long An",
            "year": 2015,
            "rating": RATING_LABELS[-1],
        },
    )
    _fill(
        workbook.create_sheet(SHEETS[INITIATIVES]),
        INITIATIVES,
        {
            "title": "Ứng dụng phần mềm theo dõi án tồn đọng",
            "level": LEVEL_LABELS[0],
            "year": 2015,
            "decision_number": "45/QĐ-CTHADS",
            "decision_date": "20/12/2015",
            "unit_name": "Cục Thi hành án dân sự tỉnh Long An",
            "full_name": "Trần Thị B",
            "birth_year": 1980,
            "gender": GENDER_LABELS[1],
        },
    )
    lists = _fill_catalogue(workbook.create_sheet(CATALOGUE_SHEET), awards, authorities)
    _dropdowns(workbook, lists)
    _fill_guide(workbook.create_sheet(GUIDE_SHEET))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _safe(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _fill(sheet, kind: str, example: dict) -> None:
    columns = COLUMNS[kind]
    sheet.append(list(columns.values()))
    for cell in sheet[1]:
        cell.font, cell.fill = BOLD, HEADER_FILL
    sheet.append([_safe(example.get(key, "")) for key in columns])
    for cell in sheet[2]:
        cell.fill = EXAMPLE_FILL
    for index, label in enumerate(columns.values(), start=1):
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(40, len(label) + 6))
    sheet.freeze_panes = "A2"


def _fill_catalogue(sheet, awards, authorities) -> dict[str, str]:
    """Lists side by side; returns each list's range for the drop-downs."""
    columns = [
        (_("Mã danh hiệu"), [a.code for a in awards], [a.name for a in awards]),
        (_("Cấp khen thưởng"), [a.code for a in authorities], [a.name for a in authorities]),
        (_("Xếp loại"), RATING_LABELS, None),
        (_("Cấp sáng kiến"), LEVEL_LABELS, None),
        (_("Giới tính"), GENDER_LABELS, None),
    ]
    ranges, column = {}, 1
    for (title, codes, names), key in zip(
        columns, ("award", "authority", "rating", "level", "gender"), strict=True
    ):
        letter = openpyxl.utils.get_column_letter(column)
        sheet.cell(row=1, column=column, value=title).font = BOLD
        for offset, code in enumerate(codes, start=2):
            sheet.cell(row=offset, column=column, value=_safe(code))
            if names:
                sheet.cell(row=offset, column=column + 1, value=_safe(names[offset - 2]))
        if names:
            sheet.cell(row=1, column=column + 1, value=_("Tên")).font = BOLD
        sheet.column_dimensions[letter].width = 24
        ranges[key] = f"'{CATALOGUE_SHEET}'!${letter}$2:${letter}${max(2, len(codes) + 1)}"
        column += 3 if names else 2
    return ranges


def _dropdowns(workbook, ranges: dict[str, str]) -> None:
    targets = {
        DECISIONS: {"award": "award", "authority": "authority", "gender": "gender"},
        RATINGS: {"rating": "rating", "gender": "gender"},
        INITIATIVES: {"level": "level", "gender": "gender"},
    }
    for kind, wanted in targets.items():
        sheet = workbook[SHEETS[kind]]
        keys = list(COLUMNS[kind])
        for column, list_key in wanted.items():
            letter = openpyxl.utils.get_column_letter(keys.index(column) + 1)
            validation = DataValidation(
                type="list",
                formula1=ranges[list_key],
                allow_blank=True,
                errorStyle="warning",
                errorTitle=_("Giá trị không có trong danh mục"),
                error=_(
                    "Giá trị này không có trong trang “%(sheet)s”; hệ thống sẽ báo lỗi khi nhập."
                )
                % {"sheet": CATALOGUE_SHEET},
            )
            validation.add(f"{letter}2:{letter}{max_rows() + 1}")
            sheet.add_data_validation(validation)


def _fill_guide(sheet) -> None:
    lines = [
        (_("TỆP NHẬP LỊCH SỬ KHEN THƯỞNG"), True),
        (_("Tệp tạo ngày %(day)s") % {"day": f"{timezone.localdate():%d/%m/%Y}"}, False),
        ("", False),
        (_("Trang “Khen thưởng”: mỗi dòng là một người hoặc một tập thể được khen"), True),
        (
            _(
                "Một quyết định được nhận biết bằng Số quyết định + Ngày ký + Cơ quan ban hành: "
                "các dòng cùng ba giá trị này thuộc cùng một quyết định."
            ),
            False,
        ),
        (_("Ngày ghi theo dạng ngày/tháng/năm, ví dụ 15/01/2016."), False),
        (
            _(
                "Cấp khen thưởng và Mã danh hiệu: chọn trong danh sách thả xuống (trang "
                "“Danh mục”). Danh hiệu phải thuộc thẩm quyền của cấp khen thưởng đã chọn."
            ),
            False,
        ),
        (
            _(
                "Cơ quan ban hành: ghi mã đơn vị, hoặc tên đơn vị đúng như tên lúc ký quyết "
                "định. Cơ quan ngoài ngành chưa có trên hệ thống sẽ được tạo mới nếu bạn đồng ý "
                "khi xác nhận."
            ),
            False,
        ),
        (
            _(
                "Cá nhân: ghi Mã cán bộ; nếu chưa có mã, ghi Họ và tên, Đơn vị (tên lúc được "
                "khen) và Năm sinh. Cán bộ chưa có trên hệ thống sẽ được tạo mới nếu bạn đồng ý "
                "khi xác nhận (khi đó cần ghi Giới tính)."
            ),
            False,
        ),
        (
            _(
                "Tập thể: để trống các cột về cá nhân, ghi Mã đơn vị hoặc tên Đơn vị của tập "
                "thể được khen."
            ),
            False,
        ),
        (_("Năm thành tích: năm của thành tích được khen (thường là năm trước năm ký)."), False),
        ("", False),
        (_("Trang “Xếp loại”: xếp loại chất lượng hằng năm của cán bộ"), True),
        (_("Mỗi cán bộ một dòng mỗi năm; Xếp loại chọn trong danh sách thả xuống."), False),
        ("", False),
        (_("Trang “Sáng kiến”: sáng kiến đã được công nhận"), True),
        (
            _(
                "Mỗi tác giả một dòng; các dòng cùng Tên sáng kiến, Số và Ngày quyết định công "
                "nhận là cùng một sáng kiến. Đơn vị là đơn vị công nhận sáng kiến."
            ),
            False,
        ),
        ("", False),
        (_("Khi nhập"), True),
        (
            _(
                "Dòng tô xanh là dòng ví dụ: hãy xóa hoặc ghi đè. Giữ nguyên tên các trang tính "
                "và tên các cột."
            ),
            False,
        ),
        (
            _(
                "Hệ thống kiểm tra mọi dòng và cho xem trước kết quả. Chỉ khi mọi dòng hợp lệ mới "
                "lưu được, và mọi dòng được lưu cùng lúc; nhập lại cùng một tệp không tạo bản "
                "ghi trùng."
            ),
            False,
        ),
        (
            _("Tối đa %(rows)s dòng, tệp không quá %(size)s.")
            % {"rows": format_count(max_rows()), "size": format_size(max_bytes())},
            False,
        ),
    ]
    for row, (text, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        if bold:
            cell.font = BOLD
    sheet.column_dimensions["A"].width = 120
