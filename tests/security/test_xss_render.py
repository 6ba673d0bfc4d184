"""The XSS corpus through every page, without a browser: every field escaped, nothing
executable in the HTML.

The browser test (test_xss_browser.py) runs the pages in Chromium but can only
afford a selection of them; these tests read all of them as HTML — every article
page, every author and section page, every search and every typed comment shown
again — in a few seconds, on any machine.
"""

import json
import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles import search
from core.text import normalize_text, plain_text_from_html, search_words
from tests.security.xss_payloads import (
    KINDS,
    PAYLOADS,
    Field,
    Kind,
    marked,
    payloads,
    seed_newsroom,
)

pytestmark = pytest.mark.django_db

# Attributes whose value is only ever text to a browser.
TEXT_ATTRIBUTES = {"alt", "title", "value", "placeholder", "aria-label", "label", "content"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "background",
}
NEVER_IN_A_PAGE = {"iframe", "frame", "object", "embed", "applet", "base"}
MARKUP_CHARACTERS = set("<>&\"'")


class ExecutableMarkup(HTMLParser):
    """Collects whatever in a page could run script, or could only be a payload.

    The same rules as the browser test's DOM scan: no event handler attributes,
    no ``javascript:``/``vbscript:``/``data:`` URLs outside images, no frames,
    objects or ``<base>``, no ``meta refresh``, and the marker ``__x`` nowhere but
    in text and text-only attributes.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._raw_text_tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = f"<{tag} {' '.join(f'{n}={v!r}' for n, v in attrs)}>"[:200]
        if tag in NEVER_IN_A_PAGE or (tag == "meta" and any(n == "http-equiv" for n, _ in attrs)):
            self.findings.append(f"<{tag}>: {shown}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(f"event handler: {shown}")
            elif name in URL_ATTRIBUTES:
                scheme = _scheme(value)
                # Relative URLs (search links carry the query) are harmless.
                if scheme in {"javascript", "vbscript"} or (scheme == "data" and tag != "img"):
                    self.findings.append(f"{scheme}: URL: {shown}")
            elif name == "srcdoc" or ("__x" in value and name not in TEXT_ATTRIBUTES):
                self.findings.append(f"payload in {name}: {shown}")
        if tag == "script" and ("type", "application/ld+json") in attrs:
            # JSON-LD is data the browser never runs: it may quote a payload, but
            # must stay one JSON value that cannot close its element.
            self._raw_text_tag = "ld+json"
        elif tag in {"script", "style"}:
            self._raw_text_tag = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw_text_tag or (tag == "script" and self._raw_text_tag == "ld+json"):
            self._raw_text_tag = None

    def handle_data(self, data: str) -> None:
        if self._raw_text_tag == "ld+json":
            try:
                json.loads(data)
            except ValueError:
                self.findings.append(f"broken JSON-LD: {data[:200]!r}")
            if "<" in data:
                self.findings.append(f"markup in JSON-LD: {data[:200]!r}")
            return
        if self._raw_text_tag and any(m in data for m in ("__x", "x5f", "u005f", "&#95;", "atob")):
            self.findings.append(f"payload in <{self._raw_text_tag}>: {data[:200]!r}")


def _scheme(url: str) -> str:
    """The scheme a browser would see: it drops whitespace and control characters first."""
    cleaned = "".join(c for c in url if c > " " and c != "\x7f")
    scheme, colon, _ = cleaned.partition(":")
    return scheme.lower() if colon and scheme.isalnum() else ""


def executable_markup(page: str) -> list[str]:
    parser = ExecutableMarkup()
    parser.feed(page)
    parser.close()
    return parser.findings


JSON_LD = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)


def assert_shown_escaped(page: str, text: str, where: str) -> None:
    """``text`` appears escaped (line by line, as ``linebreaks`` splits it), never raw.

    JSON-LD blocks quote it JSON-escaped, which is their escaping; the parser
    above checks they stay valid JSON with no markup, so they are left out here.
    """
    page = JSON_LD.sub("", page)
    for line in filter(None, (line.strip() for line in text.split("\n"))):
        assert escape(line) in page, f"{where}: {line!r} not shown escaped"
    if MARKUP_CHARACTERS & set(text):
        assert text not in page, f"{where}: {text!r} shown raw"


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def site(now, settings):
    settings.COMMENTS_PER_PAGE = 500
    return seed_newsroom(now=now)


def test_corpus_has_over_a_hundred_distinct_payloads_that_fit_every_field():
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    assert len(KINDS) == len(PAYLOADS)
    longest = max(payloads(base=19_000), key=len)  # the longest IDs
    assert len(longest) <= 100, longest
    assert not any("\x00" in payload for payload in PAYLOADS)
    # Each payload carries its own ID, so a call says which payload ran.
    assert all(a != b for a, b in zip(payloads(base=1000), payloads(base=2000), strict=True))
    assert sum(kind == Kind.AUTO for kind in KINDS) >= 80


def test_every_article_page_shows_every_field_escaped(client, site):
    for article in site.articles:
        page = get(client, article.get_absolute_url())
        where = f"article {article.pk}"
        assert executable_markup(page) == [], where
        assert_shown_escaped(page, article.title, where)
        assert_shown_escaped(page, article.lead, where)
        assert f'<meta property="og:title" content="{escape(article.title)}">' in page, where
        for author in article.authors.all():
            assert_shown_escaped(page, author.name, where)


def test_the_hub_shows_every_photo_byline_and_comment_escaped(client, site):
    page = get(client, site.hub.get_absolute_url())
    assert executable_markup(page) == []
    for photo in site.photos:
        assert_shown_escaped(page, photo.caption, f"caption {photo.pk}")
        assert_shown_escaped(page, photo.credit, f"credit {photo.pk}")
        assert f'alt="{escape(photo.alt_text)}"' in page, f"alt {photo.pk}"
    for byline in site.bylines:
        assert_shown_escaped(page, byline.role, f"byline {byline.pk}")
    for comment in site.comments:
        for field in ("name", "title", "body"):
            assert_shown_escaped(page, getattr(comment, field), f"comment {comment.pk} {field}")
    assert page.count('<li class="comment"') == len(site.comments)


def test_lists_show_every_title_lead_name_and_bio_escaped(client, site, settings):
    pages = {"/": get(client, "/")}
    for section in site.sections:
        page = pages[section.get_absolute_url()] = get(client, section.get_absolute_url())
        assert_shown_escaped(page, section.name, f"section {section.pk}")
        assert_shown_escaped(page, section.description, f"section {section.pk}")
    for author in site.authors:
        page = pages[author.get_absolute_url()] = get(client, author.get_absolute_url())
        assert_shown_escaped(page, author.name, f"author {author.pk}")
        assert_shown_escaped(page, author.bio, f"author {author.pk}")
    first = client.get("/tim-kiem/?q=xss")
    for number in range(1, first.context["paginator"].num_pages + 1):
        pages[f"search {number}"] = get(client, f"/tim-kiem/?q=xss&page={number}")
    for url, page in pages.items():
        assert executable_markup(page) == [], url
    everything = "".join(pages.values())
    for article in site.articles:
        assert_shown_escaped(everything, article.title, f"article {article.pk}")
    # The search pages list results, each escaped: every article the search finds
    # (on PostgreSQL its parser, not search_words, decides what a word is in a
    # payload such as "/*<!--*/__xss(1006)/*-->*/").
    searched = "".join(page for url, page in pages.items() if url.startswith("search "))
    matching = list(search.search_articles(terms=search.search_terms(query="xss")))
    if connection.vendor == "sqlite":
        assert {
            a.pk
            for a in site.articles
            if "xss" in search_words(f"{a.title} {a.lead} {plain_text_from_html(a.body)}")
        } <= {a.pk for a in matching}
    assert len(matching) >= 10
    for article in matching:
        assert_shown_escaped(searched, article.title, f"search, article {article.pk}")


def test_search_words_and_typed_comments_come_back_escaped(client, site, settings):
    # Every payload is one more captcha for this one address (tests/comments/test_captcha_limit.py).
    settings.COMMENTS_CAPTCHAS_PER_WINDOW = 0
    article = site.articles[0]
    for query in marked(Field.SEARCH_QUERY):
        page = get(client, f"{reverse('articles:search')}?{urlencode({'q': query})}")
        assert executable_markup(page) == [], query
        assert f'value="{escape(query.strip())}"' in page, query
    fields = zip(
        marked(Field.TYPED_NAME), marked(Field.TYPED_TITLE), marked(Field.TYPED_BODY), strict=True
    )
    for name, title, body in fields:
        response = client.post(
            reverse("comments:form", args=[article.pk]),
            {"name": name, "title": title, "body": body, "phone": ""},
        )
        page = response.content.decode()
        assert response.status_code == 200, name
        assert executable_markup(page) == [], name
        for typed in (name, title, body):
            # Shown as the form keeps it: NFC, control characters removed.
            assert_shown_escaped(page, normalize_text(typed), "typed comment")


def test_a_refused_comment_comes_back_escaped(client, site):
    """The two refusals that show a reader's text again: a stale CSRF token, comments closed."""
    article, closed = site.articles[0], site.articles[1]
    closed.comments_closed = True
    closed.save(update_fields=["comments_closed"])
    stale = Client(enforce_csrf_checks=True)
    fields = zip(
        marked(Field.TYPED_NAME), marked(Field.TYPED_TITLE), marked(Field.TYPED_BODY), strict=True
    )
    for name, title, body in fields:
        typed = {"name": name, "title": title, "body": body, "phone": ""}
        expired = stale.post(reverse("comments:post", args=[article.pk]), typed)
        refused = client.post(reverse("comments:post", args=[closed.pk]), typed)
        for response, shown in ((expired, (name, title, body)), (refused, (title, body))):
            page = response.content.decode()
            assert response.status_code == 403, name
            assert executable_markup(page) == [], name
            for text in shown:
                assert_shown_escaped(page, normalize_text(text), f"refused {name!r}")


