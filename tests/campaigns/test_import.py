"""Registering from Excel: the template, the preview, the all-or-nothing confirmation, every
kind of bad file and bad row, scoping, query counts, and fuzzing with Hypothesis."""

import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.imports import COLUMNS, ERROR, SheetRow, read_sheet, registrations_import
from campaigns.models import Campaign, Registration
from campaigns.resources import SPARE_ROWS
from campaigns.views.imports import SESSION_KEY
from tests.factories import CampaignFactory, PersonFactory, RegistrationFactory, UnitFactory
from thidua.core.models import AuditEntry

HEADERS = list(COLUMNS.values())
S = Registration.Status


def url(name, campaign, unit, **query):
    base = reverse(f"campaigns:{name}", kwargs={"pk": campaign.pk, "unit_pk": unit.pk})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def workbook(rows, *, sheet="Đăng ký", headers=HEADERS) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = sheet
    book.active.append(headers)
    for row in rows:
        book.active.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def line(code="", name="", unit_code="", award="", note=""):
    """A row of the sheet in column order (unit name and award name left empty)."""
    return [code, name, unit_code, "", award, "", note]


def upload(client, campaign, unit, content, name="dang-ky.xlsx"):
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(url("import", campaign, unit), {"file": file})


def text(response) -> str:
    return response.content.decode()


def token(client) -> str:
    return client.session[SESSION_KEY]["token"]


# --- The template ---------------------------------------------------------------------------


def test_the_template_lists_the_units_people_and_the_campaigns_award_codes(
    login, staff_long_an, campaign, sector, catalogue, five_people, person_lao_cai
):
    PersonFactory(full_name="Hồ Văn Tỉnh", assigned_to=sector.thads_long_an)  # above the office
    response = login(staff_long_an).get(url("import_template", campaign, sector.district))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="dang-ky-')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Đăng ký", "Danh mục", "Hướng dẫn"]

    sheet = book["Đăng ký"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADERS
    assert rows[1][:4] == [None, "(Tập thể)", "thads-long-an-kv1", sector.district.name]
    people = sorted(five_people, key=lambda p: p.search_key)
    assert [r[:3] for r in rows[2:]] == [[p.code, p.full_name, "thads-long-an-kv1"] for p in people]
    assert rows[2][5].startswith("=IFERROR(VLOOKUP(E3,'Danh mục'!")

    catalogue_rows = [[c.value for c in r] for r in book["Danh mục"].iter_rows(min_row=2)]
    assert catalogue_rows[0] == [
        "tt-ldxs",
        "Tập thể lao động xuất sắc",
        "Tập thể",
        "Danh hiệu thi đua",
    ]
    assert {r[0] for r in catalogue_rows} == {"tt-ldxs", "ldtt", "cstdcs", "bk-ca-nhan"}
    codes = {r[0]: i for i, r in enumerate(catalogue_rows, start=2)}
    dropdowns = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert dropdowns["E2"] == "'Danh mục'!$A$2:$A$2"
    individual = dropdowns[f"E3:E{3 + len(five_people) + SPARE_ROWS}"]
    first, last = (int(part.split("$")[-1]) for part in individual.split(":"))
    assert {code for code, row in codes.items() if first <= row <= last} == {
        "ldtt",
        "cstdcs",
        "bk-ca-nhan",
    }
    guide = " ".join(str(r[0].value) for r in book["Hướng dẫn"].iter_rows())
    assert campaign.name in guide and "Mã danh hiệu" in guide


def test_the_template_keeps_a_constant_number_of_queries(
    login, staff_long_an, campaign, sector, django_assert_num_queries
):
    client = login(staff_long_an)
    target = url("import_template", campaign, sector.district)
    PersonFactory.create_batch(3, assigned_to=sector.district)
    client.get(target)
    with CaptureQueriesContext(connection) as three:
        client.get(target)
    PersonFactory.create_batch(40, assigned_to=sector.district)
    with django_assert_num_queries(len(three)):
        assert client.get(target).status_code == 200


# --- Upload, preview, confirm ----------------------------------------------------------------


def filled_template(client, campaign, unit, choices: dict) -> bytes:
    """The downloaded template with ``choices`` (code or unit code → award code) filled in."""
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(url("import_template", campaign, unit)).content)
    )
    sheet = book["Đăng ký"]
    for row in sheet.iter_rows(min_row=2):
        key = row[0].value or row[2].value
        if key in choices:
            row[4].value = choices[key]
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_upload_previews_every_row_saves_nothing_then_confirm_saves_all(
    login, staff_long_an, campaign, sector, catalogue, five_people
):
    client = login(staff_long_an)
    content = filled_template(
        client,
        campaign,
        sector.district,
        {
            "thads-long-an-kv1": "tt-ldxs",
            five_people[0].code: "cstdcs",
            five_people[1].code: "ldtt",
        },
    )
    response = upload(client, campaign, sector.district, content)
    assert response.status_code == 302
    assert response.url == url(
        "import_preview", campaign, sector.district, year=campaign.start_date.year
    )
    assert not Registration.objects.exists()

    preview = text(client.get(response.url))
    assert "3 dòng hợp lệ, 0 dòng lỗi, 3 dòng để trống danh hiệu (bỏ qua)" in preview
    assert "Tập thể Phòng Thi hành án dân sự khu vực 1 – Long An" in preview
    assert "Nguyễn Văn Anh" in preview and "Chiến sĩ thi đua cơ sở" in preview
    assert "Xác nhận lưu 3 đăng ký" in preview
    assert not Registration.objects.exists()

    confirm = url("import_confirm", campaign, sector.district)
    done = client.post(confirm, {"token": token(client)}, follow=True)
    assert "Đã lưu 3 đăng ký (nháp) từ tệp “dang-ky.xlsx”" in text(done)
    saved = {(r.award.code, r.person, r.unit, r.status) for r in Registration.objects.all()}
    assert saved == {
        ("tt-ldxs", None, sector.district, S.DRAFT),
        ("cstdcs", five_people[0], sector.district, S.DRAFT),
        ("ldtt", five_people[1], sector.district, S.DRAFT),
    }
    entry = AuditEntry.objects.get(action="import")
    assert (entry.actor, entry.unit) == (staff_long_an, sector.district)
    assert "3 đăng ký từ tệp “dang-ky.xlsx”" in entry.comment

    again = client.post(confirm, {"token": "stale"}, follow=True)
    assert "Bản xem trước này không còn hiệu lực" in text(again)
    assert Registration.objects.count() == 3


