"""Council sessions: agenda, public notice, secret ballot, quorum and thresholds."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards import selectors, services
from awards.models import Ballot, CouncilMember, CouncilSession, Nominee, Notification, Proposal
from awards.workflow import (
    SESSION_WORKFLOW,
    active_nominees,
    councils_run_by,
    missing_documents,
    notice_refusal,
)
from tests.awards.helpers import D, upload_all
from tests.factories import PersonFactory
from thidua.core.models import AuditEntry

AGREE, DISAGREE = Ballot.Vote.AGREE, Ballot.Vote.DISAGREE
R = Nominee.Result


@pytest.fixture
def session(appraised, wf_council, cast):
    """A session of the ministry's council with both nominees on its agenda (planned)."""
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=timezone.localdate()
    )
    services.session_add_to_agenda(
        session=session, by=cast.office, nominees=[appraised.an, appraised.binh]
    )
    return session


def _vote(session, nominee, member, vote=AGREE, **extra):
    return services.ballot_cast(session=session, nominee=nominee, member=member, vote=vote, **extra)


def _messages(error) -> str:
    return " ".join(error.value.messages)


def test_the_session_table_is_declared_once_with_its_states_and_roles(transition_table):
    S = CouncilSession.Status
    assert transition_table(SESSION_WORKFLOW) == {
        "open": ({S.PLANNED}, S.OPEN, {"staff", "leader"}, False),
        "close": ({S.OPEN}, S.CLOSED, {"staff", "leader"}, False),
    }


def _session_status(session):
    return CouncilSession.objects.values_list("status", flat=True).get(pk=session.pk)


@pytest.mark.parametrize("who", ["a plain member", "the proposing unit's staff", "a stranger"])
def test_only_the_secretariat_opens_and_closes_a_session(session, wf_council, cast, who):
    actor = {
        "a plain member": wf_council.members[3],
        "the proposing unit's staff": cast.staff,
        "a stranger": cast.stranger,
    }[who]
    with pytest.raises(ValidationError, match="Bạn không có quyền bắt đầu phiên họp") as error:
        services.session_open(session=session, by=actor)
    assert error.value.code == "role"
    assert _session_status(session) == CouncilSession.Status.PLANNED
    services.session_open(session=session, by=cast.office)
    with pytest.raises(ValidationError, match="Bạn không có quyền kết thúc phiên họp"):
        services.session_close(session=session, by=actor)
    assert _session_status(session) == CouncilSession.Status.OPEN


def test_putting_nominees_on_the_agenda_moves_the_proposal(session, appraised):
    proposal = Proposal.objects.get(pk=appraised.proposal.pk)
    assert proposal.status == Proposal.Status.ON_AGENDA
    assert session.items.count() == 2


def test_only_appraised_proposals_go_on_the_agenda(drafted, wf_council, cast):
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=timezone.localdate()
    )
    with pytest.raises(ValidationError) as error:
        services.session_add_to_agenda(session=session, by=cast.office, nominees=[drafted.an])
    assert _messages(error) == (
        "Nguyễn Văn An – Bằng khen của Bộ trưởng Bộ Tư pháp: "
        "đề nghị đang “Nháp”, chưa được thẩm định."
    )


def test_voting_before_the_session_opens_is_refused(session, appraised, wf_council):
    with pytest.raises(ValidationError) as error:
        _vote(session, appraised.an, wf_council.members[0])
    assert _messages(error) == "Phiên họp dự kiến; chỉ bỏ phiếu khi phiên họp đang diễn ra."
    assert not Ballot.objects.exists()


def test_a_member_keeps_one_ballot_and_may_change_it(session, appraised, wf_council, cast):
    services.session_open(session=session, by=cast.office)
    member = wf_council.members[0]
    _vote(session, appraised.an, member)
    _vote(session, appraised.an, member, DISAGREE)  # a change of mind, not a second ballot
    assert Ballot.objects.get(member=member).vote == DISAGREE
    # The secretariat cannot record a written ballot over a member's own.
    with pytest.raises(ValidationError) as error:
        _vote(session, appraised.an, member, AGREE, in_writing=True, recorded_by=cast.office)
    assert _messages(error) == (
        "Thành viên 1 đã bỏ phiếu cho Nguyễn Văn An; mỗi thành viên chỉ bỏ một phiếu."
    )
    assert Ballot.objects.get(member=member).vote == DISAGREE


def test_nobody_votes_in_person_for_another_member(session, appraised, wf_council, cast):
    services.session_open(session=session, by=cast.office)
    chair, absent = wf_council.members[0], wf_council.members[4]
    with pytest.raises(ValidationError):
        _vote(session, appraised.an, absent, recorded_by=chair)
    with pytest.raises(ValidationError):  # a plain member cannot record a written ballot
        _vote(session, appraised.an, absent, in_writing=True, recorded_by=wf_council.members[3])
    _vote(session, appraised.an, absent, in_writing=True, recorded_by=cast.office)
    assert Ballot.objects.get(member=absent).in_writing


