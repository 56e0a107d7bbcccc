"""The admin's unit import and export as an office uses them: every refusal is one
Vietnamese sentence naming the bad cell (and the import page's own words are Vietnamese),
and the CSV export opens in Excel with its diacritics (UTF-8 with a byte order mark) and
imports back unchanged."""

import re

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from units.models import AgencyType, Unit
from units.resources import UnitResource

HEADERS = [
    "code",
    "name",
    "short_name",
    "agency_type",
    "parent_code",
    "province",
    "valid_from",
    "valid_to",
]


def _text(response) -> str:
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.split())


def _upload(client, rows, name="don-vi.csv"):
    dataset = tablib.Dataset(*rows, headers=HEADERS)
    data = dataset.export("csv").encode()
    return client.post(
        reverse("admin:units_unit_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile(name, data)},
    )


def test_each_bad_cell_is_refused_in_vietnamese(login, admin_user, sector):
    response = _upload(
        login(admin_user),
        [
            ["vu-1", "Vụ Pháp chế", "", "ministry_unit", "khong-co", "", "", ""],
            ["vu-2", "Vụ Tổ chức cán bộ", "", "ministry_unit", "btp", "Hà Tây", "", ""],
            ["vu-3", "Vụ Thi đua – Khen thưởng", "", "vu", "btp", "", "", ""],
            ["vu-4", "Vụ Kế hoạch – Tài chính", "", "ministry_unit", "btp", "", "31/02/2020", ""],
        ],
    )
    assert response.status_code == 200
    page = _text(response)
    assert "Một số dòng không hợp lệ" in page
    assert "Hãy sửa các lỗi này trong tệp rồi tải lên lại bằng biểu mẫu ở trên." in page
    assert "Không có đơn vị cấp trên mã “khong-co”." in page
    assert "Không có tỉnh/thành phố “Hà Tây”." in page
    codes = ", ".join(AgencyType.values)
    assert f"Loại cơ quan “vu” không có; hãy ghi một trong các mã: {codes}." in page
    assert "Ngày “31/02/2020” không hợp lệ; hãy ghi theo dạng dd/mm/yyyy." in page
    for english in ("Errors", "Line number", "Some rows failed", "could not be parsed", "matching"):
        assert english not in page
    assert not Unit.objects.filter(code__startswith="vu-").exists()


def test_the_agency_type_may_be_written_by_its_name(sector):
    dataset = tablib.Dataset(
        ["vu-5", "Vụ Pháp chế", "", "Đơn vị thuộc Bộ", "btp", "", "", ""], headers=HEADERS
    )
    result = UnitResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Unit.objects.get(code="vu-5").agency_type == AgencyType.MINISTRY_UNIT


def test_the_csv_export_opens_in_excel_and_imports_back(login, admin_user, sector):
    client = login(admin_user)
    data = {"resource": "0", "format": "0"}  # CSV, the first format
    data |= {f"unitresource_{name}": "on" for name in UnitResource().fields}
    response = client.post(reverse("admin:units_unit_export"), data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("code,name,")
    assert "Thi hành án dân sự tỉnh Long An" in text
    assert "Phòng Thi hành án dân sự khu vực 1 – Long An" in text
    response = client.post(
        reverse("admin:units_unit_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("xuat.csv", content)},
    )
    page = _text(response)
    assert "Một số dòng không hợp lệ" not in page and "Lỗi" not in page
    assert "Xác nhận nhập" in page  # the preview, with nothing to correct
