"""Receivers connected in ArticlesConfig.ready(): the cached menu, and security log entries."""

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Section
from articles.selectors import forget_navigation_sections
from core.querysets import rows_changed

logger = logging.getLogger("newsroom.security")


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
@receiver(rows_changed, sender=Section)
def forget_the_menu(sender, **kwargs) -> None:
    """Every page shows the sections' menu from a cache; any change to a section forgets it.

    Now, for the rest of this transaction, and again at commit: a reader in
    between may have cached the menu from before the change.
    """
    forget_navigation_sections()
    transaction.on_commit(forget_navigation_sections, robust=True)


def _client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs) -> None:
    # The username is needed to spot an attack on one account; the password never is.
    logger.warning(
        "login failed",
        extra={
            "event": "login_failed",
            "username": str(credentials.get("username", ""))[:150],
            "ip": _client_address(request),
        },
    )


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs) -> None:
    logger.info(
        "login",
        extra={"event": "login", "user_id": user.pk, "ip": _client_address(request)},
    )
