"""The report's data and words: scope, counts, sentences, tables, fixed query counts."""

import pytest

from awards.models import Nominee, Proposal
from awards.reports import summary
from awards.reports.data import load_report
from awards.reports.scope import Period, scope_from_value
from tests.awards.reports.helpers import EXPECTED_SENTENCE
from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    NomineeFactory,
    ProposalFactory,
    UnitFactory,
)

Y2025 = Period(2025, 2025)


def _report(value, period=Y2025, **kwargs):
    return load_report(scope_from_value(value, period), period, **kwargs)


def test_count_text_has_two_digits_and_dots_between_thousands():
    assert [summary.count_text(n) for n in (1, 8, 12, 120, 1500, 15000)] == [
        "01",
        "08",
        "12",
        "120",
        "1.500",
        "15.000",
    ]


def test_sector_sentence_groups_by_authority_then_form_with_subjects_apart(report_world):
    data = _report("sector")
    blocks = summary.authority_blocks(data)
    assert summary.summary_sentence(blocks) == EXPECTED_SENTENCE
    paragraphs = summary.paragraphs(data, blocks)
    assert paragraphs[0] == f"Kết quả khen thưởng năm 2025: {EXPECTED_SENTENCE}"
    assert paragraphs[1] == (
        "Tổng cộng 13 lượt khen thưởng, cho 02 tập thể (02 lượt) và 11 cá nhân (11 lượt)."
    )
    assert paragraphs[2] == "Không có đề nghị khen thưởng nào đang chờ quyết định."
    # One revoked conferment and one on a revoked decision; the draft decision is no award.
    assert paragraphs[3].startswith("Số liệu không tính 02 trường hợp khen thưởng đã bị hủy bỏ")


def test_a_unit_scope_counts_its_subtree_only(report_world):
    sector = report_world.sector
    data = _report(f"unit:{sector.thads_long_an.pk}")
    sentence = summary.summary_sentence(summary.authority_blocks(data))
    assert sentence == (
        "Chủ tịch nước tặng Huân chương Lao động hạng Ba cho 01 cá nhân; "
        "Thủ tướng Chính phủ tặng Bằng khen cho 01 cá nhân; "
        "Bộ Tư pháp tặng Cờ thi đua ngành cho 01 tập thể, Bằng khen cho 01 tập thể và 04 cá nhân."
    )
    table = summary.unit_table(data)
    rows = {row.label: (collective, individual) for row, _c, collective, individual in table.rows}
    # The agency itself (its flag) and its district office with the subtree's people.
    assert rows == {
        "Thi hành án dân sự tỉnh Long An": (1, 0),
        "Phòng Thi hành án dân sự khu vực 1 – Long An": (1, 6),
    }
    assert (table.total_collective, table.total_individual) == (2, 6)


def test_the_per_unit_table_of_the_sector_sums_to_the_totals(report_world):
    data = _report("sector")
    table = summary.unit_table(data)
    assert [a.report_name for a in table.authorities] == [
        "Chủ tịch nước",
        "Thủ tướng Chính phủ",
        "Bộ Tư pháp",
    ]
    assert (table.total_collective, table.total_individual) == (2, 11)
    by_label = {row.label: cells for row, cells, _c, _i in table.rows}
    # Under the ministry: the enforcement HQ row holds both provinces' awards.
    assert by_label["Cục Quản lý thi hành án dân sự"] == [0, 1, 0, 2, 2, 8]


def test_a_year_without_awards_is_an_empty_report_not_an_error(report_world):
    data = _report("sector", Period(2019, 2019))
    blocks = summary.authority_blocks(data)
    assert data.is_empty and blocks == []
    assert summary.paragraphs(data, blocks)[0] == (
        "Trong năm 2019, không có tập thể, cá nhân nào thuộc phạm vi báo cáo được khen thưởng."
    )
    assert data.recipients == []


def test_a_period_counts_every_year_of_it_and_says_so(report_world):
    data = _report("sector", Period(2021, 2025))
    assert data.period.label == "giai đoạn 2021–2025"
    assert data.total == 14  # 2025's thirteen and 2024's Bằng khen
    assert data.trend[2024] == 1 and data.trend[2025] == 13


