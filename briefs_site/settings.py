"""Settings, all from the environment (12-factor).

DATABASE_URL  database (default: SQLite file db.sqlite3 in the project, git-ignored)
SECRET_KEY    required unless DEBUG is on (then, and for manage.py, this checkout's own random
              key in var/development-secret-key, made on first use)
DEBUG         "1"/"true" to turn on; off by default, never implied (make run sets DEBUG=1)
ALLOWED_HOSTS comma-separated; defaults to localhost only when DEBUG is on
SITE_DOMAIN   public host[:port] for the sitemap's, feeds' and e-mails' links; unset: the host
              the request came to (manage.py send_alerts, with no request, needs it)
EMAIL_URL     outgoing mail, e.g. smtp://user:pass@host:587?tls=1 (see email_config.py)
CACHE_DIR     where the default file cache lives (var/cache in the project)
BEHIND_TRUSTED_PROXY  "1": the rate limits count clients by the first X-Forwarded-For address
RATELIMIT_EXPORTS, RATELIMIT_DUMP, RATELIMIT_FEEDS, RATELIMIT_SEARCH_API,
RATELIMIT_PROBLEM_REPORTS, RATELIMIT_ALERT_SIGN_UPS, RATELIMIT_ALERT_MAILS
              requests per client (per address for ALERT_MAILS) as "count/period", e.g. 30/m
SESSION_COOKIE_AGE    seconds an admin sign-in lasts (8 hours); it also ends with the browser
DB_STATEMENT_TIMEOUT_MS  the web server's limit on one database statement (default 5000; 0: none);
              past it the request answers 503. manage.py commands run without a limit
DB_CONNECT_TIMEOUT       seconds to wait for PostgreSQL to accept a connection (default 3)
LOG_LEVEL     INFO; LOG_FORMAT text (default) or json: one JSON object a line, with request ids

Several nodes (README "Production"):
DATABASE_REPLICA_URLS  comma-separated postgres:// URLs of streaming replicas: reads go there
REPLICA_LAG_SECONDS    5: a client reads the primary for this long after its own write
DB_POOL                "1": psycopg's connection pool per process (DB_POOL_MIN_SIZE 2,
                       DB_POOL_MAX_SIZE 4) instead of persistent connections (CONN_MAX_AGE 60)
CACHE_URL              redis://host:6379/0: one cache for every node (Django's RedisCache)
READ_CACHE_SECONDS     300 with CACHE_URL, else 0: the home summary and agency directory cached

Speed (README "Speed"):
FACET_INDEX            "1" (default): the policy lists' facets, counts and rows from the
                       in-memory bitmap index (policies/listing/index.py); "0": SQL GROUP BYs
FACET_INDEX_INLINE_MAX 50000: up to this many policies a stale index is rebuilt within the
                       request; above, in a background thread while SQL answers
RESPONSE_CACHE         "1" (default): anonymous GETs kept whole per data version
                       (policies/response_cache.py), in local memory or, with CACHE_URL, Redis
PUBLIC_MAX_AGE         60: Cache-Control max-age of public pages (what a proxy may serve unasked)
"""

import copy
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .development_key import development_key
from .email_config import EmailConfigError, email_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [part.strip() for part in value.split(",") if part.strip()]
    return items or default


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = development_key()  # this checkout's own, git-ignored

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "policies.apps.ArchiveAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "axes",
    "corsheaders",
    "csp",
    "policies.apps.PoliciesConfig",
    "ingest",
]

