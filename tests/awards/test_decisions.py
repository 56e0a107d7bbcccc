"""Decisions: issuing confers passed nominees; issued decisions are corrected, never edited.

The first test is the whole course of a proposal, from the district's draft to the
person's award history after the decision is revoked.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import selectors, services
from awards.catalogue.salary import seed_base_salaries
from awards.eligibility import CheckCode, CheckStatus, evaluate_one
from awards.models import (
    Ballot,
    Conferment,
    Decision,
    Nominee,
    Notification,
    Proposal,
    SignerAuthority,
)
from awards.workflow import DECISION_WORKFLOW
from tests.awards.helpers import YEAR, D, upload_all, vote_and_close
from tests.factories import (
    ConfermentFactory,
    DecisionFactory,
    NomineeFactory,
    ProposalFactory,
    UnitRoleFactory,
    UserFactory,
)
from thidua.core import audit
from thidua.core.audit import history
from thidua.core.models import AuditEntry
from units.models import UnitRole
from units.services import person_assign

P, R = Proposal.Status, Nominee.Result
AGREE, DISAGREE = Ballot.Vote.AGREE, Ballot.Vote.DISAGREE
SIGNED = D(2026, 1, 20)
# The refusal when An's Bằng khen of 2025 was entered meanwhile (``conferred_elsewhere``).
ONCE_ONLY = (
    "Nguyễn Văn An đã được tặng Bằng khen của Bộ trưởng Bộ Tư pháp cho thành tích năm 2025 "
    "(Quyết định số 9/QĐ-BTP); mỗi thành tích chỉ được khen thưởng một lần."
)


def _messages(error) -> str:
    return " ".join(error.value.messages)


def _draft(cast, sector, wf_catalogue, recipients, number="123/QĐ-BTP", **extra):
    return services.decision_draft(
        by=cast.office,
        authority=wf_catalogue.minister,
        issuing_unit=sector.ministry,
        number=number,
        signed_on=SIGNED,
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        legal_bases=[wf_catalogue.law, wf_catalogue.decree],
        recipients=recipients,
        **extra,
    )


def test_the_table_is_declared_once_with_its_states_and_roles(transition_table):
    S = Decision.Status
    assert transition_table(DECISION_WORKFLOW) == {
        "issue": ({S.DRAFT}, S.ISSUED, {"staff", "leader"}, False),
        "revoke": ({S.ISSUED}, S.REVOKED, {"staff", "leader"}, True),
    }


@pytest.fixture
def voted(appraised, wf_council, cast):
    vote_and_close([appraised.an, appraised.binh], wf_council, cast)
    return appraised


def test_the_whole_course_of_a_proposal(
    sector, cast, wf_catalogue, wf_people, wf_council, media_root, settings
):
    settings.THIDUA_BASE_SALARY = 2340000
    # The district's staff draft, add two nominees and the dossier, and submit.
    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=wf_catalogue.minister,
        year=YEAR,
        title="Đề nghị tặng Bằng khen, danh hiệu CSTĐ ngành năm 2025",
    )
    an = services.nominee_add(
        proposal=proposal,
        by=cast.staff,
        award=wf_catalogue.bk,
        person=wf_people.an,
        achievement="Thi hành xong 98 % số việc có điều kiện",
    )
    binh = services.nominee_add(
        proposal=proposal, by=cast.staff, award=wf_catalogue.cstd, person=wf_people.binh
    )
    upload_all(proposal, cast.staff, [an, binh])
    services.proposal_submit(proposal=proposal, by=cast.staff)
    # Their leader overrides Bình's warning with a reason and forwards; the ministry appraises.
    services.nominee_override(
        nominee=binh, by=cast.leader, reason="Sáng kiến được áp dụng toàn ngành"
    )
    services.proposal_forward(proposal=proposal, by=cast.leader)
    assert selectors.proposal_get(user=cast.staff, pk=proposal.pk).is_pending
    services.proposal_appraise(proposal=proposal, by=cast.office)
    # The council: 4 of 5 agree (one in writing): 80 % passes Bằng khen, not CSTĐ (90 %).
    outcome = vote_and_close([an, binh], wf_council, cast)
    assert [c.result for c in outcome.counts] == [R.PASSED, R.FAILED]
    # An moves to another post after the decision; the record keeps the post he held.
    person_assign(
        person=wf_people.an,
        unit=sector.thads_long_an,
        position="Phó Chi cục trưởng",
        start=D(2026, 3, 1),
    )
    decision = _draft(cast, sector, wf_catalogue, [an])
    services.decision_issue(decision=decision, by=cast.office)
    conferment = Conferment.objects.get(decision=decision)
    assert (conferment.person, conferment.unit, conferment.position) == (
        wf_people.an,
        sector.district,
        "Chấp hành viên",
    )
    assert (conferment.year, conferment.cash_amount) == (YEAR, Decimal("2340000"))
    assert conferment.achievement == "Thi hành xong 98 % số việc có điều kiện"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.outcome) == (P.DECIDED, Proposal.Outcome.PARTLY)
    assert Nominee.objects.get(pk=an.pk).result == R.CONFERRED
    texts = list(Notification.objects.filter(unit=sector.district).values_list("text", flat=True))
    assert any("123/QĐ-BTP" in t and "khen thưởng 1 đề cử" in t for t in texts)
    # An's history shows the decision; after a revoking decision it shows both.
    history = selectors.person_award_history(person=wf_people.an, year=2026)
    assert [(c.award, c.decision.number, c.is_void) for c in history.conferments] == [
        (wf_catalogue.bk, "123/QĐ-BTP", False)
    ]
    revoking = services.decision_revoke(
        decision=decision,
        by=cast.office,
        number="200/QĐ-BTP",
        signed_on=D(2026, 6, 1),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        reason="Hồ sơ không trung thực",
    )
    decision.refresh_from_db()
    assert decision.status == Decision.Status.REVOKED
    history = selectors.person_award_history(person=wf_people.an, year=2026)
    [row] = history.conferments
    assert (row.revoked, row.revoked_by, row.is_void) == (True, revoking, True)
    assert Nominee.objects.get(pk=an.pk).result == R.REVOKED
    assert Proposal.objects.get(pk=proposal.pk).outcome == Proposal.Outcome.REJECTED


def test_issuing_for_a_failed_nominee_is_refused(voted, cast, sector, wf_catalogue):
    with pytest.raises(ValidationError) as error:
        _draft(cast, sector, wf_catalogue, [voted.binh])
    assert _messages(error) == (
        "Lê Thị Bình – Chiến sĩ thi đua ngành Tư pháp chưa được Hội đồng đồng ý "
        "(hội đồng không đồng ý); không thể đưa vào quyết định khen thưởng."
    )


def test_issuing_for_a_pending_nominee_is_refused(appraised, cast, sector, wf_catalogue):
    with pytest.raises(ValidationError) as error:
        _draft(cast, sector, wf_catalogue, [appraised.an])
    assert (
        "Nguyễn Văn An – Bằng khen của Bộ trưởng Bộ Tư pháp chưa được Hội đồng đồng ý (chưa xét)"
        in (_messages(error))
    )
    assert not Decision.objects.exists()


def test_a_decision_of_another_authority_cannot_confer_it(voted, cast, sector, wf_catalogue):
    with pytest.raises(ValidationError) as error:
        services.decision_draft(
            by=cast.office,
            authority=wf_catalogue.pm,
            issuing_unit=sector.ministry,
            number="7/QĐ-TTg",
            signed_on=SIGNED,
            signer_name="A",
            signer_position="Thủ tướng",
            recipients=[voted.an],
        )
    assert "không do «Thủ tướng Chính phủ» tặng" in _messages(error)


def test_a_nominee_cannot_be_conferred_twice(voted, cast, sector, wf_catalogue):
    services.decision_issue(decision=_draft(cast, sector, wf_catalogue, [voted.an]), by=cast.office)
    with pytest.raises(ValidationError) as error:
        _draft(cast, sector, wf_catalogue, [voted.an], number="124/QĐ-BTP")
    assert _messages(error) == (
        "Nguyễn Văn An – Bằng khen của Bộ trưởng Bộ Tư pháp chưa được Hội đồng đồng ý "
        "(đã được khen thưởng); không thể đưa vào quyết định khen thưởng."
    )


@pytest.fixture
def conferred_elsewhere(sector, wf_catalogue, wf_people):
    """``conferred_elsewhere()`` enters An's Bằng khen of 2025 from another decision of the
    minister, 9/QĐ-BTP (e.g. imported): a callable, so a test can do it at the right moment."""

    def _confer():
        return ConfermentFactory(
            decision=DecisionFactory(
                authority=wf_catalogue.minister, issuing_unit=sector.ministry, number="9/QĐ-BTP"
            ),
            award=wf_catalogue.bk,
            person=wf_people.an,
            unit=sector.district,
            year=YEAR,
        )

    return _confer


def test_one_achievement_is_rewarded_once(voted, cast, sector, wf_catalogue, conferred_elsewhere):
    """Conferred meanwhile by another decision (e.g. imported): issuing again is refused."""
    conferred_elsewhere()
    decision = _draft(cast, sector, wf_catalogue, [voted.an])
    with pytest.raises(ValidationError) as error:
        services.decision_issue(decision=decision, by=cast.office)
    assert _messages(error) == ONCE_ONLY
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.DRAFT
    assert not Conferment.objects.filter(decision=decision).exists()
    assert not history(decision).filter(action="issue").exists()


def _state_of_the_books():
    """What an all-or-nothing service may not leave half-written."""
    return {
        "decisions": sorted(Decision.objects.values_list("number", "status")),
        "conferments": sorted(Conferment.objects.values_list("pk", "revoked", "revoked_by")),
        "nominees": sorted(Nominee.objects.values_list("pk", "result")),
        "audit": AuditEntry.objects.count(),
        "notifications": Notification.objects.count(),
    }


def test_an_amendment_refused_after_its_withdrawal_leaves_everything_as_it_was(
    voted, cast, sector, wf_catalogue, conferred_elsewhere
):
    """The amendment withdraws An's conferment and confers him again; the new conferment is
    refused (his Bằng khen of 2025 was entered meanwhile from another decision) after the
    withdrawal was written: nothing of it may remain, not even the new decision."""
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [voted.an]), by=cast.office
    )
    wrong = decision.conferments.get()
    conferred_elsewhere()
    before = _state_of_the_books()

    with pytest.raises(ValidationError) as error:
        services.decision_amend(
            decision=decision,
            by=cast.office,
            number="150/QĐ-BTP",
            signed_on=D(2026, 2, 1),
            signer_name="Nguyễn Hải Ninh",
            signer_position="Bộ trưởng",
            reason="Đính chính thành tích",
            withdraw=[wrong],
            recipients=[voted.an],
        )

    assert _messages(error) == ONCE_ONLY
    assert _state_of_the_books() == before
    assert Conferment.objects.get(pk=wrong.pk).revoked is False


@pytest.mark.parametrize("who", ["stranger", "staff", "council"])
def test_only_the_office_issues_or_revokes_its_decisions(voted, cast, sector, wf_catalogue, who):
    """A leader elsewhere, the proposing unit's staff, a council member of the ministry."""
    if who == "council":
        actor = UserFactory(username="hd_bo")
        UnitRoleFactory(user=actor, unit=sector.ministry, role=UnitRole.Role.COUNCIL)
    else:
        actor = getattr(cast, who)
    draft = _draft(cast, sector, wf_catalogue, [voted.an])
    with pytest.raises(ValidationError, match="Bạn không có quyền ban hành") as error:
        services.decision_issue(decision=draft, by=actor)
    assert error.value.code == "role"
    assert Decision.objects.get(pk=draft.pk).status == Decision.Status.DRAFT
    assert not Conferment.objects.exists()

    issued = services.decision_issue(decision=draft, by=cast.office)
    with pytest.raises(ValidationError, match="Bạn không có quyền hủy bỏ"):
        DECISION_WORKFLOW.apply(issued, "revoke", by=actor, comment="Sai đối tượng")
    assert Decision.objects.get(pk=draft.pk).status == Decision.Status.ISSUED


