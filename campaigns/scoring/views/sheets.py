"""Score sheets: list, create or copy, the sheet, its one-page editor, publish or revise.

Only admins (Văn phòng TĐKT) write sheets; everyone who sees a sheet may read it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns.forms import attach_errors
from campaigns.models import Campaign, CampaignTarget, ScoreSheet
from campaigns.scoring import selectors
from campaigns.scoring.forms import (
    CopyForm,
    ItemFormSet,
    PlaceFormSet,
    RuleFormSet,
    SheetForm,
    place_sheet_errors,
    sheet_rows,
)
from campaigns.scoring.rules import sheet_in_use, sheet_problems
from campaigns.scoring.services import sheets
from campaigns.views.common import filters, forbidden
from thidua.core.forms import YearForm
from thidua.core.pagination import paginate
from thidua.core.views import report
from units.access import is_admin
from units.models import Cluster

ADMIN_ONLY = gettext_lazy("Chỉ quản trị viên (Văn phòng TĐKT) mới soạn được bảng chấm điểm.")


@require_GET
@login_required
def sheet_list(request: HttpRequest) -> HttpResponse:
    year = filters(request, YearForm(request.GET)).get("year")
    queryset = selectors.sheet_list(user=request.user, year=year)
    return render(
        request,
        "campaigns/scoring/sheet_list.html",
        {**paginate(request, queryset), "year": year, "is_admin": is_admin(request.user)},
    )


def _sheet_form(request, initial=None, data=None):
    return SheetForm(
        data,
        initial=initial,
        clusters=Cluster.objects.filter(is_active=True),
        campaigns=Campaign.objects.order_by("-start_date", "name"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def sheet_create(request: HttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        return forbidden(request, ADMIN_ONLY)
    copying = "copy" in request.POST
    form = _sheet_form(request, {"year": timezone.localdate().year, "total": 100})
    copy_form = CopyForm(
        request.POST if copying else None,
        initial={"year": timezone.localdate().year},
        sheets=ScoreSheet.objects.exclude(status=ScoreSheet.Status.DRAFT).order_by("-year", "name"),
    )
    if request.method == "POST" and not copying:
        form = _sheet_form(request, data=request.POST)
    target = copy_form if copying else form
    if request.method == "POST" and target.is_valid():
        try:
            if copying:
                sheet = sheets.sheet_copy(by=request.user, **target.cleaned_data)
            else:
                sheet = sheets.sheet_create(by=request.user, **target.cleaned_data)
        except ValidationError as error:
            attach_errors(target, error)
        else:
            messages.success(request, _("Đã tạo bảng chấm điểm (dự thảo). Hãy nhập tiêu chí."))
            return redirect("campaigns:scoring_sheet_edit", pk=sheet.pk)
    return render(
        request, "campaigns/scoring/sheet_create.html", {"form": form, "copy_form": copy_form}
    )


@require_GET
@login_required
def sheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = selectors.sheet_get(user=request.user, pk=pk)
    items = list(sheet.items.order_by("order", "pk"))
    admin = is_admin(request.user)
    return render(
        request,
        "campaigns/scoring/sheet_detail.html",
        {
            "sheet": sheet,
            "nodes": selectors.sheet_tree(sheet, items),
            "rules": list(sheet.grade_rules.all()),
            "places": list(sheet.award_places.select_related("award")),
            "versions": selectors.sheet_versions(sheet),
            "rounds": list(sheet.rounds.select_related("cluster")),
            "problems": sheet_problems(sheet, items) if admin else [],
            "in_use": sheet_in_use(sheet),
            "is_admin": admin,
        },
    )


def _sheet_formsets(sheet: ScoreSheet, data=None):
    items = [
        {
            "code": i.code,
            "parent_code": i.parent.code if i.parent_id else "",
            "kind": i.kind,
            "name": i.name,
            "max_score": i.max_score,
            "formula": i.formula,
            "target": i.target,
            "higher_is_better": i.higher_is_better,
            "measure": i.measure,
            "campaign_target": i.campaign_target_id,
        }
        for i in sheet.items.select_related("parent").order_by("order", "pk")
    ]
    rules = [
        {
            "grade": r.grade,
            "label": r.label,
            "min_score": r.min_score,
            "targets": r.targets,
            "near_miss_margin": r.near_miss_margin,
            "cap": r.cap,
        }
        for r in sheet.grade_rules.all()
    ]
    places = [
        {"first_place": p.first_place, "last_place": p.last_place, "award": p.award_id}
        for p in sheet.award_places.all()
    ]
    return (
        ItemFormSet(
            data,
            initial=items or None,
            prefix="items",
            form_kwargs={"targets": CampaignTarget.objects.filter(campaign=sheet.campaign_id)},
        ),
        RuleFormSet(data, initial=rules or None, prefix="rules"),
        PlaceFormSet(data, initial=places or None, prefix="places"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def sheet_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole draft on one page: header, tree, grade rules, award places."""
    sheet = selectors.sheet_get(user=request.user, pk=pk)
    if not is_admin(request.user):
        return forbidden(request, ADMIN_ONLY)
    if sheet.status != ScoreSheet.Status.DRAFT:
        messages.warning(
            request,
            _("Bảng điểm đã ban hành: bấm “Sửa bảng điểm” để tạo bản sửa (hoặc phiên bản mới)."),
        )
        return redirect("campaigns:scoring_sheet", pk=sheet.pk)
    header = {name: getattr(sheet, name) for name in sheets.HEADER}
    data = request.POST if request.method == "POST" else None
    form = _sheet_form(request, initial=header, data=data)
    items, rules, places = _sheet_formsets(sheet, data)
    if data is not None and all(f.is_valid() for f in (form, items, rules, places)):
        item_rows, rule_rows, place_rows, by_key = sheet_rows(items, rules, places)
        try:
            with transaction.atomic():
                sheets.sheet_save(
                    by=request.user,
                    sheet=sheet,
                    header=form.cleaned_data,
                    items=item_rows,
                    rules=rule_rows,
                    places=place_rows,
                )
        except ValidationError as error:
            place_sheet_errors(error, form, by_key)
        else:
            messages.success(request, _("Đã lưu bảng chấm điểm."))
            if "publish" in request.POST:
                _publish(request, sheet)
            return redirect("campaigns:scoring_sheet", pk=sheet.pk)
    return render(
        request,
        "campaigns/scoring/sheet_edit.html",
        {"sheet": sheet, "form": form, "items": items, "rules": rules, "places": places},
    )


