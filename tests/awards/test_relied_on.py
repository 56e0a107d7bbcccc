"""One achievement, one reward: what each award relied on is recorded when its decision is
issued, shown in the award history, and not counted again for another reward."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import services
from awards.eligibility import (
    CheckCode,
    CheckStatus,
    VerdictStatus,
    evaluate,
    evaluate_one,
    next_steps,
)
from awards.models import Conferment, Nominee
from tests.awards.helpers import YEAR, upload_all
from tests.factories import (
    AwardFactory,
    AwardRuleFactory,
    ConfermentFactory,
    DecisionFactory,
    InitiativeFactory,
    PersonFactory,
)
from thidua.bench.eligibility_naive import evaluate_naive

D = datetime.date


def check(verdict, code):
    (found,) = [c for c in verdict.checks if c.code == code]
    return found


# --- The engine ----------------------------------------------------------------------------


@pytest.fixture
def earned_ttg(award_catalogue, confer, nominee):
    """Two ministry Bằng khen (2022, 2024) that a Prime Minister's Bằng khen of 2024 relied on."""
    first = confer(award_catalogue.bk, 2022, person=nominee, number="10/QĐ-CTHADS")
    second = confer(award_catalogue.bk, 2024, person=nominee, number="20/QĐ-CTHADS")
    ttg = confer(award_catalogue.bk_ttg, 2024, person=nominee, number="300/QĐ-TTg")
    ttg.relied_on.set([first, second])
    return ttg


def test_an_achievement_already_relied_on_blocks_its_reuse(award_catalogue, earned_ttg, nominee):
    verdict = evaluate_one(award=award_catalogue.bk_ttg, subject=nominee, year=2025)
    ladder = check(verdict, CheckCode.PREREQUISITE)
    assert verdict.status == VerdictStatus.BLOCKED
    assert ladder.status == CheckStatus.BLOCK
    assert "Thành tích đã được khen thưởng" in ladder.message
    assert (
        "Bằng khen của Bộ trưởng năm 2022 (QĐ 10/QĐ-CTHADS, 15/01/2023) vì đã dùng để xét "
        "Bằng khen của Thủ tướng Chính phủ năm 2024 (QĐ 300/QĐ-TTg, 15/01/2025)"
    ) in ladder.message
    assert ladder.relied == ()


def test_next_steps_do_not_offer_a_ladder_built_on_used_achievements(
    award_catalogue, earned_ttg, nominee
):
    def steps():
        return " ".join(next_steps(person=nominee, year=2025))

    assert "Thủ tướng" not in steps()
    earned_ttg.relied_on.clear()
    assert steps() == "Đủ điều kiện xét Bằng khen của Thủ tướng Chính phủ năm 2025"


def test_a_revoked_reward_frees_what_it_relied_on(award_catalogue, earned_ttg, nominee):
    Conferment.objects.filter(pk=earned_ttg.pk).update(revoked=True)
    verdict = evaluate_one(award=award_catalogue.bk_ttg, subject=nominee, year=2025)
    ladder = check(verdict, CheckCode.PREREQUISITE)
    assert ladder.status == CheckStatus.PASS
    assert "đã dùng" not in ladder.message
    assert sorted(pk for _kind, pk in ladder.relied) == sorted(
        earned_ttg.relied_on.values_list("pk", flat=True)
    )


def test_an_initiative_used_by_a_reward_is_not_counted_again_for_that_person(
    award_catalogue, confer, nominee, sector
):
    colleague = PersonFactory(full_name="Phạm Văn Đức", assigned_to=sector.thads_long_an)
    initiative = InitiativeFactory(
        title="Số hóa hồ sơ thi hành án",
        year=2025,
        authors=[nominee, colleague],
        unit=sector.thads_long_an,
    )
    bk = confer(award_catalogue.bk, 2025, person=nominee, number="55/QĐ-CTHADS")
    bk.relied_on_initiatives.set([initiative])
    mine = evaluate_one(award=award_catalogue.cstdcs, subject=nominee, year=2025)
    found = check(mine, CheckCode.INITIATIVES)
    assert found.status == CheckStatus.BLOCK and mine.status == VerdictStatus.BLOCKED
    assert "sáng kiến «Số hóa hồ sơ thi hành án»" in found.message
    assert "Thành tích đã được khen thưởng" in found.message
    # The co-author's own rewards did not use it.
    theirs = evaluate_one(award=award_catalogue.cstdcs, subject=colleague, year=2025)
    assert check(theirs, CheckCode.INITIATIVES).status == CheckStatus.PASS
    assert check(theirs, CheckCode.INITIATIVES).relied == (("initiative", initiative.pk),)