MIDDLEWARE = [
    # A request id on the response and on every log line, and one access line per request.
    "briefs_site.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy (CONTENT_SECURITY_POLICY below)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The JSON twin is open data: any origin may GET it (before CommonMiddleware, as documented).
    "corsheaders.middleware.CorsMiddleware",
    # With replicas: safe requests read from one, a client that just wrote reads the primary.
    "briefs_site.replicas.ReplicaReadsMiddleware",
    # Anonymous GETs: 304 on a matching ETag, whole cached responses per data version.
    "policies.response_cache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Failed logins are throttled: after AXES_FAILURE_LIMIT tries the IP+username is locked out.
    "axes.middleware.AxesMiddleware",
    # Old URLs of merged agencies and companies answer 301 to the survivor.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
]
SITE_ID = 1  # the sites row the redirects hang on; its domain is never read
# The public host[:port] of the sitemap's, feeds' and e-mails' links. Unset: the host the request
# came to (never ALLOWED_HOSTS, which may be "*"); e-mails sent without a request need it.
SITE_DOMAIN = os.environ.get("SITE_DOMAIN", "").strip()
SITE_NAME = "Policy Briefs Archive"

# Outgoing mail (the e-mail alerts): EMAIL_URL, or EMAIL_HOST, EMAIL_PORT, ... (email_config.py).
try:
    _email = email_settings(os.environ, debug=DEBUG)
except EmailConfigError as error:
    raise ImproperlyConfigured(str(error)) from None
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT")
_mail_domain = (urlsplit(f"//{SITE_DOMAIN}").hostname if SITE_DOMAIN else "") or "localhost"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <alerts@{_mail_domain}>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

ROOT_URLCONF = "briefs_site.urls"
WSGI_APPLICATION = "briefs_site.wsgi.application"

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
    {
        # Plain text (the text part of e-mails): no HTML escaping, because nothing here is HTML.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "text"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection is tested before a request uses it: after a database restart a
        # worker opens a new one instead of failing, so the site recovers without a restart.
        conn_health_checks=True,
    )
}
# When the database cannot answer, a request gets a fast 503 (briefs_site/outages.py), not a
# worker held until gunicorn kills it. DB_STATEMENT_TIMEOUT_MS: the longest one statement may run
# while answering a web request (0: no limit); only the web server applies it (wsgi.py), so
# manage.py commands (ingest, migrate, import_dump) are never cut. DB_CONNECT_TIMEOUT: seconds to
# wait for PostgreSQL to answer a new connection (libpq counts 1 as 2).
try:
    DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS") or "5000")
    DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT") or "3")
except ValueError:
    raise ImproperlyConfigured("DB_STATEMENT_TIMEOUT_MS (milliseconds) and DB_CONNECT_TIMEOUT "
                               "(seconds) must be whole numbers.") from None
if DB_STATEMENT_TIMEOUT_MS < 0 or DB_CONNECT_TIMEOUT < 1:
    raise ImproperlyConfigured("DB_STATEMENT_TIMEOUT_MS must be 0 or more and DB_CONNECT_TIMEOUT "
                               "1 or more.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout",
                                                              DB_CONNECT_TIMEOUT)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many readers, one writer, no "database is locked" under gunicorn workers. The connection is
    # kept between requests (CONN_MAX_AGE) as on PostgreSQL: opening one and setting its journal
    # mode cost more than a millisecond, most of a cached page's time; in WAL mode a kept
    # connection still reads every commit made since (autocommit: each read sees the latest).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

# More than one machine: reads from PostgreSQL replicas (briefs_site/replicas.py routes them) and,
# with DB_POOL=1, psycopg's connection pool in each process instead of persistent connections.
REPLICA_CONNECT_TIMEOUT = 2  # seconds: a replica that does not answer by then is skipped


