"""The WSGI application gunicorn and runserver serve (settings.WSGI_APPLICATION).

Django's own handler, with the request class of ``core.http`` that does not
fail in its constructor on a request declaring a charset such as ``rot13``.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup(set_prefix=False)

from core.http import NewsroomWSGIHandler  # noqa: E402 (needs the settings)

application = NewsroomWSGIHandler()
