"""A unit's scorecard: its self-score form, the reviewer's page, transitions, evidence files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns.models import Scorecard
from campaigns.scoring import selectors
from campaigns.scoring.access import can_self_score, is_reviewer
from campaigns.scoring.forms import (
    DecideForm,
    ReviewForm,
    SelfScoreForm,
    place_item_errors,
)
from campaigns.scoring.rules import review_refusal, self_edit_refusal
from campaigns.scoring.services import rounds, scores, uploads
from campaigns.scoring.workflow import SCORECARD_WORKFLOW
from campaigns.views.common import back, forbidden
from thidua.core.views import report
from units.models import Unit

# --- Scorecards ----------------------------------------------------------------------------


def _round_and_unit(request, pk, unit_pk):
    """The round (scoped) and one of its units; any other unit is a 404."""
    scoring_round = selectors.round_get(user=request.user, pk=pk)
    members = rounds.round_members(scoring_round).values("unit_id")
    cards = Scorecard.objects.filter(round=scoring_round).values("unit_id")
    try:
        unit = Unit.objects.get(Q(pk__in=members) | Q(pk__in=cards), pk=unit_pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    return scoring_round, unit


def _card_url(scoring_round, unit, name="campaigns:scoring_scorecard") -> str:
    return reverse(name, kwargs={"pk": scoring_round.pk, "unit_pk": unit.pk})


@require_http_methods(["GET", "POST"])
@login_required
def scorecard(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """A unit's self-score: the form for its staff while it may change, else read-only."""
    scoring_round, unit = _round_and_unit(request, pk, unit_pk)
    page = selectors.scorecard_page(user=request.user, scoring_round=scoring_round, unit=unit)
    card = page["card"] or Scorecard(round=scoring_round, unit=unit)
    allowed = can_self_score(request.user, unit)
    refusal = self_edit_refusal(card) if allowed else ""
    if request.method == "POST" and not allowed:
        return forbidden(request, _("Bạn không có quyền chấm điểm cho %(unit)s.") % {"unit": unit})
    form = None
    if allowed and not refusal:
        form = SelfScoreForm(
            request.POST or None,
            request.FILES or None,
            items=[n.item for n in page["nodes"]],
            initial=_self_initial(page["nodes"]),
            scoring_round=scoring_round,
            unit=unit,
        )
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    scores.scorecard_save_self(
                        by=request.user,
                        scoring_round=scoring_round,
                        unit=unit,
                        rows=form.rows(),
                        submit="submit" in request.POST,
                    )
            except ValidationError as error:
                place_item_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Đã lưu và gửi phiếu tự chấm để thẩm định.")
                    if "submit" in request.POST
                    else _("Đã lưu điểm tự chấm."),
                )
                return redirect(_card_url(scoring_round, unit))
        if request.method == "POST":
            _hold_files(form, scoring_round, unit)
        for node in page["nodes"]:
            if node.item.is_scored:
                node.fields = form.bound(node.item)
                node.held_name = uploads.held_name(node.fields["held"].value() or "")
    elif request.method == "POST":
        messages.error(request, refusal)
        return redirect(_card_url(scoring_round, unit))
    return render(
        request,
        "campaigns/scoring/scorecard.html",
        {
            **page,
            "round": scoring_round,
            "unit": unit,
            "form": form,
            "refusal": refusal,
            "evidence_kinds": uploads.EVIDENCE_LABEL,
            "can_self_score": allowed,
            "reviewer": page["card"] is not None and is_reviewer(request.user, scoring_round, card),
            "actions": [
                t
                for t in (SCORECARD_WORKFLOW.available(card, request.user) if page["card"] else [])
                if not (form and t.name == "submit")
            ],
        },
    )


