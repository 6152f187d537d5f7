"""Production: every secret and host from the environment; PostgreSQL and Redis required.

Required: DJANGO_SECRET_KEY (50+ random characters), DJANGO_ALLOWED_HOSTS, DATABASE_URL
(postgres://...), REDIS_URL. `manage.py check --deploy` is clean with these set
(tests/test_deploy_check.py). TLS ends at the reverse proxy, which sets X-Forwarded-Proto.
"""
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import DATABASES, SITE_URL, STATIC_ROOT, env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
# Known placeholders (this repository's examples and development/test keys): never in production.
_KUNCI_CONTOH = {
    "replace-with-50-or-more-random-characters", "local-development-only-not-secret", "test-only-not-secret",
    "build-only-collectstatic-placeholder-key-not-used-at-run-time-0123456789",
}


def _periksa_secret_key(kunci: str) -> None:
    """Refuse to start with a short, low-entropy or example key (Django's own check --deploy only
    warns, security.W009). Same thresholds as W009: 50+ characters, 5+ distinct ones, no
    'django-insecure-' prefix; plus the placeholders shipped in this repository."""
    if (len(kunci) < 50 or len(set(kunci)) < 5 or kunci.startswith("django-insecure-")
            or kunci in _KUNCI_CONTOH):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is weak or a placeholder: use 50+ random characters, e.g. "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(64))'.")


_periksa_secret_key(SECRET_KEY)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

# No silent fallback to SQLite or in-process tasks in production.
env("DATABASE_URL")
if "postgresql" not in DATABASES["default"]["ENGINE"]:
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production (postgres://...).")
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = False

_site = urlsplit(SITE_URL)
CSRF_TRUSTED_ORIGINS = env.list(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    default=[f"{_site.scheme}://{_site.netloc}"] if _site.scheme == "https" else [],
)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# django-axes counts failures per client IP: behind the proxy that is in X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=1) or None
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(STATIC_ROOT)))
# Source maps (most of drf-spectacular-sidecar's Swagger UI/Redoc files) are for developers'
# tools only: copied, not gzip/brotli-compressed at build time (halves collectstatic).
from whitenoise.compress import Compressor  # noqa: E402

WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# API docs and schema only for logged-in users (session or token).
API_DOCS_PERLU_MASUK = True