def test_bulk_and_naive_engines_agree_on_relied_on_records(
    award_catalogue, earned_ttg, confer, nominee, sector
):
    people = [nominee]
    for i in range(3):
        person = PersonFactory(full_name=f"Cán bộ {i}", assigned_to=sector.thads_long_an)
        used = confer(award_catalogue.bk, 2023, person=person)
        confer(award_catalogue.bk, 2024, person=person)
        if i:
            confer(award_catalogue.bk_ttg, 2023, person=person).relied_on.set([used])
        initiative = InitiativeFactory(
            year=2025, authors=[person, nominee], unit=sector.thads_long_an
        )
        if i == 2:
            used.relied_on_initiatives.set([initiative])
        people.append(person)
    for award in (award_catalogue.bk_ttg, award_catalogue.cstdcs):
        bulk = evaluate(award=award, subjects=people, year=2025)
        assert bulk == evaluate_naive(award=award, subjects=people, year=2025)
    statuses = [
        v.status
        for v in evaluate(award=award_catalogue.bk_ttg, subjects=people, year=2025).values()
    ]
    assert statuses == [VerdictStatus.BLOCKED, VerdictStatus.ELIGIBLE] + [VerdictStatus.BLOCKED] * 2


def test_bulk_queries_stay_fixed_with_relied_on_records(
    award_catalogue, confer, sector, django_assert_num_queries
):
    people = []
    for i in range(6):
        person = PersonFactory(full_name=f"Người {i}", assigned_to=sector.thads_long_an)
        used = [confer(award_catalogue.bk, year, person=person) for year in (2023, 2024)]
        confer(award_catalogue.bk_ttg, 2024, person=person).relied_on.set(used)
        initiative = InitiativeFactory(year=2025, authors=[person], unit=sector.thads_long_an)
        used[0].relied_on_initiatives.set([initiative])
        people.append(person)
    for award in (award_catalogue.bk_ttg, award_catalogue.cstdcs):
        with CaptureQueriesContext(connection) as two:
            evaluate(award=award, subjects=people[:2], year=2025)
        with django_assert_num_queries(len(two.captured_queries)):
            evaluate(award=award, subjects=people, year=2025)


# --- Issuing records it, the history shows it, the next proposal is told -----------------


def _pass_everyone(nominees, wf_council, cast):
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=D(2026, 1, 10)
    )
    services.session_add_to_agenda(session=session, by=cast.office, nominees=nominees)
    services.session_open(session=session, by=cast.office)
    for member in wf_council.members:
        for nominee in nominees:
            services.ballot_cast(session=session, nominee=nominee, member=member, vote="agree")
    services.session_close(session=session, by=cast.office)


def test_the_decision_records_what_the_award_relied_on_and_the_history_shows_it(
    login, sector, cast, wf_catalogue, wf_people, wf_council, media_root
):
    binh = wf_people.binh
    earlier = ConfermentFactory(
        decision=DecisionFactory(
            authority=wf_catalogue.minister,
            issuing_unit=sector.ministry,
            number="77/QĐ-CTHADS",
            signed_on=D(2025, 12, 20),
        ),
        award=wf_catalogue.bk,
        person=binh,
        unit=sector.district,
        year=YEAR,
    )
    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Đề nghị danh hiệu CSTĐ ngành",
    )
    nominee = services.nominee_add(
        proposal=proposal, by=cast.staff, award=wf_catalogue.cstd, person=binh
    )
    assert nominee.verdict == Nominee.Verdict.ELIGIBLE  # the Bằng khen of 2025 counts
    upload_all(proposal, cast.staff, [nominee])
    services.proposal_submit(proposal=proposal, by=cast.staff)
    services.proposal_forward(proposal=proposal, by=cast.leader)
    services.proposal_appraise(proposal=proposal, by=cast.office)
    _pass_everyone([nominee], wf_council, cast)
    decision = services.decision_draft(
        by=cast.office,
        authority=wf_catalogue.minister,
        issuing_unit=sector.ministry,
        number="900/QĐ-CTHADS",
        signed_on=D(2026, 1, 20),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        recipients=[nominee],
    )
    services.decision_issue(decision=decision, by=cast.office)
    conferment = Conferment.objects.get(decision=decision)
    assert list(conferment.relied_on.all()) == [earlier]

    page = login(cast.staff).get(reverse("awards:person_history", kwargs={"pk": binh.pk}))
    text = page.content.decode()
    assert "Đã xét dựa trên" in text
    assert "Bằng khen của Bộ trưởng Bộ Tư pháp năm 2025 (QĐ số 77/QĐ-CTHADS)" in text
    page = login(cast.office).get(reverse("awards:decision_detail", kwargs={"pk": decision.pk}))
    assert "Bằng khen của Bộ trưởng Bộ Tư pháp năm 2025 (QĐ số 77/QĐ-CTHADS)" in page.text

    # Another award of the ladder on the same Bằng khen: the new nominee is blocked.
    again = AwardFactory(
        code="cstd-nganh-2", name="Danh hiệu thử nghiệm", authority=wf_catalogue.minister
    )
    rule = AwardRuleFactory(award=again, effective_from=D(2024, 1, 1))
    rule.prerequisites.create(required_award=wf_catalogue.bk, count=1, window_years=1)
    second = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Đề nghị thứ hai",
    )
    blocked = services.nominee_add(proposal=second, by=cast.staff, award=again, person=binh)
    assert blocked.verdict == Nominee.Verdict.BLOCKED
    page = login(cast.staff).get(reverse("awards:proposal_detail", kwargs={"pk": second.pk}))
    text = page.content.decode()
    assert "Thành tích đã được khen thưởng" in text
    assert "vì đã dùng để xét Chiến sĩ thi đua ngành Tư pháp năm 2025 (QĐ 900/QĐ-CTHADS" in text


