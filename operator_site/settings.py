"""Settings, all read from the environment (see .env.example for every variable).

Production differs from development only by environment values.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

# GENERAL
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_TZ = True
LANGUAGE_CODE = "en-us"
USE_I18N = True

# DATABASES
# ------------------------------------------------------------------------------
# With no DATABASE_URL, an embedded SQLite file serves a first run; its write
# transactions start IMMEDIATE so that concurrent writers are serialised
# (SQLite has no SELECT ... FOR UPDATE).
# https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-transaction-behavior
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool(
        "CONN_HEALTH_CHECKS", default=True
    )
    # psycopg 3 sends parameters apart from the SQL (no client-side quoting).
    # https://docs.djangoproject.com/en/5.2/ref/databases/#server-side-parameters-binding
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = (
            env.bool("DATABASE_SERVER_SIDE_BINDING", default=True)
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# SECURITY (production sets these; `manage.py check --deploy` must be clean)
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = env.bool("CONTENT_SECURITY_POLICY", default=True)

# APPS
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "operator_site.apps.OperatorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "wallet",
    "webhooks",
    "notifications",
    "axes",
]

MIDDLEWARE = [
    "operator_site.logs.RequestIdMiddleware",
    "operator_site.middleware.NulPathRefuseMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "operator_site.security.ContentSecurityPolicyMiddleware",
    "operator_site.middleware.StaffTimezoneMiddleware",
    "axes.middleware.AxesMiddleware",
]

# AUTHENTICATION
# ------------------------------------------------------------------------------
# django-axes locks a username + IP out after AXES_FAILURE_LIMIT failed logins.
# https://django-axes.readthedocs.io/
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

ROOT_URLCONF = "operator_site.urls"
WSGI_APPLICATION = "operator_site.wsgi.application"

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
            ],
        },
    },
]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# REST FRAMEWORK
# ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "operator_site.exception_handler.api_exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "operator_site.api_auth.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["operator_site.api_auth.IsStaffOrApiKey"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# Swagger UI is served from the sidecar package: no CDN needed.
SPECTACULAR_SETTINGS = {
    "TITLE": "Operator API",
    "DESCRIPTION": "Operator-facing endpoints of the back office.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# LOGGING
# ------------------------------------------------------------------------------
# One JSON object per line (LOG_FORMAT=json) or plain text, tagged with the
# request id; see operator_site/logs.py for what may be written.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "operator_site.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "operator_site.logs.JsonFormatter"},
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="json"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # 4xx answers are business refusals, each already logged by its webhook
    # view; django.request keeps the 5xx (with their traceback).
    "loggers": {
        "django.request": {"level": "ERROR"},
        # one line per outgoing HTTP call is noise; failures raise and are logged
        "httpx": {"level": "WARNING"},
    },
}

# WEBHOOKS (all providers)
# ------------------------------------------------------------------------------
# Bodies above this size are refused before they are read into memory.
WEBHOOK_MAX_BODY_BYTES = env.int("WEBHOOK_MAX_BODY_BYTES", default=64 * 1024)
# Reverse proxies (CIDR) whose X-Forwarded-For is believed.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# Optional allow-lists of provider addresses (CIDR); empty allows any.
HYPETECH_ALLOWED_IPS = env.list("HYPETECH_ALLOWED_IPS", default=[])
BETSTACK_ALLOWED_IPS = env.list("BETSTACK_ALLOWED_IPS", default=[])

# HYPETECH (docs/providers/hypetech.md)
# ------------------------------------------------------------------------------
# Hype-Hash secret; the previous key stays valid while it is set (rotation).
HYPETECH_API_KEY = env("HYPETECH_API_KEY", default="")
HYPETECH_API_KEY_PREVIOUS = env("HYPETECH_API_KEY_PREVIOUS", default="")
# Public base URL Hypetech signs (e.g. https://op.example.com); empty means the
# URL the request arrived on. Spec docs/providers/hypetech.md#2-signature-hype-hash.
HYPETECH_WEBHOOK_BASE_URL = env("HYPETECH_WEBHOOK_BASE_URL", default="")
# Replay window, off while the header name is empty
# (docs/providers/hypetech.md#21-timestamp-replay-window).
HYPETECH_TIMESTAMP_HEADER = env("HYPETECH_TIMESTAMP_HEADER", default="")
HYPETECH_TIMESTAMP_TOLERANCE = env.int("HYPETECH_TIMESTAMP_TOLERANCE", default=120)
# A session_token must match a launch we recorded (true) or is bound to its
# player on first sight (false, docs/providers/hypetech.md#d17-session-tokens).
HYPETECH_REQUIRE_KNOWN_SESSION = env.bool(
    "HYPETECH_REQUIRE_KNOWN_SESSION", default=False
)
# Per-code HTTP status overrides, e.g. "INSUFFICIENT_FUNDS=400"
# (docs/providers/hypetech.md#6-error-table).
HYPETECH_STATUS_OVERRIDES = env.dict(
    "HYPETECH_STATUS_OVERRIDES", cast={"value": int}, default={}
)
HYPETECH_BASE_URL = env(
    "HYPETECH_BASE_URL", default="https://player.api.hypetech.games"
)
HYPETECH_API_TOKEN = env("HYPETECH_API_TOKEN", default="")
HYPETECH_TIMEOUT = env.float("HYPETECH_TIMEOUT", default=10.0)

# BETSTACK (docs/providers/betstack.md)
# ------------------------------------------------------------------------------
# Our operator name at Betstack: PAM calls must carry it in data.operator.
BETSTACK_OPERATOR = env("BETSTACK_OPERATOR", default="")
BETSTACK_SECRET_KEY = env("BETSTACK_SECRET_KEY", default="")
# Also accepted while set (secret rotation).
BETSTACK_SECRET_KEY_PREVIOUS = env("BETSTACK_SECRET_KEY_PREVIOUS", default="")
# Replay window in seconds; 0 turns it off. ticket_discard is exempt: Betstack
# re-sends it for 30 minutes, maybe with the first timestamp, and a late
# discard is safe (docs/providers/betstack.md, replay).
BETSTACK_TIMESTAMP_TOLERANCE = env.int("BETSTACK_TIMESTAMP_TOLERANCE", default=900)
BETSTACK_BASE_URL = env("BETSTACK_BASE_URL", default="")
BETSTACK_TIMEOUT = env.float("BETSTACK_TIMEOUT", default=10.0)
# Lifetime of the player tokens issue_token prints for identify.
BETSTACK_TOKEN_TTL = env.int("BETSTACK_TOKEN_TTL", default=24 * 3600)
# feature_flags answered by identify, e.g. "cashout=true,jackpot=false".
BETSTACK_FEATURE_FLAGS = env.dict(
    "BETSTACK_FEATURE_FLAGS", cast={"value": bool}, default={}
)

# TASKS (django-tasks backport of Django's Tasks API)
# ------------------------------------------------------------------------------
# The database backend needs no other service and queues in the same
# transaction as the data; a broker backend (django_tasks_rq.RQBackend with
# django-tasks-rq) takes over when volume grows. https://pypi.org/project/django-tasks/
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "sms"],
    }
}

# SMS
# ------------------------------------------------------------------------------
# notifications.backends.{console.ConsoleSmsBackend, locmem.LocmemSmsBackend,
# http.HttpSmsBackend}
SMS_BACKEND = env(
    "SMS_BACKEND", default="notifications.backends.console.ConsoleSmsBackend"
)
SMS_HTTP_URL = env("SMS_HTTP_URL", default="")
SMS_HTTP_TOKEN = env("SMS_HTTP_TOKEN", default="")
SMS_HTTP_TIMEOUT = env.float("SMS_HTTP_TIMEOUT", default=5.0)
SMS_SENDER = env("SMS_SENDER", default="Operator")
SMS_MAX_ATTEMPTS = env.int("SMS_MAX_ATTEMPTS", default=5)
# Retry n waits SMS_RETRY_BACKOFF * 2**(n-1) seconds, at most SMS_RETRY_BACKOFF_MAX.
SMS_RETRY_BACKOFF = env.int("SMS_RETRY_BACKOFF", default=30)
SMS_RETRY_BACKOFF_MAX = env.int("SMS_RETRY_BACKOFF_MAX", default=3600)
# An OTP older than this is not sent (and identical OTPs within it are one).
SMS_OTP_TTL = env.int("SMS_OTP_TTL", default=300)
# A delivery attempt holds its notification this long before another may retry.
SMS_LEASE_SECONDS = env.int("SMS_LEASE_SECONDS", default=60)
# Queued notifications due this long ago get a new delivery task.
SMS_STALE_AFTER = env.int("SMS_STALE_AFTER", default=300)
# Region (ISO 3166 alpha-2) for numbers without "+"; empty: read them as "+".
SMS_DEFAULT_REGION = env("SMS_DEFAULT_REGION", default="")
SMS_DEFAULT_LANGUAGE = env("SMS_DEFAULT_LANGUAGE", default="en")

# BACK OFFICE
# ------------------------------------------------------------------------------
# true: a reversal or adjustment is a request a second Finance user approves.
BACKOFFICE_FOUR_EYES = env.bool("BACKOFFICE_FOUR_EYES", default=False)

# OPERATIONS
# ------------------------------------------------------------------------------
# find_stuck: a bet open longer than this, a ticket unsettled longer than that.
STUCK_BET_MINUTES = env.int("STUCK_BET_MINUTES", default=60)
STUCK_TICKET_HOURS = env.int("STUCK_TICKET_HOURS", default=72)
