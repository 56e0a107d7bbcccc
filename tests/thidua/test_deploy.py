"""Production settings: secure by default, and unable to start without a secret key.

The test settings turn HTTPS off for the live server, so the production checks run
``manage.py`` in a subprocess with a production environment, as the container does.
"""

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.thidua.servers import production_env

# Variables a local .env could set that would change what these tests prove.
SECURITY_VARIABLES = {"SECRET_KEY", "SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"}


def manage(env, *args, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def no_local_security_overrides():
    """Skip when the developer's .env sets a security variable the subprocess would read."""
    dotenv = settings.BASE_DIR / ".env"
    if not dotenv.exists():
        return
    keys = set(re.findall(r"^\s*(?:export\s+)?(\w+)\s*=", dotenv.read_text(), re.MULTILINE))
    if keys & SECURITY_VARIABLES:
        pytest.skip(f".env sets {sorted(keys & SECURITY_VARIABLES)}: production defaults hidden")


def test_deploy_checks_pass_with_production_settings(tmp_path, no_local_security_overrides):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_weak_production_settings_are_reported(tmp_path, no_local_security_overrides):
    env = production_env(tmp_path, SECURE="False", SECRET_KEY="short")
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W009", "security.W012"):
        assert check in result.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path, no_local_security_overrides):
    result = manage(production_env(tmp_path, SECRET_KEY=None), "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the SECRET_KEY environment variable" in result.stderr


def test_debug_default_is_off(tmp_path, no_local_security_overrides):
    env = production_env(tmp_path, DEBUG=None)
    result = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_plain_http_is_redirected_to_https(tmp_path, no_local_security_overrides):
    env = production_env(tmp_path)
    script = (
        "from django.test import Client\n"
        "r = Client(HTTP_HOST='thidua.example.gov.vn').get('/login/')\n"
        "print(r.status_code, r.headers['Location'])\n"
    )
    result = manage(env, "shell", "--no-imports", "-c", script)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["301", "https://thidua.example.gov.vn/login/"]


def test_pages_carry_security_headers(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert csp == settings.CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