def test_a_decision_number_is_used_once_a_year(voted, cast, sector, wf_catalogue):
    _draft(cast, sector, wf_catalogue, [voted.an])
    with pytest.raises(ValidationError) as error:
        _draft(cast, sector, wf_catalogue, [])
    assert _messages(error) == "Số quyết định 123/QĐ-BTP đã tồn tại trong năm 2026."


def test_a_number_taken_between_the_check_and_the_save_is_refused(
    voted, cast, sector, wf_catalogue, monkeypatch
):
    """Two offices saving the same number at once: the second save hits the unique
    constraint and gets a message, not a server error."""
    _draft(cast, sector, wf_catalogue, [voted.an])
    monkeypatch.setattr("awards.services.decisions._check_number", lambda decision: None)
    with pytest.raises(ValidationError) as error:
        _draft(cast, sector, wf_catalogue, [])
    assert _messages(error) == "Số quyết định đã tồn tại."
    assert Decision.objects.count() == 1


def test_an_issued_decision_cannot_be_edited(voted, cast, sector, wf_catalogue):
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [voted.an]), by=cast.office
    )
    with pytest.raises(ValidationError) as error:
        services.decision_update(decision=decision, by=cast.office, signer_name="Người khác")
    assert _messages(error) == (
        "Quyết định số 123/QĐ-BTP đã ban hành, không thể sửa; "
        "hãy ban hành quyết định sửa đổi, bổ sung hoặc hủy bỏ."
    )
    stored = Decision.objects.get(pk=decision.pk)
    stored.signer_name = "Người khác"
    with pytest.raises(ValidationError):
        stored.save()
    with pytest.raises(ValidationError):
        services.decision_delete(decision=decision, by=cast.office)
    assert Decision.objects.get(pk=decision.pk).signer_name == "Nguyễn Hải Ninh"


