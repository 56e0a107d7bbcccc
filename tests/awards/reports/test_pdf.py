"""The PDF as a reader sees it: text extracted with pypdf, page numbers, repeated headers."""

import datetime
import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from awards.reports import pdf, statistics
from awards.reports.campaigns import campaign_table
from awards.reports.data import load_report
from awards.reports.paginate import body_fonts
from awards.reports.scope import Period, scope_from_value, sector_scope
from awards.reports.statistics import StatRow
from tests.awards.reports.helpers import EXPECTED_SENTENCE
from tests.factories import PersonFactory
from tests.thidua.pdf_helpers import header_text, text_of

ISSUED = datetime.date(2026, 11, 23)
Y2025 = Period(2025, 2025)


def _pages(document: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(document)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_report_reads_as_written_with_its_diacritics(report_world):
    document, count = pdf.render_report(load_report(sector_scope(), Y2025), ISSUED)
    pages = _pages(document)
    assert len(pages) == count
    first = _flat(pages[0])
    for text in (
        "BỘ TƯ PHÁP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 23 tháng 11 năm 2026",
        "BÁO CÁO KẾT QUẢ CÔNG TÁC KHEN THƯỞNG NĂM 2025",
        f"Kết quả khen thưởng năm 2025: {EXPECTED_SENTENCE}",
        "Huân chương Lao động hạng Ba",
        "Thủ tướng Chính phủ",
        "Số liệu không tính 02 trường hợp khen thưởng đã bị hủy bỏ",
    ):
        assert text in first, text
    whole = _flat(" ".join(pages))
    assert "PHỤ LỤC" in whole
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2025" in whole
    assert "Trần Thị Hương 3" in whole and "Đỗ Thị Lan" in whole
    for number, text in enumerate(pages, start=1):
        assert f"Trang {number}/{count}" in text


def test_a_long_annex_rendered_in_parallel_parts_repeats_its_header_and_numbers_pages(
    report_world,
):
    unit = report_world.sector.thads_lao_cai
    for i in range(150):
        person = PersonFactory(full_name=f"Phạm Thị Ngọc Ánh {i:03d}", assigned_to=unit)
        report_world.give("bk-bo-ca-nhan", person=person)
    data = load_report(sector_scope(), Y2025)
    document, count = pdf.render_report(data, ISSUED, rows_per_part=60, processes=2)
    pages = _pages(document)
    annex = [i for i, text in enumerate(pages) if "Phạm Thị Ngọc Ánh" in text]
    assert len(annex) >= 3
    for index in annex:
        assert "Số quyết định" in pages[index] and "Họ và tên / Tập thể" in pages[index]
    assert [f"Trang {n}/{count}" in text for n, text in enumerate(pages, 1)] == [True] * count
    listed = re.findall(r"Phạm Thị Ngọc Ánh (\d{3})", _flat(" ".join(pages)))
    assert sorted(listed) == [f"{i:03d}" for i in range(150)]  # every row, once
    # Parts end on predicted page breaks: no page was added where two parts meet.
    with translation.override("vi"):
        view = pdf.ReportView(data, ISSUED)
        predicted = len(pdf.page_starts(view, list(pdf.annex_rows(data))))
    summary_pages = len(PdfReader(io.BytesIO(pdf.render_summary(data, ISSUED))).pages)
    assert count == summary_pages + predicted


def test_an_empty_year_gives_a_clear_empty_report(report_world):
    document, count = pdf.render_report(load_report(sector_scope(), Period(2019, 2019)), ISSUED)
    whole = _flat(" ".join(_pages(document)))
    assert "BÁO CÁO KẾT QUẢ CÔNG TÁC KHEN THƯỞNG NĂM 2019" in whole
    assert "Trong năm 2019, không có tập thể, cá nhân nào thuộc phạm vi báo cáo" in whole
    assert "Không có tập thể, cá nhân nào được khen thưởng trong phạm vi" in whole
    assert f"Trang {count}/{count}" in whole


def test_the_summary_alone_has_no_annex_and_a_local_place(report_world):
    sector = report_world.sector
    scope = scope_from_value(f"unit:{sector.thads_long_an.pk}", Period(2021, 2025))
    document = pdf.render_summary(load_report(scope, Period(2021, 2025)), ISSUED)
    whole = _flat(" ".join(_pages(document)))
    assert "CỤC QUẢN LÝ THI HÀNH ÁN DÂN SỰ" in whole  # the body above the issuer
    assert "THI HÀNH ÁN DÂN SỰ TỈNH LONG AN" in whole
    assert "Long An, ngày 23 tháng 11 năm 2026" in whole
    assert "GIAI ĐOẠN 2021–2025" in whole
    assert "PHỤ LỤC" not in whole


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2026, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2026"),
        (datetime.date(2026, 2, 28), "Hà Nội, ngày 28 tháng 02 năm 2026"),
        (datetime.date(2026, 11, 3), "Hà Nội, ngày 03 tháng 11 năm 2026"),
    ],
)
def test_place_and_date_follow_the_administrative_style(day, text):
    assert pdf.place_date("Hà Nội", day) == text


