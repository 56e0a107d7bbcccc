"""The review page's tabs with their counts and its bulk actions; the "send all drafts"
confirmation page of a unit's subtree and of a grouping. What the user sees and what
changes."""

import pytest
from django.urls import reverse

from campaigns.models import Registration
from tests.campaigns.helpers import messages_of, text
from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    PersonFactory,
    RegistrationFactory,
)
from thidua.core.models import AuditEntry
from units.models import ClusterMembership

S = Registration.Status


def _line(campaign, unit, award, name, status=S.SUBMITTED):
    person = PersonFactory(full_name=name, assigned_to=unit)
    return RegistrationFactory(
        campaign=campaign, award=award, unit=unit, person=person, status=status
    )


def _statuses(lines):
    return [Registration.objects.get(pk=line.pk).status for line in lines]


@pytest.fixture
def lines(campaign, sector, catalogue):
    """Two sent lines and a draft in the district; a sent line in Lào Cai (outside)."""
    return {
        "sent": [
            _line(campaign, sector.district, catalogue.ldtt, "Nguyễn Văn Anh"),
            _line(campaign, sector.district, catalogue.ldtt, "Lê Thị Bích"),
        ],
        "draft": _line(campaign, sector.district, catalogue.ldtt, "Phạm Văn Cường", S.DRAFT),
        "outside": _line(campaign, sector.thads_lao_cai, catalogue.ldtt, "Đỗ Thị Lan"),
    }


def review_url(campaign):
    return reverse("campaigns:review", kwargs={"pk": campaign.pk})


def bulk_url(campaign, query=""):
    url = reverse("campaigns:review_bulk", kwargs={"pk": campaign.pk})
    return f"{url}?{query}" if query else url


def test_the_tabs_show_how_many_lines_of_the_leaders_units_are_in_each_state(
    client, leader_long_an, campaign, lines
):
    client.force_login(leader_long_an)
    page = text(client.get(review_url(campaign)))
    for tab in ["Nháp (1)", "Đã gửi (2)", "Đã duyệt (0)", "Bị trả lại (0)", "Tất cả (3)"]:
        assert f">{tab}</a>" in page
    assert 'aria-current="page">Đã gửi (2)</a>' in page


def test_each_reviewable_row_has_a_named_checkbox_and_select_all_waits_for_javascript(
    client, leader_long_an, campaign, lines
):
    client.force_login(leader_long_an)
    page = text(client.get(review_url(campaign)))
    for line in lines["sent"]:
        assert f'name="line" value="{line.pk}" form="review-bulk"' in page
        assert (
            f'<label class="visually-hidden" for="line-{line.pk}">Chọn dòng: '
            f"{line.person.full_name} – Lao động tiên tiến</label>"
        ) in page
    assert 'aria-label="Chọn tất cả các dòng trên trang" hidden>' in page
    assert "Đồng ý các dòng đã chọn" in page and "Trả lại các dòng đã chọn" in page


def test_staff_see_the_lines_without_checkboxes_nor_bulk_actions(
    client, staff_long_an, campaign, lines
):
    client.force_login(staff_long_an)
    page = text(client.get(review_url(campaign)))
    assert "Nguyễn Văn Anh" in page
    assert 'name="line"' not in page and "Đồng ý các dòng đã chọn" not in page


def test_the_leader_accepts_the_ticked_lines_and_comes_back_to_the_same_tab(
    client, leader_long_an, campaign, lines
):
    client.force_login(leader_long_an)
    ids = [str(line.pk) for line in lines["sent"]]
    response = client.post(
        bulk_url(campaign, "year=&status=submitted"), {"line": ids, "action": "accept"}
    )
    assert response.status_code == 302
    assert response.url == f"{review_url(campaign)}?year=&status=submitted"
    assert messages_of(response) == ["Đã đồng ý 2 dòng đăng ký."]
    assert _statuses(lines["sent"]) == [S.ACCEPTED, S.ACCEPTED]
    page = text(client.get(review_url(campaign), {"status": "accepted"}))
    assert ">Đã duyệt (2)</a>" in page and ">Đã gửi (0)</a>" in page


