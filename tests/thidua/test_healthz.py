"""/healthz for the load balancer and compose's healthcheck, and the Redis cache it sits beside."""

import os
import uuid

import environ
import pytest
from django.db import DatabaseError
from django.test import Client
from django.utils.module_loading import import_string

from thidua.core.middleware import HealthCheckMiddleware


def test_healthz_answers_any_host_over_plain_http_without_a_session(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["thidua.example.gov.vn"]

    response = Client().get("/healthz", HTTP_HOST="10.0.3.7:8000")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response


def test_healthz_is_503_while_migrations_are_pending(db, monkeypatch):
    monkeypatch.setattr(
        "thidua.core.middleware.MigrationExecutor.migration_plan", lambda self, targets: ["0002"]
    )

    response = Client().get("/healthz")

    assert (response.status_code, response.json()) == (
        503,
        {"status": "error", "problem": "1 migrations not applied"},
    )


def test_healthz_is_503_when_the_database_is_unreachable(monkeypatch):
    def unreachable():
        raise DatabaseError("connection refused")

    monkeypatch.setattr("thidua.core.middleware.connection.cursor", unreachable)
    middleware = HealthCheckMiddleware(lambda request: None)

    assert middleware.problem() == "database unreachable: DatabaseError"


def test_other_paths_go_through(db):
    assert Client().get("/healthz/extra").status_code == 404


REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def test_a_redis_cache_url_gives_a_working_cache():
    """CACHE_URL=redis://… as docker compose sets it: Django's RedisCache with redis-py."""
    config = environ.Env.cache_url_config(REDIS_URL)
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    cache = import_string(config["BACKEND"])(config["LOCATION"], {})
    key = f"thidua-test-{uuid.uuid4()}"
    try:
        cache.set(key, "Nguyễn Thị Ượng", 30)
    except Exception as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    assert cache.get(key) == "Nguyễn Thị Ượng"
    cache.delete(key)
