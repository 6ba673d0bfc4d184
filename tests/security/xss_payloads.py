"""A corpus of real cross-site scripting payloads, for the XSS tests.

Each payload, if it ever runs, calls ``window.__xss(ID)`` and nothing else, so
a test can install that function and assert it was never called. ``PAYLOADS``
numbers them from 0; ``payloads(base)`` makes the same corpus with IDs
``base + index``, so a test that puts the corpus in several fields can tell
from the ID alone which field a payload ran from (``ID // 1000`` is the field,
``ID % 1000`` the payload).

The payloads follow the families of the OWASP XSS filter-evasion cheat sheet
and PortSwigger's XSS cheat sheet, written out here with the marker call.
``KINDS`` says how each one runs when it lands unescaped in a page, and the
browser test checks that claim against Chromium, so a payload that can no
longer run cannot make the corpus look stronger than it is:

* ``AUTO`` runs as soon as the HTML is parsed (event handlers that fire on
  load or error, scripts, mutation-XSS and markup breakouts);
* ``INTERACTION`` needs the reader to click or hover (``javascript:`` links,
  forms, mouse handlers);
* ``CONTEXT`` is inert as HTML text but runs in a context a template or a
  script might create: inside an attribute, a JavaScript string, an
  Angular-style template, after a second decoding or Unicode folding;
* ``LEGACY`` ran in older browsers (CSS ``expression()``, ``vbscript:``,
  ``javascript:`` in CSS or ``meta refresh``) and still reaches filters.

All payloads are at most 100 characters (comment names and section names are
``max_length=100``) and contain no NUL, which PostgreSQL refuses in text.

``seed_newsroom`` puts the corpus into every field readers and editors fill,
for the browser test and the render test to look at.
"""

import base64
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum

from django.conf import settings

from articles import services
from articles.models import Article, Author, Byline, Photo, Section
from comments.models import Comment
from tests.factories import CommentFactory, PhotoFactory


class Kind(StrEnum):
    AUTO = "auto"
    INTERACTION = "interaction"
    CONTEXT = "context"
    LEGACY = "legacy"


CALL = "$CALL"  # replaced by the marker call, e.g. ``__xss(17)``


def _decimal_entities(text: str) -> str:
    return "".join(f"&#{ord(c)};" for c in text)


def _hex_entities(text: str) -> str:
    return "".join(f"&#x{ord(c):x};" for c in text)


def _js_escaped(call: str) -> str:
    """``__xss(1)`` with the identifier written as JavaScript Unicode escapes."""
    return call.replace("__x", "\\u005f\\u005f\\u0078", 1)


def _hex_escaped(call: str) -> str:
    """``__xss(1)`` as a JavaScript string literal body with \\x escapes."""
    return call.replace("__", "\\x5f\\x5f", 1)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _name_built_at_run_time(call: str, owner: str) -> str:
    """``window['__x'+'ss'](17)``: the marker's name never appears whole."""
    name, _, arguments = call.partition("(")
    return f"{owner}['{name[:3]}'+'{name[3:]}']({arguments}"


def _parentheses_as_entities(call: str) -> str:
    """``__xss&lpar;17&rpar;``, decoded by the HTML parser before the handler runs."""
    return call.replace("(", "&lpar;").replace(")", "&rpar;")


Template = str | Callable[[str], str]

