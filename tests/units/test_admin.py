"""The Django admin of the organisation, as the TĐKT office uses it."""

import datetime

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import PersonFactory, UnitFactory
from units.models import Assignment, Person, Unit
from units.resources import PersonResource, UnitResource

UNITS = reverse("admin:units_unit_changelist")
PEOPLE = reverse("admin:units_person_changelist")


def listed(response) -> list[str]:
    return [str(obj) for obj in response.context["cl"].result_list]


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- Search --------------------------------------------------------------------------------


@pytest.mark.parametrize("term", ["nguyen van an", "Nguyễn Văn An", "an nguyen"])
def test_person_search_ignores_diacritics(login, admin_user, person_long_an, person_lao_cai, term):
    response = login(admin_user).get(PEOPLE, {"q": term})
    assert listed(response) == ["Nguyễn Văn An"]


def test_person_search_by_code(login, admin_user, person_long_an, person_lao_cai):
    response = login(admin_user).get(PEOPLE, {"q": person_lao_cai.code})
    assert listed(response) == ["Đỗ Thị Lan"]


def test_unit_search_ignores_diacritics(login, admin_user, restructured):
    response = login(admin_user).get(UNITS, {"q": "so tu phap dong thap"})
    assert listed(response) == ["Sở Tư pháp tỉnh Đồng Tháp"]


def test_assignment_search_by_unaccented_person_name(login, admin_user, person_long_an):
    url = reverse("admin:units_assignment_changelist")
    response = login(admin_user).get(url, {"q": "nguyen van"})
    assert [a.person.full_name for a in response.context["cl"].result_list] == ["Nguyễn Văn An"]


