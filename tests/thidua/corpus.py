"""A corpus of hostile uploads, built at run time (nothing binary is committed).

Every item is a ``Sample``: a file name, its bytes, and the kind of endpoint it attacks
(``spreadsheet``: the registration import and the admin's unit, person and award imports;
``document``: the dossier upload; ``image``: the certificate blank scan). ``scale`` shrinks
the padding for quick runs (``bench_upload_corpus --scale 0.01``); the limits are hit either
way because the tests lower ``THIDUA_IMPORT_MAX_ROWS`` with it.

- empty-row padding: a valid workbook followed by a million ``<row/>`` elements; a row
  numbered 1,048,576 (the reader would make up the empty rows in between);
- bombs: a sheet member inflating to 128 MB; a billion-laughs DTD; 700,000 empty cells;
- disguised files: a zip named .xlsx, a PNG named .pdf, a PDF named .xlsx, an old .xls;
- formula cells: a code written as a formula with no cached value;
- Unicode oddities: codes wrapped in zero-width joiners, byte-order marks, RTL marks;
- the largest honest file (10,000 rows of 20 cells), for the benchmark's worst case;
- huge images: PNGs of 30,000 × 30,000 and 12,000 × 12,000 pixels (1-bit, a few KB to 1 MB).
"""

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

import openpyxl

SHEET_PART = "xl/worksheets/sheet1.xml"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Sample:
    name: str  # what the corpus calls it
    filename: str  # what the upload is called
    content: bytes
    kind: str  # spreadsheet, document or image


def workbook(rows, *, sheet: str = "Đăng ký") -> bytes:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def rewrite(xlsx: bytes, part: str, change) -> bytes:
    """``xlsx`` with the text of ``part`` replaced by ``change(text)``."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == part:
                data = change(data.decode()).encode()
            target.writestr(entry.filename, data)
    return stream.getvalue()


def padded(xlsx: bytes, extra_rows: int) -> bytes:
    """Empty ``<row>`` elements after the data, as a spreadsheet program may leave them."""
    first = 1000

    def pad(text: str) -> str:
        rows = "".join(f'<row r="{n}"/>' for n in range(first, first + extra_rows))
        text = re.sub(r"<dimension [^>]*/>", "", text)  # no size announced: read to the end
        return text.replace("</sheetData>", rows + "</sheetData>")

    return rewrite(xlsx, SHEET_PART, pad)


def far_row(xlsx: bytes) -> bytes:
    """One cell in the last row Excel has: a naive reader yields a million empty rows first."""

    def far(text: str) -> str:
        cell = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        text = re.sub(r"<dimension [^>]*/>", "", text)  # no size announced: read to the end
        return text.replace("</sheetData>", cell + "</sheetData>")

    return rewrite(xlsx, SHEET_PART, far)


def wide_row(xlsx: bytes, cells: int) -> bytes:
    """One row of ``cells`` empty cells: few rows, many XML elements."""

    def wide(text: str) -> str:
        return text.replace("</sheetData>", f'<row r="999">{"<c/>" * cells}</row></sheetData>')

    return rewrite(xlsx, SHEET_PART, wide)


def laughs(xlsx: bytes) -> bytes:
    """The billion-laughs DTD in the sheet."""
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )

    def bomb(text: str) -> str:
        head, _sep, body = text.partition("?>")
        return f"{head}?><!DOCTYPE worksheet [{entities}]>" + body.replace(
            "</sheetData>",
            '<row r="998"><c t="inlineStr"><is><t>&i;</t></is></c></row></sheetData>',
        )

    return rewrite(xlsx, SHEET_PART, bomb)


def zip_bomb(*, megabytes: int = 128, main_part: str = "xl/workbook.xml") -> bytes:
    """A workbook-looking zip whose sheet inflates to ``megabytes`` MB of zeros."""
    stream = io.BytesIO()
    types = (
        b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sheet.main+xml"/></Types>'
    )
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(main_part, b"<workbook/>")
        with archive.open(SHEET_PART, "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _i in range(megabytes):
                member.write(block)
    return stream.getvalue()


def plain_zip() -> bytes:
    """A zip with an ``xl/`` member and nothing of a workbook."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("xl/readme.txt", "không phải bảng tính")
    return stream.getvalue()


