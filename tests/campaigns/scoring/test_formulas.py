"""Scoring a measurable target from the unit's actual figure."""

from decimal import Decimal

import pytest

from campaigns.models import ScoreItem
from campaigns.scoring.formulas import MET, MISSED, NEAR, figure, formula_score, target_status

F = ScoreItem.Formula


def _item(formula=F.PROPORTIONAL, target=80, higher=True, top=40):
    return ScoreItem(
        kind=ScoreItem.Kind.CRITERION,
        code="1.1",
        name="Tỷ lệ việc thi hành xong",
        max_score=Decimal(top),
        formula=formula,
        target=Decimal(target),
        higher_is_better=higher,
        measure="%",
    )


@pytest.mark.parametrize(
    ("actual", "points"),
    [("80", "40.00"), ("95.5", "40.00"), ("60", "30.00"), ("72.5", "36.25"), ("0", "0.00")],
)
def test_full_points_at_or_above_target_and_proportional_below(actual, points):
    assert formula_score(_item(), Decimal(actual)) == Decimal(points)


def test_threshold_gives_nothing_below_target():
    item = _item(formula=F.THRESHOLD)
    assert formula_score(item, Decimal("79.99")) == Decimal("0.00")
    assert formula_score(item, Decimal(80)) == Decimal("40.00")


def test_lower_is_better_targets_score_by_target_over_actual():
    carried_over = _item(target=30, higher=False)
    assert formula_score(carried_over, Decimal(25)) == Decimal("40.00")
    assert formula_score(carried_over, Decimal(40)) == Decimal("30.00")  # 30/40 × 40


def test_no_figure_no_score():
    assert formula_score(_item(), None) is None


def test_target_status_with_a_near_miss_margin():
    item = _item(target=60)
    assert target_status(item, Decimal(60)) == MET
    assert target_status(item, Decimal(57), margin=Decimal(5)) == NEAR
    assert target_status(item, Decimal(54), margin=Decimal(5)) == MISSED
    assert target_status(item, None) == MISSED


def test_figures_use_a_decimal_comma():
    assert figure(Decimal("82.50")) == "82,5"
    assert figure(Decimal("180.00")) == "180"
    assert figure(None) == "—"
