"""What the API answers: the screens' scope, filters, pages, ETags, and the eligibility page's
own verdicts and reasons."""

import datetime

from django.urls import reverse

from awards.catalogue.models import Award
from tests.factories import (
    AwardFactory,
    ConfermentFactory,
    DecisionFactory,
    PersonFactory,
    UnitFactory,
)
from tests.thidua.api.helpers import bearer, call, ids, url


def _awarded(sector, unit, *, year=2025, award=None, name="Đinh Thị Khen"):
    decision = DecisionFactory(issuing_unit=unit, year=year, signed_on=datetime.date(year, 3, 2))
    person = PersonFactory(full_name=name, assigned_to=unit)
    conferment = ConfermentFactory(
        decision=decision, person=person, unit=unit, year=year - 1, award=award or AwardFactory()
    )
    return conferment


def test_lists_hold_what_the_screens_show_the_user(client, sector, staff_long_an_province):
    ours = _awarded(sector, sector.district)
    theirs = _awarded(sector, sector.thads_lao_cai, name="Người Lào Cai")
    user = staff_long_an_province
    assert set(ids(call(client, user, "units"))) == {sector.thads_long_an.pk, sector.district.pk}
    assert ids(call(client, user, "people")) == [ours.person_id]
    assert ids(call(client, user, "decisions")) == [ours.decision_id]
    assert ids(call(client, user, "conferments")) == [ours.pk]
    for name, pk in (("person", theirs.person_id), ("decision", theirs.decision_id)):
        answer = call(client, user, name, pk=pk)
        assert (answer.status_code, answer.json()) == (404, {"detail": "Not Found"})


def test_filters_by_year_unit_and_award(client, sector, admin_user):
    award = AwardFactory(name="Bằng khen của Bộ trưởng")
    old = _awarded(sector, sector.district, year=2024, award=award)
    new = _awarded(sector, sector.thads_lao_cai, year=2025, name="Người mới")
    assert ids(call(client, admin_user, "decisions", {"year": 2024})) == [old.decision_id]
    assert ids(call(client, admin_user, "conferments", {"year": 2024})) == [new.pk]
    by_unit = call(client, admin_user, "conferments", {"unit": sector.thads_long_an.pk})
    assert ids(by_unit) == [old.pk]  # the district is under THADS Long An
    assert ids(call(client, admin_user, "decisions", {"award": award.pk})) == [old.decision_id]
    assert ids(call(client, admin_user, "conferments", {"award": award.pk})) == [old.pk]
    people = call(client, admin_user, "people", {"unit": sector.thads_lao_cai.pk})
    assert ids(people) == [new.person_id]
    children = call(client, admin_user, "units", {"parent": sector.thads_long_an.pk})
    assert ids(children) == [sector.district.pk]
    before_district = call(client, admin_user, "units", {"on": "2025-06-30"})
    assert sector.district.pk not in ids(before_district)


def test_a_filter_that_is_not_a_number_is_refused_with_a_message(client, sector, admin_user):
    answer = call(client, admin_user, "conferments", {"year": "hai nghìn"})
    assert answer.status_code == 400
    assert answer.json() == {"detail": "Tham số year không hợp lệ: hai nghìn"}
    answer = call(client, admin_user, "decisions", {"unit": "9" * 30})
    assert answer.json() == {"detail": "Tham số unit không hợp lệ: " + "9" * 30}


def test_a_unit_outside_the_scope_is_404_as_a_filter_too(client, sector, staff_long_an):
    answer = call(client, staff_long_an, "people", {"unit": sector.thads_lao_cai.pk})
    assert answer.status_code == 404
    assert call(client, staff_long_an, "unit", pk="abc").status_code == 404


def test_lists_are_paginated(client, sector, admin_user):
    for i in range(5):
        PersonFactory(full_name=f"Cán bộ {i}", assigned_to=sector.district)
    first = call(client, admin_user, "people", {"page_size": 2})
    third = call(client, admin_user, "people", {"page_size": 2, "page": 3})
    assert first.json()["count"] == 5
    assert [p["full_name"] for p in first.json()["items"]] == ["Cán bộ 0", "Cán bộ 1"]
    assert [p["full_name"] for p in third.json()["items"]] == ["Cán bộ 4"]


