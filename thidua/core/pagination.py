from django.core.paginator import Paginator

PAGE_SIZE = 50


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> dict:
    """Context for ``core/pagination.html``: the page and the other GET parameters.

    A page number that is not a number or out of range gives the nearest valid page.
    """
    page_obj = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"page_obj": page_obj, "query_string": params.urlencode()}
