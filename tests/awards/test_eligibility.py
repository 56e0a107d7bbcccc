"""The explained eligibility engine: each rule on a realistic history, and its scaling."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.eligibility import (
    CheckCode,
    CheckStatus,
    VerdictStatus,
    evaluate,
    evaluate_one,
    next_steps,
    quota_check,
)
from tests.factories import (
    DisciplineFactory,
    InitiativeFactory,
    LeaveFactory,
    PersonFactory,
    RatingFactory,
    ReviewFactory,
    UnitFactory,
)
from thidua.bench.eligibility_naive import evaluate_naive
from thidua.bench.eligibility_synthetic import Catalogue, seed_people
from units.models import Discipline, Leave, Person, QualityRating, Review

D = datetime.date
Rating = QualityRating.Rating


def check(verdict, code):
    (found,) = [c for c in verdict.checks if c.code == code]
    return found


# --- individual titles -------------------------------------------------------------------


def test_cstdcs_cites_the_ldtt_decision_and_warns_about_the_missing_initiative(
    award_catalogue, confer, nominee
):
    RatingFactory(person=nominee, year=2024, rating=Rating.GOOD)
    confer(
        award_catalogue.ldtt, 2024, person=nominee, number="12/QĐ-CTHADS", signed_on=D(2025, 1, 15)
    )

    verdict = evaluate_one(award=award_catalogue.cstdcs, subject=nominee, year=2024)

    assert verdict.status == VerdictStatus.WARNINGS
    assert check(verdict, CheckCode.PREREQUISITE).message == (
        "Yêu cầu đạt Lao động tiên tiến năm 2024 — đã đạt (QĐ 12/QĐ-CTHADS, 15/01/2025)"
    )
    initiative = check(verdict, CheckCode.INITIATIVES)
    assert initiative.status == CheckStatus.WARN
    assert initiative.message == "Yêu cầu 01 sáng kiến cấp cơ sở năm 2024 — chưa có"
    assert verdict.rule == award_catalogue.cstdcs_98
    assert verdict.citation == (
        "Luật 06/2022/QH15; Nghị định 98/2023/NĐ-CP (áp dụng từ 01/01/2024 đến 30/06/2025)"
    )


def test_a_recognised_initiative_makes_the_person_eligible(award_catalogue, confer, nominee):
    confer(award_catalogue.ldtt, 2025, person=nominee)
    InitiativeFactory(
        title="Số hóa hồ sơ thi hành án",
        year=2025,
        decision_number="45/QĐ-HĐSK",
        decision_date=D(2025, 11, 20),
        unit=nominee.unit,
        authors=[nominee],
    )

    verdict = evaluate_one(award=award_catalogue.cstdcs, subject=nominee, year=2025)

    assert verdict.status == VerdictStatus.ELIGIBLE
    assert check(verdict, CheckCode.INITIATIVES).message == (
        "Yêu cầu 01 sáng kiến cấp cơ sở năm 2025 — đã có: «Số hóa hồ sơ thi hành án» "
        "(cấp cơ sở, QĐ 45/QĐ-HĐSK, 20/11/2025)"
    )


def test_the_rule_version_is_the_one_in_force_on_the_reference_date(award_catalogue, nominee):
    InitiativeFactory(year=2025, unit=nominee.unit, authors=[nominee])

    old = evaluate_one(award=award_catalogue.cstdcs, subject=nominee, year=2025, on=D(2025, 6, 30))
    new = evaluate_one(award=award_catalogue.cstdcs, subject=nominee, year=2025)

    assert old.rule == award_catalogue.cstdcs_98 and new.rule == award_catalogue.cstdcs_152
    assert old.status == VerdictStatus.BLOCKED  # Decree 98: the LĐTT prerequisite was hard
    assert check(old, CheckCode.PREREQUISITE).message == (
        "Yêu cầu đạt Lao động tiên tiến năm 2025 — chưa có"
    )
    assert new.status == VerdictStatus.WARNINGS  # Decree 152: a ladder rule only warns
    assert check(new, CheckCode.PREREQUISITE).message == (
        "Yêu cầu đạt Lao động tiên tiến năm 2025 — chưa có (không bắt buộc theo quy định hiện hành)"
    )
    assert "152/2025/NĐ-CP" in new.citation and "98/2023" not in new.citation


def test_no_rule_in_force_says_so(award_catalogue, nominee):
    verdict = evaluate_one(award=award_catalogue.cstdcs, subject=nominee, year=2023)

    assert verdict.status == VerdictStatus.NO_RULE
    assert verdict.rule is None and verdict.citation == ""
    assert verdict.messages() == [
        "Chưa có tiêu chuẩn của Chiến sĩ thi đua cơ sở áp dụng vào ngày 31/12/2023 — "
        "cần cập nhật danh mục khen thưởng trước khi xét"
    ]


def test_rating_below_the_minimum_warns(award_catalogue, nominee):
    RatingFactory(person=nominee, year=2025, rating=Rating.COMPLETED)

    verdict = evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025)

    assert verdict.status == VerdictStatus.WARNINGS
    assert check(verdict, CheckCode.RATING).message == (
        "Xếp loại năm 2025: Hoàn thành nhiệm vụ — thấp hơn yêu cầu "
        "(từ Hoàn thành tốt nhiệm vụ trở lên)"
    )


def test_a_rating_exactly_at_the_minimum_meets_it(award_catalogue, nominee):
    RatingFactory(person=nominee, year=2025, rating=Rating.GOOD)

    verdict = evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025)

    rating = check(verdict, CheckCode.RATING)
    assert (rating.status, rating.message) == (
        CheckStatus.PASS,
        "Xếp loại năm 2025: Hoàn thành tốt nhiệm vụ — đạt yêu cầu "
        "(từ Hoàn thành tốt nhiệm vụ trở lên)",
    )
    assert verdict.status == VerdictStatus.ELIGIBLE


# --- hard rules --------------------------------------------------------------------------


def test_a_penalty_in_effect_blocks(award_catalogue, nominee):
    RatingFactory(person=nominee, year=2025, rating=Rating.EXCELLENT)
    DisciplineFactory(
        person=nominee,
        form=Discipline.Form.WARNING,
        decision_number="7/QĐ-CTHADS",
        decided_on=D(2025, 3, 1),
        ends_on=D(2026, 2, 28),
    )

    verdict = evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025)

    assert verdict.status == VerdictStatus.BLOCKED
    assert verdict.messages(CheckStatus.BLOCK) == [
        "Đang thi hành kỷ luật Cảnh cáo (QĐ 7/QĐ-CTHADS, 01/03/2025) đến ngày 28/02/2026 — "
        "không được đề nghị khen thưởng"
    ]


def test_a_penalty_during_the_year_blocks_even_once_ended(award_catalogue, nominee):
    DisciplineFactory(
        person=nominee, decision_number="5/QĐ-KL", decided_on=D(2024, 6, 1), ends_on=D(2025, 5, 31)
    )
    DisciplineFactory(
        person=nominee, decision_number="3/QĐ-KL", decided_on=D(2019, 6, 1), ends_on=None
    )

    verdict = evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025)

    blocks = verdict.messages(CheckStatus.BLOCK)
    assert len(blocks) == 2
    assert blocks[0] == (
        "Kỷ luật Khiển trách (QĐ 3/QĐ-KL, 01/06/2019) chưa ghi ngày hết thời hạn — "
        "coi như đang thi hành kỷ luật, không được đề nghị khen thưởng"
    )
    assert blocks[1].startswith("Bị kỷ luật Khiển trách trong năm 2025 (")
    assert blocks[1].endswith(
        "hết thời hạn 31/05/2025) — không được đề nghị khen thưởng cho thành tích năm 2025"
    )


def test_an_open_review_blocks_and_a_closed_one_does_not(award_catalogue, nominee, sector):
    ReviewFactory(person=nominee, kind=Review.Kind.DISCIPLINE, start=D(2025, 3, 1))
    closed = PersonFactory(assigned_to=sector.thads_long_an)
    ReviewFactory(person=closed, kind=Review.Kind.COMPLAINT, start=D(2025, 2, 1), end=D(2025, 5, 1))

    verdicts = evaluate(award=award_catalogue.ldtt, subjects=[nominee, closed], year=2025)

    assert verdicts[nominee.pk].messages(CheckStatus.BLOCK) == [
        "Đang bị xem xét kỷ luật từ 01/03/2025 — không được đề nghị khen thưởng"
    ]
    assert check(verdicts[closed.pk], CheckCode.REVIEW).status == CheckStatus.PASS


def test_achievements_count_only_after_a_penalty_ends(award_catalogue, confer, nominee):
    for year in (2023, 2024, 2025):
        confer(award_catalogue.cstdcs, year, person=nominee)
    DisciplineFactory(person=nominee, decided_on=D(2022, 6, 1), ends_on=D(2023, 5, 31))

    verdict = evaluate_one(award=award_catalogue.nganh, subject=nominee, year=2025)

    prerequisite = check(verdict, CheckCode.PREREQUISITE)
    assert prerequisite.status == CheckStatus.WARN
    assert "mới có 02 năm liên tục (2024–2025)" in prerequisite.message
    assert prerequisite.message.endswith(
        "Không tính thành tích năm 2023 vì trước khi hết thời hạn kỷ luật (31/05/2023)"
    )
    assert (
        "thành tích chỉ được tính từ năm 2024" in check(verdict, CheckCode.PENALTY_CUTOFF).message
    )
    assert check(verdict, CheckCode.DISCIPLINE).status == CheckStatus.PASS


def test_the_same_achievement_is_not_rewarded_twice(award_catalogue, confer, nominee, sector):
    confer(
        award_catalogue.ldtt, 2025, person=nominee, number="3/QĐ-CTHADS", signed_on=D(2026, 1, 8)
    )
    revoked_only = PersonFactory(assigned_to=sector.thads_long_an)
    confer(award_catalogue.ldtt, 2025, person=revoked_only, number="4/QĐ-CTHADS", revoked=True)

    verdicts = evaluate(award=award_catalogue.ldtt, subjects=[nominee, revoked_only], year=2025)

    assert check(verdicts[nominee.pk], CheckCode.ALREADY_REWARDED).message == (
        "Đã được tặng Lao động tiên tiến cho thành tích năm 2025 (QĐ 3/QĐ-CTHADS, 08/01/2026) — "
        "mỗi thành tích chỉ được khen thưởng một lần"
    )
    assert verdicts[nominee.pk].status == VerdictStatus.BLOCKED
    passed = check(verdicts[revoked_only.pk], CheckCode.ALREADY_REWARDED)
    assert passed.status == CheckStatus.PASS
    assert "Không tính Lao động tiên tiến năm 2025 (QĐ 4/QĐ-CTHADS, 15/01/2026) đã bị hủy" in (
        passed.message
    )


def test_a_once_only_award_given_before_blocks(award_catalogue, confer, nominee):
    confer(award_catalogue.knc, 2019, person=nominee, number="900/QĐ-BTP", signed_on=D(2019, 8, 20))
    nominee.joined_on = D(1995, 1, 1)
    nominee.save()

    verdict = evaluate_one(award=award_catalogue.knc, subject=nominee, year=2025)

    assert check(verdict, CheckCode.ONCE_PER_SUBJECT).message == (
        'Kỷ niệm chương "Vì sự nghiệp Tư pháp" chỉ tặng một lần — đã được tặng năm 2019 '
        "(QĐ 900/QĐ-BTP, 20/08/2019)"
    )
    assert verdict.status == VerdictStatus.BLOCKED


def test_service_time_counts_maternity_leave_but_not_other_leave(award_catalogue, nominee, sector):
    nominee.joined_on = D(2005, 9, 1)
    nominee.save()
    LeaveFactory(person=nominee, kind=Leave.Kind.MATERNITY, start=D(2010, 3, 1), end=D(2010, 8, 27))
    other = PersonFactory(assigned_to=sector.thads_long_an)
    other.joined_on = D(2005, 9, 1)
    other.save()
    LeaveFactory(person=other, kind=Leave.Kind.OTHER, start=D(2012, 1, 1), end=D(2012, 12, 31))

    verdicts = evaluate(award=award_catalogue.knc, subjects=[nominee, other], year=2025)

    assert check(verdicts[nominee.pk], CheckCode.SERVICE).message == (
        "Thời gian công tác đến 31/12/2025: 20 năm (vào ngành 01/09/2005; đã tính 180 ngày "
        "nghỉ thai sản) — đạt yêu cầu 20 năm"
    )
    short = check(verdicts[other.pk], CheckCode.SERVICE)
    assert short.status == CheckStatus.BLOCK
    assert short.message == (
        "Thời gian công tác đến 31/12/2025: 19 năm (vào ngành 01/09/2005; không tính 366 ngày "
        "nghỉ khác) — chưa đủ 20 năm"
    )


# --- ladder rules ------------------------------------------------------------------------


def test_consecutive_years_mean_no_gap(award_catalogue, confer, nominee, sector):
    for year in (2021, 2022, 2024, 2025):
        confer(award_catalogue.cstdcs, year, person=nominee)
    steady = PersonFactory(assigned_to=sector.thads_long_an)
    for year in (2023, 2024, 2025):
        confer(award_catalogue.cstdcs, year, person=steady, number=f"{year}/QĐ-CTHADS")

    verdicts = evaluate(award=award_catalogue.nganh, subjects=[nominee, steady], year=2025)

    gap = check(verdicts[nominee.pk], CheckCode.PREREQUISITE)
    assert gap.status == CheckStatus.WARN
    assert gap.message.startswith(
        "Yêu cầu 03 năm liên tục đạt Chiến sĩ thi đua cơ sở (2023–2025) — "
        "mới có 02 năm liên tục (2024–2025)"
    )
    ok = check(verdicts[steady.pk], CheckCode.PREREQUISITE)
    assert ok.status == CheckStatus.PASS
    assert ok.message == (
        "Yêu cầu 03 năm liên tục đạt Chiến sĩ thi đua cơ sở (2023–2025) — đã đạt ("
        "2023: QĐ 2023/QĐ-CTHADS, 15/01/2024; 2024: QĐ 2024/QĐ-CTHADS, 15/01/2025; "
        "2025: QĐ 2025/QĐ-CTHADS, 15/01/2026)"
    )


def test_sudden_themed_and_revoked_awards_do_not_count_toward_merit(
    award_catalogue, confer, nominee
):
    confer(award_catalogue.bk, 2021, person=nominee, number="101/QĐ-BTP", signed_on=D(2021, 12, 1))
    confer(award_catalogue.bk, 2022, person=nominee, number="202/QĐ-BTP", revoked=True)
    confer(
        award_catalogue.bk_sudden,
        2023,
        person=nominee,
        number="303/QĐ-BTP",
        signed_on=D(2023, 9, 2),
    )
    confer(
        award_catalogue.bk_themed,
        2024,
        person=nominee,
        number="404/QĐ-BTP",
        signed_on=D(2024, 5, 5),
    )

    verdict = evaluate_one(award=award_catalogue.bk_ttg, subject=nominee, year=2025)

    ladder = check(verdict, CheckCode.PREREQUISITE)
    assert ladder.status == CheckStatus.WARN
    assert ladder.message == (
        "Yêu cầu 02 Bằng khen của Bộ trưởng trong 5 năm gần nhất (2021–2025) — mới có 01 (2021) "
        "(không bắt buộc theo quy định hiện hành). "
        "Không tính Bằng khen của Bộ trưởng (đột xuất) năm 2023 (QĐ 303/QĐ-BTP, 02/09/2023); "
        "Bằng khen của Bộ trưởng (chuyên đề) năm 2024 (QĐ 404/QĐ-BTP, 05/05/2024) vì khen "
        "thưởng đột xuất, theo chuyên đề không được tính cho khen thưởng công trạng. "
        "Không tính Bằng khen của Bộ trưởng năm 2022 (QĐ 202/QĐ-BTP, 15/01/2023) đã bị hủy"
    )


def test_a_conferment_on_a_revoked_decision_does_not_count(award_catalogue, confer, nominee):
    confer(award_catalogue.bk, 2021, person=nominee)
    confer(award_catalogue.bk, 2023, person=nominee, status="revoked")

    verdict = evaluate_one(award=award_catalogue.bk_ttg, subject=nominee, year=2025)

    assert "mới có 01 (2021)" in check(verdict, CheckCode.PREREQUISITE).message


# --- collectives and quota ---------------------------------------------------------------


@pytest.fixture
def team(sector):
    unit = UnitFactory(name="Phòng Thi hành án dân sự khu vực 2", parent=sector.thads_long_an)
    members = [PersonFactory(full_name=f"Thành viên {n}", assigned_to=unit) for n in range(4)]
    return unit, members


def test_collective_share_of_members_with_the_title(award_catalogue, confer, team):
    unit, members = team
    for member in members[:2]:
        confer(award_catalogue.ldtt, 2025, person=member)

    half = evaluate_one(award=award_catalogue.tt_ldtt, subject=unit, year=2025)
    confer(award_catalogue.ldtt, 2025, person=members[2])
    three_quarters = evaluate_one(award=award_catalogue.tt_ldtt, subject=unit, year=2025)

    assert check(half, CheckCode.MEMBER_SHARE).message == (
        "Yêu cầu trên 50 % thành viên đạt Lao động tiên tiến năm 2025 — mới có 2/4 = 50 %"
    )
    assert half.status == VerdictStatus.WARNINGS
    assert check(three_quarters, CheckCode.MEMBER_SHARE).message.endswith("đạt 3/4 = 75 %")
    assert three_quarters.status == VerdictStatus.ELIGIBLE


def test_excellent_collective_checks_every_member(award_catalogue, confer, team):
    unit, members = team
    for member in members:
        confer(award_catalogue.ldtt, 2025, person=member)
        RatingFactory(person=member, year=2025, rating=Rating.GOOD)
    confer(award_catalogue.cstdcs, 2025, person=members[0])
    assert evaluate_one(award=award_catalogue.tt_ldxs, subject=unit, year=2025).status == "eligible"

    QualityRating.objects.filter(person=members[1]).update(rating=Rating.NOT_COMPLETED)
    DisciplineFactory(
        person=members[2],
        form=Discipline.Form.REPRIMAND,
        decision_number="9/QĐ-CTHADS",
        decided_on=D(2025, 4, 2),
        ends_on=D(2026, 4, 1),
    )
    verdict = evaluate_one(award=award_catalogue.tt_ldxs, subject=unit, year=2025)

    assert verdict.status == VerdictStatus.BLOCKED
    assert check(verdict, CheckCode.MEMBERS_COMPLETED).message == (
        "Yêu cầu mọi thành viên hoàn thành nhiệm vụ năm 2025 — "
        "Thành viên 1 không hoàn thành nhiệm vụ"
    )
    assert check(verdict, CheckCode.MEMBER_DISCIPLINE).message == (
        "Có thành viên bị kỷ luật từ mức Khiển trách trở lên trong năm 2025: Thành viên 2 "
        "(Khiển trách, QĐ 9/QĐ-CTHADS, 02/04/2025) — tập thể không được đề nghị"
    )
    assert check(verdict, CheckCode.MEMBERS_WITH_AWARD).message == (
        "Yêu cầu ít nhất 01 thành viên đạt Chiến sĩ thi đua cơ sở năm 2025 — đã có 01"
    )


def test_collective_awards_take_units(award_catalogue, nominee):
    with pytest.raises(TypeError):
        evaluate(award=award_catalogue.tt_ldtt, subjects=[nominee], year=2025)


def test_quota_check_gives_the_numbers(award_catalogue, confer, team):
    unit, _members = team
    people = [PersonFactory(assigned_to=unit) for _ in range(16)]
    for member in [*_members, *people]:
        confer(award_catalogue.ldtt, 2025, person=member)

    over = quota_check(award=award_catalogue.cstdcs, unit=unit, year=2025, proposed_count=5)
    within = quota_check(award=award_catalogue.cstdcs, unit=unit, year=2025, proposed_count=3)
    nothing = quota_check(
        award=award_catalogue.cstdcs, unit=unit, year=2025, proposed_count=2, base_count=0
    )

    assert over.status == CheckStatus.WARN
    assert over.message == "Đề nghị 5 CSTĐCS / 20 LĐTT = 25 % > 15 % — vượt tỷ lệ, tối đa 3"
    assert within.status == CheckStatus.PASS
    assert within.message == "Đề nghị 3 CSTĐCS / 20 LĐTT = 15 % ≤ 15 %"
    assert nothing.status == CheckStatus.WARN
    assert (
        nothing.message == "Đề nghị 2 CSTĐCS nhưng đơn vị chưa có LĐTT năm 2025 (tỷ lệ tối đa 15 %)"
    )


# --- next steps ----------------------------------------------------------------------------


def test_next_steps_show_what_getting_a_title_again_would_unlock(award_catalogue, confer, nominee):
    for year in (2024, 2025):
        confer(award_catalogue.cstdcs, year, person=nominee)
        confer(award_catalogue.ldtt, year, person=nominee)

    steps = next_steps(person=nominee, year=2026)

    assert (
        "Đủ điều kiện xét Chiến sĩ thi đua ngành Tư pháp năm 2026 nếu tiếp tục đạt "
        "Chiến sĩ thi đua cơ sở năm 2026; cần thêm 01 sáng kiến cấp Bộ, ngành, tỉnh (2024–2026)"
    ) in steps
    assert (
        "Đủ điều kiện xét Chiến sĩ thi đua cơ sở năm 2026 nếu tiếp tục đạt Lao động tiên tiến "
        "năm 2026; cần thêm 01 sáng kiến cấp cơ sở (2026)"
    ) in steps
    assert not any("Thủ tướng" in step for step in steps)


def test_next_steps_need_a_streak_already_under_way(award_catalogue, confer, nominee):
    confer(award_catalogue.cstdcs, 2025, person=nominee)

    assert not any("ngành Tư pháp" in s for s in next_steps(person=nominee, year=2026))


# --- scaling -------------------------------------------------------------------------------


def _people_with_history(n, unit, award_catalogue, confer):
    people = []
    for i in range(n):
        p = PersonFactory(assigned_to=unit)
        RatingFactory(person=p, year=2025)
        confer(award_catalogue.ldtt, 2025, person=p)
        if i % 3 == 0:
            InitiativeFactory(year=2025, unit=unit, authors=[p])
        if i % 5 == 0:
            DisciplineFactory(person=p, decided_on=D(2021, 1, 1), ends_on=D(2022, 1, 1))
        people.append(p)
    return people


def test_queries_do_not_grow_with_the_number_of_people(
    award_catalogue, confer, sector, django_assert_num_queries
):
    few = _people_with_history(3, sector.thads_long_an, award_catalogue, confer)
    many = _people_with_history(30, sector.thads_lao_cai, award_catalogue, confer)
    for award in (award_catalogue.cstdcs, award_catalogue.nganh, award_catalogue.knc):
        with CaptureQueriesContext(connection) as three:
            evaluate(award=award, subjects=few, year=2025)
        with django_assert_num_queries(len(three.captured_queries)):
            verdicts = evaluate(award=award, subjects=many, year=2025)
        assert len(verdicts) == 30


def test_collective_queries_do_not_grow_with_the_number_of_units(
    award_catalogue, confer, sector, django_assert_num_queries
):
    units = [UnitFactory(parent=sector.thads_long_an) for _ in range(12)]
    for unit in units:
        _people_with_history(2, unit, award_catalogue, confer)
    with CaptureQueriesContext(connection) as two:
        evaluate(award=award_catalogue.tt_ldxs, subjects=units[:2], year=2025)
    with django_assert_num_queries(len(two.captured_queries)):
        evaluate(award=award_catalogue.tt_ldxs, subjects=units, year=2025)


def test_bulk_verdicts_equal_naive_verdicts_on_a_random_history(award_catalogue, sector):
    units = [sector.thads_long_an, sector.thads_lao_cai, sector.district]
    synthetic = Catalogue(
        ldtt=award_catalogue.ldtt,
        cstdcs=award_catalogue.cstdcs,
        cstd_nganh=award_catalogue.nganh,
        bk=award_catalogue.bk,
        not_for_merit=(award_catalogue.bk_sudden, award_catalogue.bk_themed),
        once=award_catalogue.knc,
    )
    seed_people(catalogue=synthetic, units=units, people=80, year=2025, seed=7)
    people = Person.objects.all()
    for award in (
        award_catalogue.ldtt,
        award_catalogue.cstdcs,
        award_catalogue.nganh,
        award_catalogue.bk_ttg,
        award_catalogue.knc,
    ):
        for on in (None, D(2025, 3, 1)):
            bulk = evaluate(award=award, subjects=people, year=2025, on=on)
            assert bulk == evaluate_naive(award=award, subjects=people, year=2025, on=on)
            assert len({v.status for v in bulk.values()}) >= 2, award.code
    first_five = Person.objects.order_by("pk")[:5]
    verdicts = evaluate(award=award_catalogue.cstdcs, subjects=first_five, year=2025)
    assert list(verdicts) == [p.pk for p in first_five]
    for award in (award_catalogue.tt_ldtt, award_catalogue.tt_ldxs):
        bulk = evaluate(award=award, subjects=units, year=2025)
        assert bulk == evaluate_naive(award=award, subjects=units, year=2025)
