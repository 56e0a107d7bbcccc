"""Deciding a year-end round's award suggestion: accept (and, when the actor may propose for
the unit, add it to a draft proposal), drop or restore it, or propose an accepted one.

Served under /campaigns/scoring/ in the campaigns namespace, where it always was
(``awards.urls.campaigns_urlpatterns``); it lives in awards because it writes a proposal.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import services
from campaigns.models import AwardSuggestion
from campaigns.scoring import selectors
from campaigns.scoring.forms import DecideForm
from thidua.core.views import report


@require_POST
@login_required
def suggestion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    rounds_seen = selectors.round_queryset(request.user).values("pk")
    queryset = AwardSuggestion.objects.select_related(
        "round__cluster", "round__sheet", "unit", "award__authority"
    )
    try:
        suggestion = queryset.get(Q(round__in=rounds_seen), pk=pk)
    except (AwardSuggestion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("campaigns:scoring_round", pk=suggestion.round_id)
    name = form.cleaned_data["transition"]
    try:
        with transaction.atomic():
            if name == "propose":
                services.suggestion_to_proposal(by=request.user, suggestion=suggestion)
            else:
                services.suggestion_decide(
                    by=request.user,
                    suggestion=suggestion,
                    name=name,
                    comment=form.cleaned_data["comment"],
                )
    except ValidationError as error:
        report(request, error)
    else:
        if suggestion.is_proposed:
            messages.success(
                request,
                _("%(unit)s đã được đưa vào đề nghị khen thưởng (dự thảo): %(award)s.")
                % {"unit": suggestion.unit, "award": suggestion.award},
            )
        else:
            messages.success(
                request,
                _("Đề xuất %(award)s cho %(unit)s: %(state)s.")
                % {
                    "award": suggestion.award,
                    "unit": suggestion.unit,
                    "state": suggestion.get_status_display().lower(),
                },
            )
    return redirect("campaigns:scoring_round", pk=suggestion.round_id)
