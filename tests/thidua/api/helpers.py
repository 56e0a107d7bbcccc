"""Tokens and calls for the API tests."""

from django.urls import reverse

from thidua.api import services
from thidua.api.main import NAMESPACE


def bearer(user) -> dict:
    """Headers that call the API as ``user``, through a new token of theirs."""
    _row, token = services.token_create(by=user, name="Kiểm thử")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def url(name: str, **kwargs) -> str:
    return reverse(f"{NAMESPACE}:{name}", kwargs=kwargs or None)


def call(client, user, name: str, query=None, **kwargs):
    headers = bearer(user) if user is not None else {}
    return client.get(url(name, **kwargs), query or {}, **headers)


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["items"]]
