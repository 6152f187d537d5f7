"""Settings shared by every environment. Values come from the environment (django-environ)."""
import datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI from our own static files (no CDN)
    "csp",
    "guardian",
    "django_htmx",
    "axes",
    "inti",
    "organisasi",
    "penugasan",
    "kinerja",
    "surat",
    "notifikasi",
    "pemeriksaan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "sistemkerja.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "inti.galat.GalatMiddleware",
    "sistemkerja.middleware.SqliteTerkunciMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "sistemkerja.urls"
WSGI_APPLICATION = "sistemkerja.wsgi.application"

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

# SQLite is the embedded default; PostgreSQL when DATABASE_URL is set.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Two officials deciding at once: BEGIN IMMEDIATE takes the write lock when a transaction
    # starts, so the second waits (busy timeout, seconds) and then reads the decided state (409
    # like PostgreSQL's row lock) instead of failing to upgrade a read lock ("database is
    # locked"). sistemkerja.middleware.SqliteTerkunciMiddleware maps a lock outlasting the timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=env.int("DJANGO_SQLITE_TIMEOUT", default=20), transaction_mode="IMMEDIATE")
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
# Several test runs may share one PostgreSQL server (parallel developers, CI): name the test DB.
if env("DJANGO_TEST_DB_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env("DJANGO_TEST_DB_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # django-axes first: refuses every attempt while user+IP is locked out (needs ``request``
    # in authenticate(); Django's login forms and DRF pass it; tests log in with force_login or
    # by posting the login form, not Client.login()).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes) on /masuk/ and /admin/login/: after AXES_FAILURE_LIMIT wrong
# passwords for one username from one IP, that pair is refused (even with the right password)
# for AXES_COOLOFF_MENIT minutes or until an admin deletes the attempt in the admin ("Access
# attempts"). Every attempt is logged (AccessAttempt, AccessFailureLog, AccessLog in the admin).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MENIT", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
# Behind the reverse proxy (production) the client address is in X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0) or None

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = env("DJANGO_TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True  # timestamps are stored in UTC
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Content-Security-Policy (django-csp 4). Scripts: our own static files only — no inline script,
# no event-handler attributes, no eval (htmx: allowEval off, see base.html); a page that truly
# needs an inline script uses {{ request.csp_nonce }} (none does today).
# Styles allow 'unsafe-inline', for style only: the letter previews are sandboxed srcdoc iframes,
# which inherit this page's policy, and carry the letter templates' inline CSS shared with
# WeasyPrint; Django's admin and Swagger UI set style attributes. Scripts stay strict, which is
# what stops injected markup from running; images/fonts/connections are limited to our origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Browser features the product never uses are switched off (sistemkerja.middleware).
PERMISSIONS_POLICY = {
    "accelerometer": [], "autoplay": [], "camera": [], "display-capture": [], "encrypted-media": [],
    "fullscreen": ["self"], "geolocation": [], "gyroscope": [], "magnetometer": [], "microphone": [],
    "midi": [], "payment": [], "picture-in-picture": [], "publickey-credentials-get": [],
    "screen-wake-lock": [], "serial": [], "usb": [], "xr-spatial-tracking": [],
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Files uploaded through the admin (org-chart imports) may be large.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    # TokenAuthentication first: DRF answers a missing or bad credential with 401 and
    # WWW-Authenticate from the first class; SessionAuthentication has no such header (→ 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "inti.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sistem Kerja API",
    "DESCRIPTION": "API Sistem Kerja ASN pasca penyederhanaan birokrasi (PermenPANRB 7/2022).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar's vendored files (static), never a CDN
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # the error answers every operation may give (400/401/403/404), documented once (inti.skema)
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "inti.skema.galat_umum"],
}
# The API documentation and schema: open on a developer machine, login required in production.
API_DOCS_PERLU_MASUK = env.bool("API_DOCS_PERLU_MASUK", default=False)

# Celery: Redis when REDIS_URL is set; otherwise tasks run in-process (eager).
REDIS_URL = env("REDIS_URL", default="")
# Shared cache (live progress of background jobs, e.g. org-chart imports): Redis when REDIS_URL is
# set (then a real Celery worker runs in another process), else in-process memory (tasks are eager).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
          if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not bool(REDIS_URL))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True  # the worker waits for Redis; web publishing does not
