"""A grouping's pledge: list, write, sign, print (HTML and PDF)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns import selectors, services
from campaigns.forms import PledgeForm, PledgeSignForm, attach_errors
from campaigns.models import Campaign, Pledge
from campaigns.scope import led_memberships
from campaigns.services.pledges import FIELDS as PLEDGE_FIELDS
from campaigns.views.common import filters, forbidden
from thidua.core.documents import date_words
from thidua.core.forms import YearForm
from thidua.core.pagination import paginate
from thidua.core.views import report
from units.access import is_admin, restrict
from units.models import Cluster

NOT_LEADER = gettext_lazy(
    "Chỉ quản trị viên hoặc lãnh đạo đơn vị Trưởng khối/cụm thi đua mới soạn được giao ước."
)


def _led_clusters(user):
    """Groupings whose pledge the user may write (this year and next)."""
    if is_admin(user):
        return Cluster.objects.filter(is_active=True)
    year = timezone.localdate().year
    ids = {m.cluster_id for m in led_memberships(user, [year, year + 1])}
    return Cluster.objects.filter(pk__in=ids)


@require_GET
@login_required
def pledge_list(request: HttpRequest) -> HttpResponse:
    year = filters(request, YearForm(request.GET)).get("year")
    pledges = selectors.pledge_list(user=request.user, year=year)
    return render(
        request,
        "campaigns/pledge_list.html",
        {
            **paginate(request, pledges),
            "year": year,
            "can_create": _led_clusters(request.user).exists(),
        },
    )


def _form(request, pledge: Pledge | None):
    initial = {"year": timezone.localdate().year}
    if pledge is not None:
        initial = {name: getattr(pledge, name) for name in PLEDGE_FIELDS}
    return PledgeForm(
        request.POST or None,
        initial=initial,
        clusters=_led_clusters(request.user),
        campaigns=restrict(Campaign.objects.all(), request.user).order_by("-start_date", "name"),
        editing=pledge is not None,
    )


@require_http_methods(["GET", "POST"])
@login_required
def pledge_create(request: HttpRequest) -> HttpResponse:
    if not is_admin(request.user) and not _led_clusters(request.user).exists():
        return forbidden(request, NOT_LEADER)
    form = _form(request, None)
    if request.method == "POST" and form.is_valid():
        try:
            pledge = services.pledge_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã tạo giao ước thi đua."))
            return redirect("campaigns:pledge", pk=pledge.pk)
    return render(request, "campaigns/pledge_form.html", {"form": form, "pledge": None})


@require_http_methods(["GET", "POST"])
@login_required
def pledge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = selectors.pledge_get(user=request.user, pk=pk)
    if not services.can_edit_pledge(request.user, pledge.cluster, pledge.year):
        return forbidden(request, NOT_LEADER)
    if pledge.signatures.exists():
        messages.error(request, _("Giao ước đã có đơn vị ký nên không sửa được nội dung."))
        return redirect("campaigns:pledge", pk=pledge.pk)
    form = _form(request, pledge)
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_update(by=request.user, pledge=pledge, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã lưu giao ước."))
            return redirect("campaigns:pledge", pk=pledge.pk)
    return render(request, "campaigns/pledge_form.html", {"form": form, "pledge": pledge})


@require_GET
@login_required
def pledge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = selectors.pledge_get(user=request.user, pk=pk)
    context = selectors.pledge_detail(user=request.user, pledge=pledge)
    sign_form = None
    if context["signable"]:
        sign_form = PledgeSignForm(units=context["signable"])
    return render(
        request,
        "campaigns/pledge_detail.html",
        {
            **context,
            "pledge": pledge,
            "sign_form": sign_form,
            "is_admin": is_admin(request.user),
            "can_edit": services.can_edit_pledge(request.user, pledge.cluster, pledge.year)
            and not context["signed_count"],
        },
    )


@require_POST
@login_required
def pledge_sign(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = selectors.pledge_get(user=request.user, pk=pk)
    context = selectors.pledge_detail(user=request.user, pledge=pledge)
    form = PledgeSignForm(request.POST, units=context["signable"])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("campaigns:pledge", pk=pledge.pk)
    unit = next(u for u in context["signable"] if u.pk == form.cleaned_data["unit"])
    try:
        services.pledge_sign(
            by=request.user,
            pledge=pledge,
            unit=unit,
            signer_name=form.cleaned_data["signer_name"],
            signer_position=form.cleaned_data["signer_position"],
            signed_on=form.cleaned_data["signed_on"],
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("%(unit)s đã ký giao ước.") % {"unit": unit})
    return redirect("campaigns:pledge", pk=pledge.pk)


def _document(request: HttpRequest, pk: int, *, pdf: bool) -> tuple[Pledge, str]:
    pledge = selectors.pledge_get(user=request.user, pk=pk)
    context = selectors.pledge_detail(user=request.user, pledge=pledge)
    context.update(pledge=pledge, pdf=pdf, masthead=_masthead(pledge))
    html = render_to_string("campaigns/pledge_print.html", context, request=request)
    return pledge, html


def _masthead(pledge: Pledge) -> dict:
    """The grouping heads the pledge; its place and date, dotted while it is unsigned."""
    day = pledge.signing_date
    dated = date_words(day) if day else f"ngày … tháng … năm {pledge.year}"
    if pledge.place:
        dated = f"{pledge.place}, {dated}"
    return {"issuer": pledge.cluster.name, "place_date": dated}


@require_GET
@login_required
def pledge_print(request: HttpRequest, pk: int) -> HttpResponse:
    _pledge, html = _document(request, pk, pdf=False)
    return HttpResponse(html)


@require_GET
@login_required
def pledge_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The print view through WeasyPrint; the stylesheet is read from disk, not fetched."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - WeasyPrint loads only for a PDF

    pledge, html = _document(request, pk, pdf=True)
    stylesheets = [CSS(filename=finders.find(f"css/{n}.css")) for n in ("official", "campaigns")]
    pdf = HTML(string=html).write_pdf(stylesheets=stylesheets)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"giao-uoc-{pledge.cluster_id}-{pledge.year}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