def test_a_grouping_counts_its_members_of_each_year_only(report_world):
    sector = report_world.sector
    cluster = ClusterFactory(name="Khối thi đua THADS phía Nam")
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_long_an, year=2025)
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_lao_cai, year=2024)
    data = _report(f"cluster:{cluster.pk}", Period(2024, 2025))
    # Lào Cai's 2024 award counts (member in 2024), its 2025 awards do not.
    assert data.total == 8 + 1
    rows = {row.label: sum(row.counts.values()) for row in data.unit_rows}
    assert rows == {"Thi hành án dân sự tỉnh Long An": 8, "Thi hành án dân sự tỉnh Lào Cai": 1}


def test_a_successor_reports_its_predecessors_history(report_world):
    sector = report_world.sector
    merged = UnitFactory(name="Thi hành án dân sự tỉnh Tây Ninh", parent=sector.hq)
    merged.predecessors.add(sector.thads_long_an)
    data = _report(f"unit:{merged.pk}")
    assert data.total == 8
    assert "Phòng Thi hành án dân sự khu vực 1 – Long An" in [r.label for r in data.unit_rows]


def test_recipients_are_listed_by_authority_then_form(report_world):
    data = _report("sector")
    names = [(data.awards[r.key].code, r.name) for r in data.recipients]
    assert names[0] == ("hcld-3-ca-nhan", "Nguyễn Văn An")
    assert [code for code, _n in names].count("bk-bo-ca-nhan") == 8
    flag = next(r for r in data.recipients if r.collective and r.name.startswith("Thi hành án"))
    assert flag.unit == "Cục Quản lý thi hành án dân sự"  # a collective's parent unit


@pytest.mark.parametrize("value", ["sector", "small", "large"])
def test_the_data_comes_from_a_fixed_number_of_queries(
    report_world, django_assert_num_queries, value
):
    sector = report_world.sector
    scopes = {
        "sector": ("sector", 8),
        "small": (f"unit:{sector.district.pk}", 9),
        "large": (f"unit:{sector.ministry.pk}", 9),
    }
    scope_value, expected = scopes[value]
    scope = scope_from_value(scope_value, Y2025)
    if value == "large":  # more units and awards must not mean more queries
        for i in range(5):
            unit = UnitFactory(parent=sector.hq, name=f"Đơn vị thêm {i}")
            report_world.give("bk-bo-tap-the", unit=unit)
    with django_assert_num_queries(expected):
        data = load_report(scope, Y2025)
    assert data.recipients is not None


def test_the_digest_changes_with_what_the_report_prints(report_world):
    before = _report("sector").digest
    assert _report("sector").digest == before
    person = report_world.lao_cai[1]
    person.full_name = "Lê Văn Đức Mới"
    person.save()
    assert _report("sector").digest != before


def test_people_are_counted_apart_from_their_awards(report_world):
    # A second award to someone already awarded: one more "lượt", no more people.
    report_world.give("bk-bo-ca-nhan", person=report_world.long_an[0])
    data = _report("sector")
    paragraphs = summary.paragraphs(data, summary.authority_blocks(data))
    assert paragraphs[1] == (
        "Tổng cộng 14 lượt khen thưởng, cho 02 tập thể (02 lượt) và 11 cá nhân (12 lượt)."
    )


def _pending_world(report_world):
    """Two proposals sent up from Long An (one to the Prime Minister through the ministry),
    one still a draft, one decided, and one from Lào Cai."""
    sector = report_world.sector
    awards = report_world.give.awards
    ministry = sector.ministry

    def propose(unit, code, status, *people, year=2025):
        award = awards[code]
        proposal = ProposalFactory(
            proposing_unit=unit,
            authority=award.authority,
            authority_unit=ministry,
            current_unit=ministry,
            year=year,
            status=status,
        )
        for who in people:
            if who is None:
                NomineeFactory(proposal=proposal, award=award, person=None, unit=unit)
            else:
                NomineeFactory(proposal=proposal, award=award, person=who, unit=None)
        return proposal

    long_an, lao_cai = report_world.long_an, report_world.lao_cai
    propose(
        sector.thads_long_an, "bk-ttg-ca-nhan", Proposal.Status.FORWARDED_UP, long_an[2], long_an[3]
    )
    mixed = propose(sector.district, "co-nganh", Proposal.Status.ON_AGENDA, None)
    NomineeFactory(proposal=mixed, award=awards["bk-bo-ca-nhan"], person=long_an[4], unit=None)
    withdrawn = NomineeFactory(
        proposal=mixed, award=awards["bk-bo-ca-nhan"], person=long_an[5], unit=None
    )
    withdrawn.result = Nominee.Result.WITHDRAWN
    withdrawn.save()
    propose(sector.district, "bk-bo-ca-nhan", Proposal.Status.DRAFT, long_an[1])
    propose(sector.district, "bk-bo-ca-nhan", Proposal.Status.DECIDED, long_an[0])
    propose(sector.district, "bk-bo-ca-nhan", Proposal.Status.FORWARDED, long_an[0], year=2023)
    propose(sector.thads_lao_cai, "bk-bo-ca-nhan", Proposal.Status.FORWARDED, lao_cai[1])


