"""What tables 0604.N and 0605.N need the office to keep: a unit's emulation-and-reward body,
a person's training level and TĐKT work, through the admin and the Excel/CSV imports."""

import datetime

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import PersonFactory
from units.models import Person, TdktBody, Unit
from units.resources import PersonResource, UnitResource

D = datetime.date


def test_people_import_takes_the_levels_by_their_vietnamese_names(sector):
    dataset = tablib.Dataset(
        headers=["code", "full_name", "gender", "training_level", "tdkt_role", "tdkt_since"]
    )
    dataset.append(["CB801", "Lê Thị Hà", "F", "Đại học", "Chuyên trách", "01/03/2019"])
    dataset.append(["CB802", "Trần Văn Sơn", "M", "tren_dai_hoc", "kiem nhiem", ""])
    dataset.append(["CB803", "Vũ Văn Tư", "M", "", "", ""])
    result = PersonResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    people = Person.objects.filter(code__in=["CB801", "CB802", "CB803"]).order_by("code")
    assert [(p.training_level, p.tdkt_role, p.tdkt_since) for p in people] == [
        (Person.TrainingLevel.UNIVERSITY, Person.TdktRole.FULL_TIME, D(2019, 3, 1)),
        (Person.TrainingLevel.POSTGRADUATE, Person.TdktRole.PART_TIME, None),
        ("", "", None),
    ]


def test_people_import_refuses_an_unknown_level_naming_the_choices(sector):
    dataset = tablib.Dataset(headers=["code", "full_name", "gender", "training_level"])
    dataset.append(["CB804", "Lê Văn Nam", "M", "Tiến sĩ"])
    result = PersonResource().import_data(dataset, dry_run=True)
    errors = str([row.error_dict for row in result.invalid_rows])
    assert (
        "Trình độ đào tạo “Tiến sĩ” không có; hãy ghi một trong: Sơ cấp, Trung cấp, Cao đẳng, "
        "Đại học, Trên đại học." in errors
    )
    assert not Person.objects.filter(code="CB804").exists()


def test_a_file_without_the_new_columns_keeps_what_was_recorded(sector):
    person = PersonFactory(
        code="CB805", training_level="dai_hoc", tdkt_role="kiem_nhiem", tdkt_since=D(2020, 1, 1)
    )
    dataset = tablib.Dataset(headers=["code", "full_name", "gender"])
    dataset.append(["CB805", "Nguyễn Văn Đổi Tên", "M"])
    result = PersonResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Văn Đổi Tên"
    assert (person.training_level, person.tdkt_role, person.tdkt_since) == (
        "dai_hoc",
        "kiem_nhiem",
        D(2020, 1, 1),
    )


def test_a_start_date_needs_full_or_part_time_and_comes_after_birth(sector):
    person = PersonFactory.build(code="CB806", tdkt_since=D(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert error.value.message_dict["tdkt_role"] == [
        "Hãy chọn chuyên trách hay kiêm nhiệm khi ghi ngày bắt đầu làm công tác thi đua, "
        "khen thưởng."
    ]
    person.tdkt_role, person.birth_date = Person.TdktRole.FULL_TIME, D(2021, 5, 1)
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "phải sau ngày sinh" in str(error.value.message_dict["tdkt_since"])


def test_unit_import_takes_the_body_by_its_name(sector):
    headers = ["code", "name", "agency_type", "parent_code", "tdkt_body"]
    dataset = tablib.Dataset(headers=headers)
    dataset.append(["vu-tdkt", "Vụ Thi đua – Khen thưởng", "ministry_unit", "btp", "vu"])
    dataset.append(
        ["thads-x", "THADS X", "thads_province", "cuc-qlthads", "Cấp phòng, ban hoặc bộ phận"]
    )
    result = UnitResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    bodies = dict(
        Unit.objects.filter(code__in=["vu-tdkt", "thads-x"]).values_list("code", "tdkt_body")
    )
    assert bodies == {"vu-tdkt": TdktBody.DEPARTMENT, "thads-x": TdktBody.DIVISION}


def test_the_admin_edits_a_persons_tdkt_work_and_the_person_page_shows_it(
    login, admin_user, sector
):
    person = PersonFactory(assigned_to=sector.thads_lao_cai, full_name="Hoàng Thị Lụa", gender="F")
    client = login(admin_user)
    url = reverse("admin:units_person_change", args=[person.pk])
    page = client.get(url).content.decode()
    assert "Công tác thi đua, khen thưởng (biểu 0605.N)" in page
    data = {
        "full_name": person.full_name,
        "code": person.code,
        "gender": "F",
        "category": "cong_chuc",
        "training_level": "dai_hoc",
        "tdkt_role": "chuyen_trach",
        "tdkt_since": "01/02/2018",
    }
    for prefix in ("assignments", "ratings", "disciplines", "reviews", "leaves"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert (person.training_level, person.tdkt_role, person.tdkt_since) == (
        "dai_hoc",
        "chuyen_trach",
        D(2018, 2, 1),
    )
    detail = client.get(reverse("units:person", args=[person.pk])).content.decode()
    assert "Đại học" in detail and "Chuyên trách, từ 01/02/2018" in detail
