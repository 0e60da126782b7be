"""ropa's settings: one file, every deployment value read from the environment (see README)."""

from base64 import b64encode
from datetime import timedelta
from hashlib import sha256
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_database, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105 (refused when DEBUG is off)
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else None)
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "ropa.apps.RopaAdminConfig",  # django.contrib.admin with the sections in the order of the work
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_countries",
    "simple_history",
    "import_export",
    # Two-factor login (TOTP and backup codes), login lockout, content security policy: see ropa/security/.
    "django_otp",
    "ropa.security.apps.TotpConfig",  # django_otp.plugins.otp_totp, named in our languages
    "ropa.security.apps.StaticCodesConfig",  # django_otp.plugins.otp_static
    "ropa.security.apps.AxesConfig",  # axes
    "csp",
    # The REST API under /api/v1/ (ropa/api/), its OpenAPI schema, and Swagger UI and Redoc served from our origin.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "ropa",
    "ropa.security.apps.SecurityConfig",
    "ropa.breaches.apps.BreachesConfig",
    "ropa.jobs.apps.JobsConfig",  # work beside the web: imports now (ropa/jobs/queue.py), run by `manage.py worker`
    "ropa.webhooks.apps.WebhooksConfig",  # signed webhooks per workspace, delivered by `manage.py worker`
    "requests.apps.RequestsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ropa.security.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Lets the logout form of a person signed in through an identity provider redirect to its sign-out.
    "ropa.sso.middleware.ProviderFormActionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the acting user on every history row (non-negotiable 3).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a lockout during any login step into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # Each concept's template tags live in its own folder (ropa/<concept>/templatetags.py), under the
            # names the templates have always loaded.
            "libraries": {
                "ropa_admin_list": "ropa.admin.templatetags",
                "ropa_dashboard": "ropa.dashboard.templatetags",
                "notice_markdown": "ropa.notice.templatetags",
            },
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now: a URL typed without a scheme is https

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Norwegian Bokmål is the default; English is the source language of every string.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English")), ("sv", _("Swedish"))]
# locale/ holds our own strings (makemessages rewrites it); locale_third_party/ translates third-party msgids
# we show (axes, import-export, Django admin strings missing from its nb catalogue), which makemessages
# would mark obsolete in locale/. The first path wins where both translate a msgid.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_third_party"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Oslo")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", BASE_DIR / "var" / "media")
# Where a permission-checked view sends an anonymous user (a URL name or path).
LOGIN_URL = "admin:login"
# DPA documents and request attachments: never under a public URL, served by permission-checked views.
PRIVATE_STORAGE_ROOT = env_path("PRIVATE_STORAGE_ROOT", BASE_DIR / "var" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "ropa.documents.files.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT, "base_url": None},
    },
}

# E-mail: console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 5, minimum=1)  # seconds the worker waits for a webhook receiver
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ropa@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# History: who changed what and when, never reverted from the admin, and history permissions enforced.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True
# An index on (history_date, object id) keeps "the record as of a date" fast on large histories.
SIMPLE_HISTORY_DATE_INDEX = "Composite"

# Import and export are explicit permissions (import_<model>, export_<model>), not implied by change.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# Rights requests: `purge_requests` erases a closed request (and its history) this many years after closing.
RIGHTS_REQUEST_RETENTION_YEARS = env_int("RIGHTS_REQUEST_RETENTION_YEARS", 3, minimum=1)

# The public intake form at /request/ (requests/intake/, see README).
INTAKE_ORGANISATION = env_int("INTAKE_ORGANISATION", 0, minimum=0)  # a controller's id; 0: the only controller
INTAKE_BASE_URL = env_str("INTAKE_BASE_URL", "").rstrip("/")  # for e-mailed links; empty: the request's host
INTAKE_CONFIRMATION_HOURS = env_int("INTAKE_CONFIRMATION_HOURS", 48, minimum=1)
INTAKE_UNCONFIRMED_DAYS = env_int("INTAKE_UNCONFIRMED_DAYS", 7, minimum=1)
if INTAKE_UNCONFIRMED_DAYS * 24 < INTAKE_CONFIRMATION_HOURS:
    raise ImproperlyConfigured("INTAKE_UNCONFIRMED_DAYS must outlast INTAKE_CONFIRMATION_HOURS.")
INTAKE_RATE_WINDOW_MINUTES = env_int("INTAKE_RATE_WINDOW_MINUTES", 60, minimum=1)
INTAKE_RATE_LIMIT_PER_IP = env_int("INTAKE_RATE_LIMIT_PER_IP", 20, minimum=1)
INTAKE_RATE_LIMIT_PER_EMAIL = env_int("INTAKE_RATE_LIMIT_PER_EMAIL", 5, minimum=1)
INTAKE_MAX_BODY_BYTES = env_int("INTAKE_MAX_BODY_BYTES", 64 * 1024, minimum=8 * 1024)

