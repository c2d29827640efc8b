"""Settings for Nettverksadmin, read only from the environment.

Development defaults need no configuration at all (SQLite, eager Celery, email to the
console). Production is any run with DEBUG off, and then a real SECRET_KEY is required.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# A key that is known to everyone who has read this file; it may only ever sign
# development sessions.
_INSECURE_DEVELOPMENT_KEY = "django-insecure-development-only-never-in-production"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY == _INSECURE_DEVELOPMENT_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a long random value when DEBUG is off. "
            "For development, set DEBUG=true (make run does)."
        )
    SECRET_KEY = _INSECURE_DEVELOPMENT_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates, for FORM_RENDERER below
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "django_celery_beat",
    "simple_history",
    "phonenumber_field",
    "members",
    "governance",
    "billing",
    "activities",
    "network",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "network.middleware.NetworkMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "network.urls"
# Each network's pages under /<slug>/ (core.urlconfs, network.middleware.NetworkMiddleware).
NETWORK_URLPATTERNS = "network.urls.patterns"
WSGI_APPLICATION = "network.wsgi.application"
ASGI_APPLICATION = "network.asgi.application"
SITE_ID = 1

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
                "network.context_processors.navigation",
                "network.context_processors.network",
            ],
        },
    },
]

# Every form renders with Designsystemet's markup and its errors tied to the fields
# (templates/forms/, core/forms_rendering.py): ours and allauth's alike.
FORM_RENDERER = "core.forms_rendering.DesignsystemetFormRenderer"

# Database: DATABASE_URL, else a SQLite file for the quick start.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# PostgreSQL plans a query each time it gets one, and for the small queries every page makes (who is
# signed in, the data fingerprints) planning costs more than running: up to 0.8 of 1 ms. Bound on the
# server, a query that has run 5 times on a connection is prepared, and its plan kept for the
# connection (psycopg's default, which Django turns off). Behind PgBouncer in transaction mode:
# DB_PREPARED_STATEMENTS=false.
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env.bool("DB_PREPARED_STATEMENTS", default=True):
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# Each process's own cache, for what may be served from a copy without asking Redis: what is keyed
# by a data fingerprint (core/fingerprint.py: its key changes with the data, so it is never
# stale) and the dashboard's figures (a minute old at most either way). No round trip per page.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "local",
    "OPTIONS": {"MAX_ENTRIES": env.int("LOCAL_CACHE_ENTRIES", default=300)},
}

# Accounts: email is the login; there is no self sign-up (members are invited).
AUTH_USER_MODEL = "members.User"
# Django's and allauth's backends, loading the user with their roles in one query (members/auth_backends.py).
AUTHENTICATION_BACKENDS = [
    "members.auth_backends.UserWithRolesBackend",
    "members.auth_backends.AllauthUserWithRolesBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Each role's own start page (network/landing.py); an explicit ?next= on the login page wins.
LOGIN_REDIRECT_URL = "start"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
# Phone numbers typed without a country code are Norwegian; they are stored as E.164 (+4722123456).
PHONENUMBER_DEFAULT_REGION = "NO"
PHONENUMBER_DB_FORMAT = "E164"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from package.json (npm ci), never hand-copied.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/designsystemet-css", BASE_DIR / "node_modules/@digdir/designsystemet-css/dist"),
    ("vendor/htmx", BASE_DIR / "node_modules/htmx.org/dist"),
    # Inter, the font Designsystemet's theme names, served from here (font-src 'self'), not a font CDN.
    ("vendor/inter", BASE_DIR / "node_modules/@fontsource-variable/inter"),
    ("vendor/axe-core", BASE_DIR / "node_modules/axe-core"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")

# Email: EMAIL_URL (smtp://user:pass@host:port), else printed to the console.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Nettverksadmin <nettverksadmin@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Celery: with REDIS_URL a real broker and worker; without it, tasks run eagerly in-process.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- meetings (governance, issue 6)
# Case attachments are not public media: they live here and are served through a view that checks access.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private-media")

# --- activities
# Public registration (Bærekraftsfredag) rate limit per client IP: (attempts, seconds), kept in the cache.
ACTIVITIES_PUBLIC_REGISTRATION_RATE = (
    env.int("ACTIVITIES_PUBLIC_REGISTRATION_LIMIT", default=20),
    env.int("ACTIVITIES_PUBLIC_REGISTRATION_WINDOW", default=600),
)

# --- security (issue 9): HTTPS, cookies, CSP, admin login through allauth -----------------------
# Production is DEBUG off. Every switch below can be turned off by environment for a local
# gunicorn without TLS (SECURE_SSL_REDIRECT=false, SESSION_COOKIE_SECURE=false, …); the
# defaults are the safe ones, and `manage.py check --deploy` gives no warnings with them
# (pinned by tests/security/test_deploy_check.py).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers and docker-compose ask /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (django-csp 4). Everything comes from our own
# origin: Designsystemet CSS and htmx are served from /static/. No inline scripts, no eval, no
# inline styles. `data:` images only, for the SVG icons Designsystemet's CSS embeds.
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The admin has no login of its own: /admin/login/ sends people to allauth's login, so the
# admin is behind the same rate limits (ACCOUNT_RATE_LIMITS), email verification and
# login-by-code as everyone else (see network/admin_login.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "network.admin_login.AdminLoginThroughAllauthMiddleware",
)
# /healthz waits this long for a Celery worker to answer a ping (network/operations/health.py).
HEALTHZ_WORKER_TIMEOUT = env.float("HEALTHZ_WORKER_TIMEOUT", default=1.0)
# A Redis cache (CACHE_URL=rediscache://…, as docker-compose sets) fails soft: a Redis outage
# must not turn the login page into a 500 (core/cache.py; tests/faults/test_redis_down.py).
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "core.cache.FailSoftRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=1, socket_timeout=1)
    # Sessions from Redis, kept in the database: no session query per request (core/sessions.py).
    SESSION_ENGINE = "core.sessions"
# How long a session stays in the shared cache before it is read from the database again.
SESSION_CACHE_SECONDS = env.int("SESSION_CACHE_SECONDS", default=300)
# A persistent connection (CONN_MAX_AGE > 0) killed by a database restart is noticed at the start
# of the next request and replaced, instead of failing that request (tests/faults/test_database_restart.py).
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True))
# A NUL byte in the URL or query string is answered 400, never passed on to PostgreSQL (a 500).
MIDDLEWARE.insert(MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1, "network.middleware.RejectNullBytesMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("network.admin_login.AdminLoginThroughAllauthMiddleware") + 1,
    "network.admin_login.AdminActionSelectionMiddleware",
)
# Links in emails sent during a request are built from the request's host, else from SITE_URL (core/links.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware") + 1, "core.links.RequestSiteURLMiddleware"
)
# Where `make backup` writes archives. Keep it outside var/ in production: `make clean` deletes var/.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")

# --- dashboard
# The coordinator's dashboard figures are recomputed at most this often (seconds); job progress is live.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=60)
# The member portal's sections are cached until their data changes, and at most this long (members/portal.py).
PORTAL_SECTION_CACHE_SECONDS = env.int("PORTAL_SECTION_CACHE_SECONDS", default=60)
# --- portal
# How long an invitation link to the member portal stays valid (days).
MEMBERS_INVITATION_DAYS = env.int("MEMBERS_INVITATION_DAYS", default=14)
# Login by code is for invited people who never set a password; codes expire after 15 minutes.
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
# How many reverse proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
# The client is the entry that many places from the end; entries before it can be forged.
ACTIVITIES_TRUSTED_PROXIES = env.int("ACTIVITIES_TRUSTED_PROXIES", default=0)
