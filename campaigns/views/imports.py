"""Registering from Excel (template, upload, preview, confirm) and exporting to Excel.

Upload reads and checks the file (a dry run of the import) and keeps its rows in the
session, on the server; the preview page shows every row's verdict; confirming runs the
import again from those rows, for real, so what is saved was checked just now and the
browser never sends the data back.
"""

import uuid
from dataclasses import asdict, dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns import imports, selectors
from campaigns.forms import RegistrationImportForm
from campaigns.imports import ERROR, OK, SKIPPED, ImportReport, RowResult, SheetRow
from campaigns.models import Campaign
from campaigns.resources import XLSX, registration_template, registrations_xlsx
from campaigns.rules import editing_refusal
from campaigns.scope import scope_units
from campaigns.views.common import campaign_year, forbidden
from campaigns.workflow import LEADER, STAFF
from thidua.core.pagination import paginate
from thidua.core.views import report
from units.access import get_visible_or_404, has_role, is_admin, under, user_roles
from units.models import Unit, UnitRole

PREVIEW_PAGE_SIZE = 100
SESSION_KEY = "campaigns.registration_import"
_ROW_FIELDS = (
    "number",
    "person_code",
    "full_name",
    "unit_code",
    "award_code",
    "note",
    "formulas",
)


@dataclass
class PendingImport:
    """An uploaded file waiting for confirmation: its rows and the preview's verdicts."""

    campaign: int
    unit: int
    year: int
    filename: str
    rows: list[SheetRow]
    results: list[RowResult]
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def report(self) -> ImportReport:
        return ImportReport(rows=self.results)


def pending_store(session, pending: PendingImport) -> None:
    """Keep one pending import per session; a new upload replaces the previous one."""
    data = asdict(pending)
    data["rows"] = [[getattr(row, name) for name in _ROW_FIELDS] for row in pending.rows]
    session[SESSION_KEY] = data