def replica_databases(primary: dict, urls: list[str]) -> dict[str, dict]:
    """{"replica0": ..., "replica1": ...}: the primary's settings with each URL's server."""
    if urls and primary["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL.")
    replicas = {}
    for n, url in enumerate(urls):
        try:
            parsed = dj_database_url.parse(url)
        except ValueError as error:
            raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS, URL {n + 1}: {error}") from None
        if parsed["ENGINE"] != primary["ENGINE"]:
            raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS, URL {n + 1}: not postgres://")
        replica = copy.deepcopy(primary)
        replica.update({key: parsed[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")})
        # the replica's own, shorter connect timeout wins over the primary's DB_CONNECT_TIMEOUT
        replica["OPTIONS"] = {**replica.get("OPTIONS", {}),
                              "connect_timeout": REPLICA_CONNECT_TIMEOUT,
                              **parsed.get("OPTIONS", {})}
        replica["TEST"] = {"MIRROR": "default"}  # the test runner creates no database for it
        replicas[f"replica{n}"] = replica
    return replicas


DATABASES.update(replica_databases(DATABASES["default"], env_list("DATABASE_REPLICA_URLS", [])))
DATABASE_ROUTERS = ["briefs_site.replicas.ReplicaRouter"] if len(DATABASES) > 1 else []
# A client that wrote reads the primary for this long (its own writes, not yet on a replica).
REPLICA_LAG_SECONDS = int(os.environ.get("REPLICA_LAG_SECONDS", "5"))
if env_bool("DB_POOL"):
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DB_POOL=1 needs a PostgreSQL DATABASE_URL.")
    for _alias, _database in DATABASES.items():
        _database["CONN_MAX_AGE"] = 0  # the pool keeps the connections instead
        _database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": int(os.environ.get("DB_POOL_MIN_SIZE", "2")),
            "max_size": int(os.environ.get("DB_POOL_MAX_SIZE", "4")),
            # a replica's pool gives up soon: the next replica, or the primary, serves instead
            **({"timeout": 2 * REPLICA_CONNECT_TIMEOUT} if _alias != "default" else {}),
        }


def cache_from_url(url: str) -> dict:
    """CACHES["default"] for CACHE_URL: Django's RedisCache, one cache for every node.
    redis://[:password@]host:6379/0, rediss:// for TLS, unix:///run/redis.sock?db=0."""
    scheme = urlsplit(url).scheme
    if scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured(
            f"CACHE_URL must start with redis://, rediss:// or unix:// (not {scheme or '?'}://).")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "briefs",
        # a cache that does not answer fails fast instead of holding the request
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# A brief upload or ingest larger than this is refused with a message, never half-read.
MAX_BRIEF_BYTES = int(os.environ.get("MAX_BRIEF_BYTES", str(2 * 1024 * 1024)))
# Request bodies: the largest form (an editor's change form) is a few kilobytes, so 2 MB of
# fields is plenty; a larger body is refused with 413 before it is read whole
# (briefs_site/errors.py). No page takes files: one sent anyway is refused, not spooled to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 0
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Security: on by default outside DEBUG; a TLS-terminating proxy sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Sessions are the admin's only: over TLS, out of scripts' reach, not sent by other sites'
# forms, and short-lived (8 hours, and the sign-in ends when the browser closes).
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True  # the forms carry the token; no script needs the cookie
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Powerful browser features the archive never uses are off for it and anything it embeds.
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
    "payment", "usb", "browsing-topics")}
# Content-Security-Policy (django-csp): scripts, styles, fonts, images and requests from the
# site itself only, never inline (no 'unsafe-inline': the pages' scripts and styles are files in
# static/; JSON-LD blocks are data, not run). The API docs page alone adds data: images, Swagger
# UI's icons (policies/api/docs.py); tests/test_browser.py checks every page reports nothing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Rate limits per client (django-ratelimit, counted in the default cache), "count/period" with
# the period s, m, h or d; each overridable as RATELIMIT_<NAME>=30/m. A client is its address
# (REMOTE_ADDR; an IPv6 client its /64), or, with BEHIND_TRUSTED_PROXY=1, the first address of
# X-Forwarded-For, which the proxy in front must set (replace, not append to) itself.
RATELIMITS = {
    "exports": "30/m",  # CSV exports
    "dump": "10/h",  # the whole archive as JSON Lines
    "feeds": "60/m",  # Atom feeds
    "search_api": "60/m",  # /api/ lists with a search (q)
    "problem_reports": "5/h",  # "Report a problem" sent
    "alert_sign_ups": "5/h",  # e-mail alert sign-ups sent
    "alert_mails": "3/h",  # confirmation e-mails to one address, whoever asks
}
for _name in RATELIMITS:
    RATELIMITS[_name] = os.environ.get(f"RATELIMIT_{_name.upper()}", "").strip() \
        or RATELIMITS[_name]
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", RATELIMITS[_name]):
        raise ImproperlyConfigured(f"RATELIMIT_{_name.upper()}={RATELIMITS[_name]!r}: expected "
                                   "a count and a period, such as 30/m, 5/h or 1000/d.")
