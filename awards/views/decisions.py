"""Decisions (draft, issue, amend, revoke, PDF), award histories and notifications."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards import selectors, services
from awards.decision_pdf import render as decision_pdf_render
from awards.forms import CorrectionForm, DecisionFilterForm, DecisionForm, future_date_message
from awards.fund import selectors as fund_selectors
from awards.models import Conferment, Decision, Nominee, Notification, SignedDocument
from awards.views.attachments import decision_papers
from awards.views.proposals import _own_units, label_history
from awards.workflow import DECISION_WORKFLOW
from thidua.core import audit, changes
from thidua.core.forms import AttachmentForm, read_filters
from thidua.core.ids import parse_ids
from thidua.core.pagination import paginate
from thidua.core.sorting import Column, read_sort
from thidua.core.views import as_get, report
from units.access import get_visible_or_404, has_role, is_admin
from units.models import AgencyType, Person, Unit, UnitRole


def _back(pk) -> HttpResponse:
    return redirect("awards:decision_detail", pk=pk)


DECISION_COLUMNS = {
    "number": Column(gettext_lazy("Số, ký hiệu"), "number"),
    "signed": Column(gettext_lazy("Ngày ký"), "signed_on"),
    "authority": Column(gettext_lazy("Cấp khen thưởng"), ("authority__order", "authority__name")),
    "issuer": Column(gettext_lazy("Cơ quan ban hành"), "issuing_unit__name"),
    "status": Column(gettext_lazy("Trạng thái"), "status"),
    "count": Column(gettext_lazy("Số được khen"), "conferment_count", css="text-end"),
}


@require_GET
@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    form = DecisionFilterForm(request.GET, issuers=selectors.decision_issuers(user=request.user))
    values, problems = read_filters(form)
    sort = read_sort(request, DECISION_COLUMNS, default="-signed")
    for problem in [*problems, *sort.problems]:
        messages.warning(request, problem)
    rows = selectors.decision_list(user=request.user, **values)
    context = {
        "form": form,
        "sort": sort,
        "filtered": bool(values),
        "can_create": _handling_units(request.user).exists(),
        "can_import": is_admin(request.user),
        **paginate(request, sort.apply(rows)),
    }
    return render(request, "awards/decisions/list.html", context)


def _recipients(user, units):
    if is_admin(user):
        return selectors.nominees_for_decision(unit=None)
    found = [selectors.nominees_for_decision(unit=unit) for unit in units]
    return reduce(or_, found) if found else Nominee.objects.none()


def _handling_units(user):
    """Units whose decisions the user may enter: theirs, or any unit of the sector (admin)."""
    if is_admin(user):
        return Unit.objects.exclude(agency_type=AgencyType.EXTERNAL).order_by("path")
    return _own_units(user)


@require_http_methods(["GET", "POST"])
@login_required
def decision_create(request: HttpRequest) -> HttpResponse:
    units = _handling_units(request.user)
    recipients = _recipients(request.user, units)
    form = DecisionForm(request.POST or None, units=units, recipients=recipients)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_draft(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Đã lập dự thảo quyết định %(n)s.") % {"n": decision.number}
            )
            return _back(decision.pk)
    return render(request, "awards/decisions/form.html", {"form": form})


@require_GET
@login_required
def decision_detail(request: HttpRequest, pk: int, attachment_form=None) -> HttpResponse:
    detail = selectors.decision_detail(user=request.user, pk=pk)
    history = list(audit.history(detail.decision))
    label_history(history, DECISION_WORKFLOW)
    can_correct = any(t.name == "revoke" for t in detail.transitions)
    can_issue = any(t.name == "issue" for t in detail.transitions)
    context = {
        "d": detail,
        "decision": detail.decision,
        "history": history,
        # Field edits, "before → after": the draft's and its conferments' (admin corrections).
        "changes": changes.timeline(
            Decision.history.filter(id=detail.decision.pk),
            Conferment.history.filter(decision_id=detail.decision.pk),
        ),
        "can_issue": can_issue,
        **_fund_context(request.user, detail, can_issue),
        "quota_exceeded": any(line.exceeded for line in detail.quotas),
        "quota_blocked": any(line.exceeded and line.quota.blocks for line in detail.quotas),
        "future_date": _future(detail.decision),
        "correction_form": CorrectionForm() if can_correct else None,
        # The public list (awards.publication): admins choose the issued decisions it shows.
        "can_publish": is_admin(request.user)
        and (detail.decision.published or detail.decision.status == Decision.Status.ISSUED),
        "public_list_on": settings.THIDUA_PUBLIC_LIST,
        "papers": decision_papers(request.user, detail.decision, attachment_form),
        **_signed_context(request.user, detail.decision),
    }
    return render(request, "awards/decisions/detail.html", context)


def _fund_context(user, detail, can_issue: bool) -> dict:
    """Before issuing: what the decision spends from its award fund and whether that
    overdraws it (a warning: the decision is issued all the same, and the issue records it)."""
    if not can_issue:
        return {"fund_check": None, "fund_readable": False}
    check = services.decision_fund_check(decision=detail.decision, nominees=detail.recipients)
    if check.fund is None and not check.cost:
        return {"fund_check": None, "fund_readable": False}  # no fund and nothing to pay
    readable = check.fund is not None and fund_selectors.may_read(check.fund, user)
    return {"fund_check": check, "fund_readable": readable}


def _signed_context(user, decision) -> dict:
    """The verified signed PDF of an issued decision, and whether ``user`` may upload one."""
    if decision.status == decision.Status.DRAFT:
        return {"signed": None, "can_upload_signed": False}
    return {
        "signed": SignedDocument.objects.select_related("uploaded_by")
        .filter(decision=decision)
        .first(),
        "can_upload_signed": has_role(
            user, decision.unit, UnitRole.Role.STAFF, UnitRole.Role.LEADER
        ),
    }


def _future(decision) -> str:
    """Why issuing needs a confirmation (signed after today), or ""."""
    if decision.signed_on > timezone.localdate():
        return future_date_message(decision.signed_on)
    return ""


@require_POST
@login_required
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_detail(user=request.user, pk=pk).decision
    future = _future(decision)
    if future and request.POST.get("confirm_date") != "1":
        messages.error(request, future)
        return _back(pk)
    try:
        services.decision_issue(
            decision=decision, by=request.user, quota_reason=request.POST.get("quota_reason", "")
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Đã ban hành Quyết định số %(n)s.") % {"n": decision.number})
    return _back(pk)


@require_POST
@login_required
def decision_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """A new decision amending (withdrawing the ticked conferments) or revoking this one."""
    decision = selectors.decision_detail(user=request.user, pk=pk).decision
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return _back(pk)
    data = dict(form.cleaned_data)
    action = data.pop("action")
    try:
        if action == "revoke":
            new = services.decision_revoke(decision=decision, by=request.user, **data)
        else:
            ids = parse_ids(request.POST.getlist("withdraw"))
            new = services.decision_amend(decision=decision, by=request.user, withdraw=ids, **data)
    except ValidationError as error:
        report(request, error)
        return _back(pk)
    messages.success(request, _("Đã ban hành Quyết định số %(n)s.") % {"n": new.number})
    return _back(new.pk)


@require_GET
@login_required
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision in the administrative layout, with its annex, through WeasyPrint."""
    detail = selectors.decision_detail(user=request.user, pk=pk)
    response = HttpResponse(decision_pdf_render(detail, request), content_type="application/pdf")
    filename = f"quyet-dinh-{detail.decision.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_POST
