from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class PrivateWhenMessagesShownMiddleware:
    """Keep a page that showed a one-off message (“your comment awaits moderation”) out of caches.

    The article page is otherwise the same for every reader and may be cached;
    the copy that carries one reader's message must not be served to the next.
    Pages that never look at their messages are left alone, so they stay
    cacheable and do not touch the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # ``used``: the messages were read, that is, shown on this page.
        if getattr(messages.get_messages(request), "used", False):
            add_never_cache_headers(response)  # private, no-cache, no-store
        return response