_CORPUS: list[tuple[Kind, Template]] = [
    # --- <script> in many spellings ---------------------------------------------------------
    (Kind.AUTO, "<script>$CALL</script>"),
    (Kind.AUTO, "<SCRIPT>$CALL</SCRIPT>"),
    (Kind.AUTO, "<ScRiPt>$CALL</sCrIpT>"),
    (Kind.AUTO, '<script type="text/javascript">$CALL</script>'),
    (Kind.AUTO, "<script type=module>$CALL</script>"),
    (Kind.AUTO, "<script\n>$CALL</script\n>"),
    (Kind.AUTO, "<script>/*<!--*/$CALL/*-->*/</script>"),
    (Kind.AUTO, "<script src=data:,$CALL></script>"),
    (Kind.AUTO, lambda c: f'<script src="data:text/javascript;base64,{_b64(c)}"></script>'),
    (Kind.AUTO, "<<script>$CALL//<</script>"),
    (Kind.CONTEXT, "<scr<script>ipt>$CALL</scr</script>ipt>"),
    (Kind.AUTO, lambda c: f"<script>eval('{_hex_escaped(c)}')</script>"),
    (Kind.AUTO, lambda c: f"<script>{_name_built_at_run_time(c, 'window')}</script>"),
    (Kind.AUTO, "<script>setTimeout('$CALL')</script>"),
    (Kind.AUTO, "<script>Function('$CALL')()</script>"),
    (Kind.AUTO, lambda c: f"<script>{_js_escaped(c)}</script>"),
    (Kind.AUTO, "<svg><script>$CALL</script></svg>"),
    (Kind.AUTO, lambda c: f"<svg><script>{_decimal_entities(c[:2])}{c[2:]}</script></svg>"),
    (Kind.AUTO, '<svg><script href="data:,$CALL"/></svg>'),
    # --- <img> and other elements with load/error handlers ----------------------------------
    (Kind.AUTO, "<img src=x onerror=$CALL>"),
    (Kind.AUTO, "<IMG SRC=x ONERROR=$CALL>"),
    (Kind.AUTO, '<img src="x" onerror="$CALL">'),
    (Kind.AUTO, "<img src='x' onerror='$CALL'>"),
    (Kind.AUTO, '<img/src="x"/onerror=$CALL>'),
    (Kind.AUTO, '<img src="x"onerror="$CALL">'),
    (Kind.AUTO, "<img\nsrc=x\nonerror=$CALL>"),
    (Kind.AUTO, "<img\x0csrc=x\x0conerror=$CALL>"),
    (Kind.AUTO, "<img src=x onerror\n=$CALL>"),
    (Kind.AUTO, lambda c: f'<img src=x onerror="{_decimal_entities(c[:2])}{c[2:]}">'),
    (Kind.AUTO, lambda c: f"<img src=x onerror={_hex_entities(c)}>"),
    (Kind.AUTO, lambda c: f'<img src=x onerror="{_parentheses_as_entities(c)}">'),
    (Kind.AUTO, '<img src=x onerror="javascript:$CALL">'),
    (Kind.AUTO, lambda c: f"<img src=x onerror=eval(atob('{_b64(c)}'))>"),
    (Kind.AUTO, lambda c: f"<img src=x onerror={_name_built_at_run_time(c, 'self')}>"),
    (Kind.AUTO, lambda c: f"<img src=x onerror={_js_escaped(c)}>"),
    (Kind.AUTO, "<image src=x onerror=$CALL>"),
    (Kind.AUTO, "<img src=x onerror=$CALL//"),
    (Kind.AUTO, '<img """><script>$CALL</script>">'),
    (Kind.AUTO, "<<img src=x onerror=$CALL>>"),
    (Kind.AUTO, "<img srcset=x onerror=$CALL>"),
    (Kind.AUTO, "<input type=image src=x onerror=$CALL>"),
    (Kind.AUTO, "<picture><source srcset=x><img onerror=$CALL></picture>"),
    (Kind.AUTO, "<video src=x onerror=$CALL></video>"),
    (Kind.AUTO, "<video><source onerror=$CALL></video>"),
    (Kind.AUTO, "<audio src=x onerror=$CALL></audio>"),
    (Kind.AUTO, "<body onload=$CALL>"),
    (Kind.AUTO, "<body onpageshow=$CALL>"),
    (Kind.AUTO, "<details open ontoggle=$CALL>"),
    (Kind.AUTO, "<details/open/ontoggle=$CALL>"),
    (Kind.LEGACY, "<marquee onstart=$CALL>tin nóng</marquee>"),
    (Kind.AUTO, "<style onload=$CALL></style>"),
    (Kind.AUTO, "<link rel=stylesheet href=data:, onload=$CALL>"),
    (Kind.AUTO, "<input autofocus onfocus=$CALL>"),
    (Kind.AUTO, "<select autofocus onfocus=$CALL></select>"),
    (Kind.AUTO, "<div contenteditable autofocus onfocus=$CALL>x</div>"),
    (Kind.CONTEXT, "<frameset onload=$CALL>"),
    (Kind.AUTO, "Bài hay quá!<img src=x onerror=$CALL>"),
    # --- SVG and MathML ---------------------------------------------------------------------
    (Kind.AUTO, "<svg onload=$CALL>"),
    (Kind.AUTO, "<svg/onload=$CALL>"),
    (Kind.AUTO, "<SVG ONLOAD=$CALL>"),
    (Kind.AUTO, "<svg onload=$CALL//"),
    (Kind.AUTO, "<svg><animate onbegin=$CALL attributeName=x dur=1s>"),
    (Kind.AUTO, "<svg><set onbegin=$CALL attributeName=x to=0>"),
    (Kind.AUTO, "<svg><animatetransform onbegin=$CALL attributeName=transform>"),
    (Kind.LEGACY, "<svg><discard onbegin=$CALL>"),
    (Kind.AUTO, "<svg><image href=x onerror=$CALL>"),
    (Kind.AUTO, "<svg><foreignObject><img src=x onerror=$CALL></foreignObject></svg>"),
    (Kind.LEGACY, "<svg><set attributeName=onmouseover to=$CALL>"),
    (Kind.INTERACTION, '<svg><a xlink:href="javascript:$CALL"><text y=9>x</text></a></svg>'),
    (Kind.INTERACTION, "<svg><a><animate attributeName=href values=javascript:$CALL />x</a></svg>"),
    (Kind.LEGACY, '<math><mi href="javascript:$CALL">x</mi></math>'),
    (Kind.LEGACY, '<math><maction actiontype=statusline xlink:href="javascript:$CALL">x'),
    # --- frames, objects, embeds ------------------------------------------------------------
    (Kind.AUTO, "<iframe onload=$CALL></iframe>"),
    (Kind.AUTO, '<iframe srcdoc="<img src=x onerror=$CALL>"></iframe>'),
    (Kind.AUTO, "<iframe src=javascript:$CALL></iframe>"),
    (Kind.AUTO, lambda c: f'<iframe src="{_hex_entities("javascript")}:{c}"></iframe>'),
    (Kind.AUTO, '<iframe src="data:text/html,<script>$CALL</script>"></iframe>'),
    (Kind.AUTO, '<object data="data:text/html,<script>$CALL</script>"></object>'),
    (Kind.AUTO, '<embed src="data:text/html,<script>$CALL</script>">'),
    (Kind.LEGACY, '<object data="javascript:$CALL"></object>'),
    (Kind.LEGACY, '<embed src="javascript:$CALL">'),
    (
        Kind.AUTO,
        "<object data=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'"
        " onload='$CALL'/>\">",
    ),
    # --- mutation XSS and raw-text breakouts ------------------------------------------------
    (Kind.AUTO, '<noscript><p title="</noscript><img src=x onerror=$CALL>">'),
    (Kind.AUTO, '<xmp><p title="</xmp><img src=x onerror=$CALL>">'),
    (Kind.AUTO, '<noembed><p title="</noembed><img src=x onerror=$CALL>">'),
    (Kind.AUTO, '<noframes><p title="</noframes><img src=x onerror=$CALL>">'),
    (Kind.AUTO, '<svg></p><style><a id="</style><img src=1 onerror=$CALL>">'),
    (Kind.AUTO, '<!--<img src="--><img src=x onerror=$CALL//">'),
    (Kind.AUTO, "<![CDATA[><img src=x onerror=$CALL>]]>"),
    (Kind.AUTO, "<?xml ?><img src=x onerror=$CALL>"),
    (Kind.CONTEXT, "<math><mtext><table><mglyph><style><img src=x onerror=$CALL>"),
    (Kind.CONTEXT, "<form><math><mtext></form><form><mglyph><style></math><img src onerror=$CALL>"),
    (Kind.CONTEXT, "<svg><p><style><img src=x onerror=$CALL>"),
    (Kind.CONTEXT, "<title><img src=x onerror=$CALL></title>"),
    (Kind.CONTEXT, "<a <img src=x onerror=$CALL>>"),
    (Kind.CONTEXT, "<img src=x on\u200berror=$CALL>"),
    # --- breaking out of attributes, raw text, comments and scripts -------------------------
    (Kind.AUTO, '"><img src=x onerror=$CALL>'),
    (Kind.AUTO, "'><img src=x onerror=$CALL>"),
    (Kind.AUTO, '"><svg/onload=$CALL>'),
    (Kind.AUTO, '"/><script>$CALL</script>'),
    (Kind.AUTO, "</script><script>$CALL</script>"),
    (Kind.AUTO, "</title><svg onload=$CALL>"),
    (Kind.AUTO, "</textarea><img src=x onerror=$CALL>"),
    (Kind.AUTO, "</style><script>$CALL</script>"),
    (Kind.AUTO, "</noscript><img src=x onerror=$CALL>"),
    (Kind.AUTO, "</option></select><img src=x onerror=$CALL>"),
    (Kind.AUTO, "--><script>$CALL</script>"),
    (Kind.AUTO, "]]><img src=x onerror=$CALL>"),
    (Kind.AUTO, "'\"--></title></style></textarea></script><svg onload=$CALL>"),
    (
        Kind.AUTO,
        "javascript:/*--></textarea></script><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+$CALL//'>",
    ),
    (Kind.AUTO, "data:text/html,<script>$CALL</script>"),
    (Kind.CONTEXT, '" autofocus onfocus="$CALL'),
    (Kind.CONTEXT, "' autofocus onfocus='$CALL"),
    (Kind.CONTEXT, '" onmouseover="$CALL" x="'),
    (Kind.CONTEXT, "'-$CALL-'"),
    (Kind.CONTEXT, '";$CALL;//'),
    (Kind.CONTEXT, '\\";$CALL;//'),
    (Kind.CONTEXT, "${$CALL}"),
    (Kind.CONTEXT, "{{constructor.constructor('$CALL')()}}"),
    (Kind.CONTEXT, "{{$on.constructor('$CALL')()}}"),
    (Kind.CONTEXT, "javascript:$CALL"),
    (Kind.CONTEXT, "[bấm vào đây](javascript:$CALL)"),
    # --- encodings that only run after a second decoding or a Unicode fold ------------------
    (Kind.CONTEXT, "&lt;script&gt;$CALL&lt;/script&gt;"),
    (Kind.CONTEXT, "&#60;img src=x onerror=$CALL&#62;"),
    (Kind.CONTEXT, "%3Cscript%3E$CALL%3C%2Fscript%3E"),
    (Kind.CONTEXT, "\\x3cimg src=x onerror=$CALL\\x3e"),
    (Kind.CONTEXT, "\\u003cimg src=x onerror=$CALL\\u003e"),
    (Kind.CONTEXT, "＜script＞$CALL＜/script＞"),
    (Kind.LEGACY, "+ADw-script+AD4-$CALL+ADw-/script+AD4-"),
    # --- javascript: URLs, plain and disguised ----------------------------------------------
    (Kind.INTERACTION, '<a href="javascript:$CALL">bấm vào đây</a>'),
    (Kind.INTERACTION, "<a href=javascript:$CALL>x</a>"),
    (Kind.INTERACTION, '<a href="JaVaScRiPt:$CALL">x</a>'),
    (Kind.INTERACTION, '<a href=" javascript:$CALL">x</a>'),
    (Kind.INTERACTION, '<a href="jav&#x09;ascript:$CALL">x</a>'),
    (Kind.INTERACTION, '<a href="jav&#x0A;ascript:$CALL">x</a>'),
    (Kind.INTERACTION, '<a href="jav\tascript:$CALL">x</a>'),
    (Kind.INTERACTION, '<a href="java\nscript:$CALL">x</a>'),
    (Kind.INTERACTION, '<a href="&#14;javascript:$CALL">x</a>'),
    (Kind.INTERACTION, lambda c: f'<a href="{_decimal_entities("javascript:")}{c}">x</a>'),
    (Kind.INTERACTION, lambda c: f'<a href="{_hex_entities("javascript:")}{c}">x</a>'),
    (Kind.INTERACTION, '<a href="&#0000106&#0000097&#0000118&#0000097script:$CALL">x</a>'),
    (Kind.INTERACTION, '<a href="javascript&colon;$CALL">x</a>'),
    (Kind.INTERACTION, '<a href="javascript&#58;$CALL">x</a>'),
    (Kind.INTERACTION, '<a href="java&Tab;script:$CALL">x</a>'),
    (Kind.INTERACTION, '<a href="javascript://%0a$CALL">x</a>'),
    (Kind.INTERACTION, '<a href="https://ok.example/" onclick="$CALL">đọc thêm</a>'),
    (Kind.INTERACTION, '<a href="#" onmouseover="$CALL">x</a>'),
    (Kind.INTERACTION, '<div style="position:fixed;inset:0" onmouseover="$CALL"></div>'),
    (Kind.INTERACTION, "<button onclick=$CALL>Gửi</button>"),
    (Kind.INTERACTION, '<form action="javascript:$CALL"><input type=submit></form>'),
    (Kind.INTERACTION, "<form><button formaction=javascript:$CALL>x</button></form>"),
    (Kind.INTERACTION, "<x onclick=$CALL>bấm</x>"),
    (Kind.LEGACY, '<a href="vbscript:$CALL">x</a>'),
    (
        Kind.INTERACTION,
        lambda c: f'<a href="data:text/html;base64,{_b64(f"<script>{c}</script>")}">x</a>',
    ),
    (Kind.LEGACY, '<base href="javascript:$CALL//"><a href=x>x</a>'),
    # --- CSS, meta refresh and other legacy vectors ------------------------------------------
    (Kind.LEGACY, '<div style="width:expression($CALL)">x</div>'),
    (Kind.LEGACY, '<div style="xss:expr/**/ession($CALL)">x</div>'),
    (Kind.LEGACY, '<div style="x:\\65xpression($CALL)">x</div>'),
    (Kind.LEGACY, '<div style="background:url(javascript:$CALL)">x</div>'),
    (Kind.LEGACY, '<p style="background:url(&quot;javascript:$CALL&quot;)">x</p>'),
    (Kind.LEGACY, "<style>*{x:expression($CALL)}</style>"),
    (Kind.LEGACY, "<style>@import 'javascript:$CALL';</style>"),
    (Kind.LEGACY, '<style>body{background:url("javascript:$CALL")}</style>'),
    (Kind.LEGACY, '<link rel=stylesheet href="javascript:$CALL">'),
    (Kind.LEGACY, '<meta http-equiv="refresh" content="0;url=javascript:$CALL">'),
    (Kind.LEGACY, '<table background="javascript:$CALL"><tr><td>x</td></tr></table>'),
    (Kind.LEGACY, '<img src="javascript:$CALL">'),
    (Kind.LEGACY, '<img dynsrc="javascript:$CALL">'),
    (Kind.LEGACY, '<bgsound src="javascript:$CALL">'),
    (Kind.LEGACY, '<img src="data:image/svg+xml,<svg onload=$CALL>">'),
    (Kind.LEGACY, "<isindex type=image src=x onerror=$CALL>"),
]


