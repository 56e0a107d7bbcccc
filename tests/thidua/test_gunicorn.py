"""The production server really serves: gunicorn, started with docker-compose.yml's command line.

The database is a migrated temporary SQLite file and the static files are collected with the
production storage (hashed, compressed), as the image does at build time; WhiteNoise must
serve them.
"""

import contextlib
import hashlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib.metadata import version
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.thidua.test_deploy import production_env
from thidua.benchmarking import compose_web_command

START_TIMEOUT = 30
STATIC_CACHE = settings.BASE_DIR / "test-artifacts" / "collected-static"
STALE_AFTER = 3600  # seconds before an unused cache of other static sources is removed
# One server for the module: under pytest-xdist (bin/test runs --dist loadgroup) keep its
# tests on one worker, so the slow collectstatic runs once.
pytestmark = pytest.mark.xdist_group("gunicorn")


def compose_gunicorn_args(port):
    """The web service's gunicorn command, bound to loopback with two workers."""
    args = compose_web_command(port, workers=2, environ={})
    return [str(Path(sys.executable).with_name(args[0])), *args[1:]]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers={"Accept-Language": "vi", **headers})
    try:
        # Generous: the first request imports the URLconf, slow on a loaded 2-core machine.
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


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
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not listen on port {port} within {START_TIMEOUT}s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = production_env(tmp, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="False")
    manage(env, "migrate", "--noinput")
    env["STATIC_ROOT"] = str(collected_static(env))
    log = tmp / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            compose_gunicorn_args(port),
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_listening(process, port, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def test_login_page_is_served_in_vietnamese(server):
    status, headers, body = fetch(f"{server}/login/")

    html = body.decode()
    assert status == 200
    assert '<html lang="vi">' in html
    assert "Đăng nhập hệ thống thi đua – khen thưởng" in html
    assert headers["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
    assert headers["X-Frame-Options"] == "DENY"


def test_static_files_are_served_by_whitenoise_with_long_cache(server):
    html = fetch(f"{server}/login/")[2].decode()
    stylesheet = re.search(r'href="(/static/bootstrap/css/bootstrap\.min\.\w+\.css)"', html)
    assert stylesheet, "the bootstrap stylesheet is not served under a hashed name"

    status, headers, _body = fetch(server + stylesheet.group(1), **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]


def test_behind_the_tls_proxy_cookies_are_secure_and_hsts_is_sent(server):
    status, headers, _body = fetch(f"{server}/login/", **{"X-Forwarded-Proto": "https"})

    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    csrf_cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
    assert "Secure" in csrf_cookie
    assert "HttpOnly" in csrf_cookie


def test_unknown_host_is_rejected(server):
    status, _headers, _body = fetch(f"{server}/login/", Host="evil.example.com")

    assert status == 400