def _hold_files(form, scoring_round, unit) -> None:
    """The page came back with an error: keep each valid chosen file (the browser forgets
    it) so that the next save takes it without choosing it again."""
    data = form.data.copy()
    for item in form.items:
        chosen = form.files.get(f"file_{item.pk}")
        if chosen is None:
            continue
        try:
            data[f"held_{item.pk}"] = uploads.hold_evidence(
                chosen, scoring_round=scoring_round, unit=unit
            )
        except ValidationError:
            data[f"held_{item.pk}"] = ""  # refused: its error is on the page already
    form.data = data


def _self_initial(nodes) -> dict:
    initial = {}
    for node in nodes:
        entry, pk = node.entry, node.item.pk
        if entry is not None:
            initial[f"score_{pk}"] = entry.self_score
            initial[f"actual_{pk}"] = entry.actual
            initial[f"evidence_{pk}"] = entry.evidence
    return initial


@require_http_methods(["GET", "POST"])
@login_required
def scorecard_review(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """The reviewer's page: the self-scores with evidence, agreed score and comment each."""
    scoring_round, unit = _round_and_unit(request, pk, unit_pk)
    card = Scorecard.objects.filter(round=scoring_round, unit=unit).first()
    if card is None or not is_reviewer(request.user, scoring_round, card):
        return forbidden(
            request,
            _(
                "Chỉ lãnh đạo đơn vị Trưởng khối, tổ chấm điểm hoặc quản trị viên mới thẩm định "
                "được; đơn vị Trưởng khối không tự thẩm định phiếu của mình."
            ),
        )
    card.round = scoring_round
    page = selectors.scorecard_page(user=request.user, scoring_round=scoring_round, unit=unit)
    refusal = review_refusal(card)
    form = None
    if not refusal:
        form = ReviewForm(
            request.POST or None,
            items=[n.item for n in page["nodes"]],
            initial=_review_initial(page["nodes"]),
        )
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    scores.scorecard_save_review(
                        by=request.user,
                        scorecard=card,
                        rows=form.rows(),
                        finish="finish" in request.POST,
                    )
            except ValidationError as error:
                place_item_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Đã hoàn thành thẩm định phiếu của %(unit)s.") % {"unit": unit}
                    if "finish" in request.POST
                    else _("Đã lưu điểm thẩm định."),
                )
                return redirect(
                    _card_url(scoring_round, unit, "campaigns:scoring_scorecard_review")
                )
        for node in page["nodes"]:
            if node.item.is_scored:
                node.fields = form.bound(node.item)
    elif request.method == "POST":
        messages.error(request, refusal)
        return redirect(_card_url(scoring_round, unit, "campaigns:scoring_scorecard_review"))
    return render(
        request,
        "campaigns/scoring/scorecard_review.html",
        {
            **page,
            "round": scoring_round,
            "unit": unit,
            "form": form,
            "refusal": refusal,
            "actions": [
                t
                for t in SCORECARD_WORKFLOW.available(card, request.user)
                if not (form and t.name == "review")
            ],
        },
    )


def _review_initial(nodes) -> dict:
    initial = {}
    for node in nodes:
        entry, pk = node.entry, node.item.pk
        if entry is not None:
            initial[f"agreed_{pk}"] = entry.agreed
            initial[f"agreed_actual_{pk}"] = entry.agreed_actual
            initial[f"comment_{pk}"] = entry.comment
    return initial


@require_POST
@login_required
def scorecard_transition(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    scoring_round, unit = _round_and_unit(request, pk, unit_pk)
    default = _card_url(scoring_round, unit)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thao tác không hợp lệ."))
        return back(request, default)
    try:
        with transaction.atomic():
            card = scores.scorecard_for(scoring_round=scoring_round, unit=unit)
            card.round = scoring_round
            scores.scorecard_transition(
                by=request.user,
                scorecard=card,
                name=form.cleaned_data["transition"],
                comment=form.cleaned_data["comment"],
            )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request,
            _("Phiếu chấm của %(unit)s: %(state)s.")
            % {"unit": unit, "state": card.get_status_display().lower()},
        )
    return back(request, default)


@require_GET
@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    entry = selectors.entry_get(user=request.user, pk=pk)
    try:
        handle = entry.attachment.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=entry.attachment_name or None)
