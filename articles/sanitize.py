"""Server-side cleaning of the rich text editors write in CKEditor.

CKEditor 4's own content filter runs in the editor's browser and can be
bypassed by anyone who can post the admin form, so the body is cleaned again
here, before it is stored, with an allow-list of what the editor produces.
"""

import nh3

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
