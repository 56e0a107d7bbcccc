"""The edges of each eligibility rule: the day a service anniversary falls, the exact share,
the earliest decision named, the years a ladder looks at, what counts as "on the way".

A verdict one day or one member off is a false warning a leader must override in writing,
or a block that hides a rightful proposal; these tests pin where each edge lies.
"""

import datetime
import gc
from dataclasses import replace
from types import SimpleNamespace

import pytest
from django.utils import translation

from awards.catalogue.models import Award
from awards.eligibility import (
    CheckCode,
    CheckStatus,
    VerdictStatus,
    evaluate_one,
    next_steps,
    quota_check,
)
from awards.eligibility import text as wording
from awards.eligibility.context import Context, default_reference_date
from awards.eligibility.history import DisciplineRecord
from awards.eligibility.quota import Quota
from tests.factories import (
    AwardFactory,
    AwardRuleFactory,
    DisciplineFactory,
    InitiativeFactory,
    LeaveFactory,
    PersonFactory,
    PrerequisiteFactory,
    UnitFactory,
)
from units.models import Discipline, InitiativeLevel, Leave

D = datetime.date


def check(verdict, code):
    (found,) = [c for c in verdict.checks if c.code == code]
    return found


def service(award_catalogue, person, year=2025):
    verdict = evaluate_one(award=award_catalogue.knc, subject=person, year=year)
    return check(verdict, CheckCode.SERVICE)


def joined(person, day):
    person.joined_on = day
    person.save()
    return person


# --- service time ------------------------------------------------------------------------


def test_service_years_are_full_on_the_anniversary_day_not_the_day_before(
    award_catalogue, nominee, sector
):
    on_the_day = joined(nominee, D(2005, 12, 31))
    a_day_late = joined(PersonFactory(assigned_to=sector.thads_long_an), D(2006, 1, 1))

    passed = service(award_catalogue, on_the_day)
    short = service(award_catalogue, a_day_late)

    assert passed.status == CheckStatus.PASS
    assert passed.message.startswith("Thời gian công tác đến 31/12/2025: 20 năm")
    assert short.status == CheckStatus.BLOCK
    assert short.message.startswith("Thời gian công tác đến 31/12/2025: 19 năm")
    assert short.message.endswith("chưa đủ 20 năm")


def test_leave_outside_the_service_period_is_not_deducted(award_catalogue, nominee):
    joined(nominee, D(2005, 12, 31))
    LeaveFactory(person=nominee, kind=Leave.Kind.OTHER, start=D(2001, 1, 1), end=D(2001, 12, 31))
    LeaveFactory(person=nominee, kind=Leave.Kind.OTHER, start=D(2026, 3, 1), end=D(2026, 6, 30))

    passed = service(award_catalogue, nominee)

    assert passed.status == CheckStatus.PASS
    assert passed.message == (
        "Thời gian công tác đến 31/12/2025: 20 năm (vào ngành 31/12/2005) — đạt yêu cầu 20 năm"
    )


def test_leave_straddling_the_reference_date_counts_only_its_days_before_it(
    award_catalogue, nominee
):
    joined(nominee, D(2005, 12, 1))
    LeaveFactory(person=nominee, kind=Leave.Kind.OTHER, start=D(2025, 12, 30), end=D(2026, 1, 9))
    LeaveFactory(
        person=nominee, kind=Leave.Kind.MATERNITY, start=D(2005, 11, 1), end=D(2005, 12, 2)
    )

    message = service(award_catalogue, nominee).message

    assert "không tính 2 ngày nghỉ khác" in message
    assert "đã tính 2 ngày nghỉ thai sản" in message


def test_a_joining_date_after_the_reference_date_is_zero_years_not_negative(
    award_catalogue, nominee
):
    joined(nominee, D(2026, 3, 1))

    short = service(award_catalogue, nominee)

    assert short.status == CheckStatus.BLOCK
    assert short.message.startswith("Thời gian công tác đến 31/12/2025: 0 năm")


def test_without_a_joining_date_service_time_warns_and_says_what_is_needed(
    award_catalogue, nominee
):
    warned = service(award_catalogue, nominee)

    assert warned.status == CheckStatus.WARN
    assert warned.message == ("Chưa có ngày vào ngành để tính thời gian công tác (yêu cầu 20 năm)")


# --- one achievement, one reward; once-only awards ---------------------------------------


def test_a_once_only_award_revoked_before_does_not_block(award_catalogue, confer, nominee):
    joined(nominee, D(1995, 1, 1))
    confer(award_catalogue.knc, 2019, person=nominee, revoked=True)

    verdict = evaluate_one(award=award_catalogue.knc, subject=nominee, year=2025)

    once = check(verdict, CheckCode.ONCE_PER_SUBJECT)
    assert once.status == CheckStatus.PASS
    assert once.message == 'Kỷ niệm chương "Vì sự nghiệp Tư pháp" chỉ tặng một lần — chưa được tặng'
    assert verdict.status == VerdictStatus.ELIGIBLE


def test_a_once_only_award_names_the_first_time_it_was_given(award_catalogue, confer, nominee):
    joined(nominee, D(1995, 1, 1))
    confer(award_catalogue.knc, 2019, person=nominee, number="900/QĐ-BTP", signed_on=D(2019, 8, 20))
    confer(award_catalogue.knc, 2015, person=nominee, number="77/QĐ-BTP", signed_on=D(2015, 8, 1))

    once = check(
        evaluate_one(award=award_catalogue.knc, subject=nominee, year=2025),
        CheckCode.ONCE_PER_SUBJECT,
    )

    assert once.status == CheckStatus.BLOCK
    assert once.message.endswith("đã được tặng năm 2015 (QĐ 77/QĐ-BTP, 01/08/2015)")


