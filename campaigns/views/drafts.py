""" "Send all drafts": every draft line of a unit and its sub-units, or of a grouping's members,
in one step (after an import). A confirmation page says how many lines of each unit will be
sent; the rule is ``services.drafts_plan`` / ``services.registrations_send_drafts``."""

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
from campaigns.views.common import campaign_year, forbidden
from thidua.core.ids import parse_int
from thidua.core.views import report
from units.access import get_visible_or_404
from units.models import Cluster, Unit


def _target(request: HttpRequest, pk: int, unit_pk: int | None, cluster_pk: int | None):
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    year = campaign_year(request, campaign)
    if unit_pk is not None:
        unit = get_visible_or_404(Unit.objects.all(), request.user, pk=unit_pk)
        return campaign, year, {"unit": unit}
    cluster = get_visible_or_404(Cluster.objects.all(), request.user, pk=cluster_pk)
    return campaign, year, {"cluster": cluster}


def _page(request: HttpRequest, pk: int, unit_pk=None, cluster_pk=None) -> HttpResponse:
    campaign, year, target = _target(request, pk, unit_pk, cluster_pk)
    plan = services.drafts_plan(by=request.user, campaign=campaign, year=year, **target)
    if plan.code == "role":
        return forbidden(request, plan.refusal)
    return render(
        request,
        "campaigns/drafts_send.html",
        {
            "campaign": campaign,
            "year": year,
            "plan": plan,
            "send_url": _url(campaign, target, "send"),
            **target,
        },
    )


def _url(campaign, target: dict, suffix: str = "") -> str:
    """The confirmation page (or, with ``suffix`` "send", its action) of the target."""
    if "unit" in target:
        name, kwargs = "campaigns:unit_drafts", {"unit_pk": target["unit"].pk}
    else:
        name, kwargs = "campaigns:cluster_drafts", {"cluster_pk": target["cluster"].pk}
    return reverse(f"{name}_{suffix}" if suffix else name, kwargs={"pk": campaign.pk, **kwargs})


def _back(campaign, year, target) -> str:
    if "unit" in target:
        url = reverse("campaigns:unit", kwargs={"pk": campaign.pk, "unit_pk": target["unit"].pk})
    else:
        url = reverse("campaigns:review", kwargs={"pk": campaign.pk})
    return f"{url}?year={year}"


def _send(request: HttpRequest, pk: int, unit_pk=None, cluster_pk=None) -> HttpResponse:
    campaign, year, target = _target(request, pk, unit_pk, cluster_pk)
    raw = request.POST.get("expected")
    expected = None if raw is None else parse_int(raw, minimum=0)
    if raw is not None and expected is None:
        messages.error(
            request, _("Số đăng ký nháp đã xác nhận không hợp lệ; vui lòng xem lại rồi gửi.")
        )
        return redirect(f"{_url(campaign, target)}?year={year}")
    try:
        sent = services.registrations_send_drafts(
            by=request.user, campaign=campaign, year=year, expected=expected, **target
        )
    except ValidationError as error:
        report(request, error)
        return redirect(f"{_url(campaign, target)}?year={year}")
    messages.success(
        request,
        ngettext("Đã gửi %(n)s đăng ký.", "Đã gửi %(n)s đăng ký.", sent) % {"n": sent},
    )
    return redirect(_back(campaign, year, target))


@require_GET
@login_required
def unit_drafts(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """What "send all drafts" of the unit and its sub-units would send."""
    return _page(request, pk, unit_pk=unit_pk)


@require_POST
@login_required
def unit_drafts_send(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    return _send(request, pk, unit_pk=unit_pk)


@require_GET
@login_required
def cluster_drafts(request: HttpRequest, pk: int, cluster_pk: int) -> HttpResponse:
    """What "send all drafts" of the grouping's members would send."""
    return _page(request, pk, cluster_pk=cluster_pk)


@require_POST
@login_required
def cluster_drafts_send(request: HttpRequest, pk: int, cluster_pk: int) -> HttpResponse:
    return _send(request, pk, cluster_pk=cluster_pk)
