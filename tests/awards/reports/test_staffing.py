"""Statutory tables 0604.N (emulation-and-reward bodies) and 0605.N (their staff)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.reports.scope import Scope, scope_from_value, sector_scope
from awards.reports.staffing import bodies_table, staff_table
from tests.factories import ClusterFactory, ClusterMembershipFactory, PersonFactory, UnitFactory
from tests.thidua.pdf_helpers import body, embedded_families, text_of
from thidua.core.systemdeps import PDF_FONT_FAMILY
from units.models import AgencyType, Person, TdktBody

D = datetime.date
YEAR = 2025
F, M = Person.Gender.FEMALE, Person.Gender.MALE
FULL, PART = Person.TdktRole.FULL_TIME, Person.TdktRole.PART_TIME
L = Person.TrainingLevel

pytestmark = [pytest.mark.usefixtures("isolated_media")]


def _cells(table, label):
    """{column key: figure} of the row a reader finds under ``label``."""
    row = next(r for r in table.rows if r.label == label)
    return dict(zip([c.key for c in table.columns], table.cells(row), strict=True))


def _figures(table, label):
    cells = _cells(table, label)
    return cells["total"], cells["female"]


def _staff(unit, gender, born, level, role, since, **extra):
    return PersonFactory(
        assigned_to=unit,
        gender=gender,
        birth_date=D(born, 6, 15) if born else None,
        training_level=level,
        tdkt_role=role,
        tdkt_since=since,
        **extra,
    )


@pytest.fixture
def cast(sector):
    """Five people of Lào Cai in TĐKT work at the age and seniority boundaries of 2025, one
    who is not, one who began after 2025; one of Long An; one of a body outside the sector."""
    lao_cai, long_an = sector.thads_lao_cai, sector.thads_long_an
    _staff(lao_cai, F, 1995, L.UNIVERSITY, FULL, D(2021, 1, 1))  # 30; 4 years
    _staff(lao_cai, M, 1994, L.POSTGRADUATE, PART, D(2020, 12, 31))  # 31; 5 years
    _staff(lao_cai, F, 1965, L.INTERMEDIATE, FULL, D(2015, 6, 1))  # 60; 10 years
    _staff(lao_cai, F, 1964, "", PART, None)  # 61; no level, no start
    _staff(lao_cai, F, 1970, L.ELEMENTARY, FULL, D(2016, 1, 1))  # 55; 9 years
    _staff(lao_cai, M, 1975, L.COLLEGE, "", None)  # not in TĐKT work
    _staff(lao_cai, M, 1980, L.COLLEGE, FULL, D(2026, 2, 1))  # began after the year
    _staff(long_an, F, None, L.UNIVERSITY, FULL, D(2010, 3, 1))  # no birth date; 15 years
    police = UnitFactory(name="Công an tỉnh Long An", agency_type=AgencyType.EXTERNAL)
    _staff(police, F, 1990, L.UNIVERSITY, FULL, D(2020, 1, 1))
    return sector


def test_0605_counts_people_and_women_by_age_training_and_seniority(cast):
    table = staff_table(sector_scope(), YEAR)
    assert [(r.code, r.label) for r in table.rows if r.code] == [
        ("01", "Tổng số"),
        ("02", "Từ 30 trở xuống"),
        ("03", "Từ 31 đến 40"),
        ("04", "Từ 41 đến 50"),
        ("05", "Từ 51 đến 55"),
        ("06", "Từ 56 đến 60"),
        ("07", "Trên 60 tuổi"),
        ("08", "Sơ cấp"),
        ("09", "Trung cấp"),
        ("10", "Cao đẳng"),
        ("11", "Đại học"),
        ("12", "Trên đại học"),
        ("13", "Dưới 5 năm"),
        ("14", "Từ 5 đến 10 năm"),
        ("15", "Từ 10 năm trở lên"),
    ]
    figures = {r.label: _figures(table, r.label) for r in table.rows if r.code}
    assert figures == {
        "Tổng số": (6, 5),
        "Từ 30 trở xuống": (1, 1),
        "Từ 31 đến 40": (1, 0),
        "Từ 41 đến 50": (0, 0),
        "Từ 51 đến 55": (1, 1),
        "Từ 56 đến 60": (1, 1),
        "Trên 60 tuổi": (1, 1),
        "Sơ cấp": (1, 1),
        "Trung cấp": (1, 1),
        "Cao đẳng": (0, 0),
        "Đại học": (2, 2),
        "Trên đại học": (1, 0),
        "Dưới 5 năm": (1, 1),
        "Từ 5 đến 10 năm": (2, 1),
        "Từ 10 năm trở lên": (2, 2),
    }
    assert [c.group for c in table.columns] == ["Số lượng (Người)"] * 2
    assert [c.label for c in table.columns] == ["Tổng số", "Trong đó: Nữ"]
    notes = " ".join(table.notes)
    assert "4 chuyên trách, 2 kiêm nhiệm" in notes
    assert (
        "Có trong tổng số nhưng không ở dòng tương ứng: 1 người chưa có ngày sinh; 1 người "
        "chưa có trình độ đào tạo; 1 người chưa có ngày bắt đầu làm công tác thi đua, khen "
        "thưởng." in notes
    )
    assert "chưa đối chiếu" in notes


def test_0605_of_a_unit_counts_its_subtree_only_and_the_year_moves_the_bands(cast):
    scope = scope_from_value(f"unit:{cast.thads_lao_cai.pk}", None)
    assert _figures(staff_table(scope, YEAR), "Tổng số") == (5, 4)
    # A year later the one who began in 2026 counts, everyone is a year older.
    later = staff_table(scope, YEAR + 1)
    assert _figures(later, "Tổng số") == (6, 4)
    assert _figures(later, "Từ 30 trở xuống") == (0, 0)
    assert _figures(later, "Từ 31 đến 40") == (2, 1)
    assert _figures(later, "Từ 10 năm trở lên") == (2, 2)


def test_0605_of_a_grouping_counts_the_members_of_that_year(cast):
    cluster = ClusterFactory(name="Khối thi đua Miền núi phía Bắc")
    ClusterMembershipFactory(cluster=cluster, unit=cast.thads_long_an, year=YEAR)
    ClusterMembershipFactory(cluster=cluster, unit=cast.thads_lao_cai, year=YEAR - 1)
    scope = Scope(Scope.CLUSTER, cluster.pk, cluster.name, "", "Hà Nội")
    assert _figures(staff_table(scope, YEAR), "Tổng số") == (1, 1)
    assert _figures(staff_table(scope, YEAR - 1), "Tổng số") == (5, 4)


@pytest.fixture
def bodies(sector):
    UnitFactory(
        name="Vụ Thi đua – Khen thưởng", parent=sector.ministry, tdkt_body=TdktBody.DEPARTMENT
    )
    for unit in (sector.thads_long_an, sector.thads_lao_cai):
        unit.tdkt_body = TdktBody.DIVISION
        unit.save()
    UnitFactory(
        name="Cục Thi hành án dân sự tỉnh Lào Cai (cũ)",
        parent=sector.hq,
        agency_type=AgencyType.THADS_PROVINCE,
        valid_to=D(2025, 6, 30),
        tdkt_body=TdktBody.DIVISION,
    )
    UnitFactory(
        name="Công an tỉnh Long An",
        agency_type=AgencyType.EXTERNAL,
        tdkt_body=TdktBody.DIVISION,
    )
    return sector


def test_0604_counts_the_bodies_valid_at_the_end_of_the_year(bodies):
    table = bodies_table(sector_scope(), YEAR)
    rows = [(r.code, r.label, r.unit, table.cells(r)) for r in table.rows]
    assert rows == [
        ("01", "Tổng số", "Tổ chức", [3]),
        ("", "Chia theo cơ cấu tổ chức bộ máy", "", [""]),
        ("02", "Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "Vụ", [1]),
        ("03", "Cấp phòng, ban hoặc bộ phận thuộc Vụ", "Phòng", [2]),
        ("04", "Cấp ban thuộc Sở Nội vụ", "Ban", ["—"]),
        ("05", "Cấp phòng thuộc Sở Nội vụ", "Phòng", ["—"]),
    ]
    assert _cells(bodies_table(sector_scope(), YEAR - 1), "Tổng số") == {"count": 4}
    lao_cai = scope_from_value(f"unit:{bodies.thads_lao_cai.pk}", None)
    own = bodies_table(lao_cai, YEAR)
    assert _cells(own, "Tổng số") == {"count": 1}
    assert _cells(own, "Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương") == {"count": 0}


def test_each_table_is_one_query_however_many_people(cast, bodies, django_assert_num_queries):
    scope = sector_scope()
    with django_assert_num_queries(1):
        staff_table(scope, YEAR)
    with django_assert_num_queries(1):
        bodies_table(scope, YEAR)
    for born in range(1960, 2000, 4):
        _staff(cast.thads_long_an, F, born, L.UNIVERSITY, PART, D(2018, 1, 1))
        UnitFactory(parent=cast.hq, tdkt_body=TdktBody.DIVISION)
    with django_assert_num_queries(1):
        assert _figures(staff_table(scope, YEAR), "Tổng số") == (16, 15)
    with django_assert_num_queries(1):
        assert _cells(bodies_table(scope, YEAR), "Tổng số") == {"count": 13}


def test_a_leader_gets_0605_of_their_unit_and_not_of_another(cast, leader_lao_cai, login):
    client = login(leader_lao_cai)
    query = {"scope": f"unit:{cast.thads_lao_cai.pk}", "year": YEAR, "form": "0605"}
    page = client.get(reverse("reports:statistics"), query)
    assert page.status_code == 200
    html = page.content.decode()
    assert "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG" in html
    assert '<th scope="col" colspan="2">Số lượng (Người)</th>' in html
    assert "3 chuyên trách, 2 kiêm nhiệm" in html
    other = {**query, "scope": f"unit:{cast.thads_long_an.pk}"}
    assert client.get(reverse("reports:statistics"), other).status_code == 404
    sector = {**query, "scope": "sector"}
    assert client.get(reverse("reports:statistics"), sector).status_code == 404


def test_0605_workbook_prints_the_forms_layout_and_counts(cast, admin_user, login):
    query = {"scope": "sector", "year": YEAR, "form": "0605", "format": "xlsx"}
    response = login(admin_user).get(reverse("reports:statistics"), query)
    assert response["Content-Disposition"].endswith('bieu-0605N-sector-2025.xlsx"')
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Biểu số: 0605.N/BNV-TĐKT"
    top = next(i for i, row in enumerate(rows) if row[1] == "Mã số")
    assert rows[top][2] == "Số lượng (Người)"
    assert rows[top + 1][2:4] == ("Tổng số", "Trong đó: Nữ")
    assert rows[top + 2][:4] == ("A", "B", 1, 2)
    values = {row[0].strip(): row[1:4] for row in rows[top + 3 :] if row[0] and row[1]}
    assert values["Tổng số"] == ("01", 6, 5)
    assert values["Từ 30 trở xuống"] == ("02", 1, 1)
    assert values["Trên đại học"] == ("12", 1, 0)
    assert values["Từ 10 năm trở lên"] == ("15", 2, 2)


def test_0604_workbook_has_the_unit_column(bodies, admin_user, login):
    query = {"scope": "sector", "year": YEAR, "form": "0604", "format": "xlsx"}
    response = login(admin_user).get(reverse("reports:statistics"), query)
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, row in enumerate(rows) if row[1] == "Mã số")
    assert rows[top][:4] == (None, "Mã số", "Đơn vị tính", "Số lượng")
    values = {row[0].strip(): row[1:4] for row in rows[top + 2 :] if row[0] and row[1]}
    assert values["Tổng số"] == ("01", "Tổ chức", 3)
    assert values["Cấp phòng, ban hoặc bộ phận thuộc Vụ"] == ("03", "Phòng", 2)
    assert values["Cấp ban thuộc Sở Nội vụ"] == ("04", "Ban", "—")


@pytest.mark.parametrize(
    ("form", "title"),
    [
        ("0604", "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG"),
        ("0605", "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG"),
    ],
)
def test_the_pdf_is_set_in_the_official_font_and_reads_back(
    form, title, cast, bodies, admin_user, login
):
    query = {"scope": "sector", "year": YEAR, "form": form, "format": "pdf"}
    response = login(admin_user).get(reverse("reports:statistics"), query)
    content = body(response)
    assert response["Content-Type"] == "application/pdf"
    assert embedded_families(content) == {PDF_FONT_FAMILY}
    text = text_of(content)
    assert title in text
    assert f"{form}.N/BNV-TĐKT" in text
    assert "NGƯỜI LẬP BIỂU" in text
    if form == "0605":
        assert "Từ 30 trở xuống 02 1 1" in text
        assert "Từ 10 năm trở lên 15 2 2" in text
    else:
        assert "Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương 02 Vụ 1" in text