@pytest.mark.parametrize("revoked", [False, True], ids=["issued", "revoked"])
def test_a_decision_is_issued_once(voted, cast, sector, wf_catalogue, revoked):
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [voted.an]), by=cast.office
    )
    state = "Đã ban hành"
    if revoked:
        services.decision_revoke(
            decision=decision,
            by=cast.office,
            number="203/QĐ-BTP",
            signed_on=D(2026, 6, 1),
            signer_name="Nguyễn Hải Ninh",
            signer_position="Bộ trưởng",
            reason="Sai đối tượng",
        )
        decision.refresh_from_db()
        state = "Đã hủy bỏ"
    with pytest.raises(ValidationError) as error:
        services.decision_issue(decision=decision, by=cast.office)
    assert error.value.messages == [
        f"Quyết định số 123/QĐ-BTP đang ở trạng thái “{state}”; chỉ quyết định dự thảo mới "
        "ban hành được."
    ]
    assert error.value.code == "state"
    assert Conferment.objects.filter(decision=decision).count() == 1
    assert history(decision).filter(action="issue").count() == 1


def test_a_draft_can_be_edited_by_the_office_only(voted, cast, sector, wf_catalogue):
    decision = _draft(cast, sector, wf_catalogue, [])
    with pytest.raises(ValidationError) as error:
        services.decision_update(decision=decision, by=cast.leader, recipients=[voted.an])
    assert error.value.code == "role"
    services.decision_update(
        decision=decision, by=cast.office, recipients=[voted.an], number="125/QĐ-BTP"
    )
    decision.refresh_from_db()
    assert (decision.number, list(decision.recipients.all())) == ("125/QĐ-BTP", [voted.an])