def test_the_leader_returns_the_ticked_lines_with_one_reason(
    client, leader_long_an, campaign, lines
):
    client.force_login(leader_long_an)
    ids = [str(line.pk) for line in lines["sent"]]
    response = client.post(
        bulk_url(campaign),
        {"line": ids, "action": "return", "comment": "Thiếu bản tự đánh giá."},
        follow=True,
    )
    assert "Đã trả lại 2 dòng đăng ký." in text(response)
    assert _statuses(lines["sent"]) == [S.RETURNED, S.RETURNED]
    assert set(AuditEntry.objects.values_list("comment", flat=True)) == {"Thiếu bản tự đánh giá."}


def test_returning_without_a_reason_keeps_the_ticks_and_changes_nothing(
    client, leader_long_an, campaign, lines
):
    client.force_login(leader_long_an)
    first, second = lines["sent"]
    response = client.post(bulk_url(campaign), {"line": [str(first.pk)], "action": "return"})
    assert response.status_code == 200
    assert messages_of(response) == ["Cần ghi lý do trả lại; lý do được ghi cho từng dòng đã chọn."]
    page = text(response)
    assert f'value="{first.pk}" form="review-bulk" id="line-{first.pk}" checked>' in page
    assert f'value="{second.pk}" form="review-bulk" id="line-{second.pk}">' in page
    assert _statuses(lines["sent"]) == [S.SUBMITTED, S.SUBMITTED]
    assert not AuditEntry.objects.exists()


def test_a_line_outside_the_leaders_subtree_in_the_post_refuses_the_whole_action(
    client, leader_long_an, campaign, lines
):
    client.force_login(leader_long_an)
    ids = [str(lines["sent"][0].pk), str(lines["outside"].pk)]
    response = client.post(bulk_url(campaign), {"line": ids, "action": "accept"})
    assert response.status_code == 200
    assert messages_of(response) == [
        "Chưa xử lý dòng nào: 1 dòng đã chọn không còn, không thuộc phong trào này hoặc nằm "
        "ngoài phạm vi của bạn; vui lòng tải lại trang."
    ]
    assert "Đỗ Thị Lan" not in text(response)
    assert _statuses([lines["sent"][0], lines["outside"]]) == [S.SUBMITTED, S.SUBMITTED]


def test_a_line_in_another_state_is_named_and_nothing_is_accepted(
    client, leader_long_an, campaign, lines
):
    client.force_login(leader_long_an)
    ids = [str(lines["sent"][0].pk), str(lines["draft"].pk)]
    response = client.post(bulk_url(campaign), {"line": ids, "action": "accept"})
    assert messages_of(response) == [
        "Chưa duyệt dòng nào: 1 trong 2 dòng đã chọn không duyệt được.",
        "Phạm Văn Cường – Lao động tiên tiến: Không thể duyệt khi đang ở trạng thái “Nháp”.",
    ]
    assert _statuses([lines["sent"][0], lines["draft"]]) == [S.SUBMITTED, S.DRAFT]


@pytest.mark.parametrize("ids", [[], ["abc", "-1", "1.5", "²"]])
def test_ids_that_are_not_ids_count_as_nothing_ticked(ids, client, leader_long_an, campaign, lines):
    client.force_login(leader_long_an)
    response = client.post(bulk_url(campaign), {"line": ids, "action": "accept"})
    assert messages_of(response) == ["Chưa chọn dòng đăng ký nào."]
    assert _statuses(lines["sent"]) == [S.SUBMITTED, S.SUBMITTED]


