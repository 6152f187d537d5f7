"""Container health checks (docker-compose.yml). Exit 0 when healthy.

    python docker/healthcheck.py web    # gunicorn answers HTTP (any status below 500)
    python docker/healthcheck.py beat   # the celery beat process in its pidfile is alive
"""
import http.client
import os
import sys


def web() -> int:
    host = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".*") or "localhost"
    conn = http.client.HTTPConnection("127.0.0.1", int(os.environ.get("PORT", "8000")), timeout=5)
    # As the TLS proxy would send it, so SECURE_SSL_REDIRECT does not answer 301.
    conn.request("GET", "/", headers={"Host": host, "X-Forwarded-Proto": "https"})
    return 0 if conn.getresponse().status < 500 else 1


def beat() -> int:
    with open(os.environ.get("CELERY_BEAT_PIDFILE", "/tmp/celerybeat.pid")) as fh:
        os.kill(int(fh.read().strip()), 0)
    return 0


if __name__ == "__main__":
    try:
        sys.exit({"web": web, "beat": beat}[sys.argv[1]]())
    except Exception as exc:  # unhealthy, with the reason in `docker inspect`
        print(f"unhealthy: {exc}", file=sys.stderr)
        sys.exit(1)
