"""The one settings module. Every value comes from an environment variable; defaults make a
fresh clone run on the embedded default (SQLite in WAL mode, in-process tasks)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("AREASEND_DEBUG", default=True)
# A development key is fine for the embedded default; production refuses to start without one.
SECRET_KEY = env.str("AREASEND_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise environ.ImproperlyConfigured("AREASEND_SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-areasend"  # noqa: S105

ALLOWED_HOSTS = env.list("AREASEND_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("AREASEND_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "areasend",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "areasend.accounts",
    "areasend.areas",
    "areasend.inspections",
    "areasend.insights",
    "areasend.planning",
    "areasend.datareturns",
    "areasend.notifications",
    "areasend.followup",
    "areasend.surveys",
    "areasend.reports",
]

MIDDLEWARE = [
    "areasend.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "areasend.middleware.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "areasend.middleware.HtmlMethodsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "areasend.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "areasend.urls"
WSGI_APPLICATION = "areasend.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "areasend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "areasend.navigation.navigation",
            ],
        },
    },
]

# SQLite by default (WAL so readers never block the writer); DATABASE_URL for PostgreSQL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file, not Django's shared-cache in-memory database: shared cache locks whole
    # tables ("database table is locked") the moment two threads write, which the concurrency
    # tests do on purpose. pytest-xdist adds a suffix per worker.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
elif env.bool("AREASEND_PG_PREPARED", default=True):
    DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 5})
# Each server thread keeps its connection between requests (on SQLite, opening one and running
# the PRAGMAs above costs about as much as a whole simple page).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("AREASEND_CONN_MAX_AGE", default=60)

# Values computed from the whole history (areasend.caching). Per process by default; point every
# worker at one shared cache (e.g. "dbcache://areasend_cache" after `createcachetable`) to share.
CACHES = {"default": env.cache_url("AREASEND_CACHE_URL", default="locmemcache://areasend")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-axes: lock an account+address pair out after repeated failures.
AXES_FAILURE_LIMIT = env.int("AREASEND_AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AREASEND_AXES_ENABLED", default=True)
# The client address behind AREASEND_TRUSTED_PROXIES reverse proxies (0: REMOTE_ADDR), for the
# lock-out and the audit log alike.
AREASEND_TRUSTED_PROXIES = env.int("AREASEND_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "areasend.accounts.client_ip.client_ip"

# Staff roles must pass TOTP two-factor when this is on (off only for the local demo).
AREASEND_REQUIRE_2FA = env.bool("AREASEND_REQUIRE_2FA", default=not DEBUG)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# GOV.UK Frontend comes from the npm registry into node_modules (never copied into the repo).
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    BASE_DIR / "areasend" / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = env.path("AREASEND_MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads over 2.5 MB are spooled here, not in the system's /tmp, so that `purge_tracking_data`
# can sweep what a killed upload leaves behind.
FILE_UPLOAD_TEMP_DIR = str(env.path("AREASEND_UPLOAD_TEMP_DIR", default=Path(MEDIA_ROOT) / "upload-tmp"))
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)

# Security (issue 8): request bodies over this are refused before parsing (the largest upload is a
# 10 MB document); error pages; client addresses behind trusted proxies.
AREASEND_MAX_REQUEST_BYTES = env.int("AREASEND_MAX_REQUEST_BYTES", default=12 * 1024 * 1024)
CSRF_FAILURE_VIEW = "areasend.errors.csrf_failure"

# Session and cookie security.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("AREASEND_SESSION_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("AREASEND_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# django-csp 4: no inline script or style anywhere; GOV.UK Frontend's js-enabled class is set from a file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "areasend.accounts.tokens.HashedTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "areasend.api.plumbing.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "areasend API",
    "DESCRIPTION": "Area SEND inspections in England: partnerships, activities, what is due, statistics.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Logs carry no personal data: only ids, codes and actions.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("AREASEND_LOG_LEVEL", default="WARNING")},
}

AREASEND_SERVICE_NAME = "Area SEND inspections"
AREASEND_BASE_URL = env.str("AREASEND_BASE_URL", default="http://127.0.0.1:8000")

# Background tasks: in-process by default (the embedded default); the database backend with
# `areasend db_worker` in production (AREASEND_TASKS_BACKEND=database).
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[env.str("AREASEND_TASKS_BACKEND", default="immediate")]}}

# Notifications: every message goes through the outbox (areasend.notifications) and is delivered
# by a worker over SMTP, or through GOV.UK Notify when AREASEND_NOTIFICATIONS_BACKEND=notify.
AREASEND_NOTIFICATIONS_BACKEND = env.str("AREASEND_NOTIFICATIONS_BACKEND", default="smtp")
AREASEND_NOTIFY_API_KEY = env.str("AREASEND_NOTIFY_API_KEY", default="")
AREASEND_NOTIFY_TEMPLATE_ID = env.str("AREASEND_NOTIFY_TEMPLATE_ID", default="")
# The local demo prints emails to the console; set AREASEND_EMAIL_BACKEND=smtp to send them.
EMAIL_BACKEND = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
}[env.str("AREASEND_EMAIL_BACKEND", default="console" if DEBUG else "smtp")]
EMAIL_HOST = env.str("AREASEND_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("AREASEND_EMAIL_PORT", default=1025)
EMAIL_HOST_USER = env.str("AREASEND_EMAIL_USER", default="")
EMAIL_HOST_PASSWORD = env.str("AREASEND_EMAIL_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("AREASEND_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str("AREASEND_FROM_EMAIL", default="area-send@example.gov.uk")
