"""The editor of a drafted document's template: an admin rewords a field and the preview of
the tờ trình follows, before anything is saved."""

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from awards.certificates.document_defaults import DEFAULTS
from awards.certificates.models import DocumentTemplate
from tests.e2e.a11y import ZOOM_400, assert_accessible, assert_fits


def test_the_preview_follows_an_edited_field(signed_in_page, admin_user):
    # The live server's database is emptied between browser tests: seed the general one again.
    template, _created = DocumentTemplate.objects.get_or_create(
        document="submission", authority=None, award_kind="", defaults=DEFAULTS[("submission", "")]
    )
    page = signed_in_page(admin_user)
    page.goto(reverse("certificates:document_template_edit", args=[template.pk]))
    preview = page.locator("#preview")
    expect(preview).to_contain_text("TỜ TRÌNH")
    expect(preview).to_contain_text("Về việc đề nghị tặng Bằng khen của Bộ trưởng Bộ Tư pháp")
    expect(preview).to_contain_text("Nguyễn Thị Thanh Hương")
    assert_accessible(page)

    page.get_by_label("Trích yếu").fill("Về việc đề nghị khen thưởng năm {year} cho {count_words}")
    expect(preview).to_contain_text(
        "Về việc đề nghị khen thưởng năm 2025 cho 02 cá nhân và 01 tập thể"
    )
    page.get_by_label("Kính gửi / thẩm quyền ban hành").fill("Kính gửi: {don_vi}")
    expect(preview).to_contain_text("Trường không có trong danh sách: {don_vi}")
    assert_accessible(page)
    page.screenshot(path=settings.BASE_DIR / "test-artifacts" / "document-template-editor.png")

    template.refresh_from_db()
    assert template.subject == "Về việc đề nghị tặng {award_words}"  # saved only by "Lưu mẫu"


def test_the_template_list_passes_axe_and_reflows(signed_in_page, admin_user):
    for document, kind in DEFAULTS:
        DocumentTemplate.objects.get_or_create(
            document=document, authority=None, award_kind=kind, defaults=DEFAULTS[document, kind]
        )
    page = signed_in_page(admin_user)
    page.goto(reverse("certificates:document_templates"))
    expect(page.get_by_role("row")).to_have_count(5)
    expect(page.get_by_role("link", name="Thêm mẫu tờ trình")).to_be_visible()
    assert_accessible(page)
    assert_fits(page, ZOOM_400)
