"""Campaign list, page, launch form and open/close."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.catalogue.models import Award
from campaigns import selectors, services
from campaigns.forms import (
    CampaignFilterForm,
    CampaignForm,
    PhaseFormSet,
    TargetFormSet,
    attach_errors,
    formset_rows,
)
from campaigns.models import Campaign
from campaigns.rules import submission_refusal
from campaigns.scope import active_in_year, can_launch, can_manage, led_memberships
from campaigns.views.attachments import campaign_papers
from campaigns.views.common import campaign_year, filters, forbidden
from campaigns.workflow import CAMPAIGN_WORKFLOW
from thidua.core.forms import DATE_INPUT_FORMATS, AttachmentForm
from thidua.core.ids import parse_int
from thidua.core.pagination import paginate
from thidua.core.views import as_get, report
from units.access import is_admin, user_roles
from units.models import Cluster, ClusterMembership, Unit, UnitRole

MIN_YEAR, MAX_YEAR = 1945, 2100

NOT_LAUNCHER = gettext_lazy(
    "Chỉ quản trị viên (Văn phòng TĐKT) hoặc lãnh đạo đơn vị Trưởng khối/cụm thi đua mới "
    "phát động được phong trào."
)


@require_GET
@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    form = CampaignFilterForm(request.GET)
    values = filters(request, form)
    campaigns = selectors.campaign_list(
        user=request.user,
        status=values.get("status", ""),
        kind=values.get("kind", ""),
        query=values.get("q", ""),
    )
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "form": form,
            "can_launch": can_launch(request.user, timezone.localdate()),
            **paginate(request, campaigns),
        },
    )


def _form_year(request: HttpRequest, campaign: Campaign | None) -> int:
    """The year whose units the form offers: of the start date typed (posted, or sent by
    the page's refresh), else ``?year=``, else the campaign's, else this year."""
    source = request.POST if request.method == "POST" else request.GET
    raw = (source.get("start_date") or "").strip()
    for pattern in DATE_INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(raw, pattern).date().year
        except ValueError:
            continue
    year = parse_int(request.GET.get("year"))
    if year is not None and MIN_YEAR <= year <= MAX_YEAR:
        return year
    return campaign.start_date.year if campaign else timezone.localdate().year


def _form_choices(user, year: int, campaign: Campaign | None = None) -> dict:
    """What the launch form offers: everything to admins, their groupings to leaders.

    Units and groupings are those of ``year`` (the campaign's start), as the dated tree
    has them; when editing, what the campaign already holds stays listed.
    """
    today = timezone.localdate()
    held_units, held_clusters, held_awards = set(), set(), set()
    if campaign is not None:
        held_units = {u.pk for u in campaign.scope_units.all()} | {campaign.launched_by_id}
        held_clusters = {c.pk for c in campaign.scope_clusters.all()}
        held_awards = set(campaign.awards.values_list("pk", flat=True))
    awards = Award.objects.filter(Q(is_active=True) | Q(pk__in=held_awards))
    # Groupings of a past year are those with members that year; from this year on, the
    # active ones too (next year's memberships are often entered after the launch).
    of_year = Q(pk__in=ClusterMembership.objects.filter(year=year).values("cluster_id"))
    if year >= today.year:
        of_year |= Q(is_active=True)
    of_year = Cluster.objects.filter(of_year | Q(pk__in=held_clusters))
    if is_admin(user):
        units = Unit.objects.order_by("path")
        return {
            "launchers": units,
            "units": units,
            "clusters": Cluster.objects.all(),
            "awards": awards,
            "shown": {
                name: units.filter(active_in_year(year) | Q(pk__in=held_units))
                for name in ("launched_by", "scope_units")
            }
            | {"scope_clusters": of_year},
        }
    years = {today.year, today.year + 1, year}
    launchers = set()
    if campaign is not None:
        years.add(campaign.start_date.year)
        launchers.add(campaign.launched_by_id)
    led = list(led_memberships(user, years))
    launchers |= {m.unit_id for m in led}
    return {
        "launchers": Unit.objects.filter(pk__in=launchers).order_by("path"),
        "units": None,
        "clusters": Cluster.objects.filter(pk__in={m.cluster_id for m in led} | held_clusters),
        "awards": awards,
    }


def _initial(campaign: Campaign) -> tuple[dict, list, list]:
    initial = {
        name: getattr(campaign, name)
        for name in (
            "name",
            "kind",
            "launched_by",
            "authority_name",
            "description",
            "start_date",
            "end_date",
            "registration_deadline",
        )
    }
    initial["scope_units"] = list(campaign.scope_units.all())
    initial["scope_clusters"] = list(campaign.scope_clusters.all())
    initial["awards"] = list(campaign.awards.all())
    phases = [
        {"name": p.name, "start_date": p.start_date, "end_date": p.end_date}
        for p in campaign.phases.all()
    ]
    targets = [
        {"name": t.name, "comparator": t.comparator, "threshold": t.threshold, "measure": t.measure}
        for t in campaign.targets.all()
    ]
    return initial, phases, targets


def _edit(request: HttpRequest, campaign: Campaign | None) -> HttpResponse:
    year = _form_year(request, campaign)
    choices = _form_choices(request.user, year, campaign)
    initial, phase_rows, target_rows = _initial(campaign) if campaign else ({}, [], [])
    if request.method == "GET" and "start_date" in request.GET:
        # The page's refresh when the start date changes: keep what was typed and chosen.
        initial |= {name: request.GET.get(name) for name in ("start_date", "launched_by")}
        initial |= {name: request.GET.getlist(name) for name in ("scope_units", "scope_clusters")}
    data = request.POST if request.method == "POST" else None
    form = CampaignForm(data, initial=initial, **choices)
    form.fields["start_date"].widget.attrs |= {
        "hx-get": request.path,
        "hx-trigger": "change",
        "hx-include": "[name=launched_by],[name=scope_units],[name=scope_clusters]",
        "hx-target": "#campaign-units",
        "hx-select": "#campaign-units",
        "hx-swap": "outerHTML",
    }
    phases = PhaseFormSet(data, prefix="phases", initial=phase_rows)
    targets = TargetFormSet(data, prefix="targets", initial=target_rows)
    if data is not None and all([form.is_valid(), phases.is_valid(), targets.is_valid()]):
        arguments = {
            **form.cleaned_data,
            "phases": formset_rows(phases),
            "targets": formset_rows(targets),
        }
        try:
            if campaign is None:
                campaign = services.campaign_create(by=request.user, **arguments)
                messages.success(request, _("Đã tạo phong trào (dự thảo)."))
            else:
                services.campaign_update(by=request.user, campaign=campaign, **arguments)
                messages.success(request, _("Đã lưu phong trào."))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(
        request,
        "campaigns/campaign_form.html",
        {
            "form": form,
            "phases": phases,
            "targets": targets,
            "campaign": campaign,
            "form_year": year,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not can_launch(request.user, timezone.localdate()):
        return forbidden(request, NOT_LAUNCHER)
    return _edit(request, None)


@require_http_methods(["GET", "POST"])
@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    if not can_manage(request.user, campaign):
        return forbidden(request, _("Chỉ đơn vị phát động hoặc quản trị viên sửa được phong trào."))
    return _edit(request, campaign)


@require_GET
@login_required
def campaign_detail(request: HttpRequest, pk: int, attachment_form=None) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    year = campaign_year(request, campaign)
    rows = selectors.campaign_unit_rows(user=request.user, campaign=campaign, year=year)
    context = selectors.campaign_detail(user=request.user, campaign=campaign, year=year)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            **context,
            **paginate(request, rows),
            "campaign": campaign,
            "year": year,
            "today": timezone.localdate(),
            "summary": selectors.campaign_summary(user=request.user, campaign=campaign, year=year),
            "submission_refusal": submission_refusal(campaign, timezone.localdate()),
            "can_manage": can_manage(request.user, campaign),
            "transitions": CAMPAIGN_WORKFLOW.available(campaign, request.user),
            "is_reviewer": _is_reviewer(request.user),
            "sending_clusters": _sending_clusters(request.user, campaign, context, year),
            "papers": campaign_papers(request.user, campaign, attachment_form),
        },
    )


def _sending_clusters(user, campaign: Campaign, context: dict, year: int) -> set[int]:
    """The scope groupings whose members' drafts the user may send (admins: all of them;
    leaders of a grouping's leader unit: theirs), while the campaign takes registrations."""
    if campaign.status != Campaign.Status.OPEN or not context["scope_clusters"]:
        return set()
    scope = {cluster.pk for cluster in context["scope_clusters"]}
    if is_admin(user):
        return scope
    return scope & set(led_memberships(user, [year]).values_list("cluster_id", flat=True))


def _is_reviewer(user) -> bool:
    return is_admin(user) or any(role == UnitRole.Role.LEADER for _unit, role in user_roles(user))


@require_POST
@login_required
def campaign_transition(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    action = request.POST.get("transition", "")
    try:
        if action == "open":
            services.campaign_open(by=request.user, campaign=campaign)
            messages.success(request, _("Đã phát động phong trào: các đơn vị có thể đăng ký."))
        elif action == "close":
            services.campaign_close(by=request.user, campaign=campaign)
            messages.success(request, _("Đã đóng phong trào."))
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
    except ValidationError as error:
        report(request, error)
    return redirect("campaigns:detail", pk=campaign.pk)


@require_POST
@login_required
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES, kinds=Campaign.Paper)
    if form.is_valid():
        try:
            services.campaign_attachment_add(
                campaign=campaign, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tải lên tài liệu."))
            return redirect("campaigns:detail", pk=pk)
    messages.error(request, _("Chưa tải lên được tài liệu; xem lỗi trong biểu mẫu."))
    return campaign_detail(as_get(request), pk, attachment_form=form)
