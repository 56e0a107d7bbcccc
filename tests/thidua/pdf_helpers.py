"""Reading a served PDF back: its bytes, its text (whitespace folded), its font families."""

import io

from pypdf import PdfReader


def embedded_families(content: bytes) -> set[str]:
    """The family of every font embedded in the PDF (subset prefix and style dropped)."""
    reader = PdfReader(io.BytesIO(content))
    names, seen = set(), set()

    def walk(resources):
        if resources is None or id(resources) in seen:
            return
        seen.add(id(resources))
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            base = str(font.get_object()["/BaseFont"]).lstrip("/")
            names.add(base.split("+")[-1].split("-")[0].split(",")[0])
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return names


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def header_text(content: bytes, depth: float = 42.0) -> list[str]:
    """Per page, the text printed in the top ``depth`` points (the page-number band above
    the body), whitespace folded."""
    reader = PdfReader(io.BytesIO(content))
    pages = []
    for page in reader.pages:
        top = float(page.mediabox.top)
        found: list[str] = []

        def visit(text, cm, tm, _font, _size, found=found, top=top):
            y = tm[5] * cm[3] + tm[4] * cm[1] + cm[5]
            if text.strip() and y > top - depth:
                found.append(text)

        page.extract_text(visitor_text=visit)
        pages.append(" ".join("".join(found).split()))
    return pages
