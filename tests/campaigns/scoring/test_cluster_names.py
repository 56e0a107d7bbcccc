"""The scoring pages name the grouping as it was for the round (groupings keep their
former names by date) and give today's name beside it when it changed since."""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Scorecard
from tests.campaigns.scoring.helpers import fill
from units.models import ClusterName

OLD, NEW = "Khối thi đua số 3", "Khối thi đua các cơ quan THADS vùng Tây Bắc"


@pytest.fixture
def renamed(grouping, this_year):
    """The grouping was "Khối thi đua số 3" up to the end of this year's first half."""
    ClusterName.objects.create(
        cluster=grouping.cluster, name=OLD, used_until=datetime.date(this_year, 6, 30)
    )
    grouping.cluster.name = NEW
    grouping.cluster.save()
    return grouping


def _page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_the_round_pages_show_the_name_of_that_time_and_todays(
    renamed, login, leader_lao_cai, this_year
):
    g = renamed
    fill(g.mid_year, g.long_an, status=Scorecard.Status.SUBMITTED)
    client = login(leader_lao_cai)
    note = f'{OLD} <span class="scoring-renamed">(nay là {NEW})</span>'
    round_page = _page(client, "campaigns:scoring_round", g.mid_year.pk)
    assert f"<title>Sơ kết 6 tháng {this_year} – {OLD}" in round_page
    assert f"Sơ kết 6 tháng {this_year} – {note}</h1>" in round_page
    for name in ("campaigns:scoring_scorecard", "campaigns:scoring_scorecard_review"):
        card = _page(client, name, g.mid_year.pk, g.long_an.pk)
        assert f'{g.mid_year.pk}/">{OLD}</a> <span class="scoring-renamed">(nay là {NEW})' in card
    review = _page(client, "campaigns:scoring_round_review", g.mid_year.pk)
    assert f"<title>Sơ kết {this_year} – {OLD}" in review
    assert note in review
    home = _page(client, "campaigns:scoring_home")
    assert f"<td>{note}</td>" in home  # the mid-year round
    assert f"<td>{NEW}</td>" in home  # the year-end round: the name it has had since July


def test_a_year_end_round_shows_the_name_it_ended_the_year_with(
    renamed, login, leader_lao_cai, this_year
):
    page = _page(login(leader_lao_cai), "campaigns:scoring_round", renamed.year_end.pk)
    assert f'<h1 class="h3 me-auto mb-0">Tổng kết năm {this_year} – {NEW}</h1>' in page
    assert "nay là" not in page
