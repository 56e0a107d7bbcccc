"""Nothing a signed-in user sees is kept by a browser or a proxy (PrivateCacheMiddleware)."""

import pytest
from django.urls import reverse

from tests.thidua.matrix import MATRIX, REPORT_URLS

DOWNLOADS = [
    "awards:dossier_file",
    "awards:decision_pdf",
    "certificates:register_export",
    "certificates:template_pdf",
    "campaigns:export",
    "home",
    "awards:proposals",
]


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize("name", DOWNLOADS)
def test_pages_and_downloads_of_a_signed_in_user_are_private_and_not_stored(
    name, client, admin_user, sector, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    entry = MATRIX[name]
    kwargs = entry.target(sector) if entry.target else None
    client.force_login(admin_user)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)


@pytest.mark.parametrize("name", ["reports:excel", "reports:summary_pdf"])
def test_reports_are_private_and_not_stored(name, client, admin_user, sector):
    entry = REPORT_URLS[name]
    client.force_login(admin_user)
    response = client.get(reverse(name, kwargs=entry.kwargs), entry.query(sector))
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)


def test_an_anonymous_visitor_s_redirect_is_left_alone(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert "Cache-Control" not in response
