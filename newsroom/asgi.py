"""The ASGI application, like newsroom/wsgi.py: Django's handler with our request class."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup(set_prefix=False)

from core.http import NewsroomASGIHandler  # noqa: E402 (needs the settings)

application = NewsroomASGIHandler()