def test_a_once_only_award_of_the_same_year_is_reported_once_as_already_rewarded(
    award_catalogue, confer, nominee
):
    joined(nominee, D(1995, 1, 1))
    confer(award_catalogue.knc, 2025, person=nominee, number="5/QĐ-BTP", signed_on=D(2026, 1, 5))

    verdict = evaluate_one(award=award_catalogue.knc, subject=nominee, year=2025)

    assert check(verdict, CheckCode.ONCE_PER_SUBJECT).status == CheckStatus.PASS
    rewarded = check(verdict, CheckCode.ALREADY_REWARDED)
    assert rewarded.status == CheckStatus.BLOCK
    assert "(QĐ 5/QĐ-BTP, 05/01/2026)" in rewarded.message


def test_already_rewarded_names_the_valid_decision_even_when_a_revoked_one_came_first(
    award_catalogue, confer, nominee
):
    confer(
        award_catalogue.ldtt,
        2025,
        person=nominee,
        number="1/QĐ-CTHADS",
        revoked=True,
        signed_on=D(2026, 1, 2),
    )
    confer(
        award_catalogue.ldtt, 2025, person=nominee, number="9/QĐ-CTHADS", signed_on=D(2026, 2, 1)
    )
    confer(
        award_catalogue.ldtt, 2025, person=nominee, number="12/QĐ-CTHADS", signed_on=D(2026, 3, 1)
    )

    rewarded = check(
        evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025),
        CheckCode.ALREADY_REWARDED,
    )

    assert rewarded.status == CheckStatus.BLOCK
    assert "(QĐ 9/QĐ-CTHADS, 01/02/2026)" in rewarded.message


def test_an_award_of_another_year_is_not_already_rewarded(award_catalogue, confer, nominee):
    confer(award_catalogue.ldtt, 2024, person=nominee)

    rewarded = check(
        evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025),
        CheckCode.ALREADY_REWARDED,
    )

    assert rewarded.status == CheckStatus.PASS
    assert rewarded.message == "Chưa được tặng Lao động tiên tiến cho thành tích năm 2025"


# --- a collective's share of members -------------------------------------------------------


@pytest.fixture
def ten(sector):
    unit = UnitFactory(name="Phòng Thi hành án dân sự khu vực 3", parent=sector.thads_long_an)
    return unit, [PersonFactory(assigned_to=unit) for _ in range(10)]


def test_an_at_least_share_is_met_exactly_at_the_percentage(award_catalogue, confer, ten, sector):
    unit, members = ten
    for member in members[:7]:
        confer(award_catalogue.ldtt, 2025, person=member)
    other = UnitFactory(name="Phòng Thi hành án dân sự khu vực 4", parent=sector.thads_long_an)
    for n in range(10):
        member = PersonFactory(assigned_to=other)
        if n < 6:
            confer(award_catalogue.ldtt, 2025, person=member)

    exactly = check(
        evaluate_one(award=award_catalogue.tt_ldxs, subject=unit, year=2025),
        CheckCode.MEMBER_SHARE,
    )
    short = check(
        evaluate_one(award=award_catalogue.tt_ldxs, subject=other, year=2025),
        CheckCode.MEMBER_SHARE,
    )

    assert exactly.status == CheckStatus.PASS
    assert exactly.message == (
        "Yêu cầu từ 70 % thành viên trở lên đạt Lao động tiên tiến năm 2025 — đạt 7/10 = 70 %"
    )
    assert short.status == CheckStatus.WARN
    assert short.message.endswith("mới có 6/10 = 60 %")


def test_a_strict_share_is_not_met_at_the_percentage_but_just_above(award_catalogue, confer, ten):
    unit, members = ten
    for member in members[:5]:
        confer(award_catalogue.ldtt, 2025, person=member)

    exactly = check(
        evaluate_one(award=award_catalogue.tt_ldtt, subject=unit, year=2025),
        CheckCode.MEMBER_SHARE,
    )
    confer(award_catalogue.ldtt, 2025, person=members[5])
    above = check(
        evaluate_one(award=award_catalogue.tt_ldtt, subject=unit, year=2025),
        CheckCode.MEMBER_SHARE,
    )

    assert exactly.status == CheckStatus.WARN
    assert exactly.message.endswith("mới có 5/10 = 50 %")
    assert above.status == CheckStatus.PASS
    assert above.message.endswith("đạt 6/10 = 60 %")


def test_a_collective_without_members_warns_instead_of_dividing_by_zero(award_catalogue, sector):
    empty = UnitFactory(name="Phòng mới thành lập", parent=sector.thads_long_an)

    share = check(
        evaluate_one(award=award_catalogue.tt_ldtt, subject=empty, year=2025),
        CheckCode.MEMBER_SHARE,
    )

    assert share.status == CheckStatus.WARN
    assert share.message == (
        "Yêu cầu trên 50 % thành viên đạt Lao động tiên tiến năm 2025 — "
        "tập thể chưa có danh sách thành viên"
    )


# --- the years a rule looks at ----------------------------------------------------------


@pytest.mark.parametrize(
    ("window_years", "count", "first"),
    [(5, 2, 2021), (1, 3, 2023), (0, 0, 2025), (2, 0, 2024), (0, 1, 2025)],
)
def test_a_ladder_window_is_its_width_or_its_count_whichever_is_more(window_years, count, first):
    ctx = Context(award=None, year=2025, on=D(2025, 12, 31), rule=None)

    years = ctx.prerequisite_years(SimpleNamespace(window_years=window_years, count=count))

    assert (years.start, years.stop - 1) == (first, 2025)


