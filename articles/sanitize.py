"""Server-side cleaning of the rich text editors write in CKEditor.

CKEditor 4's own content filter runs in the editor's browser and can be
bypassed by anyone who can post the admin form, so the body is cleaned again
here, before it is stored, with an allow-list of what the editor produces.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.http.request import validate_host

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark",
    "blockquote", "q", "cite", "abbr", "code", "pre",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "div", "span",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "target"},
    "img": {"src", "alt", "width", "height", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "abbr": {"title"},
}

# Class names CKEditor's image2 plugin uses for alignment; nothing else may style
# content. (nh3 wants "class" left out of ALLOWED_ATTRIBUTES when it is listed here.)
ALLOWED_CLASSES = {
    "figure": {"image", "image-left", "image-center", "image-right"},
    "p": {"image-left", "image-center", "image-right"},
    "div": {"image-left", "image-center", "image-right"},
    "span": set(),
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_rich_text(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed.

    Scripts, styles and event handlers are dropped, and URLs keep only the
    schemes above (relative URLs such as ``/media/…`` stay), so ``javascript:``
    and ``data:`` links cannot reach a reader. Links get ``rel="noopener
    noreferrer"`` so an opened page cannot control the portal's tab.
    """
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def foreign_image_sources(html: str) -> list[str]:
    """The ``src`` of every image in ``html`` that lives on another site.

    The pages' Content-Security-Policy lets images load only from the site
    itself (``img-src 'self'``), so such an image would silently vanish for
    readers. Ours are relative URLs (``/media/…``), URLs on one of the site's
    own hosts, and anything under an absolute ``MEDIA_URL``. Meant for
    sanitised HTML, which is well-formed, so this parser reads it as nh3 wrote it.
    """
    parser = _ImageSources()
    parser.feed(html)
    parser.close()
    return [src for src in parser.sources if not _is_our_image(src)]


class _ImageSources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources += [value for name, value in attrs if name == "src" and value]


def _is_our_image(src: str) -> bool:
    if urlsplit(settings.MEDIA_URL).netloc and src.startswith(settings.MEDIA_URL):
        return True
    # As browsers read it: "/\\host/…" and "//host/…" are on another host.
    url = urlsplit(src.strip().replace("\\", "/"))
    if not url.scheme and not url.netloc:
        return True
    return url.scheme in ("http", "https", "") and bool(
        url.hostname and validate_host(url.hostname, settings.ALLOWED_HOSTS)
    )
