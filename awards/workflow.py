"""The state tables of proposals, council sessions and decisions, declared once.

Proposal (roles are held on ``Proposal.handling_unit``: the proposing unit while it is
edited or waits for its leader, the authority's unit afterwards):

    draft, returned, returned_docs ─submit (staff)→ submitted
    submitted ─return (leader, reason)→ returned
    submitted ─forward (leader)→ forwarded             [current_unit := authority_unit]
    forwarded ─appraise (authority staff)→ appraised
    forwarded, appraised ─return_for_documents (reason)→ returned_docs  [back to proposer]
    appraised ─schedule→ on_agenda ─unschedule→ appraised       (by session agenda changes)
    on_agenda ─record_vote→ voted                               (by session_close)
    voted ─forward_up (leader; State awards)→ forwarded_up      [current_unit := to_unit]
    voted, forwarded_up ─decide→ decided                        (by decision_issue)
    voted, forwarded_up ─conclude (leader, reason)→ decided

``thidua.core.workflow`` enforces states, roles, comments and races, and writes the audit.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.catalogue.models import Authority
from awards.models import (
    Council,
    CouncilMember,
    CouncilSession,
    Decision,
    DossierFile,
    Nominee,
    Proposal,
)
from thidua.core.audit import COMMON_ACTIONS
from thidua.core.workflow import Transition, Workflow
from units.access import has_role, holds, is_admin, under, user_roles
from units.models import UnitRole

STAFF, LEADER = UnitRole.Role.STAFF, UnitRole.Role.LEADER


# Council seats whose holders run its sessions, like its unit's TĐKT office.
RUNNERS = (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY)


def runs_sessions(by, council) -> bool:
    """Sessions are run by the council unit's staff and leaders (its TĐKT office acts as the
    secretariat) and by the council's own chair and secretary."""
    if has_role(by, council.unit, STAFF, LEADER):
        return True
    return council.memberships.filter(user=by, is_active=True, role__in=RUNNERS).exists()


def councils_run_by(user):
    """The councils whose sessions ``user`` runs (see ``runs_sessions``)."""
    if is_admin(user):
        return Council.objects.all()
    held = [unit.path for unit, role in user_roles(user) if role in (STAFF, LEADER)]
    by_role = under(held, "unit__path")
    by_seat = Q(memberships__user=user, memberships__is_active=True, memberships__role__in=RUNNERS)
    return Council.objects.filter(pk__in=Council.objects.filter(by_role | by_seat).values("pk"))


# What a council's session does to the proposals on its agenda, whoever runs the session.
SESSION_EFFECTS = ("schedule", "unschedule", "record_vote")


def _moved_by_its_council(proposal: Proposal, by, transition) -> bool:
    if transition.name not in SESSION_EFFECTS:
        return False
    councils = Council.objects.filter(unit_id=proposal.authority_unit_id).select_related("unit")
    return any(runs_sessions(by, council) for council in councils)


P = Proposal.Status
K = DossierFile.Kind


def active_nominees(proposal: Proposal) -> list[Nominee]:
    return [n for n in proposal.nominees.all() if n.result != Nominee.Result.WITHDRAWN]


def missing_documents(proposal: Proposal, nominees=None, files=None) -> list[str]:
    """What the dossier still lacks before it can be submitted, as sentences.

    Full procedure: a tờ trình, the minutes of the unit's council and an achievement
    report per nominee. Simplified procedure: a tờ trình and an achievement summary per
    nominee (the short summary replaces the reports and the council minutes).
    Pass prefetched ``nominees`` and ``files`` to avoid queries.
    """
    nominees = active_nominees(proposal) if nominees is None else nominees
    files = list(proposal.files.all()) if files is None else files
    kinds = {f.kind for f in files}
    missing = []
    if K.SUBMISSION not in kinds:
        missing.append(_("Chưa có tờ trình đề nghị khen thưởng."))
    if not proposal.simplified and K.MINUTES not in kinds:
        missing.append(_("Chưa có biên bản họp Hội đồng thi đua – khen thưởng cơ sở."))
    per_nominee = K.SUMMARY if proposal.simplified else K.REPORT
    covered = {f.nominee_id for f in files if f.kind == per_nominee}
    label = K(per_nominee).label.lower()
    for nominee in nominees:
        if nominee.pk not in covered:
            missing.append(
                _("Chưa có %(kind)s của %(subject)s.") % {"kind": label, "subject": nominee.subject}
            )
    return missing


