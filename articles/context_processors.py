from django.conf import settings
from django.http import HttpRequest

from articles.selectors import navigation_sections


def portal(request: HttpRequest) -> dict:
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": settings.NEWSROOM_SITE_URL,
        "outlet_code": settings.NEWSROOM_OUTLET_CODE,
        # A callable, so pages that do not show the menu (admin, errors) do not load it.
        "navigation_sections": navigation_sections,
    }
