"""API tokens: made on the user's page and shown once, stored hashed, revoked by the owner or
by an admin; a missing, wrong or revoked token, or an inactive user, is 401."""

import re

from django.contrib.admin.sites import site
from django.urls import reverse

from tests.thidua.api.helpers import bearer, url
from thidua.api import services
from thidua.api.models import ApiToken

UNAUTHORIZED = {"detail": "Unauthorized"}


def _new_token(client) -> str:
    page = client.get(reverse("api_tokens:list")).content.decode()
    match = re.search(r'id="new-token" class="[^"]*" readonly value="([^"]+)"', page)
    return match.group(1) if match else ""


def test_a_user_makes_a_token_sees_it_once_and_it_is_stored_hashed(login, staff_lao_cai):
    client = login(staff_lao_cai)
    response = client.post(reverse("api_tokens:list"), {"name": "Cổng dịch vụ công tỉnh"})
    assert response.status_code == 302
    token = _new_token(client)
    assert token.startswith("thd_")
    assert _new_token(client) == ""  # shown once
    row = ApiToken.objects.get()
    assert (row.user, row.name, row.prefix) == (staff_lao_cai, "Cổng dịch vụ công tỉnh", token[:12])
    assert row.digest == services.digest(token) and token not in row.digest
    client.logout()
    answer = client.get(url("units"), HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 200
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_a_token_without_a_name_is_refused_with_a_message(login, staff_lao_cai):
    response = login(staff_lao_cai).post(reverse("api_tokens:list"), {"name": "   "})
    assert response.status_code == 200
    assert "Hãy đặt tên cho khóa để sau này biết khóa dùng ở đâu." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_a_token_and_it_stops_working(client, login, staff_lao_cai):
    headers = bearer(staff_lao_cai)
    token = ApiToken.objects.get()
    response = login(staff_lao_cai).post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == staff_lao_cai and token.revoked_at is not None
    page = client.get(reverse("api_tokens:list")).content.decode()
    assert "Đã thu hồi khóa “Kiểm thử”." in page
    client.logout()
    answer = client.get(url("units"), **headers)
    assert (answer.status_code, answer.json()) == (401, UNAUTHORIZED)


def test_nobody_revokes_another_users_token_on_the_page(login, staff_lao_cai, leader_lao_cai):
    bearer(staff_lao_cai)
    token = ApiToken.objects.get()
    response = login(leader_lao_cai).post(reverse("api_tokens:revoke", kwargs={"pk": token.pk}))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_page_lists_only_the_users_own_tokens(login, staff_lao_cai, leader_lao_cai):
    services.token_create(by=staff_lao_cai, name="Khóa của chuyên viên")
    services.token_create(by=leader_lao_cai, name="Khóa của lãnh đạo")
    page = login(staff_lao_cai).get(reverse("api_tokens:list")).content.decode()
    assert "Khóa của chuyên viên" in page and "Khóa của lãnh đạo" not in page


def test_an_admin_revokes_any_token_in_the_admin(client, admin_user, staff_lao_cai):
    headers = bearer(staff_lao_cai)
    token = ApiToken.objects.get()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == admin_user
    client.logout()
    assert client.get(url("units"), **headers).status_code == 401


def test_the_admin_of_tokens_is_for_admins_only(staff_lao_cai):
    admin = site._registry[ApiToken]

    class Request:
        user = staff_lao_cai

    assert not admin.has_view_permission(Request())
    assert not admin.has_add_permission(Request())


def test_missing_wrong_and_inactive_tokens_are_401(client, staff_lao_cai):
    headers = bearer(staff_lao_cai)
    assert client.get(url("units")).json() == UNAUTHORIZED
    for value in ("Bearer thd_wrong", "Bearer ", "Token abc", "Bearer " + "thd_" + "x" * 200):
        answer = client.get(url("units"), HTTP_AUTHORIZATION=value)
        assert (answer.status_code, answer.json()) == (401, UNAUTHORIZED)
    staff_lao_cai.is_active = False
    staff_lao_cai.save()
    assert client.get(url("units"), **headers).status_code == 401


def test_the_schema_is_served_without_a_token(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["version"] == "1"
    assert {"/api/v1/units", "/api/v1/eligibility", "/api/v1/exports/cadre-database"} <= set(
        schema["paths"]
    )
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_audit_log_names_token_revocations(login, admin_user, staff_lao_cai):
    row, _token = services.token_create(by=staff_lao_cai, name="Cổng tỉnh")
    services.token_revoke(token=row, by=admin_user)
    page = login(admin_user).get(reverse("audit_log")).content.decode()
    assert "Thu hồi khóa API" in page
    assert "Cổng tỉnh (thd_" in page
