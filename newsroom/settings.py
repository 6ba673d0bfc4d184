"""Settings for Tòa soạn.

One file, fed by the environment through the typed helpers in ``core.env``.
With no variables set you get a working local site: SQLite under ``var/``,
local-memory cache, uploads in ``media/``. Production switches are documented
in the README and turned on with ``DJANGO_ENV=production``.
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from core.env import (
    database_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    env_urls,
    media_storage_from_env,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("NEWSROOM_VAR_DIR") or BASE_DIR / "var")

DJANGO_ENV = env_choice("DJANGO_ENV", ("development", "production"), "development")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production.")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when DJANGO_ENV=production.")
    # Only ever used on a developer's machine; production refuses to start without one.
    SECRET_KEY = "django-insecure-local-development-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when DJANGO_ENV=production.")

# The public address of the site, the start of every absolute URL a page shows
# (canonical links, og:url, og:image, feeds). Never taken from a request's Host
# header, so no request can plant another host in a cached page.
NEWSROOM_SITE_URL = env_str(
    "NEWSROOM_SITE_URL",
    f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if PRODUCTION and ALLOWED_HOSTS[0] != "*" else "",
).rstrip("/") or ("" if PRODUCTION else "http://127.0.0.1:8000")
if PRODUCTION and not NEWSROOM_SITE_URL:
    raise ImproperlyConfigured("NEWSROOM_SITE_URL is required when ALLOWED_HOSTS is '*'.")
if not NEWSROOM_SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("NEWSROOM_SITE_URL must start with http:// or https://.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "ckeditor",
    "ckeditor_uploader",
    "captcha",
    "axes",
    "django_tasks_db",
    "articles",
    "comments",
    "pagecache",
    # Demo content and bulk data (quickstart, seed_bulk); no app depends on it.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every page, so browsers revalidate with a cheap 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "core.middleware.ChosenLanguageMiddleware",
    # Before anything decodes the query string or the form with a declared charset.
    "core.middleware.UnreadableCharsetMiddleware",
    # Serves anonymous readers before sessions, CSRF or auth are looked at.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A wrong HTTP method gets a Vietnamese page instead of Django's empty 405.
    "core.middleware.MethodNotAllowedPageMiddleware",
    # A page that showed a reader's message is never cached (see comments/middleware.py).
    "comments.middleware.PrivateWhenMessagesShownMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "django.template.context_processors.csp",
                "articles.context_processors.portal",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL, pool=env_bool("DATABASE_POOL", True))}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while a comment is written; IMMEDIATE
                # takes the write lock up front so concurrent writers queue
                # instead of failing with "database is locked".
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
if PRODUCTION and not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL (PostgreSQL) is required when DJANGO_ENV=production.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to "no cache" (logged) when Redis is unreachable.
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "toasoan",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Passwords and sessions ---------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses logins for a username + address pair after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Reverse proxies in front of the site: client addresses (login lockout, comment
# flood control) then come from X-Forwarded-For, see core/http.py.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
# The database store, ignoring forged keys that would make PostgreSQL fail (see the module).
SESSION_ENGINE = "core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Vietnamese, and a stale token on a comment keeps the reader's text (comments/views.py).
CSRF_FAILURE_VIEW = "comments.views.csrf_failure"

# --- Language and time --------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# Vietnamese date input (dd/mm/yyyy), which Django's vi locale does not define.
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    # FileSystemStorage that removes what a failed write (a full disk) left behind.
    "default": {"BACKEND": "core.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Media on S3-compatible object storage, shared by every app server (MEDIA_S3_BUCKET;
# core/objectstorage.py). Readers' browsers fetch the files from its public address.
OBJECT_MEDIA = media_storage_from_env()
MEDIA_ORIGIN = ""
if OBJECT_MEDIA:
    STORAGES["default"] = OBJECT_MEDIA
    _media_public, _media_prefix = (OBJECT_MEDIA["OPTIONS"][k] for k in ("public_url", "location"))
    MEDIA_URL = f"{_media_public}/{_media_prefix}/" if _media_prefix else f"{_media_public}/"
    _media_parts = urlsplit(_media_public)
    MEDIA_ORIGIN = f"{_media_parts.scheme}://{_media_parts.netloc}"
# Without collectstatic (local runs) WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
# Uploaded media is served by Django only off production, where a web server or
# object storage does the job. This works with DEBUG off, so the local site
# behaves like production otherwise.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not PRODUCTION and not OBJECT_MEDIA)
if SERVE_MEDIA and OBJECT_MEDIA:
    raise ImproperlyConfigured("SERVE_MEDIA cannot be on with MEDIA_S3_BUCKET: media is not local.")
# Files larger than this are streamed to disk instead of kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Rich text (django-ckeditor) ------------------------------------------------
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_IMAGE_BACKEND = "pillow"
CKEDITOR_RESTRICT_BY_DATE = True
CKEDITOR_BROWSE_SHOW_DIRS = True
CKEDITOR_CONFIGS = {
    "default": {
        "language": "vi",
        "height": 420,
        "width": "100%",
        "toolbar": "Newsroom",
        "toolbar_Newsroom": [
            ["Format", "Bold", "Italic", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo"],
            ["Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        # Captioned images (figure/figcaption) instead of bare <img> with styles.
        "extraPlugins": "image2",
        "removePlugins": "image,exportpdf",
        "image2_alignClasses": ["image-left", "image-center", "image-right"],
        "disallowedContent": "script; *[on*]; *{*}",
    }
}

# --- Captcha -------------------------------------------------------------------
CAPTCHA_TEST_MODE = env_bool("CAPTCHA_TEST_MODE", False)
CAPTCHA_IMAGE_SIZE = (120, 44)
CAPTCHA_FONT_SIZE = 30
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 5  # minutes
# The spoken captcha ("Nghe mã xác nhận") needs flite (Debian: apt-get install flite).
# CAPTCHA_FLITE_PATH= (empty) turns it off; the link is shown only when it is on.
CAPTCHA_FLITE_PATH = (
    env_str("CAPTCHA_FLITE_PATH", "/usr/bin/flite" if Path("/usr/bin/flite").exists() else "")
    or None
)

# --- Mail and background tasks ------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "toasoan@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Production always sends through SMTP (a local MTA on port 25 unless told
# otherwise); a laptop prints mail to the console unless EMAIL_HOST is set.
_smtp_host = env_str("EMAIL_HOST", "localhost" if PRODUCTION else "")
if _smtp_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp_host,
                "port": env_int("EMAIL_PORT", 25, minimum=1, maximum=65535),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# Background work (the moderators' email). In production a queue in the database,
# worked by `manage.py db_worker`, so posting a comment never waits for the mail
# server; locally and in tests tasks run at once, with nothing else to start.
TASKS_BACKEND = env_choice(
    "TASKS_BACKEND", ("immediate", "database"), "database" if PRODUCTION else "immediate"
)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django.tasks.backends.immediate.ImmediateBackend"
        ),
        # "purges": Varnish purges (pagecache/varnish.py), worked by a worker of their own.
        "QUEUES": ["default", "purges"],
    }
}

# --- Security -------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# A strict policy everywhere: scripts and styles only from our own files (or
# with the per-request nonce), no plugins, no framing. The CKEditor pages of the
# admin get a documented, narrower exception (articles/admin.py, articles/uploads.py).
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if MEDIA_ORIGIN:
    # Photos and renditions come from the object store's address.
    SECURE_CSP["img-src"].append(MEDIA_ORIGIN)
    SECURE_CSP["media-src"].append(MEDIA_ORIGIN)
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# CKEditor 4.22 is the last free release of the editor that django-ckeditor
# bundles. The README explains the mitigations (server-side sanitising, staff-only
# image uploads validated with Pillow); the notice itself is kept out of
# `check --deploy` so new warnings are not lost in it.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

# --- Logging --------------------------------------------------------------------
LOG_FORMAT = env_choice("LOG_FORMAT", ("text", "json"), "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.logging.JSONFormatter"},
    },
    "filters": {"warning_without_traceback": {"()": "core.logging.WarningWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # A bad Host header: one warning line per request (see core/logging.py).
        "django.security.DisallowedHost": {"filters": ["warning_without_traceback"]},
    },
}

# --- Comments -----------------------------------------------------------------
# Readers' comments wait for a moderator. The rules below are the anti-abuse
# knobs; comments/README.md explains each and the privacy schedule.
COMMENTS_PER_PAGE = env_int("COMMENTS_PER_PAGE", 50, minimum=1, maximum=500)
# Flood control per IP address: the wait between two comments, and a cap per hour.
COMMENTS_MIN_INTERVAL_SECONDS = env_int("COMMENTS_MIN_INTERVAL_SECONDS", 30, minimum=0)
COMMENTS_MAX_PER_HOUR = env_int("COMMENTS_MAX_PER_HOUR", 20, minimum=0)  # 0 = no cap
# Captcha challenges issued to one address per window (0 = no cap): each is a
# database row until answered or expired, so this bounds what a flood of page
# loads can add to the table.
COMMENTS_CAPTCHAS_PER_WINDOW = env_int("COMMENTS_CAPTCHAS_PER_WINDOW", 30, minimum=0)
COMMENTS_CAPTCHA_WINDOW_MINUTES = env_int("COMMENTS_CAPTCHA_WINDOW_MINUTES", 10, minimum=1)
# Spoken captchas per address in the same window (0 = no cap): each runs flite.
COMMENTS_CAPTCHA_AUDIO_PER_WINDOW = env_int("COMMENTS_CAPTCHA_AUDIO_PER_WINDOW", 20, minimum=0)
# A reader's private status page (the link after posting): views per address per window
# (0 = no cap), so that tokens cannot be guessed by trying many.
COMMENTS_STATUS_VIEWS_PER_WINDOW = env_int("COMMENTS_STATUS_VIEWS_PER_WINDOW", 30, minimum=0)
COMMENTS_STATUS_WINDOW_MINUTES = env_int("COMMENTS_STATUS_WINDOW_MINUTES", 10, minimum=1)
# The same text from the same address within this window is a double submit
# (same article: answered as accepted, nothing stored) or spam (another article: refused).
COMMENTS_DUPLICATE_WINDOW_MINUTES = env_int("COMMENTS_DUPLICATE_WINDOW_MINUTES", 10, minimum=0)
# More links than this and the comment goes straight to spam.
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2, minimum=0)
# Articles stop taking comments this many days after publication (0 = never).
COMMENTS_CLOSE_AFTER_DAYS = env_int("COMMENTS_CLOSE_AFTER_DAYS", 30, minimum=0)
# Email the "Kiểm duyệt viên" group about each new pending comment (through TASKS).
COMMENTS_NOTIFY_MODERATORS = env_bool("COMMENTS_NOTIFY_MODERATORS", False)
# Start of the admin links in those emails, e.g. https://toasoan.example.vn
COMMENTS_NOTIFY_SITE_URL = env_str("COMMENTS_NOTIFY_SITE_URL", NEWSROOM_SITE_URL).rstrip("/")
# Readers' reports ("Báo vi phạm"): this many unanswered reports hide an approved
# comment until a moderator decides; each address may send this many reports an hour.
COMMENTS_REPORTS_TO_HIDE = env_int("COMMENTS_REPORTS_TO_HIDE", 3, minimum=1)
COMMENTS_REPORTS_PER_HOUR = env_int("COMMENTS_REPORTS_PER_HOUR", 10, minimum=0)  # 0 = no cap
# What happens to a new comment from a blocked phone number or address.
COMMENTS_BLOCKED_SENDER_ACTION = env_choice(
    "COMMENTS_BLOCKED_SENDER_ACTION", ("hold", "reject"), "hold"
)
# Phone numbers, IP addresses and browsers of decided comments are erased after
# this many days by `manage.py erase_comment_personal_data` (run daily).
COMMENTS_PERSONAL_DATA_RETENTION_DAYS = env_int(
    "COMMENTS_PERSONAL_DATA_RETENTION_DAYS", 90, minimum=1
)

# --- The portal -----------------------------------------------------------------
NEWSROOM_SITE_NAME = env_str("NEWSROOM_SITE_NAME", "Cổng thông tin Thành phố")
# The outlet code printed in bold at the start of every lead: "HNP - Chiều 19/1, …".
NEWSROOM_OUTLET_CODE = env_str("NEWSROOM_OUTLET_CODE", "HNP")
NEWSROOM_ARTICLES_PER_PAGE = env_int("NEWSROOM_ARTICLES_PER_PAGE", 20, minimum=1, maximum=200)
NEWSROOM_HOME_ARTICLES_PER_SECTION = env_int("NEWSROOM_HOME_ARTICLES_PER_SECTION", 5, minimum=1)
NEWSROOM_RELATED_ARTICLES = 10
# "Tin liên quan" (by shared tags, then the same section) and "Đọc nhiều" lengths.
NEWSROOM_TAGGED_RELATED_ARTICLES = env_int("NEWSROOM_TAGGED_RELATED_ARTICLES", 5, minimum=1)
NEWSROOM_MOST_READ_ARTICLES = env_int("NEWSROOM_MOST_READ_ARTICLES", 5, minimum=1, maximum=50)
# Counting reads (articles/readership.py): a beacon from the page, buffered in the
# cache (Redis) and written by ``manage.py articles_flush_views``. Off: no beacon script.
NEWSROOM_COUNT_VIEWS = env_bool("NEWSROOM_COUNT_VIEWS", True)
# One reader's reloads of an article within this many seconds count once.
NEWSROOM_VIEW_DEDUPE_SECONDS = env_int("NEWSROOM_VIEW_DEDUPE_SECONDS", 1800, minimum=1)
# Whole-page cache for anonymous readers (pagecache/middleware.py explains how it stays correct).
# Its invalidation lives in the cache, so several server processes need a shared
# one: in production the page cache is on only with REDIS_URL (per-process local
# memory would let other workers serve a page from before an edit).
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", bool(REDIS_URL) or not PRODUCTION)
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 600, minimum=1)
# Varnish in front (deploy/varnish/): the addresses that take purges by key
# (``PURGE`` with an ``xkey-purge`` header), one per Varnish, comma-separated.
NEWSROOM_VARNISH_PURGE_URLS = env_urls("NEWSROOM_VARNISH_PURGE_URLS")
# Called with the dependency keys of every change (``keys=frozenset``), after the
# page cache has recorded it: where a shared HTTP cache in front is told to purge.
# With Varnish configured, a background task sends them (pagecache/varnish.py).
NEWSROOM_PAGE_CACHE_PURGE_HOOK = env_str(
    "NEWSROOM_PAGE_CACHE_PURGE_HOOK",
    "pagecache.varnish.purge_varnish"
    if NEWSROOM_VARNISH_PURGE_URLS
    else "pagecache.invalidation.purge_nothing",
)
# Uploaded images (CKEditor and article photos).
NEWSROOM_IMAGE_MAX_BYTES = env_int("NEWSROOM_IMAGE_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
NEWSROOM_IMAGE_MAX_PIXELS = env_int("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000, minimum=1)
# Documents attached to articles (PDF, Word, Excel, OpenDocument).
NEWSROOM_ATTACHMENT_MAX_BYTES = env_int(
    "NEWSROOM_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024, minimum=1
)
