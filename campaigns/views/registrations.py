"""Registering a unit and its people, reviewing and following registrations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns import selectors, services
from campaigns.forms import (
    CollectiveRegistrationForm,
    RegistrationEditForm,
    RegistrationFilterForm,
    SendForm,
    TransitionForm,
    attach_errors,
    people_formset,
)
from campaigns.models import Campaign, Registration
from campaigns.rules import editing_refusal, late_entry_note, submission_refusal
from campaigns.scope import scope_units
from campaigns.views.common import back, campaign_year, filters, forbidden
from campaigns.workflow import LEADER, REGISTRATION_WORKFLOW, STAFF
from thidua.core.pagination import paginate
from thidua.core.sorting import Column, Nullable, read_sort
from thidua.core.views import report
from units.access import get_visible_or_404, has_role, is_admin
from units.models import Unit


def _unit_page(campaign: Campaign, unit: Unit, year: int) -> str:
    url = reverse("campaigns:unit", kwargs={"pk": campaign.pk, "unit_pk": unit.pk})
    return f"{url}?year={year}"


def _campaign_and_unit(request: HttpRequest, pk: int, unit_pk: int):
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    unit = get_visible_or_404(Unit.objects.all(), request.user, pk=unit_pk)
    return campaign, unit, campaign_year(request, campaign)


def _registration_state(user, campaign: Campaign, unit: Unit, year: int) -> dict:
    """What the unit's pages say up front: may this user register here, and if not, why."""
    today = timezone.localdate()
    in_scope = scope_units(campaign, year).filter(pk=unit.pk).exists()
    refusal = editing_refusal(campaign)
    if not refusal and not in_scope:
        refusal = _("%(unit)s không thuộc phạm vi phong trào năm %(year)s.") % {
            "unit": unit,
            "year": year,
        }
    return {
        "campaign": campaign,
        "unit": unit,
        "year": year,
        "in_scope": in_scope,
        "has_role": has_role(user, unit, STAFF, LEADER),
        "editing_refusal": refusal,
        "submission_refusal": submission_refusal(campaign, today, late_allowed=is_admin(user)),
        "late_entry": is_admin(user) and late_entry_note(campaign, today),
    }


REGISTRATION_COLUMNS = {
    "who": Column(
        gettext_lazy("Tập thể / cá nhân"), (Nullable("person__search_key"), "award__order")
    ),
    "award": Column(gettext_lazy("Danh hiệu / hình thức"), ("award__order", "award__name")),
    "status": Column(gettext_lazy("Trạng thái"), "status"),
    "submitted": Column(gettext_lazy("Ngày gửi"), Nullable("submitted_at")),
}


