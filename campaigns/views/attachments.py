"""A campaign's papers: listed on its page, uploaded (``campaigns.attachment_upload``,
which re-renders the page) and removed by who manages it, downloaded by whoever sees it."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from campaigns import selectors, services
from campaigns.models import Campaign
from campaigns.scope import can_manage
from thidua.core.forms import AttachmentForm
from thidua.core.views import (
    AttachmentPanel,
    attachment_get_or_404,
    attachment_panel,
    attachment_remove_response,
    attachment_response,
)

URL_NAME = "campaigns:attachment"


def campaign_papers(
    user, campaign: Campaign, form: AttachmentForm | None = None
) -> AttachmentPanel:
    manages = can_manage(user, campaign)
    return attachment_panel(
        holder=campaign,
        kinds=Campaign.Paper,
        url_name=URL_NAME,
        may_upload=manages,
        may_remove=lambda _attachment: manages,
        form=form,
        history=True,
    )


@require_GET
@login_required
def attachment_file(request: HttpRequest, pk: int, file: int) -> FileResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    return attachment_response(attachment_get_or_404(campaign, file))


@require_POST
@login_required
def attachment_remove(request: HttpRequest, pk: int, file: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    return attachment_remove_response(
        request,
        campaign,
        file,
        remove=lambda paper: services.campaign_attachment_remove(
            campaign=campaign, attachment=paper, by=request.user
        ),
        back=lambda _paper: redirect("campaigns:detail", pk=pk),
    )
