"""Papers kept beside decisions (signed scan, annexes) and council sessions (minutes).

A decision's papers are kept by its unit's staff and leaders (who enter and issue it), a
session's by who runs it (``runs_sessions``). Once a decision is issued (or revoked) its
papers are part of the record: they may still be added (the signed scan comes after
issuing), but only an admin (the TĐKT office) removes one, to correct a wrong upload, and
the removal stays in the decision's history.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import CouncilSession, Decision
from awards.services._common import LEADER, STAFF, require_role, require_session_runner
from awards.workflow import runs_sessions
from thidua.core import attachments
from thidua.core.models import Attachment
from units.access import has_role, is_admin


def can_keep_decision_papers(user, decision: Decision) -> bool:
    return has_role(user, decision.unit, STAFF, LEADER)


def can_remove_decision_paper(user, decision: Decision) -> bool:
    if decision.status == Decision.Status.DRAFT:
        return can_keep_decision_papers(user, decision)
    return is_admin(user)


@transaction.atomic
def decision_attachment_add(*, decision: Decision, by, kind: str, title: str, file) -> Attachment:
    require_role(by, decision.unit, STAFF, LEADER, action=_("tải lên tài liệu của quyết định"))
    return attachments.attachment_add(
        holder=decision,
        kinds=Decision.Paper,
        kind=kind,
        title=title,
        file=file,
        by=by,
        unit=decision.unit,
    )


@transaction.atomic
def decision_attachment_remove(*, decision: Decision, attachment: Attachment, by) -> None:
    """Remove a paper of a draft (its unit's staff and leaders), or, from an issued or
    revoked decision, as an admin only: the papers of an issued decision are kept."""
    if decision.status != Decision.Status.DRAFT and not is_admin(by):
        raise ValidationError(
            _(
                "Tài liệu của quyết định đã ban hành được lưu cùng hồ sơ; chỉ quản trị viên "
                "(Văn phòng TĐKT) mới gỡ được."
            ),
            code="kept",
        )
    require_role(by, decision.unit, STAFF, LEADER, action=_("gỡ tài liệu của quyết định"))
    attachments.attachment_remove(
        holder=decision, attachment=attachment, kinds=Decision.Paper, by=by, unit=decision.unit
    )


def can_keep_session_papers(user, session: CouncilSession) -> bool:
    return runs_sessions(user, session.council)


@transaction.atomic
def session_attachment_add(
    *, session: CouncilSession, by, kind: str, title: str, file
) -> Attachment:
    require_session_runner(by, session.council, action=_("tải lên tài liệu của phiên họp"))
    return attachments.attachment_add(
        holder=session,
        kinds=CouncilSession.Paper,
        kind=kind,
        title=title,
        file=file,
        by=by,
        unit=session.council.unit,
    )


@transaction.atomic
def session_attachment_remove(*, session: CouncilSession, attachment: Attachment, by) -> None:
    require_session_runner(by, session.council, action=_("gỡ tài liệu của phiên họp"))
    attachments.attachment_remove(
        holder=session,
        attachment=attachment,
        kinds=CouncilSession.Paper,
        by=by,
        unit=session.council.unit,
    )
