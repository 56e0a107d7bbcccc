"""Loading history from Excel: the template, each kind of bad row, all or nothing,
idempotence, people and bodies created only when asked, queries per batch, who may do it,
the pages and the command."""

import datetime
import io
from io import StringIO

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.db.models import QuerySet
from django.urls import reverse

from awards.history.services import (
    ERROR,
    EXISTS,
    OK,
    MissingNotAllowed,
    history_import,
)
from awards.history.sheets import SHEETS, history_template, read_workbook
from awards.history.views import SESSION_KEY
from awards.models import Conferment, Decision, HistoryImport
from tests.awards.history_builders import decision_row, history_workbook
from tests.factories import PersonFactory, UnitFactory
from tests.seeded_catalogue import seeded_catalogue
from thidua.core.models import AuditEntry
from units.models import AgencyType, Initiative, Person, QualityRating, Unit

LONG_AN = "Thi hành án dân sự tỉnh Long An"


@pytest.fixture
def catalogue(db):
    seeded_catalogue()


@pytest.fixture
def old_office(sector):
    """Long An's provincial office under its name before 01/07/2025."""
    return UnitFactory(
        name="Cục Thi hành án dân sự tỉnh Long An",
        code="cthads-long-an",
        parent=sector.hq,
        agency_type=AgencyType.THADS_PROVINCE,
        valid_to=datetime.date(2025, 6, 30),
    )


def run(by, *, dry_run=True, create_missing=False, **sheets):
    file = read_workbook(io.BytesIO(history_workbook(**sheets)))
    return history_import(
        by=by, file=file, dry_run=dry_run, create_missing=create_missing, filename="lich-su.xlsx"
    )


def errors_of(report, number, sheet=SHEETS["decisions"]):
    row = next(r for r in report.rows if r.number == number and r.sheet == sheet)
    assert row.status == ERROR, row
    return dict(row.errors)


def stored() -> tuple:
    return (
        Decision.objects.count(),
        Conferment.objects.count(),
        QualityRating.objects.count(),
        Initiative.objects.count(),
        Person.objects.count(),
        Unit.objects.count(),
    )


# --- The template --------------------------------------------------------------------------


def test_the_template_has_dropdowns_an_example_row_and_a_guide(catalogue, admin_user, login):
    response = login(admin_user).get(reverse("awards:history_template"))

    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [*SHEETS.values(), "Danh mục", "Hướng dẫn"]
    decisions = book[SHEETS["decisions"]]
    assert [c.value for c in decisions[1]][:3] == ["Số quyết định", "Ngày ký", "Cấp khen thưởng"]
    assert decisions["A2"].value == "125/QĐ-BTP" and decisions["B2"].value == "15/01/2016"
    lists = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in decisions.data_validations.dataValidation
    }
    assert "Danh mục" in lists["C2"] and "Danh mục" in lists["H2"]  # authorities, awards
    codes = [c.value for c in book["Danh mục"]["A"][1:]]
    assert "bk-bo-ca-nhan" in codes and "tt-ldxs" in codes
    assert "Một quyết định được nhận biết" in " ".join(
        str(c.value) for c in book["Hướng dẫn"]["A"] if c.value
    )


def test_the_template_read_back_checks_its_example_rows(catalogue, admin_user):
    report = history_import(
        by=admin_user, file=read_workbook(io.BytesIO(history_template())), dry_run=True
    )

    assert [(r.sheet, r.number) for r in report.rows] == [(name, 2) for name in SHEETS.values()]


# --- Each kind of bad row ------------------------------------------------------------------