def test_a_report_lists_what_is_pending_in_its_scope_and_period(report_world):
    _pending_world(report_world)
    data = _report(f"unit:{report_world.sector.thads_long_an.pk}")
    assert summary.pending_sentence(data) == (
        "Đang đề nghị (đã gửi, chưa có quyết định): 02 đề nghị, "
        "chờ Thủ tướng Chính phủ xét tặng Bằng khen cho 02 cá nhân; "
        "chờ Bộ Tư pháp xét tặng Cờ thi đua ngành cho 01 tập thể, Bằng khen cho 01 cá nhân."
    )
    # The sector sees Lào Cai's too; a draft, a decided one and another year never count.
    sector = _report("sector")
    assert sector.pending_proposals == 3
    assert summary.pending_sentence(sector).endswith(
        "chờ Bộ Tư pháp xét tặng Cờ thi đua ngành cho 01 tập thể, Bằng khen cho 02 cá nhân."
    )
    assert summary.pending_sentence(
        _report(f"unit:{report_world.sector.hq.pk}", Period(2024, 2024))
    ) == ("Không có đề nghị khen thưởng nào đang chờ quyết định.")


def test_a_grouping_says_how_many_members_earned_each_award(report_world):
    sector = report_world.sector
    cluster = ClusterFactory(name="Khối thi đua THADS")
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_long_an, year=2025)
    ClusterMembershipFactory(cluster=cluster, unit=sector.thads_lao_cai, year=2025)
    # A Bằng khen to Lào Cai's agency itself (not to a sub-unit).
    report_world.give("bk-bo-tap-the", unit=sector.thads_lao_cai)
    data = _report(f"cluster:{cluster.pk}")
    assert data.members == 2
    assert summary.share_sentence(data) == (
        "Đơn vị thành viên được khen thưởng (không tính đơn vị trực thuộc): "
        "Chủ tịch nước tặng Huân chương Lao động hạng Ba (cá nhân) 00/02 đơn vị; "
        "Thủ tướng Chính phủ tặng Bằng khen (cá nhân) 01/02 đơn vị; "
        "Bộ Tư pháp tặng Cờ thi đua ngành (tập thể) 01/02 đơn vị, "
        "Bằng khen (cá nhân) 01/02 đơn vị, Bằng khen (tập thể) 01/02 đơn vị."
    )
    scope = scope_from_value(f"cluster:{cluster.pk}", Y2025)
    wide = load_report(scope, Y2025, subunits=True)
    assert summary.share_sentence(wide) == (
        "Đơn vị thành viên được khen thưởng (tính cả đơn vị trực thuộc): "
        "Chủ tịch nước tặng Huân chương Lao động hạng Ba (cá nhân) 01/02 đơn vị; "
        "Thủ tướng Chính phủ tặng Bằng khen (cá nhân) 02/02 đơn vị; "
        "Bộ Tư pháp tặng Cờ thi đua ngành (tập thể) 01/02 đơn vị, "
        "Bằng khen (cá nhân) 02/02 đơn vị, Bằng khen (tập thể) 02/02 đơn vị."
    )
    assert wide.digest != data.digest
    # The sentence is in the report's paragraphs; a unit's report has none.
    assert summary.share_sentence(data) in summary.paragraphs(data, summary.authority_blocks(data))
    assert summary.share_sentence(_report(f"unit:{sector.thads_long_an.pk}")) == ""
