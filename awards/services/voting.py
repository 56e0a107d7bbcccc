"""The secret ballot of a council session, and the count when it closes.

Members vote for themselves; how a member voted is never written to the audit log, and
queries show a member only their own ballots (``awards.selectors``).

Counting, at close: total membership is the active members when the session opened;
present members are those who voted in person. A nominee is decided only if present ≥
the quorum of its rule (two thirds when it sets none); it passes when agree votes ≥ the
rule's threshold of the total membership (more than half when the rule sets none). Shares
are compared rounded to two decimals, as the rules write them. Rules are those in force on the
proposal's reference date.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalogue.selectors import rule_on, rules_by_award
from awards.models import Ballot, CouncilSession, Nominee, Proposal
from awards.services._common import locked, notify, percent
from awards.services.proposals import proposal_settle
from awards.workflow import PROPOSAL_WORKFLOW, SESSION_WORKFLOW, notice_refusal, runs_sessions
from thidua.core import audit

R = Nominee.Result
S = CouncilSession.Status
DEFAULT_QUORUM = Decimal("66.67")


@transaction.atomic
def ballot_cast(
    *,
    session: CouncilSession,
    nominee: Nominee,
    member,
    vote: str,
    in_writing: bool = False,
    recorded_by=None,
) -> Ballot:
    """Record ``member``'s vote on ``nominee`` in an open session: one ballot per member
    and nominee.

    A member votes in person for themselves (``recorded_by`` None or the member) and may
    change that vote until the session closes: their one ballot is updated. An absent
    member's written ballot (``in_writing``) is recorded by the secretariat (staff or
    leaders of the council's unit, the chair or the secretary), once. The audit log notes
    that a ballot was recorded or changed, never its content.
    """
    session = locked(session, "council__unit")
    by = recorded_by or member
    if session.status == S.CLOSED:
        raise ValidationError(
            _("Phiên họp đã kết thúc: không thể bỏ phiếu hay thay đổi phiếu nữa."),
            code="state",
        )
    if session.status != S.OPEN:
        raise ValidationError(
            _("Phiên họp %(state)s; chỉ bỏ phiếu khi phiên họp đang diễn ra.")
            % {"state": session.get_status_display().lower()},
            code="state",
        )
    if vote not in Ballot.Vote.values:
        raise ValidationError(_("Chọn Đồng ý hoặc Không đồng ý."), code="vote")
    if not session.council.memberships.filter(user=member, is_active=True).exists():
        raise ValidationError(
            _("%(member)s không phải thành viên Hội đồng.")
            % {"member": member.get_full_name() or member},
            code="member",
        )
    if in_writing:
        if by == member or not runs_sessions(by, session.council):
            raise ValidationError(
                _("Phiếu bằng văn bản của thành viên vắng mặt do Thư ký Hội đồng ghi nhận."),
                code="role",
            )
    elif by != member:
        raise ValidationError(
            _("Thành viên có mặt tự bỏ phiếu của mình; không ai bỏ phiếu thay."), code="role"
        )
    nominee = Nominee.objects.select_related("proposal", "award", "person", "unit").get(
        pk=nominee.pk
    )
    if not session.items.filter(nominee=nominee).exists():
        raise ValidationError(
            _("%(nominee)s không có trong chương trình phiên họp.") % {"nominee": nominee},
            code="agenda",
        )
    if nominee.result != R.PENDING:
        raise ValidationError(
            _("%(nominee)s đã có kết quả “%(result)s”.")
            % {"nominee": nominee, "result": nominee.get_result_display()},
            code="result",
        )
    rule = nominee.award.rule_on(nominee.proposal.reference_date)
    refusal = notice_refusal(nominee, rule, list(nominee.notices.all()), timezone.localdate())
    if refusal:
        raise ValidationError(refusal, code="notice")
    duplicate = ValidationError(
        _("%(member)s đã bỏ phiếu cho %(subject)s; mỗi thành viên chỉ bỏ một phiếu.")
        % {"member": member.get_full_name() or member, "subject": nominee.subject},
        code="duplicate",
    )
    mine = session.ballots.filter(nominee=nominee, member=member).first()
    if mine is not None and (in_writing or by != member):
        raise duplicate
    if mine is not None:
        return _ballot_change(session, mine, vote, nominee)
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(
                session=session,
                nominee=nominee,
                member=member,
                vote=vote,
                in_writing=in_writing,
                recorded_by=by,
            )
    except IntegrityError:
        raise duplicate from None
    how = _("bằng văn bản") if in_writing else _("trực tiếp")
    audit.record(
        obj=session,
        by=by,
        action="ballot",
        from_state=session.status,
        to_state=session.status,
        comment=_("Ghi nhận phiếu (%(how)s) của %(member)s về %(subject)s")
        % {"how": how, "member": member.get_full_name() or member, "subject": nominee.subject},
        unit=session.council.unit,
    )
    return ballot


def _ballot_change(session, ballot: Ballot, vote: str, nominee: Nominee) -> Ballot:
    """The member changes their own ballot (in person now, even if it was written)."""
    member = ballot.member
    ballot.vote, ballot.in_writing, ballot.recorded_by = vote, False, member
    ballot.save(update_fields=["vote", "in_writing", "recorded_by"])
    audit.record(
        obj=session,
        by=member,
        action="ballot",
        from_state=session.status,
        to_state=session.status,
        comment=_("%(member)s đã thay đổi phiếu về %(subject)s")
        % {"member": member.get_full_name() or member, "subject": nominee.subject},
        unit=session.council.unit,
    )
    return ballot


def votes_needed(total: int, threshold: Decimal | None) -> int:
    """The fewest agree votes of ``total`` members that pass, as ``tally`` counts them:
    more than half without a threshold, else the share (rounded) reaching it."""
    if threshold is None:
        return total // 2 + 1
    return next((n for n in range(total + 1) if reaches(n, total, threshold)), total + 1)


def threshold_text(total: int | None, threshold: Decimal | None) -> str:
    """What an agenda line needs: "cần ≥ 4/5 thành viên đồng ý (≥ 80 %)", or the rule
    in words while the membership is not fixed yet (it is when the session opens)."""
    if not total:
        if threshold is None:
            return _(
                "cần quá nửa tổng số thành viên đồng ý (số thành viên được chốt khi bắt "
                "đầu phiên họp)"
            )
        return _(
            "cần ≥ %(percent)s tổng số thành viên đồng ý (số thành viên được chốt khi bắt "
            "đầu phiên họp)"
        ) % {"percent": percent(threshold)}
    rule = _("quá nửa") if threshold is None else f"≥ {percent(threshold)}"
    return _("cần ≥ %(needed)s/%(total)s thành viên đồng ý (%(rule)s)") % {
        "needed": votes_needed(total, threshold),
        "total": total,
        "rule": rule,
    }


@dataclass
class NomineeCount:
    nominee: Nominee
    result: str
    agree: int = 0
    disagree: int = 0
    in_writing: int = 0
    message: str = ""


@dataclass
class SessionOutcome:
    """What ``session_close`` decided, for the page that reports it."""

    session: CouncilSession
    total: int
    present: int
    counts: list[NomineeCount] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return [c.message for c in self.counts if c.message]


def reaches(part: int, whole: int, percent: Decimal) -> bool:
    """Does ``part`` of ``whole`` reach ``percent``? The share is rounded to two decimals,
    as rules write their percentages: 2 of 3 is 66.67 % and meets a two-thirds quorum
    written "66.67"."""
    if whole <= 0:
        return False
    share = (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return share >= percent


def tally(nominee, rule, votes, total, present, today, notices) -> NomineeCount:
    agree, disagree, written = votes.get(nominee.pk, (0, 0, 0))
    count = NomineeCount(nominee, R.PENDING, agree, disagree, written)
    refusal = notice_refusal(nominee, rule, notices, today)
    if refusal:
        count.message = refusal
        return count
    quorum = rule.quorum_percent if rule else DEFAULT_QUORUM
    if not reaches(present, total, quorum):
        count.message = _(
            "Phiên họp không đủ số lượng thành viên (%(present)s/%(total)s có mặt, cần tối "
            "thiểu %(quorum)s): %(subject)s chưa được xét."
        ) % {
            "present": present,
            "total": total,
            "quorum": percent(quorum),
            "subject": nominee.subject,
        }
        return count
    threshold = rule.vote_threshold_percent if rule else None
    # Without a threshold in the rule: more than half of all members.
    passed = agree * 2 > total if threshold is None else reaches(agree, total, threshold)
    count.result = R.PASSED if passed else R.FAILED
    return count


@transaction.atomic
def session_close(*, session: CouncilSession, by, minutes: str | None = None) -> SessionOutcome:
    """End the session, count the ballots and store each nominee's tally and result.

    Nominees whose quorum is not met, or whose public notice has not ended, stay
    pending (``SessionOutcome.messages`` says why) and can go on a later session.
    Proposals whose nominees all have a result become "voted" (and "decided", rejected,
    when none passed).
    """
    session = locked(session, "council__unit")
    items = list(
        session.items.select_related(
            "nominee__proposal__proposing_unit",
            "nominee__proposal__authority_unit",
            "nominee__award",
            "nominee__person",
            "nominee__unit",
        ).prefetch_related("nominee__notices")
    )
    total = session.member_count or 0
    present = session.ballots.filter(in_writing=False).values("member").distinct().count()
    votes = {
        row["nominee"]: (row["agree"], row["disagree"], row["written"])
        for row in session.ballots.values("nominee").annotate(
            agree=Count("pk", filter=Q(vote=Ballot.Vote.AGREE)),
            disagree=Count("pk", filter=Q(vote=Ballot.Vote.DISAGREE)),
            written=Count("pk", filter=Q(in_writing=True)),
        )
    }
    nominees = [item.nominee for item in items if item.nominee.result == R.PENDING]
    rules = rules_by_award(n.award_id for n in nominees)
    today = timezone.localdate()
    outcome = SessionOutcome(session=session, total=total, present=present)
    for nominee in nominees:
        rule = rule_on(rules, nominee.award_id, nominee.proposal.reference_date)
        outcome.counts.append(
            tally(nominee, rule, votes, total, present, today, list(nominee.notices.all()))
        )
    changes = {"present_count": present}
    if minutes is not None:
        changes["minutes"] = minutes.strip()
    SESSION_WORKFLOW.apply(session, "close", by=by, comment=_summary(outcome), changes=changes)
    _store_counts(outcome)
    _settle_proposals(outcome, by)
    return outcome


def _summary(outcome: SessionOutcome) -> str:
    results = defaultdict(int)
    for count in outcome.counts:
        results[count.result] += 1
    return _(
        "%(present)s/%(total)s thành viên có mặt; %(passed)s đề cử đạt, %(failed)s không "
        "đạt, %(pending)s chưa được xét."
    ) % {
        "present": outcome.present,
        "total": outcome.total,
        "passed": results[R.PASSED],
        "failed": results[R.FAILED],
        "pending": results[R.PENDING],
    }


def _store_counts(outcome: SessionOutcome) -> None:
    decided = [c for c in outcome.counts if c.result != R.PENDING]
    for count in decided:
        nominee = count.nominee
        nominee.result, nominee.session = count.result, outcome.session
        nominee.member_count = outcome.total
        nominee.votes_agree, nominee.votes_disagree = count.agree, count.disagree
        nominee.votes_in_writing = count.in_writing
    Nominee.objects.bulk_update(
        [c.nominee for c in decided],
        [
            "result",
            "session",
            "member_count",
            "votes_agree",
            "votes_disagree",
            "votes_in_writing",
        ],
    )


def _settle_proposals(outcome: SessionOutcome, by) -> None:
    proposals = {c.nominee.proposal_id: c.nominee.proposal for c in outcome.counts}
    for proposal in proposals.values():
        if proposal.status != Proposal.Status.ON_AGENDA:
            continue
        if proposal.nominees.filter(result=R.PENDING).exists():
            continue
        PROPOSAL_WORKFLOW.apply(proposal, "record_vote", by=by, comment=str(outcome.session))
        if not proposal_settle(proposal, by):
            notify(
                unit=proposal.proposing_unit,
                text=_("%(council)s đã bỏ phiếu đề nghị “%(title)s”.")
                % {"council": outcome.session.council, "title": proposal.title},
                proposal=proposal,
            )
