"""Journey: a leader ticks two registration lines on the review page and accepts them in one
step; the tabs count the lines of each state; the page fits a phone's 375 px."""

from django.urls import reverse
from playwright.sync_api import expect

from awards.catalogue.models import Award
from campaigns.models import Registration
from tests.e2e.a11y import PHONE, assert_accessible, page_overflow
from tests.e2e.builders import sent_registrations
from tests.factories import AwardFactory, CampaignFactory, RegistrationFactory


def test_a_leader_accepts_two_ticked_lines_at_once(signed_in_page, sector, cast, five_people):
    campaign, lines = sent_registrations(sector, five_people)
    page = signed_in_page(cast.leader)
    page.goto(reverse("campaigns:review", args=[campaign.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xét duyệt đăng ký năm")
    expect(page.get_by_role("link", name="Đã gửi (5)", exact=True)).to_be_visible()
    # The script shows "select all"; ticking it ticks every row, unticking clears them.
    select_all = page.get_by_role("checkbox", name="Chọn tất cả các dòng trên trang")
    select_all.check()
    expect(page.locator('input[name="line"]:checked')).to_have_count(5)
    select_all.uncheck()
    expect(page.locator('input[name="line"]:checked')).to_have_count(0)
    assert_accessible(page)

    first, second = five_people[:2]
    for person in (first, second):
        page.get_by_role(
            "checkbox", name=f"Chọn dòng: {person.full_name} – Lao động tiên tiến", exact=True
        ).check()
    page.get_by_role("button", name="Đồng ý các dòng đã chọn", exact=True).click()
    expect(page.get_by_text("Đã đồng ý 2 dòng đăng ký.")).to_be_visible()
    expect(page.get_by_role("link", name="Đã gửi (3)", exact=True)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=first.full_name)).to_have_count(0)

    page.get_by_role("link", name="Đã duyệt (2)", exact=True).click()
    expect(page.get_by_role("link", name="Đã duyệt (2)", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    for person in (first, second):
        expect(page.get_by_role("row").filter(has_text=person.full_name)).to_contain_text(
            "Đã duyệt"
        )
    assert [Registration.objects.get(pk=line.pk).status for line in lines] == [
        "accepted",
        "accepted",
        "submitted",
        "submitted",
        "submitted",
    ]

    # At a phone's width the page does not scroll sideways (only the table's own box may).
    page.get_by_role("link", name="Đã gửi (3)", exact=True).click()
    expect(page.get_by_role("link", name="Đã gửi (3)", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    page.set_viewport_size(PHONE)
    width, viewport = page_overflow(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert width <= viewport, f"the review page is {width}px wide on a {viewport}px screen"
    assert_accessible(page)


def test_staff_send_the_drafts_of_their_unit_and_its_sub_units_after_a_confirmation(
    signed_in_page, sector, staff_long_an_province, five_people
):
    ldtt = AwardFactory(code="ldtt", name="Lao động tiên tiến", kind=Award.Kind.TITLE)
    campaign = CampaignFactory(
        name="Thi đua hoàn thành xuất sắc nhiệm vụ năm",
        launched_by=sector.hq,
        scope_units=[sector.thads_long_an],
        awards=[ldtt],
    )
    drafts = [
        RegistrationFactory(campaign=campaign, award=ldtt, unit=sector.district, person=person)
        for person in five_people[:3]
    ]
    page = signed_in_page(staff_long_an_province)
    page.goto(reverse("campaigns:unit", args=[campaign.pk, sector.thads_long_an.pk]))
    page.get_by_role("link", name="Gửi nháp cả đơn vị trực thuộc…", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gửi đăng ký nháp năm")
    row = page.get_by_role("row").filter(has_text=sector.district.name)
    expect(row).to_contain_text("3")
    assert_accessible(page)
    page.get_by_role("button", name="Gửi 3 đăng ký nháp", exact=True).click()
    expect(page.get_by_text("Đã gửi 3 đăng ký.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đăng ký thi đua năm")
    assert {Registration.objects.get(pk=line.pk).status for line in drafts} == {"submitted"}
