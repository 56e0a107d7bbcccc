"""Rounds: the list, opening one, its ranking page, moving it on, the printable review,
and the trend over the years. Deciding a year-end round's award suggestions is an awards
page (``awards.views.suggestions``), since accepting one writes a proposal line.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns.forms import attach_errors
from campaigns.models import AwardSuggestion, ScoreSheet, ScoringRound
from campaigns.scope import led_memberships
from campaigns.scoring import excel, review, selectors
from campaigns.scoring.forms import (
    ConferenceForm,
    DecideForm,
    RoundFilterForm,
    RoundForm,
    TrendFilterForm,
)
from campaigns.scoring.services import rounds, suggestions
from campaigns.scoring.workflow import ROUND_WORKFLOW, SUGGESTION_WORKFLOW
from campaigns.views.common import filters, forbidden
from thidua.core.documents import place_date
from thidua.core.pagination import paginate
from thidua.core.views import report
from units.access import get_visible_or_404, is_admin, restrict
from units.models import Cluster


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    values = filters(request, RoundFilterForm(request.GET))
    queryset = selectors.round_list(
        user=request.user, year=values.get("year"), kind=values.get("kind", "")
    )
    return render(
        request,
        "campaigns/scoring/home.html",
        {
            **paginate(request, queryset),
            "year": values.get("year"),
            "kind": values.get("kind", ""),
            "kinds": ScoringRound.Kind.choices,
            "can_open": is_admin(request.user) or _openable_clusters(request.user).exists(),
            "is_admin": is_admin(request.user),
        },
    )


def _openable_clusters(user):
    if is_admin(user):
        return Cluster.objects.filter(is_active=True)
    year = timezone.localdate().year
    return Cluster.objects.filter(
        pk__in={m.cluster_id for m in led_memberships(user, [year, year + 1])}
    )


@require_http_methods(["GET", "POST"])
@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    clusters = _openable_clusters(request.user)
    admin = is_admin(request.user)
    if not admin and not clusters.exists():
        return forbidden(
            request,
            _(
                "Chỉ quản trị viên hoặc lãnh đạo đơn vị Trưởng khối/cụm thi đua mới mở được đợt "
                "chấm điểm."
            ),
        )
    published = ScoreSheet.objects.filter(status=ScoreSheet.Status.PUBLISHED)
    if not admin:
        published = published.filter(Q(cluster__isnull=True) | Q(cluster__in=clusters))
    form = RoundForm(
        request.POST or None,
        initial={"kind": ScoringRound.Kind.YEAR_END},
        clusters=clusters,
        sheets=published.select_related("cluster").order_by("-year", "name"),
        panel_users=get_user_model().objects.filter(is_active=True).order_by("username")
        if admin
        else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                scoring_round = rounds.round_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã mở đợt chấm điểm."))
            return redirect("campaigns:scoring_round", pk=scoring_round.pk)
    return render(request, "campaigns/scoring/round_form.html", {"form": form})


def _proposals_seen(user, suggestion_list) -> set[int]:
    """The proposals holding these suggestions' lines that the user may open (a member sees
    that its line is in the grouping's proposal, not the leader unit's proposal itself).
    The proposal model is reached through the nominee relation: campaigns does not import
    awards."""
    ids = {s.nominee.proposal_id for s in suggestion_list if s.is_proposed}
    if not ids:
        return set()
    nominee_model = AwardSuggestion._meta.get_field("nominee").related_model
    proposal_model = nominee_model._meta.get_field("proposal").related_model
    return set(
        restrict(proposal_model.objects.filter(pk__in=ids), user).values_list("pk", flat=True)
    )


@require_GET
@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scoring_round = selectors.round_get(user=request.user, pk=pk)
    context = selectors.round_page(user=request.user, scoring_round=scoring_round)
    context["conference"] = getattr(scoring_round, "conference", None)
    if (
        context["reviewer"]
        and scoring_round.is_finalised
        and scoring_round.kind == ScoringRound.Kind.YEAR_END
    ):
        context["conference_form"] = _conference_form(request, scoring_round)
    context["by_leader"] = suggestions.by_leader(scoring_round)
    context["proposals_seen"] = _proposals_seen(request.user, context["suggestions"])
    for suggestion in context["suggestions"]:
        suggestion.round = scoring_round
        suggestion.actions = SUGGESTION_WORKFLOW.available(suggestion, request.user)
        suggestion.can_propose = (
            suggestion.status == AwardSuggestion.Status.ACCEPTED
            and not suggestion.is_proposed
            and suggestions.can_propose(request.user, suggestion)
        )
    return render(
        request,
        "campaigns/scoring/round_detail.html",
        {
            **context,
            "round": scoring_round,
            "actions": ROUND_WORKFLOW.available(scoring_round, request.user),
        },
    )


@require_POST
@login_required
def round_transition(request: HttpRequest, pk: int) -> HttpResponse:
    scoring_round = selectors.round_get(user=request.user, pk=pk)
    form = DecideForm(request.POST)
    if (
        form.is_valid()
        and form.cleaned_data["transition"] == "finalise"
        and not form.cleaned_data["confirm"]
    ):
        messages.error(
            request,
            _(
                "Chốt kết quả không thể hoàn tác: hãy đánh dấu ô xác nhận rồi bấm "
                "“Chốt kết quả” lần nữa."
            ),
        )
    elif form.is_valid():
        try:
            with transaction.atomic():
                rounds.round_transition(
                    by=request.user,
                    scoring_round=scoring_round,
                    name=form.cleaned_data["transition"],
                    comment=form.cleaned_data["comment"],
                )
        except ValidationError as error:
            report(request, error)
        else:
            messages.success(
                request,
                _("Đợt chấm điểm: %(state)s.")
                % {"state": scoring_round.get_status_display().lower()},
            )
    else:
        messages.error(request, _("Thao tác không hợp lệ."))
    return redirect("campaigns:scoring_round", pk=scoring_round.pk)


@require_GET
@login_required
def round_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The mid-year or year-end review of the grouping, laid out for printing."""
    scoring_round = selectors.round_get(user=request.user, pk=pk)
    context = selectors.round_page(user=request.user, scoring_round=scoring_round)
    today = timezone.localdate()
    leader = context.get("leader_unit")
    place = leader.province.name if leader is not None and leader.province_id else "Hà Nội"
    masthead = {"issuer": scoring_round.cluster_name, "place_date": place_date(place, today)}
    context["conference"] = getattr(scoring_round, "conference", None)
    return render(
        request,
        "campaigns/scoring/review.html",
        {**context, "round": scoring_round, "today": today, "masthead": masthead},
    )