def test_each_bad_row_is_named_with_its_column_and_reason(
    catalogue, sector, admin_user, person_long_an
):
    twin_a = PersonFactory(full_name="Lê Văn Trùng", assigned_to=sector.thads_long_an)
    twin_b = PersonFactory(full_name="Lê Văn Trùng", assigned_to=sector.thads_long_an)
    good = decision_row(person_code=person_long_an.code, unit_code="thads-long-an")

    report = run(
        admin_user,
        decisions=[
            good,
            decision_row(person_code=person_long_an.code, award="bk-khong-co"),
            decision_row(
                person_code=person_long_an.code,
                unit_name="Phòng Thi hành án dân sự khu vực 1 – Long An",
            ),
            good,
            decision_row(person_code=person_long_an.code, signed_on="31/02/2016"),
            decision_row(full_name="Lê Văn Trùng", unit_name=LONG_AN),
            decision_row(award="tt-ldtt", unit_code="thads-long-an"),
            decision_row(person_code=person_long_an.code, signed_on="16/01/2016"),
        ],
    )

    assert [r.status for r in report.rows] == [OK] + [ERROR] * 7
    assert "Không có danh hiệu mã “bk-khong-co”" in errors_of(report, 3)["Mã danh hiệu"]
    assert "không mang tên này vào 15/01/2016" in errors_of(report, 4)["Đơn vị"]
    assert "Trùng với dòng 2" in errors_of(report, 5)["Mã danh hiệu"]
    assert "“31/02/2016” không phải ngày hợp lệ" in errors_of(report, 6)["Ngày ký"]
    ambiguous = errors_of(report, 7)["Họ và tên"]
    assert "Có 2 cán bộ tên “Lê Văn Trùng”" in ambiguous
    assert twin_a.code in ambiguous and twin_b.code in ambiguous
    assert (
        errors_of(report, 8)["Mã danh hiệu"]
        == "«Tập thể lao động tiên tiến» không do «Bộ trưởng Bộ Tư pháp» tặng theo quy định áp "
        "dụng ngày 15/01/2016 (cấp có thẩm quyền: Thủ trưởng đơn vị)."
    )
    assert "đã dùng ở dòng 2 với ngày ký khác (15/01/2016)" in errors_of(report, 9)["Ngày ký"]


def test_a_unit_is_found_by_the_name_it_had_on_the_day(catalogue, sector, old_office, admin_user):
    """The same office, by its old name in 2016 and its new name in 2025."""
    report = run(
        admin_user,
        decisions=[
            decision_row(award="bk-bo-tap-the", unit_name="Cục Thi hành án dân sự tỉnh Long An"),
            decision_row(
                award="bk-bo-tap-the",
                unit_name="Cục Thi hành án dân sự tỉnh Long An",
                number="9/QĐ-BTP",
                signed_on="20/12/2025",
            ),
        ],
    )

    assert report.rows[0].status == OK and report.rows[0].subject.endswith(old_office.name)
    assert "không mang tên này vào 20/12/2025" in errors_of(report, 3)["Đơn vị"]


def test_a_decision_whose_rows_disagree_is_refused(catalogue, sector, admin_user, person_long_an):
    report = run(
        admin_user,
        decisions=[
            decision_row(person_code=person_long_an.code, unit_code="thads-long-an"),
            decision_row(award="tt-ldtt", unit_code="thads-long-an", authority="thu-truong-don-vi"),
        ],
    )

    assert (
        "Cùng quyết định với dòng 2 nhưng khác cấp khen thưởng"
        in errors_of(report, 3)["Cấp khen thưởng"]
    )


# --- Saving: all or nothing, once ----------------------------------------------------------


def full_file(person):
    return {
        "decisions": [
            decision_row(person_code=person.code, unit_code="thads-long-an"),
            decision_row(award="bk-bo-tap-the", unit_code="thads-lao-cai"),
            decision_row(
                number="12/QĐ-THADS",
                signed_on="10/01/2017",
                authority="thu-truong-don-vi",
                issuer_code="thads-long-an",
                signer_name="Trần Văn Bình",
                award="cstdcs",
                person_code=person.code,
                unit_code="thads-long-an",
                year=2016,
            ),
        ],
        "ratings": [
            {"person_code": person.code, "year": y, "rating": "Hoàn thành xuất sắc nhiệm vụ"}
            for y in (2015, 2016)
        ],
        "initiatives": [
            {
                "title": "Số hóa hồ sơ thi hành án",
                "level": "Cấp cơ sở",
                "decision_number": "45/QĐ-THADS",
                "decision_date": "20/12/2016",
                "unit_code": "thads-long-an",
                "person_code": person.code,
            }
        ],
    }