def test_a_person_history_costs_the_same_with_relied_on_records(
    login, cast, sector, wf_catalogue, wf_people, django_assert_num_queries
):
    def give(year, relied=()):
        made = ConfermentFactory(
            decision=DecisionFactory(
                authority=wf_catalogue.minister, issuing_unit=sector.ministry, year=year + 1
            ),
            award=wf_catalogue.bk,
            person=wf_people.an,
            unit=sector.district,
            year=year,
        )
        made.relied_on.set(relied)
        initiative = InitiativeFactory(year=year, authors=[wf_people.an], unit=sector.district)
        made.relied_on_initiatives.set([initiative])
        return made

    client = login(cast.staff)
    url = reverse("awards:person_history", kwargs={"pk": wf_people.an.pk})
    first = give(2020)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for year in (2021, 2022, 2023):
        first = give(year, [first])
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count("Đã xét dựa trên") == 4


def test_two_awards_of_one_decision_do_not_both_rely_on_the_same_achievement(
    sector, cast, wf_catalogue, wf_people, wf_council, media_root
):
    """Both awards of Bình rest on her Bằng khen of 2025; the decision records it once."""
    binh = wf_people.binh
    earlier = ConfermentFactory(
        decision=DecisionFactory(
            authority=wf_catalogue.minister, issuing_unit=sector.ministry, number="77/QĐ-CTHADS"
        ),
        award=wf_catalogue.bk,
        person=binh,
        unit=sector.district,
        year=YEAR,
    )
    ladder = AwardFactory(
        code="cstd-nganh-2", name="Danh hiệu thử nghiệm", authority=wf_catalogue.minister
    )
    rule = AwardRuleFactory(award=ladder, effective_from=D(2024, 1, 1))
    rule.prerequisites.create(required_award=wf_catalogue.bk, count=1, window_years=1)
    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Hai hình thức cho một người",
    )
    nominees = [
        services.nominee_add(proposal=proposal, by=cast.staff, award=award, person=binh)
        for award in (wf_catalogue.cstd, ladder)
    ]
    assert [n.verdict for n in nominees] == [Nominee.Verdict.ELIGIBLE] * 2
    upload_all(proposal, cast.staff, nominees)
    services.proposal_submit(proposal=proposal, by=cast.staff)
    services.proposal_forward(proposal=proposal, by=cast.leader)
    services.proposal_appraise(proposal=proposal, by=cast.office)
    _pass_everyone(nominees, wf_council, cast)
    decision = services.decision_draft(
        by=cast.office,
        authority=wf_catalogue.minister,
        issuing_unit=sector.ministry,
        number="901/QĐ-CTHADS",
        signed_on=D(2026, 1, 20),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        recipients=nominees,
    )
    services.decision_issue(decision=decision, by=cast.office)

    relied = sorted(
        (c.award.code, [r.pk for r in c.relied_on.all()])
        for c in Conferment.objects.filter(decision=decision).select_related("award")
    )
    assert len(relied) == 2
    assert sorted(pks for _code, pks in relied) == [[], [earlier.pk]]
