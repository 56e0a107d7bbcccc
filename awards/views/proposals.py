"""Proposal pages: list (and its Excel export), create, detail with nominees, dossier and
transitions."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards import selectors, services
from awards.forms import (
    AchievementForm,
    DossierForm,
    ForwardUpForm,
    NomineeForm,
    ProposalCreateForm,
    ProposalEditForm,
    ProposalFilterForm,
    ReasonForm,
)
from awards.models import DossierFile, Nominee, Proposal
from awards.resources import proposals_xlsx
from awards.services.verdicts import verdict_job
from awards.workflow import ACTION_LABELS, PROPOSAL_WORKFLOW
from campaigns.resources import XLSX
from thidua.core.forms import read_filters
from thidua.core.pagination import paginate
from thidua.core.sorting import Column, Sort, read_sort
from thidua.core.views import report
from units.access import restrict, user_roles
from units.models import Unit, UnitRole

# Transitions a button may ask for, and the service that runs each.
TRANSITIONS = {
    "submit": lambda p, by, comment: services.proposal_submit(proposal=p, by=by),
    "return": lambda p, by, comment: services.proposal_return(proposal=p, by=by, comment=comment),
    "forward": lambda p, by, comment: services.proposal_forward(proposal=p, by=by, comment=comment),
    "appraise": lambda p, by, comment: services.proposal_appraise(
        proposal=p, by=by, comment=comment
    ),
    "return_for_documents": lambda p, by, comment: services.proposal_return_for_documents(
        proposal=p, by=by, comment=comment
    ),
    "conclude": lambda p, by, comment: services.proposal_conclude(
        proposal=p, by=by, comment=comment
    ),
}


def label_history(entries, workflow) -> None:
    """Readable action and state names on audit entries (template-ready)."""
    for entry in entries:
        known = workflow._by_name.get(entry.action)
        entry.action_label = known.label if known else ACTION_LABELS.get(entry.action, entry.action)
        entry.from_label = workflow.label_of(entry.from_state) if entry.from_state else ""
        entry.to_label = workflow.label_of(entry.to_state) if entry.to_state else ""


def _back(pk) -> HttpResponse:
    return redirect("awards:proposal_detail", pk=pk)


def _own_units(user):
    ids = [
        unit.pk
        for unit, role in user_roles(user)
        if role in (UnitRole.Role.STAFF, UnitRole.Role.LEADER)
    ]
    return Unit.objects.filter(pk__in=ids).order_by("path")


PROPOSAL_COLUMNS = {
    "title": Column(gettext_lazy("Trích yếu"), "title"),
    "year": Column(gettext_lazy("Năm"), ("year", "created_at")),
    "unit": Column(gettext_lazy("Đơn vị đề nghị"), "proposing_unit__name"),
    "authority": Column(gettext_lazy("Cấp khen thưởng"), ("authority__order", "authority__name")),
    "current": Column(gettext_lazy("Đang ở"), "current_unit__name"),
    "status": Column(gettext_lazy("Trạng thái"), "status"),
    "nominees": Column(gettext_lazy("Đề cử"), "nominee_count", css="text-end"),
    "files": Column(gettext_lazy("Tệp"), "file_count", css="text-end"),
}


@dataclass
class Filtered:
    form: ProposalFilterForm
    rows: QuerySet
    units: list[Unit]  # the user's own units
    sort: Sort
    values: dict
    problems: list[str]


def _filtered(request: HttpRequest) -> Filtered:
    """The list's filters and order read from the query string, the rows they select and the
    user's own units; the list and its Excel export both go through here, so they show the
    same rows in the same order."""
    form = ProposalFilterForm(request.GET, units=selectors.proposing_units(user=request.user))
    data, problems = read_filters(form)
    sort = read_sort(request, PROPOSAL_COLUMNS, default="-year")
    units = list(_own_units(request.user))
    direction = data.get("direction")
    unit = units[0] if units and direction else None
    rows = selectors.proposal_list(
        user=request.user,
        status=data.get("status") or None,
        year=data.get("year"),
        unit=unit,
        incoming=direction == "in" if direction else None,
        search=data.get("q") or "",
        proposer=data.get("unit"),
        award=data.get("award"),
    )
    return Filtered(form, sort.apply(rows), units, sort, data, [*problems, *sort.problems])


@require_GET
@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    found = _filtered(request)
    for problem in found.problems:
        messages.warning(request, problem)
    context = {
        "form": found.form,
        "sort": found.sort,
        "filtered": bool(found.values),
        "can_create": bool(found.units),
        **paginate(request, found.rows),
    }
    return render(request, "awards/proposals/list.html", context)


@require_GET
@login_required
def proposal_export(request: HttpRequest) -> HttpResponse:
    """The rows of the list, under the same filters and without paging, as a workbook."""
    found = _filtered(request)
    year = found.values.get("year")
    response = HttpResponse(proposals_xlsx(found.rows), content_type=XLSX)
    filename = f"de-nghi-khen-thuong-{year or 'tat-ca'}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    form = ProposalCreateForm(request.POST or None, units=_own_units(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lập đề nghị “%(title)s”.") % {"title": proposal.title})
            return _back(proposal.pk)
    return render(request, "awards/proposals/form.html", {"form": form})


@require_GET
@login_required
def proposal_detail(request: HttpRequest, pk: int, forms: dict | None = None) -> HttpResponse:
    detail = selectors.proposal_detail(user=request.user, pk=pk)
    proposal = detail.proposal
    forms = forms or {}
    label_history(detail.history, PROPOSAL_WORKFLOW)
    can_go_up = any(t.name == "forward_up" for t in detail.transitions)
    # The snapshot the council voted on, against today's rules ("Theo quy định hiện hành").
    changes = services.verdict_changes(proposal, detail.nominees)
    for nominee in detail.nominees:
        nominee.change = changes.get(nominee.pk)
    context = {
        "d": detail,
        "proposal": proposal,
        "verdict_job": verdict_job(proposal),
        "can_draft_decision": selectors.proposal_can_draft_decision(proposal, request.user),
        "waiting_note": "" if detail.transitions else selectors.proposal_waiting_note(proposal),
        "nominee_form": forms.get("nominee")
        or (NomineeForm(proposal=proposal) if detail.can_edit else None),
        "dossier_form": forms.get("dossier")
        or (DossierForm(proposal=proposal) if detail.can_edit else None),
        "forward_up_form": forms.get("forward_up")
        or (ForwardUpForm(targets=services.forward_up_targets()) if can_go_up else None),
    }
    return render(request, "awards/proposals/detail.html", context)


@require_POST
@login_required
def proposal_transition(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    action = TRANSITIONS.get(request.POST.get("transition", ""))
    if action is None:
        messages.error(request, _("Thao tác không hợp lệ."))
        return _back(pk)
    try:
        action(proposal, request.user, request.POST.get("comment", ""))
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request,
            _("Đề nghị đã chuyển sang “%(state)s”.") % {"state": proposal.get_status_display()},
        )
    return _back(pk)


@require_POST
@login_required
def proposal_forward_up(request: HttpRequest, pk: int) -> HttpResponse:
    """The ministry's leader sends a State-level proposal up (to the Government …)."""
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    form = ForwardUpForm(request.POST, targets=services.forward_up_targets())
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.proposal_forward_up(
            proposal=proposal,
            by=request.user,
            to_unit=form.cleaned_data["to_unit"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request,
            _("Đã trình đề nghị lên %(unit)s; đơn vị đề nghị thấy đề nghị là “Đang đề nghị”.")
            % {"unit": proposal.current_unit},
        )
    return _back(pk)


@require_http_methods(["GET", "POST"])
@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the title, text and procedure of a draft or returned proposal."""
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    if request.method == "GET" and not selectors.proposal_can_edit(proposal, request.user):
        messages.error(request, selectors.edit_refusal(proposal))
        return _back(pk)
    initial = {"title": proposal.title, "summary": proposal.summary}
    initial["simplified"] = proposal.simplified
    form = ProposalEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu đề nghị."))
            return _back(pk)
    return render(request, "awards/proposals/edit.html", {"form": form, "proposal": proposal})


@require_POST
@login_required
def nominee_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    form = NomineeForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            nominee = services.nominee_add(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã thêm %(nominee)s: %(verdict)s.")
                % {"nominee": nominee, "verdict": nominee.get_verdict_display().lower()},
            )
            return _back(pk)
    messages.error(request, _("Chưa thêm được đề cử; xem lỗi trong biểu mẫu."))
    return proposal_detail(_as_get(request), pk, forms={"nominee": form})


def _nominee(request: HttpRequest, pk: int) -> Nominee:
    visible = restrict(Proposal.objects.all(), request.user).values("pk")
    try:
        return Nominee.objects.select_related(
            "proposal__proposing_unit", "award", "person", "unit"
        ).get(pk=pk, proposal__in=visible)
    except (Nominee.DoesNotExist, ValueError):
        raise Http404 from None


@require_POST
@login_required
def nominee_remove(request: HttpRequest, pk: int) -> HttpResponse:
    nominee = _nominee(request, pk)
    try:
        services.nominee_remove(nominee=nominee, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Đã bỏ %(nominee)s khỏi đề nghị.") % {"nominee": nominee})
    return _back(nominee.proposal_id)


def _nominee_text_action(request, pk, form_class, invalid, act, done) -> HttpResponse:
    """Read the form's one text field, run ``act(nominee, text)``, report, go back."""
    nominee = _nominee(request, pk)
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(invalid)
        act(nominee, *form.cleaned_data.values())
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, done % {"subject": nominee.subject})
    return _back(nominee.proposal_id)


