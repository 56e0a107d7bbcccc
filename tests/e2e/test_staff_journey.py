"""Journey 1: a unit's data-entry staff registers the unit and its people, imports an Excel
file (a bad row first, then the corrected file) and submits everything."""

from playwright.sync_api import expect

from campaigns.models import Registration
from tests.e2e.a11y import assert_accessible
from tests.e2e.builders import registration_workbook, xlsx_upload
from tests.factories import PersonFactory

S = Registration.Status


def test_staff_registers_imports_and_submits(
    signed_in_page, staff_long_an, sector, campaign, five_people, open_menu
):
    giang = PersonFactory(full_name="Hoàng Thị Giang", gender="F", assigned_to=sector.district)
    hai = PersonFactory(full_name="Bùi Văn Hải", assigned_to=sector.district)
    page = signed_in_page(staff_long_an)

    # The campaign, then the staff's own unit.
    open_menu(page, "Thi đua", "Phong trào thi đua")
    page.get_by_role("link", name=campaign.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(campaign.name)
    assert_accessible(page)
    mine = page.locator(".alert-info", has_text="Đăng ký cho đơn vị của bạn")
    mine.get_by_role("link", name=sector.district.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đăng ký thi đua năm")
    assert_accessible(page)

    # The unit itself: a collective title, saved as a draft.
    page.get_by_label("Danh hiệu / hình thức cho tập thể").select_option(
        label="Tập thể lao động xuất sắc (tập thể)"
    )
    page.get_by_role("button", name="Lưu nháp", exact=True).click()
    lines = page.get_by_role("table").first  # the unit's lines; the summary table follows
    expect(lines.get_by_role("row", name=f"Tập thể {sector.district.name}")).to_contain_text("Nháp")

    # Five people on the people table, saved at once.
    page.get_by_role("link", name="Đăng ký cho cán bộ", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đăng ký cho cán bộ năm")
    assert_accessible(page)  # each row's select and note is named for its person
    chosen = {}
    for i, person in enumerate(five_people):
        award = "Chiến sĩ thi đua cơ sở" if i < 2 else "Lao động tiên tiến"
        row = page.get_by_role("row").filter(has_text=person.full_name)
        row.get_by_role("combobox", name=f"Danh hiệu đăng ký cho {person.full_name}").select_option(
            label=f"{award} (cá nhân)"
        )
        chosen[person.full_name] = award
    page.get_by_role("button", name="Lưu nháp", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đăng ký thi đua năm")
    for name, award in chosen.items():
        expect(page.get_by_role("row").filter(has_text=name)).to_contain_text(award)
    assert Registration.objects.filter(unit=sector.district, status=S.DRAFT).count() == 6

    # Excel: one row names a staff code that does not exist — nothing is saved.
    page.get_by_role("link", name="Nhập từ Excel", exact=True).click()
    bad = registration_workbook(
        [
            (giang.code, giang.full_name, sector.district.code, "ldtt"),
            ("CB999999", hai.full_name, sector.district.code, "ldtt"),
        ]
    )
    page.get_by_label("Tệp Excel đăng ký (.xlsx)").set_input_files(xlsx_upload("dang-ky.xlsx", bad))
    page.get_by_role("button", name="Tải lên và xem trước", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Có 1 dòng lỗi")).to_be_visible()
    error_row = page.get_by_role("row").filter(has_text="CB999999")
    expect(error_row).to_contain_text(
        "Không tìm thấy cán bộ mã “CB999999” trong các đơn vị bạn quản lý."
    )
    expect(page.get_by_role("button", name="Xác nhận lưu", exact=False)).to_have_count(0)
    assert_accessible(page)
    assert not Registration.objects.filter(person__in=[giang, hai]).exists()
    assert Registration.objects.filter(unit=sector.district).count() == 6

    # The corrected file goes through.
    page.get_by_role("link", name="Tải tệp khác", exact=True).click()
    good = registration_workbook(
        [
            (giang.code, giang.full_name, sector.district.code, "ldtt"),
            (hai.code, hai.full_name, sector.district.code, "ldtt"),
        ]
    )
    page.get_by_label("Tệp Excel đăng ký (.xlsx)").set_input_files(
        xlsx_upload("dang-ky-da-sua.xlsx", good)
    )
    page.get_by_role("button", name="Tải lên và xem trước", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Mọi dòng đều hợp lệ")).to_be_visible()
    page.get_by_role("button", name="Xác nhận lưu 2 đăng ký", exact=True).click()

    # Back on the unit's page: submit every draft; each line now shows as sent.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đăng ký thi đua năm")
    expect(page.get_by_role("row").filter(has_text=hai.full_name)).to_contain_text("Nháp")
    page.get_by_role("button", name="Gửi 8 đăng ký nháp", exact=True).click()
    expect(page.get_by_role("button", name="Gửi 8 đăng ký nháp", exact=True)).to_have_count(0)
    body = lines.locator("tbody").get_by_role("row")
    expect(body).to_have_count(8)
    for row in body.all():
        expect(row).to_contain_text("Đã gửi")
    assert Registration.objects.filter(unit=sector.district, status=S.SUBMITTED).count() == 8
    assert_accessible(page)
