"""The WeasyPrint side of the PDF: render parts (in parallel processes), join, number pages.

A long report is cut into parts (the summary, then slices of the annex, each a complete
HTML document); each part is laid out in a worker process, which keeps the layout's memory
per process small and uses both cores. The parts are joined with pypdf, and every page is
then stamped "Trang x/y" in the body's own font, taken from a tiny WeasyPrint render so the
numbers match the text.

No Django here: the workers (``forkserver``) import this module alone, plus the program's
main module, which must be import-safe, as ``manage.py``, gunicorn and pytest are.
"""

import gc
import io
import logging
import multiprocessing
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

from thidua.core import systemdeps

STAMP_FONT = systemdeps.PDF_FONT_FAMILY
STAMP_SIZE = 9.5  # pt
STAMP_BOTTOM = 24  # pt from the bottom edge to the baseline
STAMP_NAME = "/FTrangSo"

# WeasyPrint logs every page it lays out at INFO; a 600-page annex would flood the log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render(html: str, css: str) -> bytes:
    """One part: HTML + CSS → PDF bytes.

    The cyclic garbage collector is paused during layout: WeasyPrint allocates millions
    of short-lived objects and the collector's passes cost about a fifth of the time.
    """
    from weasyprint import CSS, HTML  # noqa: PLC0415 - WeasyPrint loads only for a PDF

    enabled = gc.isenabled()
    gc.disable()
    try:
        return HTML(string=html).write_pdf(stylesheets=[CSS(string=css)])
    finally:
        if enabled:
            gc.enable()
        gc.collect()


def _render_indexed(index: int, html: str, css: str) -> tuple[int, bytes, float]:
    start = time.process_time()
    pdf = render(html, css)
    return index, pdf, time.process_time() - start


@dataclass
class Timing:
    render: float = 0.0  # wall seconds
    join: float = 0.0
    cpu: float = 0.0  # CPU seconds of the layout, all processes together
    parts: int = 0


def render_parts(
    parts: Iterable[str],
    css: str,
    *,
    total: int,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
    timing: Timing | None = None,
) -> list[bytes]:
    """Render the ``total`` parts, in ``workers`` processes when there is more than one.

    Each part is handed to the pool as soon as it is produced; the summary part is small,
    so both workers are busy before the annex HTML is finished.
    """
    results: list[bytes | None] = [None] * total
    timing = timing if timing is not None else Timing()
    if workers <= 1 or total <= 1:
        for i, html in enumerate(parts):
            _index, results[i], cpu = _render_indexed(i, html, css)
            timing.cpu += cpu
            if progress:
                progress(i + 1, total)
        return results
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(max_workers=min(workers, total), mp_context=context) as pool:
        futures = [pool.submit(_render_indexed, i, html, css) for i, html in enumerate(parts)]
        for done, future in enumerate(as_completed(futures), start=1):
            index, pdf, cpu = future.result()
            results[index] = pdf
            timing.cpu += cpu
            if progress:
                progress(done, total)
    return results


@dataclass(frozen=True)
class _StampFont:
    pdf: bytes
    glyphs: dict[str, int]
    widths: dict[int, float]

    def width(self, text: str, size: float) -> float:
        return sum(self.widths.get(self.glyphs[c], 600) for c in text) * size / 1000


@lru_cache(maxsize=4)
def _stamp_font(characters: str) -> _StampFont:
    """The body font, embedded with just ``characters``, from a one-line render."""
    html = f"<p>{characters}</p>"
    pdf = render(html, f"p {{ font-family: '{STAMP_FONT}'; }}")
    font = _font_of(PdfReader(io.BytesIO(pdf)).pages[0])
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    glyphs = {
        chr(int(u, 16)): int(g, 16)
        for g, u in re.findall(r"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>", cmap)
    }
    widths: dict[int, float] = {}
    w = font["/DescendantFonts"][0].get_object().get("/W", [])
    i = 0
    while i + 1 < len(w):
        first, values = int(w[i]), w[i + 1]
        for offset, value in enumerate(values):
            widths[first + offset] = float(value)
        i += 2
    missing = set(characters) - set(glyphs)
    if missing:
        raise ValueError(f"stamp font lacks {missing!r}")
    return _StampFont(pdf, glyphs, widths)


def _font_of(page):
    fonts = page["/Resources"]["/Font"]
    (_name, ref), *_rest = fonts.items()
    return ref.get_object()


def join(pdfs: list[bytes], *, label: str = "Trang") -> tuple[bytes, int]:
    """One PDF from the parts, every page stamped "<label> x/y"; returns (pdf, pages)."""
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    total = len(writer.pages)
    font = _stamp_font(f"{label} 0123456789/")
    source = PdfReader(io.BytesIO(font.pdf))
    font_ref = writer._add_object(_font_of(source.pages[0]).clone(writer))
    for number, page in enumerate(writer.pages, start=1):
        _stamp(writer, page, font, font_ref, f"{label} {number}/{total}")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), total


def _stamp(writer, page, font: _StampFont, font_ref, text: str) -> None:
    """Add the page number in a separate content stream, after the page's own."""
    resources = page["/Resources"]
    if "/Font" not in resources:
        resources[NameObject("/Font")] = DictionaryObject()
    resources["/Font"].get_object()[NameObject(STAMP_NAME)] = font_ref
    x = (float(page.mediabox.width) - font.width(text, STAMP_SIZE)) / 2
    glyphs = "".join(f"{font.glyphs[c]:04x}" for c in text)
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(
        f"\nQ\nq 0 g BT {STAMP_NAME} {STAMP_SIZE} Tf 1 0 0 1 {x:.2f} {STAMP_BOTTOM} Tm "
        f"<{glyphs}> Tj ET Q\n".encode("ascii")
    )
    contents = page.raw_get("/Contents")
    streams = ArrayObject([writer._add_object(before)])
    if isinstance(contents.get_object(), ArrayObject):
        streams.extend(contents.get_object())
    else:
        streams.append(contents)
    streams.append(writer._add_object(after))
    page[NameObject("/Contents")] = streams


def render_document(
    parts: Iterable[str],
    css: str,
    *,
    total: int,
    workers: int = 2,
    label: str = "Trang",
    progress: Callable[[int, int], None] | None = None,
) -> tuple[bytes, int, Timing]:
    """Render the parts and join them: (pdf, number of pages, timing)."""
    timing = Timing()
    start = time.perf_counter()
    pdfs = render_parts(parts, css, total=total, workers=workers, progress=progress, timing=timing)
    timing.render = time.perf_counter() - start
    timing.parts = total
    start = time.perf_counter()
    pdf, pages = join(pdfs, label=label)
    timing.join = time.perf_counter() - start
    return pdf, pages, timing
