"""The one bounded reader for every uploaded spreadsheet (.xlsx, and CSV/TSV in the admin).

A small upload must not buy a large amount of work. An .xlsx file is a zip of XML parts, and
4.9 MB of ``<row/>`` elements, a 1 GiB member that compresses to a few KB, or a row number
of 1,048,576 cost a naive reader (``openpyxl.load_workbook``) seconds of CPU and tens of MB.
So before openpyxl sees a byte, ``check_workbook``:

1. refuses what is not an OOXML workbook: not a zip, no ``[Content_Types].xml`` naming a
   spreadsheet, no ``xl/workbook.xml`` (a zip with some ``xl/`` member is not a workbook);
2. bounds the archive: at most ``MAX_MEMBERS`` members, each and all together at most
   ``max_uncompressed()`` bytes once inflated (counted while inflating, not taken from the
   zip's own headers, which can lie);
3. streams every XML part, counting its start tags (at most ``max_elements()`` in all)
   and, in worksheets, raw ``<row>`` tags, blank ones included (at most the caller's row
   limit), with regular expressions (tens of MB a second); a DTD is refused (no entity
   expansion). openpyxl parses the XML afterwards, within these bounds.

Then ``open_workbook`` hands the checked bytes to openpyxl (read-only, cached values), and
``bounded_rows`` yields a sheet's rows, counting every row openpyxl produces (the empty ones
it makes up for a gap in the row numbers too), and stops at the limit. Every refusal is a
``SpreadsheetError`` (a ``ValidationError``) with a Vietnamese message saying what to do.

Limits (settings, all optional): ``THIDUA_SPREADSHEET_MAX_UNCOMPRESSED`` (ten times the
file limit: 50 MB),
``THIDUA_SPREADSHEET_MAX_ELEMENTS`` (600,000), ``THIDUA_IMPORT_MAX_ROWS`` (10,000 data rows,
shared with the registration import) and ``THIDUA_IMPORT_MAX_BYTES`` (5 MB per file).
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
MAX_MEMBERS = 1000
HEADER_ROWS = 10  # rows above the data a file may hold (titles, the header line)
CHUNK = 64 * 1024
SPREADSHEET_TYPE = b"spreadsheetml"


class SpreadsheetError(ValidationError):
    """The file as a whole cannot be read; the message says why and what to do."""


def max_bytes() -> int:
    return getattr(settings, "THIDUA_IMPORT_MAX_BYTES", 5 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "THIDUA_IMPORT_MAX_ROWS", 10_000)


def max_uncompressed() -> int:
    """What the members of one workbook may inflate to, together: ten times the file limit."""
    return getattr(settings, "THIDUA_SPREADSHEET_MAX_UNCOMPRESSED", None) or 10 * max_bytes()


def max_elements() -> int:
    return getattr(settings, "THIDUA_SPREADSHEET_MAX_ELEMENTS", 600_000)


def format_size(n: int) -> str:
    """5242880 -> "5 MB", 1536 -> "1,5 KB" (Vietnamese decimal comma)."""
    value, unit = (n / (1024 * 1024), "MB") if n >= 1024 * 1024 else (n / 1024, "KB")
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") + f" {unit}"


def format_count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def not_excel() -> str:
    return _(
        "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy dùng tệp mẫu tải từ hệ thống, "
        "hoặc mở tệp bằng Excel và lưu dưới dạng “Excel Workbook (.xlsx)”."
    )


def too_many_rows() -> str:
    return _("Tệp có hơn %(limit)s dòng (kể cả dòng trống); hãy chia thành nhiều tệp.") % {
        "limit": format_count(max_rows())
    }


def too_big_inside() -> str:
    return _("Nội dung tệp sau khi giải nén quá lớn; hãy chia thành nhiều tệp nhỏ hơn.")


def read_upload(upload, *, limit: int | None = None) -> bytes:
    """The bytes of an uploaded file, refused when empty or over ``limit`` (read at most
    ``limit + 1`` bytes, whatever the upload claims)."""
    limit = max_bytes() if limit is None else limit
    size = getattr(upload, "size", None)
    too_big = _("Tệp quá lớn (%(size)s); giới hạn là %(limit)s. Hãy chia thành nhiều tệp.")
    if size is not None and size > limit:
        raise SpreadsheetError(too_big % {"size": format_size(size), "limit": format_size(limit)})
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if not data:
        raise SpreadsheetError(_("Tệp rỗng: không có dữ liệu nào."))
    if len(data) > limit:
        raise SpreadsheetError(
            too_big % {"size": f"> {format_size(limit)}", "limit": format_size(limit)}
        )
    return data


def check_workbook(
    data: bytes,
    *,
    rows: int | None = None,
    elements: int | None = None,
    uncompressed: int | None = None,
) -> dict[str, set[str]]:
    """Refuse ``data`` unless it is an OOXML workbook within every limit (see the module).

    ``rows``, ``elements`` and ``uncompressed`` replace the default caps for an import that
    is meant to be large (the history import's ten years of decisions)."""
    if data.startswith(OLE2_MAGIC):
        raise SpreadsheetError(
            _(
                "Tệp là định dạng Excel cũ (.xls) hoặc đã đặt mật khẩu. Hãy mở bằng Excel, bỏ "
                "mật khẩu nếu có, và lưu dưới dạng “Excel Workbook (.xlsx)”."
            )
        )
    if not data.startswith(ZIP_MAGIC):
        raise SpreadsheetError(not_excel())
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise SpreadsheetError(not_excel()) from None
    with archive:
        return check_archive(
            archive,
            rows=max_rows() + HEADER_ROWS if rows is None else rows,
            elements=elements,
            uncompressed=uncompressed,
        )


def check_package(
    archive: zipfile.ZipFile,
    *,
    main_part: str,
    marker: bytes,
    limit: int | None = None,
    elements: int | None = None,
) -> "_Budget":
    """An OOXML package for real: ``[Content_Types].xml`` naming ``marker``
    (``spreadsheetml``, ``wordprocessingml``), the ``main_part``, at most ``MAX_MEMBERS``
    members inflating to at most ``limit`` bytes together (declared, then counted)."""
    entries = archive.infolist()
    names = {entry.filename for entry in entries}
    budget = _Budget(
        bytes_left=max_uncompressed() if limit is None else limit,
        elements_left=max_elements() if elements is None else elements,
    )
    if sum(entry.file_size for entry in entries) > budget.bytes_left:
        raise SpreadsheetError(too_big_inside())  # as declared; inflating counts again
    if len(entries) > MAX_MEMBERS or "[Content_Types].xml" not in names:
        raise SpreadsheetError(not_excel())
    if main_part not in names:
        raise SpreadsheetError(not_excel())
    if marker not in _read_member(archive, "[Content_Types].xml", budget):
        raise SpreadsheetError(not_excel())
    return budget


def check_archive(
    archive: zipfile.ZipFile,
    *,
    rows: int,
    elements: int | None = None,
    uncompressed: int | None = None,
) -> dict[str, set[str]]:
    """``check_package`` for a workbook, then every XML part scanned under the caps.

    Returns, per worksheet part, the cells holding a formula without a computed value (a
    file written by a program that does not calculate): read with cached values, they come
    out empty, and the caller says so instead of taking them for blank cells."""
    budget = check_package(
        archive,
        main_part="xl/workbook.xml",
        marker=SPREADSHEET_TYPE,
        limit=uncompressed,
        elements=elements,
    )
    empty_formulas = {}
    for entry in archive.infolist():
        name = entry.filename
        if name.endswith((".xml", ".rels")):
            is_sheet = name.startswith("xl/worksheets/")
            found = _scan_xml(archive, name, budget, rows if is_sheet else None)
            if found:
                empty_formulas[name] = found
        elif not entry.is_dir():
            _read_member(archive, name, budget)  # images, printer settings: bytes counted
    return empty_formulas


def inflate_all(archive: zipfile.ZipFile, budget: "_Budget") -> None:
    """Inflate every member, counting the bytes against ``budget`` (a lying header fails)."""
    for entry in archive.infolist():
        if not entry.is_dir():
            for _chunk in _chunks(archive, entry.filename, budget):
                pass


class _Budget:
    def __init__(self, *, bytes_left: int, elements_left: int):
        self.bytes_left = bytes_left
        self.elements_left = self.elements_limit = elements_left

    def spend_bytes(self, n: int) -> None:
        self.bytes_left -= n
        if self.bytes_left < 0:
            raise SpreadsheetError(too_big_inside())

    def spend_elements(self, n: int) -> None:
        self.elements_left -= n
        if self.elements_left < 0:
            raise SpreadsheetError(
                _("Tệp có quá nhiều ô hoặc định dạng (hơn %(n)s phần tử); hãy chia nhỏ tệp.")
                % {"n": format_count(self.elements_limit)}
            )


def _chunks(archive: zipfile.ZipFile, name: str, budget: _Budget) -> Iterator[bytes]:
    try:
        with archive.open(name) as member:
            while chunk := member.read(CHUNK):
                budget.spend_bytes(len(chunk))
                yield chunk
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError):
        raise SpreadsheetError(not_excel()) from None
    except NotImplementedError:  # an unknown compression method
        raise SpreadsheetError(not_excel()) from None