def test_an_unknown_action_is_refused(client, leader_long_an, campaign, lines):
    client.force_login(leader_long_an)
    response = client.post(
        bulk_url(campaign), {"line": [str(lines["sent"][0].pk)], "action": "delete"}
    )
    assert messages_of(response) == ["Thao tác không hợp lệ."]
    assert _statuses(lines["sent"]) == [S.SUBMITTED, S.SUBMITTED]


def test_the_drafts_tab_offers_to_send_the_users_units_drafts(
    client, leader_long_an, campaign, sector, lines
):
    client.force_login(leader_long_an)
    page = text(client.get(review_url(campaign), {"status": "draft"}))
    drafts = reverse(
        "campaigns:unit_drafts", kwargs={"pk": campaign.pk, "unit_pk": sector.thads_long_an.pk}
    )
    assert drafts in page
    assert (
        "Gửi tất cả đăng ký nháp của Thi hành án dân sự tỉnh Long An và các đơn vị trực thuộc…"
    ) in page


# --- Sending all drafts --------------------------------------------------------------------


def drafts_url(campaign, unit, send=False):
    name = "campaigns:unit_drafts_send" if send else "campaigns:unit_drafts"
    return reverse(name, kwargs={"pk": campaign.pk, "unit_pk": unit.pk})


def test_the_confirmation_lists_the_drafts_of_each_unit_then_sends_them(
    client, staff_long_an_province, campaign, sector, catalogue, lines, year
):
    collective = RegistrationFactory(
        campaign=campaign, award=catalogue.tt_ldxs, unit=sector.thads_long_an
    )
    client.force_login(staff_long_an_province)
    page = text(client.get(drafts_url(campaign, sector.thads_long_an), {"year": year}))
    assert '<tr><td>Thi hành án dân sự tỉnh Long An</td><td class="text-end">1</td></tr>' in page
    assert (
        '<tr><td>Phòng Thi hành án dân sự khu vực 1 – Long An</td><td class="text-end">1</td></tr>'
    ) in page
    assert "Gửi 2 đăng ký nháp" in page
    assert 'name="expected" value="2"' in page

    response = client.post(
        f"{drafts_url(campaign, sector.thads_long_an, send=True)}?year={year}", {"expected": "2"}
    )
    assert messages_of(response) == ["Đã gửi 2 đăng ký."]
    unit_page = reverse(
        "campaigns:unit", kwargs={"pk": campaign.pk, "unit_pk": sector.thads_long_an.pk}
    )
    assert response.url == f"{unit_page}?year={year}"
    assert _statuses([collective, lines["draft"]]) == [S.SUBMITTED, S.SUBMITTED]


@pytest.mark.parametrize(
    ("expected", "message"),
    [
        (
            "5",
            "Chưa gửi đăng ký nào: số đăng ký nháp đã thay đổi từ khi bạn mở trang (5 → 1). Vui "
            "lòng xem lại rồi gửi.",
        ),
        ("abc", "Số đăng ký nháp đã xác nhận không hợp lệ; vui lòng xem lại rồi gửi."),
        ("-2", "Số đăng ký nháp đã xác nhận không hợp lệ; vui lòng xem lại rồi gửi."),
    ],
)
def test_a_count_other_than_the_one_confirmed_sends_nothing(
    expected, message, client, staff_long_an, campaign, sector, lines, year
):
    client.force_login(staff_long_an)
    response = client.post(drafts_url(campaign, sector.district, send=True), {"expected": expected})
    assert response.url == f"{drafts_url(campaign, sector.district)}?year={year}"
    assert messages_of(response) == [message]
    assert _statuses([lines["draft"]]) == [S.DRAFT]


def test_someone_without_a_role_in_the_unit_is_told_why(
    client, council_member, campaign, sector, lines
):
    client.force_login(council_member)
    response = client.get(drafts_url(campaign, sector.district))
    assert response.status_code == 403
    assert (
        "Chỉ cán bộ, lãnh đạo của Phòng Thi hành án dân sự khu vực 1 – Long An hoặc của đơn vị "
        "cấp trên gửi được đăng ký nháp của đơn vị và các đơn vị trực thuộc."
    ) in text(response)
    response = client.post(drafts_url(campaign, sector.district, send=True))
    assert response.status_code == 302
    assert _statuses([lines["draft"]]) == [S.DRAFT]


