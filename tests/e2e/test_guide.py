"""Journey: a new staff member's first login. The home page's tour shows one step at a time,
is driven by the keyboard alone (focus follows the step, the progress is announced), and once
hidden it stays hidden; the menu's "Hướng dẫn" opens the help page of the screen, and the
guide's search finds pages typed without diacritics. axe-core checks each state."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible


def test_the_first_login_tour_by_keyboard_then_the_guide(signed_in_page, staff_long_an):
    page = signed_in_page(staff_long_an)
    tour = page.get_by_role("region", name="Bắt đầu nhanh")
    expect(tour).to_be_visible()
    steps = tour.locator("[data-tour-step]")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_be_visible()
    expect(steps.nth(1)).to_be_hidden()
    progress = tour.locator("[data-tour-progress]")
    expect(progress).to_have_text("Bước 1/3")
    expect(progress).to_have_attribute("aria-live", "polite")
    previous = tour.get_by_role("button", name="Bước trước")
    following = tour.get_by_role("button", name="Bước tiếp")
    expect(previous).to_be_disabled()
    assert_accessible(page)

    # Keyboard only: Enter on "Bước tiếp" shows step 2 and puts focus on its heading; Tab
    # then reaches that step's own help link.
    following.focus()
    page.keyboard.press("Enter")
    expect(progress).to_have_text("Bước 2/3")
    expect(steps.nth(0)).to_be_hidden()
    heading = steps.nth(1).get_by_role("heading", name=re.compile("^Đăng ký danh hiệu thi đua"))
    expect(heading).to_be_focused()
    page.keyboard.press("Tab")
    expect(
        steps.nth(1).get_by_role(
            "link", name="Đọc thêm trong Hướng dẫn: Đăng ký danh hiệu thi đua", exact=True
        )
    ).to_be_focused()
    following.focus()
    page.keyboard.press("Enter")
    expect(progress).to_have_text("Bước 3/3")
    expect(following).to_be_disabled()
    previous.focus()
    page.keyboard.press("Enter")
    expect(progress).to_have_text("Bước 2/3")
    assert_accessible(page)

    # Hidden by a keyboard press, and still hidden on the next visit.
    tour.get_by_role("button", name="Đã hiểu, ẩn phần giới thiệu").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Đã ẩn phần giới thiệu")
    expect(page.get_by_role("region", name="Bắt đầu nhanh")).to_have_count(0)
    page.goto(reverse("home"))
    expect(page.get_by_role("heading", name="Đơn vị và vai trò của bạn")).to_be_visible()
    expect(page.get_by_role("region", name="Bắt đầu nhanh")).to_have_count(0)

    # The menu's "Hướng dẫn" opens the help page of the screen at hand.
    page.goto(reverse("campaigns:list"))
    page.get_by_role(
        "link", name="Hướng dẫn: Phong trào thi đua và đăng ký danh hiệu", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Phong trào thi đua và đăng ký danh hiệu"
    )
    expect(page.get_by_role("heading", name="Căn cứ pháp lý")).to_be_visible()
    assert_accessible(page)

    # Search without diacritics, from the help page.
    page.get_by_role("searchbox", name="Tìm trong hướng dẫn").fill("khen thuong")
    page.get_by_role("searchbox", name="Tìm trong hướng dẫn").press("Enter")
    expect(
        page.get_by_role("heading", name=re.compile(r"trang khớp với “khen thuong”"))
    ).to_be_visible()
    expect(page.locator(".guide-hits mark").first).to_have_text(re.compile("khen", re.IGNORECASE))
    assert_accessible(page)
    page.locator(".guide-hits a", has_text="Hội đồng thi đua, khen thưởng và bỏ phiếu").click()
    expect(page).to_have_url(re.compile(r"/guide/council/#"))