def test_a_confirmed_import_saves_everything_and_is_audited_once(
    catalogue, sector, admin_user, person_long_an
):
    report = run(admin_user, dry_run=False, **full_file(person_long_an))

    assert report.saved
    assert report.created == {
        "bodies": 0,
        "people": 0,
        "decisions": 2,
        "conferments": 3,
        "ratings": 2,
        "initiatives": 1,
    }
    decision = Decision.objects.get(number="125/QĐ-BTP")
    assert decision.status == Decision.Status.ISSUED and decision.issuing_unit == sector.ministry
    assert set(decision.conferments.values_list("award__code", "unit__code", "year")) == {
        ("bk-bo-ca-nhan", "thads-long-an", 2015),
        ("bk-bo-tap-the", "thads-lao-cai", 2015),
    }
    assert (
        list(person_long_an.ratings.order_by("year").values_list("rating", flat=True))
        == [QualityRating.Rating.EXCELLENT] * 2
    )
    assert list(person_long_an.initiatives.values_list("title", flat=True)) == [
        "Số hóa hồ sơ thi hành án"
    ]
    entry = AuditEntry.objects.get(action="import")
    assert entry.actor == admin_user and entry.target == HistoryImport.objects.get()
    assert "lich-su.xlsx" in entry.comment and "thêm 2 quyết định, 3 khen thưởng" in entry.comment


def test_importing_the_same_file_twice_changes_nothing(
    catalogue, sector, admin_user, person_long_an
):
    run(admin_user, dry_run=False, **full_file(person_long_an))
    before = stored()

    again = run(admin_user, dry_run=False, **full_file(person_long_an))

    assert {r.status for r in again.rows} == {EXISTS}
    assert not again.saved and stored() == before
    assert AuditEntry.objects.filter(action="import").count() == 1


def test_one_bad_row_saves_nothing(catalogue, sector, admin_user, person_long_an):
    sheets = full_file(person_long_an)
    sheets["ratings"].append({"person_code": "KHONG-CO", "year": 2015, "rating": "Tốt"})
    before = stored()

    report = run(admin_user, dry_run=False, **sheets)

    assert report.count(ERROR) == 1 and not report.saved
    assert stored() == before


def test_a_failure_while_saving_leaves_nothing_behind(
    catalogue, sector, admin_user, person_long_an, monkeypatch
):
    """The decisions and the rating are written, then the conferments fail: nothing stays."""
    before = stored()
    original = QuerySet.bulk_create

    def failing(self, objs, *args, **kwargs):
        if self.model is Conferment:
            raise DatabaseError("disk full")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", failing)
    sheets = full_file(person_long_an)
    sheets["decisions"].append(
        decision_row(full_name="Phạm Thị Hoa", birth_year=1985, gender="Nữ", unit_name=LONG_AN)
    )

    with pytest.raises(ValidationError, match="Chưa có gì được lưu"):
        run(admin_user, dry_run=False, create_missing=True, **sheets)

    assert stored() == before
    assert not AuditEntry.objects.filter(action="import").exists()


# --- People and outside bodies the system lacks ---------------------------------------------


def missing_rows():
    return [
        decision_row(
            full_name="Phạm Thị Hoa",
            birth_year=1985,
            gender="Nữ",
            unit_name=LONG_AN,
            issuer_code="",
            issuer_name="Văn phòng Chính phủ",
            authority="thu-tuong",
            award="bk-ttg-ca-nhan",
            number="88/QĐ-TTg",
        )
    ]


def test_missing_people_and_bodies_are_listed_and_not_created_unless_asked(
    catalogue, sector, admin_user
):
    preview = run(admin_user, decisions=missing_rows())
    assert preview.rows[0].status == OK
    assert [(p.full_name, p.unit.code) for p in preview.new_people] == [
        ("Phạm Thị Hoa", "thads-long-an")
    ]
    assert [b.name for b in preview.new_bodies] == ["Văn phòng Chính phủ"]
    before = stored()

    with pytest.raises(MissingNotAllowed, match="1 cán bộ và 1 cơ quan chưa có"):
        run(admin_user, dry_run=False, decisions=missing_rows())

    assert stored() == before


