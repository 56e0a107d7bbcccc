"""The scoring pages as users see them: ranking, self-score and review forms, print, trend."""

from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.models import Scorecard, ScoreEntry, ScoringRound
from tests.campaigns.scoring.helpers import build_sheet, fill


def _round_url(r):
    return reverse("campaigns:scoring_round", args=[r.pk])


def _card_url(r, unit, name="campaigns:scoring_scorecard"):
    return reverse(name, kwargs={"pk": r.pk, "unit_pk": unit.pk})


def test_round_page_shows_ranking_with_ties_grades_and_differences(login, grouping, leader_lao_cai):
    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an, {"2.1": 30})
    fill(g.year_end, g.tuyen_quang, {"2.2": 30}, agreed={"2.2": 25})
    response = login(leader_lao_cai).get(_round_url(g.year_end))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thi hành án dân sự tỉnh Tuyên Quang" in html
    rows = response.context["ranking"]
    assert [r.position for r in rows] == [1, 2, 3]
    assert rows[2].difference == Decimal(-5)
    assert "−5" in html or "-5" in html
    assert "Loại A" in rows[0].reason


# Session, user, roles (3), scope (2), round, the grouping's former names, ranking (6),
# cards, members, panel, leader, and the request's savepoint pair: the same for 2 or 6
# ranked units.
ROUND_PAGE_QUERIES = 19


@pytest.mark.parametrize("ranked", [2, 6])
def test_round_page_query_count_does_not_grow_with_members(
    ranked, login, grouping, leader_lao_cai, django_assert_num_queries
):
    g = grouping
    client = login(leader_lao_cai)
    for unit in g.units[:ranked]:
        fill(g.year_end, unit, {"2.1": 35})
    with django_assert_num_queries(ROUND_PAGE_QUERIES):
        assert client.get(_round_url(g.year_end)).status_code == 200