def test_autocomplete_of_units_ignores_diacritics(login, admin_user, sector):
    response = login(admin_user).get(
        reverse("admin:autocomplete"),
        {
            "term": "lao cai",
            "app_label": "units",
            "model_name": "unit",
            "field_name": "parent",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Thi hành án dân sự tỉnh Lào Cai"]


def test_unit_list_filters_by_validity(login, admin_user, restructured):
    response = login(admin_user).get(UNITS, {"valid": "ended"})
    assert sorted(listed(response)) == [
        "Chi cục Thi hành án dân sự huyện Bến Lức",
        "Cục Thi hành án dân sự tỉnh Long An",
        "Tổng cục Thi hành án dân sự",
    ]


# --- Deleting and deactivating units -------------------------------------------------------


def test_deleting_a_unit_with_history_is_refused_with_a_message(
    login, admin_user, sector, person_long_an
):
    client = login(admin_user)
    url = reverse("admin:units_unit_delete", args=[sector.district.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert Unit.objects.filter(pk=sector.district.pk).exists()
    [message] = messages_of(response)
    assert message == (
        "Không xóa được đơn vị “Phòng Thi hành án dân sự khu vực 1 – Long An” vì đơn vị đã có "
        "dữ liệu lịch sử (cán bộ, khối thi đua, khen thưởng, đơn vị trực thuộc hoặc tiền thân…). "
        "Hãy dùng thao tác “Ngừng hoạt động” để đặt ngày hết hiệu lực thay vì xóa."
    )
    assert response.redirect_chain[-1][0] == reverse(
        "admin:units_unit_change", args=[sector.district.pk]
    )


def test_deleting_a_unit_without_history_works(login, admin_user, sector):
    empty = UnitFactory(parent=sector.hq, name="Phòng tạm")
    url = reverse("admin:units_unit_delete", args=[empty.pk])
    login(admin_user).post(url, {"post": "yes"})
    assert not Unit.objects.filter(pk=empty.pk).exists()


def test_bulk_delete_is_refused_as_a_whole_when_one_unit_has_history(
    login, admin_user, sector, person_long_an
):
    empty = UnitFactory(parent=sector.hq, name="Phòng tạm")
    response = login(admin_user).post(
        UNITS,
        {"action": "delete_selected", "_selected_action": [empty.pk, sector.district.pk]},
        follow=True,
    )
    assert Unit.objects.filter(pk__in=[empty.pk, sector.district.pk]).count() == 2
    assert any("Không xóa được đơn vị" in m for m in messages_of(response))


def test_bulk_delete_confirmation_is_refused_too(login, admin_user, restructured):
    # Bến Lức has no people, only a successor: Django alone would delete it and the link.
    ben_luc = restructured.ben_luc.pk
    response = login(admin_user).post(
        UNITS,
        {"action": "delete_selected", "_selected_action": [ben_luc], "post": "yes"},
        follow=True,
    )
    assert Unit.objects.filter(pk=ben_luc).exists()
    assert Unit.objects.get(code="thads-long-an-kv1").predecessors.get().pk == ben_luc
    assert any("Không xóa được đơn vị" in m for m in messages_of(response))


def test_bulk_delete_of_units_without_history_works(login, admin_user, sector):
    spare = [UnitFactory(parent=sector.hq).pk for _ in range(2)]
    client = login(admin_user)
    confirm = client.post(UNITS, {"action": "delete_selected", "_selected_action": spare})
    assert confirm.status_code == 200  # Django's confirmation page
    client.post(UNITS, {"action": "delete_selected", "_selected_action": spare, "post": "yes"})
    assert not Unit.objects.filter(pk__in=spare).exists()


def test_deactivate_action_ends_the_unit_today(login, admin_user, sector, person_long_an):
    response = login(admin_user).post(
        UNITS,
        {"action": "deactivate", "_selected_action": [sector.thads_long_an.pk]},
        follow=True,
    )
    sector.thads_long_an.refresh_from_db()
    assert sector.thads_long_an.valid_to == datetime.date.today()
    messages = messages_of(response)
    assert any("Đã cho 1 đơn vị ngừng hoạt động" in m for m in messages)
    assert any("còn 1 đơn vị trực thuộc đang hoạt động" in m for m in messages)


def test_deactivate_leaves_already_ended_units_alone(login, admin_user, restructured):
    login(admin_user).post(
        UNITS,
        {"action": "deactivate", "_selected_action": [restructured.ben_luc.pk]},
    )
    restructured.ben_luc.refresh_from_db()
    assert restructured.ben_luc.valid_to == datetime.date(2025, 6, 30)


# --- Editing units -------------------------------------------------------------------------


def unit_form(unit: Unit, **changes) -> dict:
    data = {
        "name": unit.name,
        "short_name": unit.short_name,
        "code": unit.code,
        "agency_type": unit.agency_type,
        "province": unit.province_id or "",
        "parent": unit.parent_id or "",
        "valid_from": unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else "",
        "valid_to": "",
    }
    data.update(changes)
    return data


def test_a_parent_cycle_is_an_error_on_the_parent_field(login, admin_user, sector):
    url = reverse("admin:units_unit_change", args=[sector.thads_long_an.pk])
    response = login(admin_user).post(
        url, unit_form(sector.thads_long_an, parent=sector.district.pk)
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["parent"] == ["Một đơn vị không thể là cấp trên của chính nó."]
    sector.thads_long_an.refresh_from_db()
    assert sector.thads_long_an.parent == sector.hq


def test_moving_a_unit_in_the_admin_moves_its_subtree(login, admin_user, sector):
    url = reverse("admin:units_unit_change", args=[sector.thads_long_an.pk])
    response = login(admin_user).post(
        url, unit_form(sector.thads_long_an, parent=sector.ministry.pk)
    )
    assert response.status_code == 302
    sector.district.refresh_from_db()
    assert sector.district.depth == 2


# --- People --------------------------------------------------------------------------------


def _inline(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def person_form(person_fields: dict, assignments: list[dict], initial: int = 0) -> dict:
    return {
        **person_fields,
        **_inline("assignments", assignments, initial),
        **_inline("ratings", []),
        **_inline("disciplines", []),
        **_inline("reviews", []),
        **_inline("leaves", []),
    }


def test_person_unit_and_position_follow_the_assignment_inline(login, admin_user, sector):
    response = login(admin_user).post(
        reverse("admin:units_person_add"),
        person_form(
            {"full_name": "Lê Thị Hoa", "code": "CB900001", "gender": "F", "category": "cong_chuc"},
            [{"unit": sector.district.pk, "position": "Thư ký", "start": "01/08/2025"}],
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    person = Person.objects.get(code="CB900001")
    assert (person.unit, person.position) == (sector.district, "Thư ký")


def test_a_new_open_assignment_closes_the_previous_one(login, admin_user, sector):
    person = PersonFactory(full_name="Lê Văn Nam", assigned_to=sector.thads_long_an)
    old = person.assignments.get()
    response = login(admin_user).post(
        reverse("admin:units_person_change", args=[person.pk]),
        person_form(
            {
                "full_name": person.full_name,
                "code": person.code,
                "gender": "M",
                "category": "cong_chuc",
            },
            [
                {
                    "id": old.pk,
                    "person": person.pk,
                    "unit": old.unit_id,
                    "position": old.position,
                    "start": "01/01/2020",
                },
                {"unit": sector.district.pk, "position": "Chấp hành viên", "start": "01/07/2025"},
            ],
            initial=1,
        ),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.unit, person.position) == (sector.district, "Chấp hành viên")
    old.refresh_from_db()
    assert old.end == datetime.date(2025, 6, 30)


def test_person_unit_is_shown_read_only(login, admin_user, person_long_an):
    response = login(admin_user).get(reverse("admin:units_person_change", args=[person_long_an.pk]))
    form = response.context["adminform"].form
    assert "unit" not in form.fields
    assert "Phòng Thi hành án dân sự khu vực 1 – Long An" in response.content.decode()


def test_admin_lists_are_scoped_for_non_admin_staff(
    login, staff_long_an, person_long_an, person_lao_cai
):
    staff_long_an.is_staff = True
    staff_long_an.save()
    staff_long_an.user_permissions.add(Permission.objects.get(codename="view_person"))
    response = login(staff_long_an).get(PEOPLE)
    assert listed(response) == ["Nguyễn Văn An"]
    foreign = reverse("admin:units_person_change", args=[person_lao_cai.pk])
    assert login(staff_long_an).get(foreign).status_code == 302  # "does not exist" redirect


# --- Import and export ---------------------------------------------------------------------


def test_units_export_with_parent_codes(sector):
    dataset = UnitResource().export()
    rows = {row["code"]: row for row in dataset.dict}
    assert rows["thads-long-an-kv1"]["parent_code"] == "thads-long-an"
    assert rows["thads-long-an-kv1"]["valid_from"] == "01/07/2025"
    assert rows["thads-long-an"]["province"] == "Long An"


def test_export_page_works(login, admin_user, sector):
    response = login(admin_user).get(reverse("admin:units_unit_export"))
    assert response.status_code == 200


def test_people_import_creates_and_assigns_by_unit_code(sector, person_long_an):
    dataset = tablib.Dataset(
        headers=[
            "code",
            "full_name",
            "gender",
            "category",
            "unit_code",
            "position",
            "assignment_start",
        ]
    )
    dataset.append(
        ["CB777", "Phạm Thị Mai", "F", "cong_chuc", "thads-lao-cai", "Thư ký", "01/08/2025"]
    )
    dataset.append(
        [
            person_long_an.code,
            "Nguyễn Văn An",
            "M",
            "cong_chuc",
            "thads-long-an",
            "Phó Chi cục trưởng",
            "01/09/2025",
        ]
    )
    result = PersonResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    mai = Person.objects.get(code="CB777")
    assert (mai.unit, mai.position) == (sector.thads_lao_cai, "Thư ký")
    person_long_an.refresh_from_db()
    assert person_long_an.unit == sector.thads_long_an
    assert person_long_an.assignments.count() == 2
    assert Assignment.objects.get(person=person_long_an, end__isnull=False).end == (
        datetime.date(2025, 8, 31)
    )


def test_people_import_reports_an_unknown_unit(sector):
    dataset = tablib.Dataset(headers=["code", "full_name", "gender", "unit_code", "position"])
    dataset.append(["CB778", "Phạm Văn Hùng", "M", "khong-co", "Thư ký"])
    result = PersonResource().import_data(dataset, dry_run=True)
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert "khong-co" in str(invalid.error_dict)


@pytest.mark.parametrize(
    "model",
    [
        "province",
        "unit",
        "cluster",
        "clustermembership",
        "person",
        "assignment",
        "qualityrating",
        "discipline",
        "review",
        "leave",
        "initiative",
        "unitrole",
    ],
)
def test_every_admin_page_opens(login, admin_user, person_long_an, home_affairs_block, model):
    client = login(admin_user)
    assert (
        client.get(reverse(f"admin:units_{model}_changelist"), {"q": "long an"}).status_code == 200
    )
    assert client.get(reverse(f"admin:units_{model}_add")).status_code == 200


def test_user_page_shows_unit_roles(login, admin_user, staff_long_an):
    response = login(admin_user).get(reverse("admin:auth_user_change", args=[staff_long_an.pk]))
    assert response.status_code == 200
    assert "Phòng Thi hành án dân sự khu vực 1 – Long An" in response.content.decode()