def test_an_amending_decision_withdraws_and_reconfers(voted, cast, sector, wf_catalogue, wf_people):
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [voted.an]), by=cast.office
    )
    wrong = decision.conferments.get()
    amending = services.decision_amend(
        decision=decision,
        by=cast.office,
        number="150/QĐ-BTP",
        signed_on=D(2026, 2, 1),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        reason="Đính chính thành tích",
        withdraw=[wrong],
        recipients=[voted.an],
    )
    wrong.refresh_from_db()
    assert (wrong.revoked, wrong.revoked_by) == (True, amending)
    fresh = Conferment.objects.get(decision=amending)
    assert (fresh.person, fresh.revoked) == (wf_people.an, False)
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.ISSUED
    assert Nominee.objects.get(pk=voted.an.pk).result == R.CONFERRED
    detail = selectors.decision_detail(user=cast.office, pk=decision.pk)
    assert detail.corrections == [amending]


def test_a_revoked_award_no_longer_counts_for_eligibility(
    voted, cast, sector, wf_catalogue, wf_people
):
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [voted.an]), by=cast.office
    )
    already = evaluate_one(award=wf_catalogue.bk, subject=wf_people.an, year=YEAR)
    assert [c.code for c in already.checks if c.status == CheckStatus.BLOCK] == [
        CheckCode.ALREADY_REWARDED
    ]
    services.decision_revoke(
        decision=decision,
        by=cast.office,
        number="201/QĐ-BTP",
        signed_on=D(2026, 6, 1),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        reason="Sai đối tượng",
    )
    again = evaluate_one(award=wf_catalogue.bk, subject=wf_people.an, year=YEAR)
    assert {c.status for c in again.checks if c.code == CheckCode.ALREADY_REWARDED} == {
        CheckStatus.PASS
    }