def test_staff_self_score_with_decimal_commas_and_sees_errors_in_place(
    login, grouping, staff_long_an_province
):
    g = grouping
    client = login(staff_long_an_province)
    items = {i.code: i for i in g.sheet.items.all()}
    url = _card_url(g.mid_year, g.long_an)
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"] is not None
    data = {
        f"actual_{items['1.1'].pk}": "72,5",
        f"score_{items['2.1'].pk}": "38,5",
        f"score_{items['2.2'].pk}": "45",
        f"evidence_{items['2.1'].pk}": "Báo cáo tổ chức cán bộ số 12/BC-THADS",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "vượt điểm tối đa 40" in response.content.decode()
    assert not ScoreEntry.objects.filter(scorecard__unit=g.long_an).exists()
    data[f"score_{items['2.2'].pk}"] = "39"
    response = client.post(url, data)
    assert response.status_code == 302
    entries = {
        e.item.code: e
        for e in ScoreEntry.objects.filter(scorecard__round=g.mid_year).select_related("item")
    }
    assert entries["2.1"].self_score == Decimal("38.5")
    assert entries["1.1"].self_score == Decimal("36.25")  # 72.5 / 80 × 40
    assert entries["2.1"].evidence.startswith("Báo cáo")


def test_other_members_see_a_draft_only_once_sent(login, grouping, leader_lao_cai):
    g = grouping
    fill(g.mid_year, g.long_an, status=Scorecard.Status.DRAFT)
    client = login(leader_lao_cai)
    response = client.get(_card_url(g.mid_year, g.long_an))
    assert response.status_code == 200
    assert response.context["shown"] is False
    Scorecard.objects.filter(round=g.mid_year, unit=g.long_an).update(
        status=Scorecard.Status.SUBMITTED
    )
    response = client.get(_card_url(g.mid_year, g.long_an))
    assert response.context["shown"] is True


def test_reviewer_sets_agreed_scores_with_comments(login, grouping, leader_lao_cai):
    g = grouping
    fill(g.year_end, g.long_an, status=Scorecard.Status.SUBMITTED)
    items = {i.code: i for i in g.sheet.items.all()}
    client = login(leader_lao_cai)
    url = _card_url(g.year_end, g.long_an, "campaigns:scoring_scorecard_review")
    assert client.get(url).status_code == 200
    response = client.post(url, {f"agreed_{items['2.1'].pk}": "30"})
    assert "cần ghi ý kiến" in response.content.decode()
    response = client.post(
        url,
        {
            f"agreed_{items['2.1'].pk}": "30",
            f"comment_{items['2.1'].pk}": "Chưa hoàn thành kế hoạch đào tạo.",
            "finish": "",
        },
    )
    assert response.status_code == 302
    card = Scorecard.objects.get(round=g.year_end, unit=g.long_an)
    assert card.status == Scorecard.Status.REVIEWED
    assert card.entries.get(item=items["2.1"]).agreed == Decimal(30)
    assert card.entries.get(item=items["2.2"]).agreed == Decimal(40)  # kept self-score


def test_review_page_is_refused_to_a_member_that_is_not_the_leader(login, grouping, leader_long_an):
    g = grouping
    fill(g.year_end, g.tuyen_quang, status=Scorecard.Status.SUBMITTED)
    response = login(leader_long_an).get(
        _card_url(g.year_end, g.tuyen_quang, "campaigns:scoring_scorecard_review")
    )
    assert response.status_code == 403
    assert "Trưởng khối" in response.content.decode()


def test_foreign_rounds_and_units_are_404(login, grouping, staff_long_an, admin_user, sector):
    g = grouping
    client = login(staff_long_an)  # staff of a district office, which is not a member
    assert client.get(_round_url(g.year_end)).status_code == 404
    assert client.get(_card_url(g.year_end, g.long_an)).status_code == 404
    # Even an admin gets 404 for a unit that is not in the round.
    assert login(admin_user).get(_card_url(g.year_end, sector.district)).status_code == 404


def test_printable_review_lists_ranking_targets_and_suggestions(
    login, grouping, admin_user, flag_awards
):
    g = grouping
    fill(g.year_end, g.lao_cai)
    fill(g.year_end, g.long_an, {"1.1": 70})
    g.year_end.status = ScoringRound.Status.REVIEW
    g.year_end.save()
    client = login(admin_user)
    response = client.post(
        reverse("campaigns:scoring_round_transition", args=[g.year_end.pk]),
        {"transition": "finalise", "confirm": "1"},
    )
    assert response.status_code == 302
    html = client.get(
        reverse("campaigns:scoring_round_review", args=[g.year_end.pk])
    ).content.decode()
    assert "BÁO CÁO TỔNG KẾT CÔNG TÁC THI ĐUA NĂM" in html
    assert "Cờ thi đua ngành Tư pháp: Thi hành án dân sự tỉnh Lào Cai" in html
    assert "1/2 đơn vị đạt" in html
    assert "data-print" in html


def test_trend_puts_years_side_by_side(login, grouping, leader_lao_cai, this_year):

    g = grouping
    fill(g.year_end, g.lao_cai, {"2.1": 20})
    fill(g.year_end, g.long_an)
    ScoringRound.objects.filter(pk=g.year_end.pk).update(status=ScoringRound.Status.FINALISED)
    last = build_sheet(year=this_year - 1, cluster=g.cluster)
    previous = ScoringRound.objects.create(
        cluster=g.cluster, sheet=last, year=this_year - 1, kind="year_end", status="finalised"
    )
    for unit in (g.lao_cai, g.long_an):
        Scorecard.objects.create(round=previous, unit=unit)
    fill(previous, g.lao_cai)
    fill(previous, g.long_an, {"2.1": 10})
    response = login(leader_lao_cai).get(reverse("campaigns:scoring_trend", args=[g.cluster.pk]))
    assert response.context["years"] == [this_year - 1, this_year]
    by_unit = {row.unit: [c.position for c in row.columns] for row in response.context["rows"]}
    assert by_unit[g.lao_cai] == [1, 2]
    assert by_unit[g.long_an] == [2, 1]


@pytest.mark.parametrize("years", [1, 3])
def test_trend_query_count_does_not_grow_with_years(
    years, login, grouping, leader_lao_cai, this_year, django_assert_num_queries
):

    g = grouping
    for back in range(years):
        sheet = build_sheet(year=this_year - 1 - back, cluster=g.cluster)
        past = ScoringRound.objects.create(
            cluster=g.cluster, sheet=sheet, year=sheet.year, kind="year_end", status="finalised"
        )
        for unit in g.units:
            Scorecard.objects.create(round=past, unit=unit)
            fill(past, unit, {"2.1": back * 5})
    client = login(leader_lao_cai)
    # Session, user, roles, scope (2), cluster, rounds, ranking (6), savepoints (2).
    with django_assert_num_queries(15):
        response = client.get(reverse("campaigns:scoring_trend", args=[g.cluster.pk]))
    assert len(response.context["years"]) == years