def test_only_members_vote(session, appraised, cast):
    services.session_open(session=session, by=cast.office)
    with pytest.raises(ValidationError) as error:
        _vote(session, appraised.an, cast.chief)
    assert _messages(error) == "Người dùng không phải thành viên Hội đồng."


def _four_agree_one_disagree(session, appraised, wf_council, cast):
    services.session_open(session=session, by=cast.office)
    chair, vice, secretary, fourth, absent = wf_council.members
    for nominee in (appraised.an, appraised.binh):
        for member in (chair, vice, secretary):
            _vote(session, nominee, member)
        _vote(session, nominee, fourth, DISAGREE)
        _vote(session, nominee, absent, in_writing=True, recorded_by=cast.office)


def test_tally_80_percent_passes_an_80_threshold_and_fails_a_90_one(
    session, appraised, wf_council, cast
):
    _four_agree_one_disagree(session, appraised, wf_council, cast)
    outcome = services.session_close(session=session, by=cast.office, minutes="Biên bản số 1")
    assert (outcome.total, outcome.present) == (5, 4)
    an = Nominee.objects.get(pk=appraised.an.pk)
    binh = Nominee.objects.get(pk=appraised.binh.pk)
    assert (an.result, an.votes_agree, an.votes_disagree, an.votes_in_writing) == (
        R.PASSED,
        4,
        1,
        1,
    )
    assert (binh.result, binh.votes_agree, binh.member_count) == (R.FAILED, 4, 5)
    proposal = Proposal.objects.get(pk=appraised.proposal.pk)
    assert proposal.status == Proposal.Status.VOTED
    session.refresh_from_db()
    assert (session.status, session.minutes) == (CouncilSession.Status.CLOSED, "Biên bản số 1")


def test_without_quorum_nominees_stay_pending(session, appraised, wf_council, cast):
    services.session_open(session=session, by=cast.office)
    for member in wf_council.members[:3]:
        _vote(session, appraised.an, member)  # 3 of 5 present = 60 % < 66.67 %
    outcome = services.session_close(session=session, by=cast.office)
    assert outcome.messages[0] == (
        "Phiên họp không đủ số lượng thành viên (3/5 có mặt, cần tối thiểu 66,67 %): "
        "Nguyễn Văn An chưa được xét."
    )
    assert set(Nominee.objects.values_list("result", flat=True)) == {R.PENDING}
    assert Proposal.objects.get(pk=appraised.proposal.pk).status == Proposal.Status.ON_AGENDA
    # They can go on a later session.
    later = services.council_session_create(
        council=session.council, by=cast.office, date=timezone.localdate()
    )
    services.session_add_to_agenda(session=later, by=cast.office, nominees=[appraised.an])


def test_a_nominee_under_public_notice_cannot_be_voted_on(
    session, appraised, wf_council, wf_catalogue, cast
):
    wf_catalogue.bk_rule.public_notice_days = 5
    wf_catalogue.bk_rule.save()
    services.session_open(session=session, by=cast.office)
    member = wf_council.members[0]
    with pytest.raises(ValidationError) as error:
        _vote(session, appraised.an, member)
    assert _messages(error) == (
        "Nguyễn Văn An phải được lấy ý kiến công khai 5 ngày làm việc trước khi bỏ phiếu; "
        "chưa công khai."
    )
    notice = services.public_notice_start(nominee=appraised.an, by=cast.office)
    assert notice.ends_on > timezone.localdate()
    with pytest.raises(ValidationError) as error:
        _vote(session, appraised.an, member)
    assert _messages(error) == (
        f"Nguyễn Văn An đang được lấy ý kiến công khai đến hết ngày {notice.ends_on:%d/%m/%Y}; "
        "chưa thể bỏ phiếu trước khi kết thúc."
    )


def test_a_nominee_whose_public_notice_ended_can_be_voted_on(
    session, appraised, wf_council, wf_catalogue, cast
):
    wf_catalogue.bk_rule.public_notice_days = 5
    wf_catalogue.bk_rule.save()
    start = timezone.localdate() - datetime.timedelta(days=30)
    services.public_notice_start(nominee=appraised.an, by=cast.office, start=start)
    services.session_open(session=session, by=cast.office)
    assert _vote(session, appraised.an, wf_council.members[0]).pk


def test_public_notice_counts_working_days():
    friday = D(2026, 11, 20)
    assert services.working_days_end(friday, 5) == D(2026, 11, 26)  # Fri, Mon–Thu
    assert services.working_days_end(D(2026, 11, 21), 1) == D(2026, 11, 23)  # Sat → Mon


