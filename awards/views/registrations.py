"""Accepted registrations offered to a draft award proposal, ticked and added as nominees.

The page lives in awards (which may read campaigns) and is served under /campaigns/ in the
campaigns namespace, where it always was (``awards.urls.campaigns_urlpatterns``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from awards import selectors, services
from awards.selectors import edit_refusal, proposal_can_edit, proposal_get
from campaigns.selectors import campaign_get
from thidua.core.forms import YearForm
from thidua.core.ids import parse_id, parse_ids
from thidua.core.views import report
from units.access import get_visible_or_404
from units.models import Unit

QUOTA_LINES_SHOWN = 50


@require_http_methods(["GET", "POST"])
@login_required
def proposal_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_get(user=request.user, pk=pk)
    back = redirect("awards:proposal_detail", pk=proposal.pk)
    if not proposal_can_edit(proposal, request.user):
        messages.error(request, edit_refusal(proposal))
        return back
    if request.method == "POST":
        ids = parse_ids(request.POST.getlist("registration"))
        try:
            result = services.registrations_to_proposal(
                by=request.user, proposal=proposal, registrations=ids
            )
        except ValidationError as error:
            report(request, error)
        else:
            for line in result.refused:
                messages.warning(request, line)
            if result.added:
                messages.success(
                    request,
                    ngettext(
                        "Đã thêm %(n)s đề cử từ đăng ký thi đua; xem kết quả kiểm tra điều kiện.",
                        "Đã thêm %(n)s đề cử từ đăng ký thi đua; xem kết quả kiểm tra điều kiện.",
                        len(result.added),
                    )
                    % {"n": len(result.added)},
                )
                return back
    rows = list(selectors.registrations_for_proposal(proposal))
    context = {"proposal": proposal, "rows": rows}
    return render(request, "awards/proposals/registrations.html", context)


@require_GET
@login_required
def registration_quota(request: HttpRequest, pk: int) -> HttpResponse:
    """The registration summary's quota lines (loaded into the summary card): registered
    people vs each award's quota, per unit, for ``?year=`` and under ``?unit=``."""
    campaign = campaign_get(user=request.user, pk=pk)
    form = YearForm(request.GET)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    if year not in campaign.years:
        year = campaign.default_year(timezone.localdate())
    unit_pk = parse_id(request.GET.get("unit"))
    unit = None
    if unit_pk is not None:
        unit = get_visible_or_404(Unit.objects.all(), request.user, pk=unit_pk)
    lines = selectors.registration_quota_lines(
        user=request.user, campaign=campaign, year=year, unit=unit
    )
    context = {
        "lines": lines[:QUOTA_LINES_SHOWN],
        "hidden": max(len(lines) - QUOTA_LINES_SHOWN, 0),
        "year": year,
    }
    return render(request, "awards/registrations/_quota.html", context)