def test_a_year_is_judged_as_of_its_last_day_by_default():
    assert default_reference_date(2025) == D(2025, 12, 31)


@pytest.mark.parametrize(
    ("years", "said"),
    [
        ([2025, 2021, 2022, 2023, 2023], "2021–2023, 2025"),
        ([2021, 2022], "2021, 2022"),
        ([2019, 2021, 2022, 2023, 2024], "2019, 2021–2024"),
        ([2024], "2024"),
        ([], ""),
    ],
)
def test_years_are_listed_in_order_with_runs_of_three_or_more_collapsed(years, said):
    assert wording.years(years) == said


def test_initiative_window_widens_with_the_rule(award_catalogue, nominee):
    rule = AwardRuleFactory.build(initiative_window_years=3, initiative_level=None)
    ctx = Context(award=award_catalogue.nganh, year=2025, on=D(2025, 12, 31), rule=rule)
    assert list(ctx.initiative_years) == [2023, 2024, 2025]
    rule.initiative_window_years = 0
    assert list(ctx.initiative_years) == [2025]


def test_an_initiative_level_without_a_number_asks_for_one(award_catalogue, nominee):
    rule = award_catalogue.nganh.rules.get()
    rule.initiatives_required = 0
    rule.save()
    initiative = check(
        evaluate_one(award=award_catalogue.nganh, subject=nominee, year=2025),
        CheckCode.INITIATIVES,
    )
    assert initiative.message.startswith("Yêu cầu 01 sáng kiến cấp Bộ, ngành, tỉnh")
    rule.initiative_level = None
    rule.save()

    verdict = evaluate_one(award=award_catalogue.nganh, subject=nominee, year=2025)

    assert CheckCode.INITIATIVES not in {c.code for c in verdict.checks}


# --- next steps ------------------------------------------------------------------------


def step_for(steps, award_name):
    found = [s for s in steps if s.startswith(f"Đủ điều kiện xét {award_name} năm")]
    return found[0] if found else None


def test_a_title_held_last_year_is_on_the_way_but_one_two_years_ago_is_not(
    award_catalogue, confer, nominee, sector
):
    confer(award_catalogue.ldtt, 2025, person=nominee)
    earlier = PersonFactory(assigned_to=sector.thads_long_an)
    confer(award_catalogue.ldtt, 2024, person=earlier)

    assert step_for(next_steps(person=nominee, year=2026), "Chiến sĩ thi đua cơ sở") == (
        "Đủ điều kiện xét Chiến sĩ thi đua cơ sở năm 2026 nếu tiếp tục đạt Lao động tiên tiến "
        "năm 2026; cần thêm 01 sáng kiến cấp cơ sở (2026)"
    )
    assert step_for(next_steps(person=earlier, year=2026), "Chiến sĩ thi đua cơ sở") is None


def test_a_revoked_title_is_not_on_the_way(award_catalogue, confer, nominee):
    confer(award_catalogue.ldtt, 2025, person=nominee, revoked=True)

    assert step_for(next_steps(person=nominee, year=2026), "Chiến sĩ thi đua cơ sở") is None


def test_a_title_earned_before_a_penalty_ended_is_not_on_the_way(award_catalogue, confer, nominee):
    for year in (2024, 2025):
        confer(award_catalogue.cstdcs, year, person=nominee)
    DisciplineFactory(person=nominee, decided_on=D(2024, 6, 1), ends_on=D(2025, 5, 31))

    steps = next_steps(person=nominee, year=2026)

    assert step_for(steps, "Chiến sĩ thi đua ngành Tư pháp") is None


def test_a_streak_under_way_before_the_window_does_not_count(award_catalogue, confer, nominee):
    """CSTĐ ngành 2026 needs CSTĐCS 2024–2026: titles of 2022–2023 are outside the window."""
    for year in (2022, 2023):
        confer(award_catalogue.cstdcs, year, person=nominee)

    assert step_for(next_steps(person=nominee, year=2026), "Chiến sĩ thi đua ngành Tư pháp") is None


def test_no_next_step_toward_a_title_already_held_for_the_year(award_catalogue, confer, nominee):
    confer(award_catalogue.ldtt, 2025, person=nominee)
    assert step_for(next_steps(person=nominee, year=2026), "Chiến sĩ thi đua cơ sở")
    confer(award_catalogue.cstdcs, 2026, person=nominee)

    assert step_for(next_steps(person=nominee, year=2026), "Chiến sĩ thi đua cơ sở") is None


def test_a_once_only_award_is_a_next_step_until_it_is_given(award_catalogue, confer, nominee):
    medal = AwardFactory(code="hcld-3", name="Huân chương Lao động hạng Ba", kind=Award.Kind.REWARD)
    rule = AwardRuleFactory(award=medal, once_per_subject=True)
    PrerequisiteFactory(rule=rule, required_award=award_catalogue.bk, count=1, window_years=5)
    confer(award_catalogue.bk, 2025, person=nominee)
    sentence = "Đủ điều kiện xét Huân chương Lao động hạng Ba năm 2026"
    assert step_for(next_steps(person=nominee, year=2026), medal.name) == sentence
    confer(medal, 2019, person=nominee, revoked=True)
    assert step_for(next_steps(person=nominee, year=2026), medal.name) == sentence

    confer(medal, 2019, person=nominee)

    assert step_for(next_steps(person=nominee, year=2026), medal.name) is None


def test_an_initiative_of_the_planned_year_leaves_nothing_to_add(award_catalogue, confer, nominee):
    confer(award_catalogue.ldtt, 2025, person=nominee)
    InitiativeFactory(
        year=2026, unit=nominee.unit, decision_date=D(2026, 11, 20), authors=[nominee]
    )

    assert step_for(next_steps(person=nominee, year=2026), "Chiến sĩ thi đua cơ sở") == (
        "Đủ điều kiện xét Chiến sĩ thi đua cơ sở năm 2026 nếu tiếp tục đạt Lao động tiên tiến "
        "năm 2026"
    )


