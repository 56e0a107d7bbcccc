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
from awards.reports.statistics import award_table
from campaigns.models import Campaign, Registration
from tests.factories import (
    CampaignFactory,
    ClusterFactory,
    PersonFactory,
    RegistrationFactory,
    UnitFactory,
)
from units.models import AgencyType

D = datetime.date

pytestmark = [
    pytest.mark.usefixtures("isolated_media"),
]


def _row(table, label):
    row = next(r for r in table.rows if r.label == label)
    return dict(zip([c.key for c in table.columns], table.cells(row), strict=True))


def _cell(table, label, group, column="Tổng số"):
    """The figure a reader finds in the row ``label`` under the header ``group`` / ``column``
    (``group`` "" for a column without an upper header)."""
    row = next(r for r in table.rows if r.label == label)
    index = next(i for i, c in enumerate(table.columns) if (c.group, c.label) == (group, column))
    return table.cells(row)[index]


def _layout(table):
    return [(r.code, r.label) for r in table.rows]


RECIPIENT_ROWS = [
    "Tập thể",
    "Trong đó: Doanh nghiệp",
    "Hộ gia đình",
    "Cá nhân",
    "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên",
    "Lãnh đạo cấp vụ, sở, ngành và tương đương",
    "Doanh nhân",
    "Các cấp lãnh đạo khác từ phó phòng trở lên",
    "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu",
]
# Rows the app has no data for: every cell "—".
NOT_RECORDED = [*RECIPIENT_ROWS[1:2], *RECIPIENT_ROWS[4:], "Kháng chiến"]
METHOD_ROWS = [
    "Thường xuyên",
    "Chuyên đề",
    "Đột xuất",
    "Đối ngoại",
    "Cống hiến",
    "Niên hạn",
    "Kháng chiến",
]


def test_0602_puts_the_forms_in_columns_and_the_categories_in_rows(report_world, sector):
    justice_dept = UnitFactory(
        name="Sở Tư pháp tỉnh Long An", province=sector.long_an, agency_type=AgencyType.JUSTICE_DEPT
    )
    report_world.give("hcld-3-tap-the", unit=justice_dept)
    table = award_table("0602", sector_scope(), 2026)
    assert table.letters() == ["A", "B", "C"]
    assert [(g, [c.label for c in cols]) for g, _n, cols in table.header_groups()] == [
        ("", ["Tổng số"]),
        *[
            (form, ["Tập thể", "Cá nhân"])
            for form in (
                "Huân chương Lao động hạng Nhất",
                "Huân chương Lao động hạng Nhì",
                "Huân chương Lao động hạng Ba",
                "Giải thưởng Hồ Chí Minh",
                "Giải thưởng Nhà nước",
                "Danh hiệu vinh dự Nhà nước",
                "Cờ thi đua của Chính phủ",
                "Bằng khen của Thủ tướng Chính phủ",
                "Chiến sĩ thi đua toàn quốc",
                "Các hình thức khen thưởng khác",
            )
        ],
    ]
    assert _layout(table) == [
        ("01", "Tổng số"),
        ("", "1. Chia theo cơ quan trình Thủ tướng Chính phủ"),
        ("02", "Bộ, ban, ngành, đoàn thể trung ương"),
        ("03", "Tỉnh, thành phố trực thuộc trung ương"),
        ("", "2. Chia theo đối tượng khen thưởng"),  # 04–05 are not in the transcription
        *zip([f"{n:02d}" for n in range(6, 15)], RECIPIENT_ROWS, strict=True),
        ("", "3. Chia theo loại hình khen thưởng"),
        *zip([f"{n:02d}" for n in range(15, 22)], METHOD_ROWS, strict=True),
    ]
    assert {r.unit for r in table.rows if not r.heading} == {"Lượt"}
    # one order and two Bằng khen of the Prime Minister to people, one order to a department
    assert _cell(table, "Tổng số", "") == 4
    assert _cell(table, "Cá nhân", "") == 3
    assert _cell(table, "Cá nhân", "Bằng khen của Thủ tướng Chính phủ", "Cá nhân") == 2
    assert _cell(table, "Cá nhân", "Bằng khen của Thủ tướng Chính phủ", "Tập thể") == 0
    assert _cell(table, "Cá nhân", "Huân chương Lao động hạng Ba", "Cá nhân") == 1
    assert _cell(table, "Tập thể", "Huân chương Lao động hạng Ba", "Tập thể") == 1
    assert _cell(table, "Tập thể", "Huân chương Lao động hạng Ba", "Cá nhân") == 0
    assert _cell(table, "Tỉnh, thành phố trực thuộc trung ương", "") == 1
    assert _cell(table, "Bộ, ban, ngành, đoàn thể trung ương", "") == 3
    assert _cell(table, "Thường xuyên", "Bằng khen của Thủ tướng Chính phủ", "Cá nhân") == 2
    for label in NOT_RECORDED:
        assert set(_row(table, label).values()) == {"—"}, label
    assert any(n.startswith("Dấu “—”: ứng dụng không ghi nhận") for n in table.notes)
    assert any("chưa đối chiếu" in note for note in table.notes)


