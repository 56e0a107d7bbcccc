"""Every URL the app serves × every role, insiders of THADS Lào Cai and outsiders.

The URL list comes from the URL conf, so a new URL fails ``test_every_url_is_in_the_matrix``
until it is added to ``MATRIX`` (tests/thidua/matrix.py) with the object it needs. Outsiders
hold each role (staff, leader, council) in THADS Long An, whose path is a prefix of Lào Cai's
without the "/": they get 404, never 403. Every POST is also checked on the books: the roles
the entry names change them, every other answer leaves every row of every table as it was.
"""

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.thidua.api.helpers import bearer
from tests.thidua.matrix import (
    ANONYMOUS_PAGES,
    API_MATRIX,
    INSIDERS,
    MATRIX,
    OBJECT_URLS,
    POST_URLS,
    PUBLIC_OBJECT_URLS,
    REPORT_URLS,
    REPORTERS,
    ROLES,
    api_objects,
    served_url_names,
)
from thidua.api.main import NAMESPACE


def books() -> dict[str, list[tuple]]:
    """Every row of every table but the sessions and the login throttling."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model is not Session and model._meta.app_label != "axes"
    }


def changes(before: dict, after: dict) -> dict:
    return {
        label: (before[label], after[label]) for label in before if before[label] != after[label]
    }


def test_the_outsiders_unit_path_is_a_prefix_of_lao_cais(sector):
    assert sector.thads_lao_cai.path.startswith(sector.thads_long_an.path[:-1])
    assert not sector.thads_lao_cai.path.startswith(sector.thads_long_an.path)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(REPORT_URLS))
def test_reports_answer_leaders_and_admins_only(name, role, request, client, sector, settings):
    settings.MEDIA_ROOT = request.getfixturevalue("tmp_path")
    entry = REPORT_URLS[name]
    client.force_login(request.getfixturevalue(role))
    send = client.post if entry.method == "post" else client.get
    response = send(reverse(name, kwargs=entry.kwargs), entry.query(sector))
    assert response.status_code == (entry.ok if role in REPORTERS else 404)


def test_every_url_is_in_the_matrix():
    api = {f"{NAMESPACE}:{name}" for name in API_MATRIX}
    missing = (
        served_url_names()
        - set(MATRIX)
        - PUBLIC_OBJECT_URLS
        - set(REPORT_URLS)
        - set(ANONYMOUS_PAGES)
        - api
    )
    assert not missing, f"add these URLs to tests/thidua/matrix.py: {sorted(missing)}"


@pytest.mark.parametrize("role", [None, *ROLES])
@pytest.mark.parametrize("name", sorted(ANONYMOUS_PAGES))
def test_the_anonymous_pages_answer_anyone_alike(name, role, request, client, sector, settings):
    settings.THIDUA_PUBLIC_LIST = True  # the public list answers once the deployment says so
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(name, kwargs=ANONYMOUS_PAGES[name] or None))
    assert response.status_code == 200


def _call(client, name, entry, kwargs=None, data=None):
    return getattr(client, entry.method)(reverse(name, kwargs=kwargs), data or {})


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_users_are_sent_to_login(name, client, sector):
    entry = MATRIX[name]
    kwargs = entry.target(sector) if entry.target else None
    data = entry.payload(sector, kwargs)
    before = books()
    response = _call(client, name, entry, kwargs, data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not changes(before, books())


GET_URLS = sorted(name for name, entry in MATRIX.items() if entry.method == "get")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", GET_URLS)
def test_pages_answer_insiders_and_are_404_outside(name, role, request, client, sector):
    entry = MATRIX[name]
    kwargs = entry.target(sector) if entry.target else None
    client.force_login(request.getfixturevalue(role))
    assert _call(client, name, entry, kwargs).status_code == entry.expected(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", POST_URLS)
def test_actions_change_the_books_only_for_those_allowed(
    name, role, request, client, sector, settings
):
    settings.MEDIA_ROOT = request.getfixturevalue("tmp_path")
    entry = MATRIX[name]
    kwargs = entry.target(sector) if entry.target else None
    data = entry.payload(sector, kwargs)
    client.force_login(request.getfixturevalue(role))
    before = books()
    response = _call(client, name, entry, kwargs, data)
    assert response.status_code == entry.expected(role)
    changed = changes(before, books())
    if role in entry.done_by:
        assert changed, f"{role} was answered {response.status_code} but nothing was done"
    else:
        assert not changed, f"{role} was answered {response.status_code} but {changed}"


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_unknown_ids_are_404(name, client, admin_user, sector):
    entry = MATRIX[name]
    unknown = {"key": "0" * 40}  # keys are hex digests; every other kwarg is an id
    kwargs = {arg: unknown.get(arg, 987654321) for arg in entry.target(sector)}
    client.force_login(admin_user)
    assert _call(client, name, entry, kwargs).status_code == 404


def test_every_role_and_both_kinds_of_unit_are_in_the_cast():
    """Outsiders of every role, so that "every leader sees everything" cannot pass."""
    assert set(ROLES) == {
        "staff_lao_cai",
        "leader_lao_cai",
        "council_member",
        "admin_user",
        "staff_long_an",
        "staff_long_an_province",
        "leader_long_an",
        "council_long_an",
    }
    assert all(MATRIX[name].method == "post" for name in POST_URLS)
    assert {role for name in POST_URLS for role in MATRIX[name].done_by} <= set(ROLES)


# --- The API --------------------------------------------------------------------------------


def _api_call(client, name, made, headers):
    entry = API_MATRIX[name]
    url = reverse(f"{NAMESPACE}:{name}", kwargs=entry.kwargs(made))
    return client.get(url, entry.params(made), **headers)


@pytest.mark.parametrize("name", sorted(API_MATRIX))
def test_the_api_is_401_without_a_token_or_with_a_bad_one(name, client, sector):
    made = api_objects(sector)
    entry = API_MATRIX[name]
    bad = {"HTTP_AUTHORIZATION": "Bearer thd_not-a-token"}
    for headers in ({}, bad):
        response = _api_call(client, name, made, headers)
        expected = entry.status or (200 if entry.public else 401)
        assert response.status_code == expected
        if expected == 401:
            assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(API_MATRIX))
def test_the_api_answers_insiders_and_is_404_outside(name, role, request, client, sector):
    made = api_objects(sector)
    entry = API_MATRIX[name]
    response = _api_call(client, name, made, bearer(request.getfixturevalue(role)))
    assert response.status_code == entry.expected(role)
    if entry.row:
        ids = [row.get("id") for row in response.json()["items"]]
        if name == "cadre_database":
            ids = [row["national_id"] for row in response.json()["items"]]
            wanted = made["person"].national_id
        else:
            wanted = made[entry.row].pk
        assert (wanted in ids) == (role in INSIDERS), ids