def test_rows_may_span_the_units_below_and_are_saved_under_their_own_unit(
    login, campaign, sector, catalogue, leader_long_an, five_people
):
    above = PersonFactory(full_name="Hồ Văn Tỉnh", assigned_to=sector.thads_long_an)
    client = login(leader_long_an)
    content = workbook(
        [
            line(unit_code="thads-long-an", award="tt-ldxs"),
            line(unit_code="thads-long-an-kv1", award="tt-ldxs"),
            line(five_people[0].code, five_people[0].full_name, award="ldtt"),
            line(above.code, above.full_name, award="cstdcs", note="Có sáng kiến"),
        ]
    )
    assert upload(client, campaign, sector.thads_long_an, content).status_code == 302
    client.post(url("import_confirm", campaign, sector.thads_long_an), {"token": token(client)})
    saved = {(r.unit.code, r.person_id, r.award.code, r.note) for r in Registration.objects.all()}
    assert saved == {
        ("thads-long-an", None, "tt-ldxs", ""),
        ("thads-long-an-kv1", None, "tt-ldxs", ""),
        ("thads-long-an-kv1", five_people[0].pk, "ldtt", ""),
        ("thads-long-an", above.pk, "cstdcs", "Có sáng kiến"),
    }


def test_one_bad_row_saves_nothing_and_the_preview_names_each_row_and_reason(
    login, staff_long_an, campaign, sector, catalogue, five_people, person_lao_cai
):
    anh, bich, cuong, dung, em = five_people
    RegistrationFactory(campaign=campaign, award=catalogue.ldtt, unit=sector.district, person=em)
    rows = [
        line(unit_code="thads-long-an-kv1", award="tt-ldxs"),  # 2: fine
        line(anh.code, anh.full_name, award="LDTT"),  # 3: fine (codes fold case)
        line("CB999999", "Không Có", award="ldtt"),  # 4
        line(person_lao_cai.code, award="ldtt"),  # 5
        line(bich.code, award="xyz"),  # 6
        line(cuong.code, award="cstd-nganh"),  # 7
        line(dung.code, award="tt-ldxs"),  # 8
        line(anh.code, award="ldtt"),  # 9
        line(em.code, award="ldtt"),  # 10
        line("", "Ai đó", award="ldtt"),  # 11
        line(bich.code, "Trần Văn Sai", award="cstdcs"),  # 12
        line(unit_code="thads-lao-cai", award="tt-ldxs"),  # 13
        line(cuong.code, cuong.full_name),  # 14: no award, skipped
    ]
    client = login(staff_long_an)
    response = upload(client, campaign, sector.district, workbook(rows))
    assert response.status_code == 302
    page = text(client.get(response.url))
    assert "2 dòng hợp lệ, 10 dòng lỗi, 1 dòng để trống danh hiệu (bỏ qua)" in page
    assert "Có 10 dòng lỗi nên chưa thể lưu" in page
    assert "Xác nhận lưu" not in page
    expected = {
        4: "Không tìm thấy cán bộ mã “CB999999” trong các đơn vị bạn quản lý.",
        5: f"Không tìm thấy cán bộ mã “{person_lao_cai.code}” trong các đơn vị bạn quản lý.",
        6: "Không có danh hiệu mã “xyz”; hãy chọn mã trong trang “Danh mục”.",
        7: "“Chiến sĩ thi đua ngành Tư pháp” không có trong danh mục đăng ký của phong trào.",
        8: "“Tập thể lao động xuất sắc” không dành cho cá nhân",
        9: "Nguyễn Văn Anh được chọn “Lao động tiên tiến” hai lần.",
        10: "Võ Văn Em đã được đăng ký “Lao động tiên tiến” năm",
        11: "Thiếu “Mã cán bộ” (đăng ký cho cá nhân) hoặc “Mã đơn vị” (đăng ký cho tập thể).",
        12: f"Mã “{bich.code}” là của Lê Thị Bích, không phải “Trần Văn Sai”; kiểm tra lại mã.",
        13: "Không có đơn vị mã “thads-lao-cai” trong Phòng Thi hành án dân sự khu vực 1",
    }
    rows_html = page.split("<tbody>")[1].split("</tr>")
    for number, message in expected.items():
        row = next(r for r in rows_html if f'<td class="text-end">{number}</td>' in r)
        assert message in row, (number, row)

    client.post(url("import_confirm", campaign, sector.district), {"token": token(client)})
    assert Registration.objects.count() == 1  # only the one made before


