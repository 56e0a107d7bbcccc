"""Login throttling behind a proxy: a username is locked on one client address only."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


@pytest.fixture
def users(db):
    return UserFactory(username="nguyen_a"), UserFactory(username="tran_b")


def sign_in(username, password, *, remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(reverse("login"), {"username": username, "password": password}, **headers)


def mistype(username, times=3, **where):
    """The last mistake reaches the limit and is answered with the lockout page."""
    codes = [sign_in(username, "sai-mat-khau", **where).status_code for _ in range(times)]
    assert codes == [200] * (times - 1) + [429]


def test_one_users_typos_never_lock_another_user_behind_the_same_proxy(users):
    mistype("nguyen_a")

    locked = sign_in("nguyen_a", PASSWORD)
    other = sign_in("tran_b", PASSWORD)

    assert locked.status_code == 429
    page = " ".join(locked.content.decode().split())
    assert "Tài khoản <strong>nguyen_a</strong> tạm bị khóa <em>trên máy này</em>" in page
    assert "nhập sai mật khẩu 3 lần liên tiếp" in page
    assert (other.status_code, other.url) == (302, reverse("home"))


def test_with_no_trusted_proxy_a_forged_header_does_not_evade_the_lock(users, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(3):
        sign_in("nguyen_a", "sai", forwarded=f"198.51.100.{n}")

    assert sign_in("nguyen_a", PASSWORD, forwarded="198.51.100.99").status_code == 429


def test_behind_a_trusted_proxy_the_lock_follows_the_client_not_the_forged_entries(users, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(3):  # the client forges a new left-hand entry each time
        sign_in("nguyen_a", "sai", forwarded=f"198.51.100.{n}, 203.0.113.7")

    same_client = sign_in("nguyen_a", PASSWORD, forwarded="1.1.1.1, 203.0.113.7")
    colleague = sign_in("nguyen_a", PASSWORD, forwarded="203.0.113.8")

    assert same_client.status_code == 429
    assert (colleague.status_code, colleague.url) == (302, reverse("home"))