def test_a_penalty_in_the_planned_year_replaces_every_step(award_catalogue, confer, nominee):
    confer(award_catalogue.ldtt, 2025, person=nominee)
    DisciplineFactory(
        person=nominee,
        decision_number="3/QĐ-CTHADS",
        decided_on=D(2026, 2, 1),
        ends_on=D(2027, 1, 31),
    )

    steps = next_steps(person=nominee, year=2026)

    assert steps == [
        "Đang thi hành kỷ luật Khiển trách (QĐ 3/QĐ-CTHADS, 01/02/2026) đến ngày 31/01/2027 — "
        "không được đề nghị khen thưởng"
    ]


# --- penalties, revoked prerequisites, awards that do not count toward merit -------------


def test_a_penalty_in_effect_blocks_but_sets_no_cutoff(award_catalogue, nominee):
    DisciplineFactory(
        person=nominee,
        decision_number="8/QĐ-CTHADS",
        decided_on=D(2025, 3, 1),
        ends_on=D(2026, 2, 28),
    )

    verdict = evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025)

    assert verdict.status == VerdictStatus.BLOCKED
    assert check(verdict, CheckCode.DISCIPLINE).status == CheckStatus.BLOCK
    assert CheckCode.PENALTY_CUTOFF not in {c.code for c in verdict.checks}


def test_a_revoked_prerequisite_is_named_as_not_counted(award_catalogue, confer, nominee):
    confer(
        award_catalogue.ldtt,
        2025,
        person=nominee,
        number="4/QĐ-CTHADS",
        revoked=True,
        signed_on=D(2026, 1, 15),
    )

    ladder = check(
        evaluate_one(award=award_catalogue.cstdcs, subject=nominee, year=2025),
        CheckCode.PREREQUISITE,
    )

    assert ladder.message == (
        "Yêu cầu đạt Lao động tiên tiến năm 2025 — chưa có (không bắt buộc theo quy định hiện "
        "hành). Không tính Lao động tiên tiến năm 2025 (QĐ 4/QĐ-CTHADS, 15/01/2026) đã bị hủy"
    )


def test_a_sudden_reward_never_counts_toward_a_merit_one(award_catalogue, confer, nominee):
    """A merit award whose ladder names a sudden reward: the sudden one is not counted."""
    rule = award_catalogue.bk.rules.get()
    PrerequisiteFactory(rule=rule, required_award=award_catalogue.bk_sudden)
    confer(award_catalogue.bk_sudden, 2025, person=nominee)

    ladder = check(
        evaluate_one(award=award_catalogue.bk, subject=nominee, year=2025), CheckCode.PREREQUISITE
    )

    assert ladder.status != CheckStatus.PASS
    assert "không được tính cho khen thưởng công trạng" in ladder.message


def test_a_sudden_reward_counts_toward_another_reward_that_is_not_for_merit(
    award_catalogue, confer, nominee
):
    rule = AwardRuleFactory(award=award_catalogue.bk_sudden)
    PrerequisiteFactory(rule=rule, required_award=award_catalogue.bk_themed)
    confer(award_catalogue.bk_themed, 2025, person=nominee, number="6/QĐ-BTP")

    ladder = check(
        evaluate_one(award=award_catalogue.bk_sudden, subject=nominee, year=2025),
        CheckCode.PREREQUISITE,
    )

    assert ladder.status == CheckStatus.PASS
    assert "đã đạt (QĐ 6/QĐ-BTP" in ladder.message


# --- what a collective's rule asks of its members; quotas on the headcount ----------------


def test_a_share_without_its_award_or_its_percentage_is_not_checked(award_catalogue, ten):
    unit, _members = ten
    rule = award_catalogue.tt_ldtt.rules.get()
    rule.member_award = None
    rule.save()
    assert CheckCode.MEMBER_SHARE not in {
        c.code for c in evaluate_one(award=award_catalogue.tt_ldtt, subject=unit, year=2025).checks
    }
    rule.member_award = award_catalogue.ldtt
    rule.member_share_percent = None
    rule.save()

    verdict = evaluate_one(award=award_catalogue.tt_ldtt, subject=unit, year=2025)

    assert CheckCode.MEMBER_SHARE not in {c.code for c in verdict.checks}


def test_a_share_with_no_member_awarded_is_zero(award_catalogue, ten):
    unit, _members = ten

    share = check(
        evaluate_one(award=award_catalogue.tt_ldtt, subject=unit, year=2025),
        CheckCode.MEMBER_SHARE,
    )

    assert share.message.endswith("mới có 0/10 = 0 %")


def test_a_quota_without_a_base_title_is_a_share_of_the_headcount(award_catalogue, ten):
    unit, _members = ten
    rule = award_catalogue.cstdcs_152
    rule.quota_base = None
    rule.quota_percent = 20
    rule.save()

    within = quota_check(award=award_catalogue.cstdcs, unit=unit, year=2025, proposed_count=2)
    over = quota_check(award=award_catalogue.cstdcs, unit=unit, year=2025, proposed_count=3)

    assert within.status == CheckStatus.PASS
    assert within.message == "Đề nghị 2 CSTĐCS / 10 cán bộ = 20 % ≤ 20 %"
    assert over.status == CheckStatus.WARN
    assert over.message.endswith("— vượt tỷ lệ, tối đa 2")


# --- next steps after a penalty, and initiatives already used ----------------------------