def test_a_visible_person_of_another_unit_is_refused(
    login, campaign, sector, catalogue, leader_long_an
):
    above = PersonFactory(full_name="Hồ Văn Tỉnh", assigned_to=sector.thads_long_an)
    client = login(leader_long_an)
    content = workbook([line(above.code, above.full_name, award="ldtt")])
    response = upload(client, campaign, sector.district, content)
    page = text(client.get(response.url))
    assert "Hồ Văn Tỉnh không thuộc Phòng Thi hành án dân sự khu vực 1 – Long An" in page
    assert not Registration.objects.exists()


def test_a_units_import_takes_no_collective_above_or_beside_it(
    campaign, sector, catalogue, leader_long_an
):
    """The province's leader sees both offices, yet on the district's page only the district
    and its own units register as collectives."""
    UnitFactory(
        name="Phòng Thi hành án dân sự khu vực 2 – Long An",
        code="thads-long-an-kv2",
        parent=sector.thads_long_an,
    )
    rows = [
        SheetRow(number=2, unit_code="thads-long-an", award_code="tt-ldxs"),
        SheetRow(number=3, unit_code="thads-long-an-kv2", award_code="tt-ldxs"),
    ]
    report = registrations_import(
        by=leader_long_an,
        campaign=campaign,
        unit=sector.district,
        year=campaign.start_date.year,
        rows=rows,
        dry_run=False,
    )
    where = "trong Phòng Thi hành án dân sự khu vực 1 – Long An và các đơn vị trực thuộc."
    assert [(r.number, r.status, r.errors) for r in report.rows] == [
        (2, ERROR, [f"Không có đơn vị mã “thads-long-an” {where}"]),
        (3, ERROR, [f"Không có đơn vị mã “thads-long-an-kv2” {where}"]),
    ]
    assert report.saved == 0
    assert not Registration.objects.exists()


