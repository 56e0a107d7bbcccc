"""Every operation costs a fixed number of queries, however many rows it answers."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AwardFactory,
    AwardRuleFactory,
    ConfermentFactory,
    DecisionFactory,
    PersonFactory,
)
from tests.thidua.api.helpers import bearer, url


def _grow(sector, count):
    """``count`` decisions of Lào Cai, each awarding a new person of it (and a collective)."""
    made = []
    for i in range(count):
        decision = DecisionFactory(
            issuing_unit=sector.thads_lao_cai, year=2025, signed_on=datetime.date(2025, 1, 6)
        )
        person = PersonFactory(full_name=f"Cán bộ {i}", assigned_to=sector.thads_lao_cai)
        award = AwardFactory()
        ConfermentFactory(
            decision=decision, person=person, unit=sector.thads_lao_cai, year=2024, award=award
        )
        ConfermentFactory(decision=decision, unit=sector.thads_lao_cai, year=2024, award=award)
        made.append((decision, person))
    return made


CALLS = {
    "units": lambda first: ({}, {}),
    "people": lambda first: ({}, {"unit": first["unit"]}),
    "awards": lambda first: ({}, {}),
    "decisions": lambda first: ({}, {"year": 2025}),
    "decision": lambda first: ({"pk": first["decision"]}, {}),
    "conferments": lambda first: ({}, {"year": 2024, "unit": first["unit"]}),
    "person_history": lambda first: ({"pk": first["person"]}, {}),
    "unit_history": lambda first: ({"pk": first["unit"]}, {"subunits": "true"}),
    "cadre_database": lambda first: ({}, {"year": 2025}),
    "unsynchronised": lambda first: ({}, {}),
    "eligibility": lambda first: (
        {},
        {"award": first["award"], "person": first["person"], "year": 2026},
    ),
}


def _count(client, name, first, headers) -> int:
    kwargs, query = CALLS[name](first)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(name, **kwargs), query, **headers)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("role", ["leader_lao_cai", "admin_user"])
@pytest.mark.parametrize("name", sorted(CALLS))
def test_query_counts_do_not_grow_with_rows(
    name, role, request, client, sector, django_assert_num_queries
):
    user = request.getfixturevalue(role)
    headers = bearer(user)
    decision, person = _grow(sector, 2)[0]
    first = {
        "decision": decision.pk,
        "person": person.pk,
        "unit": sector.thads_lao_cai.pk,
        "award": decision.conferments.first().award_id,
    }
    # A rule in force, so that the eligibility engine reads the person's history.
    AwardRuleFactory(award=decision.conferments.first().award)
    with_two = _count(client, name, first, headers)
    _grow(sector, 6)
    # The decision's conferments, the person's and the unit's histories grow too.
    ConfermentFactory(decision=decision, unit=sector.thads_lao_cai, year=2024)
    ConfermentFactory(decision=decision, person=person, unit=sector.thads_lao_cai, year=2023)
    kwargs, query = CALLS[name](first)
    with django_assert_num_queries(with_two):
        client.get(url(name, **kwargs), query, **headers)
