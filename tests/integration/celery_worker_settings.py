"""Settings for the real Celery worker started by the integration tests (tests/integration/).

Same as the test settings, but tasks really go through the broker, the worker uses the
*test* database of the pytest process that started it, and e-mails are written as files
so the test can read what was sent.

Environment (set by the test that starts the worker):
  CELERY_BROKER_URL          the Redis the test publishes to
  CELERY_TASK_DEFAULT_QUEUE  a queue of its own, so no other worker on a shared Redis takes the tasks
  WORKER_DB_NAME             the test database name (pytest-django's ``test_<name>``)
  EMAIL_FILE_PATH            directory for the file-based e-mail backend
"""
from sistemkerja.settings.test import *  # noqa: F401,F403
from sistemkerja.settings.test import DATABASES, env

CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
DATABASES["default"]["NAME"] = env("WORKER_DB_NAME")
DATABASES["default"]["CONN_MAX_AGE"] = 0
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
