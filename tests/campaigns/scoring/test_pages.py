"""Sheet and round forms on the site, and bad input that must not break a page."""

from django.urls import reverse

from campaigns.models import ScoreSheet, ScoringRound
from tests.campaigns.scoring.helpers import build_sheet
from tests.factories import ClusterFactory


def test_admin_creates_a_sheet_and_copies_last_years(login, admin_user, grouping, this_year):
    client = login(admin_user)
    response = client.post(
        reverse("campaigns:scoring_sheet_create"),
        {"name": "Bảng chấm điểm Sở Tư pháp", "year": this_year, "total": "100", "create": ""},
    )
    created = ScoreSheet.objects.get(name="Bảng chấm điểm Sở Tư pháp")
    assert response.url == reverse("campaigns:scoring_sheet_edit", args=[created.pk])
    assert created.status == ScoreSheet.Status.DRAFT
    page = client.get(reverse("campaigns:scoring_sheet", args=[created.pk])).content.decode()
    assert "Bảng điểm chưa có tiêu chí nào." in page
    editor = client.get(response.url)
    assert editor.status_code == 200
    assert 'data-add-row="items"' in editor.content.decode()
    client.post(
        reverse("campaigns:scoring_sheet_create"),
        {"source": grouping.sheet.pk, "year": this_year + 1, "copy": ""},
    )
    copy = ScoreSheet.objects.get(copied_from=grouping.sheet)
    assert copy.year == this_year + 1 and copy.items.count() == 9


def test_bad_sheet_input_is_shown_on_the_form(login, admin_user, this_year):
    response = login(admin_user).post(
        reverse("campaigns:scoring_sheet_create"),
        {"name": "Bảng", "year": "20x6", "total": "0", "create": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Năm không hợp lệ" in html
    assert not ScoreSheet.objects.exists()


def test_the_grouping_leader_opens_a_round(login, leader_lao_cai, grouping):
    ScoringRound.objects.filter(pk=grouping.mid_year.pk).delete()
    client = login(leader_lao_cai)
    form = client.get(reverse("campaigns:scoring_round_create"))
    assert "panel" not in form.context["form"].fields  # only admins name a panel
    assert "Hạn tự chấm" in form.content.decode()
    response = client.post(
        reverse("campaigns:scoring_round_create"),
        {"cluster": grouping.cluster.pk, "sheet": grouping.sheet.pk, "kind": "mid_year"},
    )
    created = ScoringRound.objects.get(cluster=grouping.cluster, kind="mid_year")
    assert response.url == reverse("campaigns:scoring_round", args=[created.pk])
    assert created.scorecards.count() == 6


def test_a_sheet_of_another_grouping_is_not_offered(login, leader_lao_cai, grouping, this_year):
    other = build_sheet(
        year=this_year, cluster=ClusterFactory(name="Khu vực thi đua Đồng bằng sông Cửu Long")
    )
    form = login(leader_lao_cai).get(reverse("campaigns:scoring_round_create")).context["form"]
    assert other not in form.fields["sheet"].queryset
    assert grouping.sheet in form.fields["sheet"].queryset


def test_bad_query_strings_fall_back_with_a_warning(login, leader_lao_cai, grouping):
    client = login(leader_lao_cai)
    response = client.get(reverse("campaigns:scoring_home"), {"year": "abc", "kind": "x"})
    assert response.status_code == 200
    assert "Năm không hợp lệ" in response.content.decode()
    response = client.get(
        reverse("campaigns:scoring_trend", args=[grouping.cluster.pk]), {"kind": "x"}
    )
    assert response.status_code == 200
    assert "Đợt không hợp lệ." in response.content.decode()


def test_a_score_that_is_not_a_number_is_refused_in_place(login, staff_long_an_province, grouping):
    item = grouping.sheet.items.get(code="2.1")
    response = login(staff_long_an_province).post(
        reverse("campaigns:scoring_scorecard", args=[grouping.mid_year.pk, grouping.long_an.pk]),
        {f"score_{item.pk}": "mười"},
    )
    assert response.status_code == 200
    assert "Hãy nhập một số, ví dụ 8,5." in response.content.decode()


def test_an_unknown_action_is_reported_not_a_crash(login, leader_lao_cai, grouping):
    client = login(leader_lao_cai)
    response = client.post(
        reverse("campaigns:scoring_round_transition", args=[grouping.year_end.pk]),
        {"transition": "explode"},
        follow=True,
    )
    assert "Thao tác “explode” không tồn tại." in response.content.decode()
    response = client.post(
        reverse(
            "campaigns:scoring_scorecard_transition",
            args=[grouping.year_end.pk, grouping.long_an.pk],
        ),
        {"transition": "submit"},
        follow=True,
    )
    assert "Bạn không có quyền gửi thẩm định." in response.content.decode()
