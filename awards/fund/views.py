"""The award fund's pages: the funds a user may read, a year's ledger and its export.

Admins read every fund, open funds and record allocations; leaders read the funds of the
units they lead. A fund outside the user's units is a 404; the staff and council members
of its unit get 403 (they know the unit, not its books).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from awards import services
from awards.fund import selectors
from awards.fund.excel import ledger_workbook
from awards.fund.forms import AllocationForm, FundOpenForm
from awards.models import Fund, FundAllocation
from campaigns.resources import XLSX
from thidua.core import changes
from thidua.core.forms import YearForm, read_filters
from thidua.core.pagination import paginate
from units.access import is_admin


def _readable(request: HttpRequest, pk: int) -> Fund:
    fund = selectors.fund_get(user=request.user, pk=pk)
    if not selectors.may_read(fund, request.user):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị và quản trị viên xem sổ quỹ."))
    return fund


def _require_admin(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên mới mở sổ quỹ và nhập khoản cấp quỹ."))


def _year(request: HttpRequest) -> int:
    values, problems = read_filters(YearForm(request.GET))
    for problem in problems:
        messages.warning(request, problem)
    return values.get("year") or timezone.localdate().year


def _list_page(request: HttpRequest, form: FundOpenForm | None) -> HttpResponse:
    year = _year(request)
    rows = selectors.with_balance(selectors.fund_list(user=request.user), year)
    context = {"year": year, "form": form, **paginate(request, rows)}
    return render(request, "awards/fund/list.html", context)


@require_GET
@login_required
def fund_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request, FundOpenForm() if is_admin(request.user) else None)


@require_POST
@login_required
def fund_open(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form = FundOpenForm(request.POST)
    if form.is_valid():
        try:
            fund = services.fund_open(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("awards:fund_ledger", pk=fund.pk)
    return _list_page(request, form)


def _ledger_page(request: HttpRequest, fund: Fund, year: int, form) -> HttpResponse:
    ledger = selectors.fund_ledger(fund=fund, year=year)
    years = selectors.fund_years(fund)
    context = {
        "fund": fund,
        "ledger": ledger,
        "years": sorted({*years, year, timezone.localdate().year}, reverse=True),
        "form": form,
        **paginate(request, ledger.lines, per_page=100),
        # Corrections of allocations (the admin) are kept "before → after".
        "changes": changes.timeline(FundAllocation.history.filter(fund_id=fund.pk)),
    }
    return render(request, "awards/fund/ledger.html", context)


@require_GET
@login_required
def fund_ledger(request: HttpRequest, pk: int) -> HttpResponse:
    fund = _readable(request, pk)
    year = _year(request)
    form = AllocationForm(initial={"received_on": timezone.localdate()})
    return _ledger_page(request, fund, year, form if is_admin(request.user) else None)


@require_POST
@login_required
def fund_allocation_add(request: HttpRequest, pk: int) -> HttpResponse:
    fund = _readable(request, pk)
    _require_admin(request)
    form = AllocationForm(request.POST)
    if form.is_valid():
        try:
            allocation = services.fund_allocation_add(
                by=request.user, fund=fund, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã ghi khoản cấp quỹ %(amount)s.")
                % {"amount": services.money(allocation.amount)},
            )
            url = reverse("awards:fund_ledger", args=[fund.pk])
            return redirect(f"{url}?year={allocation.year}")
    year = form.cleaned_data["received_on"].year if "received_on" in form.cleaned_data else None
    return _ledger_page(request, fund, year or timezone.localdate().year, form)


@require_GET
@login_required
def fund_export(request: HttpRequest, pk: int) -> HttpResponse:
    fund = _readable(request, pk)
    year = _year(request)
    ledger = selectors.fund_ledger(fund=fund, year=year)
    response = HttpResponse(ledger_workbook(ledger), content_type=XLSX)
    filename = f"so-quy-thi-dua-khen-thuong-{fund.pk}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
