"""Reports count an award under the authority that conferred it (its decision's).

"Tập thể lao động xuất sắc" is in the catalogue under the Minister; a provincial
Chairman's decision (…/QĐ-UBND) also confers it, and must be reported under the province.
"""

import datetime
import io

import pytest
from openpyxl import load_workbook

from awards.catalogue.models import Authority, Award
from awards.reports import excel, pdf, statistics, summary
from awards.reports.data import load_report
from awards.reports.scope import Period, sector_scope
from tests.factories import ConfermentFactory, DecisionFactory, UnitFactory
from tests.seeded_catalogue import seeded_catalogue
from units.models import AgencyType

D = datetime.date
Y2025 = Period(2025, 2025)


@pytest.fixture(name="ttldxs_world")
def ttldxs_world_fixture(sector):
    seeded_catalogue()
    award = Award.objects.get(code="tt-ldxs")
    minister = Authority.objects.get(code="bo-truong-btp")
    chairman = Authority.objects.get(code="chu-tich-ubnd-tinh")
    ubnd = UnitFactory(name="Ủy ban nhân dân tỉnh Long An", agency_type=AgencyType.EXTERNAL)
    department = UnitFactory(name="Sở Tư pháp tỉnh Long An", parent=sector.ministry)
    by_minister = DecisionFactory(
        authority=minister,
        issuing_unit=sector.ministry,
        number="101/QĐ-BTP",
        year=2026,
        signed_on=D(2026, 2, 10),
    )
    by_chairman = DecisionFactory(
        authority=chairman,
        issuing_unit=ubnd,
        number="245/QĐ-UBND",
        year=2026,
        signed_on=D(2026, 1, 20),
        signer_position="Chủ tịch",
    )
    for unit in (sector.thads_long_an, sector.thads_lao_cai):
        ConfermentFactory(decision=by_minister, award=award, unit=unit, year=2025)
    for conferment_unit in (department,):
        ConfermentFactory(decision=by_chairman, award=award, unit=conferment_unit, year=2025)
    return award, minister, chairman


def test_a_chairmans_ttldxs_is_counted_under_the_province_not_the_ministry(ttldxs_world):
    data = load_report(sector_scope(), Y2025)
    blocks = {b.authority.report_name: b for b in summary.authority_blocks(data)}
    assert blocks["Bộ Tư pháp"].collective == 2
    assert blocks["Chủ tịch Ủy ban nhân dân tỉnh"].collective == 1
    assert summary.summary_sentence(summary.authority_blocks(data)) == (
        "Bộ Tư pháp tặng Tập thể lao động xuất sắc cho 02 tập thể; "
        "Chủ tịch Ủy ban nhân dân tỉnh tặng Tập thể lao động xuất sắc cho 01 tập thể."
    )
    assert data.total == 3
    table = summary.unit_table(data)
    assert [a.report_name for a in table.authorities] == [
        "Bộ Tư pháp",
        "Chủ tịch Ủy ban nhân dân tỉnh",
    ]
    assert table.totals == [2, 0, 1, 0]


def test_the_excel_recipients_sheet_names_the_authority_that_conferred_it(ttldxs_world):
    data = load_report(sector_scope(), Y2025)
    workbook = load_workbook(io.BytesIO(excel.report_workbook(data, D(2026, 3, 1))))
    rows = list(workbook.worksheets[-1].iter_rows(values_only=True))
    header, lines = rows[0], rows[1:]
    by_name = {line[1]: line[header.index("Cấp khen thưởng")] for line in lines}
    assert by_name["Sở Tư pháp tỉnh Long An"] == "Chủ tịch Ủy ban nhân dân tỉnh"
    assert by_name["Thi hành án dân sự tỉnh Long An"] == "Bộ Tư pháp"
    summary_cells = [c for row in workbook.worksheets[0].iter_rows(values_only=True) for c in row]
    assert "Chủ tịch Ủy ban nhân dân tỉnh" in summary_cells


def test_the_pdf_annex_groups_the_recipients_by_the_conferring_authority(ttldxs_world):
    data = load_report(sector_scope(), Y2025)
    headings = [row.cells[0] for row in pdf.annex_rows(data) if row.heading]
    assert headings == [
        "I. Tập thể lao động xuất sắc – tập thể (Bộ Tư pháp): 02",
        "II. Tập thể lao động xuất sắc – tập thể (Chủ tịch Ủy ban nhân dân tỉnh): 01",
    ]


def test_statistics_count_by_the_level_of_the_conferring_authority(ttldxs_world, sector):
    award, _minister, _chairman = ttldxs_world
    # The Prime Minister's decision on a ministry-level award is counted with the State's.
    prime_minister = Authority.objects.get(code="thu-tuong")
    award.rules.first().conferring_authorities.add(prime_minister)
    decision = DecisionFactory(
        authority=prime_minister, issuing_unit=sector.ministry, year=2026, signed_on=D(2026, 3, 1)
    )
    ConfermentFactory(decision=decision, award=award, unit=sector.hq, year=2025)
    state = statistics.award_table("0602", sector_scope(), 2026)
    ministry = statistics.award_table("0603", sector_scope(), 2026)
    assert state.rows[0].values["total"] == 1
    assert ministry.rows[0].values["total"] == 3