def test_a_title_of_the_year_a_penalty_ended_does_not_lead_on(award_catalogue, confer, nominee):
    confer(award_catalogue.ldtt, 2025, person=nominee)
    DisciplineFactory(person=nominee, decided_on=D(2024, 6, 1), ends_on=D(2025, 5, 31))
    assert step_for(next_steps(person=nominee, year=2026), "Chiến sĩ thi đua cơ sở") is None

    nominee.disciplines.update(decided_on=D(2023, 6, 1), ends_on=D(2024, 5, 31))

    assert step_for(next_steps(person=nominee, year=2026), "Chiến sĩ thi đua cơ sở")


def test_an_initiative_another_reward_relied_on_is_still_lacking(award_catalogue, confer, nominee):
    confer(award_catalogue.ldtt, 2025, person=nominee)
    for _other in range(3):  # the initiative's id is not one of the levels' values (1–3)
        InitiativeFactory(year=2020, unit=nominee.unit, authors=[])
    initiative = InitiativeFactory(
        year=2026, unit=nominee.unit, decision_date=D(2026, 11, 20), authors=[nominee]
    )
    bk = confer(award_catalogue.bk, 2026, person=nominee, number="70/QĐ-BTP")
    bk.relied_on_initiatives.set([initiative])

    assert step_for(next_steps(person=nominee, year=2026), "Chiến sĩ thi đua cơ sở") == (
        "Đủ điều kiện xét Chiến sĩ thi đua cơ sở năm 2026 nếu tiếp tục đạt Lao động tiên tiến "
        "năm 2026; cần thêm 01 sáng kiến cấp cơ sở (2026)"
    )


# --- the last edges: a decision's wording, a penalty's days, quotas' rounding, what is relied on


def test_a_decision_is_named_by_what_the_record_has():
    assert wording.decision("12/QĐ-BTP", D(2025, 1, 15)) == "QĐ 12/QĐ-BTP, 15/01/2025"
    assert wording.decision("12/QĐ-BTP", None) == "QĐ 12/QĐ-BTP"
    assert wording.decision("", D(2025, 1, 15)) == "ngày 15/01/2025"
    assert wording.decision("", None) == ""


def test_a_penalty_is_in_effect_from_its_first_to_its_last_day():
    penalty = DisciplineRecord(1, D(2025, 3, 1), D(2026, 2, 28), "8/QĐ-CTHADS")

    assert penalty.in_effect_on(D(2025, 3, 1)) and penalty.in_effect_on(D(2026, 2, 28))
    assert not penalty.in_effect_on(D(2025, 2, 28)) and not penalty.in_effect_on(D(2026, 3, 1))
    assert penalty.overlaps(D(2024, 1, 1), D(2025, 3, 1))  # decided on the year's last day
    assert penalty.overlaps(D(2026, 2, 28), D(2026, 12, 31))  # ends on the year's first day
    assert not penalty.overlaps(D(2024, 1, 1), D(2025, 2, 28))


def test_a_penalty_that_ended_in_january_still_rules_out_the_year(award_catalogue, nominee):
    DisciplineFactory(person=nominee, decided_on=D(2024, 6, 1), ends_on=D(2025, 1, 20))

    verdict = evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025)

    assert verdict.status == VerdictStatus.BLOCKED
    assert check(verdict, CheckCode.DISCIPLINE).status == CheckStatus.BLOCK


def test_a_quota_limit_is_rounded_down_from_the_exact_share(award_catalogue, sector):
    rule = award_catalogue.cstdcs_152  # 15 % of the LĐTT
    quota = Quota(
        award=award_catalogue.cstdcs,
        rule=rule,
        unit=sector.thads_long_an,
        year=2025,
        base_count=99,
        issued=0,
    )
    assert quota.limit == 14  # 14.85
    assert replace(quota, base_count=100).limit == 15


def test_one_consecutive_year_reads_as_the_year_itself(award_catalogue, nominee):
    PrerequisiteFactory(
        rule=award_catalogue.bk.rules.get(),
        required_award=award_catalogue.ldtt,
        count=1,
        consecutive=True,
    )

    ladder = check(
        evaluate_one(award=award_catalogue.bk, subject=nominee, year=2025), CheckCode.PREREQUISITE
    )

    assert ladder.message.startswith("Yêu cầu đạt Lao động tiên tiến năm 2025 — chưa có")


def test_a_reward_relies_on_the_earliest_titles_that_meet_its_ladder(
    award_catalogue, confer, nominee
):
    """Bằng khen of the Prime Minister: 2 ministry Bằng khen in 5 years. With three, the two
    earliest are relied on and the latest stays free for the next step of the ladder."""
    first, second, third = (
        confer(award_catalogue.bk, year, person=nominee, number=f"{year}/QĐ-BTP")
        for year in (2021, 2022, 2024)
    )

    ladder = check(
        evaluate_one(award=award_catalogue.bk_ttg, subject=nominee, year=2025),
        CheckCode.PREREQUISITE,
    )

    assert ladder.status == CheckStatus.PASS
    assert sorted(pk for _kind, pk in ladder.relied) == sorted([first.pk, second.pk])
    assert third.pk not in {pk for _kind, pk in ladder.relied}


# --- a collective's members with a title, a collective's initiatives, one title relied on --


def _team_award(**rule):
    award = AwardFactory(
        code="tt-xs", name="Tập thể xuất sắc", subject=Award.Subject.COLLECTIVE, form_name="DH"
    )
    AwardRuleFactory(award=award, **rule)
    return award


