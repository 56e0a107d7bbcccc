"""Drafted documents: a proposal's tờ trình and dự thảo quyết định (PDF, .docx), and the
templates they are worded from (admins), edited and previewed like certificate templates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards import selectors as award_selectors
from awards.certificates import drafts, services, word
from awards.certificates.fields import DOCUMENT_FIELDS
from awards.certificates.forms import DocumentTemplateForm
from awards.certificates.models import DocumentTemplate
from awards.models import Proposal
from thidua.core import changes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- A proposal's documents -----------------------------------------------------------------


def _submission(request, pk) -> drafts.Draft:
    proposal = award_selectors.proposal_get(user=request.user, pk=pk)
    return drafts.draft(proposal, drafts.SUBMISSION)


def _decision_draft(request, pk) -> drafts.Draft:
    proposal = award_selectors.proposal_get(user=request.user, pk=pk)
    if proposal.status not in Proposal.VOTED_STATES:
        raise PermissionDenied(_("Dự thảo quyết định có sau khi Hội đồng bỏ phiếu."))
    if not services.can_draft_decision(request.user, proposal):
        raise PermissionDenied(
            _("Chỉ Văn phòng TĐKT (quản trị viên) và lãnh đạo cơ quan xét lập dự thảo quyết định.")
        )
    return drafts.draft(proposal, drafts.DECISION)


def _file(made: drafts.Draft, extension: str) -> HttpResponse:
    document = drafts.filled(made)
    if extension == "pdf":
        response = HttpResponse(drafts.pdf(document), content_type="application/pdf")
        disposition = "inline"
    else:
        response = HttpResponse(word.build(document), content_type=DOCX)
        disposition = "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{drafts.filename(made, extension)}"'
    )
    return response


@require_GET
@login_required
def submission_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _file(_submission(request, pk), "pdf")


@require_GET
@login_required
def submission_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _file(_submission(request, pk), "docx")


@require_GET
@login_required
def decision_draft_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _file(_decision_draft(request, pk), "pdf")


@require_GET
@login_required
def decision_draft_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _file(_decision_draft(request, pk), "docx")


# --- Templates ------------------------------------------------------------------------------


def _require_admin(request) -> None:
    if not services.can_manage_templates(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên được quản lý mẫu văn bản."))


def _template(request, pk) -> DocumentTemplate:
    _require_admin(request)
    return get_object_or_404(DocumentTemplate.objects.select_related("authority"), pk=pk)


@require_GET
@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    rows = DocumentTemplate.objects.select_related("authority").order_by(
        "document", "authority__order", "authority__name", "award_kind", "pk"
    )
    return render(request, "certificates/document_templates.html", {"templates": rows})


@require_http_methods(["GET", "POST"])
@login_required
def template_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    document = request.GET.get("document")
    if document not in DocumentTemplate.Document.values:
        document = DocumentTemplate.Document.SUBMISSION
    stock = services.document_template_for(document=document, authority=None, award_kind="")
    initial = {name: getattr(stock, name) for name in DocumentTemplate.WORDING}
    return _template_form(request, DocumentTemplate(document=document, **initial))


@require_http_methods(["GET", "POST"])
@login_required
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _template_form(request, _template(request, pk))


def _template_form(request, template: DocumentTemplate) -> HttpResponse:
    form = DocumentTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.document_template_save(template=template, by=request.user, data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu mẫu %(t)s.") % {"t": template})
            return redirect("certificates:document_template_edit", pk=template.pk)
    context = {
        "template": template,
        "form": form,
        "fields": [(name, str(label)) for name, label in DOCUMENT_FIELDS.items()],
        "changes": (
            changes.timeline(DocumentTemplate.history.filter(id=template.pk)) if template.pk else []
        ),
    }
    return render(request, "certificates/document_template_form.html", context)


@require_POST
@login_required
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template(request, pk)
    try:
        services.document_template_delete(template=template, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("certificates:document_template_edit", pk=pk)
    messages.success(request, _("Đã xóa mẫu %(t)s.") % {"t": template})
    return redirect("certificates:document_templates")


def _sample(template: DocumentTemplate) -> drafts.Filled:
    values, rows = drafts.sample(template.document)
    return drafts.fill(template, values, rows)


@require_http_methods(["GET", "POST"])
@login_required
def template_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The live preview (htmx): the posted wording, unsaved, on an example proposal."""
    template = _template(request, pk)
    form = DocumentTemplateForm(request.POST or None, instance=template)
    errors = []
    if request.method == "POST" and not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        template = DocumentTemplate.objects.get(pk=template.pk)
    page = drafts.preview_html(_sample(template))
    return render(request, "certificates/_document_preview.html", {"page": page, "errors": errors})


@require_GET
@login_required
def template_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The saved template on the example proposal, as PDF."""
    template = _template(request, pk)
    response = HttpResponse(drafts.pdf(_sample(template)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mau-van-ban-{template.pk}.pdf"'
    return response
