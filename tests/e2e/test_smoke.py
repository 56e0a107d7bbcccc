"""The first thing every user does: sign in through the real form, in a real browser."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible


def test_staff_signs_in_and_sees_their_unit(signed_in_page, staff_long_an, sector):
    page = signed_in_page(staff_long_an)

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    expect(page.get_by_role("heading", name="Đơn vị và vai trò của bạn")).to_be_visible()
    roles = page.get_by_role("region", name="Đơn vị và vai trò của bạn")
    unit_card = roles.locator(".card", has_text=sector.district.name)
    expect(unit_card).to_be_visible()
    expect(unit_card).to_contain_text("Cán bộ nhập liệu")
    expect(page.get_by_text(sector.thads_lao_cai.name)).to_have_count(0)
    # Bootstrap's stylesheet is really applied: the navbar is laid out as a flex row.
    expect(page.locator("nav.navbar")).to_have_css("display", "flex")
    assert_accessible(page)


def test_wrong_password_shows_vietnamese_error_and_keeps_username(page, staff_long_an):
    page.goto(reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(staff_long_an.username)
    page.get_by_label("Mật khẩu").fill("not-the-password")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()

    expect(page.locator(".alert-danger")).to_contain_text(
        "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác"
    )
    expect(page).to_have_url(re.compile(re.escape(reverse("login")) + "$"))
    expect(page.get_by_label("Tên đăng nhập")).to_have_value(staff_long_an.username)
    expect(page.get_by_label("Mật khẩu")).to_have_value("")