def test_a_revocation_needs_a_reason_and_an_issued_decision(voted, cast, sector, wf_catalogue):
    draft = _draft(cast, sector, wf_catalogue, [voted.an])
    with pytest.raises(ValidationError):
        services.decision_revoke(
            decision=draft,
            by=cast.office,
            number="202/QĐ-BTP",
            signed_on=D(2026, 6, 1),
            signer_name="A",
            signer_position="Bộ trưởng",
            reason="Nhầm",
        )
    with pytest.raises(ValidationError):
        services.decision_revoke(
            decision=draft,
            by=cast.office,
            number="202/QĐ-BTP",
            signed_on=D(2026, 6, 1),
            signer_name="A",
            signer_position="Bộ trưởng",
            reason=" ",
        )
    assert not Decision.objects.filter(number="202/QĐ-BTP").exists()


def test_a_prime_minister_award_goes_up_and_is_recorded_by_the_ministry(
    pm_voted, sector, cast, wf_catalogue, government
):
    seed_base_salaries()  # 2.340.000 đồng from 01/07/2024: the Bằng khen pays twice that
    proposal = pm_voted
    an = proposal.nominees.get()
    services.proposal_forward_up(proposal=proposal, by=cast.chief, to_unit=government)
    seen = selectors.proposal_get(user=cast.staff, pk=proposal.pk)
    assert (seen.get_status_display(), seen.current_unit) == (
        "Đang đề nghị lên cấp trên",
        government,
    )
    decision = services.decision_draft(
        by=cast.office,
        authority=wf_catalogue.pm,
        issuing_unit=government,
        handling_unit=sector.ministry,
        number="1500/QĐ-TTg",
        signed_on=D(2026, 9, 2),
        signer_name="Phạm Minh Chính",
        signer_position="Thủ tướng Chính phủ",
        recipients=[an],
    )
    services.decision_issue(decision=decision, by=cast.office)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.outcome) == (P.DECIDED, Proposal.Outcome.APPROVED)
    assert Conferment.objects.get(decision=decision).cash_amount == Decimal("4680000")
    assert [d.pk for d in selectors.decision_list(user=cast.office)] == [decision.pk]


def test_forwarding_up_is_only_for_state_awards(voted, cast, government):
    proposal = Proposal.objects.get(pk=voted.proposal.pk)
    with pytest.raises(ValidationError) as error:
        services.proposal_forward_up(proposal=proposal, by=cast.chief, to_unit=government)
    assert _messages(error) == (
        "Bộ trưởng Bộ Tư pháp quyết định tại cấp này; không cần trình lên cấp trên."
    )


def test_a_voted_proposal_can_be_concluded_without_decision(voted, cast, sector):
    proposal = Proposal.objects.get(pk=voted.proposal.pk)
    services.proposal_conclude(proposal=proposal, by=cast.chief, comment="Không còn chỉ tiêu")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.outcome) == (P.DECIDED, Proposal.Outcome.REJECTED)
    assert Nominee.objects.get(pk=voted.an.pk).result == R.NOT_CONFERRED


def test_decisions_of_the_ministry_are_hidden_from_other_units(voted, cast, sector, wf_catalogue):
    decision = _draft(cast, sector, wf_catalogue, [voted.an])
    assert not selectors.decision_list(user=cast.stranger).exists()
    with pytest.raises(Http404):
        selectors.decision_detail(user=cast.stranger, pk=decision.pk)


def test_histories_cost_the_same_whatever_their_length(
    voted, cast, sector, wf_catalogue, wf_people, django_assert_num_queries
):
    services.decision_issue(decision=_draft(cast, sector, wf_catalogue, [voted.an]), by=cast.office)

    def read():
        history = selectors.person_award_history(person=wf_people.an, year=2026)
        [(c.decision.authority, c.award, c.unit, c.revoked_by) for c in history.conferments]
        return history

    with CaptureQueriesContext(connection) as short:
        read()
    for year in (2021, 2022, 2023):
        ConfermentFactory(
            decision=DecisionFactory(authority=wf_catalogue.minister, issuing_unit=sector.ministry),
            award=wf_catalogue.bk,
            person=wf_people.an,
            unit=sector.district,
            year=year,
        )
    with django_assert_num_queries(len(short)):
        history = read()
    assert [c.year for c in history.conferments] == [2025, 2023, 2022, 2021]
    unit_history = selectors.unit_award_history(unit=sector.district)
    assert unit_history.individual.count() == 4
    assert not unit_history.collective.exists()


