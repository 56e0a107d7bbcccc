"""The TĐKT office keeps the award fund: it opens the ministry's ledger for the minister's
awards, records the year's allocation, sees on the draft decision what it will pay, issues
it and finds the payment in the ledger, the balance down by the award's cash amount."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from awards import services
from tests.awards.helpers import vote_and_close
from tests.e2e.a11y import assert_accessible


def test_admin_records_an_allocation_issues_a_decision_and_sees_the_balance_fall(
    signed_in_page,
    open_menu,
    admin_user,
    sector,
    cast,
    appraised,
    wf_council,
    wf_catalogue,
    settings,
):
    settings.THIDUA_BASE_SALARY = 2_340_000
    vote_and_close([appraised.an], wf_council, cast)
    draft = services.decision_draft(
        by=cast.office,
        authority=wf_catalogue.minister,
        issuing_unit=sector.ministry,
        number="123/QĐ-BTP",
        signed_on=datetime.date(2026, 1, 20),
        signer_name="Nguyễn Hải Ninh",
        signer_position="Bộ trưởng",
        recipients=[appraised.an],
    )
    page = signed_in_page(admin_user)
    open_menu(page, "Khen thưởng", "Quỹ thi đua, khen thưởng")
    expect(page.get_by_role("heading", name="Quỹ thi đua, khen thưởng", level=1)).to_be_visible()
    page.get_by_label("Đơn vị quản lý quỹ").select_option(str(sector.ministry.pk))
    page.get_by_label("Cấp khen thưởng").select_option(label="Bộ trưởng Bộ Tư pháp")
    page.get_by_role("button", name="Mở sổ quỹ").click()

    # The year's allocation, entered on the ledger page.
    page.get_by_label("Ngày (dd/mm/yyyy)").fill("05/01/2026")
    page.get_by_label("Số tiền (đồng)").fill("5000000")
    page.get_by_label("Nguồn / nội dung").fill("Dự toán ngân sách năm 2026")
    page.get_by_role("button", name="Ghi khoản cấp quỹ").click()
    expect(page.get_by_text("Đã ghi khoản cấp quỹ 5.000.000 đồng.")).to_be_visible()
    closing = page.locator("[data-amount=closing]")
    expect(closing).to_contain_text("5.000.000 đồng")
    expect(page.get_by_role("cell", name="Cấp quỹ: Dự toán ngân sách năm 2026")).to_be_visible()
    assert_accessible(page)

    # The draft says what it will pay and what is left; it does not overdraw.
    page.goto(reverse("awards:decision_detail", args=[draft.pk]))
    fund = page.locator("#fund-check")
    expect(fund).to_contain_text("5.000.000 đồng")
    expect(fund).to_contain_text("2.340.000 đồng")
    expect(fund).to_contain_text("2.660.000 đồng")
    expect(fund).not_to_contain_text("không đủ")
    assert_accessible(page)
    page.get_by_role("button", name="Ban hành", exact=True).click()
    expect(page.get_by_text("Đã ban hành Quyết định số 123/QĐ-BTP.")).to_be_visible()

    # The ledger shows the payment and the new balance.
    page.goto(reverse("awards:funds") + "?year=2026")
    page.get_by_role("link", name="Bộ Tư pháp").click()
    expect(closing).to_contain_text("2.660.000 đồng")
    payment = page.get_by_role("row").filter(has_text="123/QĐ-BTP")
    expect(payment).to_contain_text("Chi thưởng theo Quyết định số 123/QĐ-BTP")
    expect(payment).to_contain_text("2.340.000")
    assert_accessible(page)