@require_POST
@login_required
def nominee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a nominee's achievement summary while the proposal is a draft or returned."""
    return _nominee_text_action(
        request,
        pk,
        AchievementForm,
        _("Tóm tắt thành tích không hợp lệ."),
        lambda nominee, text: services.nominee_update(
            nominee=nominee, by=request.user, achievement=text
        ),
        _("Đã lưu tóm tắt thành tích của %(subject)s."),
    )


@require_POST
@login_required
def nominee_override(request: HttpRequest, pk: int) -> HttpResponse:
    return _nominee_text_action(
        request,
        pk,
        ReasonForm,
        _("Cần ghi rõ lý do vẫn đề nghị."),
        lambda nominee, reason: services.nominee_override(
            nominee=nominee, by=request.user, reason=reason
        ),
        _("Đã ghi lý do vẫn đề nghị %(subject)s."),
    )


@require_POST
@login_required
def proposal_recheck(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Kiểm tra lại": every nominee of the proposal against today's rules and records."""
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    try:
        result = services.proposal_recheck(proposal=proposal, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, result.summary())
    return _back(pk)


@require_POST
@login_required
def nominee_recheck(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Kiểm tra lại" one nominee."""
    nominee = _nominee(request, pk)
    try:
        result = services.nominee_recheck(nominee=nominee, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, result.summary())
    return _back(nominee.proposal_id)


@require_POST
@login_required
def dossier_upload(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    form = DossierForm(request.POST, request.FILES, proposal=proposal)
    if form.is_valid():
        try:
            services.dossier_upload(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tải lên tài liệu."))
            return _back(pk)
    messages.error(request, _("Chưa tải lên được tài liệu; xem lỗi trong biểu mẫu."))
    return proposal_detail(_as_get(request), pk, forms={"dossier": form})


@require_GET
@login_required
def dossier_file(request: HttpRequest, pk: int) -> FileResponse:
    """Dossier files are not under a public URL: served here after the proposal's check."""
    visible = restrict(Proposal.objects.all(), request.user).values("pk")
    try:
        stored = DossierFile.objects.get(pk=pk, proposal__in=visible)
        handle = stored.file.open("rb")
    except (DossierFile.DoesNotExist, ValueError, FileNotFoundError):
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=stored.original_name, content_type=stored.content_type
    )


@require_POST
@login_required
def dossier_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a file from the dossier of a draft or returned proposal."""
    visible = restrict(Proposal.objects.all(), request.user).values("pk")
    try:
        stored = DossierFile.objects.select_related("proposal").get(pk=pk, proposal__in=visible)
    except (DossierFile.DoesNotExist, ValueError):
        raise Http404 from None
    try:
        services.dossier_remove(dossier_file=stored, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Đã xóa tài liệu “%(name)s”.") % {"name": stored.original_name})
    return _back(stored.proposal_id)


def _as_get(request: HttpRequest) -> HttpRequest:
    """Re-render the detail page after a refused form (the decorators expect a GET)."""
    request.method = "GET"
    return request
