"""Long reports as background jobs (django-tasks), one job per report, with progress.

A job is keyed like the file it makes (``cache.make_key``), so two requests for the same
report share it. Its state lives in a small JSON file under ``MEDIA_ROOT/reports/jobs/``,
which both the web processes and the worker see: the worker writes progress there, the page
polls it. Claiming a job is an exclusive file creation (``O_EXCL``) named by key and
attempt, so however many requests race, one enqueues; a retry claims the next attempt.

The task's own result (django-tasks' database tables with the DatabaseBackend) is checked
too, so a worker that died or a task that failed outside our code still shows as failed.
"""

import datetime
import json
import os
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from awards.reports import cache, pdf
from awards.reports.data import load_report
from awards.reports.scope import Period, scope_from_value

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ACTIVE = (QUEUED, RUNNING)
STALLED_AFTER = 30 * 60  # seconds without news from a running job
LOST_AFTER = 60  # seconds: a queued task the backend does not know is lost
PROGRESS_EVERY = 1.0  # seconds between progress writes


@dataclass
class Job:
    key: str
    attempt: int = 1
    status: str = QUEUED
    stage: str = ""
    done: int = 0
    total: int = 0
    pages: int = 0
    error: str = ""
    task_id: str = ""
    scope: str = ""
    start: int = 0
    end: int = 0
    issued_on: str = ""
    created: float = 0.0
    updated: float = 0.0

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def waiting_long(self) -> bool:
        """Queued for over a minute: is a worker running?"""
        return self.status == QUEUED and time.time() - self.created > 60

    @property
    def percent(self) -> int:
        if self.status == DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


def folder() -> Path:
    path = cache.root() / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _path(key: str, attempt: int) -> Path:
    return folder() / f"{key}.{attempt}.json"


def read(key: str) -> Job | None:
    """The latest attempt of the job, or None."""
    if not cache.valid_key(key):
        return None
    attempts = []
    for path in folder().glob(f"{key}.*.json"):
        number = path.name.split(".")[1]
        if number.isdigit():
            attempts.append(int(number))
    for attempt in sorted(attempts, reverse=True):
        try:
            raw = json.loads(_path(key, attempt).read_text() or "{}")
        except (OSError, ValueError):
            continue  # being written for the first time
        known = {f.name for f in fields(Job)}
        return Job(**{k: v for k, v in raw.items() if k in known})
    return None


def _save(job: Job) -> None:
    job.updated = time.time()
    path = _path(job.key, job.attempt)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(job)))
    os.replace(tmp, path)


def update(key: str, **changes) -> Job | None:
    job = read(key)
    if job is None:
        return None
    for name, value in changes.items():
        setattr(job, name, value)
    _save(job)
    return job


def _claim(job: Job) -> bool:
    try:
        fd = os.open(_path(job.key, job.attempt), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False
    os.close(fd)
    _save(job)
    return True


def _task_result(job: Job):
    backend = build_report.get_backend()
    if not job.task_id or not backend.supports_get_result:
        return None
    try:
        return backend.get_result(job.task_id)
    except (TaskResultDoesNotExist, ValueError):
        return False


def refresh(job: Job | None) -> Job | None:
    """Reconcile an active job with the task backend and the clock."""
    if job is None or not job.is_active:
        return job
    now = time.time()
    result = _task_result(job)
    if result is False and now - job.created > LOST_AFTER:
        return update(job.key, status=FAILED, error=_("Tác vụ không còn trong hàng đợi."))
    if result and result.status == TaskResultStatus.FAILED:
        error = result.errors[-1].traceback.strip().splitlines()[-1] if result.errors else ""
        return update(job.key, status=FAILED, error=error or _("Tác vụ bị lỗi."))
    if job.status == RUNNING and now - job.updated > STALLED_AFTER:
        return update(job.key, status=FAILED, error=_("Tác vụ ngừng phản hồi."))
    return job


def start(
    *, key: str, scope: str, start: int, end: int, issued_on: datetime.date, retry: bool = False
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
    now = time.time()
    job = Job(
        key=key,
        attempt=current.attempt + 1 if current else 1,
        scope=scope,
        start=start,
        end=end,
        issued_on=issued_on.isoformat(),
        created=now,
        stage=_("Đang chờ xử lý"),
    )
    if not _claim(job):
        return read(key) or job
    try:
        result = build_report.enqueue(
            key=key, scope=scope, start=start, end=end, issued_on=job.issued_on
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
def build_report(*, key: str, scope: str, start: int, end: int, issued_on: str) -> str:
    """The worker's side: load, render, store; the job file follows each step."""

    update(key, status=RUNNING, stage=_("Đang tải dữ liệu"))
    try:
        period = Period(start, end)
        data = load_report(scope_from_value(scope, period), period)
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
    limit = time.time() - days * 86400
    for path in folder().glob("*.json"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            continue