def test_missing_people_and_bodies_are_created_when_asked_and_found_next_time(
    catalogue, sector, admin_user
):
    report = run(admin_user, dry_run=False, create_missing=True, decisions=missing_rows())

    assert report.created["people"] == 1 and report.created["bodies"] == 1
    person = Person.objects.get(full_name="Phạm Thị Hoa")
    assert person.gender == Person.Gender.FEMALE and person.unit == sector.thads_long_an
    body = Unit.objects.get(name="Văn phòng Chính phủ")
    assert body.agency_type == AgencyType.EXTERNAL and body.parent is None
    assert Decision.objects.get().issuing_unit == body
    again = run(admin_user, dry_run=False, decisions=missing_rows())
    assert [r.status for r in again.rows] == [EXISTS] and not again.new_people


def test_a_new_person_needs_a_gender(catalogue, sector, admin_user):
    report = run(admin_user, decisions=[decision_row(full_name="Phạm Thị Hoa", unit_name=LONG_AN)])

    assert "cần ghi Giới tính" in errors_of(report, 2)["Giới tính"]


# --- Queries per batch ----------------------------------------------------------------------


def batch_rows(people, count):
    return [
        decision_row(number=f"{n}/QĐ-BTP", person_code=people[n].code, unit_code="thads-long-an")
        for n in range(count)
    ]


@pytest.mark.parametrize("batches", [1, 3])
def test_each_batch_costs_the_same_queries(
    catalogue, sector, admin_user, settings, django_assert_num_queries, batches
):
    """Per batch of 5 rows: people by code, stored decisions; then the decisions and the
    conferments inserted. Around them, once: awards, authorities, units, the admin's roles,
    who may confer each award (three), the open nominees to check again (two), the import's
    record, its content type and its audit entry. The content type cache is the process's:
    it is emptied so the count does not depend on which tests ran before."""
    ContentType.objects.clear_cache()
    settings.THIDUA_HISTORY_IMPORT_BATCH = 5
    people = [PersonFactory(assigned_to=sector.thads_long_an) for _ in range(15)]
    file = read_workbook(io.BytesIO(history_workbook(decisions=batch_rows(people, 5 * batches))))
    admin_user = type(admin_user).objects.get(pk=admin_user.pk)

    with django_assert_num_queries(FIXED_QUERIES + PER_BATCH * batches):
        report = history_import(by=admin_user, file=file, dry_run=False)

    assert report.created["conferments"] == 5 * batches


FIXED_QUERIES = 13
PER_BATCH = 4


# --- Who may import -------------------------------------------------------------------------


def test_only_admins_import(catalogue, sector, staff_long_an, leader_long_an, login):
    for user in (staff_long_an, leader_long_an):
        with pytest.raises(PermissionDenied):
            run(user, decisions=[decision_row()])
        client = login(user)
        for name in ("awards:history_import", "awards:history_template", "awards:history_preview"):
            assert client.get(reverse(name)).status_code == 403
        assert client.post(reverse("awards:history_confirm")).status_code == 403


# --- The pages ------------------------------------------------------------------------------


def upload(client, content, name="lich-su.xlsx"):
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("awards:history_import"), {"file": file})


def test_upload_preview_and_confirm(catalogue, sector, admin_user, person_long_an, login):
    client = login(admin_user)
    bad = full_file(person_long_an)
    bad["decisions"][1]["unit_code"] = "khong-co"

    response = upload(client, history_workbook(**bad))
    assert response.status_code == 302
    page = client.get(reverse("awards:history_preview")).content.decode()
    assert "Tệp bị từ chối" in page and "Không có đơn vị mã “khong-co”" in page
    assert "Xác nhận nhập" not in page

    upload(client, history_workbook(**full_file(person_long_an)))
    page = client.get(reverse("awards:history_preview")).content.decode()
    assert "Xác nhận nhập" in page
    token = client.session[SESSION_KEY]["token"]
    response = client.post(reverse("awards:history_confirm"), {"token": token})

    assert response.status_code == 302 and response.url == reverse("awards:decisions")
    assert Conferment.objects.count() == 3
    listing = client.get(reverse("awards:decisions")).content.decode()
    assert "125/QĐ-BTP" in listing and "12/QĐ-THADS" in listing
    decision = Decision.objects.get(number="125/QĐ-BTP")
    detail = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert person_long_an.full_name in detail
    log = client.get(reverse("audit_log")).content.decode()
    assert "lich-su.xlsx" in log and "thêm 2 quyết định, 3 khen thưởng" in log

    upload(client, history_workbook(**full_file(person_long_an)))
    page = client.get(reverse("awards:history_preview")).content.decode()
    assert "nhập tệp này không thay đổi gì" in page and "Xác nhận nhập" not in page


