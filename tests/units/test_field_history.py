"""Field history: an admin's edit reads "before → after" on the person's page, in the audit
log and on the admin's own history page; a bulk write leaves no row and breaks nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory
from units.models import Person

INLINES = ("assignments", "ratings", "disciplines", "reviews", "leaves")


def _admin_change(client, person, **changes):
    """Post the person's admin change form, changing ``changes`` only."""
    data = {
        "full_name": person.full_name,
        "code": person.code,
        "gender": person.gender,
        "birth_date": "",
        "category": person.category,
        "joined_on": "",
    }
    for prefix in INLINES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data |= changes
    url = reverse("admin:units_person_change", args=[person.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def edited(login, admin_user):
    admin_user.first_name, admin_user.last_name = "Phạm Quản", "Trị"
    admin_user.save()
    person = PersonFactory(full_name="Nguyễn Văn A")
    client = login(admin_user)
    _admin_change(client, person, full_name="Nguyễn Văn B", category=Person.Category.OFFICIAL)
    return client, person


def test_an_admin_edit_of_a_name_reads_before_and_after_on_the_person_page(edited):
    client, person = edited
    page = client.get(reverse("units:person", args=[person.pk]))
    newest = page.context["changes"][0]
    assert (newest.action, newest.actor_name) == ("Sửa", "Phạm Quản Trị")
    assert [str(change) for change in newest.changes] == [
        "Họ và tên: Nguyễn Văn A → Nguyễn Văn B",
        "Ngạch/loại: Công chức → Cán bộ",
    ]
    assert "Họ và tên: Nguyễn Văn A → Nguyễn Văn B" in page.text
    assert "Lịch sử thay đổi" in page.text


def test_the_audit_log_shows_the_changed_values(edited):
    client, _person = edited
    lines = list(client.get(reverse("audit_log")).context["lines"])
    field_lines = [line for line in lines if line.kind == "field"]
    assert len(field_lines) == 1
    line = field_lines[0]
    assert (line.actor_name, line.object_type, line.object_label, line.action) == (
        "Phạm Quản Trị",
        "cán bộ",
        "Nguyễn Văn B",
        "Sửa",
    )
    assert line.changes == [
        "Họ và tên: Nguyễn Văn A → Nguyễn Văn B",
        "Ngạch/loại: Công chức → Cán bộ",
    ]
    # The admin site's own record of the edit is still there.
    assert [line.kind for line in lines].count("admin") == 1


def test_the_admin_history_page_lists_the_change(edited):
    client, person = edited
    page = client.get(reverse("admin:units_person_history", args=[person.pk]))
    assert page.status_code == 200
    assert "Nguyễn Văn A" in page.text and "Nguyễn Văn B" in page.text


def test_the_admin_history_of_an_object_outside_the_scope_is_not_found(
    login, staff_long_an, person_lao_cai
):
    staff_long_an.is_staff = True
    staff_long_an.save()
    client = login(staff_long_an)
    for url in (
        reverse("admin:units_person_history", args=[person_lao_cai.pk]),
        reverse("admin:units_person_history", args=["abc"]),
    ):
        assert client.get(url).status_code == 404


def test_a_bulk_write_leaves_no_row_and_the_first_edit_says_so(login, admin_user):
    person = Person.objects.bulk_create([Person(full_name="Lê Văn C", code="CB9", gender="M")])[0]
    assert not Person.history.filter(id=person.pk).exists()
    client = login(admin_user)
    _admin_change(client, person, full_name="Lê Văn D")
    newest = client.get(reverse("units:person", args=[person.pk])).context["changes"][0]
    assert (newest.changes, newest.first_known) == ([], True)


def test_a_unit_edit_reads_before_and_after_on_its_page_and_under_its_filter(
    login, admin_user, sector
):
    unit = sector.district
    old_name = unit.name
    unit.name, unit.province = "Phòng Thi hành án dân sự khu vực 1", sector.thads_lao_cai.province
    unit._history_user = admin_user
    unit.save()
    client = login(admin_user)
    newest = client.get(reverse("units:detail", args=[unit.pk])).context["changes"][0]
    assert [str(change) for change in newest.changes] == [
        f"Tên đơn vị: {old_name} → Phòng Thi hành án dân sự khu vực 1",
        "Tỉnh/thành phố: Long An → Lào Cai",
    ]
    for code, count in ((sector.thads_long_an.code, 1), (sector.thads_lao_cai.code, 0)):
        lines = client.get(reverse("audit_log"), {"unit": code}).context["lines"]
        assert [line.kind for line in lines].count("field") == count


def test_the_audit_log_costs_the_same_queries_however_many_field_edits(
    login, admin_user, sector, django_assert_num_queries
):
    people = [PersonFactory(full_name=f"Người số {n}") for n in range(3)]
    client = login(admin_user)
    url = reverse("audit_log")

    def edit(times):
        for _time in range(times):
            for person in people:
                person.full_name = f"{person.full_name}!"
                person._history_user = admin_user
                person.save()

    edit(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    edit(20)
    with django_assert_num_queries(len(few)):
        page = client.get(url)
    assert len(page.context["lines"]) == 50
    assert page.context["lines"][0].changes == [
        f"Họ và tên: Người số 2{'!' * 20} → Người số 2{'!' * 21}"
    ]