def test_a_rule_asking_only_for_members_with_a_title_counts_them(award_catalogue, confer, ten):
    unit, members = ten
    award = _team_award(min_members_with_award=award_catalogue.cstdcs, min_members_count=1)
    none_yet = check(
        evaluate_one(award=award, subject=unit, year=2025), CheckCode.MEMBERS_WITH_AWARD
    )
    confer(award_catalogue.cstdcs, 2025, person=members[0])

    one = check(evaluate_one(award=award, subject=unit, year=2025), CheckCode.MEMBERS_WITH_AWARD)

    need = "Yêu cầu ít nhất 01 thành viên đạt Chiến sĩ thi đua cơ sở năm 2025"
    assert none_yet.status == CheckStatus.WARN
    assert none_yet.message == f"{need} — chưa có"
    assert one.status == CheckStatus.PASS
    assert one.message == f"{need} — đã có 01"


def test_a_collectives_own_initiative_meets_its_rule(award_catalogue, ten):
    unit, _members = ten
    award = _team_award(initiatives_required=1)
    lacking = check(evaluate_one(award=award, subject=unit, year=2025), CheckCode.INITIATIVES)
    InitiativeFactory(year=2025, unit=unit, authors=[], title="Số hóa hồ sơ thi hành án")

    met = check(evaluate_one(award=award, subject=unit, year=2025), CheckCode.INITIATIVES)

    assert lacking.status != CheckStatus.PASS
    assert met.status == CheckStatus.PASS
    assert "Số hóa hồ sơ thi hành án" in met.message


@pytest.mark.parametrize("consecutive", [False, True])
def test_a_ladder_of_one_title_relies_on_one_conferment(
    award_catalogue, confer, nominee, consecutive
):
    """One LĐTT in three years (or the year itself, consecutive): with two on file, one is
    relied on: the earliest of the window, or the streak's last year."""
    rule = award_catalogue.bk.rules.get()
    PrerequisiteFactory(
        rule=rule,
        required_award=award_catalogue.ldtt,
        count=1,
        window_years=3,
        consecutive=consecutive,
    )
    earlier = confer(award_catalogue.ldtt, 2024, person=nominee)
    latest = confer(award_catalogue.ldtt, 2025, person=nominee)

    ladder = check(
        evaluate_one(award=award_catalogue.bk, subject=nominee, year=2025), CheckCode.PREREQUISITE
    )

    assert ladder.status == CheckStatus.PASS
    assert ladder.relied == (("conferment", (latest if consecutive else earlier).pk),)


def test_a_used_title_too_few_to_meet_the_ladder_anyway_is_not_a_reuse(
    award_catalogue, confer, nominee
):
    """Two Bằng khen in five years are needed; the one on file already served another
    reward. Not counting it leaves the ladder unmet, but counting it would not meet it
    either: that is a missing title, not an achievement rewarded twice."""
    used = confer(award_catalogue.bk, 2023, person=nominee, number="5/QĐ-BTP")
    confer(award_catalogue.bk_ttg, 2023, person=nominee, number="9/QĐ-TTg").relied_on.set([used])

    ladder = check(
        evaluate_one(award=award_catalogue.bk_ttg, subject=nominee, year=2025),
        CheckCode.PREREQUISITE,
    )

    assert ladder.status == CheckStatus.WARN
    assert ladder.message == (
        "Yêu cầu 02 Bằng khen của Bộ trưởng trong 5 năm gần nhất (2021–2025) — chưa có "
        "(không bắt buộc theo quy định hiện hành). Không tính Bằng khen của Bộ trưởng năm 2023 "
        "(QĐ 5/QĐ-BTP, 15/01/2024) vì đã dùng để xét Bằng khen của Thủ tướng Chính phủ năm "
        "2023 (QĐ 9/QĐ-TTg, 15/01/2024)"
    )


def test_a_members_penalty_that_ended_before_the_year_does_not_count(award_catalogue, ten):
    unit, members = ten
    DisciplineFactory(person=members[0], decided_on=D(2023, 6, 1), ends_on=D(2024, 5, 31))
    cleared = check(
        evaluate_one(award=award_catalogue.tt_ldxs, subject=unit, year=2025),
        CheckCode.MEMBER_DISCIPLINE,
    )
    DisciplineFactory(person=members[1], decided_on=D(2024, 3, 1), ends_on=D(2025, 2, 28))

    found = check(
        evaluate_one(award=award_catalogue.tt_ldxs, subject=unit, year=2025),
        CheckCode.MEMBER_DISCIPLINE,
    )

    assert cleared.status == CheckStatus.PASS
    assert found.status != CheckStatus.PASS
    assert members[1].full_name in found.message and members[0].full_name not in found.message


def test_a_rule_asking_only_about_members_penalties_checks_them(award_catalogue, ten):
    unit, members = ten
    award = _team_award(max_member_discipline=Discipline.Form.REPRIMAND)
    DisciplineFactory(person=members[0], decided_on=D(2025, 4, 1), ends_on=D(2026, 3, 31))

    found = check(evaluate_one(award=award, subject=unit, year=2025), CheckCode.MEMBER_DISCIPLINE)

    assert found.status != CheckStatus.PASS
    assert members[0].full_name in found.message


def test_an_initiative_before_a_penalty_ended_is_named_as_not_counted(award_catalogue, nominee):
    """CSTĐ ngành looks at three years of ministry-level initiatives; the one of 2024 came
    before the penalty ended on 31/05/2024, so it does not count."""
    DisciplineFactory(person=nominee, decided_on=D(2023, 6, 1), ends_on=D(2024, 5, 31))
    InitiativeFactory(
        year=2024, unit=nominee.unit, authors=[nominee], level=InitiativeLevel.MINISTRY
    )

    found = check(
        evaluate_one(award=award_catalogue.nganh, subject=nominee, year=2025),
        CheckCode.INITIATIVES,
    )

    assert found.status == CheckStatus.WARN
    assert found.message.endswith(
        "— chưa có. Không tính sáng kiến năm 2024 vì trước khi hết thời hạn kỷ luật (31/05/2024)"
    )


