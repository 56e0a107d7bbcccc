"""The year-end conference's own record: date, place, minutes and the vote acclaiming
(suy tôn) the flag nominee, on the round page and in the print."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import AwardSuggestion, ScoringConference, ScoringRound
from campaigns.scoring.services import rounds
from tests.campaigns.scoring.helpers import fill


@pytest.fixture
def finalised(grouping, leader_lao_cai):
    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an, {"2.1": 30})
    ScoringRound.objects.filter(pk=g.year_end.pk).update(status=ScoringRound.Status.REVIEW)
    g.year_end.refresh_from_db()
    rounds.round_transition(by=leader_lao_cai, scoring_round=g.year_end, name="finalise")
    return g


def test_the_leader_records_the_conference_and_everyone_reads_it(
    finalised, leader_lao_cai, staff_long_an_province, login
):
    g = finalised
    flag = AwardSuggestion.objects.get(round=g.year_end, unit=g.lao_cai)
    client = login(leader_lao_cai)
    url = reverse("campaigns:scoring_conference", args=[g.year_end.pk])
    data = {
        "held_on": "20/12/2026",
        "place": "Lào Cai",
        "minutes": "Hội nghị thống nhất kết quả chấm điểm.",
        "acclaimed": flag.pk,
        "present": "6",
        "votes_for": "5",
        "votes_against": "1",
    }
    response = client.post(url, data, follow=True)
    assert "Đã ghi hội nghị tổng kết." in response.content.decode()
    conference = ScoringConference.objects.get(round=g.year_end)
    assert conference.held_on == datetime.date(2026, 12, 20)
    assert str(conference.share_for) == "83.33"
    html = (
        login(staff_long_an_province)
        .get(reverse("campaigns:scoring_round_review", args=[g.year_end.pk]))
        .content.decode()
    )
    assert "Suy tôn Thi hành án dân sự tỉnh Lào Cai (Cờ thi đua ngành Tư pháp): 5/6" in html
    assert "Hội nghị thống nhất kết quả chấm điểm." in html


def test_votes_beyond_those_present_and_other_members_are_refused(
    finalised, leader_lao_cai, staff_long_an_province
):
    g = finalised
    with pytest.raises(ValidationError, match="vượt số đơn vị dự họp"):
        rounds.conference_record(
            by=leader_lao_cai,
            scoring_round=g.year_end,
            held_on=datetime.date(2026, 12, 20),
            present=3,
            votes_for=3,
            votes_against=1,
        )
    with pytest.raises(ValidationError, match="Chỉ đơn vị Trưởng khối"):
        rounds.conference_record(
            by=staff_long_an_province,
            scoring_round=g.year_end,
            held_on=datetime.date(2026, 12, 20),
        )
    assert not ScoringConference.objects.exists()


def test_no_conference_before_the_round_is_finalised(grouping, leader_lao_cai):
    with pytest.raises(ValidationError, match="sau khi đợt tổng kết năm đã chốt"):
        rounds.conference_record(
            by=leader_lao_cai, scoring_round=grouping.year_end, held_on=datetime.date(2026, 12, 1)
        )