def test_confirm_without_ticking_creates_nothing(catalogue, sector, admin_user, login):
    client = login(admin_user)
    upload(client, history_workbook(decisions=missing_rows()))
    page = client.get(reverse("awards:history_preview")).content.decode()
    assert "Chưa có trên hệ thống: 1 cán bộ, 1 cơ quan" in page
    token = client.session[SESSION_KEY]["token"]

    response = client.post(reverse("awards:history_confirm"), {"token": token})
    assert response.url == reverse("awards:history_preview")
    assert not Decision.objects.exists()

    client.post(reverse("awards:history_confirm"), {"token": token, "create_missing": "on"})
    assert Decision.objects.get().issuing_unit.name == "Văn phòng Chính phủ"


def test_a_file_that_is_not_a_workbook_is_refused_on_the_form(admin_user, login):
    response = upload(login(admin_user), b"not a workbook", name="lich-su.xlsx")

    assert response.status_code == 200
    assert "không phải là bảng tính Excel" in response.content.decode()


# --- The command ----------------------------------------------------------------------------


def test_the_command_checks_saves_and_says_when_nothing_changed(
    catalogue, sector, person_long_an, tmp_path
):
    path = tmp_path / "lich-su.xlsx"
    path.write_bytes(history_workbook(**full_file(person_long_an)))

    def command(*args):
        out = StringIO()
        call_command("import_history", str(path), *args, stdout=out)
        return out.getvalue()

    assert "Chạy thử: không lưu gì." in command("--dry-run")
    assert not Decision.objects.exists()
    assert "thêm 2 quyết định, 3 khen thưởng" in command()
    assert "Không có gì thay đổi" in command()

    path.write_bytes(history_workbook(decisions=missing_rows()))
    with pytest.raises(CommandError, match="chưa có trên hệ thống"):
        command()
    assert "tạo mới 1 cán bộ, 1 cơ quan" in command("--create-missing")


def test_ratings_and_initiatives_are_checked_like_conferments(
    catalogue, sector, admin_user, person_long_an
):
    QualityRating.objects.create(person=person_long_an, year=2014, rating=QualityRating.Rating.GOOD)
    initiative = {
        "title": "Số hóa hồ sơ",
        "level": "Cấp cơ sở",
        "decision_number": "45/QĐ-THADS",
        "decision_date": "20/12/2016",
        "unit_code": "thads-long-an",
        "person_code": person_long_an.code,
    }

    report = run(
        admin_user,
        ratings=[
            {"person_code": person_long_an.code, "year": 2014, "rating": "Xuất sắc"},
            {"person_code": person_long_an.code, "year": 2015, "rating": "Giỏi"},
        ],
        initiatives=[initiative, initiative, {**initiative, "level": "Toàn quốc"}],
    )

    ratings, initiatives = SHEETS["ratings"], SHEETS["initiatives"]
    assert (
        "đã có xếp loại năm 2014 là “Hoàn thành tốt nhiệm vụ”"
        in errors_of(report, 2, ratings)["Xếp loại"]
    )
    assert "Xếp loại “Giỏi” không có trong danh mục" in errors_of(report, 3, ratings)["Xếp loại"]
    assert (
        "Trùng với dòng 2: cùng sáng kiến và tác giả"
        in errors_of(report, 3, initiatives)["Họ và tên"]
    )
    assert "khác cấp, năm hoặc đơn vị" in errors_of(report, 4, initiatives)["Tên sáng kiến"]
