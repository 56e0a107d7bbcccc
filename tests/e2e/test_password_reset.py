"""A staff member who forgot their password resets it through the emailed link, signs in
with the new one, and finds the account pages in the user menu; every page passes axe."""

import re
import time

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.thidua.helpers_accounts import IMMEDIATE, forget_counts, link_in

NEW_PASSWORD = "Hoa-Sen-Vang-2027"


def _the_email(count=1, timeout=10.0):
    """The outbox of this process: the live server runs in it, the worker in the request."""
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(mail.outbox) == count, [m.subject for m in mail.outbox]
    return mail.outbox[-1]


def test_a_forgotten_password_is_reset_by_email(page, settings, mailoutbox, staff_long_an):
    settings.TASKS = IMMEDIATE
    forget_counts()
    get_user_model().objects.filter(pk=staff_long_an.pk).update(email="an.staff@moj.gov.vn")

    page.goto(reverse("login"))
    page.get_by_role("link", name="Quên mật khẩu?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quên mật khẩu")
    assert_accessible(page)
    page.get_by_label("Email").fill("An.Staff@moj.gov.vn")
    page.get_by_role("button", name="Gửi liên kết đặt lại mật khẩu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi yêu cầu đặt lại mật khẩu")
    assert_accessible(page)

    message = _the_email()
    assert message.to == ["an.staff@moj.gov.vn"]
    page.goto(link_in(message))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đặt mật khẩu mới")
    assert_accessible(page)
    page.get_by_label(re.compile("^Mật khẩu mới")).fill("ngan")
    page.get_by_label("Xác nhận mật khẩu mới").fill("khac")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile("^Mật khẩu mới")).fill(NEW_PASSWORD)
    page.get_by_label("Xác nhận mật khẩu mới").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã đặt mật khẩu mới")
    assert_accessible(page)

    page.get_by_role("link", name="Đăng nhập", exact=True).click()
    page.get_by_label("Tên đăng nhập").fill(staff_long_an.username)
    page.get_by_label("Mật khẩu").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("home")) + "$"))

    # The account pages are in the user menu.
    navbar = page.locator("nav.navbar")
    navbar.get_by_role("button", name=staff_long_an.first_name, exact=True).click()
    navbar.get_by_role("link", name="Tùy chọn thông báo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tùy chọn thông báo")
    expect(page.get_by_label("nhận thông báo qua email")).to_be_checked()
    assert_accessible(page)
    navbar.get_by_role("button", name=staff_long_an.first_name, exact=True).click()
    navbar.get_by_role("link", name="Đổi mật khẩu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")
    assert_accessible(page)