# Publishing with Redis down or frozen must fail fast (the outbox relay and the sweeps deliver
# later): short socket timeouts (a frozen Redis accepts the connection and never answers: the
# command's socket_timeout is the whole wait; the worker's BRPOP is read by its event loop and
# does not use it), at most one quick reconnect, no publish retries, and after a failure the
# process does not ask that broker again for ANTREAN_JEDA_GAGAL seconds (inti.antrean).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1, "socket_timeout": 1,
    "max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2,
}
CELERY_TASK_PUBLISH_RETRY = False
ANTREAN_JEDA_GAGAL = env.int("ANTREAN_JEDA_GAGAL", default=30)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE: dict = {
    "notifikasi-relay-outbox": {"task": "notifikasi.relay_outbox", "schedule": 10.0},
    "notifikasi-kirim-pengingat": {
        "task": "notifikasi.kirim_pengingat",
        "schedule": crontab(hour=7, minute=0),  # daily, Instansi time zone
    },
    # kinerja: report requests and periodic reports, before and after their due dates
    "kinerja-kirim-pengingat": {
        "task": "kinerja.kirim_pengingat",
        "schedule": crontab(hour=7, minute=15),
    },
    # letters whose PDF was not rendered (broker down at issue time, worker lost)
    "surat-render-tertunda": {"task": "surat.render_tertunda", "schedule": 300.0},
    # auditors' background exports still waiting (broker down at request time), and expired files
    "pemeriksaan-ekspor-relay": {"task": "pemeriksaan.ekspor_relay", "schedule": 60.0},
    "pemeriksaan-ekspor-hapus-kedaluwarsa": {"task": "pemeriksaan.ekspor_hapus_kedaluwarsa", "schedule": 3600.0},
    # confirmed org-chart imports the broker never delivered (down at confirm time, message lost)
    "organisasi-impor-bagan-antrekan-ulang": {"task": "organisasi.impor_bagan_antrekan_ulang", "schedule": 60.0},
}
# a letter whose render was queued is queued again by the sweep only after this lease (minutes);
# longer than the render task's hard time limit (5 minutes)
SURAT_RENDER_SEWA_MENIT = env.int("SURAT_RENDER_SEWA_MENIT", default=15)

# Auditors' exports (pemeriksaan): results above this many rows run as a background job; their
# files are kept this many hours in a private folder outside the web root (shared by web and worker).
# Org-chart import bounds: file size, data rows, characters per cell, and how many errors the
# dry-run page lists (all of them are in the downloadable error file).
IMPOR_BAGAN_MAKS_MB = env.int("IMPOR_BAGAN_MAKS_MB", default=25)
IMPOR_BAGAN_MAKS_BARIS = env.int("IMPOR_BAGAN_MAKS_BARIS", default=100_000)
IMPOR_BAGAN_MAKS_SEL = env.int("IMPOR_BAGAN_MAKS_SEL", default=1000)
IMPOR_BAGAN_MAKS_GALAT_TAMPIL = env.int("IMPOR_BAGAN_MAKS_GALAT_TAMPIL", default=500)
PEMERIKSAAN_AMBANG_EKSPOR_LATAR = env.int("PEMERIKSAAN_AMBANG_EKSPOR_LATAR", default=5000)
PEMERIKSAAN_MASA_BERLAKU_EKSPOR_JAM = env.int("PEMERIKSAAN_MASA_BERLAKU_EKSPOR_JAM", default=24)
PEMERIKSAAN_EKSPOR_ROOT = Path(env("DJANGO_EKSPOR_ROOT", default=str(BASE_DIR / "ekspor-privat")))

# Evidence attached to kinerja reports (Kinerja II): a private folder outside the web root, served
# only through a permission-checked view; limits per file and per report, allowed types.
KINERJA_BUKTI_ROOT = Path(env("DJANGO_BUKTI_ROOT", default=str(BASE_DIR / "bukti-privat")))
KINERJA_BUKTI_MAKS_BITA = env.int("KINERJA_BUKTI_MAKS_BITA", default=10 * 1024 * 1024)
KINERJA_BUKTI_MAKS_JUMLAH = env.int("KINERJA_BUKTI_MAKS_JUMLAH", default=10)
# reminders start this many days before a due date (and continue this many days after a period ends)
KINERJA_PENGINGAT_HARI = env.int("KINERJA_PENGINGAT_HARI", default=3)

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Sistem Kerja <noreply@sistemkerja.local>")

# Public base URL used in QR codes and e-mails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Client address in the audit trail (inti.klien): REMOTE_ADDR unless our own reverse proxies
# set a header; then the entry NUM_PROXIES from the right of it (docs/deploy.md).
SISTEMKERJA_TRUSTED_PROXY_HEADER = env("SISTEMKERJA_TRUSTED_PROXY_HEADER", default="")
SISTEMKERJA_NUM_PROXIES = env.int("SISTEMKERJA_NUM_PROXIES", default=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint and fontTools log every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