def _publish(request, sheet) -> None:
    try:
        with transaction.atomic():
            sheets.sheet_publish(by=request.user, sheet=sheet)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, _("Đã ban hành bảng chấm điểm."))


@require_POST
@login_required
def sheet_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish, or revise (edit a draft; back to draft if unused; else a new version)."""
    sheet = selectors.sheet_get(user=request.user, pk=pk)
    action = request.POST.get("transition", "")
    if action == "publish":
        _publish(request, sheet)
        return redirect("campaigns:scoring_sheet", pk=sheet.pk)
    if action != "revise":
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("campaigns:scoring_sheet", pk=sheet.pk)
    try:
        with transaction.atomic():
            draft = sheets.sheet_revise(by=request.user, sheet=sheet)
    except ValidationError as error:
        report(request, error)
        return redirect("campaigns:scoring_sheet", pk=sheet.pk)
    if draft.pk != sheet.pk:
        messages.info(
            request,
            _(
                "Bảng điểm đã có điểm chấm nên không sửa trực tiếp: đã tạo phiên bản %(n)s để "
                "sửa. Các đợt đã chấm giữ nguyên phiên bản cũ."
            )
            % {"n": draft.version},
        )
    return redirect("campaigns:scoring_sheet_edit", pk=draft.pk)
