"""Every change to proposals, councils and decisions goes through these functions.

Views, admin actions and commands call them; each is transactional, checks the actor's
role itself (``by``) and raises ``ValidationError`` with a Vietnamese message on bad input.
"""

from awards.services.attachments import (
    can_keep_decision_papers,
    can_keep_session_papers,
    can_remove_decision_paper,
    decision_attachment_add,
    decision_attachment_remove,
    session_attachment_add,
    session_attachment_remove,
)
from awards.services.council import (
    council_create,
    council_member_add,
    council_member_remove,
    council_session_create,
    session_add_to_agenda,
    session_open,
    session_remove_from_agenda,
)
from awards.services.decisions import (
    decision_amend,
    decision_delete,
    decision_draft,
    decision_issue,
    decision_revoke,
    decision_update,
    decisions_mark_synchronised,
    notification_mark_read,
)
from awards.services.fund import (
    FundCheck,
    decision_fund_check,
    fund_allocation_add,
    fund_allocation_update,
    fund_balance,
    fund_open,
    money,
)
from awards.services.nominees import (
    nominee_add,
    nominee_override,
    nominee_remove,
    nominee_update,
    nominee_withdraw,
)
from awards.services.notices import public_notice_start, working_days_end
from awards.services.proposals import (
    default_authority_unit,
    default_reference_date,
    forward_up_targets,
    proposal_appraise,
    proposal_conclude,
    proposal_create,
    proposal_delete,
    proposal_forward,
    proposal_forward_up,
    proposal_return,
    proposal_return_for_documents,
    proposal_submit,
    proposal_update,
)
from awards.services.registrations import PrefillResult, registrations_to_proposal
from awards.services.signing import decision_sign_on_server, decision_signed_upload
from awards.services.suggestions import suggestion_decide, suggestion_to_proposal
from awards.services.uploads import dossier_remove, dossier_upload
from awards.services.verdicts import (
    nominee_recheck,
    nominees_mark_stale,
    proposal_recheck,
    verdict_changes,
)
from awards.services.voting import (
    NomineeCount,
    SessionOutcome,
    ballot_cast,
    session_close,
    threshold_text,
)

__all__ = [
    "FundCheck",
    "NomineeCount",
    "PrefillResult",
    "SessionOutcome",
    "ballot_cast",
    "can_keep_decision_papers",
    "can_keep_session_papers",
    "can_remove_decision_paper",
    "council_create",
    "council_member_add",
    "council_member_remove",
    "council_session_create",
    "decision_amend",
    "decision_attachment_add",
    "decision_attachment_remove",
    "decision_delete",
    "decision_draft",
    "decision_fund_check",
    "decision_issue",
    "decision_revoke",
    "decision_sign_on_server",
    "decision_signed_upload",
    "decision_update",
    "decisions_mark_synchronised",
    "default_authority_unit",
    "default_reference_date",
    "dossier_remove",
    "dossier_upload",
    "forward_up_targets",
    "fund_allocation_add",
    "fund_allocation_update",
    "fund_balance",
    "fund_open",
    "money",
    "nominee_add",
    "nominee_override",
    "nominee_recheck",
    "nominee_remove",
    "nominee_update",
    "nominee_withdraw",
    "nominees_mark_stale",
    "notification_mark_read",
    "proposal_appraise",
    "proposal_conclude",
    "proposal_create",
    "proposal_delete",
    "proposal_forward",
    "proposal_forward_up",
    "proposal_recheck",
    "proposal_return",
    "proposal_return_for_documents",
    "proposal_submit",
    "proposal_update",
    "public_notice_start",
    "registrations_to_proposal",
    "session_add_to_agenda",
    "session_attachment_add",
    "session_attachment_remove",
    "session_close",
    "session_open",
    "session_remove_from_agenda",
    "suggestion_decide",
    "suggestion_to_proposal",
    "threshold_text",
    "verdict_changes",
    "working_days_end",
]
