"""Certificates: print a decision's certificates, the register, templates and blanks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.catalogue.models import Authority
from awards.certificates import excel, lists, selectors, services
from awards.certificates import jobs as print_jobs
from awards.certificates import render as printing
from awards.certificates.forms import (
    PLACEMENT_FIELDS,
    BackgroundForm,
    PlacementFormSet,
    PrintForm,
    TemplateForm,
)
from awards.certificates.models import CertificateTemplate
from awards.reports import cache as report_cache
from awards.reports import jobs as report_jobs
from thidua.core import changes
from thidua.core.ids import parse_id, parse_ids
from thidua.core.pagination import paginate


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _report(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Printing a decision's certificates -----------------------------------------------------


def _printable_decision(request, pk):
    decision = selectors.decision_for_user(user=request.user, pk=pk)
    if not services.can_print(request.user, decision):
        raise PermissionDenied(
            _("Chỉ quản trị viên và lãnh đạo đơn vị quản lý quyết định được in.")
        )
    return decision


@require_GET
@login_required
def decision_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _printable_decision(request, pk)
    lines = selectors.decision_lines(decision)
    context = {
        "decision": decision,
        "lines": lines,
        "printable": [line for line in lines if not line.refusal],
        "decision_refusal": services.decision_refusal(decision),
        "form": PrintForm(),
        "can_manage_templates": services.can_manage_templates(request.user),
    }
    key = request.GET.get("job", "")
    job = report_jobs.read(key) if report_cache.valid_key(key) else None
    if job is not None and job.kind == print_jobs.KIND and job.params["decision"] == decision.pk:
        context.update(job=report_jobs.refresh(job), cached=report_cache.lookup(key, "pdf"))
    return render(request, "certificates/decision.html", context)


@require_POST
@login_required
@transaction.non_atomic_requests
def decision_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF of the ticked recipients (all printable ones when none is ticked).

    Numbers are assigned in a short transaction; then a small print is rendered here, a large
    one by the worker (the page shows its progress and then the download).
    """
    with transaction.atomic():
        decision = _printable_decision(request, pk)
        form = PrintForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("certificates:decision", pk=pk)
        ticked = parse_ids(request.POST.getlist("conferment"))
        lines = selectors.decision_lines(decision, ticked or None)
        if not ticked:
            lines = [line for line in lines if not line.refusal]
        blank = form.cleaned_data["mode"] == "blank"
        conferments = [line.conferment for line in lines]
        if request.POST.get("confirm") != "1":
            # A first print shows a preview first; no register number is used before confirm.
            try:
                new = services.certificates_preview(
                    decision=decision,
                    conferments=conferments,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _report(request, error)
                return redirect("certificates:decision", pk=pk)
            if new:
                ids = [c.pk for c in conferments]
                if request.POST.get("preview") == "pdf":
                    pdf = print_jobs.preview_pdf(decision, ids, blank=blank)
                    return _pdf(pdf, f"xem-truoc-{print_jobs.filename(decision)}")
                context = {
                    "decision": decision,
                    "lines": lines,
                    "new": new,
                    "mode": form.cleaned_data["mode"],
                    "reason": form.cleaned_data["reason"],
                }
                return render(request, "certificates/print_preview.html", context)
        try:
            services.certificates_print(
                decision=decision,
                conferments=[line.conferment for line in lines],
                by=request.user,
                reason=form.cleaned_data["reason"],
                on_blank=blank,
            )
        except ValidationError as error:
            _report(request, error)
            return redirect("certificates:decision", pk=pk)
    ids = [line.conferment.pk for line in lines]
    if len(ids) <= print_jobs.inline_max():
        pdf = print_jobs.print_pdf(decision, ids, blank=blank)
        return _pdf(pdf, print_jobs.filename(decision))
    job = print_jobs.start(decision=decision, conferment_ids=ids, blank=blank)
    messages.info(
        request,
        _("Đã cấp số vào sổ cho %(n)s bằng; tệp PDF đang được tạo trong nền.") % {"n": len(ids)},
    )
    return redirect(f"{reverse('certificates:decision', args=[pk])}?job={job.key}#print-job")


def _print_job(request, key: str):
    """A print job of a decision the user may print, and that decision; 404 otherwise."""
    job = report_jobs.read(key)
    if job is None or job.kind != print_jobs.KIND:
        raise Http404
    return report_jobs.refresh(job), _printable_decision(request, job.params["decision"])


@require_GET
@login_required
def print_job(request: HttpRequest, key: str) -> HttpResponse:
    """The job's status block (polled by htmx while the worker renders)."""
    job, decision = _print_job(request, key)
    context = {"job": job, "decision": decision, "cached": report_cache.lookup(key, "pdf")}
    return render(request, "certificates/_job.html", context)


@require_GET
@login_required
def print_download(request: HttpRequest, key: str) -> FileResponse:
    _job, _decision = _print_job(request, key)
    cached = report_cache.lookup(key, "pdf")
    if cached is None:
        raise Http404
    return FileResponse(
        cached.open(), as_attachment=True, filename=cached.filename, content_type="application/pdf"
    )


# --- The register ---------------------------------------------------------------------------


def _register_rows(request):
    return selectors.register(
        user=request.user,
        authority_id=parse_id(request.GET.get("authority")),
        year=parse_id(request.GET.get("year")),
    )


@require_GET
@login_required
def register(request: HttpRequest) -> HttpResponse:
    context = {
        "authorities": Authority.objects.order_by("order", "name"),
        "year": request.GET.get("year", ""),
        "authority": request.GET.get("authority", ""),
        "can_manage_templates": services.can_manage_templates(request.user),
        **paginate(request, _register_rows(request)),
    }
    return render(request, "certificates/register.html", context)


@require_GET
@login_required
def register_export(request: HttpRequest) -> HttpResponse:
    content = excel.register_workbook(_register_rows(request))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="so-theo-doi-cap-bang.xlsx"'
    return response


# --- Templates ------------------------------------------------------------------------------


def _require_admin(request) -> None:
    if not services.can_manage_templates(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên được quản lý mẫu bằng."))


def _template(request, pk) -> CertificateTemplate:
    _require_admin(request)
    return get_object_or_404(CertificateTemplate.objects.select_related("award"), pk=pk)


@require_GET
@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    rows = CertificateTemplate.objects.select_related("award").order_by("kind", "award__name", "pk")
    return render(request, "certificates/templates.html", {"templates": rows})


@require_http_methods(["GET", "POST"])
@login_required
def template_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    return _template_form(request, CertificateTemplate())


@require_http_methods(["GET", "POST"])
@login_required
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _template_form(request, _template(request, pk))


def _template_form(request, template: CertificateTemplate) -> HttpResponse:
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.template_save(template=template, by=request.user, data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu mẫu %(t)s.") % {"t": template})
            return redirect("certificates:template_edit", pk=template.pk)
    context = {
        "template": template,
        "form": form,
        "fields": printing.fields_legend(),
        "background_form": BackgroundForm(),
        "changes": (
            changes.timeline(CertificateTemplate.history.filter(id=template.pk))
            if template.pk
            else []
        ),
    }
    return render(request, "certificates/template_form.html", context)


@require_POST
@login_required
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    try:
        services.template_delete(template=template, by=request.user)
    except ValidationError as error:
        _report(request, error)
        return redirect("certificates:template_edit", pk=pk)
    messages.success(
        request,
        _("Đã xóa mẫu riêng; %(award)s in theo mẫu mặc định.") % {"award": template.award},
    )
    return redirect("certificates:templates")


@require_http_methods(["GET", "POST"])
@login_required
def template_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The live preview (htmx): the posted wording, unsaved, on the issue's example."""
    template = _template(request, pk)
    form = TemplateForm(request.POST or None, instance=template)
    errors = []
    if request.method == "POST" and not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        template = CertificateTemplate.objects.get(pk=template.pk)
    page = printing.page_html(template, printing.sample_values(), printing.background_uri(template))
    return render(request, "certificates/_preview.html", {"page": page, "errors": errors})


@require_GET
@login_required
def template_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A sample certificate as PDF: full (with the blank's scan if ``?background=1``), or
    only the variable text placed for the blank (``?blank=1``)."""
    template = _template(request, pk)
    blank = request.GET.get("blank") == "1"
    background = printing.background_uri(template) if request.GET.get("background") else ""
    html = printing.certificates_html(
        [(template, printing.sample_values())], blank=blank, background=background
    )
    return _pdf(printing.render_pdf(html), f"mau-bang-{template.pk}.pdf")


@require_GET
@login_required
def template_calibration(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    pdf = printing.render_pdf(printing.calibration_html(template))
    return _pdf(pdf, f"can-chinh-{template.pk}.pdf")


@require_http_methods(["GET", "POST"])
@login_required
def template_placements(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    formset = PlacementFormSet(request.POST or None, instance=template)
    if request.method == "POST" and formset.is_valid():
        rows = [
            {name: f.cleaned_data[name] for name in PLACEMENT_FIELDS}
            for f in formset.forms
            if f.cleaned_data.get("field") and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.placements_save(template=template, by=request.user, rows=rows)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Đã lưu vị trí các trường trên phôi."))
            return redirect("certificates:template_placements", pk=pk)
    context = {"template": template, "formset": formset}
    return render(request, "certificates/placements.html", context)


@require_POST
@login_required
def template_background(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    form = BackgroundForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Chọn tệp ảnh quét phôi."))
    else:
        try:
            services.background_set(
                template=template, by=request.user, file=form.cleaned_data["background"]
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("Đã lưu ảnh phôi."))
    return redirect("certificates:template_edit", pk=pk)


# --- Lists in the same print style ----------------------------------------------------------


@require_GET
@login_required
def session_public_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The public-notice list of a council session's nominees (danh sách công khai)."""
    session = lists.session_for_user(user=request.user, pk=pk)
    pdf = lists.public_notice_pdf(session, timezone.localdate())
    return _pdf(pdf, f"danh-sach-cong-khai-{session.pk}.pdf")


@require_GET
@login_required
def session_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes of a council session (biên bản), with its tallies once it is closed."""
    session = lists.session_for_user(user=request.user, pk=pk)
    return _pdf(lists.minutes_pdf(session), f"bien-ban-{session.pk}.pdf")