def test_an_unchanged_answer_is_304_with_its_etag(client, sector, admin_user):
    _awarded(sector, sector.district)
    headers = bearer(admin_user)
    first = client.get(url("decisions"), **headers)
    etag = first["ETag"]
    again = client.get(url("decisions"), HTTP_IF_NONE_MATCH=etag, **headers)
    assert (again.status_code, again.content) == (304, b"")
    _awarded(sector, sector.district, name="Người thứ hai")
    changed = client.get(url("decisions"), HTTP_IF_NONE_MATCH=etag, **headers)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_decision_comes_with_all_its_conferments(client, sector, admin_user):
    conferment = _awarded(sector, sector.thads_lao_cai)
    ConfermentFactory(decision=conferment.decision, unit=sector.thads_lao_cai, year=2024)
    answer = call(client, admin_user, "decision", pk=conferment.decision_id).json()
    assert answer["number"] == conferment.decision.number
    assert answer["issuing_unit_name"] == "Thi hành án dân sự tỉnh Lào Cai"
    assert len(answer["conferments"]) == 2
    assert {"Đinh Thị Khen", None} == {row["person_name"] for row in answer["conferments"]}


def test_histories_of_a_person_and_of_a_unit(client, sector, leader_lao_cai):
    conferment = _awarded(sector, sector.thads_lao_cai)
    collective = ConfermentFactory(
        decision=conferment.decision,
        unit=sector.thads_lao_cai,
        year=2024,
        award=AwardFactory(subject=Award.Subject.COLLECTIVE),
    )
    person = call(client, leader_lao_cai, "person_history", pk=conferment.person_id)
    assert ids(person) == [conferment.pk]
    unit = call(client, leader_lao_cai, "unit_history", pk=sector.thads_lao_cai.pk)
    assert sorted(ids(unit)) == sorted([conferment.pk, collective.pk])
    foreign = call(client, leader_lao_cai, "unit_history", pk=sector.district.pk)
    assert foreign.status_code == 404


def test_eligibility_gives_the_verdicts_and_reasons_of_the_proposal_page(
    client, login, drafted, cast
):
    """The proposal page shows each nominee's verdict: the API answers the same."""
    page = login(cast.staff).get(
        reverse("awards:proposal_detail", kwargs={"pk": drafted.proposal.pk})
    )
    text = page.content.decode()
    client.logout()
    proposal = drafted.proposal
    for nominee in (drafted.an, drafted.binh):
        query = {
            "award": nominee.award_id,
            "person": nominee.person_id,
            "year": proposal.year,
            "on": proposal.reference_date.isoformat(),
        }
        answer = call(client, cast.staff, "eligibility", query).json()
        assert answer["status"] == nominee.verdict
        assert answer["status_label"] == nominee.get_verdict_display()
        messages = [check["message"] for check in answer["checks"]]
        assert messages == [check["message"] for check in nominee.checks]
        for message in messages:
            assert message in text
        assert answer["citation"] and answer["citation"] in text
    assert drafted.binh.verdict == "warnings"  # one of them has a reason to show


def test_eligibility_asks_for_what_it_needs(client, sector, admin_user):
    person = PersonFactory(assigned_to=sector.district)
    collective = AwardFactory(subject=Award.Subject.COLLECTIVE)
    query = {"award": collective.pk, "person": person.pk, "year": 2026}
    answer = call(client, admin_user, "eligibility", query)
    assert answer.json() == {"detail": "Hình thức khen tập thể: cần tham số unit."}
    answer = call(client, admin_user, "eligibility", {**query, "year": "x"})
    assert answer.json() == {"detail": "Tham số year không hợp lệ: x"}
    unit = UnitFactory(parent=sector.district)
    answer = call(client, admin_user, "eligibility", {**query, "unit": unit.pk})
    assert answer.status_code == 200 and answer.json()["subject_id"] == unit.pk