def test_a_ministry_level_rule_does_not_count_a_base_level_initiative(award_catalogue, nominee):
    InitiativeFactory(year=2025, unit=nominee.unit, authors=[nominee], level=InitiativeLevel.BASE)

    found = check(
        evaluate_one(award=award_catalogue.nganh, subject=nominee, year=2025),
        CheckCode.INITIATIVES,
    )

    assert found.status != CheckStatus.PASS
    assert found.message.endswith("— chưa có")


def test_a_collectives_title_another_reward_relied_on_is_not_counted_again(
    award_catalogue, confer, ten
):
    unit, _members = ten
    award = _team_award()
    PrerequisiteFactory(rule=award.rules.get(), required_award=award_catalogue.tt_ldtt)
    title = confer(award_catalogue.tt_ldtt, 2025, unit=unit, number="3/QĐ-THADS")
    confer(award_catalogue.bk, 2025, unit=unit, number="8/QĐ-BTP").relied_on.set([title])

    ladder = check(evaluate_one(award=award, subject=unit, year=2025), CheckCode.PREREQUISITE)

    assert ladder.status == CheckStatus.BLOCK
    assert "vì đã dùng để xét Bằng khen của Bộ trưởng năm 2025 (QĐ 8/QĐ-BTP" in ladder.message


def test_a_streak_longer_than_asked_relies_on_its_last_years(award_catalogue, confer, nominee):
    """CSTĐ ngành asks three consecutive CSTĐCS; with four, the three ending at the year
    are relied on and the first stays free."""
    held = {
        year: confer(award_catalogue.cstdcs, year, person=nominee, number=f"{year}/QĐ-THADS")
        for year in (2022, 2023, 2024, 2025)
    }

    ladder = check(
        evaluate_one(award=award_catalogue.nganh, subject=nominee, year=2025),
        CheckCode.PREREQUISITE,
    )

    assert ladder.status == CheckStatus.PASS
    assert sorted(pk for _kind, pk in ladder.relied) == sorted(
        held[year].pk for year in (2023, 2024, 2025)
    )


def test_verdicts_and_quota_checks_speak_the_users_language(award_catalogue, nominee, sector):
    DisciplineFactory(
        person=nominee,
        form=Discipline.Form.REPRIMAND,
        decided_on=D(2025, 3, 1),
        ends_on=D(2026, 2, 28),
        decision_number="8/QĐ-CTHADS",
    )
    with translation.override("en"):
        penalty = check(
            evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025),
            CheckCode.DISCIPLINE,
        )
        quota = quota_check(
            award=award_catalogue.cstdcs, unit=sector.thads_long_an, year=2025, proposed_count=0
        )
        label = wording._(Discipline.Form.REPRIMAND.label)  # a lazy label, outside a verdict

    assert penalty.message == (
        "Serving disciplinary measure Reprimand (Decision 8/QĐ-CTHADS, 01/03/2025) until "
        "28/02/2026 — may not be proposed for an award"
    )
    assert quota.message == "No CSTĐCS proposed (maximum ratio 15 %)"
    assert label == "Reprimand"


def test_a_used_initiative_too_few_to_meet_the_rule_anyway_is_not_a_reuse(
    award_catalogue, confer, nominee
):
    """Two ministry-level initiatives are asked; the only one on file served another
    reward. It is not counted again, and counting it would not be enough either: a
    missing initiative (a warning), not an achievement rewarded twice (a block)."""
    rule = award_catalogue.nganh.rules.get()
    rule.initiatives_required = 2
    rule.save()
    initiative = InitiativeFactory(
        year=2025, unit=nominee.unit, authors=[nominee], level=InitiativeLevel.MINISTRY
    )
    bk = confer(award_catalogue.bk, 2025, person=nominee, number="70/QĐ-BTP")
    bk.relied_on_initiatives.set([initiative])

    found = check(
        evaluate_one(award=award_catalogue.nganh, subject=nominee, year=2025),
        CheckCode.INITIATIVES,
    )

    assert found.status == CheckStatus.WARN
    assert "vì đã dùng để xét Bằng khen của Bộ trưởng năm 2025" in found.message
    assert "Thành tích đã được khen thưởng" not in found.message


def test_a_member_holding_the_title_twice_in_a_year_counts_once(award_catalogue, confer, ten):
    unit, members = ten
    for member in members[:5]:
        confer(award_catalogue.ldtt, 2025, person=member)
    confer(award_catalogue.ldtt, 2025, person=members[0], number="99/QĐ-THADS")

    share = check(
        evaluate_one(award=award_catalogue.tt_ldtt, subject=unit, year=2025),
        CheckCode.MEMBER_SHARE,
    )

    assert share.message.endswith("mới có 5/10 = 50 %")


def test_a_ladder_over_two_years_names_the_year_of_each_title(award_catalogue, confer, nominee):
    PrerequisiteFactory(
        rule=award_catalogue.bk.rules.get(),
        required_award=award_catalogue.ldtt,
        count=1,
        window_years=2,
    )
    confer(award_catalogue.ldtt, 2024, person=nominee, number="4/QĐ-THADS")

    ladder = check(
        evaluate_one(award=award_catalogue.bk, subject=nominee, year=2025), CheckCode.PREREQUISITE
    )

    assert ladder.message.endswith("— đã đạt (2024: QĐ 4/QĐ-THADS, 15/01/2025)")