BEHIND_TRUSTED_PROXY = env_bool("BEHIND_TRUSTED_PROXY")
RATELIMIT_IP_META_KEY = "policies.ratelimits.client_address"
# A cache that cannot be read or written lets requests through rather than refusing everyone.
RATELIMIT_FAIL_OPEN = True

# ----------------------------------------------------------------------------- CACHES
# The default cache holds the rate limits' counters (and the sitemap), so gunicorn's workers
# must share it. CACHE_URL unset: files in CACHE_DIR (var/cache in the project), shared by the
# workers of one machine with no setup; its counts are not atomic, so two workers at the same
# instant can let a client a request past a limit. (django_ratelimit is not in INSTALLED_APPS:
# the app adds only a system check refusing such caches.)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", "").strip() or str(BASE_DIR / "var" / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 20_000},  # counters of that many clients before culling
    }
}
# Whole responses for anonymous readers (policies/response_cache.py): per worker by default.
CACHES["responses"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                       "LOCATION": "responses", "OPTIONS": {"MAX_ENTRIES": 2_000}}
# ----------------------------------------------------------------------------- end of CACHES

# Logs go to stdout, each record with its request's id; LOG_FORMAT=json for one JSON object a line.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower() or "text"
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "briefs_site.request_log.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "{asctime} {levelname} {name} [{request_id}]: {message}", "style": "{"},
        "json": {"()": "pythonjsonlogger.json.JsonFormatter", "timestamp": "time",
                 "fmt": "{levelname}{name}{message}{request_id}", "style": "{",
                 "rename_fields": {"levelname": "level", "name": "logger"}},
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                            "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# HSTS preload is a one-way commitment for the whole domain; the operator opts in with
# SECURE_HSTS_PRELOAD=1 (see README "Production"). Until then the deploy check's W021 is expected.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD or DEBUG else ["security.W021"]

# CORS: read-only access to /api/ from any origin, without credentials (django-cors-headers).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False


# ----------------------------------------------------------------------------- CACHE_URL
# The shared cache of several nodes (rate limits, the archive-wide reads of policies/read_cache.py).
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if CACHE_URL:
    CACHES = {"default": cache_from_url(CACHE_URL),
              "responses": {**cache_from_url(CACHE_URL), "KEY_PREFIX": "briefs-responses"}}
# The home page's summary and the agency directory stay cached this long (a write replaces them at
# once); off without a shared cache: one process computes them fresh.
READ_CACHE_SECONDS = int(os.environ.get("READ_CACHE_SECONDS", "300" if CACHE_URL else "0"))

# ----------------------------------------------------------------------------- the facet index
FACET_INDEX = os.environ.get("FACET_INDEX", "1").strip().lower() not in ("0", "false", "no")
FACET_INDEX_INLINE_MAX = int(os.environ.get("FACET_INDEX_INLINE_MAX", "50000"))

# ----------------------------------------------------------------------------- response cache
RESPONSE_CACHE = os.environ.get("RESPONSE_CACHE", "1").strip().lower() not in ("0", "false", "no")
RESPONSE_CACHE_ALIAS = "responses"
RESPONSE_CACHE_SECONDS = 3600  # an entry of an old version is never read; this frees it
RESPONSE_CACHE_MAX_BYTES = 1_000_000
PUBLIC_MAX_AGE = int(os.environ.get("PUBLIC_MAX_AGE", "60"))
