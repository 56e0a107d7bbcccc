"""The TĐKT office finds decisions in a long list: it sorts the list by number one way and
the other, then filters it by year and status and sees only the matching decisions."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from awards.models import Decision
from tests.e2e.a11y import assert_accessible
from tests.factories import AuthorityFactory, DecisionFactory


def _numbers(page) -> list[str]:
    return page.locator("table tbody tr td:first-child").all_inner_texts()


def test_admin_sorts_and_filters_the_decisions(signed_in_page, admin_user, sector):
    minister = AuthorityFactory(name="Bộ trưởng Bộ Tư pháp")
    for number, year, status in [
        ("12/QĐ-BTP", 2024, Decision.Status.ISSUED),
        ("31/QĐ-BTP", 2025, Decision.Status.DRAFT),
        ("07/QĐ-BTP", 2025, Decision.Status.ISSUED),
        ("25/QĐ-BTP", 2025, Decision.Status.ISSUED),
    ]:
        DecisionFactory(
            number=number,
            year=year,
            signed_on=datetime.date(year, 3, int(number[:2]) % 28 + 1),
            status=status,
            authority=minister,
            issuing_unit=sector.ministry,
        )
    page = signed_in_page(admin_user)
    page.goto(reverse("awards:decisions"))
    expect(page.get_by_role("heading", name="Quyết định khen thưởng")).to_be_visible()

    number = page.get_by_role("columnheader", name="Số, ký hiệu")
    expect(number).not_to_have_attribute("aria-sort", "ascending")
    number.get_by_role("link").click()
    expect(number).to_have_attribute("aria-sort", "ascending")
    assert _numbers(page) == ["07/QĐ-BTP", "12/QĐ-BTP", "25/QĐ-BTP", "31/QĐ-BTP"]
    assert_accessible(page)

    number.get_by_role("link").click()
    expect(number).to_have_attribute("aria-sort", "descending")
    assert _numbers(page) == ["31/QĐ-BTP", "25/QĐ-BTP", "12/QĐ-BTP", "07/QĐ-BTP"]

    page.get_by_label("Năm").fill("2025")
    page.get_by_label("Trạng thái").select_option(label="Đã ban hành")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(page.get_by_role("link", name="Bỏ lọc")).to_be_visible()
    expect(number).to_have_attribute("aria-sort", "descending")  # the order is kept
    assert _numbers(page) == ["25/QĐ-BTP", "07/QĐ-BTP"]
    assert_accessible(page)

    page.get_by_role("link", name="Bỏ lọc").click()
    expect(page.locator("table tbody tr")).to_have_count(4)