def test_another_subtree_is_not_found(client, staff_long_an, campaign, sector, lines):
    client.force_login(staff_long_an)
    assert client.get(drafts_url(campaign, sector.thads_lao_cai)).status_code == 404
    assert client.post(drafts_url(campaign, sector.thads_lao_cai, send=True)).status_code == 404


def test_the_unit_page_links_to_the_subtree_confirmation(
    client, staff_long_an, campaign, sector, year
):
    client.force_login(staff_long_an)
    page = text(client.get(reverse("campaigns:unit", args=[campaign.pk, sector.district.pk])))
    assert f"{drafts_url(campaign, sector.district)}?year={year}" in page
    assert "Gửi nháp cả đơn vị trực thuộc…" in page


def test_the_grouping_leader_sends_the_members_drafts_from_the_campaign_page(
    client, leader_long_an, campaign, sector, catalogue, lines, year
):
    cluster = ClusterFactory(name="Khối thi đua THADS phía Nam")
    ClusterMembershipFactory(
        cluster=cluster, unit=sector.thads_long_an, year=year, role=ClusterMembership.Role.LEADER
    )
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_lao_cai, year=year)
    campaign.scope_clusters.add(cluster)
    lao_cai = _line(campaign, sector.thads_lao_cai, catalogue.cstdcs, "Vũ Văn Hải", S.DRAFT)
    client.force_login(leader_long_an)
    detail = text(client.get(reverse("campaigns:detail", kwargs={"pk": campaign.pk})))
    page_url = reverse(
        "campaigns:cluster_drafts", kwargs={"pk": campaign.pk, "cluster_pk": cluster.pk}
    )
    assert f"{page_url}?year={year}" in detail
    page = text(client.get(page_url, {"year": year}))
    assert "Gửi đăng ký nháp năm" in page and "Thi hành án dân sự tỉnh Lào Cai" in page
    assert "Gửi 1 đăng ký nháp" in page
    send = reverse(
        "campaigns:cluster_drafts_send", kwargs={"pk": campaign.pk, "cluster_pk": cluster.pk}
    )
    response = client.post(f"{send}?year={year}", {"expected": "1"})
    assert messages_of(response) == ["Đã gửi 1 đăng ký."]
    assert _statuses([lao_cai, lines["draft"]]) == [S.SUBMITTED, S.DRAFT]


# --- Query counts ----------------------------------------------------------------------------


def _more(campaign, sector, catalogue, n, status):
    for i in range(n):
        _line(campaign, sector.district, catalogue.ldtt, f"Cán bộ {status} {i}", status)


@pytest.mark.parametrize(
    ("name", "status"),
    [("campaigns:review", S.SUBMITTED), ("campaigns:review", S.DRAFT), ("drafts", S.DRAFT)],
    ids=["review", "review-drafts", "send-drafts"],
)
def test_the_pages_keep_their_number_of_queries(
    name, status, client, leader_long_an, campaign, sector, catalogue, django_assert_num_queries
):
    client.force_login(leader_long_an)
    if name == "drafts":
        url = drafts_url(campaign, sector.thads_long_an)
    else:
        url = f"{review_url(campaign)}?status={status}"
    _more(campaign, sector, catalogue, 3, status)
    client.get(url)  # warm caches (content types, sessions) so both counts compare alike
    with django_assert_num_queries(QUERIES[name]) as captured:
        assert client.get(url).status_code == 200
    _more(campaign, sector, catalogue, 27, status)
    with django_assert_num_queries(len(captured)):
        assert client.get(url).status_code == 200


# Pinned: a new query on these pages is a decision, not an accident.
QUERIES = {"campaigns:review": 13, "drafts": 12}
