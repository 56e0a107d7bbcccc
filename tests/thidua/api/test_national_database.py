"""The national database of cadres (Decree 27/2026/NĐ-CP): the person's số định danh, the
export of a year's awards, and decisions not synchronised 3 working days after signing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import selectors, services
from awards.catalogue.models import Award
from awards.models import Decision
from tests.factories import AwardFactory, ConfermentFactory, DecisionFactory, PersonFactory
from tests.thidua.api.helpers import call, ids
from thidua.core.models import AuditEntry
from thidua.core.workdays import add_working_days, latest_overdue

D = datetime.date


@pytest.mark.parametrize("value", ["12345678901", "1234567890123", "12345678901a", "١٢٣٤٥٦٧٨٩٠١٢"])
def test_a_national_id_is_exactly_twelve_digits(value, sector):
    person = PersonFactory.build(national_id=value, code="CB1", gender="M")
    with pytest.raises(ValidationError) as refused:
        person.full_clean(exclude=["unit"])
    assert "Số định danh cá nhân gồm đúng 12 chữ số." in refused.value.message_dict["national_id"]


def test_a_national_id_is_unique_when_set_and_blank_is_none(sector):
    PersonFactory(national_id="001190000001", assigned_to=sector.district)
    first, second = (PersonFactory(national_id="", assigned_to=sector.district) for _ in "ab")
    assert first.national_id is None and second.national_id is None
    twin = PersonFactory.build(national_id="001190000001", code="CB2", gender="M")
    with pytest.raises(ValidationError) as refused:
        twin.full_clean(exclude=["unit"])
    assert refused.value.message_dict["national_id"] == [
        "Số định danh cá nhân này đã có ở một cán bộ khác."
    ]


def test_the_person_page_shows_the_national_id_inside_the_scope_only(
    login, sector, staff_lao_cai, staff_long_an
):
    person = PersonFactory(national_id="001190000001", assigned_to=sector.thads_lao_cai)
    page = reverse("units:person", kwargs={"pk": person.pk})
    assert "001190000001" in login(staff_lao_cai).get(page).content.decode()
    assert login(staff_long_an).get(page).status_code == 404


def _decision(unit, signed_on, *, person=True, **extra):
    decision = DecisionFactory(issuing_unit=unit, year=signed_on.year, signed_on=signed_on, **extra)
    someone = PersonFactory(assigned_to=unit, national_id=None) if person else None
    award = AwardFactory(
        subject=Award.Subject.INDIVIDUAL if person else Award.Subject.COLLECTIVE,
        form_name="Bằng khen",
    )
    ConfermentFactory(decision=decision, person=someone, unit=unit, year=2025, award=award)
    return decision


def test_the_export_has_the_national_databases_shape(client, sector, leader_lao_cai):
    decision = _decision(sector.thads_lao_cai, D(2026, 3, 2))
    conferment = decision.conferments.get()
    person = conferment.person
    person.national_id = "001190000001"
    person.save()
    _decision(sector.thads_long_an, D(2026, 3, 2))  # not Lào Cai's
    _decision(sector.thads_lao_cai, D(2025, 3, 2))  # another year
    answer = call(client, leader_lao_cai, "cadre_database", {"year": 2026}).json()
    assert answer["count"] == 1
    assert answer["items"][0] == {
        "national_id": "001190000001",
        "person_code": person.code,
        "full_name": person.full_name,
        "birth_date": None,
        "award_code": conferment.award.code,
        "award_name": conferment.award.name,
        "form": "Bằng khen",
        "kind": "reward",
        "achievement_year": 2025,
        "decision_number": decision.number,
        "decision_date": "2026-03-02",
        "decision_issuer": "Thi hành án dân sự tỉnh Lào Cai",
        "decision_authority": "Bộ trưởng Bộ Tư pháp",
        "signer_name": "Nguyễn Hải Ninh",
        "signer_position": "Bộ trưởng",
        "synced_on": None,
    }
    assert call(client, leader_lao_cai, "cadre_database", {}).status_code == 422


def test_three_working_days_skip_the_weekend():
    friday = D(2026, 12, 4)
    assert add_working_days(friday, 3) == D(2026, 12, 9)  # Wednesday
    assert add_working_days(D(2026, 12, 7), 3) == D(2026, 12, 10)  # Monday → Thursday
    # On Thursday 10/12 a decision of Friday 4/12 to Sunday 6/12 (due Wednesday) is late,
    # Monday's is not.
    assert latest_overdue(D(2026, 12, 10), 3) == D(2026, 12, 6)
    assert latest_overdue(D(2026, 12, 9), 3) == D(2026, 12, 3)


def test_decisions_not_synchronised_after_three_working_days(
    client, sector, admin_user, leader_lao_cai
):
    today = D(2026, 12, 10)  # Thursday
    late = _decision(sector.thads_lao_cai, D(2026, 12, 4))  # due Wednesday 9/12
    _decision(sector.thads_lao_cai, D(2026, 12, 7))  # due today: not late yet
    _decision(sector.thads_lao_cai, D(2026, 11, 2), person=False)  # nobody to sync
    _decision(sector.thads_lao_cai, D(2026, 11, 2), status=Decision.Status.DRAFT)
    rows = selectors.decisions_not_synchronised(user=leader_lao_cai, today=today)
    assert list(rows) == [late]
    assert selectors.sync_due_on(late) == D(2026, 12, 9)
    services.decisions_mark_synchronised(decisions=[late], by=admin_user, on=today)
    late.refresh_from_db()
    assert late.synced_on == today
    assert not selectors.decisions_not_synchronised(user=leader_lao_cai, today=today).exists()


def test_the_api_lists_late_decisions_with_their_due_date(client, sector, leader_lao_cai):
    late = _decision(sector.thads_lao_cai, D(2025, 1, 3))  # long ago
    _decision(sector.thads_long_an, D(2025, 1, 3))  # not Lào Cai's
    answer = call(client, leader_lao_cai, "unsynchronised").json()
    assert ids_of(answer) == [late.pk]
    assert answer["items"][0]["due_on"] == "2025-01-08"
    assert answer["items"][0]["synced_on"] is None


def ids_of(answer):
    return [row["id"] for row in answer["items"]]


def test_only_admins_record_synchronisation(sector, leader_lao_cai):
    decision = _decision(sector.thads_lao_cai, D(2026, 12, 4))
    with pytest.raises(ValidationError) as refused:
        services.decisions_mark_synchronised(
            decisions=[decision], by=leader_lao_cai, on=D(2026, 12, 10)
        )
    assert refused.value.messages == ["Chỉ quản trị viên ghi nhận việc đồng bộ với CSDL quốc gia."]
    decision.refresh_from_db()
    assert decision.synced_on is None


def test_the_admin_action_records_today_on_issued_decisions(client, sector, admin_user):
    issued = _decision(sector.thads_lao_cai, D(2026, 12, 4))
    draft = _decision(sector.thads_lao_cai, D(2026, 12, 4), status=Decision.Status.DRAFT)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:awards_decision_changelist"),
        {"action": "mark_synchronised", "_selected_action": [issued.pk, draft.pk]},
        follow=True,
    )
    assert "Đã ghi nhận đồng bộ 1 quyết định (đã ban hành, chưa đồng bộ)." in (
        response.content.decode()
    )
    issued.refresh_from_db()
    draft.refresh_from_db()
    assert issued.synced_on is not None and draft.synced_on is None
    entry = AuditEntry.objects.get(action="synchronise")
    assert (entry.actor, entry.object_id) == (admin_user, issued.pk)
    assert entry.comment == f"Đồng bộ CSDL quốc gia ngày {issued.synced_on:%d/%m/%Y}"
    page = client.get(reverse("awards:decision_detail", kwargs={"pk": issued.pk}))
    assert (
        f'Ngày đồng bộ CSDL cán bộ quốc gia</dt><dd class="col-sm-9">{issued.synced_on:%d/%m/%Y}'
        in (page.content.decode())
    )
    late = client.get(reverse("admin:awards_decision_changelist"), {"synced": "late"})
    assert late.status_code == 200


def test_the_api_shows_the_national_id_inside_the_scope(client, sector, staff_lao_cai):
    person = PersonFactory(national_id="001190000001", assigned_to=sector.thads_lao_cai)
    answer = call(client, staff_lao_cai, "person", pk=person.pk).json()
    assert answer["national_id"] == "001190000001"
    assert ids(call(client, staff_lao_cai, "people")) == [person.pk]
