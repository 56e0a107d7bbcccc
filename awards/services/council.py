"""Councils (Hội đồng TĐKT), their sessions and agendas.

Sessions are run by staff or leaders of the council's unit (its TĐKT office acts as the
secretariat) and by the council's chair and secretary (``awards.workflow.runs_sessions``):
they plan them, set the agenda, open and close them. Ballots and counting
are in ``voting.py``, public notice in ``notices.py``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import AgendaItem, Council, CouncilMember, CouncilSession, Nominee, Proposal
from awards.services._common import (
    LEADER,
    day,
    locked,
    notify,
    require_role,
    require_session_runner,
)
from awards.workflow import PROPOSAL_WORKFLOW, SESSION_WORKFLOW
from thidua.core import audit

R = Nominee.Result
S = CouncilSession.Status


# --- Councils ------------------------------------------------------------------------------


@transaction.atomic
def council_create(*, by, unit, name: str) -> Council:
    """A council for ``unit``, set up by a leader of the unit (or an admin)."""
    require_role(by, unit, LEADER, action=_("lập Hội đồng của %(unit)s") % {"unit": unit})
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Nhập tên Hội đồng."), code="name")
    council = Council.objects.create(unit=unit, name=name[:255])
    audit.record(obj=council, by=by, action="create", comment=council.name, unit=unit)
    return council


@transaction.atomic
def council_member_add(*, council: Council, by, user, role: str = CouncilMember.Role.MEMBER):
    """Add ``user`` to the council, or give back their seat with a new role."""
    require_role(by, council.unit, LEADER, action=_("thay đổi thành viên Hội đồng"))
    if role not in CouncilMember.Role.values:
        raise ValidationError(_("Chọn chức danh trong Hội đồng."), code="role")
    member, _created = CouncilMember.objects.update_or_create(
        council=council, user=user, defaults={"role": role, "is_active": True}
    )
    audit.record(
        obj=council,
        by=by,
        action="member_add",
        comment=f"{user.get_full_name() or user}: {member.get_role_display()}",
        unit=council.unit,
    )
    return member


@transaction.atomic
def council_member_remove(*, council: Council, by, user) -> None:
    """End a member's seat; their past ballots stay."""
    require_role(by, council.unit, LEADER, action=_("thay đổi thành viên Hội đồng"))
    council.memberships.filter(user=user).update(is_active=False)
    audit.record(
        obj=council,
        by=by,
        action="member_remove",
        comment=str(user.get_full_name() or user),
        unit=council.unit,
    )


# --- Sessions and their agenda ------------------------------------------------------------


@transaction.atomic
def council_session_create(
    *, council: Council, by, date: datetime.date, minutes: str = ""
) -> CouncilSession:
    """Plan a session of ``council`` on ``date``."""
    require_session_runner(by, council, action=_("lập phiên họp Hội đồng"))
    session = CouncilSession.objects.create(
        council=council, date=date, minutes=(minutes or "").strip(), created_by=by
    )
    audit.record(obj=session, by=by, action="create", to_state=session.status, unit=council.unit)
    return session


@transaction.atomic
def session_add_to_agenda(*, session: CouncilSession, by, nominees) -> list[AgendaItem]:
    """Put nominees of appraised proposals addressed to the council's unit on the agenda.

    Their proposals go from "appraised" to "on the agenda". A nominee may be on one
    session that is not closed at a time.
    """
    session = locked(session, "council__unit")
    require_session_runner(by, session.council, action=_("lập chương trình phiên họp"))
    if session.status == S.CLOSED:
        raise ValidationError(_("Phiên họp đã kết thúc."), code="state")
    nominees = list(
        Nominee.objects.filter(pk__in=[getattr(n, "pk", n) for n in nominees]).select_related(
            "proposal__proposing_unit", "proposal__authority_unit", "award", "person", "unit"
        )
    )
    if not nominees:
        raise ValidationError(_("Chọn ít nhất một đề cử."), code="empty")
    busy = set(
        AgendaItem.objects.filter(nominee__in=nominees)
        .exclude(session__status=S.CLOSED)
        .values_list("nominee_id", flat=True)
    )
    problems = [_agenda_problem(session, n, n.pk in busy) for n in nominees]
    problems = [p for p in problems if p]
    if problems:
        raise ValidationError(problems, code="agenda")
    start = session.items.count()
    items = AgendaItem.objects.bulk_create(
        [AgendaItem(session=session, nominee=n, order=start + i) for i, n in enumerate(nominees)]
    )
    for proposal in {n.proposal_id: n.proposal for n in nominees}.values():
        if proposal.status == Proposal.Status.APPRAISED:
            PROPOSAL_WORKFLOW.apply(proposal, "schedule", by=by, comment=str(session))
        _notify_agenda(session, proposal, [n for n in nominees if n.proposal_id == proposal.pk])
    audit.record(
        obj=session,
        by=by,
        action="agenda_add",
        from_state=session.status,
        to_state=session.status,
        comment="; ".join(str(n) for n in nominees),
        unit=session.council.unit,
    )
    return items