def _render(template: Template, call: str) -> str:
    return template(call) if callable(template) else template.replace(CALL, call)


def payloads(base: int = 0) -> list[str]:
    """The corpus with marker IDs ``base + index``."""
    return [_render(template, f"__xss({base + i})") for i, (_, template) in enumerate(_CORPUS)]


PAYLOADS: list[str] = payloads()
KINDS: list[Kind] = [kind for kind, _ in _CORPUS]


# --- The corpus in a newsroom ----------------------------------------------------------------


class Field(IntEnum):
    """Where a payload was put; its marker IDs are ``1000 * field + index``."""

    ARTICLE_TITLE = 1
    ARTICLE_LEAD = 2
    ARTICLE_BODY = 3
    PHOTO_CAPTION = 4
    PHOTO_CREDIT = 5
    PHOTO_ALT = 6
    AUTHOR_NAME = 7
    AUTHOR_BIO = 8
    BYLINE_ROLE = 9
    COMMENT_NAME = 10
    COMMENT_TITLE = 11
    COMMENT_BODY = 12
    SECTION_NAME = 13
    SECTION_DESCRIPTION = 14
    SEARCH_QUERY = 15
    TYPED_NAME = 16
    TYPED_TITLE = 17
    TYPED_BODY = 18
    ADMIN_SEARCH = 19


