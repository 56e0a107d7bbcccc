"""Where the annex's pages will break, computed before WeasyPrint lays anything out.

The annex is rendered in parallel slices; a slice that ended mid-page would leave a
half-empty page in the joined document. So the rows are paginated here first, from the
fonts' advance widths (fontTools) and the table's fixed geometry, and every slice is cut on
a page boundary, with a forced break before the first row of each page. The estimate
breaks lines greedily at spaces, hyphens and slashes and ignores kerning, so it errs
towards taller rows: a page may end a line early, never overflow into an extra page.

Django-free: the geometry here is also what the print stylesheet is written from.
"""

from dataclasses import dataclass
from functools import lru_cache

from thidua.core import systemdeps

MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class AnnexGeometry:
    """The page and the annex table (``templates/awards/reports/pdf/print.css`` is rendered
    from it)."""

    margin_top: float = 20  # mm; Decree 30/2020/NĐ-CP: 20–25 top and bottom,
    margin_bottom: float = 20  # 30–35 left, 15–20 right
    margin_left: float = 30
    margin_right: float = 15
    font_size: float = 8.5  # pt
    line_height: float = 1.25
    pad_v: float = 1.5  # pt
    pad_h: float = 2.0
    head_pad: float = 2.0
    head_rule: float = 0.6
    group_pad_top: float = 4.0
    title_size: float = 11.0
    title_line_height: float = 1.35
    subtitle_size: float = 10.0
    subtitle_gap: float = 8.0
    # Percent of the table's width, in the annex's column order.
    columns: tuple = (
        ("stt", 7),
        ("name", 22),
        ("position", 17),
        ("unit", 25),
        ("number", 17),
        ("date", 12),
    )

    @property
    def page_height(self) -> float:
        return (297 - self.margin_top - self.margin_bottom) * MM

    @property
    def page_width(self) -> float:
        return (210 - self.margin_left - self.margin_right) * MM

    @property
    def line(self) -> float:
        return self.font_size * self.line_height

    def cell_width(self, percent: float) -> float:
        return self.page_width * percent / 100 - 2 * self.pad_h


GEOMETRY = AnnexGeometry()


class Fonts:
    """Advance widths of the regular, bold and italic faces, in points per point of size."""

    def __init__(self, paths: dict[str, str]):
        from fontTools.ttLib import TTFont  # noqa: PLC0415 - fontTools loads only when a report is laid out

        self.widths: dict[str, dict[str, float]] = {}
        self.fallback: dict[str, float] = {}
        for style, path in paths.items():
            font = TTFont(path, lazy=True)
            scale = 1 / font["head"].unitsPerEm
            advances = font["hmtx"].metrics
            widths = {
                chr(code): advances[name][0] * scale
                for code, name in font.getBestCmap().items()
                if name in advances
            }
            self.widths[style] = widths
            self.fallback[style] = widths.get("M", 0.8)
            font.close()

    def width(self, text: str, size: float, style: str = "regular") -> float:
        widths, fallback = self.widths[style], self.fallback[style]
        return sum(widths.get(c, fallback) for c in text) * size

    def lines(self, text: str, width: float, size: float, style: str = "regular") -> int:
        """Lines ``text`` takes in a box ``width`` wide, breaking greedily."""
        if not text:
            return 0
        pieces = _pieces(text)
        space = self.width(" ", size, style)
        count, used = 1, 0.0
        for piece, spaced in pieces:
            w = self.width(piece, size, style)
            gap = space if spaced and used else 0.0
            if used and used + gap + w > width:
                count, used = count + 1, w
            else:
                used += gap + w
        return count


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Unbreakable pieces and whether a space precedes each; a piece may end after -, – or /."""
    pieces = []
    for word in text.split():
        start, spaced = 0, True
        for i, char in enumerate(word):
            if char in "-–/" and i + 1 < len(word):
                pieces.append((word[start : i + 1], spaced))
                start, spaced = i + 1, False
        pieces.append((word[start:], spaced))
    return pieces


@lru_cache(maxsize=1)
def body_fonts() -> Fonts | None:
    """The PDF font's faces (thidua.core.systemdeps); None if they cannot be found (parts are then
    cut by rows). Without an italic face Pango slants the regular one, with its widths."""
    files = systemdeps.font_files()
    regular, bold = files.get("Tinos-Regular.ttf"), files.get("Tinos-Bold.ttf")
    italic = files.get("Tinos-Italic.ttf", regular)
    if not (regular and bold):
        return None
    try:
        return Fonts({"regular": regular, "bold": bold, "italic": italic})
    except Exception:  # a broken font file: fall back to slicing by rows
        return None


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]  # six cells, or one for a group heading
    heading: bool = False


class Paginator:
    def __init__(self, fonts: Fonts, geometry: AnnexGeometry = GEOMETRY):
        self.fonts, self.g = fonts, geometry
        self.widths = [geometry.cell_width(p) for _name, p in geometry.columns]
        self.full_width = geometry.cell_width(100)

    def _text_height(self, text: str, width: float, size: float, line: float, style: str):
        return self.fonts.lines(text, width, size, style) * line

    def head_height(self, labels: list[str]) -> float:
        g = self.g
        lines = max(
            self.fonts.lines(t, w, g.font_size, "bold")
            for t, w in zip(labels, self.widths, strict=True)
        )
        return lines * g.line + 2 * g.head_pad + 2 * g.head_rule

    def title_height(self, titles: list[str], subtitle: str) -> float:
        g = self.g
        height = sum(
            self._text_height(
                t, g.page_width, g.title_size, g.title_size * g.title_line_height, "bold"
            )
            for t in titles
        )
        height += self._text_height(
            subtitle, g.page_width, g.subtitle_size, g.subtitle_size * g.title_line_height, "italic"
        )
        return height + g.subtitle_gap

    def row_height(self, row: Row) -> float:
        g = self.g
        if row.heading:
            lines = self.fonts.lines(row.cells[0], self.full_width, g.font_size, "bold")
            return max(lines, 1) * g.line + g.group_pad_top + g.pad_v
        lines = max(
            self.fonts.lines(text, width, g.font_size)
            for text, width in zip(row.cells, self.widths, strict=True)
        )
        return max(lines, 1) * g.line + 2 * g.pad_v

    def page_starts(self, rows: list[Row], *, head: float, first_offset: float) -> list[int]:
        """Index of the first row of every page. A heading never ends a page."""
        slack = 2.0  # points kept free on every page, against rounding
        room = self.g.page_height - slack
        starts, used = [0], first_offset + head
        heights = [self.row_height(row) for row in rows]
        for i, height in enumerate(heights):
            need = height
            if rows[i].heading and i + 1 < len(rows):
                need += heights[i + 1]
            if used + need > room and used > head + (first_offset if len(starts) == 1 else 0):
                starts.append(i)
                used = head
            used += height
        return starts
