"""Long reports as background jobs (django-tasks), one job per report, with progress.

A job is keyed like the file it makes (``cache.make_key``), so two requests for the same
report share it. Its state is a ``Job`` row, which every web node and worker sees: the
worker writes progress there, the page polls it. Claiming a job is inserting the row for
(key, attempt), unique in the database, so however many requests race, one enqueues; a
retry claims the next attempt.

The task's own result (django-tasks' database tables with the DatabaseBackend) is checked
too, so a worker that died or a task that failed outside our code still shows as failed.
"""

import datetime
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from awards.models.jobs import ACTIVE, DONE, FAILED, QUEUED, RUNNING, Job
from awards.reports import cache, pdf
from awards.reports.data import load_report
from awards.reports.scope import Period, scope_from_value

__all__ = ["ACTIVE", "DONE", "FAILED", "QUEUED", "RUNNING", "Job"]

STALLED_AFTER = 30 * 60  # seconds without news from a running job
LOST_AFTER = 60  # seconds: a queued task the backend does not know is lost
PROGRESS_EVERY = 1.0  # seconds between progress writes


def read(key: str) -> Job | None:
    """The latest attempt of the job, or None."""
    if not cache.valid_key(key):
        return None
    return Job.objects.filter(key=key).order_by("-attempt").first()


def update(key: str, **changes) -> Job | None:
    job = read(key)
    if job is None:
        return None
    for name, value in changes.items():
        setattr(job, name, value)
    job.updated = timezone.now()
    job.save(update_fields=[*changes, "updated"])
    return job


def claim(job: Job) -> bool:
    """Insert the job's row; False when another request claimed this key and attempt."""
    try:
        with transaction.atomic():
            job.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def _task_result(job: Job):
    backend = build_report.get_backend()
    if not job.task_id or not backend.supports_get_result:
        return None
    try:
        return backend.get_result(job.task_id)
    except (TaskResultDoesNotExist, ValueError):
        return False


def _age(moment: datetime.datetime) -> float:
    return (timezone.now() - moment).total_seconds()


def refresh(job: Job | None) -> Job | None:
    """Reconcile an active job with the task backend and the clock."""
    if job is None or not job.is_active:
        return job
    result = _task_result(job)
    if result is False and _age(job.created) > LOST_AFTER:
        return update(job.key, status=FAILED, error=_("Tác vụ không còn trong hàng đợi."))
    if result and result.status == TaskResultStatus.FAILED:
        error = result.errors[-1].traceback.strip().splitlines()[-1] if result.errors else ""
        return update(job.key, status=FAILED, error=error or _("Tác vụ bị lỗi."))
    if job.status == RUNNING and _age(job.updated) > STALLED_AFTER:
        return update(job.key, status=FAILED, error=_("Tác vụ ngừng phản hồi."))
    return job


def start(
    *,
    key: str,
    scope: str,
    start: int,
    end: int,
    issued_on: datetime.date,
    retry: bool = False,
    subunits: bool = False,
) -> Job:
    """The job making this report: the running one, or a new one if there is none.

    A failed job stays failed (its error shown) until ``retry``; a finished job whose file
    was pruned is made again.
    """
    prune()
    current = refresh(read(key))
    if current is not None:
        if current.is_active:
            return current
        if current.status == FAILED and not retry:
            return current
        if current.status == DONE and cache.lookup(key, "pdf"):
            return current
    job = Job(
        key=key,
        attempt=current.attempt + 1 if current else 1,
        kind="report",
        params={
            "scope": scope,
            "start": start,
            "end": end,
            "issued_on": issued_on.isoformat(),
            "subunits": subunits,
        },
        stage=_("Đang chờ xử lý"),
    )
    if not claim(job):
        return read(key) or job
    try:
        result = build_report.enqueue(
            key=key,
            scope=scope,
            start=start,
            end=end,
            issued_on=issued_on.isoformat(),
            subunits=subunits,
        )
    except Exception as error:
        return update(key, status=FAILED, error=str(error)) or job
    return update(key, task_id=str(result.id)) or job


class _Progress:
    """Writes the job's progress at most once a second."""

    def __init__(self, key: str):
        self.key, self.last = key, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self.last >= PROGRESS_EVERY:
            self.last = now
            update(
                self.key,
                done=done,
                total=total,
                stage=_("Đang dàn trang: %(done)s/%(total)s phần") % {"done": done, "total": total},
            )


@task()
def build_report(
    *, key: str, scope: str, start: int, end: int, issued_on: str, subunits: bool = False
) -> str:
    """The worker's side: load, render, store; the job file follows each step."""

    update(key, status=RUNNING, stage=_("Đang tải dữ liệu"))
    try:
        period = Period(start, end)
        data = load_report(scope_from_value(scope, period), period, subunits=subunits)
        day = datetime.date.fromisoformat(issued_on)
        document, pages = pdf.render_report(data, day, progress=_Progress(key))
        update(key, stage=_("Đang lưu tệp"))
        cache.store(key, "pdf", document, meta=file_meta(scope, period, "pdf"))
        update(key, status=DONE, stage=_("Hoàn thành"), pages=pages)
        return key
    except Exception as error:
        update(key, status=FAILED, error=str(error) or error.__class__.__name__)
        raise


def file_meta(scope: str, period, ext: str, kind: str = "bao-cao-khen-thuong") -> dict:
    """The sidecar of a cached file: who may download it, under which name."""
    name = f"{kind}-{scope.replace(':', '-')}-{period.slug}.{ext}"
    return {"scope": scope, "start": period.start, "end": period.end, "filename": name}


def prune(days: int | None = None) -> None:
    """Forget job states older than the cache's retention."""
    days = getattr(settings, "REPORT_CACHE_DAYS", 14) if days is None else days
    Job.objects.filter(updated__lt=timezone.now() - timedelta(days=days)).delete()