def marked(field: Field) -> list[str]:
    """The corpus with the IDs of ``field``."""
    return payloads(base=1000 * field)


def describe(marker_id: object) -> str:
    """``"comment_title #17: '<img src=x onerror=__xss(11017)>'"`` for a marker ID."""
    try:
        field, index = divmod(int(str(marker_id)), 1000)
        if field == 0:
            return f"payload #{index}: {PAYLOADS[index]!r}"
        return f"{Field(field).name.lower()} #{index}: {marked(Field(field))[index]!r}"
    except (ValueError, IndexError):
        return f"unknown marker {marker_id!r}"


BIO_MAX_LENGTH = 1000  # Author.bio's form limit
ROLE_MAX_LENGTH = 50  # Byline.role


@dataclass(frozen=True)
class PayloadNewsroom:
    """A newsroom whose every reader- or editor-written text is a payload.

    ``articles[i]`` carries payload ``i`` in its title, lead and body and
    ``comments[i]`` in its name, title and body; the hub article shows every
    photo, every comment and a byline per role, and quotes every body.
    """

    hub: Article
    articles: list[Article]
    sections: list[Section]
    authors: list[Author]
    photos: list[Photo]
    bylines: list[Byline]
    comments: list[Comment]
    pending: list[Comment]


def _pack(texts: list[str], limit: int) -> list[str]:
    """Join ``texts`` with newlines into as few strings of at most ``limit`` as possible."""
    packed: list[str] = []
    for text in texts:
        if packed and len(packed[-1]) + 1 + len(text) <= limit:
            packed[-1] = f"{packed[-1]}\n{text}"
        else:
            packed.append(text)
    return packed