def _ready_to_submit(proposal: Proposal, by) -> None:
    nominees = active_nominees(proposal)
    if not nominees:
        raise ValidationError(_("Đề nghị chưa có đề cử nào."), code="guard")
    missing = missing_documents(proposal, nominees)
    if missing:
        raise ValidationError(missing, code="guard")


def _ready_to_forward(proposal: Proposal, by) -> None:
    """BLOCKED verdicts never go up; a WARNING goes only with a leader's written reason."""
    problems = []
    for nominee in active_nominees(proposal):
        if nominee.is_blocked or not nominee.verdict:
            reasons = "; ".join(c["message"] for c in nominee.checks if c["status"] == "block")
            problems.append(
                _("%(subject)s không được đề nghị %(award)s: %(reasons)s")
                % {"subject": nominee.subject, "award": nominee.award, "reasons": reasons}
            )
        elif nominee.needs_override:
            problems.append(
                _(
                    "%(subject)s có lưu ý về điều kiện %(award)s; lãnh đạo cần ghi lý do vẫn "
                    "đề nghị trước khi gửi."
                )
                % {"subject": nominee.subject, "award": nominee.award}
            )
    if problems:
        raise ValidationError(problems, code="guard")


def _can_go_up(proposal: Proposal, by) -> None:
    if proposal.authority.level != Authority.Level.STATE:
        raise ValidationError(
            _("%(authority)s quyết định tại cấp này; không cần trình lên cấp trên.")
            % {"authority": proposal.authority},
            code="guard",
        )
    if not any(n.result == Nominee.Result.PASSED for n in proposal.nominees.all()):
        raise ValidationError(
            _("Không có đề cử nào được Hội đồng đồng ý để trình lên cấp trên."), code="guard"
        )


PROPOSAL_WORKFLOW = Workflow(
    holds=holds,
    transitions=[
        Transition(
            "submit",
            sources=Proposal.EDITABLE_STATES,
            target=P.SUBMITTED,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Trình lãnh đạo"),
            guard=_ready_to_submit,
            stamp="submitted_at",
        ),
        Transition(
            "return",
            sources=(P.SUBMITTED,),
            target=P.RETURNED,
            roles=(LEADER,),
            label=gettext_lazy("Trả lại"),
            needs_comment=True,
            style="warning",
        ),
        Transition(
            "forward",
            sources=(P.SUBMITTED,),
            target=P.FORWARDED,
            roles=(LEADER,),
            label=gettext_lazy("Gửi cấp trên"),
            guard=_ready_to_forward,
            stamp="forwarded_at",
            style="success",
        ),
        Transition(
            "appraise",
            sources=(P.FORWARDED,),
            target=P.APPRAISED,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Thẩm định đạt"),
            style="success",
        ),
        Transition(
            "return_for_documents",
            sources=(P.FORWARDED, P.APPRAISED),
            target=P.RETURNED_FOR_DOCUMENTS,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Trả lại để bổ sung hồ sơ"),
            needs_comment=True,
            style="warning",
        ),
        Transition(
            "schedule",
            sources=(P.APPRAISED,),
            target=P.ON_AGENDA,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Đưa ra Hội đồng"),
        ),
        Transition(
            "unschedule",
            sources=(P.ON_AGENDA,),
            target=P.APPRAISED,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Rút khỏi phiên họp"),
            style="secondary",
        ),
        Transition(
            "record_vote",
            sources=(P.ON_AGENDA,),
            target=P.VOTED,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Ghi nhận kết quả bỏ phiếu"),
        ),
        Transition(
            "forward_up",
            sources=(P.VOTED,),
            target=P.FORWARDED_UP,
            roles=(LEADER,),
            label=gettext_lazy("Trình cấp trên"),
            guard=_can_go_up,
            style="success",
        ),
        Transition(
            "decide",
            sources=(P.VOTED, P.FORWARDED_UP),
            target=P.DECIDED,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Ghi nhận quyết định"),
            stamp="decided_at",
        ),
        Transition(
            "conclude",
            sources=(P.VOTED, P.FORWARDED_UP),
            target=P.DECIDED,
            roles=(LEADER,),
            label=gettext_lazy("Kết thúc đề nghị"),
            needs_comment=True,
            stamp="decided_at",
            style="secondary",
        ),
    ],
    state_labels=dict(P.choices),
    unit_of=lambda proposal: proposal.handling_unit,
    also_allowed=_moved_by_its_council,
)

# Transitions that services run as a side effect of another action, not from a button.
PROPOSAL_AUTOMATIC = ("schedule", "unschedule", "record_vote", "decide")

S = CouncilSession.Status