def _statistics_pdf(code: str, year: int = 2026) -> bytes:
    scope = sector_scope()
    if code == "0601":
        table = campaign_table(scope, year)
    else:
        table = statistics.award_table(code, scope, year)
    return pdf.render_statistics(table, place="Hà Nội", issued_on=ISSUED, scope=scope)


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("0601", "SỐ PHONG TRÀO THI ĐUA"),
        ("0602", "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"),
        ("0603", "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH"),
    ],
)
def test_statistics_tables_print_the_decree_masthead_and_number_pages_from_two(
    report_world, code, title
):
    document = _statistics_pdf(code)
    whole = text_of(document)
    assert whole.startswith(
        "BỘ TƯ PHÁP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "Hà Nội, ngày 23 tháng 11 năm 2026 "
        f"Biểu số: {code}.N/BNV-TĐKT"
    )
    assert title in whole
    assert "Trang" not in whole
    numbers = header_text(document)
    assert numbers == ["", *[str(n) for n in range(2, len(numbers) + 1)]]


def test_a_statistics_table_over_several_pages_numbers_each_after_the_first(report_world):
    table = statistics.award_table("0603", sector_scope(), 2026)
    table.rows += [StatRow(f"{n:02d}", f"Dòng thử {n}") for n in range(18, 120)]
    document = pdf.render_statistics(table, place="Hà Nội", issued_on=ISSUED)
    numbers = header_text(document)
    assert len(numbers) >= 3
    assert numbers == ["", *[str(n) for n in range(2, len(numbers) + 1)]]


def test_statistics_table_0602_prints_its_counts_in_the_forms_cells(report_world):
    whole = text_of(_statistics_pdf("0602"))
    assert "A B C 1 2 3 4 5 6 7" in whole
    # row 09 Cá nhân: 3 in all, the order (pair 3) and the two Bằng khen of the PM (pair 8)
    assert "Cá nhân 09 Lượt 3 0 0 0 0 0 1 0 0 0 0 0 0 0 0 0 2 0 0 0 0" in whole
    assert "Doanh nhân 12 Lượt " + " ".join(["—"] * 21) in whole


def test_line_estimates_break_at_spaces_hyphens_and_slashes():

    fonts = body_fonts()
    one = fonts.width("20/QĐ-", 8.5)
    assert fonts.lines("20/QĐ-CTHADS", one + 1, 8.5) == 2  # may break after the hyphen
    assert fonts.lines("Nguyễn Văn An", 1000, 8.5) == 1
    assert fonts.lines("Nguyễn Văn An", fonts.width("Nguyễn Văn", 8.5) + 1, 8.5) == 2
    assert fonts.lines("", 10, 8.5) == 0


def test_charts_are_plain_svg_without_inline_styles(report_world):
    data = load_report(sector_scope(), Y2025, recipients=False)
    view = pdf.ReportView(data, ISSUED)
    for chart in (str(view.trend_chart), str(view.form_chart)):
        assert chart.startswith("<svg") and "style=" not in chart and "<script" not in chart
    assert ">13<" in str(view.trend_chart)  # the 2025 bar is labelled with its count
