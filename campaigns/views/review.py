"""The leaders' review page: the subtree's lines by state (with their counts), accepted or
returned one by one or the ticked lines at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from campaigns import selectors, services
from campaigns.forms import BulkReviewForm, ReviewFilterForm
from campaigns.models import Campaign, Registration
from campaigns.rules import editing_refusal
from campaigns.views.common import campaign_year, filters
from campaigns.workflow import LEADER, REGISTRATION_WORKFLOW, STAFF
from thidua.core.ids import parse_ids
from thidua.core.pagination import paginate
from thidua.core.views import report
from units.access import get_visible_or_404, has_role, user_roles
from units.models import Unit

REVIEW_ACTIONS = ("accept", "return")


def _review_page(
    request: HttpRequest, campaign: Campaign, *, selected=(), comment: str = ""
) -> HttpResponse:
    """The page for the filters of the query string (also those of a refused bulk action,
    whose ticks and reason are kept)."""
    year = campaign_year(request, campaign)
    values = filters(request, ReviewFilterForm(request.GET))
    status = values.get("status", "" if "status" in request.GET else "submitted")
    unit = None
    if "unit" in values:
        unit = get_visible_or_404(Unit.objects.all(), request.user, pk=values["unit"])
    lines = selectors.registration_list(
        user=request.user, campaign=campaign, year=year, unit=unit, status=status
    )
    context = paginate(request, lines)
    selectable = False
    for line in context["page_obj"]:
        line.actions = [
            t for t in REGISTRATION_WORKFLOW.available(line, request.user) if t.name != "submit"
        ]
        line.selectable = any(t.name in REVIEW_ACTIONS for t in line.actions)
        selectable = selectable or line.selectable
    counts = selectors.registration_counts(
        user=request.user, campaign=campaign, year=year, unit=unit
    )
    send_units = []
    if status == Registration.Status.DRAFT and counts[status] and not editing_refusal(campaign):
        # Where "send all drafts" starts: the unit shown, or the user's own units.
        mine = [u for u, role in user_roles(request.user) if role in (STAFF, LEADER)]
        send_units = [unit] if unit is not None else mine
        send_units = [u for u in send_units if has_role(request.user, u, STAFF, LEADER)]
    tabs = [(value, label, counts[value]) for value, label in Registration.Status.choices]
    tabs.append(("", _("Tất cả"), counts[""]))
    return render(
        request,
        "campaigns/review.html",
        {
            **context,
            "campaign": campaign,
            "year": year,
            "unit": unit,
            "status": status,
            "tabs": tabs,
            "selectable": selectable,
            "send_units": send_units,
            "selected": set(selected),
            "bulk_comment": comment,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Leaders' list: the subtree's lines (sent ones by default) with accept / return."""
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    return _review_page(request, campaign)


@require_POST
@login_required
def review_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or return the ticked lines, all or none; a refusal names each line it concerns
    and shows the page again with the ticks and the reason kept."""
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    ids = parse_ids(request.POST.getlist("line"))
    form = BulkReviewForm(request.POST)
    comment = request.POST.get("comment", "")[:2000]
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
        return _review_page(request, campaign, selected=ids, comment=comment)
    action = form.cleaned_data["action"]
    try:
        done = services.registrations_review(
            by=request.user,
            campaign=campaign,
            ids=ids,
            action=action,
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        report(request, error)
        return _review_page(request, campaign, selected=ids, comment=comment)
    n = len(done)
    message = (
        ngettext("Đã đồng ý %(n)s dòng đăng ký.", "Đã đồng ý %(n)s dòng đăng ký.", n)
        if action == "accept"
        else ngettext("Đã trả lại %(n)s dòng đăng ký.", "Đã trả lại %(n)s dòng đăng ký.", n)
    )
    messages.success(request, message % {"n": n})
    url = reverse("campaigns:review", kwargs={"pk": campaign.pk})
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)
