"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: Chromium comes from the system (``CHROMIUM``, default
/usr/bin/chromium; bin/test installs it). Without it the tests skip on a developer's machine
and fail under CI=true. A failing test leaves a screenshot in test-artifacts/screenshots/.
Every page also fails its test on a JavaScript error or a Content-Security-Policy violation.

Tests here are marked ``e2e`` (``pytest -m "not e2e"`` skips them) and run on a transactional
database, which is emptied after each test (its id sequences restarted): should a migration
ever seed rows, request ``django_db_serialized_rollback`` in ``page`` to restore them.
"""

import contextlib
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

from tests.factories import PASSWORD

# Playwright's sync API keeps an event loop in the main thread, which trips Django's
# async-unsafe guard although every ORM call here stays synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell that a test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package."
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _open_context(browser, base_url):
    """A fresh context (no cookies), in Vietnamese; returns (context, page, problems)."""
    context = browser.new_context(base_url=base_url, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"Console: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    return context, page, problems


def _close_context(request, context, page, suffix=""):
    call = getattr(request.node, "rep_call", None)
    if call is not None and call.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1] + suffix)
        with contextlib.suppress(PlaywrightError):
            page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    context.close()


def _sign_in(page, user):
    page.goto(reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("home")) + "$"))
    return page


@pytest.fixture
def page(request, browser, live_server, django_db_reset_sequences):
    """A fresh browser context (no cookies) per test, in Vietnamese, against the live server.

    The database's id sequences restart with each test: the sector fixture gives Lào Cai the
    id of Long An followed by a 0 (sibling paths that share a prefix), so without the reset
    ids would grow tenfold per test until they overflow SQLite's integers."""
    context, page, problems = _open_context(browser, live_server.url)
    yield page
    _close_context(request, context, page)
    assert not problems, "The page reported problems:\n" + "\n".join(problems)


@pytest.fixture
def signed_in_page(page):
    """``signed_in_page(user)`` signs ``user`` in through the real login form; returns the page."""

    def sign_in(user):
        return _sign_in(page, user)

    return sign_in


@pytest.fixture
def browser_as(request, browser, live_server, page):
    """``browser_as(user)``: ``user`` signed in on a page of their own browser context, as
    when several people work at once (council members voting). Each context is checked for
    JavaScript errors and screenshotted on failure like ``page``."""
    opened = []

    def open_as(user):
        context, other, problems = _open_context(browser, live_server.url)
        opened.append((context, other, problems, user.username))
        return _sign_in(other, user)

    yield open_as
    reported = []
    for context, other, problems, username in opened:
        _close_context(request, context, other, f"-{username}")
        reported += [f"({username}) {problem}" for problem in problems]
    assert not reported, "The pages reported problems:\n" + "\n".join(reported)


# --- Shared setup of the journeys -----------------------------------------------------------
# The campaign, proposal, report and certificate fixtures come from tests/conftest.py
# (pytest_plugins).


@pytest.fixture
def open_menu():
    """``open_menu(page, "Báo cáo", "Báo cáo kết quả khen thưởng")``: a Bootstrap dropdown of
    the navigation bar, then one of its items."""

    def _open(page, menu, item):
        navbar = page.locator("nav.navbar")
        navbar.get_by_role("button", name=menu, exact=True).click()
        navbar.get_by_role("link", name=item, exact=True).click()

    return _open
