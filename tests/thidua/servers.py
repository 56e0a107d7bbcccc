"""Production processes for tests: gunicorn with docker-compose.yml's command line, helpers.

Shared by the tests that start real servers (tests/thidua/test_gunicorn.py, test_two_nodes.py).
"""

import contextlib
import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import django
from django.conf import settings
from django.contrib.staticfiles import finders

from thidua.bench.measured import (
    ServerDidNotStart,
    compose_web_command,
    wait_listening,
)


def production_env(tmp_path, **overrides):
    """The environment of a production process: nothing from the test run but PATH and locale."""
    env = {key: os.environ.get(key) for key in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")}
    env.update(
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="thidua.example.gov.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


START_TIMEOUT = 30
STATIC_CACHE = settings.BASE_DIR / "test-artifacts" / "collected-static"
STALE_AFTER = 3600  # seconds before an unused cache of other static sources is removed


def compose_gunicorn_args(port, workers=2):
    """The web service's gunicorn command, bound to loopback."""
    args = compose_web_command(port, workers=workers, environ={})
    return [str(Path(sys.executable).with_name(args[0])), *args[1:]]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def collected_static(env):
    """collectstatic's output, kept in test-artifacts/ while no static source file changes.

    Compressing every file takes most of a minute; both database legs and later runs reuse it.
    """
    digest = hashlib.sha256(f"{django.__version__} {version('whitenoise')}".encode())
    digest.update((settings.BASE_DIR / "thidua" / "settings.py").read_bytes())
    sources = []
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = Path(storage.path(path)).stat()
            sources.append(f"{path} {stat.st_size} {stat.st_mtime_ns}\n")
    digest.update("".join(sorted(sources)).encode())
    key = digest.hexdigest()[:16]
    cache = STATIC_CACHE / key
    if (cache / "staticfiles.json").exists():
        return cache
    STATIC_CACHE.mkdir(parents=True, exist_ok=True)
    for stale in STATIC_CACHE.iterdir():
        with contextlib.suppress(FileNotFoundError):
            if time.time() - stale.stat().st_mtime > STALE_AFTER:
                shutil.rmtree(stale, ignore_errors=True)
    # Collect aside and rename: runs sharing the work tree never see a half-written copy.
    partial = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=STATIC_CACHE))
    manage({**env, "STATIC_ROOT": str(partial)}, "collectstatic", "--noinput")
    if not (cache / "staticfiles.json").exists():
        shutil.rmtree(cache, ignore_errors=True)  # left by an interrupted run
    try:
        partial.rename(cache)
    except OSError:  # another run finished first
        shutil.rmtree(partial, ignore_errors=True)
    return cache


def wait_until_listening(process, port, log):
    try:
        wait_listening(process, port, log, timeout=START_TIMEOUT)
    except ServerDidNotStart as error:
        raise AssertionError(str(error)) from None
