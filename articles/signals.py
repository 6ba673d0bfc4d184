"""Security log entries for logins, connected in ArticlesConfig.ready()."""

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("newsroom.security")


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
