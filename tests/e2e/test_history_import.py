"""The TĐKT office loads a province's decade of decisions from one Excel file: a file with
one bad row is refused whole, naming the row; the corrected file is confirmed and its
decisions appear in the decision list."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from awards.catalogue.seed import seed_catalogue
from awards.models import Conferment, Decision
from tests.e2e.builders import decade_of_decisions, xlsx_upload
from tests.factories import PersonFactory


def test_admin_loads_a_decade_of_decisions(signed_in_page, admin_user, sector):
    seed_catalogue()
    people = [
        PersonFactory(full_name=name, assigned_to=sector.thads_long_an)
        for name in ("Nguyễn Văn An", "Lê Thị Bình", "Phạm Văn Cường")
    ]
    page = signed_in_page(admin_user)
    page.goto(reverse("awards:decisions"))
    page.get_by_role("link", name="Nhập lịch sử từ Excel").click()
    expect(page.get_by_role("heading", name="Nhập lịch sử khen thưởng từ Excel")).to_be_visible()
    field = page.get_by_label("Tệp Excel lịch sử khen thưởng (.xlsx)")

    bad = decade_of_decisions(people, "thads-long-an", bad_row=True)
    field.set_input_files(xlsx_upload("lich-su-long-an.xlsx", bad))
    page.get_by_role("button", name="Tải lên và xem trước", exact=True).click()
    expect(
        page.get_by_role("alert").filter(has_text="Tệp bị từ chối: có 1 dòng lỗi")
    ).to_be_visible()
    error_row = page.locator("#history-rows tbody tr")
    expect(error_row).to_have_count(1)
    expect(error_row).to_contain_text("Khen thưởng")
    expect(error_row.locator("td").nth(1)).to_have_text("12")  # the header, then 2 years of 5 rows
    expect(error_row).to_contain_text(
        "Cột “Đơn vị”: Không có đơn vị tên “Chi cục Thi hành án Không Có” vào 15/01/2017"
    )
    expect(page.get_by_role("button", name="Xác nhận nhập")).to_have_count(0)
    assert not Decision.objects.exists()

    page.get_by_role("link", name="Tải tệp khác").click()
    good = decade_of_decisions(people, "thads-long-an")
    page.get_by_label("Tệp Excel lịch sử khen thưởng (.xlsx)").set_input_files(
        xlsx_upload("lich-su-long-an-da-sua.xlsx", good)
    )
    page.get_by_role("button", name="Tải lên và xem trước", exact=True).click()
    expect(page.get_by_text("Tệp có 50 dòng: 50 dòng sẽ được thêm")).to_be_visible()
    page.get_by_role("button", name="Xác nhận nhập").click()

    expect(page).to_have_url(re.compile(re.escape(reverse("awards:decisions")) + "$"))
    expect(page.get_by_text("thêm 20 quyết định, 50 khen thưởng")).to_be_visible()
    for number in ("15/QĐ-THADS", "24/QĐ-THADS", "150/QĐ-BTP", "240/QĐ-BTP"):
        expect(page.get_by_role("link", name=number, exact=True)).to_be_visible()
    assert Conferment.objects.filter(person=people[0]).count() == 20