def test_confirming_checks_the_rows_again(
    login, staff_long_an, campaign, sector, catalogue, five_people
):
    client = login(staff_long_an)
    content = workbook([line(p.code, award="ldtt") for p in five_people])
    upload(client, campaign, sector.district, content)
    RegistrationFactory(
        campaign=campaign, award=catalogue.ldtt, unit=sector.district, person=five_people[3]
    )
    response = client.post(
        url("import_confirm", campaign, sector.district), {"token": token(client)}, follow=True
    )
    page = text(response)
    assert "Chưa lưu đăng ký nào: dữ liệu đã thay đổi từ lúc xem trước" in page
    assert "Đỗ Thị Dung đã được đăng ký “Lao động tiên tiến”" in page
    assert Registration.objects.count() == 1


def test_a_confirmation_failing_after_part_was_saved_saves_nothing(
    login, campaign, sector, catalogue, leader_long_an
):
    """Two collectives of the province's file go to two units; the province's line is written
    first, then the district's is refused (registered meanwhile): the whole file rolls back."""
    client = login(leader_long_an)
    content = workbook(
        [
            line(unit_code="thads-long-an", award="tt-ldxs"),
            line(unit_code="thads-long-an-kv1", award="tt-ldxs"),
        ]
    )
    upload(client, campaign, sector.thads_long_an, content)
    assert "2 dòng hợp lệ, 0 dòng lỗi" in text(
        client.get(url("import_preview", campaign, sector.thads_long_an))
    )
    meanwhile = RegistrationFactory(
        campaign=campaign, award=catalogue.tt_ldxs, unit=sector.district
    )

    response = client.post(
        url("import_confirm", campaign, sector.thads_long_an),
        {"token": token(client)},
        follow=True,
    )

    assert "Chưa lưu đăng ký nào" in text(response)
    assert list(Registration.objects.all()) == [meanwhile]
    assert not AuditEntry.objects.filter(action="import").exists()


def test_a_closed_campaign_takes_no_file(login, staff_long_an, campaign, sector, five_people):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.CLOSED)
    client = login(staff_long_an)
    page = client.get(url("import", campaign, sector.district))
    assert "Phong trào đã đóng" in text(page) and 'type="file"' not in text(page)
    upload(client, campaign, sector.district, workbook([line(five_people[0].code, award="ldtt")]))
    assert SESSION_KEY not in client.session
    assert not Registration.objects.exists()


def test_a_unit_outside_the_scope_is_told_so(login, staff_long_an, sector, catalogue):

    lao_cai_only = CampaignFactory(
        scope_units=[sector.thads_lao_cai], launched_by=sector.district, awards=[catalogue.ldtt]
    )
    page = text(login(staff_long_an).get(url("import", lao_cai_only, sector.district)))
    assert "và các đơn vị trực thuộc không thuộc phạm vi phong trào" in page
    assert 'type="file"' not in page


def test_only_the_units_staff_and_leaders_import(login, council_member, campaign, sector):
    response = login(council_member).get(url("import", campaign, sector.district))
    assert response.status_code == 403
    assert "Chỉ cán bộ nhập liệu hoặc lãnh đạo" in text(response)


def test_foreign_campaigns_and_units_are_404(login, staff_long_an, campaign, sector):

    lao_cai_only = CampaignFactory(scope_units=[sector.thads_lao_cai])
    client = login(staff_long_an)
    for name in ("import", "import_template", "import_preview"):
        assert client.get(url(name, campaign, sector.thads_lao_cai)).status_code == 404, name
        assert client.get(url(name, lao_cai_only, sector.district)).status_code == 404, name
    confirm = url("import_confirm", campaign, sector.thads_lao_cai)
    assert client.post(confirm, {"token": "x"}).status_code == 404
    file = SimpleUploadedFile("a.xlsx", workbook([line("X", award="ldtt")]))
    assert (
        client.post(url("import", campaign, sector.thads_lao_cai), {"file": file}).status_code
        == 404
    )


def test_the_preview_without_an_upload_sends_back_to_the_upload(
    login, staff_long_an, campaign, sector
):
    response = login(staff_long_an).get(url("import_preview", campaign, sector.district))
    assert response.status_code == 302
    assert response.url.startswith(url("import", campaign, sector.district))


# --- Bad files -------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return stream.getvalue()


