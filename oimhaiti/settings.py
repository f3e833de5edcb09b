"""Settings for the IOM Haiti portal: one module, every value from the environment.

See .env.example for the variables; a .env file in the project (`make run` creates one with
development values) gives defaults, and a variable already set in the environment wins. With
DEBUG off (production), SECRET_KEY and DATABASE_URL are required; with DEBUG on and no
DATABASE_URL, the project-local PostgreSQL cluster in .pgdata/ (started by `make db-start`) is used.
"""

import importlib.util
import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
import environ

PACKAGE_DIR = Path(__file__).resolve().parent
# A checkout: manage.py beside this package, with templates/, static/, locale/ and fixtures/
# (SITE_FILES_DIR) and the site's own files, .env, .pgdata/, staticfiles/, var/ (BASE_DIR).
# Installed from a wheel, the package carries those four folders (setup.py puts them there) and
# the site's own files are in the folder it runs from.
if (PACKAGE_DIR.parent / "manage.py").is_file():
    BASE_DIR = SITE_FILES_DIR = PACKAGE_DIR.parent
else:
    BASE_DIR, SITE_FILES_DIR = Path.cwd(), PACKAGE_DIR

# ENV_FILE names another file, or none when empty (the tests set it so).
ENV_FILE = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE)


class Env(environ.Env):
    # CACHE_URL: django-environ's schemes, plus locmem:// as the README names it, and Django's own
    # Redis backend even where django-redis happens to be installed. An unknown scheme stops
    # start-up rather than fall back to another cache.
    CACHE_SCHEMES = {
        **environ.Env.CACHE_SCHEMES,
        "locmem": "django.core.cache.backends.locmem.LocMemCache",
        "redis": "django.core.cache.backends.redis.RedisCache",
        "rediss": "django.core.cache.backends.redis.RedisCache",
    }


env = Env()
# A value that starts with `$` names another variable (django-environ); `\$` is a literal `$`.
env.escape_proxy = True
# A blank variable counts as unset: .env.example leaves most of them blank for their default.
env.ENVIRON = {name: value for name, value in os.environ.items() if value.strip()}


def required(name):
    """A variable production cannot run without: stop start-up with one clear line."""
    value = env.str(name, default="").strip()
    if not value:
        sys.exit(
            f"ImproperlyConfigured: {name} must be set when DEBUG is off (see .env.example; "
            "on a developer's machine, `make run` writes a .env with DEBUG=1)."
        )
    return value


DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-local-development-only")
else:
    SECRET_KEY = required("SECRET_KEY")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", cast=str.strip, default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", cast=str.strip, default=[])

INSTALLED_APPS = [
    # First, so that its createsuperuser (questions in French) replaces Django's.
    "core",
    # django.contrib.admin, whose site also serves the importer's page (oimhaiti/admin.py).
    "oimhaiti.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "reversion",
    "axes",
    "csp",
    "search",
    "projects",
    "news",
    "offices",
    "portal",
    "importer",
]
# The synthetic catalogue of `make bench` and its seed_synthetic command (synthetic/): loaded where
# the folder is (a checkout: development, benchmarks, tests), not from the installed package,
# which leaves it out.
if importlib.util.find_spec("synthetic") is not None:
    INSTALLED_APPS.append("synthetic")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so that static files get these headers too.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The content state read once per request: by the page cache, then by the fragments.
    "core.cache.remember_content_version_per_request",
    # Whole public pages for visitors without a session (core/page_cache.py). Above the gzip and
    # ETag middleware: a stored page keeps their work, and answers a revalidation with a 304.
    "core.page_cache.PageCacheMiddleware",
    # Above the ETag and the session and CSRF middleware: it compresses what they have finished,
    # and sees the pages that hold a secret, which it leaves uncompressed (BREACH).
    "oimhaiti.compression.PublicGZipMiddleware",
    # A stopped database: a 503 page with Retry-After, after the headers above are set.
    "oimhaiti.unavailable.DatabaseUnavailableMiddleware",
    # ETag on every page: a browser or proxy revalidating an unchanged page gets a 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Cached page fragments (core/cache.py). The database cache is shared by every server process,
