"""The hostile corpus (tests/thidua/corpus.py) against every upload endpoint.

Each file is refused with the Vietnamese message of the bounded reader (or of the upload
check), and nothing is saved: no row in any model, no file in the media folder. The CPU a
refusal costs is measured by ``manage.py bench_upload_corpus`` (figures in README), not
asserted here.
"""

import functools
import html

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.history.sheets import COLUMNS as HISTORY_COLUMNS
from awards.history.sheets import DECISIONS
from campaigns.imports import COLUMNS, read_sheet
from campaigns.scoring.services.uploads import validate_evidence
from tests.factories import ClusterFactory
from tests.thidua import corpus
from tests.thidua.matrix import MATRIX
from thidua.core import spreadsheets
from thidua.core.admin_imports import BoundedCSV, BoundedXLSX
from units.memberships import memberships_import


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model is not Session and model._meta.app_label != "axes"
    }


@functools.cache
def _spreadsheets(header: tuple) -> dict[str, corpus.Sample]:
    return {s.name: s for s in corpus.spreadsheets(header=list(header), scale=0.05)}


def expected(name: str) -> str:
    return {
        "empty-row padding": spreadsheets.too_many_rows,
        "row 1,048,576": spreadsheets.too_many_rows,
        "700,000 empty cells": lambda: (
            "Tệp có quá nhiều ô hoặc định dạng (hơn 600.000 phần tử); hãy chia nhỏ tệp."
        ),
        "zip bomb (128 MB)": spreadsheets.too_big_inside,
        "billion laughs": spreadsheets.not_excel,
        "zip named .xlsx": spreadsheets.not_excel,
        "PNG named .xlsx": spreadsheets.not_excel,
        "garbage named .xlsx": spreadsheets.not_excel,
    }[name]()


SPREADSHEET_NAMES = [
    "empty-row padding",
    "row 1,048,576",
    "700,000 empty cells",
    "zip bomb (128 MB)",
    "billion laughs",
    "zip named .xlsx",
    "PNG named .xlsx",
    "garbage named .xlsx",
]


@pytest.fixture
def small_limits(settings):
    settings.THIDUA_IMPORT_MAX_ROWS = 10_000


def _upload(sample: corpus.Sample) -> SimpleUploadedFile:
    return SimpleUploadedFile(sample.filename, sample.content, "application/octet-stream")