def _read_member(archive, name: str, budget: _Budget) -> bytes:
    return b"".join(_chunks(archive, name, budget))


START_TAG = re.compile(rb"<(?![/?!])")
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
LONGEST_TAG = 64 * 1024


FORMULA_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3}[0-9]+)"[^>]*(?<!/)>(.*?)</c>', re.S)
CELL_VALUE = re.compile(rb"<v>[^<]+</v>|<is>")


def _empty_formulas(body: bytes) -> set[str]:
    if b"<f" not in body:
        return set()
    return {
        match.group(1).decode()
        for match in FORMULA_CELL.finditer(body)
        if b"<f" in match.group(2) and not CELL_VALUE.search(match.group(2))
    }


def _scan_xml(archive, name: str, budget: _Budget, rows: int | None) -> set[str]:
    """Count the start tags (an upper bound of the elements) and the ``<row>`` tags of one
    XML part at the speed of a regular expression, refusing a DTD; openpyxl parses it later,
    within these bounds. In a worksheet, also note the formulas without a value."""
    carry, row_count, empty = b"", 0, set()
    chunks = _chunks(archive, name, budget)
    for chunk in _with_end(chunks):
        data = carry + chunk
        cut = -1
        if chunk:
            cut = data.rfind(b"<c ") if rows is not None else -1
            cut = cut if cut > 0 and len(data) - cut <= LONGEST_TAG else data.rfind(b"<")
        if cut <= 0 or len(data) - cut > LONGEST_TAG:
            body, carry = data, b""
        else:
            body, carry = data[:cut], data[cut:]
        if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
            raise SpreadsheetError(not_excel())
        budget.spend_elements(len(START_TAG.findall(body)))
        if rows is not None:
            row_count += len(ROW_TAG.findall(body))
            if row_count > rows:
                raise SpreadsheetError(too_many_rows())
            empty |= _empty_formulas(body)
    return empty


