"""Grades A/B/C/D by the sheet's rules, their caps, and the reason shown for each unit."""

from campaigns.scoring.ranking import rank_rounds
from tests.campaigns.scoring.helpers import fill


def _grades(scoring_round):
    return {r.unit: (r.grade, r.reason) for r in rank_rounds([scoring_round.pk])[scoring_round.pk]}


def test_a_needs_the_points_and_every_target_met(grouping):
    g = grouping
    fill(g.year_end, g.lao_cai)  # 200, all met
    fill(g.year_end, g.long_an, {"1.2": 58})  # money 58 % < 60 %: 198,67, near miss
    fill(g.year_end, g.tuyen_quang, {"1.2": 50, "2.1": 30})  # 50 % is 10 short: 183,33
    grades = _grades(g.year_end)
    assert grades[g.lao_cai] == ("A", "Loại A: 200 điểm (từ 180) và đạt cả 3 chỉ tiêu.")
    grade, reason = grades[g.long_an]
    assert grade == "B"
    assert reason.startswith("Loại B: 198,67 điểm (từ 160); chỉ tiêu gần đạt: “Tỷ lệ tiền thi")
    assert (
        "Không xếp loại A vì chưa đạt chỉ tiêu “Tỷ lệ tiền thi hành xong” (58 %, yêu cầu ≥ 60 %)"
        in reason
    )
    grade, reason = grades[g.tuyen_quang]
    assert grade == "C"
    assert reason.startswith("Loại C: 183,33 điểm (từ 120).")
    assert "Không xếp loại B vì chưa đạt chỉ tiêu “Tỷ lệ tiền thi hành xong” (50 %" in reason


def test_points_below_every_threshold_give_the_lowest_grade(grouping):
    g = grouping
    fill(g.year_end, g.son_la, {"2.1": 0, "2.2": 0, "1.3": 50})  # 80 points
    grade, reason = _grades(g.year_end)[g.son_la]
    assert grade == "D"
    assert "Không xếp loại C vì chưa đủ 120 điểm." in reason


def test_the_cap_moves_the_next_unit_down_with_the_reason(grouping):
    g = grouping
    fill(g.year_end, g.lao_cai)  # 200
    fill(g.year_end, g.long_an, {"2.1": 39})  # 199
    fill(g.year_end, g.tuyen_quang, {"2.1": 38})  # 198, qualifies for A but A holds 2
    grades = _grades(g.year_end)
    assert [grades[u][0] for u in (g.lao_cai, g.long_an, g.tuyen_quang)] == ["A", "A", "B"]
    assert "Không xếp loại A vì loại A đã đủ 2 đơn vị." in grades[g.tuyen_quang][1]


def test_units_tied_at_the_cap_are_treated_alike(grouping):
    g = grouping
    fill(g.year_end, g.lao_cai)  # 200 → A (1 place left)
    fill(g.year_end, g.long_an, {"2.1": 39})  # 199
    fill(g.year_end, g.tuyen_quang, {"2.2": 39})  # 199, tied
    grades = _grades(g.year_end)
    assert grades[g.lao_cai][0] == "A"
    assert grades[g.long_an][0] == grades[g.tuyen_quang][0] == "B"
    assert (
        "Không xếp loại A vì loại A chỉ còn 1 suất mà có 2 đơn vị bằng điểm cùng đủ điều kiện."
        in grades[g.long_an][1]
    )
