"""Statutory tables 0601.N–0603.N and the leaders' dashboard."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.catalogue.models import Award
from awards.models import Proposal
from awards.reports.campaigns import campaign_table
from awards.reports.scope import sector_scope
from awards.reports.statistics import award_table, is_leader
from campaigns.models import Campaign, Registration
from tests.factories import CampaignFactory, ClusterFactory, PersonFactory, RegistrationFactory

D = datetime.date

pytestmark = [
    pytest.mark.usefixtures("isolated_media"),
]


@pytest.mark.parametrize(
    ("position", "leader"),
    [
        ("Chi cục trưởng", True),
        ("Phó Trưởng phòng", True),
        ("Giám đốc Sở", True),
        ("Chánh Văn phòng", True),
        ("Chấp hành viên", False),
        ("Chuyên viên", False),
        ("Thư ký thi hành án", False),
        ("", False),
    ],
)
def test_leaders_are_told_by_their_position(position, leader):
    assert is_leader(position) is leader


def _row(table, label):
    row = next(r for r in table.rows if r.label == label)
    return dict(zip([c.key for c in table.columns], table.cells(row), strict=True))


def test_0603_counts_ministry_level_rewards_by_category_and_type(report_world, sector):
    chief = PersonFactory(
        full_name="Vũ Văn Hùng",
        assigned_to=sector.thads_lao_cai,
        assigned_to__position="Phó Cục trưởng",
    )
    report_world.give("bk-bo-ca-nhan", person=chief)
    report_world.give("knc-tu-phap", person=report_world.lao_cai[1])
    table = award_table("0603", sector_scope(), 2026)  # decisions issued in 2026
    total = _row(table, "Tổng số")
    assert total["total"] == 12
    assert (total["collective"], total["individual"]) == (2, 10)
    assert (total["leader"], total["official"], total["worker"], total["female"]) == (1, 9, 0, 4)
    assert total[f"type:{Award.RewardType.MERIT}"] == 11
    assert total[f"type:{Award.RewardType.DEDICATION}"] == 1
    flag = _row(table, "Cờ thi đua cấp Bộ, ban, ngành, tỉnh")
    assert (flag["total"], flag["collective"]) == (1, 1)
    merit = _row(table, "Bằng khen cấp Bộ, ban, ngành, tỉnh")
    assert (merit["total"], merit["collective"], merit["individual"]) == (10, 1, 9)
    other = _row(table, 'Hình thức khác: Kỷ niệm chương "Vì sự nghiệp Tư pháp"')
    assert other["total"] == 1


def test_0602_rows_follow_the_form_and_the_pages_offer_pdf_and_excel(
    report_world, admin_user, login
):
    client = login(admin_user)
    query = {"scope": "sector", "year": 2026, "form": "0602"}
    page = client.get(reverse("reports:statistics"), query).content.decode()
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" in page
    assert "Huân chương Sao vàng" in page and "Bằng khen của Thủ tướng Chính phủ" in page
    workbook = client.get(reverse("reports:statistics"), {**query, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    values = {row[0].strip(): row[2:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert values["Tổng số"][0] == 3  # one order and two Bằng khen of the Prime Minister
    assert values["Huân chương Lao động hạng Ba"][0] == 1
    assert values["Bằng khen của Thủ tướng Chính phủ"][:3] == (2, 0, 2)
    document = client.get(reverse("reports:statistics"), {**query, "format": "pdf"})
    assert b"".join(document.streaming_content).startswith(b"%PDF")


def test_0601_counts_campaigns_by_level_kind_length_and_scope(report_world, sector):
    cluster = ClusterFactory()
    CampaignFactory(
        launched_by=sector.ministry, start_date=D(2025, 1, 1), scope_units=[sector.ministry]
    )
    CampaignFactory(
        launched_by=sector.thads_long_an,
        kind=Campaign.Kind.PEAK,
        start_date=D(2025, 5, 1),
        end_date=D(2025, 6, 30),
        scope_units=[sector.thads_long_an],
    )
    CampaignFactory(
        launched_by=None,
        authority_name="Ban Thi đua – Khen thưởng Trung ương",
        kind=Campaign.Kind.THEMED,
        start_date=D(2025, 3, 1),
        end_date=D(2027, 12, 31),
        scope_clusters=[cluster],
    )
    CampaignFactory(launched_by=sector.hq, start_date=D(2021, 1, 1), end_date=D(2025, 12, 31))
    CampaignFactory(launched_by=sector.hq, start_date=D(2025, 1, 1), status=Campaign.Status.DRAFT)
    table = campaign_table(sector_scope(), 2025)
    total = _row(table, "Tổng số phong trào")
    assert total == {
        "total": 3,
        "regular": 1,
        "themed": 1,
        "peak": 1,
        "short": 1,
        "year": 1,
        "multi": 1,
        "sector": 1,
        "units": 1,
        "clusters": 1,
    }
    assert _row(table, "Cấp Bộ, ngành Trung ương")["total"] == 1
    assert _row(table, "Cấp tỉnh")["peak"] == 1
    assert _row(table, "Cơ quan, tổ chức khác")["multi"] == 1


def test_0601_is_reached_from_the_statistics_page(report_world, admin_user, login, sector):
    CampaignFactory(launched_by=sector.ministry, start_date=D(2025, 1, 1))
    client = login(admin_user)
    query = {"scope": "sector", "year": 2025, "form": "0601"}
    response = client.get(reverse("reports:statistics"), query, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[0][0].startswith(reverse("campaign_statistics"))
    assert "SỐ PHONG TRÀO THI ĐUA" in page and "0601.N/BNV-TĐKT" in page


def test_the_dashboard_shows_a_leaders_year(report_world, leader_lao_cai, login, sector):
    people = report_world.lao_cai
    award = Award.objects.get(code="bk-bo-ca-nhan")
    campaign = CampaignFactory(launched_by=sector.ministry, start_date=D(2025, 1, 1))
    for person in people[:3]:
        RegistrationFactory(
            campaign=campaign,
            award=award,
            unit=sector.thads_lao_cai,
            person=person,
            status=Registration.Status.SUBMITTED,
        )
    Proposal.objects.create(
        proposing_unit=sector.thads_lao_cai,
        authority=award.authority,
        authority_unit=sector.ministry,
        current_unit=sector.ministry,
        year=2025,
        reference_date=D(2025, 12, 31),
        title="Đề nghị tặng Bằng khen năm 2025",
        status=Proposal.Status.FORWARDED,
    )
    response = login(leader_lao_cai).get(reverse("dashboard"), {"year": 2025})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thi hành án dân sự tỉnh Lào Cai" in page
    row = page.split("Bằng khen của Bộ trưởng Bộ Tư pháp <span")[1].split("</tr>")[0]
    assert "(cá nhân)" in row
    assert '<td class="n">3</td><td class="n">4</td>' in row  # registered 3, conferred 4
    waiting = page.split("Đã gửi, chờ thẩm định</td>")[1].split("</tr>")[0]
    assert '<td class="n">1</td>' in waiting
    assert "<svg" in page


def test_the_dashboard_is_for_leaders_and_admins(report_world, staff_long_an, login):
    assert login(staff_long_an).get(reverse("dashboard")).status_code == 404
