"""Read-only pages of the award catalogue and the legal registry, for any signed-in user."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.catalogue import selectors
from awards.catalogue.models import AwardRule
from thidua.core import changes
from thidua.core.pagination import paginate

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


def _reference_day(request: HttpRequest) -> tuple[datetime.date, str]:
    """The ``?on=`` date (dd/mm/yyyy) or today, and the normalised value to pass on in links.

    A bad date is not an error page: it warns and falls back to today.
    """
    today = timezone.localdate()
    raw = request.GET.get("on", "").strip()
    if not raw:
        return today, ""
    for fmt in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        return day, day.strftime("%d/%m/%Y")
    messages.warning(
        request,
        _("Ngày “%(value)s” không hợp lệ (định dạng dd/mm/yyyy); đang hiển thị theo ngày hôm nay.")
        % {"value": raw[:30]},
    )
    return today, ""


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    day, on = _reference_day(request)
    context = {
        "groups": selectors.award_catalogue(day=day),
        "day": day,
        "on": on,
        "is_today": day == timezone.localdate(),
    }
    return render(request, "catalogue/catalogue.html", context)


@login_required
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    day, on = _reference_day(request)
    award = selectors.award_with_rules(pk=pk, day=day)
    context = {
        "award": award,
        "day": day,
        "on": on,
        "is_today": day == timezone.localdate(),
        # Field edits of the rule versions, "before → after".
        "changes": changes.timeline(AwardRule.history.filter(award_id=award.pk)),
    }
    return render(request, "catalogue/award_detail.html", context)


@login_required
def legal_documents(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = paginate(request, selectors.legal_document_list())
    for document in context["page_obj"]:
        document.in_force = document.in_force_on(today)
        document.upcoming = document.effective_from > today
    return render(request, "catalogue/legal_documents.html", {**context, "today": today})
