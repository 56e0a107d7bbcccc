"""Report pages: pick a scope and a period, read the summary, export PDF and Excel.

Every view resolves the scope through ``scope_for_user`` (a 404 for what the user may not
report on) and serves finished files from ``awards.reports.cache`` when the data they show
has not changed. The full PDF of a large scope is made by a background job; the page polls
its progress (htmx) and then shows the download link.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from awards.reports import cache, excel, jobs, pdf, staffing, statistics
from awards.reports.data import load_report
from awards.reports.forms import ReportForm, StatisticsForm, default_year
from awards.reports.scope import Period, may_report, scope_for_user
from units.access import user_roles


def inline_rows() -> int:
    """Up to this many recipients, the full PDF is rendered in the request."""
    return getattr(settings, "REPORT_INLINE_ROWS", 300)


def _require_reporter(user) -> None:
    if not may_report(user):
        raise Http404


def _initial_scope(user) -> str:
    for value, _label in ReportForm(user=user).choices[:1]:
        return value
    for unit, _role in user_roles(user):
        return f"unit:{unit.pk}"
    return ""


def _fields(scope: str, period: Period, subunits: bool = False) -> list[tuple[str, object]]:
    fields = [("scope", scope), ("start", period.start)]
    if not period.is_year:
        fields.append(("end", period.end))
    if subunits:
        fields.append(("subunits", "1"))
    return fields


def _params(scope: str, period: Period, subunits: bool = False) -> str:
    return urlencode(_fields(scope, period, subunits))


def _report_request(request: HttpRequest, source):
    """(form, scope, period) from GET or POST data; scope None when the form is invalid."""
    form = ReportForm(source, user=request.user)
    if not form.is_valid():
        return form, None, None
    period = form.cleaned_data["period"]
    return form, scope_for_user(request.user, form.cleaned_data["scope"], period), period


def _subunits(form) -> bool:
    """Members' sub-units count in a grouping's shares only when asked."""
    return bool(form.cleaned_data.get("subunits"))


def _file_response(cached: cache.CachedFile, *, attachment=True) -> FileResponse:
    return FileResponse(
        cached.open(),
        as_attachment=attachment,
        filename=cached.filename,
        content_type=cached.content_type,
    )


def _pdf_key(data, issued_on) -> str:
    return cache.make_key("report_pdf", data.scope.value, data.period.slug, issued_on, data.digest)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    _require_reporter(request.user)
    if "scope" not in request.GET:
        initial = {"scope": _initial_scope(request.user), "start": default_year()}
        form = ReportForm(initial=initial, user=request.user)
        return render(request, "awards/reports/index.html", {"form": form})
    form, scope, period = _report_request(request, request.GET)
    if scope is None:
        return render(request, "awards/reports/index.html", {"form": form})
    issued_on = timezone.localdate()
    subunits = _subunits(form)
    data = load_report(scope, period, subunits=subunits)
    key = _pdf_key(data, issued_on)
    if scope.value not in {value for value, _label in form.choices}:
        form.choices = [(scope.value, scope.name), *form.choices]
    context = {
        "form": form,
        "report": pdf.ReportView(data, issued_on),
        "recipients": len(data.recipients),
        **_job_context(
            key,
            scope.value,
            period,
            inline=len(data.recipients) <= inline_rows(),
            subunits=subunits,
        ),
    }
    return render(request, "awards/reports/index.html", context)


def _job_context(
    key: str, scope: str, period: Period, *, inline: bool = False, subunits: bool = False
) -> dict:
    return {
        "key": key,
        "cached": cache.lookup(key, "pdf"),
        "job": jobs.refresh(jobs.read(key)),
        "inline": inline,
        "params": _params(scope, period, subunits),
        "hidden": _fields(scope, period, subunits),
    }


@login_required
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    """Make the full PDF: at once for a small scope, else as a (shared) background job."""
    _require_reporter(request.user)
    form, scope, period = _report_request(request, request.POST)
    if scope is None:
        messages.error(request, _("Yêu cầu không hợp lệ: hãy chọn lại phạm vi và năm."))
        return redirect("reports:index")
    issued_on = timezone.localdate()
    subunits = _subunits(form)
    data = load_report(scope, period, subunits=subunits)
    key = _pdf_key(data, issued_on)
    if cache.lookup(key, "pdf"):
        return redirect("reports:download", key=key, ext="pdf")
    if len(data.recipients) <= inline_rows():
        document, _pages = pdf.render_report(data, issued_on, processes=1)
        cache.store(key, "pdf", document, meta=jobs.file_meta(scope.value, period, "pdf"))
        return redirect("reports:download", key=key, ext="pdf")
    jobs.start(
        key=key,
        scope=scope.value,
        start=period.start,
        end=period.end,
        issued_on=issued_on,
        retry=bool(request.POST.get("retry")),
        subunits=subunits,
    )
    return redirect(f"{reverse('reports:index')}?{_params(scope.value, period, subunits)}#export")


def _authorised_job(request: HttpRequest, key: str) -> jobs.Job:
    job = jobs.refresh(jobs.read(key))
    if job is None:
        raise Http404
    try:
        params = job.params
        period = Period(params["start"], params["end"])
    except (KeyError, TypeError, ValueError):
        raise Http404 from None
    scope_for_user(request.user, params.get("scope", ""), period)
    return job


@login_required
@require_GET
def progress(request: HttpRequest, key: str) -> HttpResponse:
    """The job's status block (polled by htmx while the job runs)."""
    _require_reporter(request.user)
    job = _authorised_job(request, key)
    params = job.params
    context = _job_context(
        key,
        params["scope"],
        Period(params["start"], params["end"]),
        subunits=bool(params.get("subunits")),
    )
    return render(request, "awards/reports/_job.html", context)


