"""Read views that need both awards and campaigns: the leaders' dashboard and table 0601.N.

They live in awards, which may read campaigns (docs/architecture.md). The dashboard shows,
for a year and a scope the user leads (the sector for admins): awards by form and by unit,
registrations against conferments per award, proposals waiting at each step, and the
ten-year trend; in a fixed number of queries.
"""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from awards.catalogue.models import Award
from awards.models import Proposal
from awards.reports import charts, summary
from awards.reports.campaigns import campaign_table
from awards.reports.data import ReportData, load_report
from awards.reports.forms import StatisticsForm
from awards.reports.scope import (
    FIRST_YEAR,
    LAST_YEAR,
    Period,
    Scope,
    may_report,
    scope_for_user,
    sector_scope,
)
from awards.selectors import latest_data_year
from awards.views.reports import statistics_response
from campaigns.models import Registration
from thidua.core.ids import parse_int
from units.access import is_admin, restrict, user_roles, within
from units.models import UnitRole


def _year(request: HttpRequest) -> int | None:
    """The year asked for, or None (the dashboard then opens on the latest with data)."""
    return parse_int(request.GET.get("year"), minimum=FIRST_YEAR, maximum=LAST_YEAR)


def _default_year(user, scope: Scope) -> int:
    """The latest year, up to this one, with data in the scope; this year when none. A
    grouping's membership changes by year, so its dashboard opens on this year."""
    if scope.kind == Scope.CLUSTER:
        return timezone.localdate().year
    path = scope.path if scope.kind == Scope.UNIT else None
    return latest_data_year(user=user, path=path)


def _scope(request: HttpRequest, period: Period) -> tuple[Scope, list[tuple[str, str]]]:
    """The requested scope (404 if not the user's), and the scopes to switch between."""
    user = request.user
    choices = [] if not is_admin(user) else [("sector", sector_scope().name)]
    choices += [
        (f"unit:{unit.pk}", unit.name)
        for unit, role in user_roles(user)
        if role in (UnitRole.Role.LEADER, UnitRole.Role.ADMIN)
    ]
    value = request.GET.get("scope") or (choices[0][0] if choices else "")
    return scope_for_user(user, value, period), choices


def registrations_vs_conferments(data: ReportData, user, year: int) -> list[dict]:
    """Per award: lines registered (sent or accepted) in the campaigns, and conferred."""
    registrations = restrict(Registration.objects.all(), user).filter(
        year=year, status__in=Registration.SENT_STATES
    )
    if data.scope.kind == Scope.UNIT:
        registrations = within(registrations, [data.scope.path])
    registered = dict(registrations.values_list("award_id").annotate(n=Count("id")).order_by())
    # Per award whoever conferred it: a registration names the award, not the authority.
    conferred, own = Counter(), {}
    for (award_id, _authority_id), n in data.counts.items():
        conferred[award_id] += n
    for info in data.awards.values():  # each award under its catalogue authority comes first
        own.setdefault(info.pk, info)
    rows, subjects = [], dict(Award.Subject.choices)
    for award_id in sorted(set(registered) | set(conferred), key=lambda pk: own[pk].sort_key):
        award = own[award_id]
        rows.append(
            {
                "award": award,
                "subject": subjects[award.subject],
                "registered": registered.get(award_id, 0),
                "conferred": conferred.get(award_id, 0),
            }
        )
    return rows


def proposals_waiting(data: ReportData, user) -> list[tuple[str, int]]:
    """Proposals not yet decided, per step of the workflow, in the scope."""
    proposals = restrict(Proposal.objects.all(), user).exclude(status=Proposal.Status.DECIDED)
    if data.scope.kind == Scope.UNIT:
        # The scope's unit sees a proposal by the same rule as its leader does everywhere.
        proposals = within(proposals, [data.scope.path])
    counts = dict(proposals.values_list("status").annotate(n=Count("id")).order_by())
    return [
        (label, counts.get(value, 0))
        for value, label in Proposal.Status.choices
        if value != Proposal.Status.DECIDED
    ]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not may_report(request.user):
        raise Http404
    year = _year(request)
    asked = year or timezone.localdate().year
    scope, choices = _scope(request, Period(asked, asked))
    if year is None:
        year = _default_year(request.user, scope)
    period = Period(year, year)
    data = load_report(scope, period, recipients=False)
    blocks = summary.authority_blocks(data)
    context = {
        "year": year,
        "years": range(timezone.localdate().year, timezone.localdate().year - 10, -1),
        "scope": scope,
        "choices": choices,
        "data": data,
        "blocks": blocks,
        "subjects": summary.subject_totals(blocks),
        "collective": Award.Subject.COLLECTIVE,
        "individual": Award.Subject.INDIVIDUAL,
        "unit_table": summary.unit_table(data),
        "registrations": registrations_vs_conferments(data, request.user, year),
        "proposals": proposals_waiting(data, request.user),
        "trend_chart": charts.column_chart(
            summary.trend_chart_values(data),
            title=f"{period.trend_years[0]}–{period.trend_years[-1]}",
        ),
    }
    return render(request, "awards/reports/dashboard.html", context)


@login_required
@require_GET
def campaign_statistics(request: HttpRequest) -> HttpResponse:
    """Table 0601.N (campaigns), with the same picker as 0602.N and 0603.N."""
    if not may_report(request.user):
        raise Http404
    form = StatisticsForm(request.GET, user=request.user)
    if not form.is_valid() or form.cleaned_data["form"] != "0601":
        return redirect(f"{reverse('reports:statistics')}?{request.GET.urlencode()}")
    year = form.cleaned_data["year"]
    scope = scope_for_user(request.user, form.cleaned_data["scope"], Period(year, year))
    return statistics_response(request, form, campaign_table(scope, year), scope)
