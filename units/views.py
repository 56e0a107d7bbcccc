"""Browse and search the organisation: units, people and emulation groupings.

Each view parses the query string (bad values become a message and their default), asks a
selector, and renders. Objects outside the user's scope are 404 through the selectors.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from thidua.core.forms import AttachmentForm, YearForm, read_filters
from thidua.core.pagination import paginate
from thidua.core.sorting import Column, Nullable, read_sort
from thidua.core.views import (
    AttachmentPanel,
    as_get,
    attachment_get_or_404,
    attachment_panel,
    attachment_remove_response,
    attachment_response,
)
from units import selectors, services
from units.access import get_visible_or_404
from units.forms import ClusterFilterForm, PeopleFilterForm, SearchForm, TreeFilterForm
from units.models import Cluster


def _filters(request: HttpRequest, form) -> dict:
    values, problems = read_filters(form)
    for problem in problems:
        messages.warning(request, problem)
    return values


@require_GET
@login_required
def unit_tree(request: HttpRequest) -> HttpResponse:
    form = TreeFilterForm(request.GET)
    filters = _filters(request, form)
    today = timezone.localdate()
    on = filters.get("on", today)
    root = None
    if "root" in filters:
        root = selectors.unit_get(user=request.user, pk=filters["root"])
    tree = selectors.unit_tree(user=request.user, on=on, root=root)
    return render(
        request,
        "units/tree.html",
        {
            "form": form,
            "tree": tree,
            "on": on,
            "is_today": on == today,
            "root": root,
            "root_valid": root is None or root.is_valid_on(on),
            "restructuring_days": selectors.restructuring_days(),
        },
    )


@require_GET
@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = selectors.unit_detail(user=request.user, pk=pk)
    return render(request, "units/unit_detail.html", context)


PEOPLE_COLUMNS = {
    "name": Column(gettext_lazy("Họ và tên"), "search_key"),
    "gender": Column(gettext_lazy("Giới tính"), "gender"),
    "position": Column(gettext_lazy("Chức vụ"), "position"),
    "unit": Column(gettext_lazy("Đơn vị"), Nullable("unit__name")),
}


@require_GET
@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET)
    filters = _filters(request, form)
    unit = None
    if "unit" in filters:
        unit = selectors.unit_get(user=request.user, pk=filters["unit"])
    include_subunits = filters.get("sub", True)
    sort = read_sort(request, PEOPLE_COLUMNS, default="name")
    for problem in sort.problems:
        messages.warning(request, problem)
    people = selectors.person_list(
        user=request.user,
        unit=unit,
        include_subunits=include_subunits,
        query=filters.get("q", ""),
        unit_name=filters.get("unit_name", ""),
    )
    return render(
        request,
        "units/person_list.html",
        {
            "form": form,
            "unit": unit,
            "include_subunits": include_subunits,
            "q": filters.get("q", ""),
            "unit_name": filters.get("unit_name", ""),
            "sort": sort,
            **paginate(request, sort.apply(people)),
        },
    )


@require_GET
@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = selectors.person_detail(user=request.user, pk=pk)
    return render(request, "units/person_detail.html", context)


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = _filters(request, SearchForm(request.GET)).get("q", "").strip()
    results = selectors.search(user=request.user, query=query)
    return render(
        request,
        "units/search.html",
        {
            "q": query,
            "results": results,
            "too_short": len(results.key) < selectors.MIN_QUERY_LENGTH,
            "min_length": selectors.MIN_QUERY_LENGTH,
            "limit": selectors.SEARCH_LIMIT,
        },
    )


@require_GET
@login_required
def cluster_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request, ClusterFilterForm(request.GET))
    year = filters.get("year", timezone.localdate().year)
    kind = filters.get("kind", "")
    context = paginate(request, selectors.cluster_list(user=request.user, year=year, kind=kind))
    selectors.cluster_leaders(user=request.user, clusters=list(context["page_obj"]), year=year)
    return render(
        request,
        "units/cluster_list.html",
        {**context, "year": year, "kind": kind, "kinds": Cluster.Kind.choices},
    )


@require_GET
@login_required
def cluster_detail(
    request: HttpRequest, pk: int, attachment_form=None, year: int | None = None
) -> HttpResponse:
    if year is None:
        filters = _filters(request, YearForm(request.GET))
        year = filters.get("year", timezone.localdate().year)
    context = selectors.cluster_detail(user=request.user, pk=pk, year=year)
    papers = _cluster_papers(request.user, context["cluster"], year, attachment_form)
    return render(request, "units/cluster_detail.html", {**context, "year": year, "papers": papers})


# A grouping's papers of a year (its signed pledge, its conference's minutes): on its page of
# that year, kept by who writes its pledge (``services.can_keep_cluster_papers``).
PAPERS_URL = "units:cluster_attachment"


def _cluster_papers(user, cluster: Cluster, year: int, form=None) -> AttachmentPanel:
    keeps = services.can_keep_cluster_papers(user, cluster, year)
    return attachment_panel(
        holder=cluster,
        kinds=Cluster.Paper,
        url_name=PAPERS_URL,
        may_upload=keeps,
        may_remove=lambda _attachment: keeps,
        year=year,
        form=form,
        history=True,
    )


def _cluster(request: HttpRequest, pk: int) -> Cluster:
    return get_visible_or_404(Cluster.objects.all(), request.user, pk=pk)


def _to_cluster_page(pk: int, year) -> HttpResponse:
    return redirect(f"{reverse('units:cluster', args=[pk])}?year={year}")


@require_POST
@login_required
def cluster_attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = _cluster(request, pk)
    form = AttachmentForm(request.POST, request.FILES, kinds=Cluster.Paper, yearly=True)
    if form.is_valid():
        try:
            services.cluster_attachment_add(cluster=cluster, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tải lên tài liệu."))
            return _to_cluster_page(pk, form.cleaned_data["year"])
    messages.error(request, _("Chưa tải lên được tài liệu; xem lỗi trong biểu mẫu."))
    return cluster_detail(as_get(request), pk, attachment_form=form, year=_posted_year(form))


def _posted_year(form: AttachmentForm) -> int | None:
    """The page's year the form was sent from, when it is one (else this year's page)."""
    return form.cleaned_data.get("year") or None


@require_GET
@login_required
def cluster_attachment(request: HttpRequest, pk: int, file: int) -> FileResponse:
    cluster = _cluster(request, pk)
    return attachment_response(attachment_get_or_404(cluster, file))


@require_POST
@login_required
def cluster_attachment_remove(request: HttpRequest, pk: int, file: int) -> HttpResponse:
    cluster = _cluster(request, pk)
    return attachment_remove_response(
        request,
        cluster,
        file,
        remove=lambda paper: services.cluster_attachment_remove(
            cluster=cluster, attachment=paper, by=request.user
        ),
        back=lambda paper: _to_cluster_page(pk, paper.year),
    )
