"""Finished report files, keyed by the data they show.

A file's key hashes the report's kind, scope, period, issue date and ``ReportData.digest``
(a fingerprint of every count and name it prints), so an unchanged report is served again
without rendering, and any change to what it would print gives a new key. Files live under
``MEDIA_ROOT/reports/`` (shared by the web and worker processes), each with a small JSON
sidecar naming the scope, so a download is checked against the user's access again.
Files older than ``REPORT_CACHE_DAYS`` (default 14) are pruned when new ones are written.
"""

import datetime
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

FORMAT_VERSION = "1"  # bump when the layout changes, so older files are not served
EXTENSIONS = {
    "pdf": "application/pdf",
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def root() -> Path:
    path = Path(settings.MEDIA_ROOT) / "reports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def make_key(kind: str, scope_value: str, period_slug: str, issued_on: datetime.date, digest: str):
    text = "|".join((FORMAT_VERSION, kind, scope_value, period_slug, issued_on.isoformat(), digest))
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def valid_key(key: str) -> bool:
    return len(key) == 40 and all(c in "0123456789abcdef" for c in key)


@dataclass(frozen=True)
class CachedFile:
    key: str
    ext: str
    path: Path
    meta: dict

    @property
    def filename(self) -> str:
        return self.meta.get("filename", f"bao-cao.{self.ext}")

    @property
    def content_type(self) -> str:
        return EXTENSIONS[self.ext]


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def lookup(key: str, ext: str) -> CachedFile | None:
    if not valid_key(key) or ext not in EXTENSIONS:
        return None
    path = root() / f"{key}.{ext}"
    meta_path = root() / f"{key}.{ext}.json"
    if not path.exists() or not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text())
    except (OSError, ValueError):
        return None
    return CachedFile(key, ext, path, meta)


def store(key: str, ext: str, data: bytes, *, meta: dict) -> CachedFile:
    """Write the file and its sidecar; the file first, so a sidecar always has its file."""
    folder = root()
    path = folder / f"{key}.{ext}"
    _write_atomic(path, data)
    _write_atomic(folder / f"{key}.{ext}.json", json.dumps(meta, ensure_ascii=False).encode())
    prune()
    return CachedFile(key, ext, path, meta)


def prune(now: float | None = None) -> int:
    """Delete cached files older than the retention; return how many."""
    days = getattr(settings, "REPORT_CACHE_DAYS", 14)
    limit = (now or time.time()) - days * 86400
    removed = 0
    for path in root().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
