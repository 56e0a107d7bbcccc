"""Small helpers shared by the campaign views."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from thidua.core.forms import YearForm, read_filters


def filters(request: HttpRequest, form) -> dict:
    """Valid query-string values; a bad value becomes a warning and its default is used."""
    values, problems = read_filters(form)
    for problem in problems:
        messages.warning(request, problem)
    return values


def campaign_year(request: HttpRequest, campaign: Campaign) -> int:
    """``?year=`` when it is one of the campaign's years, else this year kept in the period."""
    default = campaign.default_year(timezone.localdate())
    year = filters(request, YearForm(request.GET)).get("year", default)
    if year not in campaign.years:
        messages.warning(
            request,
            _("Năm %(year)s nằm ngoài thời gian của phong trào; đang hiển thị năm %(default)s.")
            % {"year": year, "default": default},
        )
        return default
    return year


def back(request: HttpRequest, default: str) -> HttpResponse:
    """Redirect to the form's ``next`` when it is a page of this site, else ``default``."""
    target = request.POST.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if allowed and target.startswith("/") else default)


def forbidden(request: HttpRequest, reason: str) -> HttpResponse:
    """A 403 that says why: for pages whose object the user may see but not change."""
    return render(request, "campaigns/forbidden.html", {"reason": reason}, status=403)