def test_a_member_reads_only_their_own_ballots(session, appraised, wf_council, cast):
    services.session_open(session=session, by=cast.office)
    first, second = wf_council.members[3:5]  # ordinary members (Ủy viên)
    _vote(session, appraised.an, first, AGREE)
    _vote(session, appraised.an, second, DISAGREE)
    User = get_user_model()
    mine = selectors.council_session_detail(user=User.objects.get(pk=first.pk), pk=session.pk)
    assert [(b.member_id, b.vote) for b in mine.my_ballots.values()] == [(first.pk, AGREE)]
    assert mine.ballot_counts == {} and mine.voters == {}
    assert mine.can_vote
    office = selectors.council_session_detail(user=cast.office, pk=session.pk)
    assert office.my_ballots == {}
    assert office.ballot_counts == {appraised.an.pk: 2}  # how many, never how
    secretary = selectors.council_session_detail(user=wf_council.members[2], pk=session.pk)
    assert secretary.ballot_counts == {appraised.an.pk: 2} and secretary.my_ballots == {}


def test_the_audit_log_never_says_how_a_member_voted(session, appraised, wf_council, cast):
    _four_agree_one_disagree(session, appraised, wf_council, cast)
    comments = " ".join(
        AuditEntry.objects.filter(action="ballot").values_list("comment", flat=True)
    )
    assert comments.count("Ghi nhận phiếu") == 10
    for word in ("Đồng ý", "đồng ý", "Không đồng ý", "agree", "disagree"):
        assert word not in comments


def test_a_session_outside_ones_scope_is_not_found(session, cast):
    with pytest.raises(Http404):
        selectors.council_session_detail(user=cast.stranger, pk=session.pk)


def test_a_member_whose_seat_ended_no_longer_sees_the_sessions(session, wf_council, cast):
    member = wf_council.members[3]
    assert [s.pk for s in selectors.council_session_list(user=member)] == [session.pk]
    services.council_member_remove(council=wf_council.council, by=cast.chief, user=member)
    assert list(selectors.council_session_list(user=member)) == []
    with pytest.raises(Http404):
        selectors.council_session_detail(user=member, pk=session.pk)


def _appraised_proposal(cast, sector, award, count):
    proposal = services.proposal_create(
        by=cast.staff,
        proposing_unit=sector.district,
        authority=award.authority,
        year=2025,
        title="Đề nghị bổ sung",
    )
    nominees = [
        services.nominee_add(
            proposal=proposal,
            by=cast.staff,
            award=award,
            person=PersonFactory(assigned_to=sector.district),
        )
        for _i in range(count)
    ]
    upload_all(proposal, cast.staff, nominees)
    services.proposal_submit(proposal=proposal, by=cast.staff)
    services.proposal_forward(proposal=proposal, by=cast.leader)
    services.proposal_appraise(proposal=proposal, by=cast.office)
    return nominees


def test_session_detail_queries_do_not_grow_with_the_agenda(
    session, appraised, wf_council, wf_catalogue, cast, sector, django_assert_num_queries
):
    services.session_open(session=session, by=cast.office)
    _vote(session, appraised.an, wf_council.members[0])
    User = get_user_model()

    def detail():
        user = User.objects.get(pk=wf_council.members[0].pk)
        result = selectors.council_session_detail(user=user, pk=session.pk)
        [(i.nominee.subject, i.nominee.award, i.nominee.proposal) for i in result.items]

    with CaptureQueriesContext(connection) as small:
        detail()
    more = _appraised_proposal(cast, sector, wf_catalogue.bk, 4)
    services.session_add_to_agenda(session=session, by=cast.office, nominees=more)
    with django_assert_num_queries(len(small)):
        detail()


def test_a_proposal_whose_nominees_all_fail_is_decided_as_rejected(
    session, appraised, wf_council, wf_catalogue, cast, sector
):
    wf_catalogue.bk_rule.vote_threshold_percent = 100
    wf_catalogue.bk_rule.save()
    _four_agree_one_disagree(session, appraised, wf_council, cast)
    services.session_close(session=session, by=cast.office)
    proposal = Proposal.objects.get(pk=appraised.proposal.pk)
    assert (proposal.status, proposal.outcome) == (
        Proposal.Status.DECIDED,
        Proposal.Outcome.REJECTED,
    )
    note = Notification.objects.filter(unit=sector.district, proposal=proposal).latest("pk")
    assert note.text == "Đề nghị “Đề nghị khen thưởng năm 2025”: không được khen thưởng."