def test_admin_lists_and_forms_show_every_field_escaped(admin_client, site):
    pages = {}
    for url in [
        "/admin/",
        "/admin/articles/author/",
        "/admin/articles/section/",
        *(f"/admin/articles/article/?p={n}" for n in (1, 2)),
        *(f"/admin/comments/comment/?p={n}" for n in (1, 2, 3, 4)),
        f"/admin/articles/article/{site.hub.pk}/change/",
        *(f"/admin/articles/author/{a.pk}/change/" for a in site.authors),
        *(f"/admin/articles/section/{s.pk}/change/" for s in site.sections),
        *(f"/admin/comments/comment/{c.pk}/change/" for c in site.comments[::10]),
        *(f"/admin/articles/article/{a.pk}/change/" for a in site.articles[::10]),
        f"/admin/comments/comment/?{urlencode({'q': marked(Field.ADMIN_SEARCH)[0]})}",
    ]:
        pages[url] = get(admin_client, url)
        assert executable_markup(pages[url]) == [], url
    everything = "".join(pages.values())
    for article in site.articles:
        assert_shown_escaped(everything, article.title, f"article {article.pk}")
    for comment in [*site.comments, *site.pending]:
        assert_shown_escaped(everything, comment.name, f"comment {comment.pk}")
        assert_shown_escaped(everything, comment.title, f"comment {comment.pk}")
    for photo in site.photos:
        assert_shown_escaped(everything, photo.caption, f"photo {photo.pk}")
        assert f'alt="{escape(photo.alt_text)}"' in everything, f"photo {photo.pk}"
    for author in site.authors:
        assert_shown_escaped(everything, author.bio, f"author {author.pk}")


def test_scheme_reading_matches_browsers():
    assert _scheme("jav\tascript:x") == "javascript"
    assert _scheme("\x0ejavascript:x") == "javascript"
    assert _scheme(" JaVaScRiPt:x") == "javascript"
    assert _scheme("/media/a.jpg") == ""
    assert _scheme("https://ok.example/") == "https"
