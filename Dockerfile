# Sistem Kerja — production image (web: gunicorn; the same image runs the Celery worker and beat).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=sistemkerja.settings.production \
    DJANGO_MEDIA_ROOT=/app/media

# WeasyPrint (letters and reports as PDF) needs Pango/HarfBuzz and fonts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt requirements.lock ./
RUN pip install -r requirements.lock

COPY . .

# Static files are collected at build time; the key (random, thrown away: production settings
# refuse a fixed placeholder) and URLs below are build-time only, never used at run time.
RUN DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@localhost:5432/build \
    REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin sistemkerja \
 && mkdir -p /app/media /app/ekspor \
 && chown -R sistemkerja:sistemkerja /app/media /app/ekspor

USER sistemkerja
EXPOSE 8000

CMD ["gunicorn", "sistemkerja.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--timeout", "120", "--access-logfile", "-", "--forwarded-allow-ips", "*"]
