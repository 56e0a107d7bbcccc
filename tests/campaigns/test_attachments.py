"""A campaign's papers (quyết định, kế hoạch phát động) on its page: kept by who edits the
campaign (the launching unit's leaders, admins), downloaded by whoever sees it."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import services
from campaigns.models import Campaign
from tests.awards.helpers import PDF, PNG, make_file
from tests.factories import CampaignFactory
from thidua.core.models import Attachment

DECISION = Campaign.Paper.LAUNCH_DECISION


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def campaign(sector):
    return CampaignFactory(
        name="Thi đua về đích",
        launched_by=sector.thads_lao_cai,
        scope_units=[sector.thads_lao_cai],
    )


def _add(campaign, by, name="qd-phat-dong.pdf", title="Quyết định số 12/QĐ-THADS"):
    return services.campaign_attachment_add(
        campaign=campaign, by=by, kind=DECISION, title=title, file=make_file(name)
    )


def _page(client, campaign):
    return html.unescape(
        client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    )


@pytest.mark.parametrize("who", ["leader_lao_cai", "admin_user"])
def test_who_edits_the_campaign_keeps_its_papers(who, request, campaign):
    paper = _add(campaign, request.getfixturevalue(who))
    assert paper.holder == campaign
    assert list(campaign.attachments.values_list("kind", "title")) == [
        (DECISION, "Quyết định số 12/QĐ-THADS")
    ]


@pytest.mark.parametrize("who", ["staff_lao_cai", "council_member", "leader_long_an"])
def test_others_are_refused_and_nothing_is_kept(who, request, campaign):
    with pytest.raises(ValidationError) as refused:
        _add(campaign, request.getfixturevalue(who))
    assert refused.value.code == "role"
    assert refused.value.messages == [
        "Chỉ lãnh đạo đơn vị phát động hoặc quản trị viên (Văn phòng TĐKT) mới quản lý được "
        "tài liệu của phong trào."
    ]
    assert not Attachment.objects.exists()


def test_the_page_lists_the_papers_and_their_history(login, campaign, leader_lao_cai):
    paper = _add(campaign, leader_lao_cai)
    page = _page(login(leader_lao_cai), campaign)
    assert "Quyết định phát động" in page and "Quyết định số 12/QĐ-THADS" in page
    assert reverse("campaigns:attachment", args=[campaign.pk, paper.pk]) in page
    assert "Đính kèm tài liệu" in page
    assert reverse("campaigns:attachment_remove", args=[campaign.pk, paper.pk]) in page
    assert f'action="{reverse("campaigns:attachment_upload", args=[campaign.pk])}"' in page


def test_a_reader_downloads_but_has_no_upload_form_nor_remove_button(
    login, campaign, leader_lao_cai, staff_lao_cai
):
    paper = _add(campaign, leader_lao_cai)
    client = login(staff_lao_cai)
    page = _page(client, campaign)
    assert "Quyết định số 12/QĐ-THADS" in page
    assert f'action="{reverse("campaigns:attachment_upload", args=[campaign.pk])}"' not in page
    assert reverse("campaigns:attachment_remove", args=[campaign.pk, paper.pk]) not in page
    response = client.get(reverse("campaigns:attachment", args=[campaign.pk, paper.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="qd-phat-dong.pdf"' in response["Content-Disposition"]


def test_the_leader_uploads_on_the_page(login, campaign, leader_lao_cai):
    client = login(leader_lao_cai)
    response = client.post(
        reverse("campaigns:attachment_upload", args=[campaign.pk]),
        {"kind": "plan", "title": "Kế hoạch số 3", "file": make_file("ke-hoach.pdf")},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Đã tải lên tài liệu."]
    paper = Attachment.objects.get()
    assert (paper.kind, paper.title, paper.uploaded_by) == ("plan", "Kế hoạch số 3", leader_lao_cai)
    assert "Kế hoạch phát động" in html.unescape(response.content.decode())


def test_a_fake_pdf_is_refused_on_the_page_keeping_the_title(login, campaign, leader_lao_cai):
    client = login(leader_lao_cai)
    response = client.post(
        reverse("campaigns:attachment_upload", args=[campaign.pk]),
        {"kind": "plan", "title": "Kế hoạch số 3", "file": make_file("ke-hoach.pdf", PNG)},
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Tệp “ke-hoach.pdf” có đuôi .pdf nhưng nội dung là tệp PNG; hãy chọn đúng tệp." in page
    assert 'value="Kế hoạch số 3"' in page
    assert not Attachment.objects.exists()


def test_removal_is_for_the_leader_and_shows_in_the_history(
    login, campaign, leader_lao_cai, staff_lao_cai
):
    paper = _add(campaign, leader_lao_cai)
    url = reverse("campaigns:attachment_remove", args=[campaign.pk, paper.pk])
    refused = login(staff_lao_cai).post(url, follow=True)
    assert Attachment.objects.filter(pk=paper.pk).exists()
    assert [str(m) for m in refused.context["messages"]] == [
        "Chỉ lãnh đạo đơn vị phát động hoặc quản trị viên (Văn phòng TĐKT) mới quản lý được "
        "tài liệu của phong trào."
    ]
    response = login(leader_lao_cai).post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Đã gỡ tài liệu “Quyết định số 12/QĐ-THADS”."
    ]
    assert not Attachment.objects.exists()
    assert "Gỡ tài liệu đính kèm" in html.unescape(response.content.decode())


@pytest.mark.parametrize("who", ["staff_long_an", "leader_long_an", "council_long_an"])
def test_outsiders_get_404_for_the_list_the_file_and_the_upload(
    who, request, login, campaign, leader_lao_cai
):
    paper = _add(campaign, leader_lao_cai)
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("campaigns:detail", args=[campaign.pk])).status_code == 404
    file_url = reverse("campaigns:attachment", args=[campaign.pk, paper.pk])
    assert client.get(file_url).status_code == 404
    upload = client.post(
        reverse("campaigns:attachment_upload", args=[campaign.pk]),
        {"kind": "plan", "title": "X", "file": make_file("x.pdf")},
    )
    assert upload.status_code == 404
    assert Attachment.objects.count() == 1


def test_a_paper_of_another_campaign_is_404_through_this_one(
    login, campaign, leader_lao_cai, sector
):
    other = CampaignFactory(launched_by=sector.thads_lao_cai, scope_units=[sector.thads_lao_cai])
    paper = _add(other, leader_lao_cai)
    client = login(leader_lao_cai)
    assert (
        client.get(reverse("campaigns:attachment", args=[campaign.pk, paper.pk])).status_code == 404
    )


def test_the_page_costs_the_same_queries_for_more_papers(
    login, campaign, leader_lao_cai, django_assert_num_queries
):
    client = login(leader_lao_cai)
    _add(campaign, leader_lao_cai)
    url = reverse("campaigns:detail", args=[campaign.pk])
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(4):
        _add(campaign, leader_lao_cai, title=f"Văn bản {n}")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)
