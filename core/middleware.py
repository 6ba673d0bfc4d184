from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import translation

from core.http import request_charset_refused

type GetResponse = Callable[[HttpRequest], HttpResponseBase]


class ChosenLanguageMiddleware:
    """Vietnamese for everyone, unless the visitor chose another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would
    show a Vietnamese portal in English to anyone whose browser is set up in
    English. Here only an explicit choice (the language cookie set by the
    language links in the footer) changes it.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class MethodNotAllowedPageMiddleware:
    """Gives Django's bodiless 405 responses a page in the reader's language.

    ``require_POST``, generic views and the rest answer a wrong method with an
    empty body, which a browser shows as a blank page. Mending it here covers
    every view at once. An app may offer its own wording as
    ``<app>/method_not_allowed.html``; the rest get ``405.html``.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed) or response.content:
            return response
        match = request.resolver_match
        names = [f"{match.app_name}/method_not_allowed.html"] if match and match.app_name else []
        context = dict(match.kwargs) if match else {}
        page = render(request, [*names, "405.html"], context, status=405)
        page["Allow"] = response["Allow"]
        return page


class UnreadableCharsetMiddleware:
    """A 400 for a request that declares a charset we do not decode (see core/http.py).

    ``charset=rot13`` made Django fail with a LookupError, ``unicode_escape``
    let lone surrogates into forms and searches. Placed before anything reads
    the query string or the form, so no view, cache or CSRF check sees them.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request_charset_refused(request):
            # Answered by handler400 (core/errors.py), in Vietnamese.
            raise BadRequest("Unreadable charset in Content-Type.")
        return self.get_response(request)
