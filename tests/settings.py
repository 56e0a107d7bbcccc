"""Test settings: the real settings, with a throwaway key and plain HTTP for the live server.

The production security settings are checked separately (tests/thidua/test_deploy.py).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("SECURE", "False")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from thidua.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
STATIC_ROOT = BASE_DIR / "test-artifacts" / "static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Live-server threads must not keep connections open, or test databases cannot be dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Mutation runs (bin/mutation) start pytest hundreds of times: a test database kept in a file
# and reused (pytest --reuse-db) spares each run the migrations.
if os.environ.get("THIDUA_TEST_DB_FILE"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["THIDUA_TEST_DB_FILE"]}  # noqa: F405
# Emails land in django.core.mail.outbox (pytest-django sets it too; explicit for any runner).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