def test_without_a_threshold_more_than_half_of_all_members_is_needed(
    session, appraised, wf_council, wf_catalogue, cast
):
    wf_catalogue.bk_rule.vote_threshold_percent = None
    wf_catalogue.bk_rule.save()
    services.session_open(session=session, by=cast.office)
    members = wf_council.members
    for member in members[:4]:  # 4 present: quorum met
        vote = AGREE if member in members[:2] else DISAGREE
        _vote(session, appraised.an, member, vote)
    services.session_close(session=session, by=cast.office)
    assert Nominee.objects.get(pk=appraised.an.pk).result == R.FAILED  # 2 of 5 is not > 50 %


def test_the_councils_secretary_runs_its_sessions_without_a_role_in_its_unit(appraised, wf_council):
    secretary, member = wf_council.members[2], wf_council.members[3]
    session = services.council_session_create(
        council=wf_council.council, by=secretary, date=timezone.localdate()
    )
    services.session_add_to_agenda(session=session, by=secretary, nominees=[appraised.an])
    assert [t.name for t in SESSION_WORKFLOW.available(session, secretary)] == ["open"]
    assert SESSION_WORKFLOW.available(session, member) == []
    with pytest.raises(ValidationError) as error:
        services.session_open(session=session, by=member)
    assert _messages(error) == "Bạn không có quyền bắt đầu phiên họp."

    services.session_open(session=session, by=secretary)
    for voter in wf_council.members:
        _vote(session, appraised.an, voter)
    outcome = services.session_close(session=session, by=secretary)
    assert CouncilSession.objects.get(pk=session.pk).status == CouncilSession.Status.CLOSED
    assert outcome.counts[0].result == R.PASSED


def test_the_new_session_form_offers_the_councils_each_user_runs(
    wf_council, cast, sector, admin_user
):
    """The council unit's staff and leaders, and the council's active chair and secretary,
    run its sessions; a leader elsewhere, an ordinary member or a secretary whose seat ended
    does not; an admin runs every council."""
    other = services.council_create(
        by=admin_user, unit=sector.thads_lao_cai, name="Hội đồng TĐKT THADS tỉnh Lào Cai"
    )
    chair, secretary, member = wf_council.members[0], wf_council.members[2], wf_council.members[3]
    ministry = wf_council.council
    # The ministry's staff and leader run its council and those of the units below it.
    assert set(councils_run_by(cast.office)) == {ministry, other}
    assert set(councils_run_by(cast.chief)) == {ministry, other}
    assert list(councils_run_by(chair)) == [ministry]  # a seat, no role in the unit
    assert list(councils_run_by(secretary)) == [ministry]
    assert list(councils_run_by(member)) == []
    assert list(councils_run_by(cast.stranger)) == [other]  # Lào Cai's leader: only theirs
    assert set(councils_run_by(admin_user)) == {ministry, other}

    CouncilMember.objects.filter(council=ministry, user=secretary).update(is_active=False)
    assert list(councils_run_by(secretary)) == []


def test_without_a_rule_version_no_public_notice_is_awaited(appraised):
    """The notice period comes from the rule version; with none, nothing is awaited."""
    assert notice_refusal(appraised.an, None, [], timezone.localdate()) == ""


def test_missing_documents_reads_the_proposal_itself_when_nothing_is_prefetched(drafted):
    """Callers may pass what they prefetched; without it the answer is the same."""
    proposal = Proposal.objects.get(pk=drafted.proposal.pk)
    proposal.files.all().delete()
    prefetched = missing_documents(proposal, active_nominees(proposal), list(proposal.files.all()))
    assert prefetched != []
    assert missing_documents(proposal) == prefetched


def test_closing_settles_every_proposal_whose_nominees_are_all_decided(
    appraised, wf_council, wf_catalogue, cast, sector
):
    """Bình's proposal still waits for An (on no session yet): it stays on the agenda, and
    that must not stop the next proposal, fully voted, from being settled."""
    later = _appraised_proposal(cast, sector, wf_catalogue.bk, 2)
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=timezone.localdate()
    )
    # Bình first on the agenda, then the other proposal's two nominees.
    services.session_add_to_agenda(session=session, by=cast.office, nominees=[appraised.binh])
    services.session_add_to_agenda(session=session, by=cast.office, nominees=later)
    services.session_open(session=session, by=cast.office)
    for member in wf_council.members:
        for nominee in (appraised.binh, *later):
            _vote(session, nominee, member)
    services.session_close(session=session, by=cast.office)

    waiting = Proposal.objects.get(pk=appraised.proposal.pk)
    settled = Proposal.objects.get(pk=later[0].proposal_id)
    assert waiting.status == Proposal.Status.ON_AGENDA
    assert settled.status != Proposal.Status.ON_AGENDA
    assert Nominee.objects.get(pk=later[1].pk).result == R.PASSED
