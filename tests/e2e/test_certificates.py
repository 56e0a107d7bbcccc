"""The certificate template editor: the preview follows the typing, under the site's CSP."""

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from awards.certificates.models import CertificateTemplate, Kind


def test_the_preview_follows_the_wording_as_it_is_typed(signed_in_page, admin_user):
    # The live server's database is emptied between browser tests: make the default again.
    template, _created = CertificateTemplate.objects.get_or_create(kind=Kind.BANG_KHEN, award=None)
    page = signed_in_page(admin_user)
    page.goto(reverse("certificates:template_edit", args=[template.pk]))
    preview = page.locator("#preview")
    expect(preview).to_contain_text("Nguyễn Thị Thanh Hương")
    expect(preview).to_contain_text("TẶNG BẰNG KHEN")

    page.get_by_label("Tiêu đề").fill("TẶNG GIẤY KHEN")
    expect(preview).to_contain_text("TẶNG GIẤY KHEN")
    page.get_by_label("Người / tập thể được khen").fill("{ho_ten}")
    expect(preview).to_contain_text("Trường không có trong danh sách: {ho_ten}")
    page.screenshot(path=settings.BASE_DIR / "test-artifacts" / "certificate-editor.png")

    template.refresh_from_db()
    assert template.title == "TẶNG BẰNG KHEN"  # nothing saved until "Lưu mẫu"
