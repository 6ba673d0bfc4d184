"""The one place the site relaxes its Content-Security-Policy: CKEditor 4.

CKEditor 4 builds its toolbar with inline ``onclick`` handlers and ``style``
attributes, and its image dialog answers uploads with an inline script. None of
that can carry a nonce, so the pages that load the editor (the article add and
change forms) and the editor's upload/browse responses allow inline script and
style. Everything else — public pages and the rest of the admin — keeps the
strict policy in settings.SECURE_CSP. The body the editor produces is sanitised
on the server, so what it renders for readers never needs this exception.
"""

from collections.abc import Collection

from django.conf import settings
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

CKEDITOR_CSP: dict[str, Collection[str] | str] = {
    **settings.SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    # The editing area is an about:blank iframe; the upload dialog posts to a frame.
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}


# Django's own decorator, for the views that load or answer the editor.
ckeditor_csp = csp_override(CKEDITOR_CSP)
