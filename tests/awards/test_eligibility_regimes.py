"""Verdicts on the seeded catalogue: each year is judged under the rules of its time.

One test per regime (Decree 42/2010, 65/2014, 91/2017, 98/2023, 152/2025) asserting the
legal basis the verdict names, and one per corrected rule of issue #15 §0, named after
its article.
"""

import datetime
from types import SimpleNamespace

import pytest

from awards.catalogue.models import Award
from awards.eligibility import (
    CheckCode,
    CheckStatus,
    VerdictStatus,
    evaluate_one,
    next_steps,
    quota_check,
)
from awards.models import Nominee
from awards.services.notices import working_days_end
from awards.services.voting import tally
from awards.workflow import notice_refusal
from tests.factories import (
    DisciplineFactory,
    InitiativeFactory,
    PersonFactory,
    RatingFactory,
    UnitFactory,
)
from tests.seeded_catalogue import seeded_catalogue
from units.models import Discipline, InitiativeLevel, QualityRating

D = datetime.date
Rating = QualityRating.Rating


@pytest.fixture
def catalogue(db):
    seeded_catalogue()
    return {award.code: award for award in Award.objects.all()}


def check(verdict, code):
    (found,) = [c for c in verdict.checks if c.code == code]
    return found


def codes(verdict):
    return {c.code for c in verdict.checks}


def initiatives(person, *years, level=InitiativeLevel.BASE):
    for year in years:
        InitiativeFactory(
            year=year,
            level=level,
            unit=person.unit,
            decision_date=D(year, 11, 20),
            authors=[person],
        )


@pytest.fixture
def team(sector):
    unit = UnitFactory(name="Phòng Thi hành án dân sự khu vực 2", parent=sector.thads_long_an)
    members = [PersonFactory(full_name=f"Thành viên {n}", assigned_to=unit) for n in range(4)]
    return unit, members


# --- no year since 2010 lacks a rule -----------------------------------------------------


def test_no_year_since_2010_is_without_rules(catalogue, nominee, team):
    unit, _members = team
    for year in range(2010, 2027):
        for award in catalogue.values():
            subject = unit if award.is_collective else nominee
            verdict = evaluate_one(award=award, subject=subject, year=year)
            assert verdict.status != VerdictStatus.NO_RULE, (award.code, year)
            assert CheckCode.NO_RULE not in codes(verdict)
    # Proposals dated 21–25/07/2018 found no rule under the old start date (26/07/2018).
    verdict = evaluate_one(award=catalogue["cstdcs"], subject=nominee, year=2017, on=D(2018, 7, 23))
    assert "Thông tư 05/2018/TT-BTP" in verdict.citation


# --- one verdict per regime --------------------------------------------------------------


def test_2012_cstdcs_under_decree_42_2010(catalogue, confer, nominee):
    """Law 2003 Art. 23 with Decree 42/2010: LĐTT and a recognised initiative."""
    confer(catalogue["ldtt"], 2012, person=nominee)
    initiatives(nominee, 2012)

    verdict = evaluate_one(award=catalogue["cstdcs"], subject=nominee, year=2012)

    assert verdict.status == VerdictStatus.ELIGIBLE
    assert verdict.citation == (
        "Luật 15/2003/QH11; Luật 47/2005/QH11; Nghị định 42/2010/NĐ-CP "
        "(áp dụng từ 01/01/2010 đến 30/06/2014)"
    )
    assert verdict.rule.unverified  # the 2005 wording is not checked against the text


def test_2016_bk_ttg_under_decree_65_2014_needs_five_initiatives(catalogue, confer, nominee):
    """Decree 65/2014 Art. 23(1)(c): ministry Bằng khen, 5 years excellent, 5 initiatives."""
    confer(catalogue["bk-bo-ca-nhan"], 2011, person=nominee)
    RatingFactory(person=nominee, year=2016, rating=Rating.EXCELLENT)
    initiatives(nominee, 2012, 2013, 2014)

    short = evaluate_one(award=catalogue["bk-ttg-ca-nhan"], subject=nominee, year=2016)
    initiatives(nominee, 2015, 2016)
    full = evaluate_one(award=catalogue["bk-ttg-ca-nhan"], subject=nominee, year=2016)

    assert "Nghị định 65/2014/NĐ-CP" in full.citation
    assert "Thông tư 07/2014/TT-BNV" in full.citation
    assert check(short, CheckCode.INITIATIVES).message.startswith(
        "Yêu cầu 05 sáng kiến cấp cơ sở trong 5 năm gần nhất (2012–2016) — mới có 03"
    )
    assert short.status == VerdictStatus.WARNINGS
    assert full.status == VerdictStatus.ELIGIBLE


