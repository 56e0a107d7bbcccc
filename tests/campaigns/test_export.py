"""Exporting registrations to Excel: from the campaign page and the Django admin, scoped."""

import io

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Registration
from campaigns.resources import RegistrationResource
from campaigns.services import registration_create, registration_return
from tests.factories import (
    CampaignFactory,
    PersonFactory,
    RegistrationFactory,
    UnitRoleFactory,
    UserFactory,
)
from units.models import UnitRole

HEADERS = [
    "Phong trào",
    "Năm",
    "Mã đơn vị",
    "Đơn vị",
    "Đối tượng",
    "Mã cán bộ",
    "Họ và tên",
    "Mã danh hiệu",
    "Danh hiệu / hình thức",
    "Trạng thái",
    "Ngày gửi",
    "Ghi chú",
    "Ý kiến gần nhất",
]


def sheet(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [[cell.value for cell in row] for row in book.worksheets[0].iter_rows()]


def export_url(campaign, **query):
    base = reverse("campaigns:export", kwargs={"pk": campaign.pk})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def lines(campaign, sector, catalogue, staff_long_an, leader_long_an, staff_lao_cai, five_people):
    """A returned line and a draft in Long An, a submitted collective line in Lào Cai."""
    returned = registration_create(
        by=staff_long_an,
        campaign=campaign,
        award=catalogue.cstdcs,
        person=five_people[0],
        note="=1+1 có sáng kiến",
        submit=True,
    )
    registration_return(by=leader_long_an, registration=returned, comment="Bổ sung sáng kiến")
    registration_create(
        by=staff_long_an, campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district
    )
    registration_create(
        by=staff_lao_cai,
        campaign=campaign,
        award=catalogue.tt_ldxs,
        unit=sector.thads_lao_cai,
        submit=True,
    )
    return returned


def test_a_leader_exports_their_subtree_with_every_column(
    login, leader_long_an, campaign, lines, year
):
    rows = sheet(login(leader_long_an).get(export_url(campaign, year=year)))
    assert rows[0] == HEADERS
    by_subject = {row[4]: row for row in rows[1:]}
    assert len(rows) == 3  # the two Long An lines, not Lào Cai's
    person = by_subject["Cá nhân"]
    assert person[:4] == [campaign.name, year, "thads-long-an-kv1", lines.unit.name]
    assert person[5:10] == [
        lines.person.code,
        "Nguyễn Văn Anh",
        "cstdcs",
        "Chiến sĩ thi đua cơ sở",
        "Bị trả lại",
    ]
    assert person[10].count("/") == 2  # dd/mm/yyyy hh:mm
    assert person[11] == "'=1+1 có sáng kiến"  # never a formula
    assert person[12] == "Bổ sung sáng kiến"
    collective = by_subject["Tập thể"]
    assert (collective[5], collective[7], collective[9]) == (None, "tt-ldxs", "Nháp")


def test_the_leader_of_lao_cai_gets_no_long_an_rows(login, leader_lao_cai, campaign, lines):
    rows = sheet(login(leader_lao_cai).get(export_url(campaign)))
    assert [row[2] for row in rows[1:]] == ["thads-lao-cai"]


def test_an_admin_gets_every_row(login, admin_user, campaign, lines):
    rows = sheet(login(admin_user).get(export_url(campaign)))
    assert sorted(row[2] for row in rows[1:]) == [
        "thads-lao-cai",
        "thads-long-an-kv1",
        "thads-long-an-kv1",
    ]


def test_staff_and_council_may_not_export(login, staff_long_an, council_member, campaign):
    for user in (staff_long_an, council_member):
        response = login(user).get(export_url(campaign))
        assert response.status_code == 403
        assert "Chỉ quản trị viên và lãnh đạo đơn vị" in response.content.decode()


def test_a_campaign_outside_the_scope_is_404(login, leader_long_an, sector):
    lao_cai_only = CampaignFactory(scope_units=[sector.thads_lao_cai])
    assert login(leader_long_an).get(export_url(lao_cai_only)).status_code == 404


def test_the_export_keeps_a_constant_number_of_queries(
    login, leader_long_an, campaign, sector, catalogue, django_assert_num_queries
):
    def add(n):
        for person in PersonFactory.create_batch(n, assigned_to=sector.district):
            RegistrationFactory(
                campaign=campaign, award=catalogue.ldtt, unit=sector.district, person=person
            )

    client = login(leader_long_an)
    add(2)
    client.get(export_url(campaign))
    with CaptureQueriesContext(connection) as two:
        client.get(export_url(campaign))
    add(20)
    with django_assert_num_queries(len(two)):
        assert len(sheet(client.get(export_url(campaign)))) == 23


def _admin_export(client):
    model_admin = admin.site._registry[Registration]
    formats = model_admin.get_export_formats()
    xlsx = next(i for i, f in enumerate(formats) if f().get_title() == "xlsx")
    data = {"format": str(xlsx), "resource": "0"}
    data |= {f"registrationresource_{name}": "on" for name in RegistrationResource().fields}
    return client.post(reverse("admin:campaigns_registration_export"), data)


def test_the_admin_exports_with_the_same_resource(login, admin_user, campaign, lines):
    rows = sheet(_admin_export(login(admin_user)))
    assert rows[0] == HEADERS
    assert len(rows) == 4


def test_the_admin_export_is_scoped_for_staff_accounts(login, sector, campaign, lines):
    clerk = UserFactory(username="van_thu_lao_cai", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_registration"))
    UnitRoleFactory(user=clerk, unit=sector.thads_lao_cai, role=UnitRole.Role.LEADER)
    rows = sheet(_admin_export(login(clerk)))
    assert [row[2] for row in rows[1:]] == ["thads-lao-cai"]
