"""Suggestions follow the sheet's mapping from rank and grade, and its rule for ties: a
tie is broken by a group's subtotal or left to the conference, and never yields more
awards than seats."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.services import suggestions
from campaigns.models import AwardPlace, AwardSuggestion, ScoreSheet, ScoringRound
from campaigns.scoring.rules import sheet_problems
from campaigns.scoring.services import rounds, sheets
from campaigns.scoring.services.sheets import PlaceRow, RuleRow
from tests.campaigns.scoring.helpers import fill
from tests.factories import PersonFactory, UnitFactory
from units.models import Person
from units.selectors import female_share

S = AwardSuggestion.Status


def _finalise(scoring_round, by):
    ScoringRound.objects.filter(pk=scoring_round.pk).update(status=ScoringRound.Status.REVIEW)
    scoring_round.refresh_from_db()
    rounds.round_transition(by=by, scoring_round=scoring_round, name="finalise")
    return {(s.unit, s.award.code): s for s in AwardSuggestion.objects.filter(round=scoring_round)}


def test_the_flag_goes_only_to_grade_a(grouping, leader_lao_cai):
    g = grouping
    AwardPlace.objects.filter(sheet=g.sheet, first_place=1).update(grades="A")
    fill(g.year_end, g.lao_cai, {"1.1": 78})  # 199 points, a target missed: grade B
    fill(g.year_end, g.long_an, {"2.1": 35})  # 195 points, every target met: grade A
    made = _finalise(g.year_end, leader_lao_cai)
    assert set(made) == {(g.long_an, "bk-bo-tap-the")}  # no flag for a first place graded B
    assert made[(g.long_an, "bk-bo-tap-the")].grade == "A"


def test_a_tie_for_first_is_left_to_the_conference_one_flag_only(
    grouping, leader_lao_cai, leader_long_an
):
    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an)
    fill(g.year_end, g.son_la, {"2.1": 20})
    made = _finalise(g.year_end, leader_lao_cai)
    flags = [made[(u, "co-nganh")] for u in (g.lao_cai, g.long_an)]
    assert all(f.tied and f.seats == 1 and f.place == 1 for f in flags)
    assert "hội nghị tổng kết quyết định" in flags[0].tie_note
    # Two tied first leave place 2 empty: the next unit is third.
    assert (g.son_la, "bk-bo-tap-the") in made and made[(g.son_la, "bk-bo-tap-the")].place == 3
    # The grouping's leader accepts Long An's flag (as a reviewer: not yet a proposal).
    suggestions.suggestion_decide(by=leader_lao_cai, suggestion=flags[1], name="accept")
    with pytest.raises(ValidationError, match="chỉ có 1 suất “Cờ thi đua ngành Tư pháp”"):
        suggestions.suggestion_decide(by=leader_lao_cai, suggestion=flags[0], name="accept")
    # The conference acclaims Lào Cai instead: Long An's is dropped with the reason first.
    suggestions.suggestion_decide(
        by=leader_lao_cai, suggestion=flags[1], name="drop", comment="Hội nghị suy tôn Lào Cai."
    )
    suggestions.suggestion_decide(by=leader_lao_cai, suggestion=flags[0], name="accept")
    assert AwardSuggestion.objects.get(pk=flags[0].pk).status == S.ACCEPTED
    assert AwardSuggestion.objects.get(pk=flags[1].pk).drop_reason == "Hội nghị suy tôn Lào Cai."


def test_a_tie_is_broken_by_the_stated_group_subtotal(grouping, leader_lao_cai):
    g = grouping
    ScoreSheet.objects.filter(pk=g.sheet.pk).update(tie_rule="group", tie_group="I")
    fill(g.year_end, g.lao_cai, {"2.1": 30})  # 190: group I 120
    fill(g.year_end, g.long_an, {"1.1": 60})  # 190: group I 110
    made = _finalise(g.year_end, leader_lao_cai)
    flag = made[(g.lao_cai, "co-nganh")]
    assert (flag.place, flag.tied) == (1, False)
    assert flag.tie_note == "Đồng 190 điểm; điểm nhóm I: 120."
    merit = made[(g.long_an, "bk-bo-tap-the")]
    assert (merit.place, merit.tied) == (2, False)
    assert (g.long_an, "co-nganh") not in made


def test_dropping_needs_a_reason_and_the_print_shows_ties_and_drops(
    grouping, leader_lao_cai, admin_user, login
):
    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an)
    made = _finalise(g.year_end, leader_lao_cai)
    flag = made[(g.long_an, "co-nganh")]
    with pytest.raises(ValidationError, match="Cần ghi rõ lý do"):
        suggestions.suggestion_decide(by=leader_lao_cai, suggestion=flag, name="drop")
    suggestions.suggestion_decide(
        by=leader_lao_cai, suggestion=flag, name="drop", comment="Hội nghị suy tôn Lào Cai."
    )
    html = login(admin_user).get(reverse("campaigns:scoring_round_review", args=[g.year_end.pk]))
    html = html.content.decode()
    assert "Thi hành án dân sự tỉnh Long An (đồng hạng 1, loại A)" in html
    assert "đã bỏ: Hội nghị suy tôn Lào Cai." in html


def test_the_nominee_says_rank_grade_and_shared_place(grouping, leader_lao_cai):
    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an)
    made = _finalise(g.year_end, leader_lao_cai)
    suggestions.suggestion_decide(
        by=leader_lao_cai, suggestion=made[(g.lao_cai, "co-nganh")], name="accept"
    )
    nominee = AwardSuggestion.objects.get(pk=made[(g.lao_cai, "co-nganh")].pk).nominee
    assert nominee.achievement.startswith("Đồng hạng nhất, loại A, Khối thi đua")
    assert nominee.achievement.endswith("với 200 điểm.")


def test_the_sheet_refuses_an_unknown_tie_group_or_grade(grouping):
    sheet = grouping.sheet
    sheet.tie_rule, sheet.tie_group = "group", "IX"
    assert any("không có nhóm này" in p for p in sheet_problems(sheet))
    errors = sheets._place_errors(
        [PlaceRow(first_place=1, last_place=1, award=None, grades="A, Z")],
        [RuleRow(grade="A", min_score=180)],
    )
    assert errors == {"places-0": ["Loại Z không có trong quy tắc xếp loại của bảng điểm."]}


def test_a_tied_collective_with_enough_women_is_said_to_be_preferred(grouping, leader_lao_cai):
    """When otherwise equal, a collective with at least 70 % women is preferred: the tie
    is still the conference's, but its note says so for the unit that qualifies."""
    g = grouping
    for i in range(4):
        PersonFactory(
            assigned_to=g.lao_cai, gender=Person.Gender.FEMALE if i else Person.Gender.MALE
        )
    for i in range(4):
        PersonFactory(
            assigned_to=g.long_an, gender=Person.Gender.FEMALE if i < 2 else Person.Gender.MALE
        )
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an)

    made = _finalise(g.year_end, leader_lao_cai)

    assert made[(g.lao_cai, "co-nganh")].tie_note == (
        "Tỷ lệ nữ 75 % (từ 70 % trở lên): được ưu tiên khi ngang nhau. "
        "Vẫn đồng hạng: hội nghị tổng kết quyết định."
    )
    assert made[(g.long_an, "co-nganh")].tie_note == "Vẫn đồng hạng: hội nghị tổng kết quyết định."


def test_the_share_of_women_counts_each_units_current_people(sector):
    team = UnitFactory(name="Phòng nghiệp vụ", parent=sector.thads_long_an)
    empty = UnitFactory(name="Phòng mới", parent=sector.thads_long_an)
    for gender in "FFFM":
        PersonFactory(assigned_to=team, gender=gender)

    assert female_share(units=[team, empty.pk]) == {team.pk: 75, empty.pk: None}