GOOD_ROW = [line("CB000001", award="ldtt")]
BAD_FILES = {
    "wrong-sheet": (
        lambda: workbook(GOOD_ROW, sheet="Sheet1"),
        "Không tìm thấy trang tính “Đăng ký” (tệp có: “Sheet1”)",
    ),
    "missing-columns": (
        lambda: workbook([["CB000001", "A", "x"]], headers=["Mã cán bộ", "Họ và tên", "Mã đơn vị"]),
        "thiếu cột: “Mã danh hiệu”",
    ),
    "text-named-xlsx": (
        lambda: "Mã cán bộ,Mã danh hiệu\nCB1,ldtt\n".encode(),
        "không phải là bảng tính Excel",
    ),
    "zip-not-a-workbook": (
        lambda: _zip({"hello.txt": b"xin chao"}),
        "không phải là bảng tính Excel",
    ),
    "broken-workbook": (
        lambda: _zip({"xl/workbook.xml": b"<not xml"}),
        "không phải là bảng tính Excel",
    ),
    "truncated": (lambda: workbook(GOOD_ROW)[:1500], "không phải là bảng tính Excel"),
    "old-xls": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "định dạng Excel cũ (.xls)",
    ),
    "empty-file": (lambda: b"", "Tệp rỗng"),
    "no-rows": (lambda: workbook([]), "không có dòng dữ liệu nào"),
    "no-award-chosen": (
        lambda: workbook([line("CB000001", "A")]),
        "Chưa có dòng nào ghi “Mã danh hiệu”",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_is_refused_whole_with_a_clear_message(
    case, login, staff_long_an, campaign, sector
):
    make, message = BAD_FILES[case]
    client = login(staff_long_an)
    response = upload(client, campaign, sector.district, make())
    assert response.status_code == 200
    assert message in text(response)
    assert SESSION_KEY not in client.session
    assert not Registration.objects.exists()


def test_an_oversized_file_is_refused(login, staff_long_an, campaign, sector, settings):
    settings.THIDUA_IMPORT_MAX_BYTES = 2000
    response = upload(login(staff_long_an), campaign, sector.district, workbook(GOOD_ROW))
    assert re.search(r"Tệp quá lớn \(\d+(,\d)? KB\); giới hạn là 2 KB\.", text(response))


def test_a_zip_bomb_is_refused(login, staff_long_an, campaign, sector, settings):
    settings.THIDUA_IMPORT_MAX_BYTES = 50_000
    bomb = _zip({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * 1_000_000})
    response = upload(login(staff_long_an), campaign, sector.district, bomb)
    assert "sau khi giải nén quá lớn" in text(response)


def test_too_many_rows_are_refused(login, staff_long_an, campaign, sector, settings):
    settings.THIDUA_IMPORT_MAX_ROWS = 3
    content = workbook([line(f"CB{i}", award="ldtt") for i in range(4)])
    response = upload(login(staff_long_an), campaign, sector.district, content)
    assert "Tệp có hơn 3 dòng dữ liệu" in text(response)


def test_the_header_may_sit_below_a_title_and_codes_typed_as_numbers_still_match(
    login, staff_long_an, campaign, sector, catalogue
):
    numeric = PersonFactory(code="123456", full_name="Mai Văn Số", assigned_to=sector.district)
    book = openpyxl.Workbook()
    book.active.title = "Đăng ký"
    book.active.append(["ĐĂNG KÝ THI ĐUA NĂM NAY"])
    book.active.append([])
    book.active.append([h.upper() for h in HEADERS])
    book.active.append([123456, " Mai  Văn Số ", None, None, "ldtt", None, None])
    stream = io.BytesIO()
    book.save(stream)
    client = login(staff_long_an)
    response = upload(client, campaign, sector.district, stream.getvalue())
    assert response.status_code == 302
    client.post(url("import_confirm", campaign, sector.district), {"token": token(client)})
    assert Registration.objects.get().person == numeric


# --- Query counts ----------------------------------------------------------------------------


def test_the_import_runs_a_constant_number_of_queries(
    staff_long_an, campaign, sector, catalogue, django_assert_num_queries
):
    def rows(people):
        return [
            SheetRow(number=i, person_code=p.code, award_code="ldtt")
            for i, p in enumerate(people, 2)
        ]

    def run(people, dry_run=False):
        return registrations_import(
            by=staff_long_an,
            campaign=campaign,
            unit=sector.district,
            year=campaign.start_date.year,
            rows=[
                SheetRow(number=1, unit_code="thads-long-an-kv1", award_code="tt-ldxs"),
                *rows(people),
            ],
            dry_run=dry_run,
        )

    five = PersonFactory.create_batch(5, assigned_to=sector.district)
    fifty = PersonFactory.create_batch(50, assigned_to=sector.district)
    assert run(five, dry_run=True).ok  # warms the per-user and content-type caches
    with CaptureQueriesContext(connection) as small:
        assert run(five).saved == 6
    Registration.objects.all().delete()
    with django_assert_num_queries(len(small)):
        assert run(fifty).saved == 51


# --- Fuzzing ---------------------------------------------------------------------------------

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(
    content=st.one_of(
        st.binary(max_size=3000), st.binary(max_size=3000).map(lambda b: b"PK\x03\x04" + b)
    )
)
def test_random_bytes_never_fail_and_never_save(content, client, staff_long_an, campaign, sector):
    client.force_login(staff_long_an)
    response = upload(client, campaign, sector.district, content)
    assert response.status_code == 200
    assert "alert" in text(response) or "invalid-feedback" in text(response)
    assert not Registration.objects.exists()


PRINTABLE = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
ANY_CELL = st.one_of(
    st.none(),
    PRINTABLE,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1)),
)
AWARD_CODES = ["ldtt", "cstdcs", "tt-ldxs", "bk-ca-nhan", "cstd-nganh", "LDTT"]