def test_a_count_of_members_left_at_zero_still_asks_for_one(award_catalogue, ten):
    unit, _members = ten
    award = _team_award(min_members_with_award=award_catalogue.cstdcs, min_members_count=0)

    found = check(evaluate_one(award=award, subject=unit, year=2025), CheckCode.MEMBERS_WITH_AWARD)

    assert found.status == CheckStatus.WARN
    assert found.message == (
        "Yêu cầu ít nhất 01 thành viên đạt Chiến sĩ thi đua cơ sở năm 2025 — chưa có"
    )


def test_a_sudden_reward_is_named_only_against_the_ladder_of_its_own_form(
    award_catalogue, confer, nominee
):
    """A medal asking for a Bằng khen and a CSTĐCS: a sudden Bằng khen is said not to count
    toward the Bằng khen, and is not mentioned against the CSTĐCS."""
    medal = AwardFactory(code="hcld-3", name="Huân chương Lao động hạng Ba", kind=Award.Kind.REWARD)
    rule = AwardRuleFactory(award=medal)
    for required in (award_catalogue.bk, award_catalogue.cstdcs):
        PrerequisiteFactory(rule=rule, required_award=required, count=1, window_years=5)
    confer(award_catalogue.bk_sudden, 2024, person=nominee, number="5/QĐ-BTP")

    ladders = [
        c.message
        for c in evaluate_one(award=medal, subject=nominee, year=2025).checks
        if c.code == CheckCode.PREREQUISITE
    ]

    bk, cstdcs = sorted(ladders, key=lambda m: "Chiến sĩ" in m)
    assert "Không tính Bằng khen của Bộ trưởng (đột xuất)" in bk
    assert cstdcs == (
        "Yêu cầu 01 Chiến sĩ thi đua cơ sở trong 5 năm gần nhất (2021–2025) — chưa có "
        "(không bắt buộc theo quy định hiện hành)"
    )


def test_a_title_two_years_ago_does_not_lead_on_even_when_another_ladder_reads_it(
    award_catalogue, confer, nominee
):
    """The Bằng khen looks three years back at LĐTT, so the LĐTT of 2024 is read; it is on
    the way to the Bằng khen, but not to CSTĐCS, which needs last year's."""
    PrerequisiteFactory(
        rule=award_catalogue.bk.rules.get(),
        required_award=award_catalogue.ldtt,
        count=1,
        window_years=3,
    )
    confer(award_catalogue.ldtt, 2024, person=nominee)

    steps = next_steps(person=nominee, year=2026)

    assert step_for(steps, "Bằng khen của Bộ trưởng")
    assert step_for(steps, "Chiến sĩ thi đua cơ sở") is None


def test_a_title_of_the_planned_year_is_not_on_the_way_to_a_second_one(
    award_catalogue, confer, nominee
):
    """The Prime Minister's Bằng khen needs two ministry Bằng khen; one of the planned year
    itself cannot be followed by another that year."""
    ttg = "Bằng khen của Thủ tướng Chính phủ"
    confer(award_catalogue.bk, 2026, person=nominee)
    last_year = PersonFactory(assigned_to=nominee.unit)
    confer(award_catalogue.bk, 2025, person=last_year)

    assert step_for(next_steps(person=nominee, year=2026), ttg) is None
    assert step_for(next_steps(person=last_year, year=2026), ttg)


def test_a_reference_date_before_the_anniversary_counts_one_year_less(award_catalogue, nominee):
    joined(nominee, D(2005, 9, 1))

    def years_on(day):
        verdict = evaluate_one(award=award_catalogue.knc, subject=nominee, year=2025, on=day)
        return check(verdict, CheckCode.SERVICE).message

    assert years_on(D(2025, 6, 30)).startswith("Thời gian công tác đến 30/06/2025: 19 năm")
    assert years_on(D(2025, 9, 1)).startswith("Thời gian công tác đến 01/09/2025: 20 năm")


def test_next_steps_count_the_initiatives_still_lacking(award_catalogue, confer, nominee):
    rule = award_catalogue.nganh.rules.get()
    rule.initiatives_required = 2
    rule.save()
    for year in (2024, 2025):
        confer(award_catalogue.cstdcs, year, person=nominee)
    InitiativeFactory(
        year=2025, unit=nominee.unit, authors=[nominee], level=InitiativeLevel.MINISTRY
    )

    step = step_for(next_steps(person=nominee, year=2026), "Chiến sĩ thi đua ngành Tư pháp")

    assert step.endswith("; cần thêm 01 sáng kiến cấp Bộ, ngành, tỉnh (2024–2026)")


@pytest.mark.parametrize(
    ("decided_on", "ends_on"),
    [(D(2024, 6, 1), D(2025, 1, 1)), (D(2025, 12, 31), None)],
    ids=["ends-on-the-first-day", "decided-on-the-last-day"],
)
def test_a_members_penalty_touching_the_year_by_one_day_counts(
    award_catalogue, ten, decided_on, ends_on
):
    unit, members = ten
    DisciplineFactory(person=members[0], decided_on=decided_on, ends_on=ends_on)

    found = check(
        evaluate_one(award=award_catalogue.tt_ldxs, subject=unit, year=2025),
        CheckCode.MEMBER_DISCIPLINE,
    )

    assert found.status != CheckStatus.PASS
    assert members[0].full_name in found.message


def test_an_evaluation_leaves_the_garbage_collector_as_it_found_it(award_catalogue, nominee):
    """The cyclic collector is paused while verdicts are built, and must run again after:
    a server whose collector stayed off would slowly fill its memory."""
    assert gc.isenabled()
    evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025)
    assert gc.isenabled()

    gc.disable()
    try:
        evaluate_one(award=award_catalogue.ldtt, subject=nominee, year=2025)
        assert not gc.isenabled()
    finally:
        gc.enable()