def pending_load(session, *, campaign: Campaign, unit: Unit) -> PendingImport | None:
    """The pending import of this campaign and unit, if the session holds one."""
    data = session.get(SESSION_KEY)
    if not isinstance(data, dict) or (data.get("campaign"), data.get("unit")) != (
        campaign.pk,
        unit.pk,
    ):
        return None
    try:
        return PendingImport(
            campaign=campaign.pk,
            unit=unit.pk,
            year=int(data["year"]),
            filename=str(data["filename"]),
            rows=[SheetRow(**dict(zip(_ROW_FIELDS, v, strict=True))) for v in data["rows"]],
            results=[RowResult(**values) for values in data["results"]],
            token=str(data["token"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _campaign_and_unit(request: HttpRequest, pk: int, unit_pk: int) -> tuple[Campaign, Unit]:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    unit = get_visible_or_404(Unit.objects.all(), request.user, pk=unit_pk)
    return campaign, unit


def _no_role(request: HttpRequest, unit: Unit) -> HttpResponse | None:
    if has_role(request.user, unit, STAFF, LEADER):
        return None
    return forbidden(
        request,
        _("Chỉ cán bộ nhập liệu hoặc lãnh đạo của %(unit)s mới nhập đăng ký từ Excel.")
        % {"unit": unit},
    )


def _url(name: str, campaign: Campaign, unit: Unit, year: int) -> str:
    return f"{reverse(name, kwargs={'pk': campaign.pk, 'unit_pk': unit.pk})}?year={year}"


def _attachment(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def import_template(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    campaign, unit = _campaign_and_unit(request, pk, unit_pk)
    year = campaign_year(request, campaign)
    content = registration_template(user=request.user, campaign=campaign, unit=unit, year=year)
    return _attachment(content, f"dang-ky-{campaign.pk}-{unit.code}-{year}.xlsx")


@require_http_methods(["GET", "POST"])
@login_required
def import_upload(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    campaign, unit = _campaign_and_unit(request, pk, unit_pk)
    if refused := _no_role(request, unit):
        return refused
    year = campaign_year(request, campaign)
    refusal = editing_refusal(campaign)
    in_scope = scope_units(campaign, year).filter(under([unit.path]))
    if not refusal and not in_scope.exists():
        refusal = _(
            "%(unit)s và các đơn vị trực thuộc không thuộc phạm vi phong trào năm %(year)s."
        ) % {"unit": unit, "year": year}
    posted = request.method == "POST"
    form = RegistrationImportForm(
        request.POST if posted else None, request.FILES if posted else None
    )
    if posted and not refusal and form.is_valid():
        rows = form.cleaned_data["file"]
        try:
            checked = imports.registrations_import(
                by=request.user, campaign=campaign, unit=unit, year=year, rows=rows, dry_run=True
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            pending = PendingImport(
                campaign=campaign.pk,
                unit=unit.pk,
                year=year,
                filename=form.filename,
                rows=rows,
                results=checked.rows,
            )
            pending_store(request.session, pending)
            return redirect(_url("campaigns:import_preview", campaign, unit, year))
    return render(
        request,
        "campaigns/import_upload.html",
        {
            "campaign": campaign,
            "unit": unit,
            "year": year,
            "form": form,
            "refusal": refusal,
            "max_rows": imports.format_count(imports.max_rows()),
            "max_size": imports.format_size(imports.max_bytes()),
            "crumb": _("Nhập từ Excel"),
        },
    )


SHOWN = {"all": None, "errors": ERROR, "ok": OK, "skipped": SKIPPED}


@require_GET
@login_required
def import_preview(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    campaign, unit = _campaign_and_unit(request, pk, unit_pk)
    if refused := _no_role(request, unit):
        return refused
    pending = pending_load(request.session, campaign=campaign, unit=unit)
    if pending is None:
        messages.info(request, _("Chưa có tệp nào chờ xác nhận; hãy tải tệp lên."))
        return redirect(_url("campaigns:import", campaign, unit, campaign_year(request, campaign)))
    checked = pending.report
    counts = {status: checked.count(status) for status in (OK, ERROR, SKIPPED)}
    show = request.GET.get("show", "")
    if show not in SHOWN:
        show = "errors" if counts[ERROR] else "all"
    wanted = SHOWN[show]
    rows = [row for row in checked.rows if wanted is None or row.status == wanted]
    return render(
        request,
        "campaigns/import_preview.html",
        {
            **paginate(request, rows, per_page=PREVIEW_PAGE_SIZE),
            "campaign": campaign,
            "unit": unit,
            "year": pending.year,
            "pending": pending,
            "counts": counts,
            "total": len(checked.rows),
            "show": show,
            "can_confirm": checked.ok,
            "crumb": _("Xem trước"),
        },
    )


@require_POST
@login_required
def import_confirm(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    campaign, unit = _campaign_and_unit(request, pk, unit_pk)
    if refused := _no_role(request, unit):
        return refused
    pending = pending_load(request.session, campaign=campaign, unit=unit)
    if pending is None or request.POST.get("token") != pending.token:
        messages.error(
            request,
            _(
                "Bản xem trước này không còn hiệu lực (đã lưu, hoặc đã tải một tệp khác). "
                "Hãy tải tệp lên lại."
            ),
        )
        return redirect(_url("campaigns:import", campaign, unit, campaign_year(request, campaign)))
    preview = _url("campaigns:import_preview", campaign, unit, pending.year)
    try:
        result = imports.registrations_import(
            by=request.user,
            campaign=campaign,
            unit=unit,
            year=pending.year,
            rows=pending.rows,
            dry_run=False,
            filename=pending.filename,
        )
    except ValidationError as error:
        report(request, error)
        return redirect(preview)
    if not result.ok:
        pending.results = result.rows
        pending_store(request.session, pending)
        messages.error(
            request,
            _(
                "Chưa lưu đăng ký nào: dữ liệu đã thay đổi từ lúc xem trước, có dòng không "
                "còn hợp lệ."
            ),
        )
        return redirect(preview)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        ngettext(
            "Đã lưu %(n)s đăng ký (nháp) từ tệp “%(file)s”. Kiểm tra rồi bấm gửi đăng ký.",
            "Đã lưu %(n)s đăng ký (nháp) từ tệp “%(file)s”. Kiểm tra rồi bấm gửi đăng ký.",
            result.saved,
        )
        % {"n": result.saved, "file": pending.filename},
    )
    return redirect(_url("campaigns:unit", campaign, unit, pending.year))


def _may_export(user) -> bool:
    return is_admin(user) or any(role == UnitRole.Role.LEADER for _unit, role in user_roles(user))


@require_GET
@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """The campaign's registrations the user may see, for one year (``?year=``) or all."""
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    if not _may_export(request.user):
        return forbidden(
            request, _("Chỉ quản trị viên và lãnh đạo đơn vị xuất được danh sách đăng ký.")
        )
    year = campaign_year(request, campaign) if "year" in request.GET else None
    lines = selectors.registration_list(user=request.user, campaign=campaign, year=year)
    content = registrations_xlsx(lines.select_related("campaign"))
    return _attachment(content, f"dang-ky-thi-dua-{campaign.pk}-{year or 'tat-ca-cac-nam'}.xlsx")