def sheet_rows(people_codes):
    """Rows that are often valid, often not: real codes mixed with anything at all."""
    valid = st.tuples(
        st.sampled_from(people_codes),
        st.none(),
        st.none(),
        st.none(),
        st.sampled_from(["ldtt", "cstdcs", "bk-ca-nhan", "LDTT"]),
        st.none(),
        st.one_of(st.none(), PRINTABLE),
    )
    wild = st.tuples(
        st.one_of(st.sampled_from([*people_codes, ""]), ANY_CELL),
        st.one_of(st.none(), PRINTABLE),
        st.one_of(st.sampled_from(["thads-long-an-kv1", "thads-lao-cai", ""]), ANY_CELL),
        ANY_CELL,
        st.one_of(st.sampled_from(AWARD_CODES), ANY_CELL),
        ANY_CELL,
        st.one_of(st.none(), PRINTABLE),
    )
    return st.lists(st.one_of(valid, wild), min_size=1, max_size=6)


@FUZZ
@given(data=st.data())
def test_random_cells_never_fail_and_never_save_partially(
    data, client, staff_long_an, campaign, sector, catalogue, five_people
):
    rows = data.draw(sheet_rows([p.code for p in five_people]))
    client.force_login(staff_long_an)
    before = Registration.objects.count()
    response = upload(client, campaign, sector.district, workbook(rows))
    assert response.status_code in (200, 302)
    assert Registration.objects.count() == before
    if response.status_code == 200:
        return
    assert client.get(response.url).status_code == 200
    pending = client.session[SESSION_KEY]
    ok_rows = sum(1 for r in pending["results"] if r["status"] == "ok")
    errors = sum(1 for r in pending["results"] if r["status"] == "error")
    confirm = url("import_confirm", campaign, sector.district)
    assert client.post(confirm, {"token": pending["token"]}).status_code == 302
    assert Registration.objects.count() - before == (0 if errors else ok_rows)


# --- The benchmark command, at a small size ----------------------------------------------------


def test_the_benchmark_runs_both_paths_to_the_same_registrations(db, tmp_path):
    out = io.StringIO()
    path = tmp_path / "bench.xlsx"
    call_command("bench_registration_import", "--rows", "40", "--file", str(path), stdout=out)
    report = out.getvalue()
    assert "Hai cách nhập cho cùng một tập 40 đăng ký" in report
    assert "Tỷ lệ thời gian" in report
    assert not Registration.objects.exists()  # cleared after the run
    assert len(read_sheet(io.BytesIO(path.read_bytes()))) == 40


def test_a_formula_without_a_computed_value_is_an_error_not_an_empty_cell(
    login, staff_long_an, campaign, sector, catalogue, five_people
):
    """A file written by a program that does not calculate keeps formulas with no value:
    read with cached values, the code or the note came out empty, without a word."""
    anh, bich, *_rest = five_people
    rows = [
        line(anh.code, award='=LOWER("LDTT")'),  # 2: the award code is a formula
        line(bich.code, award="ldtt", note='="Ghi chú " & B3'),  # 3: the note is one
    ]
    client = login(staff_long_an)
    response = upload(client, campaign, sector.district, workbook(rows))
    assert response.status_code == 302
    pending = client.session[SESSION_KEY]
    errors = {r["number"]: r["errors"] for r in pending["results"] if r["status"] == "error"}
    message = (
        "Ô %s có công thức nhưng chưa có giá trị đã tính, nên được đọc là ô trống. Hãy mở "
        "tệp bằng Excel, lưu lại rồi tải lên, hoặc ghi giá trị thay cho công thức."
    )
    assert errors == {2: [message % "E2"], 3: [message % "G3"]}
    assert Registration.objects.count() == 0


