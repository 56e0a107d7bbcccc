"""Journey: the home page's to-do follows the work. The staff sees one draft to send, sends
it, and the count goes to 0; the leader sees one line waiting since today, accepts it, and
the count goes to 0."""

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import Registration
from tests.e2e.a11y import assert_accessible
from tests.factories import RegistrationFactory

S = Registration.Status


def _todo(page, role):
    return page.locator(f".todo-{role} .todo-line")


def test_the_home_to_do_counts_follow_the_work(
    signed_in_page, browser_as, staff_long_an, leader_long_an, sector, campaign, catalogue
):
    line = RegistrationFactory(campaign=campaign, unit=sector.district, award=catalogue.tt_ldxs)
    page = signed_in_page(staff_long_an)

    # The staff's home: one draft to send, linked to the drafts of their unit.
    drafts = _todo(page, "staff").filter(has_text="Bản đăng ký nháp chờ gửi")
    expect(drafts).to_have_text("Bản đăng ký nháp chờ gửi: 1")
    assert_accessible(page)
    drafts.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(sector.district.name)
    page.get_by_role("link", name="Tập thể", exact=True).click()
    page.get_by_role("button", name="Gửi đăng ký", exact=True).click()
    expect(page.locator(".badge", has_text="Đã gửi").first).to_be_visible()
    line.refresh_from_db()
    assert line.status == S.SUBMITTED

    page.goto(reverse("home"))
    expect(_todo(page, "staff").filter(has_text="Bản đăng ký nháp")).to_have_text(
        "Bản đăng ký nháp chờ gửi: 0"
    )

    # The leader's home: one line waiting since today, then none once accepted.
    leader = browser_as(leader_long_an)
    today = timezone.localdate().strftime("%d/%m/%Y")
    waiting = _todo(leader, "leader").filter(has_text="Đăng ký thi đua chờ lãnh đạo duyệt")
    expect(waiting).to_have_text(f"Đăng ký thi đua chờ lãnh đạo duyệt: 1 (chờ lâu nhất từ {today})")
    assert_accessible(leader)
    waiting.get_by_role("link").click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text("Xét duyệt đăng ký")
    leader.get_by_role("button", name=f"Duyệt: {sector.district.name}", exact=True).click()
    expect(leader.get_by_role("button", name=f"Duyệt: {sector.district.name}")).to_have_count(0)
    line.refresh_from_db()
    assert line.status == S.ACCEPTED

    leader.goto(reverse("home"))
    expect(_todo(leader, "leader").filter(has_text="Đăng ký thi đua chờ")).to_have_text(
        "Đăng ký thi đua chờ lãnh đạo duyệt: 0"
    )
    assert_accessible(leader)