def _notify_agenda(session: CouncilSession, proposal: Proposal, nominees) -> None:
    notify(
        unit=proposal.proposing_unit,
        text=_(
            "Đề nghị “%(title)s” được đưa vào chương trình phiên họp %(council)s ngày "
            "%(day)s: %(agenda)s."
        )
        % {
            "title": proposal.title,
            "council": session.council,
            "day": day(session.date),
            "agenda": "; ".join(str(n) for n in nominees),
        },
        proposal=proposal,
    )


def _agenda_problem(session: CouncilSession, nominee: Nominee, busy: bool) -> str:
    proposal = nominee.proposal
    if proposal.authority_unit_id != session.council.unit_id:
        return _("%(nominee)s: đề nghị không gửi %(unit)s.") % {
            "nominee": nominee,
            "unit": session.council.unit,
        }
    if proposal.status not in (Proposal.Status.APPRAISED, Proposal.Status.ON_AGENDA):
        return _("%(nominee)s: đề nghị đang “%(state)s”, chưa được thẩm định.") % {
            "nominee": nominee,
            "state": proposal.get_status_display(),
        }
    if nominee.result != R.PENDING:
        return _("%(nominee)s: đã có kết quả “%(result)s”.") % {
            "nominee": nominee,
            "result": nominee.get_result_display(),
        }
    if busy:
        return _("%(nominee)s: đã có trong một phiên họp khác chưa kết thúc.") % {
            "nominee": nominee
        }
    return ""


@transaction.atomic
def session_remove_from_agenda(*, session: CouncilSession, by, nominee: Nominee) -> None:
    """Take a nominee off a planned session; its proposal goes back to "appraised" when
    none of its nominees is on an unclosed session any more."""
    session = locked(session, "council__unit")
    require_session_runner(by, session.council, action=_("lập chương trình phiên họp"))
    if session.status != S.PLANNED:
        raise ValidationError(_("Chỉ sửa chương trình khi phiên họp chưa bắt đầu."), code="state")
    deleted, _rows = session.items.filter(nominee=nominee).delete()
    if not deleted:
        raise ValidationError(_("Đề cử không có trong chương trình phiên họp."), code="agenda")
    proposal = nominee.proposal
    still = AgendaItem.objects.filter(nominee__proposal=proposal).exclude(session__status=S.CLOSED)
    if proposal.status == Proposal.Status.ON_AGENDA and not still.exists():
        PROPOSAL_WORKFLOW.apply(proposal, "unschedule", by=by, comment=str(session))
    audit.record(
        obj=session,
        by=by,
        action="agenda_remove",
        from_state=session.status,
        to_state=session.status,
        comment=str(nominee),
        unit=session.council.unit,
    )


@transaction.atomic
def session_open(*, session: CouncilSession, by) -> CouncilSession:
    """Start the session: ballots may be cast; the total membership is fixed now."""
    count = session.council.memberships.filter(is_active=True).count()
    session = SESSION_WORKFLOW.apply(session, "open", by=by, changes={"member_count": count})
    proposals = Proposal.objects.filter(nominees__agenda_items__session=session).distinct()
    for proposal in proposals.select_related("proposing_unit").order_by("pk"):
        notify(
            unit=proposal.proposing_unit,
            text=_("%(council)s bắt đầu bỏ phiếu đề nghị “%(title)s” (phiên họp ngày %(day)s).")
            % {"council": session.council, "title": proposal.title, "day": day(session.date)},
            proposal=proposal,
        )
    return session
