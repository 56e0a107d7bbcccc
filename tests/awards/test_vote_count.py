"""How a council's ballots become results: quorum, threshold, the summary and the record.

Counting rules (awards/services/voting.py): a nominee is decided only when the members
present reach the rule's quorum (two thirds without a rule); it passes when the agree votes
reach the rule's threshold of all members (more than half without one). Shares are compared
rounded to two decimals, as the rules write them.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from awards import services
from awards.models import Ballot, CouncilSession, Nominee, Proposal
from awards.services.voting import reaches, tally
from tests.factories import UserFactory
from thidua.core.audit import history

AGREE, DISAGREE = Ballot.Vote.AGREE, Ballot.Vote.DISAGREE
R = Nominee.Result
TODAY = datetime.date(2026, 12, 4)


def _rule(quorum="66.67", threshold=None):
    return SimpleNamespace(
        quorum_percent=Decimal(quorum),
        vote_threshold_percent=None if threshold is None else Decimal(threshold),
        public_notice_days=0,
    )


def _tally(*, agree=0, disagree=0, written=0, total, present, rule):
    nominee = SimpleNamespace(pk=7, subject="Nguyễn Văn An")
    votes = {7: (agree, disagree, written)} if agree or disagree or written else {}
    return tally(nominee, rule, votes, total, present, TODAY, [])


@pytest.mark.parametrize(
    ("agree", "total", "result"),
    [(3, 5, R.PASSED), (2, 4, R.FAILED), (3, 4, R.PASSED), (2, 5, R.FAILED)],
)
def test_without_a_threshold_more_than_half_of_all_members_pass(agree, total, result):
    count = _tally(agree=agree, disagree=total - agree, total=total, present=total, rule=_rule())
    assert count.result == result


@pytest.mark.parametrize(
    ("agree", "total", "threshold", "result"),
    [
        (4, 5, "80", R.PASSED),  # exactly 80 % of all members
        (3, 5, "80", R.FAILED),
        (9, 10, "90", R.PASSED),  # exactly 90 %
        (8, 10, "90", R.FAILED),
        (2, 3, "66.67", R.PASSED),  # two thirds written as 66.67 %
        (95, 119, "80", R.FAILED),  # 79.83 %: just under is under
    ],
)
def test_a_threshold_is_reached_exactly_at_its_percentage(agree, total, threshold, result):
    rule = _rule(threshold=threshold)
    count = _tally(agree=agree, disagree=total - agree, total=total, present=total, rule=rule)
    assert count.result == result


@pytest.mark.parametrize(
    ("present", "total", "quorum", "decided", "shown"),
    [
        (3, 5, "60", True, ""),  # exactly the quorum
        (2, 5, "60", False, "60 %"),
        (2, 3, "66.67", True, ""),  # two of three meet a two-thirds quorum
        (1, 3, "66.67", False, "66,67 %"),
        (2, 4, "50", True, ""),
    ],
)
def test_a_nominee_is_decided_only_when_the_quorum_is_present(
    present, total, quorum, decided, shown
):
    count = _tally(agree=present, total=total, present=present, rule=_rule(quorum=quorum))
    assert (count.result != R.PENDING) == decided
    if not decided:
        assert count.message == (
            f"Phiên họp không đủ số lượng thành viên ({present}/{total} có mặt, cần tối thiểu "
            f"{shown}): Nguyễn Văn An chưa được xét."
        )


def test_without_a_rule_the_quorum_is_two_thirds_and_half_is_not_enough():
    assert _tally(agree=2, total=4, present=2, rule=None).result == R.PENDING
    assert _tally(agree=3, total=4, present=3, rule=None).result == R.PASSED


def test_a_nominee_nobody_voted_on_fails_with_no_votes_recorded():
    count = _tally(total=5, present=4, rule=_rule())
    assert (count.result, count.agree, count.disagree, count.in_writing) == (R.FAILED, 0, 0, 0)


def test_a_share_of_an_empty_council_reaches_nothing():
    assert reaches(0, 0, Decimal("0")) is False


def test_the_one_member_of_a_council_of_one_reaches_every_share():
    assert reaches(1, 1, Decimal("100")) is True


# --- Through a session -------------------------------------------------------------------


@pytest.fixture
def session(appraised, wf_council, cast):
    session = services.council_session_create(
        council=wf_council.council, by=cast.office, date=timezone.localdate()
    )
    services.session_add_to_agenda(
        session=session, by=cast.office, nominees=[appraised.an, appraised.binh]
    )
    services.session_open(session=session, by=cast.office)
    return session


def _vote(session, nominee, member, vote=AGREE, **extra):
    return services.ballot_cast(session=session, nominee=nominee, member=member, vote=vote, **extra)


def test_closing_says_how_many_passed_failed_and_wait(session, appraised, wf_council, cast):
    members = wf_council.members
    for member in members[:4]:
        _vote(session, appraised.an, member, AGREE)
        _vote(session, appraised.binh, member, DISAGREE)
    services.session_close(session=session, by=cast.office)
    closing = [e for e in history(session) if e.to_state == CouncilSession.Status.CLOSED]
    assert [e.comment for e in closing] == [
        "4/5 thành viên có mặt; 1 đề cử đạt, 1 không đạt, 0 chưa được xét."
    ]


def test_the_ballot_record_says_how_it_was_cast_and_by_whom(session, appraised, cast):
    nameless = UserFactory(username="tv_khong_ten", first_name="", last_name="")
    services.council_member_add(
        council=session.council, by=cast.chief, user=nameless, role="member"
    )
    _vote(session, appraised.an, nameless, in_writing=True, recorded_by=cast.office)
    ballot_entries = [e.comment for e in history(session) if e.action == "ballot"]
    assert ballot_entries == [
        f"Ghi nhận phiếu (bằng văn bản) của tv_khong_ten về {appraised.an.subject}"
    ]


def test_a_second_ballot_racing_past_the_check_is_refused_as_a_duplicate(
    session, appraised, wf_council
):
    member = wf_council.members[0]
    _vote(session, appraised.an, member)
    # Two first ballots at once: both find no ballot of the member (a second one would
    # change it), both insert; the unique row decides.
    real_first = QuerySet.first

    def no_ballot_yet(queryset):
        return None if queryset.model is Ballot else real_first(queryset)

    with (
        mock.patch.object(QuerySet, "first", autospec=True, side_effect=no_ballot_yet),
        pytest.raises(ValidationError) as refused,
    ):
        _vote(session, appraised.an, member, DISAGREE)
    assert refused.value.code == "duplicate"
    assert Ballot.objects.filter(nominee=appraised.an, member=member).count() == 1


def test_a_ballot_whose_record_fails_is_not_kept(session, appraised, wf_council):
    with (
        mock.patch("awards.services.voting.audit.record", side_effect=RuntimeError("disk")),
        pytest.raises(RuntimeError),
    ):
        _vote(session, appraised.an, wf_council.members[0])
    assert not Ballot.objects.filter(session=session).exists()


def test_a_close_that_fails_midway_leaves_the_session_open_and_nothing_counted(
    session, appraised, wf_council, cast
):
    for member in wf_council.members:
        _vote(session, appraised.an, member)
        _vote(session, appraised.binh, member)
    settle = mock.patch("awards.services.voting._settle_proposals", side_effect=RuntimeError)
    with settle, pytest.raises(RuntimeError):
        services.session_close(session=session, by=cast.office)
    assert CouncilSession.objects.get(pk=session.pk).status == CouncilSession.Status.OPEN
    assert list(
        Nominee.objects.filter(pk__in=[appraised.an.pk, appraised.binh.pk]).values_list(
            "result", flat=True
        )
    ) == [R.PENDING, R.PENDING]
    assert Proposal.objects.get(pk=appraised.proposal.pk).status == Proposal.Status.ON_AGENDA


def test_a_member_changes_their_own_ballot_while_the_session_is_open(
    session, appraised, wf_council
):
    member = wf_council.members[0]
    _vote(session, appraised.an, member, AGREE)
    _vote(session, appraised.an, member, DISAGREE)
    ballots = Ballot.objects.filter(nominee=appraised.an, member=member)
    assert [b.vote for b in ballots] == [DISAGREE]  # still one ballot, now the new vote
    entries = [e.comment for e in history(session) if e.action == "ballot"]
    name = member.get_full_name() or member.username
    assert entries[-1] == f"{name} đã thay đổi phiếu về {appraised.an.subject}"
    assert not any("đồng ý" in comment.lower() for comment in entries)  # never the content


def test_a_ballot_cannot_change_after_close(session, appraised, wf_council, cast):
    member = wf_council.members[0]
    _vote(session, appraised.an, member, AGREE)
    services.session_close(session=session, by=cast.office)
    with pytest.raises(ValidationError) as refused:
        _vote(session, appraised.an, member, DISAGREE)
    assert refused.value.messages == [
        "Phiên họp đã kết thúc: không thể bỏ phiếu hay thay đổi phiếu nữa."
    ]
    assert Ballot.objects.get(nominee=appraised.an, member=member).vote == AGREE


def test_a_member_who_comes_changes_a_written_ballot_in_person(
    session, appraised, wf_council, cast
):
    """The ballot becomes an in-person one: the member now counts as present."""
    member = wf_council.members[4]
    _vote(session, appraised.an, member, AGREE, in_writing=True, recorded_by=cast.office)
    _vote(session, appraised.an, member, DISAGREE)
    ballot = Ballot.objects.get(nominee=appraised.an, member=member)
    assert (ballot.vote, ballot.in_writing, ballot.recorded_by) == (DISAGREE, False, member)


def test_a_written_ballot_is_recorded_once(session, appraised, wf_council, cast):
    absent = wf_council.members[4]
    _vote(session, appraised.an, absent, AGREE, in_writing=True, recorded_by=cast.office)
    with pytest.raises(ValidationError) as refused:
        _vote(session, appraised.an, absent, DISAGREE, in_writing=True, recorded_by=cast.office)
    assert refused.value.code == "duplicate"
    assert Ballot.objects.get(nominee=appraised.an, member=absent).vote == AGREE


@pytest.mark.parametrize(
    ("total", "threshold", "text"),
    [
        (5, Decimal("80"), "cần ≥ 4/5 thành viên đồng ý (≥ 80 %)"),
        (5, Decimal("90"), "cần ≥ 5/5 thành viên đồng ý (≥ 90 %)"),
        (3, Decimal("66.67"), "cần ≥ 2/3 thành viên đồng ý (≥ 66,67 %)"),
        (4, None, "cần ≥ 3/4 thành viên đồng ý (quá nửa)"),
        (5, None, "cần ≥ 3/5 thành viên đồng ý (quá nửa)"),
        (
            None,
            Decimal("80"),
            "cần ≥ 80 % tổng số thành viên đồng ý (số thành viên được chốt khi bắt đầu phiên họp)",
        ),
        (
            None,
            None,
            "cần quá nửa tổng số thành viên đồng ý (số thành viên được chốt khi bắt đầu phiên họp)",
        ),
    ],
)
def test_the_threshold_reads_as_the_tally_counts(total, threshold, text):
    assert services.threshold_text(total, threshold) == text