def test_a_draft_keeps_the_place_signer_authority_and_summary_it_was_given(
    voted, cast, sector, wf_catalogue
):
    decision = _draft(
        cast,
        sector,
        wf_catalogue,
        [voted.an],
        place=" Long An ",
        signer_authority=SignerAuthority.KT,
        summary="  Tặng Bằng khen năm 2025  ",
        proposed_by=" Vụ trưởng Vụ Thi đua – Khen thưởng ",
    )
    decision.refresh_from_db()
    assert (
        decision.place,
        decision.signer_authority,
        decision.summary,
        decision.proposed_by,
    ) == (
        "Long An",
        SignerAuthority.KT,
        "Tặng Bằng khen năm 2025",
        "Vụ trưởng Vụ Thi đua – Khen thưởng",
    )
    blank = _draft(cast, sector, wf_catalogue, [], number="124/QĐ-BTP", place="  ")
    assert (blank.place, blank.signer_authority, blank.summary, blank.proposed_by) == (
        "Hà Nội",
        "",
        "",
        "",
    )


def test_an_amendment_that_only_withdraws_tells_the_unit_the_award_is_cancelled(
    voted, cast, sector, wf_catalogue
):
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [voted.an]), by=cast.office
    )
    _amend(
        decision,
        cast,
        "151/QĐ-BTP",
        "Thu hồi do kê khai sai thành tích",
        withdraw=[decision.conferments.get()],
    )
    proposal = voted.an.proposal
    latest = Notification.objects.filter(unit=proposal.proposing_unit).first()
    assert latest.text == (
        f"Quyết định số 151/QĐ-BTP ngày 01/02/2026 của {decision.authority} hủy bỏ khen "
        f"thưởng theo đề nghị “{proposal.title}”."
    )
    assert Nominee.objects.get(pk=voted.an.pk).result == R.REVOKED


@pytest.mark.django_db(transaction=True)
def test_a_draft_is_deleted_in_its_own_transaction(voted, cast, sector, wf_catalogue):
    """Deleting locks the row (PostgreSQL refuses a lock outside a transaction), records
    the deletion and removes the draft."""
    decision = _draft(cast, sector, wf_catalogue, [voted.an])
    services.decision_delete(decision=decision, by=cast.office)
    assert not Decision.objects.filter(pk=decision.pk).exists()
    assert AuditEntry.objects.filter(action="delete", comment="123/QĐ-BTP").exists()


class _Broken(Exception):
    pass


def _break_the_audit(monkeypatch):
    def record(**_kwargs):
        raise _Broken

    monkeypatch.setattr(audit, "record", record)


def test_a_draft_whose_recording_fails_leaves_nothing(
    voted, cast, sector, wf_catalogue, monkeypatch
):
    """All or nothing: the decision, its legal bases and recipients are saved together."""
    _break_the_audit(monkeypatch)
    with pytest.raises(_Broken):
        _draft(cast, sector, wf_catalogue, [voted.an])
    assert not Decision.objects.exists()


def test_an_edit_whose_recording_fails_changes_nothing(
    voted, cast, sector, wf_catalogue, monkeypatch
):
    decision = _draft(cast, sector, wf_catalogue, [voted.an])
    _break_the_audit(monkeypatch)
    with pytest.raises(_Broken):
        services.decision_update(
            decision=decision, by=cast.office, number="999/QĐ-BTP", recipients=[]
        )
    decision.refresh_from_db()
    assert decision.number == "123/QĐ-BTP"
    assert list(decision.recipients.all()) == [voted.an]


def _amend(decision, cast, number, reason, **changes):
    """The minister's amending decision of 01/02/2026 (withdraw=…, recipients=…)."""
    return services.decision_amend(
        decision=decision,
        by=cast.office,
        number=number,
        signed_on=D(2026, 2, 1),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        reason=reason,
        **changes,
    )


def _notice(proposal) -> str:
    return Notification.objects.filter(unit=proposal.proposing_unit).first().text