def _session_can_open(session: CouncilSession, by) -> None:
    if not session.items.exists():
        raise ValidationError(_("Phiên họp chưa có đề cử nào trong chương trình."), code="guard")
    if not session.council.memberships.filter(is_active=True).exists():
        raise ValidationError(_("Hội đồng chưa có thành viên."), code="guard")


SESSION_WORKFLOW = Workflow(
    holds=holds,
    transitions=[
        Transition(
            "open",
            sources=(S.PLANNED,),
            target=S.OPEN,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Bắt đầu phiên họp"),
            guard=_session_can_open,
            stamp="opened_at",
            style="success",
        ),
        Transition(
            "close",
            sources=(S.OPEN,),
            target=S.CLOSED,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Kết thúc phiên họp"),
            stamp="closed_at",
        ),
    ],
    state_labels=dict(S.choices),
    unit_of=lambda session: session.council.unit,
    also_allowed=lambda session, by, _transition: runs_sessions(by, session.council),
)

D = Decision.Status
DECISION_WORKFLOW = Workflow(
    holds=holds,
    transitions=[
        Transition(
            "issue",
            sources=(D.DRAFT,),
            target=D.ISSUED,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Ban hành"),
            stamp="issued_at",
            style="success",
        ),
        Transition(
            "revoke",
            sources=(D.ISSUED,),
            target=D.REVOKED,
            roles=(STAFF, LEADER),
            label=gettext_lazy("Hủy bỏ"),
            needs_comment=True,
            style="danger",
        ),
    ],
    state_labels=dict(D.choices),
    unit_of=lambda decision: decision.unit,
)


def notice_refusal(nominee: Nominee, rule, notices, today: datetime.date) -> str:
    """Why ``nominee`` cannot be voted on yet because of public notice, or ""."""
    days = rule.public_notice_days if rule else 0
    if not days:
        return ""
    latest = max(notices, key=lambda n: n.ends_on, default=None)
    if latest is None:
        return _(
            "%(subject)s phải được lấy ý kiến công khai %(days)s ngày làm việc trước khi bỏ "
            "phiếu; chưa công khai."
        ) % {"subject": nominee.subject, "days": days}
    if not latest.has_ended(today):
        return _(
            "%(subject)s đang được lấy ý kiến công khai đến hết ngày %(end)s; chưa thể bỏ "
            "phiếu trước khi kết thúc."
        ) % {"subject": nominee.subject, "end": f"{latest.ends_on:%d/%m/%Y}"}
    return ""


# Words for the audit entries of actions outside the workflow tables (histories, audit log).
ACTION_LABELS = {
    "create": gettext_lazy("Lập"),
    "update": gettext_lazy("Sửa"),
    "nominee_add": gettext_lazy("Thêm đề cử"),
    "nominee_remove": gettext_lazy("Bỏ đề cử"),
    "nominee_update": gettext_lazy("Sửa đề cử"),
    "nominee_override": gettext_lazy("Vẫn đề nghị"),
    "nominee_withdraw": gettext_lazy("Rút đề cử"),
    "dossier_upload": gettext_lazy("Tải lên tài liệu"),
    "dossier_remove": gettext_lazy("Xóa tài liệu"),
    "signed_upload": gettext_lazy("Tải lên quyết định đã ký số"),
    "signed_server": gettext_lazy("Ký số trên máy chủ"),
    "registrations_add": gettext_lazy("Thêm đề cử từ đăng ký thi đua"),
    "agenda_add": gettext_lazy("Đưa vào chương trình"),
    "agenda_remove": gettext_lazy("Rút khỏi chương trình"),
    "ballot": gettext_lazy("Ghi nhận phiếu"),
    "public_notice": gettext_lazy("Lấy ý kiến công khai"),
    "verdict_recheck": gettext_lazy("Kiểm tra lại điều kiện"),
    "synchronise": gettext_lazy("Đồng bộ CSDL cán bộ quốc gia"),
    "verdict_refresh": gettext_lazy("Tự động kiểm tra lại điều kiện (quy định, hồ sơ thay đổi)"),
    "assign": gettext_lazy("Giao chuyên viên thụ lý"),
    "publish": gettext_lazy("Công khai danh sách khen thưởng"),
    "unpublish": gettext_lazy("Thôi công khai danh sách khen thưởng"),
    # Papers kept beside decisions and sessions (thidua.core.attachments).
    "attachment_add": COMMON_ACTIONS["attachment_add"],
    "attachment_remove": COMMON_ACTIONS["attachment_remove"],
}
