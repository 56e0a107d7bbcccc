"""The public list of awards (no login), and the admin's switch on a decision."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from awards.models import Decision
from awards.publication import selectors, services
from awards.publication.forms import PublicSearchForm
from units.access import get_visible_or_404


@require_GET
@transaction.non_atomic_requests  # read-only: no transaction, a cached page costs one query
def public_awards(request: HttpRequest) -> HttpResponse:
    """Who was awarded what, by which decision: for anyone, when the deployment turns it on."""
    if not settings.THIDUA_PUBLIC_LIST:
        raise Http404
    form = PublicSearchForm(request.GET)
    search = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = selectors.public_page(search=search, page=request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "search": search,
        "page_obj": page,
        "query_string": params.urlencode(),
    }
    return render(request, "awards/public/list.html", context)


@require_POST
@login_required
def decision_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Show (published=1) or stop showing (published=0) the decision on the public list."""
    decision = get_visible_or_404(Decision.objects.all(), request.user, pk=pk)
    published = request.POST.get("published") == "1"
    try:
        changed = services.decision_publish(decision=decision, by=request.user, published=published)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if changed and published:
            messages.success(request, _("Danh sách khen thưởng của quyết định đã được công khai."))
        elif changed:
            messages.success(request, _("Đã thôi công khai danh sách khen thưởng của quyết định."))
    return redirect("awards:decision_detail", pk=decision.pk)