@require_http_methods(["GET", "POST"])
@login_required
def unit_registrations(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """A unit's lines in a campaign year, and the form registering the unit itself."""
    campaign, unit, year = _campaign_and_unit(request, pk, unit_pk)
    state = _registration_state(request.user, campaign, unit, year)
    catalogue = selectors.campaign_catalogue(campaign)
    awards = catalogue["collective"]
    form = CollectiveRegistrationForm(request.POST or None, awards=awards)
    if request.method == "POST" and form.is_valid():
        award = next(a for a in awards if a.pk == form.cleaned_data["award"])
        submit = "submit" in request.POST
        try:
            services.registration_create(
                by=request.user,
                campaign=campaign,
                award=award,
                unit=unit,
                year=year,
                note=form.cleaned_data["note"],
                submit=submit,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("Đã gửi đăng ký.") if submit else _("Đã lưu đăng ký (nháp).")
            )
            return redirect(_unit_page(campaign, unit, year))
    every_award = [*awards, *catalogue["individual"]]
    filter_form = RegistrationFilterForm(request.GET, awards=every_award, auto_id="filter-%s")
    values = filters(request, filter_form)
    sort = read_sort(request, REGISTRATION_COLUMNS, default="who")
    for problem in sort.problems:
        messages.warning(request, problem)
    lines = selectors.registration_list(
        user=request.user,
        campaign=campaign,
        year=year,
        unit=unit,
        subtree=False,
        status=values.get("status"),
        award=next((a for a in every_award if a.pk == values.get("award")), None),
    )
    drafts = Registration.objects.filter(
        campaign=campaign, year=year, unit=unit, status=Registration.Status.DRAFT
    ).count()
    return render(
        request,
        "campaigns/unit_registrations.html",
        {
            **state,
            **paginate(request, sort.apply(lines)),
            "filter_form": filter_form,
            "filtered": bool(values),
            "sort": sort,
            "form": form,
            "awards": awards,
            "drafts": drafts,
            "summary": selectors.campaign_summary(
                user=request.user, campaign=campaign, year=year, unit=unit
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def unit_people(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """The unit's people in one table, a title chooser each, saved all-or-nothing."""
    campaign, unit, year = _campaign_and_unit(request, pk, unit_pk)
    state = _registration_state(request.user, campaign, unit, year)
    people = selectors.unit_people(campaign=campaign, unit=unit, year=year)
    awards = selectors.campaign_catalogue(campaign)["individual"]
    formset = people_formset(people=people, awards=awards, data=request.POST or None)
    if request.method == "POST" and formset.is_valid():
        response = _save_people(request, campaign, unit, year, formset, awards)
        if response is not None:
            return response
    return render(
        request,
        "campaigns/unit_people.html",
        {**state, "formset": formset, "awards": awards, "people_count": len(people)},
    )


def _save_people(request, campaign, unit, year, formset, awards) -> HttpResponse | None:
    by_id = {award.pk: award for award in awards}
    chosen = formset.rows()
    if not chosen:
        messages.warning(request, _("Chưa chọn danh hiệu cho cán bộ nào; chưa có gì được lưu."))
        return None
    rows = [
        services.RegistrationRow(award=by_id[award_id], person=person, note=note)
        for _index, person, award_id, note in chosen
    ]
    submit = "submit" in request.POST
    try:
        result = services.registrations_save_bulk(
            by=request.user, campaign=campaign, unit=unit, rows=rows, year=year, submit=submit
        )
    except ValidationError as error:
        report(request, error)
        return None
    if not result.ok:
        for row, problems in result.errors.items():
            formset.forms[chosen[row][0]].add_error(None, problems)
        messages.error(
            request,
            ngettext(
                "Chưa lưu đăng ký nào: %(n)s dòng cần sửa (xem thông báo ở từng dòng).",
                "Chưa lưu đăng ký nào: %(n)s dòng cần sửa (xem thông báo ở từng dòng).",
                len(result.errors),
            )
            % {"n": len(result.errors)},
        )
        return None
    done = len(result.registrations)
    message = (
        ngettext("Đã gửi %(n)s đăng ký.", "Đã gửi %(n)s đăng ký.", done)
        if submit
        else ngettext("Đã lưu %(n)s đăng ký (nháp).", "Đã lưu %(n)s đăng ký (nháp).", done)
    )
    messages.success(request, message % {"n": done})
    return redirect(_unit_page(campaign, unit, year))


@require_POST
@login_required
def unit_submit(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Send all the unit's drafts of the year."""
    campaign, unit, year = _campaign_and_unit(request, pk, unit_pk)
    try:
        sent = services.registrations_submit_drafts(
            by=request.user, campaign=campaign, unit=unit, year=year
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request, ngettext("Đã gửi %(n)s đăng ký.", "Đã gửi %(n)s đăng ký.", sent) % {"n": sent}
        )
    return redirect(_unit_page(campaign, unit, year))


@require_GET
@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.registration_get(user=request.user, pk=pk)
    transitions = REGISTRATION_WORKFLOW.available(registration, request.user)
    blocked = late = ""
    admin = is_admin(request.user)
    if any(t.name == "submit" for t in transitions):
        today = timezone.localdate()
        resubmission = registration.status == Registration.Status.RETURNED
        blocked = submission_refusal(
            registration.campaign, today, resubmission=resubmission, late_allowed=admin
        )
        if admin and not blocked:
            late = late_entry_note(registration.campaign, today, resubmission=resubmission)
    return render(
        request,
        "campaigns/registration_detail.html",
        {
            "registration": registration,
            "transitions": [t for t in transitions if not (blocked and t.name == "submit")],
            "submit_refusal": blocked,
            "late_entry": late,
            "enter_sent_on": admin,
            "can_edit": _can_edit(request.user, registration),
            "history": selectors.registration_history(registration),
        },
    )


def _can_edit(user, registration: Registration) -> bool:
    return (
        registration.is_editable
        and not editing_refusal(registration.campaign)
        and has_role(user, registration.unit, STAFF, LEADER)
    )


@require_http_methods(["GET", "POST"])
@login_required
def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.registration_get(user=request.user, pk=pk)
    detail = reverse("campaigns:registration", kwargs={"pk": registration.pk})
    if not has_role(request.user, registration.unit, STAFF, LEADER):
        return forbidden(request, _("Chỉ cán bộ của đơn vị sửa được đăng ký này."))
    if not _can_edit(request.user, registration):
        messages.error(
            request,
            editing_refusal(registration.campaign)
            or _("Chỉ sửa được đăng ký nháp hoặc bị trả lại."),
        )
        return redirect(detail)
    catalogue = selectors.campaign_catalogue(registration.campaign)
    awards = catalogue["collective" if registration.is_collective else "individual"]
    form = RegistrationEditForm(
        request.POST or None,
        awards=awards,
        initial={"award": registration.award_id, "note": registration.note},
    )
    if request.method == "POST" and form.is_valid():
        award = next(a for a in awards if a.pk == form.cleaned_data["award"])
        try:
            services.registration_update(
                by=request.user,
                registration=registration,
                award=award,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(detail)
    return render(
        request,
        "campaigns/registration_form.html",
        {"registration": registration, "form": form},
    )


TRANSITIONS = {
    "submit": (services.registration_submit, gettext_lazy("Đã gửi đăng ký.")),
    "accept": (services.registration_accept, gettext_lazy("Đã duyệt đăng ký.")),
    "return": (services.registration_return, gettext_lazy("Đã trả lại đăng ký.")),
}


@require_POST
@login_required
def registration_transition(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.registration_get(user=request.user, pk=pk)
    detail = reverse("campaigns:registration", kwargs={"pk": registration.pk})
    name = request.POST.get("transition", "")
    form = (SendForm if name == "submit" else TransitionForm)(request.POST)
    if name in TRANSITIONS and not form.is_valid() and "sent_on" in form.errors:
        for error in form.errors["sent_on"]:
            messages.error(request, f"{form.fields['sent_on'].label}: {error}")
        return back(request, detail)
    if not form.is_valid() or name not in TRANSITIONS:
        messages.error(request, _("Thao tác không hợp lệ."))
        return back(request, detail)
    service, done = TRANSITIONS[name]
    arguments = {"by": request.user, "registration": registration}
    if name != "submit":
        arguments["comment"] = form.cleaned_data["comment"]
    elif form.cleaned_data["sent_on"]:
        arguments["sent_on"] = form.cleaned_data["sent_on"]
    try:
        service(**arguments)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, done)
    return back(request, detail)


@require_POST
@login_required
def registration_delete(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.registration_get(user=request.user, pk=pk)
    try:
        services.registration_delete(by=request.user, registration=registration)
    except ValidationError as error:
        report(request, error)
        return redirect("campaigns:registration", pk=registration.pk)
    messages.success(request, _("Đã xóa đăng ký nháp."))
    return redirect(_unit_page(registration.campaign, registration.unit, registration.year))