@login_required
@require_GET
def download(request: HttpRequest, key: str, ext: str) -> HttpResponse:
    _require_reporter(request.user)
    cached = cache.lookup(key, ext)
    if cached is None:
        raise Http404
    try:
        period = Period(cached.meta["start"], cached.meta["end"])
    except (KeyError, TypeError, ValueError):
        raise Http404 from None
    scope_for_user(request.user, cached.meta.get("scope", ""), period)
    return _file_response(cached)


def _cached_or_built(kind: str, ext: str, data, issued_on, build, name: str):
    key = cache.make_key(kind, data.scope.value, data.period.slug, issued_on, data.digest)
    cached = cache.lookup(key, ext)
    if cached is None:
        meta = jobs.file_meta(data.scope.value, data.period, ext, name)
        cached = cache.store(key, ext, build(), meta=meta)
    return cached


@login_required
@require_GET
def summary_pdf(request: HttpRequest) -> HttpResponse:
    """The summary pages alone, for any scope, rendered at once (or from the cache)."""
    _require_reporter(request.user)
    form, scope, period = _report_request(request, request.GET)
    if scope is None:
        raise Http404
    issued_on = timezone.localdate()
    data = load_report(scope, period, recipients=False, subunits=_subunits(form))
    cached = _cached_or_built(
        "summary_pdf",
        "pdf",
        data,
        issued_on,
        lambda: pdf.render_summary(data, issued_on),
        "bao-cao-tong-hop",
    )
    return _file_response(cached)


@login_required
@require_GET
def workbook(request: HttpRequest) -> HttpResponse:
    """The report as Excel: summary sheet and every recipient."""
    _require_reporter(request.user)
    form, scope, period = _report_request(request, request.GET)
    if scope is None:
        raise Http404
    issued_on = timezone.localdate()
    data = load_report(scope, period, subunits=_subunits(form))
    cached = _cached_or_built(
        "report_xlsx",
        "xlsx",
        data,
        issued_on,
        lambda: excel.report_workbook(data, issued_on),
        "bao-cao-khen-thuong",
    )
    return _file_response(cached)


@login_required
@require_GET
def statistics_view(request: HttpRequest) -> HttpResponse:
    """The statutory tables 0602.N–0605.N (0601.N is served next to the campaigns)."""
    _require_reporter(request.user)
    if "scope" not in request.GET:
        initial = {"scope": _initial_scope(request.user), "year": default_year(), "form": "0602"}
        form = StatisticsForm(initial=initial, user=request.user)
        return render(request, "awards/reports/statistics.html", {"form": form})
    form = StatisticsForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, "awards/reports/statistics.html", {"form": form})
    year, code = form.cleaned_data["year"], form.cleaned_data["form"]
    if code == "0601":
        return redirect(f"{reverse('campaign_statistics')}?{request.GET.urlencode()}")
    scope = scope_for_user(request.user, form.cleaned_data["scope"], Period(year, year))
    if code == "0604":
        table = staffing.bodies_table(scope, year)
    elif code == "0605":
        table = staffing.staff_table(scope, year)
    else:
        table = statistics.award_table(code, scope, year)
    return statistics_response(request, form, table, scope)


def statistics_response(request: HttpRequest, form, table, scope) -> HttpResponse:
    """The table as a page, or as PDF/Excel (``?format=``), cached by its content."""
    fmt = request.GET.get("format", "")
    if fmt not in ("pdf", "xlsx"):
        context = {
            "form": form,
            "table": table,
            "rows": [(row, table.cells(row)) for row in table.rows],
            "query": request.GET.urlencode(),
        }
        return render(request, "awards/reports/statistics.html", context)
    issued_on = timezone.localdate()
    digest = table.digest()
    year = form.cleaned_data["year"]
    # "stat2": the layout of 0602/0603 and the masthead of every table changed (issue #16)
    key = cache.make_key(f"stat2_{table.form}", scope.value, str(year), issued_on, digest)
    cached = cache.lookup(key, fmt)
    if cached is None:
        if fmt == "pdf":
            content = pdf.render_statistics(
                table, place=scope.place, issued_on=issued_on, scope=scope
            )
        else:
            content = excel.statistics_workbook(table)
        code = table.form.split("/")[0].replace(".", "")
        meta = jobs.file_meta(scope.value, Period(year, year), fmt, f"bieu-{code}")
        cached = cache.store(key, fmt, content, meta=meta)
    return _file_response(cached)
