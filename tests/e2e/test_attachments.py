"""The unit's office files the signed scan of an issued decision: it opens the upload form
on the decision's page, sends the scan, sees it listed and in the history, without a remove
button (an issued decision keeps its papers); the page passes axe."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.awards.helpers import PDF
from tests.e2e.a11y import assert_accessible
from tests.factories import DecisionFactory


def test_the_office_files_the_signed_scan_of_a_decision(
    signed_in_page, staff_lao_cai, sector, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    decision = DecisionFactory(issuing_unit=sector.thads_lao_cai, number="15/QĐ-THADS")
    page = signed_in_page(staff_lao_cai)
    page.goto(reverse("awards:decision_detail", args=[decision.pk]))
    papers = page.get_by_role("region", name="Tài liệu đính kèm")
    expect(papers.get_by_text("Chưa có tài liệu đính kèm.")).to_be_visible()

    papers.get_by_text("Tải lên tài liệu").click()
    papers.get_by_label("Loại tài liệu").select_option(label="Bản scan có chữ ký")
    papers.get_by_label("Tiêu đề").fill("Quyết định 15/QĐ-THADS có chữ ký")
    papers.get_by_label("Tệp (PDF, DOC, DOCX, XLS, XLSX, JPG, PNG)").set_input_files(
        {"name": "qd-15-scan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    papers.get_by_role("button", name="Tải lên").click()

    expect(page.get_by_text("Đã tải lên tài liệu.")).to_be_visible()
    papers = page.get_by_role("region", name="Tài liệu đính kèm")
    expect(papers.get_by_role("link", name="qd-15-scan.pdf")).to_be_visible()
    expect(papers.get_by_text("chỉ quản trị viên (Văn phòng TĐKT) mới gỡ được")).to_be_visible()
    expect(papers.get_by_role("button", name="Gỡ")).to_have_count(0)
    expect(page.get_by_role("cell", name="Đính kèm tài liệu")).to_be_visible()
    assert_accessible(page)
