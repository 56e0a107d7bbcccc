"""Settings for thidua, all driven by environment variables (12-factor).

With no environment at all the app runs for development on SQLite; production sets
DEBUG=False, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL, and gets secure defaults.
"""

from pathlib import Path

import environ
import xstatic.pkg.bootstrap
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env(
    "SECRET_KEY",
    default="django-insecure-dev-only-key-change-me" if DEBUG else environ.Env.NOTSET,
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "import_export",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Field history (who changed which value): historical tables per tracked model.
    "simple_history",
    "thidua.core",
    "units",
    "awards.catalogue",
    "campaigns",
    "awards",
    "awards.certificates",
    # The API for other systems and its tokens (label "api").
    "thidua.api",
    # The in-app guide: help pages, their search, the first-login tour (label "guide").
    "thidua.guide",
    # The project package itself: demo data and benchmark commands (thidua/management).
    "thidua",
]

MIDDLEWARE = [
    "thidua.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "thidua.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.core.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    # Records the signed-in user on every historical row a request writes.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "thidua.urls"

# Field history is read, never restored: reverting from the admin would skip the services' rules.
SIMPLE_HISTORY_REVERT_DISABLED = True
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "thidua.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
# Lock a username on one client address only: behind a proxy every user shares the proxy's
# address, and one user's typos must never lock anyone else out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# How many proxies in front of gunicorn append to X-Forwarded-For (0: the header is ignored).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "thidua.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# "Quên mật khẩu": requests per hour from one client address and for one email address
# (thidua/accounts.py); the reset link stays valid this many seconds.
PASSWORD_RESET_LIMIT_PER_IP = env.int("PASSWORD_RESET_LIMIT_PER_IP", default=10)
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 3600)

# Email: EMAIL_URL (django-environ), e.g. smtp+tls://user:password@mail.example.gov.vn:587.
# Unset: the console (the log) in development, SMTP on localhost:25 otherwise.
_email_url = env.str("EMAIL_URL", default="") or (
    "consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update({k: v for k, v in environ.Env.email_url_config(_email_url).items() if v is not None})
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="") or "thidua@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
EMAIL_SUBJECT_PREFIX = "[Thi đua – Khen thưởng] "
# The site's address as users reach it (https://thidua.example.gov.vn): the links in the
# notification emails the worker sends, which has no request to take the host from.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")

# Single sign-on (OpenID Connect, mozilla-django-oidc), off unless OIDC_RP_CLIENT_ID is set.
# The backend only matches existing users (thidua/sso.py); OIDC_BACKEND names another class
# for a provider that is not plain OpenID Connect (e.g. one without an id_token).
OIDC_ENABLED = bool(env.str("OIDC_RP_CLIENT_ID", default=""))
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append(env.str("OIDC_BACKEND", default="thidua.sso.MatchingBackend"))
    OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
    OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="") or None
    OIDC_RP_IDP_SIGN_KEY = env.str("OIDC_RP_IDP_SIGN_KEY", default="") or None
    OIDC_CREATE_USER = False  # never: an unknown identity is refused (thidua/sso.py)
    OIDC_USERNAME_CLAIM = env.str("OIDC_USERNAME_CLAIM", default="preferred_username")
    OIDC_VERIFY_SSL = env.bool("OIDC_VERIFY_SSL", default=True)
    OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
    OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
    OIDC_CALLBACK_CLASS = "thidua.sso.CallbackView"
    LOGIN_REDIRECT_URL_FAILURE = "login"

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
# Source maps are never sent compressed to users; skipping them halves collectstatic time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads and generated files go through the default storage: the local MEDIA_ROOT, or with
# S3_BUCKET an S3-compatible object store (django-storages) that every node and worker shares.
# Files are served only through views that check access, never from a public URL.
if env("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "file_overwrite": False,  # two uploads of "ho-so.pdf" never replace each other
            "default_acl": "private",
        },
    }

# Secure by default whenever DEBUG is off; a plain-HTTP local run can opt out explicitly.
SECURE = env.bool("SECURE", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SECURE)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

