"""A drafted document as a Word file (.docx, python-docx), for the office to finish in Word.

The same parts as the PDF (``drafts.Filled``), in the form of Decree 30/2020/NĐ-CP: A4,
margins 20/20/30/15 mm, Times New Roman (Tinos, the PDF's face, has its metrics), the
masthead and the signature as borderless two-column tables, the list on a new page.
"""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from awards.certificates.drafts import Filled
from thidua.core.documents import MOTTO, NATION

FONT = "Times New Roman"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)


def _para(container, text="", *, bold=False, italic=False, size=None, align=None, indent=False):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_after = Pt(6)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return paragraph


def _two_columns(document, widths):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cells = table.rows[0].cells
    for cell, width in zip(cells, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].text = ""
    return cells


def _cell_lines(cell, lines) -> None:
    """Fill a cell with (text, bold, italic, size) lines, centred, in its first paragraph
    and new ones."""
    first = True
    for text, bold, italic, size in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = CENTER
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _masthead(document, doc: Filled) -> None:
    left, right = _two_columns(document, (Mm(62), Mm(103)))
    head = doc.masthead
    lines = []
    if head.parent:
        lines.append((head.parent.upper(), False, False, 12.5))
    lines.append((head.issuer.upper(), True, False, 12.5))
    if head.number:
        lines.append((f"Số: {head.number}", False, False, 13))
    _cell_lines(left, lines)
    state = [(NATION, True, False, 12), (MOTTO, True, False, 13)]
    if head.place_date:
        state.append((head.place_date, False, True, 13))
    _cell_lines(right, state)


def _signature(document, doc: Filled) -> None:
    left, right = _two_columns(document, (Mm(80), Mm(85)))
    sign = doc.sign
    if sign.recipients:
        paragraph = left.paragraphs[0]
        run = paragraph.add_run("Nơi nhận:")
        run.bold, run.italic, run.font.size = True, True, Pt(12)
        last = len(sign.recipients) - 1
        for i, line in enumerate(sign.recipients):
            end = "." if i == last else ";"
            run = left.add_paragraph().add_run(f"- {line}{end}")
            run.font.size = Pt(11)
    lines = [(line, True, False, 13) for line in sign.lines]
    lines += [("", False, False, 13)] * 4  # room to sign
    lines.append((sign.name, True, False, 13))
    _cell_lines(right, lines)


def _annex(document, doc: Filled) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if doc.annex_title:
        _para(document, doc.annex_title, bold=True, align=CENTER)
    for line in doc.annex_lines:
        note = line.startswith("(")
        _para(document, line, bold=not note, italic=note, align=CENTER)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    heads = ("STT", "Họ và tên / Tập thể", "Chức vụ", "Đơn vị", "Hình thức")
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(11)
    for number, row in enumerate(doc.rows, start=1):
        texts = (str(number), row["name"], row["position"], row["unit"], row["award"])
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.paragraphs[0].add_run(text).font.size = Pt(11)


def build(doc: Filled) -> bytes:
    """The .docx file's bytes."""
    document = Document()
    _setup(document)
    body = document.paragraphs[0] if document.paragraphs else None
    if body is not None:
        body._element.getparent().remove(body._element)
    if doc.is_draft:
        _para(document, "DỰ THẢO", bold=True, size=12)
    _masthead(document, doc)
    _para(document, doc.heading, bold=True, align=CENTER).paragraph_format.space_before = Pt(12)
    _para(document, doc.subject, bold=True, align=CENTER)
    _para(document, "―――――", align=CENTER)
    if doc.lead:
        _para(document, doc.lead, bold=True, align=CENTER).paragraph_format.space_after = Pt(6)
    for line in doc.bases:
        _para(document, line, italic=True, align=JUSTIFY, indent=True)
    if doc.decides:
        _para(document, doc.decides, bold=True, align=CENTER).paragraph_format.space_after = Pt(6)
    for item in doc.body:
        paragraph = _para(document, align=JUSTIFY, indent=True)
        if item.label:
            paragraph.add_run(f"{item.label} ").bold = True
        paragraph.add_run(item.text)
    _signature(document, doc)
    if doc.rows:
        _annex(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
