"""The production server really serves: gunicorn, started with docker-compose.yml's command line.

The database is a migrated temporary SQLite file and the static files are collected with the
production storage (hashed, compressed), as the image does at build time; WhiteNoise must
serve them.
"""

import re
import subprocess
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from tests.thidua.servers import (
    collected_static,
    compose_gunicorn_args,
    free_port,
    manage,
    production_env,
    wait_until_listening,
)
from thidua.bench.measured import stop

# One server for the module: under pytest-xdist (bin/test runs --dist loadgroup) keep its
# tests on one worker, so the slow collectstatic runs once.
pytestmark = pytest.mark.xdist_group("gunicorn")


def fetch(url, **headers):
    request = urllib.request.Request(url, headers={"Accept-Language": "vi", **headers})
    try:
        # Generous: the first request imports the URLconf, slow on a loaded 2-core machine.
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


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
        stop(process)


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
