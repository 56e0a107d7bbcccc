"""The certificate template editor: the preview follows the typing, under the site's CSP."""

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from awards.certificates import services
from awards.certificates.models import CertificateTemplate, Kind
from tests.awards.certificates.helpers import confer_people, make_decision
from tests.e2e.a11y import assert_accessible


def test_the_preview_follows_the_wording_as_it_is_typed(signed_in_page, admin_user):
    # The live server's database is emptied between browser tests: make the default again.
    template, _created = CertificateTemplate.objects.get_or_create(kind=Kind.BANG_KHEN, award=None)
    page = signed_in_page(admin_user)
    page.goto(reverse("certificates:template_edit", args=[template.pk]))
    preview = page.locator("#preview")
    expect(preview).to_contain_text("Nguyễn Thị Thanh Hương")
    expect(preview).to_contain_text("TẶNG BẰNG KHEN")
    assert_accessible(page)

    page.get_by_label("Tiêu đề").fill("TẶNG GIẤY KHEN")
    expect(preview).to_contain_text("TẶNG GIẤY KHEN")
    page.get_by_label("Người / tập thể được khen").fill("{ho_ten}")
    expect(preview).to_contain_text("Trường không có trong danh sách: {ho_ten}")
    page.screenshot(path=settings.BASE_DIR / "test-artifacts" / "certificate-editor.png")

    template.refresh_from_db()
    assert template.title == "TẶNG BẰNG KHEN"  # nothing saved until "Lưu mẫu"


def test_the_print_page_lists_recipients_their_numbers_and_refusals(
    signed_in_page,
    admin_user,
    sector,
    ubnd,
):
    catalogue = ubnd
    decision = make_decision(sector, catalogue)
    people = confer_people(
        decision, catalogue.award, sector.district, ["Nguyễn Thị Thanh Hương", "Lê Văn Tám"]
    )
    services.certificates_print(decision=decision, conferments=people[:1], by=admin_user)
    people[1].revoked = True
    people[1].save()
    page = signed_in_page(admin_user)
    page.goto(reverse("certificates:decision", args=[decision.pk]))
    row = page.get_by_role("row", name="Nguyễn Thị Thanh Hương")
    expect(row).to_contain_text("0001")
    expect(page.get_by_role("row", name="Lê Văn Tám")).to_contain_text("thu hồi")
    expect(page.get_by_role("button", name="In bằng (PDF)")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=settings.BASE_DIR / "test-artifacts" / "certificate-print.png")