def test_an_imported_second_title_is_refused_with_the_reason(
    login, staff_long_an, campaign, sector, catalogue, five_people
):
    anh = five_people[0]
    rows = [
        line(anh.code, anh.full_name, award="cstdcs"),  # 2
        line(anh.code, anh.full_name, award="bk-ca-nhan"),  # 3: a reward form with it
        line(anh.code, anh.full_name, award="ldtt"),  # 4: a second title
    ]
    client = login(staff_long_an)
    page = text(client.get(upload(client, campaign, sector.district, workbook(rows)).url))
    assert "2 dòng hợp lệ, 1 dòng lỗi" in page
    row = next(r for r in page.split("<tbody>")[1].split("</tr>") if '"text-end">4</td>' in r)
    assert (
        "Mỗi năm chỉ đăng ký một danh hiệu thi đua; “Chiến sĩ thi đua cơ sở” đã bao gồm "
        "“Lao động tiên tiến”." in row
    )


# --- Reading the sheet: blank rows, partial headers, unreadable sheets ----------------------


def test_a_blank_row_between_lines_is_skipped_and_the_lines_after_it_are_read(
    login, staff_long_an, campaign, sector, catalogue, five_people
):
    """A blank row (only the reader's own columns filled) neither ends the sheet nor
    becomes an error line; the person's unit is shown in the preview."""
    first, second = five_people[0], five_people[1]
    content = workbook(
        [
            line(first.code, award="ldtt"),
            ["", "", "", "Đơn vị (chỉ để đọc)", "", "Danh hiệu (chỉ để đọc)", ""],
            line(second.code, award="cstdcs"),
        ]
    )
    client = login(staff_long_an)
    response = upload(client, campaign, sector.district, content)
    assert response.status_code == 302
    preview = text(client.get(response.url))
    assert "2 dòng hợp lệ, 0 dòng lỗi, 0 dòng để trống danh hiệu (bỏ qua)" in preview
    assert first.full_name in preview and second.full_name in preview
    cells = re.findall(r"<td>([^<]*)</td>", preview)
    assert cells.count(first.unit.name) == 2  # the unit column of both people's rows

    client.post(url("import_confirm", campaign, sector.district), {"token": token(client)})
    assert {r.person for r in Registration.objects.all()} == {first, second}


def test_a_missing_column_is_named_from_the_most_complete_header_row(
    login, staff_long_an, campaign, sector
):
    """The header search reports what the most complete candidate row lacks, not what a
    later row with fewer (or as many, but other) columns lacks."""
    content = workbook(
        [["Họ và tên", "Ghi chú", "Đơn vị"], ["CB000001", "", "x"]],
        headers=["Mã cán bộ", "Họ và tên", "Mã đơn vị"],
    )
    response = upload(login(staff_long_an), campaign, sector.district, content)
    assert (
        "Trang “Đăng ký” thiếu cột: “Mã danh hiệu”. Dòng tiêu đề cần có các cột “Mã cán bộ”, "
        "“Mã đơn vị”, “Mã danh hiệu”." in text(response)
    )
    assert not Registration.objects.exists()


def test_a_sheet_that_cannot_be_read_is_refused_as_not_excel(
    login, staff_long_an, campaign, sector
):
    """A workbook that opens but whose sheet breaks while its rows are read (a shared
    string that does not exist) is a clear refusal, not a server error."""
    good = io.BytesIO(workbook(GOOD_ROW))
    parts = {}
    with zipfile.ZipFile(good) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    sheet = next(name for name in parts if name.startswith("xl/worksheets/sheet"))
    parts[sheet] = re.sub(
        rb"<sheetData>.*</sheetData>",
        b'<sheetData><row r="1"><c r="A1" t="s"><v>999</v></c></row></sheetData>',
        parts[sheet],
        flags=re.S,
    )
    client = login(staff_long_an)
    response = upload(client, campaign, sector.district, _zip(parts))
    assert response.status_code == 200
    assert "không phải là bảng tính Excel" in text(response)
    assert SESSION_KEY not in client.session


