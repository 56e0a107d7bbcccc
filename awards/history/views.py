"""History import pages (admins only): template, upload, preview, confirm.

The upload checks the file (a dry run) and keeps the file and every row's verdict in the
default storage under a random token, named in the session; the preview pages through
the verdicts; confirming reads the same file again and imports it for real, so what is
saved was checked just now and the browser never sends the data back.
"""

import gzip
import json
import uuid
from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awards.history import services, sheets
from awards.history.forms import HistoryConfirmForm, HistoryUploadForm
from awards.history.services import ERROR, EXISTS, OK
from campaigns.imports import ImportFileError, format_count, format_size
from thidua.core.pagination import paginate
from thidua.core.views import report
from units.access import is_admin

SESSION_KEY = "awards.history_import"
FOLDER = "history-imports"
PREVIEW_PAGE_SIZE = 100
LISTED_MISSING = 200
SHOWN = {"all": None, "errors": ERROR, "ok": OK, "exists": EXISTS}


def _require_admin(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên mới nhập lịch sử khen thưởng."))


def _paths(token: str) -> tuple[str, str]:
    return f"{FOLDER}/{token}.xlsx", f"{FOLDER}/{token}.json.gz"


def _store_verdicts(token: str, checked: services.HistoryReport) -> dict:
    """Write every row's verdict beside the file; return the counts the session keeps."""
    counts = {status: checked.count(status) for status in (OK, ERROR, EXISTS)}
    data = {
        "rows": [asdict(row) for row in checked.rows],
        "new_people": [
            [p.code, p.full_name, p.unit.name, p.row] for p in checked.new_people[:LISTED_MISSING]
        ],
        "new_bodies": [[b.code, b.name, b.row] for b in checked.new_bodies[:LISTED_MISSING]],
    }
    path = _paths(token)[1]
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(gzip.compress(json.dumps(data).encode())))
    return {
        **counts,
        "total": len(checked.rows),
        "people": len(checked.new_people),
        "bodies": len(checked.new_bodies),
    }


def _load_verdicts(token: str) -> dict:
    with default_storage.open(_paths(token)[1], "rb") as stream:
        return json.loads(gzip.decompress(stream.read()))


def _pending(request: HttpRequest) -> dict | None:
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict) or not isinstance(data.get("token"), str):
        return None
    if not default_storage.exists(_paths(data["token"])[0]):
        return None
    return data


def _discard(request: HttpRequest) -> None:
    data = request.session.pop(SESSION_KEY, None)
    if isinstance(data, dict) and isinstance(data.get("token"), str):
        for path in _paths(data["token"]):
            if default_storage.exists(path):
                default_storage.delete(path)


@require_GET
@login_required
def history_template(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    response = HttpResponse(sheets.history_template(), content_type=sheets.XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-lich-su-khen-thuong.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def history_upload(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    posted = request.method == "POST"
    form = HistoryUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        checked = services.history_import(
            by=request.user, file=form.cleaned_data["file"], dry_run=True
        )
        _discard(request)
        token = uuid.uuid4().hex
        form.upload.seek(0)
        default_storage.save(_paths(token)[0], ContentFile(form.upload.read()))
        counts = _store_verdicts(token, checked)
        request.session[SESSION_KEY] = {
            "token": token,
            "filename": form.filename,
            "counts": counts,
        }
        return redirect("awards:history_preview")
    return render(
        request,
        "awards/history_import/upload.html",
        {
            "form": form,
            "max_rows": format_count(sheets.max_rows()),
            "max_size": format_size(sheets.max_bytes()),
            "sheets": sheets.SHEETS.values(),
        },
    )


@require_GET
@login_required
def history_preview(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    pending = _pending(request)
    if pending is None:
        messages.info(request, _("Chưa có tệp nào chờ xác nhận; hãy tải tệp lên."))
        return redirect("awards:history_import")
    verdicts = _load_verdicts(pending["token"])
    counts = pending["counts"]
    show = request.GET.get("show", "")
    if show not in SHOWN:
        show = "errors" if counts[ERROR] else "all"
    wanted = SHOWN[show]
    rows = [row for row in verdicts["rows"] if wanted is None or row["status"] == wanted]
    return render(
        request,
        "awards/history_import/preview.html",
        {
            **paginate(request, rows, per_page=PREVIEW_PAGE_SIZE),
            "pending": pending,
            "counts": counts,
            "show": show,
            "new_people": verdicts["new_people"],
            "new_bodies": verdicts["new_bodies"],
            "can_confirm": counts[ERROR] == 0 and counts[OK] > 0,
            "nothing_new": counts[ERROR] == 0 and counts[OK] == 0,
            "missing": counts["people"] or counts["bodies"],
            "form": HistoryConfirmForm(initial={"token": pending["token"]}),
        },
    )


@require_POST
@login_required
def history_confirm(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    pending = _pending(request)
    form = HistoryConfirmForm(request.POST)
    if pending is None or not form.is_valid() or form.cleaned_data["token"] != pending["token"]:
        messages.error(
            request,
            _(
                "Bản xem trước này không còn hiệu lực (đã lưu, hoặc đã tải một tệp khác). "
                "Hãy tải tệp lên lại."
            ),
        )
        return redirect("awards:history_import")
    token = pending["token"]
    try:
        with default_storage.open(_paths(token)[0], "rb") as stream:
            file = sheets.read_workbook(stream)
        result = services.history_import(
            by=request.user,
            file=file,
            dry_run=False,
            create_missing=form.cleaned_data["create_missing"],
            filename=pending["filename"],
        )
    except ImportFileError as error:
        report(request, error)
        _discard(request)
        return redirect("awards:history_import")
    except ValidationError as error:
        report(request, error)
        return redirect("awards:history_preview")
    if not result.ok:
        pending["counts"] = _store_verdicts(token, result)
        request.session[SESSION_KEY] = pending
        messages.error(
            request,
            _(
                "Chưa lưu gì: dữ liệu đã thay đổi từ lúc xem trước, có dòng không còn hợp lệ. "
                "Xem các dòng lỗi bên dưới."
            ),
        )
        return redirect("awards:history_preview")
    _discard(request)
    if not result.saved:
        messages.info(
            request,
            _("Không có gì thay đổi: mọi dòng của tệp “%(file)s” đã có trên hệ thống.")
            % {"file": pending["filename"]},
        )
        return redirect("awards:history_import")
    messages.success(request, services.summary(result, pending["filename"]))
    return redirect("awards:decisions")