@pytest.fixture
def both_passed(appraised, wf_council, cast):
    """An and Bình passed by every member of the council."""
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=D(2026, 1, 10)
    )
    nominees = [appraised.an, appraised.binh]
    services.session_add_to_agenda(session=session, by=cast.office, nominees=nominees)
    services.session_open(session=session, by=cast.office)
    for nominee in nominees:
        for member in wf_council.members:
            services.ballot_cast(session=session, nominee=nominee, member=member, vote=AGREE)
    services.session_close(session=session, by=cast.office)
    return appraised


def test_a_decision_for_part_of_a_proposal_leaves_the_rest_waiting(
    both_passed, cast, sector, wf_catalogue
):
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [both_passed.an]), by=cast.office
    )
    proposal = Proposal.objects.get(pk=both_passed.proposal.pk)
    assert (proposal.status, proposal.outcome) == (P.VOTED, "")
    assert _notice(proposal) == (
        f"Quyết định số 123/QĐ-BTP ngày 20/01/2026 của {decision.authority}: khen thưởng 1 "
        f"đề cử theo đề nghị “{proposal.title}”."
    )


def test_withdrawing_part_of_a_decided_proposal_makes_it_partly_rewarded(
    both_passed, cast, sector, wf_catalogue
):
    recipients = [both_passed.an, both_passed.binh]
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, recipients), by=cast.office
    )
    proposal = Proposal.objects.get(pk=both_passed.proposal.pk)
    assert (proposal.status, proposal.outcome) == (P.DECIDED, Proposal.Outcome.APPROVED)
    _amend(
        decision,
        cast,
        "152/QĐ-BTP",
        "Thu hồi khen thưởng của ông An",
        withdraw=[decision.conferments.get(nominee=both_passed.an)],
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.outcome) == (P.DECIDED, Proposal.Outcome.PARTLY)


def test_an_amendment_that_reconfers_tells_the_unit_what_it_confers(
    voted, cast, sector, wf_catalogue
):
    decision = services.decision_issue(
        decision=_draft(cast, sector, wf_catalogue, [voted.an]), by=cast.office
    )
    _amend(
        decision,
        cast,
        "153/QĐ-BTP",
        "Đính chính thành tích",
        withdraw=[decision.conferments.get()],
        recipients=[voted.an],
    )
    assert _notice(voted.proposal) == (
        f"Quyết định số 153/QĐ-BTP ngày 01/02/2026 của {decision.authority}: khen thưởng 1 "
        f"đề cử theo đề nghị “{voted.proposal.title}”."
    )


def test_conferring_on_a_collective_marks_its_other_verdicts_stale(
    voted, cast, sector, wf_catalogue
):
    """A unit's conferment is read by its other collective nominees' verdicts (prefer
    conditions, earlier awards): issuing flags them for a re-check."""
    unit_bk = NomineeFactory(
        proposal=voted.proposal,
        award=wf_catalogue.bk,
        person=None,
        unit=sector.district,
        result=R.PASSED,
    )
    waiting = NomineeFactory(
        proposal=ProposalFactory(proposing_unit=sector.district, authority=wf_catalogue.minister),
        award=wf_catalogue.cstd,
        person=None,
        unit=sector.district,
    )
    services.decision_issue(decision=_draft(cast, sector, wf_catalogue, [unit_bk]), by=cast.office)
    waiting.refresh_from_db()
    assert waiting.verdict_stale


def test_a_draft_edit_shows_before_and_after_on_the_decision_page(
    voted, cast, sector, wf_catalogue, login
):
    """Field history: the service's edit of a draft reads "field: before → after", with
    who made it, on the decision's page."""
    cast.office.first_name, cast.office.last_name = "Lê Thị", "Hoa"
    cast.office.save()
    decision = _draft(cast, sector, wf_catalogue, [voted.an])
    services.decision_update(
        decision=decision, by=cast.office, signer_name="Trần Văn Bình", signed_on=D(2026, 1, 22)
    )
    page = login(cast.office).get(reverse("awards:decision_detail", args=[decision.pk]))
    changes = page.context["changes"]
    assert [(r.action, r.actor_name) for r in changes] == [
        ("Sửa", "Lê Thị Hoa"),
        ("Tạo mới", "Lê Thị Hoa"),
    ]
    assert [str(c) for c in changes[0].changes] == [
        "Ngày ký: 20/01/2026 → 22/01/2026",
        "Người ký: Nguyễn Hải Ninh → Trần Văn Bình",
    ]
    assert "Người ký: Nguyễn Hải Ninh → Trần Văn Bình" in page.text