def seed_newsroom(*, now: datetime, pending_count: int = 20) -> PayloadNewsroom:
    """Write the corpus into every field, through the services where they exist.

    Articles, sections and authors go through ``articles.services`` (so bodies
    are sanitised and text normalised as in the admin); photos and comments are
    written as stored, the worst case a page can meet.
    """
    count = len(PAYLOADS)
    per_page = settings.NEWSROOM_ARTICLES_PER_PAGE  # one page per section
    section_count = -(-count // per_page)
    names, descriptions = marked(Field.SECTION_NAME), marked(Field.SECTION_DESCRIPTION)
    sections = [
        services.section_save(
            section=Section(
                name=names[k * count // section_count],
                description=descriptions[(k * count // section_count + 1) % count],
                order=k + 1,
            )
        )
        for k in range(section_count)
    ]

    bios = _pack(marked(Field.AUTHOR_BIO), BIO_MAX_LENGTH)
    author_names = marked(Field.AUTHOR_NAME)
    authors = [
        services.author_save(author=Author(name=author_names[j * count // len(bios)], bio=bio))
        for j, bio in enumerate(bios)
    ]

    titles, leads, bodies = (
        marked(Field.ARTICLE_TITLE),
        marked(Field.ARTICLE_LEAD),
        marked(Field.ARTICLE_BODY),
    )
    articles = []
    for i in range(count):
        article = services.article_save(
            article=Article(
                title=titles[i],
                lead=leads[i],
                body=bodies[i],
                section=sections[i // per_page],
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=i + 2),
            )
        )
        Byline.objects.create(article=article, author=authors[i % len(authors)])
        articles.append(article)

    # One body per payload, sanitised on its own, then quoted together: sanitised
    # as one document, an unclosed <style> or <!-- early on would swallow the rest.
    hub = services.article_save(
        article=Article(
            title="Tổng hợp kiểm thử XSS",
            lead="Mọi mẫu tấn công trong một bài.",
            body="".join(f"<div>{article.body}</div>" for article in articles),
            section=services.section_save(section=Section(name="Tổng hợp", order=0)),
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=1),
        )
    )
    # A third of the payloads short enough for a role: each byline is an
    # autocomplete widget in the admin, and a hundred of them load slowly.
    roles = [role for role in marked(Field.BYLINE_ROLE) if len(role) <= ROLE_MAX_LENGTH][::3]
    bylines = [
        Byline.objects.create(article=hub, author=authors[k % len(authors)], role=role, order=k)
        for k, role in enumerate(roles)
    ]

    captions, credits, alts = (
        marked(Field.PHOTO_CAPTION),
        marked(Field.PHOTO_CREDIT),
        marked(Field.PHOTO_ALT),
    )
    photos = []
    for i in range(count):
        photo = PhotoFactory(
            article=hub, caption=captions[i], credit=credits[i], alt_text=alts[i], order=i
        )
        if i % 40 == 0:  # some with <picture> and srcset, the rest a plain <img>
            services.photo_renditions_build(photo=photo)
        photos.append(photo)

    comment_fields = (
        marked(Field.COMMENT_NAME),
        marked(Field.COMMENT_TITLE),
        marked(Field.COMMENT_BODY),
    )
    comments = [
        CommentFactory(article=hub, name=name, title=title, body=body, status="approved")
        for name, title, body in zip(*comment_fields, strict=True)
    ]
    # Waiting comments put article titles in the moderation filter of the admin.
    pending = [
        CommentFactory(article=articles[i], name=name, title=title, body=body)
        for i, (name, title, body) in enumerate(
            list(zip(*comment_fields, strict=True))[:pending_count]
        )
    ]
    return PayloadNewsroom(
        hub=hub,
        articles=articles,
        sections=sections,
        authors=authors,
        photos=photos,
        bylines=bylines,
        comments=comments,
        pending=pending,
    )