def _with_end(chunks):
    yield from chunks
    yield b""  # flush what was carried


def open_workbook(
    data: bytes,
    *,
    rows: int | None = None,
    elements: int | None = None,
    uncompressed: int | None = None,
):
    """An openpyxl read-only workbook (cached values) of ``data``, once it passed the checks
    (``check_workbook``'s caps)."""
    empty_formulas = check_workbook(data, rows=rows, elements=elements, uncompressed=uncompressed)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a malformed file
        raise SpreadsheetError(not_excel()) from None
    workbook.empty_formulas = empty_formulas  # see check_archive
    return workbook


def empty_formulas(sheet) -> set[str]:
    """The cells of ``sheet`` (of ``open_workbook``) holding a formula without a value."""
    found = getattr(sheet.parent, "empty_formulas", {})
    return found.get(getattr(sheet, "_worksheet_path", ""), set())


def bounded_rows(sheet, *, limit: int) -> Iterator[tuple]:
    """The rows of ``sheet`` as value tuples; past ``limit`` rows of any kind, a refusal."""
    for count, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if count > limit:
            raise SpreadsheetError(too_many_rows())
        yield values


def read_text_table(data: bytes, *, delimiter: str, limit: int | None = None) -> list[list[str]]:
    """The rows of a CSV/TSV upload (UTF-8, with or without BOM), at most ``limit`` rows."""
    limit = max_rows() + HEADER_ROWS if limit is None else limit
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _("Tệp không phải văn bản UTF-8; hãy lưu lại dưới dạng “CSV UTF-8”.")
        ) from None
    rows = []
    try:
        for count, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            if count > limit:
                raise SpreadsheetError(too_many_rows())
            rows.append(row)
    except csv.Error:
        raise SpreadsheetError(_("Tệp CSV bị lỗi định dạng; hãy lưu lại từ Excel.")) from None
    return rows
