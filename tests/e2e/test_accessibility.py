"""WCAG 2.1 AA by keyboard and screen reader, and the phone-width layout (issue #16 §3–4).

The journeys run axe-core on every page they visit (tests/e2e/a11y.py); these tests pin what
axe cannot see: where focus goes, what an error is tied to, and the 375 px review page."""

import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from awards.catalogue.models import Award
from campaigns.models import Registration
from tests.e2e.a11y import PHONE, ZOOM_400, assert_accessible, assert_fits, page_overflow
from tests.factories import AwardFactory, CampaignFactory, PersonFactory, RegistrationFactory


def test_review_page_fits_a_phone_and_names_each_rows_buttons(
    signed_in_page, sector, cast, five_people
):
    ldtt = AwardFactory(code="ldtt", name="Lao động tiên tiến", kind=Award.Kind.TITLE)
    campaign = CampaignFactory(
        name="Thi đua hoàn thành xuất sắc nhiệm vụ năm",
        launched_by=sector.hq,
        scope_units=[sector.thads_long_an],
        awards=[ldtt],
    )
    # A long unbroken name, as an import sometimes leaves: it wraps instead of widening the page.
    long_name = PersonFactory(
        full_name="Nguyễn-Trần-Lê-Phạm-Hoàng-Huỳnh-Phan-Vũ-Võ-Đặng-Bùi-Đỗ-Hồ-Ngô-Dương-Lý",
        assigned_to=sector.district,
    )
    for person in [*five_people, long_name]:
        RegistrationFactory(
            campaign=campaign,
            award=ldtt,
            unit=sector.district,
            person=person,
            status=Registration.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
    page = signed_in_page(cast.leader)
    page.set_viewport_size(PHONE)
    page.goto(reverse("campaigns:review", args=[campaign.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xét duyệt đăng ký năm")

    width, viewport = page_overflow(page)
    assert viewport <= PHONE["width"]
    if width > viewport:
        assert_fits(page)  # names the elements that stick out
    assert width <= viewport, f"the review page is {width}px wide on a {viewport}px screen"
    # The table scrolls inside its own box, never the page.
    expect(page.locator(".table-responsive > table")).to_have_count(1)
    first = five_people[0]
    row = page.get_by_role("row").filter(has_text=first.full_name)
    expect(row.get_by_role("button", name=f"Duyệt: {first.full_name}", exact=True)).to_be_visible()
    expect(row.get_by_role("textbox", name=f"Lý do trả lại: {first.full_name}")).to_be_attached()
    assert_accessible(page, fits=False)


def test_login_errors_take_focus_and_are_tied_to_their_inputs(page, staff_long_an):
    page.goto(reverse("login"))
    # The first Tab reaches the skip link; it leads to the main content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Chuyển đến nội dung chính")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Tên đăng nhập")).to_be_focused()

    page.get_by_label("Tên đăng nhập").fill(staff_long_an.username)
    page.get_by_label("Mật khẩu").fill("not-the-password")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác")
    expect(alert).to_be_focused()
    for label in ("Tên đăng nhập", "Mật khẩu"):
        field = page.get_by_label(label)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile("mật khẩu chính xác"))
    assert_accessible(page)

    # A field's own error: the field is invalid, described by its error, and takes focus.
    page.get_by_label("Tên đăng nhập").fill("")
    page.get_by_label("Mật khẩu").fill("x")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    username = page.get_by_label("Tên đăng nhập")
    expect(username).to_have_attribute("aria-invalid", "true")
    expect(username).to_have_accessible_description(re.compile(r"\w"))
    expect(username).to_be_focused()


def test_unit_tree_toggles_are_not_links(signed_in_page, admin_user, sector):
    page = signed_in_page(admin_user)
    page.goto(reverse("units:tree"))
    expect(page.locator(".units-tree summary a")).to_have_count(0)
    expect(page.get_by_role("link", name=sector.thads_long_an.name, exact=True)).to_be_visible()
    # Each toggle is named for its unit and opens or closes its sub-units.
    toggle = page.locator(".units-tree summary").first
    expect(toggle).to_have_accessible_name(re.compile("^Đơn vị trực thuộc "))
    details = page.locator(".units-tree details").first
    expect(details).to_have_attribute("open", "")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(details).not_to_have_attribute("open", "")
    expect(page.get_by_role("link", name=sector.thads_long_an.name, exact=True)).to_be_hidden()
    assert_accessible(page)


# The menu's pages with a year of awards behind them: each passes axe and fits 375 px, and
# 320 px (400 % zoom).
MENU_PAGES = [
    ("home", "/"),
    ("units:tree", None),
    ("units:people", None),
    ("units:clusters", None),
    ("campaigns:list", None),
    ("campaigns:pledges", None),
    ("campaigns:scoring_home", None),
    ("awards:proposals", None),
    ("awards:sessions", None),
    ("awards:decisions", None),
    ("certificates:register", None),
    ("awards:catalogue", None),
    ("certificates:templates", None),
    ("certificates:document_templates", None),
    ("dashboard", "?year=2025"),
    ("reports:index", "?scope=&start=2025"),
    ("reports:statistics", "?scope=sector&year=2026&form=0602"),  # with table 0602
    ("awards:notifications", None),
    ("audit_log", None),
]


def test_every_menu_page_passes_axe_and_reflows(signed_in_page, admin_user, report_world):
    page = signed_in_page(admin_user)
    failures = []
    for name, query in MENU_PAGES:
        url = "/" if name == "home" else reverse(name) + (query or "")
        response = page.goto(url)
        assert response.ok, f"{url}: {response.status}"
        try:
            assert_accessible(page)
            assert_fits(page, ZOOM_400)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)
