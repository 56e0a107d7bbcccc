"""A grouping's papers of a year (its signed pledge, its conference's minutes): on its page of
that year, kept by who writes its pledge that year (admins, leaders of its leader unit)."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.awards.helpers import PNG, make_file
from tests.factories import ClusterMembershipFactory
from thidua.core import audit
from thidua.core.models import Attachment
from units import services
from units.models import Cluster

MINUTES = Cluster.Paper.CONFERENCE_MINUTES


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def block(sector):
    """A grouping Lào Cai leads in 2026 and is a plain member of in 2025."""
    membership = ClusterMembershipFactory(
        cluster__name="Khối thi đua miền núi phía Bắc",
        unit=sector.thads_lao_cai,
        year=2026,
        role="leader",
    )
    ClusterMembershipFactory(cluster=membership.cluster, unit=sector.thads_lao_cai, year=2025)
    return membership.cluster


def _add(block, by, year=2026, title="Biên bản hội nghị ký kết giao ước 2026"):
    return services.cluster_attachment_add(
        cluster=block, year=year, by=by, kind=MINUTES, title=title, file=make_file("bb.pdf")
    )


def _page(client, block, year):
    url = f"{reverse('units:cluster', args=[block.pk])}?year={year}"
    return html.unescape(client.get(url).content.decode())


def test_the_leader_of_the_leader_unit_keeps_that_years_papers(block, leader_lao_cai, sector):
    paper = _add(block, leader_lao_cai)
    assert (paper.year, paper.uploaded_by) == (2026, leader_lao_cai)
    (entry,) = audit.history(block)
    assert entry.unit == sector.thads_lao_cai  # the leader unit's audit log shows it
    assert entry.comment.endswith("(bb.pdf) – năm 2026")


def test_not_for_a_year_the_unit_did_not_lead(block, leader_lao_cai):
    with pytest.raises(ValidationError) as refused:
        _add(block, leader_lao_cai, year=2025)
    assert refused.value.messages == [
        "Chỉ quản trị viên hoặc lãnh đạo đơn vị Trưởng Khối thi đua miền núi phía Bắc năm 2025 "
        "mới quản lý được tài liệu của khối/cụm năm đó."
    ]
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("who", ["staff_lao_cai", "council_member", "leader_long_an"])
def test_others_are_refused(who, request, block):
    with pytest.raises(ValidationError) as refused:
        _add(block, request.getfixturevalue(who))
    assert refused.value.code == "role"
    assert not Attachment.objects.exists()


def test_the_admin_keeps_papers_of_any_year(block, admin_user):
    assert _add(block, admin_user, year=2025).year == 2025


def test_each_year_page_lists_its_own_papers(login, block, leader_lao_cai, admin_user):
    _add(block, leader_lao_cai)
    _add(block, admin_user, year=2025, title="Biên bản hội nghị tổng kết 2025")
    client = login(leader_lao_cai)
    url = reverse("units:cluster", args=[block.pk])
    for year, title in [(2026, "ký kết giao ước 2026"), (2025, "tổng kết 2025")]:
        papers = client.get(url, {"year": year}).context["papers"]
        assert [(a.kind_label, a.title) for a in papers.rows] == [
            ("Biên bản hội nghị", f"Biên bản hội nghị {title}")
        ]
    upload = f'action="{reverse("units:cluster_attachment_upload", args=[block.pk])}"'
    page_2026 = _page(client, block, 2026)
    assert upload in page_2026
    assert '<input type="hidden" name="year" value="2026"' in page_2026  # for the page's year
    page_2025 = _page(client, block, 2025)
    # Lào Cai did not lead the grouping in 2025: no form, no remove button for its leader.
    assert upload not in page_2025
    assert "/remove/" not in page_2025


def test_the_leader_uploads_on_the_page_and_returns_to_its_year(login, block, leader_lao_cai):
    response = login(leader_lao_cai).post(
        reverse("units:cluster_attachment_upload", args=[block.pk]),
        {"kind": "pledge", "title": "Giao ước 2026", "year": "2026", "file": make_file("gu.pdf")},
    )
    assert response.status_code == 302
    assert response.url == f"{reverse('units:cluster', args=[block.pk])}?year=2026"
    assert Attachment.objects.values_list("kind", "year").get() == ("pledge", 2026)


def test_a_fake_pdf_is_refused_on_the_page_of_its_year(login, block, leader_lao_cai):
    response = login(leader_lao_cai).post(
        reverse("units:cluster_attachment_upload", args=[block.pk]),
        {
            "kind": "pledge",
            "title": "Giao ước 2026",
            "year": "2026",
            "file": make_file("gu.pdf", PNG),
        },
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and response.context["year"] == 2026
    assert "Tệp “gu.pdf” có đuôi .pdf nhưng nội dung là tệp PNG; hãy chọn đúng tệp." in page
    assert not Attachment.objects.exists()


def test_removal_returns_to_the_year_and_is_in_the_history(login, block, leader_lao_cai):
    paper = _add(block, leader_lao_cai)
    client = login(leader_lao_cai)
    response = client.post(reverse("units:cluster_attachment_remove", args=[block.pk, paper.pk]))
    assert response.url.endswith("?year=2026")
    assert not Attachment.objects.exists()
    page = _page(client, block, 2026)
    assert "Gỡ tài liệu đính kèm" in page and "Đính kèm tài liệu" in page


@pytest.mark.parametrize("who", ["staff_long_an", "leader_long_an", "council_long_an"])
def test_outsiders_get_404_for_the_list_the_file_and_the_upload(
    who, request, login, block, leader_lao_cai
):
    paper = _add(block, leader_lao_cai)
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("units:cluster", args=[block.pk])).status_code == 404
    file_url = reverse("units:cluster_attachment", args=[block.pk, paper.pk])
    assert client.get(file_url).status_code == 404
    upload = client.post(
        reverse("units:cluster_attachment_upload", args=[block.pk]),
        {"kind": "pledge", "title": "X", "year": "2026", "file": make_file("x.pdf")},
    )
    assert upload.status_code == 404
    assert Attachment.objects.count() == 1