@login_required
def decision_signed_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed PDF of an issued decision, kept once its signature and text are verified."""
    decision = selectors.decision_detail(user=request.user, pk=pk).decision
    file = request.FILES.get("signed_file")
    if file is None:
        messages.error(request, _("Chọn tệp PDF quyết định đã ký số để tải lên."))
        return _back(pk)
    try:
        document = services.decision_signed_upload(decision=decision, by=request.user, file=file)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, _("Không nhận tệp đã ký số: %(reason)s") % {"reason": message})
    else:
        messages.success(
            request,
            _("Đã xác thực chữ ký số của %(signer)s và lưu quyết định đã ký.")
            % {"signer": document.signer_name or document.signer_subject},
        )
    return _back(pk)


def _signed_download(request: HttpRequest, pk: int, *, field: str, filename: str):
    decision = selectors.decision_detail(user=request.user, pk=pk).decision
    try:
        stored = SignedDocument.objects.get(decision=decision)
        handle = getattr(stored, field).open("rb")
    except (SignedDocument.DoesNotExist, ValueError, FileNotFoundError):
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename % {"pk": decision.pk},
        content_type="application/pdf",
    )


@require_GET
@login_required
def decision_signed_file(request: HttpRequest, pk: int) -> FileResponse:
    """The stored signed PDF, for whoever may see the decision."""
    return _signed_download(request, pk, field="file", filename="quyet-dinh-%(pk)s-ky-so.pdf")


@require_GET
@login_required
def decision_signed_annex(request: HttpRequest, pk: int) -> FileResponse:
    """The annex the server signed as a file of its own (404 when there is none)."""
    return _signed_download(
        request, pk, field="annex_file", filename="phu-luc-quyet-dinh-%(pk)s-ky-so.pdf"
    )


# --- Award histories and notifications --------------------------------------------------


@require_GET
@login_required
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_visible_or_404(Person.objects.select_related("unit"), request.user, pk=pk)
    history = selectors.person_award_history(person=person)
    years: dict[int, list[Conferment]] = {}
    for conferment in history.conferments:
        years.setdefault(conferment.year, []).append(conferment)
    context = {"person": person, "h": history, "years": sorted(years.items(), reverse=True)}
    return render(request, "awards/history/person.html", context)


@require_GET
@login_required
def unit_history(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_visible_or_404(Unit.objects.all(), request.user, pk=pk)
    history = selectors.unit_award_history(unit=unit)
    context = {
        "unit": unit,
        "collective": history.collective[:200],
        "individual": paginate(request, history.individual)["page_obj"],
        "pending": history.pending,
        "query_string": "",
    }
    context["page_obj"] = context["individual"]
    return render(request, "awards/history/unit.html", context)


@require_GET
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    unread = request.GET.get("unread") == "1"
    rows = selectors.notification_list(user=request.user, unread_only=unread)
    return render(
        request, "awards/history/notifications.html", {"unread": unread, **paginate(request, rows)}
    )


@require_POST
@login_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_visible_or_404(
        Notification.objects.select_related("unit"), request.user, pk=pk
    )
    try:
        services.notification_mark_read(notification=notification, by=request.user)
    except ValidationError as error:
        report(request, error)
    return redirect("awards:notifications")


@require_POST
@login_required
def decision_attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A paper kept beside the decision (its signed scan, an annex): its unit's staff and
    leaders upload, issued or not."""
    decision = selectors.decision_detail(user=request.user, pk=pk).decision
    form = AttachmentForm(request.POST, request.FILES, kinds=Decision.Paper)
    if form.is_valid():
        try:
            services.decision_attachment_add(
                decision=decision, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tải lên tài liệu."))
            return _back(pk)
    messages.error(request, _("Chưa tải lên được tài liệu; xem lỗi trong biểu mẫu."))
    return decision_detail(as_get(request), pk, attachment_form=form)
