"""Finished report files, keyed by the data they show.

A file's key hashes the report's kind, scope, period, issue date and ``ReportData.digest``
(a fingerprint of every count and name it prints), so an unchanged report is served again
without rendering, and any change to what it would print gives a new key. The bytes go to
Django's default storage (local disk or object storage, shared by every web node and worker)
under ``reports/``; a ``GeneratedFile`` row holds the key and the scope, so a download is
checked against the user's access again. Files older than ``REPORT_CACHE_DAYS`` (default 14)
are pruned when new ones are written.
"""

import datetime
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from awards.models.jobs import GeneratedFile

FORMAT_VERSION = "1"  # bump when the layout changes, so older files are not served
EXTENSIONS = {
    "pdf": "application/pdf",
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
FOLDER = "reports"


def make_key(kind: str, scope_value: str, period_slug: str, issued_on: datetime.date, digest: str):
    text = "|".join((FORMAT_VERSION, kind, scope_value, period_slug, issued_on.isoformat(), digest))
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def valid_key(key: str) -> bool:
    return len(key) == 40 and all(c in "0123456789abcdef" for c in key)


@dataclass(frozen=True)
class CachedFile:
    key: str
    ext: str
    name: str  # in the default storage
    meta: dict

    @property
    def filename(self) -> str:
        return self.meta.get("filename", f"bao-cao.{self.ext}")

    @property
    def content_type(self) -> str:
        return EXTENSIONS[self.ext]

    def open(self):
        return default_storage.open(self.name, "rb")


def lookup(key: str, ext: str) -> CachedFile | None:
    if not valid_key(key) or ext not in EXTENSIONS:
        return None
    row = GeneratedFile.objects.filter(key=key, ext=ext).first()
    if row is None or not default_storage.exists(row.name):
        return None
    return CachedFile(key, ext, row.name, row.meta)


def store(key: str, ext: str, data: bytes, *, meta: dict) -> CachedFile:
    """Save the file, then its row; a file stored again (same key) replaces the old one."""
    old = GeneratedFile.objects.filter(key=key, ext=ext).first()
    name = default_storage.save(f"{FOLDER}/{key}.{ext}", ContentFile(data))
    try:
        with transaction.atomic():
            GeneratedFile.objects.update_or_create(
                key=key, ext=ext, defaults={"name": name, "meta": meta, "created": timezone.now()}
            )
    except IntegrityError:  # another process stored the same report at the same moment
        default_storage.delete(name)
        row = GeneratedFile.objects.get(key=key, ext=ext)
        return CachedFile(key, ext, row.name, row.meta)
    if old is not None and old.name != name:
        default_storage.delete(old.name)
    prune()
    return CachedFile(key, ext, name, meta)


def prune(now: datetime.datetime | None = None) -> int:
    """Delete cached files older than the retention; return how many."""
    days = getattr(settings, "REPORT_CACHE_DAYS", 14)
    limit = (now or timezone.now()) - timedelta(days=days)
    stale = list(GeneratedFile.objects.filter(created__lt=limit))
    for row in stale:
        default_storage.delete(row.name)
    GeneratedFile.objects.filter(pk__in=[row.pk for row in stale]).delete()
    return len(stale)
