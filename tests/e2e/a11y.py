"""Accessibility checks for the browser journeys: axe-core and the 375 px layout.

``assert_accessible(page)`` runs axe-core (bundled by axe-playwright-python, no download) on
the page as it is and fails on any "critical" or "serious" violation of WCAG 2.0/2.1 A and AA,
listing each rule, its help text and the offending elements. ``assert_fits(page)`` narrows the
viewport to a phone's 375 px and fails when the page scrolls sideways (only a table's own
``.table-responsive`` box may).
"""

from axe_playwright_python.sync_playwright import Axe

BLOCKING = ("critical", "serious")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 740}
# WCAG 1.4.10 (reflow): a 1280 px screen at 400 % zoom leaves 320 CSS px.
ZOOM_400 = {"width": 320, "height": 740}

_axe = Axe()


def blocking_violations(page) -> list[dict]:
    """axe-core's critical and serious WCAG 2.1 AA violations on ``page``, once its CSS
    transitions have ended (a button still fading into its hover colour after a click would
    be judged on a colour it never keeps)."""
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
    results = _axe.run(
        page,
        options={"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": WCAG_AA}},
    )
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}\n      {node['html'][:200]}\n      {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page, *, fits: bool = True) -> None:
    """No critical or serious axe violation on the page; with ``fits``, also ``assert_fits``."""
    violations = blocking_violations(page)
    assert not violations, f"axe-core on {page.url}:\n{describe(violations)}"
    if fits:
        assert_fits(page)


def page_overflow(page) -> tuple[int, int]:
    """(document width, viewport width) in CSS pixels."""
    return page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def assert_fits(page, size: dict | None = None) -> None:
    """At 375 px wide the page does not scroll sideways; the viewport is restored after."""
    before = page.viewport_size
    page.set_viewport_size(size or PHONE)
    try:
        width, viewport = page_overflow(page)
        if width > viewport:
            wide = page.evaluate(
                """(limit) => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > limit + 1
                        && (!e.closest('.table-responsive')
                            || ['absolute', 'fixed'].includes(getComputedStyle(e).position)))
                    .slice(0, 8)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (e.className && typeof e.className === 'string'
                           ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                        + ' → ' + Math.round(e.getBoundingClientRect().right) + 'px')""",
                viewport,
            )
            raise AssertionError(
                f"{page.url} is {width}px wide at {viewport}px; too wide:\n  " + "\n  ".join(wide)
            )
    finally:
        if before:
            page.set_viewport_size(before)
