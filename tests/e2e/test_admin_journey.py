"""Journey 3: the TĐKT office exports the yearly award report as PDF and Excel."""

import io
import re
from pathlib import Path

import openpyxl
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.awards.reports.helpers import EXPECTED_SENTENCE
from tests.e2e.a11y import assert_accessible


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_admin_exports_the_yearly_report_as_pdf_and_excel(
    signed_in_page, admin_user, report_world, isolated_media, open_menu
):
    page = signed_in_page(admin_user)
    open_menu(page, "Báo cáo", "Báo cáo kết quả khen thưởng")
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo kết quả khen thưởng")

    page.get_by_label("Phạm vi").select_option(label="Toàn ngành Tư pháp")
    page.get_by_label("Năm", exact=True).fill("2025")
    page.get_by_role("button", name="Xem báo cáo", exact=True).click()
    expect(page.get_by_text(f"Kết quả khen thưởng năm 2025: {EXPECTED_SENTENCE}")).to_be_visible()
    assert_accessible(page)

    # The full PDF is rendered inside this request: give it a loaded machine's time.
    with page.expect_download(timeout=60_000) as pdf_download:
        page.get_by_role("button", name="Tạo báo cáo PDF đầy đủ (kèm danh sách)").click(
            timeout=60_000
        )
    download = pdf_download.value
    assert download.suggested_filename.endswith(".pdf")
    reader = PdfReader(download.path())
    pages = [_flat(p.extract_text()) for p in reader.pages]
    first, whole = pages[0], " ".join(pages)
    assert "BÁO CÁO KẾT QUẢ CÔNG TÁC KHEN THƯỞNG NĂM 2025" in first
    assert f"Kết quả khen thưởng năm 2025: {EXPECTED_SENTENCE}" in first
    assert "cho 01 cá nhân" in first and "08 cá nhân" in first
    assert "Đỗ Thị Lan" in whole and "Trần Thị Hương 3" in whole
    assert re.search(r"Trang 1/\d+", pages[0])
    assert f"Trang {len(pages)}/{len(pages)}" in pages[-1]

    with page.expect_download() as excel_download:
        page.get_by_role("link", name="Excel (tổng hợp và danh sách)", exact=True).click()
    download = excel_download.value
    assert download.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert book.sheetnames == ["Tổng hợp", "Danh sách"]
    summary = [c for row in book["Tổng hợp"].iter_rows(values_only=True) for c in row if c]
    assert "BÁO CÁO KẾT QUẢ CÔNG TÁC KHEN THƯỞNG NĂM 2025" in summary
    rows = list(book["Danh sách"].iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Họ và tên / Tập thể", "Đối tượng")
    an = next(row for row in rows[1:] if row[1] == "Nguyễn Văn An")
    assert an[5] == "Huân chương Lao động hạng Ba"
    assert len(rows) == 1 + 13