# Import limits (ropa/imports/limits.py): a spreadsheet is a zip, and a small one can unpack to gigabytes.
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", 20, minimum=1)
IMPORT_MAX_UNPACKED_MB = env_int("IMPORT_MAX_UNPACKED_MB", 100, minimum=1)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 1_000_000, minimum=1000)
# An import (dry run or write) runs in the worker and is stopped after this many seconds, with a message.
IMPORT_MAX_SECONDS = env_int("IMPORT_MAX_SECONDS", 120, minimum=5)

# Security: strict by default whenever DEBUG is off; each value can be relaxed by the environment.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", not DEBUG) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True  # the session expires after SESSION_COOKIE_AGE of inactivity
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Two-factor login: enforced unless DEBUG is on (`make run`); tests switch it on with override_settings.
ROPA_REQUIRE_2FA = env_bool("REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = env_str("TOTP_ISSUER", "ropa")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Lockout (django-axes): the failing user name from the failing address waits out the cool-off.
# Django's password check, refused for a domain whose identity provider alone signs its people in (ropa/sso/).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "ropa.sso.providers.PasswordBackend"]
AXES_FAILURE_LIMIT = env_int("LOCKOUT_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOCKOUT_COOLOFF_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False  # no banner on every manage.py command; attempts are still logged
AXES_LOCKOUT_CALLABLE = "ropa.security.views.locked_out"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token", "csrfmiddlewaretoken"]
# The client address behind reverse proxies: the N-th X-Forwarded-For entry from the right (ropa/security/client_ip.py).
# 0 by default: the socket's peer. Trusting a header nobody in front of gunicorn sets lets a client pick its address.
ROPA_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "ropa.security.client_ip.client_ip"

# Single sign-on (OpenID Connect, ropa/sso/): one provider from the environment; more in the admin (operators).
OIDC_ISSUER = env_str("OIDC_ISSUER", "").rstrip("/")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_BUTTON_LABEL = env_str("OIDC_BUTTON_LABEL", "")
OIDC_EMAIL_DOMAINS = env_list("OIDC_EMAIL_DOMAINS")
OIDC_MFA_ACR_VALUES = env_list("OIDC_MFA_ACR_VALUES")
if OIDC_ISSUER and not (OIDC_CLIENT_ID and OIDC_CLIENT_SECRET):
    raise ImproperlyConfigured("OIDC_ISSUER is set: set OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too.")
OIDC_TIMEOUT_SECONDS = env_int("OIDC_TIMEOUT_SECONDS", 10, minimum=1)
# Tolerated difference between ropa's clock and the provider's when checking a token's times.
OIDC_CLOCK_LEEWAY_SECONDS = env_int("OIDC_CLOCK_LEEWAY_SECONDS", 60, minimum=0)

# One content security policy (django-csp): nothing inline, nothing from another origin, no framing.
# Third-party admin templates carry a few inline attributes; exactly those are allowed, by hash:
# django-simple-history's history list and django-import-export's export page (its "select all" toggle).
_STYLE_ATTRIBUTES = ["border-top: 0", "padding: 0;", "font-weight: bold;"]
_EVENT_HANDLERS = ["onSelectToggleChange(event)"]


def _hashes(sources: list[str]) -> list[str]:
    return [f"'sha256-{b64encode(sha256(source.encode()).digest()).decode()}'" for source in sources]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "script-src-attr": [UNSAFE_HASHES, *_hashes(_EVENT_HANDLERS)],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_HASHES, *_hashes(_STYLE_ATTRIBUTES)],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The REST API (ropa/api/, README "API"): bearer tokens only, JSON only, errors as RFC 9457 problem details.
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/minute")  # per token; DRF's "N/second|minute|hour|day"
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50, minimum=1)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["ropa.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["ropa.api.permissions.TokenPermission"],
    "DEFAULT_THROTTLE_CLASSES": ["ropa.api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "ropa.api.pagination.PagePagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ropa.api.problems.problem_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,  # `?format=` is never a renderer switch; the export names its own parameter
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ropa API",
    "DESCRIPTION": "Records of processing activities (GDPR Art. 30), rights requests and breaches. "
                   "Authenticate with `Authorization: Bearer <token>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # from drf-spectacular-sidecar's static files: no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"YesNoUnknownEnum": "ropa.models.activities.YesNoUnknown"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums", "ropa.api.schema.add_problem_responses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# A tracker database built by `manage.py update_trackerdb` (from Ghostery's TrackerDB, CC BY-NC-SA 4.0, so it is
# never shipped): used beside ropa's own list in ropa/website/data/ when the file exists.
TRACKERDB_PATH = env_path("TRACKERDB_PATH", BASE_DIR / "var" / "trackerdb.json")
