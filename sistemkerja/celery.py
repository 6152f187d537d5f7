import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistemkerja.settings.local")

app = Celery("sistemkerja")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