def test_2019_cstdcs_under_decree_91_2017_initiative_and_15_percent_cap(
    catalogue, confer, nominee, sector
):
    """Decree 91/2017 Art. 9(3): LĐTT, an initiative (compulsory), ≤ 15 % of the LĐTT."""
    confer(catalogue["ldtt"], 2019, person=nominee)
    RatingFactory(person=nominee, year=2019, rating=Rating.EXCELLENT)

    verdict = evaluate_one(award=catalogue["cstdcs"], subject=nominee, year=2019)
    quota = quota_check(
        award=catalogue["cstdcs"],
        unit=sector.thads_long_an,
        year=2019,
        proposed_count=2,
        base_count=10,
    )

    assert "Nghị định 91/2017/NĐ-CP" in verdict.citation
    assert "Thông tư 05/2018/TT-BTP" in verdict.citation
    # Excellent completion does not replace the initiative before the 2022 Law.
    assert check(verdict, CheckCode.INITIATIVES).status == CheckStatus.WARN
    assert quota.status == CheckStatus.WARN
    assert "15 %" in quota.message


def test_2024_cstdcs_under_decree_98_2023(catalogue, confer, nominee):
    """Law 06/2022 Art. 23: CSTĐCS needs excellent completion OR an initiative."""
    confer(catalogue["ldtt"], 2024, person=nominee)
    RatingFactory(person=nominee, year=2024, rating=Rating.EXCELLENT)

    verdict = evaluate_one(award=catalogue["cstdcs"], subject=nominee, year=2024)

    assert verdict.status == VerdictStatus.ELIGIBLE
    assert verdict.citation == (
        "Luật 06/2022/QH15; Nghị định 98/2023/NĐ-CP; Thông tư 11/2023/TT-BTP "
        "(áp dụng từ 12/02/2024 đến 30/06/2025)"
    )
    assert check(verdict, CheckCode.INITIATIVES).message == (
        "Xếp loại năm 2024: Hoàn thành xuất sắc nhiệm vụ — đạt tiêu chuẩn (Hoàn thành xuất "
        "sắc nhiệm vụ hoặc có sáng kiến), không cần thêm sáng kiến"
    )


def test_2026_cstd_nganh_under_decree_152_2025_keeps_the_law_standard(catalogue, confer, nominee):
    """Law 06/2022 Art. 22: 3 consecutive CSTĐCS stay mandatory under Decree 152/2025."""
    for year in (2025, 2026):
        confer(catalogue["cstdcs"], year, person=nominee)
    initiatives(nominee, 2026, level=InitiativeLevel.MINISTRY)

    two = evaluate_one(award=catalogue["cstd-nganh"], subject=nominee, year=2026)
    confer(catalogue["cstdcs"], 2024, person=nominee)
    three = evaluate_one(award=catalogue["cstd-nganh"], subject=nominee, year=2026)

    assert "Nghị định 152/2025/NĐ-CP" in two.citation
    assert two.status == VerdictStatus.BLOCKED
    assert check(two, CheckCode.PREREQUISITE).status == CheckStatus.BLOCK
    assert "không bắt buộc" not in check(two, CheckCode.PREREQUISITE).message
    assert three.status == VerdictStatus.ELIGIBLE


# --- §0: today's rules, each with its article --------------------------------------------


def test_law_2022_art_23_cstdcs_needs_excellent_completion_or_an_initiative(
    catalogue, confer, nominee
):
    """Law 06/2022 Art. 23: "hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến"; neither
    blocks; an initiative alone is enough; no 15 % cap (Decree 91/2017 Art. 9(3) only)."""
    confer(catalogue["ldtt"], 2025, person=nominee)
    RatingFactory(person=nominee, year=2025, rating=Rating.GOOD)

    neither = evaluate_one(award=catalogue["cstdcs"], subject=nominee, year=2025)
    initiatives(nominee, 2025)
    with_initiative = evaluate_one(award=catalogue["cstdcs"], subject=nominee, year=2025)

    assert neither.status == VerdictStatus.BLOCKED
    assert check(neither, CheckCode.INITIATIVES).message.endswith(
        "xếp loại năm 2025 là Hoàn thành tốt nhiệm vụ, chưa đạt Hoàn thành xuất sắc nhiệm "
        "vụ — cần Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến"
    )
    assert with_initiative.status == VerdictStatus.ELIGIBLE
    rule = catalogue["cstdcs"].rule_on(D(2025, 3, 1))
    assert rule.quota_percent is None
    assert catalogue["cstdcs"].rule_on(D(2023, 3, 1)).quota_percent == 15


