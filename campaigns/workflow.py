"""The state tables of campaigns and registrations, declared once.

Registration: draft → submitted → accepted | returned; returned → submitted (after edit).
Staff (or leaders) of the line's unit submit; leaders of the unit or an ancestor accept or
return, a return needing a reason. Leaders of a grouping's leader unit (Trưởng khối) also send
the drafts of the grouping's members that year (issue #20: one step for the whole grouping).
``thidua.core.workflow`` enforces states, roles and races.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Registration
from campaigns.rules import submission_refusal
from campaigns.scope import led_member_units
from thidua.core.workflow import Transition, Workflow
from units.access import holds, is_admin
from units.models import UnitRole

STAFF, LEADER = UnitRole.Role.STAFF, UnitRole.Role.LEADER
R = Registration.Status


def _registration_can_be_sent(registration: Registration, by) -> None:
    reason = submission_refusal(
        registration.campaign,
        timezone.localdate(),
        resubmission=registration.status == R.RETURNED,
        late_allowed=is_admin(by),
    )
    if reason:
        raise ValidationError(reason, code="guard")


def _grouping_leader_sends(registration: Registration, by, transition: Transition) -> bool:
    """The leader unit of a grouping sends a member's draft (not a returned line: the unit
    that corrects it sends it again)."""
    if transition.name != "submit" or registration.status != R.DRAFT:
        return False
    return registration.unit_id in led_member_units(by, registration.year)


REGISTRATION_WORKFLOW = Workflow(
    holds=holds,
    also_allowed=_grouping_leader_sends,
    transitions=[
        Transition(
            "submit",
            sources=(R.DRAFT, R.RETURNED),
            target=R.SUBMITTED,
            roles=(STAFF, LEADER),
            label=_("Gửi đăng ký"),
            guard=_registration_can_be_sent,
            stamp="submitted_at",
        ),
        Transition(
            "accept",
            sources=(R.SUBMITTED,),
            target=R.ACCEPTED,
            roles=(LEADER,),
            label=_("Duyệt"),
            style="success",
        ),
        Transition(
            "return",
            sources=(R.SUBMITTED,),
            target=R.RETURNED,
            roles=(LEADER,),
            label=_("Trả lại"),
            needs_comment=True,
            style="warning",
        ),
    ],
    state_labels=dict(R.choices),
)

REGISTRATION_ACTIONS = {
    **{t.name: t.label for t in REGISTRATION_WORKFLOW.transitions},
    "update": _("Sửa đăng ký"),
    "delete": _("Xóa nháp"),
}


def _campaign_has_scope(campaign: Campaign, by) -> None:
    if not (campaign.scope_units.exists() or campaign.scope_clusters.exists()):
        raise ValidationError(
            _("Phong trào chưa có phạm vi (đơn vị hoặc khối/cụm) nên chưa thể phát động."),
            code="guard",
        )


C = Campaign.Status
CAMPAIGN_WORKFLOW = Workflow(
    holds=holds,
    transitions=[
        Transition(
            "open",
            sources=(C.DRAFT, C.CLOSED),
            target=C.OPEN,
            roles=(LEADER,),
            label=_("Phát động"),
            guard=_campaign_has_scope,
            style="success",
        ),
        Transition(
            "close",
            sources=(C.OPEN,),
            target=C.CLOSED,
            roles=(LEADER,),
            label=_("Đóng phong trào"),
            style="secondary",
        ),
    ],
    state_labels=dict(C.choices),
    unit_of=lambda campaign: campaign.launched_by,
)