def test_0603_has_the_forms_five_columns_and_counts_by_recipient_and_method(report_world, sector):
    chief = PersonFactory(
        full_name="Vũ Văn Hùng",
        assigned_to=sector.thads_lao_cai,
        assigned_to__position="Phó Cục trưởng",
    )
    report_world.give("bk-bo-ca-nhan", person=chief)
    report_world.give("knc-tu-phap", person=report_world.lao_cai[1])
    report_world.give("tt-ldxs", unit=sector.thads_lao_cai)
    table = award_table("0603", sector_scope(), 2026)  # decisions issued in 2026
    assert [c.label for c in table.columns] == [
        "Tổng số",
        "Bằng khen",
        "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
        "Cờ thi đua của bộ, ban, ngành, đoàn thể trung ương, tỉnh",
        "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể trung ương, tỉnh",
    ]
    assert not table.has_groups
    assert _layout(table) == [
        ("01", "Tổng số"),
        ("", "1. Chia theo đối tượng khen thưởng"),
        *zip([f"{n:02d}" for n in range(2, 11)], RECIPIENT_ROWS, strict=True),
        ("", "2. Chia theo loại hình khen thưởng"),
        *zip([f"{n:02d}" for n in range(11, 18)], METHOD_ROWS, strict=True),
    ]
    keys = ["total", "merit", "emulator", "flag", "badge"]
    cells = {r.label: dict(zip(keys, table.cells(r), strict=True)) for r in table.rows}
    assert cells["Tổng số"] == {"total": 13, "merit": 10, "emulator": 0, "flag": 1, "badge": 1}
    assert cells["Tập thể"] == {"total": 3, "merit": 1, "emulator": 0, "flag": 1, "badge": 0}
    assert cells["Cá nhân"] == {"total": 10, "merit": 9, "emulator": 0, "flag": 0, "badge": 1}
    assert cells["Cống hiến"] == {"total": 1, "merit": 0, "emulator": 0, "flag": 0, "badge": 1}
    assert cells["Hộ gia đình"]["total"] == 0
    for label in NOT_RECORDED:
        assert set(cells[label].values()) == {"—"}, label
    assert (
        "Cột 1 gồm cả các hình thức không có cột riêng: Tập thể lao động xuất sắc (1)."
        in table.notes
    )


def test_0602_page_and_workbook_print_the_forms_layout(report_world, admin_user, login):
    client = login(admin_user)
    query = {"scope": "sector", "year": 2026, "form": "0602"}
    page = client.get(reverse("reports:statistics"), query).content.decode()
    assert "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC" in page
    assert '<th scope="col" colspan="2">Bằng khen của Thủ tướng Chính phủ</th>' in page
    assert '<th scope="col" rowspan="2">Đơn vị tính</th>' in page
    assert "Dấu “—”: ứng dụng không ghi nhận" in page
    workbook = client.get(reverse("reports:statistics"), {**query, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, row in enumerate(rows) if row[1] == "Mã số")
    header, pairs, letters = rows[top], rows[top + 1], rows[top + 2]
    assert letters[:5] == ("A", "B", "C", 1, 2)
    assert header[2:4] == ("Đơn vị tính", "Tổng số")
    column = header.index("Bằng khen của Thủ tướng Chính phủ")
    assert pairs[column : column + 2] == ("Tập thể", "Cá nhân")
    values = {row[0].strip(): row for row in rows[top + 3 :] if row[0]}
    assert values["Tổng số"][1:4] == ("01", "Lượt", 3)  # one order, two Bằng khen of the PM
    assert values["Cá nhân"][column + 1] == 2
    assert values["Tập thể"][column] == 0
    assert values["Doanh nhân"][3:6] == ("—", "—", "—")
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