def _conference_form(request, scoring_round, data=None):
    conference = getattr(scoring_round, "conference", None) if scoring_round.pk else None
    initial = {}
    if conference is not None:
        initial = {
            name: getattr(conference, name)
            for name in ("held_on", "place", "minutes", "present", "votes_for", "votes_against")
        }
        initial["acclaimed"] = conference.acclaimed_id
    return ConferenceForm(
        data,
        initial=initial,
        suggestions=AwardSuggestion.objects.filter(round=scoring_round)
        .exclude(status=AwardSuggestion.Status.DROPPED)
        .select_related("unit", "award"),
    )


@require_POST
@login_required
def conference(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the year-end conference: date, place, minutes, the acclaiming vote."""
    scoring_round = selectors.round_get(user=request.user, pk=pk)
    form = _conference_form(request, scoring_round, request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                rounds.conference_record(
                    by=request.user, scoring_round=scoring_round, **form.cleaned_data
                )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã ghi hội nghị tổng kết."))
            return redirect("campaigns:scoring_round", pk=scoring_round.pk)
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect("campaigns:scoring_round", pk=scoring_round.pk)


@require_GET
@login_required
def round_review_excel(request: HttpRequest, pk: int) -> HttpResponse:
    """The review as an Excel workbook (every unit × every item, as the user may see it)."""
    scoring_round = selectors.round_get(user=request.user, pk=pk)
    response = HttpResponse(
        excel.review_workbook(user=request.user, scoring_round=scoring_round),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"ket-qua-cham-diem-{scoring_round.year}-{scoring_round.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


REVIEW_PDF_CSS = ("css/official.css", "css/scoring_pdf.css")


@require_GET
@login_required
def round_review_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The review's result as an official document (PDF): number, place and date, every
    unit × every item with group subtotals, total, rank with ties, grade, the suggestions
    with ties and drops, the conference, the signature. Shows what the user may see."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - WeasyPrint loads only for a PDF

    scoring_round = selectors.round_get(user=request.user, pk=pk)
    table = review.review_table(user=request.user, scoring_round=scoring_round)
    leader = table.page["leader_unit"]
    place = leader.province.name if leader is not None and leader.province_id else "Hà Nội"
    columns = [
        {"item": node.item, "label": review.column_label(node.item), "top": review.column_top(node)}
        for node in table.nodes
    ]
    context = {
        "round": scoring_round,
        "page": table.page,
        "table": table,
        "columns": columns,
        "conference": getattr(scoring_round, "conference", None),
        "masthead": {
            "issuer": scoring_round.cluster_name,
            "number": "      /BC-KTĐ",
            "place_date": place_date(place, timezone.localdate()),
        },
        "sign": {
            "lines": ["ĐƠN VỊ TRƯỞNG KHỐI", leader.name.upper() if leader else ""],
            "note": "(Ký, ghi rõ họ tên, đóng dấu)",
            "recipients": ("Các đơn vị thành viên", "Lưu: VT"),
        },
    }
    html = render_to_string("campaigns/scoring/review_pdf.html", context, request=request)
    stylesheets = [CSS(filename=finders.find(name)) for name in REVIEW_PDF_CSS]
    response = HttpResponse(
        HTML(string=html).write_pdf(stylesheets=stylesheets), content_type="application/pdf"
    )
    name = f"ket-qua-cham-diem-{scoring_round.year}-{scoring_round.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
@login_required
def trend(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_visible_or_404(Cluster.objects.all(), request.user, pk=pk)
    kind = filters(request, TrendFilterForm(request.GET)).get("kind") or (
        ScoringRound.Kind.YEAR_END
    )
    return render(
        request,
        "campaigns/scoring/trend.html",
        {
            **selectors.cluster_trend(cluster=cluster, kind=kind),
            "cluster": cluster,
            "kind": kind,
            "kinds": ScoringRound.Kind.choices,
        },
    )
