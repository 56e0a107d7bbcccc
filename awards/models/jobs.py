"""Background jobs and the files they make, shared by every web node and worker.

Nothing here lives on a node's disk: a job's state is a row (the unique key and attempt make
a claim atomic), and a generated file is a row naming an object in Django's default storage
(local disk, or S3-compatible object storage through django-storages).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ACTIVE = (QUEUED, RUNNING)
WAITING_LONG_AFTER = 60  # seconds queued before the page asks whether a worker runs


class Job(models.Model):
    """One attempt at making a file in the background (a report, a batch of certificates)."""

    class Status(models.TextChoices):
        QUEUED = QUEUED, _("Đang chờ")
        RUNNING = RUNNING, _("Đang chạy")
        DONE = DONE, _("Hoàn thành")
        FAILED = FAILED, _("Lỗi")

    key = models.CharField(max_length=40)
    attempt = models.PositiveIntegerField(default=1)
    kind = models.CharField(max_length=30, default="report")
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=QUEUED)
    stage = models.CharField(max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")
        constraints = [
            models.UniqueConstraint(fields=["key", "attempt"], name="job_one_row_per_attempt")
        ]
        indexes = [models.Index(fields=["updated"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key[:8]}… #{self.attempt} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def waiting_long(self) -> bool:
        """Queued for over a minute: is a worker running?"""
        age = (timezone.now() - self.created).total_seconds()
        return self.status == QUEUED and age > WAITING_LONG_AFTER

    @property
    def percent(self) -> int:
        if self.status == DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class GeneratedFile(models.Model):
    """A finished file in the default storage, keyed by the data it shows."""

    key = models.CharField(max_length=40)
    ext = models.CharField(max_length=8)
    name = models.CharField(max_length=255)  # the storage's name of the object
    meta = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("tệp đã tạo")
        verbose_name_plural = _("tệp đã tạo")
        constraints = [
            models.UniqueConstraint(fields=["key", "ext"], name="generated_file_one_per_key")
        ]

    def __str__(self) -> str:
        return self.name
