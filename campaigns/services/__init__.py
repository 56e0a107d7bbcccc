"""Every change to campaigns, pledges and registrations goes through these functions.

Views, admin actions and the Excel import call them; each is transactional, checks the
actor's role itself and raises ``ValidationError`` with a Vietnamese message on bad input.
"""

from campaigns.services.attachments import campaign_attachment_add, campaign_attachment_remove
from campaigns.services.batches import (
    DraftsPlan,
    drafts_plan,
    registrations_review,
    registrations_send_drafts,
)
from campaigns.services.campaigns import (
    campaign_close,
    campaign_create,
    campaign_open,
    campaign_update,
)
from campaigns.services.pledges import can_edit_pledge, pledge_create, pledge_sign, pledge_update
from campaigns.services.registrations import (
    BulkResult,
    RegistrationRow,
    registration_accept,
    registration_create,
    registration_delete,
    registration_return,
    registration_submit,
    registration_update,
    registrations_save_bulk,
    registrations_submit_drafts,
)

__all__ = [
    "BulkResult",
    "DraftsPlan",
    "RegistrationRow",
    "campaign_attachment_add",
    "campaign_attachment_remove",
    "campaign_close",
    "campaign_create",
    "campaign_open",
    "campaign_update",
    "can_edit_pledge",
    "drafts_plan",
    "pledge_create",
    "pledge_sign",
    "pledge_update",
    "registration_accept",
    "registration_create",
    "registration_delete",
    "registration_return",
    "registration_submit",
    "registration_update",
    "registrations_review",
    "registrations_save_bulk",
    "registrations_send_drafts",
    "registrations_submit_drafts",
]
