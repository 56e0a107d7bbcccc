"""A campaign's papers (quyết định, kế hoạch phát động): kept by whoever manages it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from campaigns.scope import can_manage
from thidua.core import attachments
from thidua.core.models import Attachment


def _require_manager(by, campaign: Campaign) -> None:
    if not can_manage(by, campaign):
        raise ValidationError(
            _(
                "Chỉ lãnh đạo đơn vị phát động hoặc quản trị viên (Văn phòng TĐKT) mới quản lý "
                "được tài liệu của phong trào."
            ),
            code="role",
        )


@transaction.atomic
def campaign_attachment_add(*, campaign: Campaign, by, kind: str, title: str, file) -> Attachment:
    """Keep a paper beside the campaign: those who may edit it (``can_manage``) upload."""
    _require_manager(by, campaign)
    return attachments.attachment_add(
        holder=campaign,
        kinds=Campaign.Paper,
        kind=kind,
        title=title,
        file=file,
        by=by,
        unit=campaign.launched_by,
    )


@transaction.atomic
def campaign_attachment_remove(*, campaign: Campaign, attachment: Attachment, by) -> None:
    _require_manager(by, campaign)
    attachments.attachment_remove(
        holder=campaign,
        attachment=attachment,
        kinds=Campaign.Paper,
        by=by,
        unit=campaign.launched_by,
    )