@pytest.mark.parametrize(
    ("code", "day", "threshold"),
    [
        ("cstdcs", D(2024, 12, 31), 80),
        ("co-nganh", D(2024, 12, 31), 80),
        ("cstd-nganh", D(2024, 12, 31), 90),
        ("cstd-toan-quoc", D(2026, 12, 31), 90),
        ("cstd-nganh", D(2019, 12, 31), 90),  # Decree 91/2017 Art. 45(8)
    ],
)
def test_decree_98_art_30_7_vote_threshold_of_all_council_members(catalogue, code, day, threshold):
    """Decree 98/2023 Art. 30(7): ≥ 80 % of all members for CSTĐCS and the ministry flag,
    ≥ 90 % for CSTĐ ngành / toàn quốc — not a simple majority (unverified text)."""
    rule = catalogue[code].rule_on(day)
    nominee = SimpleNamespace(pk=1, subject="Trần Thị Hoa")
    just = threshold // 10
    ended = [SimpleNamespace(ends_on=day, has_ended=lambda _today: True)]  # notice over
    results = [
        tally(nominee, rule, {1: (agree, 10 - agree, 0)}, 10, 10, day, ended).result
        for agree in (just - 1, just)
    ]
    assert results == [Nominee.Result.FAILED, Nominee.Result.PASSED]
    assert rule.vote_threshold_percent == threshold


def test_decree_98_art_4_1_a_lower_form_only_warns(catalogue, team):
    """Decree 98/2023 and 152/2025 Art. 4(1): the Government flag without the ministry flag
    is a warning, not a block."""
    unit, _members = team
    for year in (2024, 2026):
        verdict = evaluate_one(award=catalogue["co-chinh-phu"], subject=unit, year=year)
        assert verdict.status == VerdictStatus.WARNINGS
        assert check(verdict, CheckCode.PREREQUISITE).message.endswith(
            "(không bắt buộc theo quy định hiện hành)"
        )


def _excellent_team(catalogue, confer, members, year):
    for member in members:
        confer(catalogue["ldtt"], year, person=member)
        RatingFactory(person=member, year=year, rating=Rating.GOOD)
    confer(catalogue["cstdcs"], year, person=members[0])


def test_law_2022_art_27_tt_ldxs_has_no_discipline_clause(catalogue, confer, team):
    """Law 06/2022 Art. 27: no discipline clause (the old law excluded cảnh cáo or above)."""
    unit, members = team
    _excellent_team(catalogue, confer, members, 2024)
    DisciplineFactory(
        person=members[2],
        form=Discipline.Form.WARNING,
        decided_on=D(2024, 4, 2),
        ends_on=D(2025, 4, 1),
    )

    verdict = evaluate_one(award=catalogue["tt-ldxs"], subject=unit, year=2024)

    assert verdict.status == VerdictStatus.ELIGIBLE
    assert CheckCode.MEMBER_DISCIPLINE not in codes(verdict)


@pytest.mark.parametrize(
    ("form", "blocked"), [(Discipline.Form.REPRIMAND, False), (Discipline.Form.WARNING, True)]
)
def test_old_law_tt_ldxs_excluded_members_disciplined_from_canh_cao(
    catalogue, confer, team, form, blocked
):
    """Before 2024 (old Law): "không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên"."""
    unit, members = team
    _excellent_team(catalogue, confer, members, 2019)
    DisciplineFactory(person=members[2], form=form, decided_on=D(2019, 4, 2), ends_on=D(2020, 4, 1))

    verdict = evaluate_one(award=catalogue["tt-ldxs"], subject=unit, year=2019)

    assert (verdict.status == VerdictStatus.BLOCKED) is blocked
    assert (check(verdict, CheckCode.MEMBER_DISCIPLINE).status == CheckStatus.BLOCK) is blocked


