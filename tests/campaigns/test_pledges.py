"""A grouping's pledge: written by the leader unit, signed by each member, printed."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from campaigns.models import Pledge, PledgeSignature
from campaigns.services import pledge_create, pledge_sign, pledge_update
from tests.factories import ClusterFactory, ClusterMembershipFactory, PledgeFactory, UnitFactory
from thidua.core.audit import history
from units.models import ClusterMembership


@pytest.fixture
def block(sector, year):
    """Led this year by THADS Lào Cai; THADS Long An and its office are members."""
    block = ClusterFactory(name="Khối thi đua Nội chính")
    ClusterMembershipFactory(
        cluster=block, unit=sector.thads_lao_cai, year=year, role=ClusterMembership.Role.LEADER
    )
    ClusterMembershipFactory(cluster=block, unit=sector.thads_long_an, year=year)
    ClusterMembershipFactory(cluster=block, unit=sector.district, year=year)
    return block


@pytest.fixture
def pledge(block, year):
    return PledgeFactory(cluster=block, year=year)


def _url(name, pledge):
    return reverse(name, kwargs={"pk": pledge.pk})


def test_the_leader_unit_writes_the_pledge_by_web_form(client, leader_lao_cai, block, year):
    client.force_login(leader_lao_cai)
    assert client.get(reverse("campaigns:pledge_create")).status_code == 200
    response = client.post(
        reverse("campaigns:pledge_create"),
        {
            "cluster": block.pk,
            "year": year,
            "title": f"Giao ước thi đua năm {year}",
            "content": "Thi đua hoàn thành xuất sắc nhiệm vụ.",
            "commitments": "Hoàn thành chỉ tiêu\nKhông để xảy ra sai phạm",
        },
    )
    pledge = Pledge.objects.get()
    assert response.url == _url("campaigns:pledge", pledge)
    assert pledge.commitment_list == ["Hoàn thành chỉ tiêu", "Không để xảy ra sai phạm"]
    assert [e.action for e in history(pledge)] == ["create"]


def test_a_member_cannot_write_the_pledge(client, leader_long_an, block, year):
    client.force_login(leader_long_an)
    assert client.get(reverse("campaigns:pledge_create")).status_code == 403
    with pytest.raises(ValidationError, match="Chỉ quản trị viên hoặc lãnh đạo đơn vị Trưởng"):
        pledge_create(by=leader_long_an, cluster=block, year=year, title="X", content="Y")


def test_one_pledge_per_grouping_and_year(leader_lao_cai, pledge, block, year):
    with pytest.raises(ValidationError, match="đã có giao ước thi đua của năm này"):
        pledge_create(by=leader_lao_cai, cluster=block, year=year, title="X", content="Y")


def test_a_member_leader_signs_and_the_page_shows_who_has_not(
    client, leader_long_an, pledge, sector
):
    client.force_login(leader_long_an)
    page = client.get(_url("campaigns:pledge", pledge)).content.decode()
    assert "Chữ ký của các đơn vị: 0/3" in page
    assert 'name="unit"' in page

    response = client.post(
        _url("campaigns:pledge_sign", pledge),
        {"unit": sector.thads_long_an.pk, "signer_position": "Cục trưởng"},
        follow=True,
    )
    page = response.content.decode()
    assert "Thi hành án dân sự tỉnh Long An đã ký giao ước." in page
    assert "Chữ ký của các đơn vị: 1/3" in page
    assert "Chưa ký: Thi hành án dân sự tỉnh Lào Cai; Phòng Thi hành án dân sự khu vực 1" in page
    signature = PledgeSignature.objects.get()
    assert (signature.signed_by, signature.signer_name, signature.signed_on) == (
        leader_long_an,
        "Trần Văn Bình",
        timezone.localdate(),
    )
    assert [e.action for e in history(pledge)] == ["sign"]


def test_a_unit_signs_once(leader_long_an, pledge, sector):
    pledge_sign(by=leader_long_an, pledge=pledge, unit=sector.thads_long_an)
    with pytest.raises(ValidationError, match="đã ký giao ước này"):
        pledge_sign(by=leader_long_an, pledge=pledge, unit=sector.thads_long_an)


def test_staff_cannot_sign(staff_long_an, pledge, sector):
    with pytest.raises(ValidationError, match="Chỉ lãnh đạo Phòng Thi hành án"):
        pledge_sign(by=staff_long_an, pledge=pledge, unit=sector.district)
    assert not PledgeSignature.objects.exists()


def test_a_unit_that_is_not_a_member_that_year_cannot_sign(admin_user, pledge, sector):
    outsider = UnitFactory(name="Viện kiểm sát nhân dân tỉnh Long An", parent=None)
    with pytest.raises(ValidationError, match="không phải thành viên Khối thi đua Nội chính"):
        pledge_sign(by=admin_user, pledge=pledge, unit=outsider)


def test_an_admin_records_a_signature_made_on_paper(client, admin_user, pledge, sector):
    client.force_login(admin_user)
    day = timezone.localdate() - datetime.timedelta(days=3)
    client.post(
        _url("campaigns:pledge_sign", pledge),
        {
            "unit": sector.district.pk,
            "signer_name": "Nguyễn Thị Hoa",
            "signer_position": "Trưởng phòng",
            "signed_on": f"{day:%d/%m/%Y}",
        },
    )
    signature = PledgeSignature.objects.get()
    assert (signature.signer_name, signature.signed_on, signature.signed_by) == (
        "Nguyễn Thị Hoa",
        day,
        None,
    )
    assert signature.recorded_by == admin_user
    page = client.get(_url("campaigns:pledge", pledge)).content.decode()
    assert "quản trị viên ghi nhận" in page


def test_a_signature_cannot_be_dated_in_the_future(admin_user, pledge, sector):
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        pledge_sign(
            by=admin_user,
            pledge=pledge,
            unit=sector.district,
            signed_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_a_signed_pledge_cannot_be_edited(client, leader_lao_cai, leader_long_an, pledge, sector):
    pledge_sign(by=leader_long_an, pledge=pledge, unit=sector.thads_long_an)
    with pytest.raises(ValidationError, match="đã có đơn vị ký"):
        pledge_update(by=leader_lao_cai, pledge=pledge, title="Khác", content="Khác")
    client.force_login(leader_lao_cai)
    response = client.get(_url("campaigns:pledge_edit", pledge), follow=True)
    assert "đã có đơn vị ký nên không sửa được" in response.content.decode()


def test_the_print_view_and_the_pdf(client, leader_lao_cai, leader_long_an, pledge, sector):
    pledge_sign(by=leader_long_an, pledge=pledge, unit=sector.thads_long_an)
    client.force_login(leader_lao_cai)
    page = client.get(_url("campaigns:pledge_print", pledge)).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert pledge.title.upper() in page
    assert "Trần Văn Bình" in page
    assert page.count("(chưa ký)") == 2

    response = client.get(_url("campaigns:pledge_pdf", pledge))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Trần Văn Bình" in text


def test_a_pledge_of_another_grouping_is_404(client, staff_long_an, sector, year):
    other = ClusterFactory(name="Khối miền núi")
    ClusterMembershipFactory(cluster=other, unit=sector.thads_lao_cai, year=year)
    foreign = PledgeFactory(cluster=other, year=year)
    client.force_login(staff_long_an)
    for name in ["campaigns:pledge", "campaigns:pledge_print", "campaigns:pledge_pdf"]:
        assert client.get(_url(name, foreign)).status_code == 404
    assert client.post(_url("campaigns:pledge_sign", foreign)).status_code == 404


def test_the_pledge_list_shows_signatures_against_members(client, leader_long_an, pledge, sector):
    pledge_sign(by=leader_long_an, pledge=pledge, unit=sector.thads_long_an)
    client.force_login(leader_long_an)
    page = client.get(reverse("campaigns:pledges")).content.decode()
    assert pledge.title in page
    assert "1/3" in page