# so a change saved through one of them refreshes the pages of all; CACHE_URL chooses another:
# redis://host:6379/0 when several servers share one cache, locmem:// for a single process.
if env.str("CACHE_URL", default="").strip():
    CACHES = {"default": env.cache_url("CACHE_URL")}
else:
    CACHES = {
        "default": {
            # Django's DatabaseCache, where a table that cannot be read or written is a miss.
            "BACKEND": "core.cache.MissOnErrorDatabaseCache",
            "LOCATION": "oimhaiti_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# The page cache of each server process (core/page_cache.py), in MB; 0 turns it off.
PAGE_CACHE_MAX_BYTES = env.int("PAGE_CACHE_MB", default=64) * 1024 * 1024

ROOT_URLCONF = "oimhaiti.urls"
WSGI_APPLICATION = "oimhaiti.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_FILES_DIR / "templates"],
        "OPTIONS": {
            # Each template compiled once per process (in development, recompiled when its file changes).
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The project-local cluster: a Unix socket inside .pgdata/, no TCP port.
LOCAL_DATABASE = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "oimhaiti",
    "USER": "oimhaiti",
    "HOST": str(BASE_DIR / ".pgdata"),
}

# A new PostgreSQL connection per request costs more than a simple page.
CONN_MAX_AGE = env.int("CONN_MAX_AGE", default=60)

if DEBUG and not env.str("DATABASE_URL", default="").strip():
    DATABASES = {"default": {**LOCAL_DATABASE, "CONN_MAX_AGE": CONN_MAX_AGE, "CONN_HEALTH_CHECKS": True}}
else:
    DATABASES = {
        "default": dj_database_url.parse(
            required("DATABASE_URL"), conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }

# Lets two test runs share one server (for instance two checkouts): each names its test database.
if TEST_DATABASE_NAME := env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": TEST_DATABASE_NAME}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out login is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
TIME_ZONE = "America/Port-au-Prince"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [SITE_FILES_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [SITE_FILES_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Unset: links that leave the page are built from the address each request came in on.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")

# The project exports, kept compressed between content changes (core/export_files.py). Each
# server keeps its own; a directory the server cannot write only costs the speed-up.
EXPORT_FILES_DIR = Path(env.str("EXPORT_FILES_DIR", default=str(BASE_DIR / "var" / "exports")))

# The site search counts the matches of a word up to this many: a commoner word shows
# "Plus de 1 000 résultats" (portal/search.py).
SEARCH_COUNT_CAP = 1000

# Security. HTTPS defaults to on with DEBUG off: `make serve` on http://127.0.0.1 sets HTTPS=0.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
# Only behind a proxy that sets X-Forwarded-Proto and X-Forwarded-For itself: otherwise any
# client could claim HTTPS or another address.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Only staff have sessions: a working day, and never beyond closing the browser.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# The admin's address, so that it is not where every scanner knocks first.
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/ ") + "/"

# Every script, style sheet and image comes from the site itself; pages have no inline code,
# and Django 5.2's admin needs none either (tests/security/test_headers.py checks both).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# The site uses none of these browser features: no page, nor anything injected, may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

# Admin login throttling. Locking on the pair (username, address) stops guessing a password
# from one place without letting anyone lock a colleague out from elsewhere, nor a whole
# office that shares one public address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_CLIENT_IP_CALLABLE = "oimhaiti.security.client_ip_address"
# The lockout log line names the account and the address: what whoever reads it acts on.
AXES_SENSITIVE_PARAMETERS = []
# No start-up banner on the standard output of every manage.py command; lockouts are still logged.
AXES_VERBOSE = False

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": sys.stdout, "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False}},
}