@pytest.mark.parametrize("name", SPREADSHEET_NAMES)
def test_the_registration_import_refuses_the_corpus(
    name, client, admin_user, sector, small_limits, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    sample = _spreadsheets(tuple(COLUMNS.values()))[name]
    url = reverse("campaigns:import", kwargs=MATRIX["campaigns:import"].target(sector))
    client.force_login(admin_user)
    before = counts()
    response = client.post(url, {"file": _upload(sample)})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [expected(name)]
    assert counts() == before
    assert not list(tmp_path.rglob("*"))


ADMIN_IMPORTS = {
    "admin:units_unit_import": ("code", "name", "agency_type"),
    "admin:units_person_import": ("code", "full_name", "gender"),
    "admin:catalogue_award_import": ("code", "name", "kind"),
}
XLSX_FORMAT = "2"  # BoundedImportMixin.import_formats: CSV, TSV, XLSX


@pytest.mark.parametrize("url_name", sorted(ADMIN_IMPORTS))
@pytest.mark.parametrize("name", SPREADSHEET_NAMES)
def test_the_admin_imports_refuse_the_corpus_in_vietnamese(
    url_name, name, client, admin_user, small_limits, settings
):
    sample = _spreadsheets(ADMIN_IMPORTS[url_name])[name]
    client.force_login(admin_user)
    before = counts()
    response = client.post(
        reverse(url_name), {"import_file": _upload(sample), "format": XLSX_FORMAT}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["import_file"] == [expected(name)]
    assert "Traceback" not in response.content.decode()
    assert counts() == before


DOCUMENT_ERRORS = {
    "zip bomb named .xlsx": "Nội dung tệp “bang-tinh.xlsx” không phải là PDF, DOC, DOCX, XLS, "
    "XLSX, JPG, PNG; tệp không được nhận.",
    "zip named .xlsx": "Nội dung tệp “nen.xlsx” không phải là PDF, DOC, DOCX, XLS, XLSX, JPG, "
    "PNG; tệp không được nhận.",
    "PNG named .pdf": "Tệp “to-trinh.pdf” có đuôi .pdf nhưng nội dung là tệp PNG; hãy chọn "
    "đúng tệp.",
    "PDF named .xlsx": "Tệp “bang.xlsx” có đuôi .xlsx nhưng nội dung là tệp PDF; hãy chọn đúng "
    "tệp.",
    "old .xls named .docx": "Nội dung tệp “van-ban.docx” không phải là PDF, DOC, DOCX, XLS, "
    "XLSX, JPG, PNG; tệp không được nhận.",
}


@functools.cache
def _documents() -> dict[str, corpus.Sample]:
    return {s.name: s for s in corpus.documents()}


@pytest.mark.parametrize("name", sorted(DOCUMENT_ERRORS))
def test_the_dossier_upload_refuses_the_corpus(
    name, client, staff_lao_cai, sector, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    entry = MATRIX["awards:dossier_upload"]
    kwargs = entry.target(sector)
    data = {**entry.payload(sector, kwargs), "file": _upload(_documents()[name])}
    client.force_login(staff_lao_cai)
    before = counts()
    response = client.post(reverse("awards:dossier_upload", kwargs=kwargs), data)
    assert response.status_code == 200
    assert DOCUMENT_ERRORS[name] in html.unescape(response.content.decode())
    assert counts() == before
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


ATTACHMENT_UPLOADS = [
    "campaigns:attachment_upload",
    "units:cluster_attachment_upload",
    "awards:decision_attachment_upload",
    "awards:session_attachment_upload",
]


@pytest.mark.parametrize("url_name", ATTACHMENT_UPLOADS)
@pytest.mark.parametrize("name", sorted(DOCUMENT_ERRORS))
def test_the_attachment_uploads_refuse_the_corpus(
    url_name, name, client, admin_user, sector, settings, tmp_path
):
    """The papers kept beside a record go through the dossier's check: same messages."""
    settings.MEDIA_ROOT = tmp_path
    entry = MATRIX[url_name]
    kwargs = entry.target(sector)
    data = {**entry.payload(sector, kwargs), "file": _upload(_documents()[name])}
    client.force_login(admin_user)
    before = counts()
    response = client.post(reverse(url_name, kwargs=kwargs), data)
    assert response.status_code == 200
    assert DOCUMENT_ERRORS[name] in html.unescape(response.content.decode())
    assert counts() == before
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


BOMB = (
    "Ảnh “%s” có kích thước quá lớn, vượt giới hạn 40 triệu điểm ảnh (tối đa 12.000 điểm ảnh "
    "mỗi chiều). Hãy quét ở 300 dpi hoặc thu nhỏ ảnh."
)
IMAGE_ERRORS = {
    "PNG 30,000 × 30,000": BOMB % "phoi-lon.png",
    "PNG 12,000 × 12,000": BOMB % "phoi-vua.png",
    "PNG named .pdf": "Tệp “phoi.pdf” không được nhận: chỉ nhận tệp JPG, PNG.",
    "PDF named .png": "Nội dung tệp “phoi.png” không phải là JPG, PNG; tệp không được nhận.",
}


@functools.cache
def _images() -> dict[str, corpus.Sample]:
    return {s.name: s for s in corpus.images()}


@pytest.mark.parametrize("name", sorted(IMAGE_ERRORS))
def test_the_certificate_blank_refuses_the_corpus(
    name, client, admin_user, sector, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    kwargs = MATRIX["certificates:template_background"].target(sector)
    client.force_login(admin_user)
    before = counts()
    response = client.post(
        reverse("certificates:template_background", kwargs=kwargs),
        {"background": _upload(_images()[name])},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [IMAGE_ERRORS[name]]
    assert counts() == before
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_moderate_scan_within_the_pixel_limit_is_kept(
    client, admin_user, sector, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    kwargs = MATRIX["certificates:template_background"].target(sector)
    client.force_login(admin_user)
    image = SimpleUploadedFile("phoi.png", corpus.png(3508, 2480))  # A4 at 300 dpi
    response = client.post(
        reverse("certificates:template_background", kwargs=kwargs),
        {"background": image},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Đã lưu ảnh phôi."]


def test_a_limit_lowered_in_settings_applies(client, admin_user, sector, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.THIDUA_IMAGE_MAX_PIXELS = 1_000_000
    kwargs = MATRIX["certificates:template_background"].target(sector)
    client.force_login(admin_user)
    image = SimpleUploadedFile("phoi.png", corpus.png(2000, 1000))
    response = client.post(
        reverse("certificates:template_background", kwargs=kwargs),
        {"background": image},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Ảnh “phoi.png” có kích thước 2000 × 1000 điểm ảnh, vượt giới hạn 1 triệu điểm ảnh "
        "(tối đa 12.000 điểm ảnh mỗi chiều). Hãy quét ở 300 dpi hoặc thu nhỏ ảnh."
    ]


@pytest.mark.parametrize("debug", [False, True])
def test_an_admin_import_without_its_key_column_says_so_in_vietnamese(
    debug, client, admin_user, settings
):
    settings.DEBUG = debug
    client.force_login(admin_user)
    file = SimpleUploadedFile("don-vi.csv", "name,agency_type\nSở Tư pháp,so_tu_phap\n".encode())
    before = counts()
    response = client.post(reverse("admin:units_unit_import"), {"import_file": file, "format": "0"})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert (
        "Tệp thiếu cột khóa “code”: dòng đầu tiên phải có các cột “code”, “name”, "
        "“short_name”, “agency_type”, “parent_code”, “province”, “valid_from”, “valid_to”, "
        "“tdkt_body” (xuất một tệp từ hệ thống để có mẫu)." in page
    )
    assert "Traceback" not in page and ".py" not in page
    assert counts() == before


@pytest.mark.parametrize("debug", [False, True])
def test_an_admin_import_of_a_broken_zip_says_so_in_vietnamese(debug, client, admin_user, settings):
    settings.DEBUG = debug
    client.force_login(admin_user)
    file = SimpleUploadedFile("nguoi.xlsx", b"PK\x03\x04 not really a zip")
    response = client.post(
        reverse("admin:units_person_import"), {"import_file": file, "format": XLSX_FORMAT}
    )
    assert response.context["form"].errors["import_file"] == [spreadsheets.not_excel()]
    assert "BadZipFile" not in response.content.decode()


@pytest.mark.parametrize("fmt", [BoundedCSV, BoundedXLSX])
def test_zero_width_characters_are_stripped_from_admin_imported_cells(fmt):
    code = corpus.zero_width("SO-TP-99")
    assert code != "SO-TP-99" and len(code) == 12
    rows = [["code", "name"], [code, "Sở Tư pháp\u200d thử"]]
    if fmt is BoundedCSV:
        data = "\n".join(",".join(row) for row in rows).encode()
    else:
        data = corpus.workbook(rows)
    dataset = fmt().create_dataset(data)
    assert dataset.dict == [{"code": "SO-TP-99", "name": "Sở Tư pháp thử"}]


def test_zero_width_characters_are_stripped_from_registration_codes():
    rows = [list(COLUMNS.values()), [corpus.zero_width("CB000001"), "", corpus.zero_width("U1")]]
    rows[1] += ["", "\u2060ldtt\u200d"]
    upload = SimpleUploadedFile("dang-ky.xlsx", corpus.workbook(rows))
    (row,) = read_sheet(upload)
    assert (row.person_code, row.unit_code, row.award_code) == ("CB000001", "U1", "ldtt")


ONLY_ITS_TYPES = "Tệp minh chứng “%s” không được nhận: chỉ nhận tệp PDF, JPG, PNG."
EVIDENCE_ERRORS = {
    "zip bomb named .xlsx": ONLY_ITS_TYPES % "bang-tinh.xlsx",
    "zip named .xlsx": ONLY_ITS_TYPES % "nen.xlsx",
    "PNG named .pdf": "Tệp “to-trinh.pdf” có đuôi .pdf nhưng nội dung là tệp PNG; hãy chọn "
    "đúng tệp.",
    "PDF named .xlsx": ONLY_ITS_TYPES % "bang.xlsx",
    "old .xls named .docx": ONLY_ITS_TYPES % "van-ban.docx",
}


@pytest.mark.parametrize("name", sorted(EVIDENCE_ERRORS))
def test_score_evidence_refuses_the_corpus_naming_only_its_types(name):
    """Score evidence (PDF, JPG, PNG) goes through the same check; its refusals list only
    the types evidence may be."""
    with pytest.raises(ValidationError) as refused:
        validate_evidence(_upload(_documents()[name]))
    assert refused.value.messages == [EVIDENCE_ERRORS[name]]


def history_expected(name: str) -> str:
    """The history import's words: its own row limit (1,000 here) and an inflated-size cap
    sized by it (2 KB a row); a sheet that is not one of its three is named."""
    return {
        "empty-row padding": "Tệp có hơn 1.000 dòng dữ liệu; hãy chia thành nhiều tệp.",
        "row 1,048,576": (
            "Tệp không có trang tính nào trong số “Khen thưởng”, “Xếp loại”, “Sáng kiến” (tệp "
            "có: “Đăng ký”). Hãy dùng tệp mẫu."
        ),
        "700,000 empty cells": spreadsheets.too_big_inside(),
    }.get(name) or expected(name)


@pytest.mark.parametrize("name", SPREADSHEET_NAMES)
def test_the_history_import_refuses_the_corpus(name, client, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.THIDUA_HISTORY_IMPORT_MAX_ROWS = 1000
    sample = _spreadsheets(tuple(HISTORY_COLUMNS[DECISIONS].values()))[name]
    client.force_login(admin_user)
    before = counts()
    response = client.post(reverse("awards:history_import"), {"file": _upload(sample)})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [history_expected(name)]
    assert counts() == before
    assert not list(tmp_path.rglob("*"))


def membership_expected(name: str) -> str:
    """The membership import's own row limit (2,000) is named; the rest as everywhere."""
    if name in ("empty-row padding", "row 1,048,576"):
        return "Tệp có quá nhiều dòng (tối đa 2000)."
    return expected(name)


@pytest.mark.parametrize("name", SPREADSHEET_NAMES)
def test_the_membership_import_refuses_the_corpus(name, admin_user, sector):
    sample = _spreadsheets(("Mã đơn vị", "Tên đơn vị", "Vai trò"))[name]
    grouping = ClusterFactory(name="Khối thi đua số 1")
    before = counts()
    with pytest.raises(ValidationError) as refused:
        memberships_import(by=admin_user, cluster=grouping, year=2026, upload=_upload(sample))
    assert refused.value.messages == [membership_expected(name)]
    assert counts() == before
