import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import DecisionFactory, ProposalFactory, UnitRoleFactory, UserFactory
from thidua.core import audit
from thidua.core.models import AuditEntry
from units.models import UnitRole

URL = reverse("audit_log")


def _at(entry, day: datetime.date, hour: int = 9):
    """Move an audit entry (``at`` is auto_now_add) to a given local day."""
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    AuditEntry.objects.filter(pk=entry.pk).update(at=when)


def _admin_edit(user, obj, message="Đã sửa tên", when=None):
    entry = LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=CHANGE,
        change_message=message,
    )
    if when:
        LogEntry.objects.filter(pk=entry.pk).update(action_time=when)
    return entry


@pytest.fixture
def history(sector, admin_user, leader_lao_cai, staff_long_an):
    """Two state changes in two provinces and one admin edit of a Lào Cai decision."""
    lao_cai = ProposalFactory(proposing_unit=sector.thads_lao_cai)
    long_an = ProposalFactory(proposing_unit=sector.district)
    first = audit.record(
        obj=lao_cai,
        by=leader_lao_cai,
        action="submit",
        from_state="draft",
        to_state="submitted",
        unit=sector.thads_lao_cai,
    )
    second = audit.record(
        obj=long_an, by=staff_long_an, action="create", to_state="draft", unit=sector.district
    )
    _at(first, datetime.date(2026, 3, 1))
    _at(second, datetime.date(2026, 3, 5))
    decision = DecisionFactory(issuing_unit=sector.thads_lao_cai)
    when = timezone.make_aware(datetime.datetime(2026, 3, 10, 8))
    edit = _admin_edit(admin_user, decision, "Sửa số quyết định", when)
    return {"lao_cai": first, "long_an": second, "edit": edit, "decision": decision}


def test_merges_state_changes_and_admin_edits_newest_first(login, admin_user, history):
    response = login(admin_user).get(URL)
    assert response.status_code == 200
    kinds = [(line.kind, line.username) for line in response.context["lines"]]
    assert kinds == [("admin", "admin"), ("state", "staff_long_an"), ("state", "leader_lao_cai")]
    assert "Sửa số quyết định" in response.text
    assert response.context["page_obj"].paginator.count == 3


def test_actions_and_states_read_as_on_the_objects_own_history(login, admin_user, history):
    lines = {line.username: line for line in login(admin_user).get(URL).context["lines"]}
    submitted = lines["leader_lao_cai"]
    assert (submitted.action, submitted.from_state, submitted.to_state) == (
        "Trình lãnh đạo",
        "Nháp",
        "Chờ lãnh đạo duyệt",
    )
    assert (lines["staff_long_an"].action, lines["staff_long_an"].to_state) == ("Lập", "Nháp")


def test_filter_by_unit_takes_the_subtree_and_admin_edits_of_its_objects(
    login, admin_user, sector, history
):
    client = login(admin_user)
    lao_cai = client.get(URL, {"unit": sector.thads_lao_cai.code}).context["lines"]
    assert [line.kind for line in lao_cai] == ["admin", "state"]
    # The district office is inside Long An and inside the Cục: its change shows under both.
    for code in (sector.thads_long_an.code, sector.district.code):
        lines = client.get(URL, {"unit": code}).context["lines"]
        assert [line.username for line in lines] == ["staff_long_an"]
    assert len(client.get(URL, {"unit": sector.hq.code}).context["lines"]) == 3


def test_filter_by_user_and_date_range(login, admin_user, history):
    client = login(admin_user)
    lines = client.get(URL, {"user": "LEADER_LAO_CAI"}).context["lines"]
    assert [line.username for line in lines] == ["leader_lao_cai"]
    lines = client.get(URL, {"date_from": "02/03/2026", "date_to": "05/03/2026"}).context["lines"]
    assert [line.username for line in lines] == ["staff_long_an"]
    lines = client.get(URL, {"date_from": "06/03/2026"}).context["lines"]
    assert [line.kind for line in lines] == ["admin"]


@pytest.mark.parametrize(
    ("params", "message", "rows"),
    [
        ({"date_from": "31/02/2026"}, "Ngày không hợp lệ", 3),
        ({"date_to": "hôm qua"}, "Ngày không hợp lệ", 3),
        ({"date_to": "31/12/9999"}, "Năm phải trong khoảng", 3),
        # The end before the start is dropped; the start still filters.
        ({"date_from": "10/03/2026", "date_to": "01/03/2026"}, "phải sau hoặc bằng", 1),
        ({"unit": "khong-co-don-vi"}, "Không có đơn vị nào", 3),
        ({"unit": "<script>"}, "Giá trị đã nhập", 3),
    ],
)
def test_bad_filters_give_a_message_and_are_ignored(
    login, admin_user, history, params, message, rows
):
    response = login(admin_user).get(URL, params)
    assert response.status_code == 200
    assert message in response.text
    assert len(response.context["lines"]) == rows


@pytest.mark.parametrize("role", ["staff_long_an", "leader_lao_cai", "council_member"])
def test_only_admins_see_the_log(login, request, role, history):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 404


def test_holders_of_the_admin_role_see_the_log(login, sector, history):
    office = UserFactory(username="tdkt")
    UnitRoleFactory(user=office, unit=sector.ministry, role=UnitRole.Role.ADMIN)
    assert login(office).get(URL).status_code == 200


def test_page_costs_the_same_queries_for_any_number_of_rows(
    login, admin_user, sector, history, django_assert_num_queries
):
    client = login(admin_user)
    client.get(URL)  # warm the session and content types

    def count(params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, params).status_code == 200
        return len(captured)

    few = count({})
    filtered = count({"unit": sector.hq.code, "user": "admin", "date_from": "01/01/2026"})
    for n in range(60):
        proposal = ProposalFactory(proposing_unit=sector.thads_lao_cai)
        audit.record(obj=proposal, by=admin_user, action="create", unit=sector.thads_lao_cai)
        _admin_edit(admin_user, proposal, f"Sửa lần {n}")
    assert count({}) == few
    assert count({"page": "2"}) == few
    assert count({"unit": sector.hq.code, "user": "admin", "date_from": "01/01/2026"}) == filtered
    # Session, user, count, page; one more to find the unit of the filter.
    with django_assert_num_queries(few):
        client.get(URL, {"page": "3"})
    assert filtered == few + 1


def test_csp_holds_no_inline_script_or_style(login, admin_user, history):
    text = login(admin_user).get(URL).text
    assert "<script>" not in text and "style=" not in text and "<style" not in text
