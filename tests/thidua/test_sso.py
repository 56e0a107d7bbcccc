"""Single sign-on (OpenID Connect) against a small provider on 127.0.0.1 started by the test.

An identity signs in as the one existing user with its username or email (any case); it never
creates a user or a role, and an identity nobody matches is refused with a clear message.
With SSO off (the default) the login page and the URLs are as without it.
"""

import importlib
import os
import subprocess
import sys
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, clear_url_caches, reverse

from tests.factories import UserFactory
from tests.thidua.oidc_provider import Provider
from units.models import UnitRole

SSO_BUTTON = "Đăng nhập bằng tài khoản một cửa (SSO)"
NO_MATCH = (
    "Tài khoản một cửa của bạn chưa gắn với người dùng nào của hệ thống thi đua – khen "
    "thưởng (không trùng tên đăng nhập hay email). Vui lòng liên hệ quản trị để được cấp "
    "tài khoản."
)
FAILED = (
    "Không đăng nhập được bằng tài khoản một cửa. Vui lòng thử lại hoặc đăng nhập bằng mật khẩu."
)


def _reload_urls():
    import thidua.urls  # noqa: PLC0415 - reloaded with the settings of the test

    importlib.reload(thidua.urls)
    clear_url_caches()


@pytest.fixture
def provider(settings, db):
    with Provider() as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "thidua.sso.MatchingBackend",
        ]
        _reload_urls()
        yield running
        settings.OIDC_ENABLED = False
        _reload_urls()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sign_on(client, provider, identity: dict):
    """The browser's round trip: our /oidc/authenticate/, the provider's authorize, our
    callback; returns the callback's response."""
    provider.identity = identity
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start.url.startswith(f"{provider.url}/authorize?")
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.request.HTTPError) as answer:
        opener.open(start.url)
    callback = urlsplit(answer.value.headers["Location"])
    assert callback.path == reverse("oidc_authentication_callback")
    return client.get(f"{callback.path}?{callback.query}")


def _page(client, url) -> str:
    return client.get(url).content.decode()


def test_the_login_page_offers_single_sign_on_when_configured(client, provider):
    page = _page(client, reverse("login"))
    assert SSO_BUTTON in page
    assert f'href="{reverse("oidc_authentication_init")}"' in page


def test_an_identity_signs_in_as_the_user_with_its_username(client, provider, staff_long_an):
    response = _sign_on(
        client, provider, {"sub": "0123456789", "preferred_username": "STAFF_Long_An"}
    )
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == staff_long_an


def test_an_identity_signs_in_as_the_user_with_its_email(client, provider, sector):
    user = UserFactory(username="nguyen.van.an", email="An.NV@moj.gov.vn")
    identity = {"sub": "987", "preferred_username": "an.nv.0123", "email": "an.nv@MOJ.gov.vn"}
    response = _sign_on(client, provider, identity)
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["user"] == user


def test_an_unknown_identity_is_refused_and_nothing_is_created(client, provider, staff_long_an):
    users, roles = get_user_model().objects.count(), UnitRole.objects.count()
    identity = {"sub": "555", "preferred_username": "nguoi.la", "email": "nguoi.la@gmail.com"}
    response = _sign_on(client, provider, identity)
    assert response.status_code == 302 and response.url == reverse("login")
    page = client.get(reverse("login"))
    assert [str(m) for m in page.context["messages"]] == [NO_MATCH]
    assert not page.context["user"].is_authenticated
    assert (get_user_model().objects.count(), UnitRole.objects.count()) == (users, roles)


def test_an_inactive_user_is_not_signed_in(client, provider, staff_long_an):
    get_user_model().objects.filter(pk=staff_long_an.pk).update(is_active=False)
    response = _sign_on(client, provider, {"sub": "1", "preferred_username": "staff_long_an"})
    assert response.url == reverse("login")
    assert [str(m) for m in client.get(reverse("login")).context["messages"]] == [NO_MATCH]


def test_a_token_issued_to_another_client_is_refused(client, provider, staff_long_an):
    provider.audience = "another-app"
    response = _sign_on(client, provider, {"sub": "1", "preferred_username": "staff_long_an"})
    assert response.url == reverse("login")
    page = client.get(reverse("login"))
    assert [str(m) for m in page.context["messages"]] == [FAILED]
    assert not page.context["user"].is_authenticated


def test_with_sso_off_the_login_page_and_urls_are_unchanged(client, db):
    assert django_settings.OIDC_ENABLED is False
    page = _page(client, reverse("login"))
    assert SSO_BUTTON not in page and "/oidc/" not in page
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
    assert client.get("/oidc/authenticate/").status_code == 404
    assert "thidua.sso.MatchingBackend" not in django_settings.AUTHENTICATION_BACKENDS


@pytest.mark.parametrize("client_id", ["", "thidua"])
def test_sso_is_switched_on_by_the_environment(client_id):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.OIDC_ENABLED, s.AUTHENTICATION_BACKENDS[-1], getattr(s, 'OIDC_CREATE_USER', '-'))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://sso.example.gov.vn/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": "https://sso.example.gov.vn/token",
        "OIDC_OP_USER_ENDPOINT": "https://sso.example.gov.vn/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": "https://sso.example.gov.vn/jwks",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    expected = (
        "True thidua.sso.MatchingBackend False"
        if client_id
        else "False django.contrib.auth.backends.ModelBackend -"
    )
    assert result.stdout.strip() == expected