def test_codes_match_whatever_their_case_and_the_preview_shows_the_code_of_each_row(
    login, staff_long_an, campaign, sector, catalogue, five_people
):
    person = five_people[0]
    content = workbook(
        [
            line(person.code.lower(), award="LDTT"),
            line(unit_code="THADS-LONG-AN-KV1", award="TT-LDXS"),
        ]
    )
    client = login(staff_long_an)
    response = upload(client, campaign, sector.district, content)
    preview = text(client.get(response.url))
    assert "2 dòng hợp lệ, 0 dòng lỗi" in preview
    cells = re.findall(r"<td>([^<]*)</td>", preview)
    assert person.code.lower() in cells and "THADS-LONG-AN-KV1" in cells  # as written
    client.post(url("import_confirm", campaign, sector.district), {"token": token(client)})
    saved = {(r.award.code, r.person) for r in Registration.objects.all()}
    assert saved == {("ldtt", person), ("tt-ldxs", None)}


@pytest.mark.parametrize(("title_rows", "found"), [(9, True), (10, False)])
def test_the_header_is_looked_for_in_the_first_ten_rows(
    title_rows, found, login, staff_long_an, campaign, sector, catalogue, five_people
):
    book = openpyxl.Workbook()
    book.active.title = "Đăng ký"
    for n in range(title_rows):
        book.active.append([f"Dòng tiêu đề {n + 1}"])
    book.active.append(HEADERS)
    book.active.append(line(five_people[0].code, award="ldtt"))
    stream = io.BytesIO()
    book.save(stream)
    response = upload(login(staff_long_an), campaign, sector.district, stream.getvalue())
    if found:
        assert response.status_code == 302
    else:
        assert "Trang “Đăng ký” thiếu cột: “Mã cán bộ”, “Mã đơn vị”, “Mã danh hiệu”." in text(
            response
        )


@pytest.mark.parametrize(("length", "refused"), [(2000, False), (2001, True)])
def test_a_note_may_have_two_thousand_characters(
    length, refused, login, staff_long_an, campaign, sector, catalogue, five_people
):
    content = workbook([line(five_people[0].code, award="ldtt", note="n" * length)])
    client = login(staff_long_an)
    preview = text(client.get(upload(client, campaign, sector.district, content).url))
    assert ("Ghi chú dài quá 2.000 ký tự." in preview) is refused


def test_an_overlong_code_is_shown_cut_to_two_hundred_characters(
    login, staff_long_an, campaign, sector, catalogue
):
    content = workbook([line("X" * 250, award="ldtt")])
    client = login(staff_long_an)
    preview = text(client.get(upload(client, campaign, sector.district, content).url))
    assert f"Không tìm thấy cán bộ mã “{'X' * 200}” trong các đơn vị bạn quản lý." in preview


def test_a_row_without_its_last_cells_is_read(
    login, staff_long_an, campaign, sector, catalogue, five_people
):
    """Excel stores no trailing empty cells: a row may be shorter than the header."""
    short = line(five_people[0].code, award="ldtt")[:5]
    client = login(staff_long_an)
    response = upload(client, campaign, sector.district, workbook([short]))
    assert response.status_code == 302
    assert "1 dòng hợp lệ, 0 dòng lỗi" in text(client.get(response.url))


def test_a_file_of_exactly_the_row_limit_is_taken(
    login, staff_long_an, campaign, sector, catalogue, five_people, settings
):
    settings.THIDUA_IMPORT_MAX_ROWS = 3
    content = workbook([line(p.code, award="ldtt") for p in five_people[:3]])
    response = upload(login(staff_long_an), campaign, sector.district, content)
    assert response.status_code == 302


def test_unknown_header_cells_do_not_count_toward_the_most_complete_row(
    login, staff_long_an, campaign, sector
):
    content = workbook(
        [["Mã cán bộ", "Họ và tên", "Ghi chú"], ["CB000001", "", "x"]],
        headers=["Mã cán bộ", "Mã đơn vị", "Cột lạ"],
    )
    response = upload(login(staff_long_an), campaign, sector.district, content)
    assert "Trang “Đăng ký” thiếu cột: “Mã đơn vị”, “Mã danh hiệu”." in text(response)