def formula_cell(xlsx: bytes) -> bytes:
    """The first data row's code written as a formula with no cached value."""

    def formula(text: str) -> str:
        return text.replace(
            "</sheetData>",
            '<row r="997"><c r="A997"><f>CONCAT("CB","001")</f></c></row></sheetData>',
        )

    return rewrite(xlsx, SHEET_PART, formula)


def png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of that many pixels, built row by row (a few KB per 10 MP)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\0" + b"\0" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _i in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def zero_width(code: str) -> str:
    """``code`` as pasted from a chat app: zero-width joiners and a byte-order mark."""
    return f"\ufeff{code[:2]}\u200d{code[2:]}\u2060\u200b"


def full_sheet(header, *, rows: int, width: int = 20) -> bytes:
    """The largest honest file: ``rows`` rows of ``width`` filled cells under ``header``."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Đăng ký")
    sheet.append(list(header) + [f"Cột {n}" for n in range(len(header), width)])
    for number in range(rows):
        sheet.append(
            [f"CB{number:06d}", f"Nguyễn Văn {number}", "U1", "", "ldtt"] + [number] * (width - 5)
        )
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def spreadsheets(*, header, scale: float = 1.0) -> list[Sample]:
    """The spreadsheet attacks on top of a workbook with ``header`` (one valid-looking row)."""
    base = workbook([header])
    rows = max(int(1_000_000 * scale), 20_000)
    return [
        Sample("empty-row padding", "dem-dong-trong.xlsx", padded(base, rows), "spreadsheet"),
        Sample("row 1,048,576", "dong-cuoi.xlsx", far_row(base), "spreadsheet"),
        Sample("700,000 empty cells", "o-trong.xlsx", wide_row(base, 700_000), "spreadsheet"),
        Sample("billion laughs", "tieng-cuoi.xlsx", laughs(base), "spreadsheet"),
        Sample("zip bomb (128 MB)", "bom.xlsx", zip_bomb(), "spreadsheet"),
        Sample("zip named .xlsx", "nen.xlsx", plain_zip(), "spreadsheet"),
        Sample("PNG named .xlsx", "anh.xlsx", png(10, 10), "spreadsheet"),
        Sample("garbage named .xlsx", "rac.xlsx", b"PK\x03\x04" + b"\x00" * 200, "spreadsheet"),
        Sample(
            "10,000 rows × 20 cells",
            "day-du.xlsx",
            full_sheet(header, rows=max(int(10_000 * scale), 100)),
            "spreadsheet",
        ),
    ]


def documents() -> list[Sample]:
    return [
        Sample("zip bomb named .xlsx", "bang-tinh.xlsx", zip_bomb(megabytes=128), "document"),
        Sample("zip named .xlsx", "nen.xlsx", plain_zip(), "document"),
        Sample("PNG named .pdf", "to-trinh.pdf", png(10, 10), "document"),
        Sample("PDF named .xlsx", "bang.xlsx", b"%PDF-1.4\n%%EOF\n", "document"),
        Sample("old .xls named .docx", "van-ban.docx", OLE + b"\0" * 600, "document"),
    ]


def images() -> list[Sample]:
    return [
        Sample("PNG 30,000 × 30,000", "phoi-lon.png", png(30_000, 30_000), "image"),
        Sample("PNG 12,000 × 12,000", "phoi-vua.png", png(12_000, 12_000), "image"),
        Sample("PNG named .pdf", "phoi.pdf", png(10, 10), "image"),
        Sample("PDF named .png", "phoi.png", b"%PDF-1.4\n%%EOF\n", "image"),
    ]