THIDUA_IMPORT_MAX_BYTES = env.int("THIDUA_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
THIDUA_IMPORT_MAX_ROWS = env.int("THIDUA_IMPORT_MAX_ROWS", default=10_000)
# History import (awards.history): one workbook of past decisions, ratings and initiatives.
# The size limit matches the reverse proxy's client_max_body_size (docker-compose.yml).
THIDUA_HISTORY_IMPORT_MAX_BYTES = env.int(
    "THIDUA_HISTORY_IMPORT_MAX_BYTES", default=12 * 1024 * 1024
)
THIDUA_HISTORY_IMPORT_MAX_ROWS = env.int("THIDUA_HISTORY_IMPORT_MAX_ROWS", default=200_000)
THIDUA_HISTORY_IMPORT_BATCH = env.int("THIDUA_HISTORY_IMPORT_BATCH", default=2000)

THIDUA_UPLOAD_MAX_BYTES = env.int("THIDUA_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# The bounded spreadsheet reader (thidua/core/spreadsheets.py) and the blank-scan check.
THIDUA_SPREADSHEET_MAX_UNCOMPRESSED = env.int("THIDUA_SPREADSHEET_MAX_UNCOMPRESSED", default=0)
THIDUA_SPREADSHEET_MAX_ELEMENTS = env.int("THIDUA_SPREADSHEET_MAX_ELEMENTS", default=600_000)
THIDUA_IMAGE_MAX_PIXELS = env.int("THIDUA_IMAGE_MAX_PIXELS", default=40_000_000)
THIDUA_IMAGE_MAX_SIDE = env.int("THIDUA_IMAGE_MAX_SIDE", default=12_000)
# Mức lương cơ sở (VND); award cash amounts are multiples of it.
# Empty: the dated table of the catalogue (awards.catalogue.salary); set: one amount for all dates.
THIDUA_BASE_SALARY = env.int("THIDUA_BASE_SALARY", default=None)
# Signed decisions (awards/signing.py): PEM root certificates (a file or a folder of .pem/.crt)
# that an uploaded signed PDF must chain to; a PKCS#12 key that signs each decision when it
# is issued (off when empty).
THIDUA_SIGNING_TRUST_ROOTS = env.str("THIDUA_SIGNING_TRUST_ROOTS", default="")
THIDUA_SIGNING_PKCS12 = env.str("THIDUA_SIGNING_PKCS12", default="")
THIDUA_SIGNING_PKCS12_PASSWORD = env.str("THIDUA_SIGNING_PKCS12_PASSWORD", default="")
# ... or a key on a PKCS#11 token / HSM instead of the PKCS#12 file (not both): the vendor's
# PKCS#11 library (.so), the token's label, the labels of the key and its certificate (the
# certificate's defaults to the key's) and the user PIN.
THIDUA_SIGNING_PKCS11_MODULE = env.str("THIDUA_SIGNING_PKCS11_MODULE", default="")
THIDUA_SIGNING_PKCS11_TOKEN_LABEL = env.str("THIDUA_SIGNING_PKCS11_TOKEN_LABEL", default="")
THIDUA_SIGNING_PKCS11_KEY_LABEL = env.str("THIDUA_SIGNING_PKCS11_KEY_LABEL", default="")
THIDUA_SIGNING_PKCS11_CERT_LABEL = env.str("THIDUA_SIGNING_PKCS11_CERT_LABEL", default="")
THIDUA_SIGNING_PKCS11_PIN = env.str("THIDUA_SIGNING_PKCS11_PIN", default="")

# The public list of awards (/cong-khai/, no login): off unless the deployment turns it on;
# admins then choose the decisions it shows. A page of it is cached this many seconds at most.
THIDUA_PUBLIC_LIST = env.bool("THIDUA_PUBLIC_LIST", default=False)
THIDUA_PUBLIC_LIST_CACHE_SECONDS = env.int("THIDUA_PUBLIC_LIST_CACHE_SECONDS", default=300)

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

IMPORT_EXPORT_SKIP_ADMIN_LOG = False

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
REPORT_PDF_WORKERS = env.int("REPORT_PDF_WORKERS", default=2)
REPORT_INLINE_ROWS = env.int("REPORT_INLINE_ROWS", default=300)
REPORT_CACHE_DAYS = env.int("REPORT_CACHE_DAYS", default=14)
# Up to this many certificates a print is rendered in the request, above it by the worker.
CERTIFICATE_INLINE_MAX = env.int("CERTIFICATE_INLINE_MAX", default=100)
# Up to this many nominees a proposal's verdicts are re-checked in the request, above by the worker.
VERDICT_INLINE_MAX = env.int("VERDICT_INLINE_MAX", default=50)
