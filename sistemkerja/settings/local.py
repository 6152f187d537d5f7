"""Developer machine (``make run``): SQLite and in-process tasks unless the environment says otherwise.

Like production, DEBUG is off unless ``DJANGO_DEBUG=1``: a user of the demo meets the Bahasa
Indonesia 404/403/500 pages, never Django's technical pages with the URL list. Static files are
then served by WhiteNoise straight from the app folders (no collectstatic needed), refreshed on
every request; errors still go to the console (LOGGING)."""
from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-secret")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