def test_law_2022_art_73_1_b_bk_ttg_needs_3_cstdcs_not_5_initiatives(catalogue, confer, nominee):
    """Law 06/2022 Art. 73(1)(b): ministry Bằng khen, then ≥ 5 years "tốt" or better with
    3 CSTĐCS; the 5 initiatives were Decree 65/2014's."""
    confer(catalogue["bk-bo-ca-nhan"], 2018, person=nominee)
    for year in (2020, 2022, 2023):
        confer(catalogue["cstdcs"], year, person=nominee)
    RatingFactory(person=nominee, year=2024, rating=Rating.GOOD)

    verdict = evaluate_one(award=catalogue["bk-ttg-ca-nhan"], subject=nominee, year=2024)

    assert verdict.status == VerdictStatus.ELIGIBLE
    assert CheckCode.INITIATIVES not in codes(verdict)
    assert "Luật 06/2022/QH15" in verdict.citation


def test_law_2022_art_44_hcld_3_pm_bang_khen_and_3_cstdcs(catalogue, confer, nominee):
    """Law 06/2022 Art. 44(1)(e) (official English rendering; marked unverified): PM's
    Bằng khen, then ≥ 5 years "tốt" or better with 3 CSTĐCS."""
    confer(catalogue["bk-ttg-ca-nhan"], 2019, person=nominee)
    for year in (2021, 2023):
        confer(catalogue["cstdcs"], year, person=nominee)
    RatingFactory(person=nominee, year=2024, rating=Rating.GOOD)

    two = evaluate_one(award=catalogue["hcld-3-ca-nhan"], subject=nominee, year=2024)
    confer(catalogue["cstdcs"], 2024, person=nominee)
    three = evaluate_one(award=catalogue["hcld-3-ca-nhan"], subject=nominee, year=2024)

    assert two.status == VerdictStatus.WARNINGS  # Art. 44 has other standards
    assert three.status == VerdictStatus.ELIGIBLE
    assert three.rule.unverified
    assert "chưa đối chiếu văn bản" in three.rule.summary.lower()


def test_law_2022_art_74_1_d_bk_bo_two_consecutive_cstdcs(catalogue, confer, nominee):
    """Law 06/2022 Art. 74(1)(d): 2 consecutive CSTĐCS (one of several standards: warns)."""
    confer(catalogue["cstdcs"], 2024, person=nominee)
    one = evaluate_one(award=catalogue["bk-bo-ca-nhan"], subject=nominee, year=2024)
    confer(catalogue["cstdcs"], 2023, person=nominee)
    two = evaluate_one(award=catalogue["bk-bo-ca-nhan"], subject=nominee, year=2024)

    assert one.status == VerdictStatus.WARNINGS
    assert check(one, CheckCode.PREREQUISITE).message.startswith(
        "Yêu cầu 02 năm liên tục đạt Chiến sĩ thi đua cơ sở (2023–2024)"
    )
    assert two.status == VerdictStatus.ELIGIBLE
    bk_ubnd = catalogue["bk-ubnd-ca-nhan"].rule_on(D(2024, 12, 31)).prerequisites.get()
    assert (bk_ubnd.required_award.code, bk_ubnd.count, bk_ubnd.consecutive) == (
        "cstdcs",
        2,
        True,
    )


@pytest.mark.parametrize("code", ["hcld-3-ca-nhan", "cstd-toan-quoc", "hcld-1-tap-the"])
def test_decree_98_art_46_2_public_notice_of_at_least_10_working_days(catalogue, code):
    """Decree 98/2023 Art. 46(2): the list is public ≥ 10 working days before the council."""
    for day in (D(2024, 12, 31), D(2026, 12, 31)):
        rule = catalogue[code].rule_on(day)
        assert rule.public_notice_days == 10
        refusal = notice_refusal(SimpleNamespace(subject="Trần Thị Hoa"), rule, [], day)
        assert "lấy ý kiến công khai 10 ngày làm việc" in refusal
    assert working_days_end(D(2026, 11, 20), 10) == D(2026, 12, 3)
    assert catalogue[code].rule_on(D(2019, 12, 31)).public_notice_days == 5  # MoJ, Decree 91


def test_law_2022_art_23_alternative_shown_in_words_and_next_steps(catalogue, confer, nominee):
    """Law 06/2022 Art. 23: the catalogue and the next steps say the rating may replace
    the initiative."""
    confer(catalogue["ldtt"], 2025, person=nominee)
    steps = next_steps(person=nominee, year=2026)
    sentence = next(s for s in steps if "Chiến sĩ thi đua cơ sở năm 2026" in s)
    assert sentence.endswith(
        "cần thêm 01 sáng kiến cấp cơ sở (2026) hoặc xếp loại Hoàn thành xuất sắc nhiệm vụ"
    )
