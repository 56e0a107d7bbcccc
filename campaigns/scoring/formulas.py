"""Scoring a measurable target (chỉ tiêu) from its actual figure, and judging it met.

A target criterion gives full points at or beyond its target; below it, either points
in proportion to the achievement (``proportional``) or none (``threshold``). For a target
where lower is better (e.g. cases carried over), "beyond" means at or under the target and
the proportion is target / actual.
"""

from decimal import ROUND_HALF_UP, Decimal

from campaigns.models import ScoreItem

CENT = Decimal("0.01")
MET, NEAR, MISSED = "met", "near", "missed"


def _ratio(item: ScoreItem, actual: Decimal) -> Decimal:
    """Share of the target achieved, capped at 1."""
    target = item.target
    if item.higher_is_better:
        if actual >= target:
            return Decimal(1)
        return max(actual, Decimal(0)) / target if target > 0 else Decimal(0)
    if actual <= target:
        return Decimal(1)
    return target / actual if actual > 0 else Decimal(0)


def formula_score(item: ScoreItem, actual: Decimal | None) -> Decimal | None:
    """The points an actual figure earns on a target criterion (None without a figure)."""
    if actual is None or item.target is None or item.max_score is None:
        return None
    ratio = _ratio(item, actual)
    if item.formula == ScoreItem.Formula.THRESHOLD and ratio < 1:
        return Decimal("0.00")
    return (item.max_score * ratio).quantize(CENT, rounding=ROUND_HALF_UP)


def target_status(item: ScoreItem, actual: Decimal | None, margin: Decimal = Decimal(0)) -> str:
    """``met``, ``near`` (short by at most ``margin``) or ``missed`` (also: no figure)."""
    if actual is None or item.target is None:
        return MISSED
    gap = item.target - actual if item.higher_is_better else actual - item.target
    if gap <= 0:
        return MET
    if gap <= margin:
        return NEAR
    return MISSED


def figure(value: Decimal | None) -> str:
    """82.50 → "82,5"; None → "—" (Vietnamese decimal comma)."""
    if value is None:
        return "—"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
