from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.guide import content
from thidua.guide.pages import BY_SLUG, PAGES
from thidua.guide.services import tour_dismiss
from thidua.guide.tour import acting_roles, steps_for


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Every help page, the search over them and, for a signed-in user, the steps of their
    roles' tour. Open to anyone: people who cannot sign in need help too."""
    query = request.GET.get("q", "")[: content.QUERY_MAX]
    roles = acting_roles(request.user) if request.user.is_authenticated else []
    return render(
        request,
        "guide/index.html",
        {
            "pages": PAGES,
            "query": query,
            "hits": content.search(query) if query.strip() else None,
            "steps": steps_for(roles),
        },
    )


@require_GET
def page(request: HttpRequest, slug: str) -> HttpResponse:
    """One help page: what the step is, who does it, what comes next, its legal basis."""
    if slug not in BY_SLUG:
        raise Http404
    position = PAGES.index(BY_SLUG[slug])
    return render(
        request,
        "guide/page.html",
        {
            "page": BY_SLUG[slug],
            "body": content.render(slug),
            "previous": PAGES[position - 1] if position else None,
            "next": PAGES[position + 1] if position + 1 < len(PAGES) else None,
        },
    )


@require_POST
@login_required
def tour_dismiss_view(request: HttpRequest) -> HttpResponse:
    """ "Đã hiểu, ẩn giới thiệu": the home page's tour stays hidden for this user."""
    tour_dismiss(by=request.user)
    messages.info(request, _("Đã ẩn phần giới thiệu. Xem lại bất cứ lúc nào ở mục Hướng dẫn."))
    return redirect("home")
