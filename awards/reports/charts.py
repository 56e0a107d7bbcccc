"""Bar charts as SVG markup, drawn by our own code: no external service, no JavaScript.

The same markup goes into the web page and the PDF (WeasyPrint draws inline SVG). Only
presentation attributes are used, never ``style=""``, so the Content-Security-Policy holds.
"""

import math

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from thidua.core import systemdeps

FONT = systemdeps.PDF_FONT_FAMILY
BAR = "#2f5597"
GRID = "#c8c8c8"
INK = "#222222"


def _number(n: float) -> str:
    """Grouped as the active language writes it: 1.000 in Vietnamese, 1,000 in English."""
    return number_format(int(n), force_grouping=True)


def nice_max(value: int) -> int:
    """The smallest 1, 2, 2.5 or 5 × 10^k at or above ``value`` (at least 1)."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return max(1, int(step * magnitude))
    return int(10 * magnitude)  # pragma: no cover - the loop always returns


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}" font-size="11" fill="{INK}">'
        f"<title>{escape(title)}</title>"
    )
    return mark_safe(head + "".join(body) + "</svg>")


def column_chart(values: list[tuple[str, int]], *, title: str, width=640, height=260):
    """Vertical bars, one per label (the years of the trend)."""
    left, right, top, bottom = 48, 10, 28, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = nice_max(max((n for _l, n in values), default=0))
    body = [
        f'<text x="{width / 2}" y="16" text-anchor="middle" font-size="13">{escape(title)}</text>'
    ]
    for i in range(5):
        value = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" '
            'stroke-width="0.6"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="10">'
            f"{_number(value)}</text>"
        )
    slot = plot_w / max(1, len(values))
    bar_w = slot * 0.62
    for i, (label, n) in enumerate(values):
        x = left + slot * i + (slot - bar_w) / 2
        h = plot_h * n / top_value
        y = top + plot_h - h
        body.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}"/>'
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="9">'
            f"{_number(n)}</text>"
            f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 15}" text-anchor="middle" '
            f'font-size="10">{escape(label)}</text>'
        )
    return _svg(width, height, title, body)


def bar_chart(values: list[tuple[str, int]], *, title: str, width=640, label_width=300):
    """Horizontal bars with their labels on the left (the forms of reward)."""
    row_h, top, right = 20, 28, 50
    height = top + row_h * max(1, len(values)) + 8
    plot_w = width - label_width - right
    top_value = max((n for _l, n in values), default=0) or 1
    body = [
        f'<text x="{width / 2}" y="16" text-anchor="middle" font-size="13">{escape(title)}</text>'
    ]
    for i, (label, n) in enumerate(values):
        y = top + row_h * i
        w = plot_w * n / top_value
        shown = label if len(label) <= 52 else label[:50] + "…"
        body.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end" font-size="10">'
            f"{escape(shown)}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{max(w, 0.5):.1f}" height="{row_h - 6}" '
            f'fill="{BAR}"/>'
            f'<text x="{label_width + w + 4:.1f}" y="{y + 14}" font-size="10">{_number(n)}</text>'
        )
    if not values:
        body.append(f'<text x="{width / 2}" y="{top + 14}" text-anchor="middle">–</text>')
    return _svg(width, height, title, body)
