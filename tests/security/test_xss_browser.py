"""The XSS corpus in every field readers and editors fill, on every page that shows it,
in a real Chromium: no payload runs, on the public site or in the admin.

Each payload calls ``window.__xss(ID)`` if it runs (tests/security/xss_payloads.py).
``HOOKS`` defines that function in every frame; it records the call in
``window.__xssCalls`` and reports it to the test through a Playwright binding, which
also reaches the test from frames and from pages already left. ``alert``,
``confirm`` and ``prompt`` are hooked the same way.

The site's Content-Security-Policy would block most injected scripts by itself, so
the main sweep runs with the policy switched off in the browser (``bypass_csp``):
what it tests is the escaping and the sanitiser. A short second sweep keeps the
policy and checks that the densest pages raise no CSP violation either.

A payload that needs a click or a hover does not run on its own, so after every
page the DOM of every frame is also searched for markup a payload could only have
put there (an event handler, a ``javascript:`` URL, a script, style, frame or
``<base>``), and the page is checked to show the stored text verbatim, so that an
error page or an empty list cannot pass.

Skipped when Debian's Chromium is not installed, unless NEWSROOM_REQUIRE_BROWSER=1.
"""

import html
import time
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils.text import Truncator
from playwright.sync_api import Page

from articles import search, selectors
from articles.models import Article, Author, Section
from tests.factories import UserFactory
from tests.security.xss_payloads import (
    KINDS,
    PAYLOADS,
    Field,
    Kind,
    PayloadNewsroom,
    describe,
    marked,
    seed_newsroom,
)

pytestmark = pytest.mark.browser

# Installed before any page script, in every frame.
HOOKS = """
(() => {
  const report = (kind, detail) => {
    const entry = {kind, detail: String(detail), url: String(location.href)};
    try { (window.__xssCalls = window.__xssCalls || []).push(entry); } catch (e) {}
    try { window.__xssReport(entry); } catch (e) {}
  };
  Object.defineProperty(window, "__xss", {value: (id) => report("marker", id)});
  for (const name of ["alert", "confirm", "prompt"]) {
    try { Object.defineProperty(window, name, {value: (m) => report(name, m)}); } catch (e) {}
  }
  document.addEventListener("securitypolicyviolation", (e) =>
    report("csp", `${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
      + ` at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
})();
"""

# Markup in a page's DOM that only an injected payload could have put there,
# searched through the page and every same-origin frame in it (CKEditor's editing
# area, srcdoc and about:blank frames); a cross-origin frame is itself a finding.
# CKEditor's own toolbar (inside .cke) is the one place the admin uses inline
# handlers and javascript:void(…) links.
SCAN = r"""
() => {
  const TEXT_ATTRIBUTES = new Set(["alt", "title", "value", "placeholder", "aria-label",
                                   "label", "content"]);
  const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "data", "xlink:href",
                                  "poster", "background", "codebase", "dynsrc", "lowsrc"]);
  const FRAMES = new Set(["iframe", "frame", "object", "embed", "applet"]);
  const findings = [];
  const show = (el) => el.outerHTML.slice(0, 200);
  const editorChrome = (el) => el.closest(".cke") !== null;
  const scan = (doc) => {
    for (const el of doc.querySelectorAll("*")) {
      const tag = el.localName;
      for (const {name, value} of el.attributes) {
        const lower = name.toLowerCase();
        if (lower.startsWith("on")) {
          if (!editorChrome(el)) findings.push(`event handler ${lower}: ${show(el)}`);
        } else if (URL_ATTRIBUTES.has(lower)) {
          let scheme = "";
          try { scheme = new URL(value, doc.baseURI).protocol; } catch (e) {}
          const allowedVoid = editorChrome(el) && /^javascript:void\(/.test(value.trim());
          if ((scheme === "javascript:" || scheme === "vbscript:") && !allowedVoid) {
            findings.push(`${scheme} URL in ${lower}: ${show(el)}`);
          } else if (scheme === "data:" && tag !== "img" && tag !== "source") {
            findings.push(`data: URL in ${lower}: ${show(el)}`);
          } else if (
            /__x/.test(value) && !["http:", "https:", "mailto:"].includes(scheme)
          ) {
            // A mailto: link (the share bar's email) only fills in a message; nothing runs.
            findings.push(`payload in ${lower}: ${show(el)}`);
          }
        } else if (lower === "srcdoc" || (/__x/.test(value) && !TEXT_ATTRIBUTES.has(lower))) {
          findings.push(`payload in attribute ${lower}: ${show(el)}`);
        }
      }
      // JSON-LD is data the browser never runs: it may quote a payload, but must
      // stay one JSON value (a payload that broke out would be a script of its own).
      const dataBlock = tag === "script" && el.type === "application/ld+json";
      if (dataBlock) {
        try { JSON.parse(el.textContent); } catch (e) {
          findings.push(`broken JSON-LD: ${show(el)}`);
        }
      } else if ((tag === "script" || tag === "style")
          && /__x|x5f|u005f|&#95;|atob/.test(el.textContent)) {
        findings.push(`payload in <${tag}>: ${show(el)}`);
      }
      if (tag === "script" && el.src && new URL(el.src).origin !== location.origin) {
        findings.push(`foreign script: ${show(el)}`);
      }
      if (tag === "base" || (tag === "meta" && el.hasAttribute("http-equiv"))) {
        findings.push(`<${tag}> in the page: ${show(el)}`);
      }
      if (FRAMES.has(tag)) {
        if (!(tag === "iframe" && /\bcke_/.test(el.className))) {
          findings.push(`<${tag}> in the page: ${show(el)}`);
        }
        let inner = null;
        try { inner = el.contentDocument; } catch (e) {}
        if (inner) scan(inner);
      }
    }
  };
  scan(document);
  return findings;
}
"""


def same_text(shown: str | None, stored: str) -> bool:
    """Whether a page shows ``stored`` as text, whitespace aside.

    Inputs drop newlines and HTML collapses runs of spaces; markup that had been
    interpreted instead of escaped would lose its tags, which this still sees.
    """
    return shown is not None and "".join(shown.split()) == "".join(stored.split())


def assert_texts(shown: list[str | None], stored: list[str], what: str) -> None:
    assert len(shown) == len(stored), f"{what}: {len(shown)} shown, {len(stored)} expected"
    for position, (got, expected) in enumerate(zip(shown, stored, strict=True)):
        assert same_text(got, expected), f"{what} #{position}: shows {got!r}, stored {expected!r}"


def texts(page: Page, selector: str) -> list[str]:
    return page.locator(selector).all_text_contents()


def attributes(page: Page, selector: str, name: str) -> list[str | None]:
    return page.locator(selector).evaluate_all(
        "(elements, name) => elements.map((e) => e.getAttribute(name))", name
    )


def values(page: Page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("(elements) => elements.map((e) => e.value)")


def inline_values(page: Page, prefix: str, field: str) -> list[str]:
    """Values of ``<prefix>-<n>-<field>`` in an admin inline, without the blank extra form."""
    found = page.evaluate(
        """([prefix, field]) => [...document.querySelectorAll("[name]")]
             .filter((e) => new RegExp(`^${prefix}-\\\\d+-${field}$`).test(e.name))
             .map((e) => e.value)""",
        [prefix, field],
    )
    return [value for value in found if value]


class Sweep:
    """One browser context that visits pages and collects everything that went wrong."""

    QUIET_SECONDS = 0.3

    def __init__(self, browser, base_url: str, *, bypass_csp: bool, session: str | None = None):
        self.base_url = base_url
        self.context = browser.new_context(base_url=base_url, locale="vi-VN", bypass_csp=bypass_csp)
        self.reports: list[dict] = []
        self.context.expose_binding("__xssReport", lambda source, entry: self.reports.append(entry))
        self.context.add_init_script(HOOKS)
        # Hermetic: a payload's image or frame on another host (xss.test, evil.example) is
        # refused at once. Left to the network it can hang until the browser gives up, and
        # CKEditor's editing frame is not ready before every resource in the body settled.
        self.context.route(
            lambda url: urlsplit(url).netloc != urlsplit(base_url).netloc,
            lambda route: route.abort(),
        )
        if session:
            self.context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
            )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.on("dialog", self._dialog)
        self.in_flight: set = set()
        self.last_activity = time.monotonic()
        self.page.on("request", self._request_started)
        self.page.on("requestfinished", self._request_ended)
        self.page.on("requestfailed", self._request_ended)
        self.problems: list[str] = []
        self.visited: list[str] = []

    def _dialog(self, dialog) -> None:
        self.reports.append({"kind": "dialog", "detail": dialog.message, "url": self.page.url})
        dialog.dismiss()

    def _request_started(self, request) -> None:
        self.in_flight.add(request)
        self.last_activity = time.monotonic()

    def _request_ended(self, request) -> None:
        self.in_flight.discard(request)
        self.last_activity = time.monotonic()

    def settle(self) -> None:
        """Wait until the network has been idle for QUIET_SECONDS.

        Error and load handlers, toggles and SVG animations fire within that
        window after the last image, frame or media request.
        """
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (
            self.in_flight or time.monotonic() - self.last_activity < self.QUIET_SECONDS
        ):
            self.page.wait_for_timeout(25)

    def visit(
        self,
        url: str,
        check: Callable[[Page], None],
        *,
        post: dict[str, str] | None = None,
        ready: Callable[[Page], None] | None = None,
    ) -> None:
        """Load ``url`` (POSTing ``post`` if given), let it settle, then look for trouble."""
        reported = len(self.reports)
        if post is not None:
            self.page.route(
                self.base_url + url,
                lambda route: route.continue_(
                    method="POST",
                    post_data=urlencode(post),
                    headers={
                        **route.request.headers,
                        "content-type": "application/x-www-form-urlencoded",
                    },
                ),
                times=1,
            )
        response = self.page.goto(url)
        self.visited.append(url)
        if response is None or response.status != 200:
            self.problems.append(f"{url}: status {response and response.status}")
            return
        if ready is not None:
            ready(self.page)
        self.settle()
        if urlsplit(self.page.url).path != urlsplit(url).path:
            self.problems.append(f"{url}: the page went to {self.page.url}")
            return
        # The top frame's calls arrive both ways; frames' only through the binding.
        calls = self.page.evaluate("() => window.__xssCalls || []")
        seen = {(e["kind"], e["detail"], e["url"]) for e in [*calls, *self.reports[reported:]]}
        for kind, detail, where in sorted(seen):
            detail = describe(detail) if kind == "marker" else detail
            self.problems.append(f"{url}: {kind} in {where[:80]}: {detail}")
        # From the top page only: a frame a blocked payload left without a
        # document would never answer an evaluate of its own.
        for finding in self.page.evaluate(SCAN):
            self.problems.append(f"{url}: {finding}")
        try:
            check(self.page)
        except Exception as error:  # recorded: one report for every page at the end
            self.problems.append(f"{url}: {error!r}")

    def close(self) -> None:
        self.context.close()


def _admin_session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _first_with(prefix: str) -> int:
    return next(i for i, payload in enumerate(PAYLOADS) if payload.startswith(prefix))


# Payloads aimed at the contexts the templates put text in: attribute values
# (meta content, input value), <title>, <textarea>, and raw-text tricks. Their
# articles' and comments' own pages are visited; the render test visits all.
BREAKOUTS = [
    _first_with(prefix)
    for prefix in ('"><', "'><", "</title>", "</textarea>", "</script>", "<noscript>", "-->")
]


def _rendered(page: Page) -> None:
    assert page.locator("h1").count() >= 1


@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_on_any_page(browser, live_server, settings, now):
    settings.COMMENTS_PER_PAGE = 500  # every comment of the hub on one page
    site = seed_newsroom(now=now)
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)

    public = Sweep(browser, live_server.url, bypass_csp=True)
    for url, check in public_pages(site):
        public.visit(url, check)
    for url, post, check in typed_comments(site):
        public.visit(url, check, post=post)
    public.close()

    editor = Sweep(browser, live_server.url, bypass_csp=True, session=_admin_session(admin))
    for url, check, ready in admin_pages(site):
        editor.visit(url, check, ready=ready)
    editor.close()

    # The densest pages as readers and editors really get them, policy on:
    # nothing injected means nothing for the policy to report.
    strict = Sweep(browser, live_server.url, bypass_csp=False)
    for url in ("/", site.hub.get_absolute_url(), site.articles[BREAKOUTS[0]].get_absolute_url()):
        strict.visit(url, _rendered)
    strict.close()
    strict_editor = Sweep(browser, live_server.url, bypass_csp=False, session=_admin_session(admin))
    editing = site.articles[_first_with("</textarea>")]
    strict_editor.visit(
        f"/admin/articles/article/{editing.pk}/change/", _rendered, ready=ckeditor_ready
    )
    strict_editor.visit("/admin/comments/comment/", _rendered)
    strict_editor.close()

    problems = public.problems + editor.problems + strict.problems + strict_editor.problems
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])
    visited = public.visited + editor.visited
    assert len(visited) >= 50, visited


# --- public pages --------------------------------------------------------------------------


def public_pages(site: PayloadNewsroom):
    """``(url, check)`` for every kind of public page that shows a payload field."""
    outlet, site_name = settings.NEWSROOM_OUTLET_CODE, settings.NEWSROOM_SITE_NAME
    fronts = selectors.home_fronts()

    def home(page: Page) -> None:
        assert_texts(texts(page, ".front__heading"), [f.section.name for f in fronts], "sections")
        assert_texts(texts(page, ".front__lead h3"), [f.articles[0].title for f in fronts], "leads")
        assert_texts(
            texts(page, ".front .article-list__item > a:first-child"),
            [a.title for f in fronts for a in f.articles[1:]],
            "lists",
        )
        assert_texts(
            texts(page, ".site-nav li:not(:first-child) a"),
            [s.name for s in Section.objects.all()],
            "menu",
        )

    yield "/", home

    def listing(articles: list[Article]) -> Callable[[Page], None]:
        def check(page: Page) -> None:
            assert_texts(
                texts(page, ".article-list__item > a:first-child"),
                [a.title for a in articles],
                "titles",
            )
            assert_texts(
                texts(page, ".article-list__lead"),
                [Truncator(a.lead).words(40, truncate=" …") for a in articles],
                "leads",
            )

        return check

    def search_listing(articles: list[Article]) -> Callable[[Page], None]:
        """Search results: their titles, and a snippet (of lead and body) for each."""

        def check(page: Page) -> None:
            assert_texts(
                texts(page, ".article-list__item > a:first-child"),
                [a.title for a in articles],
                "titles",
            )
            assert len(texts(page, ".article-list__snippet")) == len(articles)

        return check

    def profile(name: str, text: str, articles: list[Article]) -> Callable[[Page], None]:
        """A section's or an author's page: heading, description, meta, their articles."""

        def check(page: Page) -> None:
            assert_texts(texts(page, "h1"), [name], "name")
            assert_texts(texts(page, ".page-header p"), [text], "description")
            assert_texts(
                attributes(page, "meta[name=description]", "content"),
                [Truncator(text).chars(160)],
                "meta description",
            )
            listing(articles)(page)

        return check

    for section in site.sections:
        articles = list(selectors.section_articles(section))
        assert 0 < len(articles) <= settings.NEWSROOM_ARTICLES_PER_PAGE
        yield section.get_absolute_url(), profile(section.name, section.description, articles)

    found = list(
        search.search_articles(terms=search.search_terms(query="xss"))[
            : settings.NEWSROOM_ARTICLES_PER_PAGE
        ]
    )
    assert len(found) == settings.NEWSROOM_ARTICLES_PER_PAGE
    yield "/tim-kiem/?q=xss", search_listing(found)

    for index in BREAKOUTS[:4]:
        query = marked(Field.SEARCH_QUERY)[index]

        def search_page(page: Page, query=query) -> None:
            assert_texts(values(page, "#search-q"), [query], "search box")
            assert "".join(query.split()) in "".join(page.title().split()), page.title()
            shown = "".join(texts(page, ".page-header p")[0].split())
            assert "".join(query.split()) in shown, shown

        yield f"/tim-kiem/?{urlencode({'q': query})}", search_page

    for author in site.authors:
        articles = list(selectors.author_articles(author))
        assert 0 < len(articles) <= settings.NEWSROOM_ARTICLES_PER_PAGE
        yield author.get_absolute_url(), profile(author.name, author.bio, articles)

    hub = site.hub

    def hub_page(page: Page) -> None:
        assert_texts(texts(page, "h1"), [hub.title], "title")
        assert page.locator(".article__body > div").count() == len(site.articles)
        assert_texts(
            texts(page, ".article__photo figcaption"),
            [f"{p.caption} (Ảnh: {p.credit})" for p in site.photos],
            "captions",
        )
        assert attributes(page, ".article__photo img", "alt") == [p.alt_text for p in site.photos]
        assert_texts(
            texts(page, ".byline"), [f"{b.role}: {b.author.name}" for b in site.bylines], "bylines"
        )
        assert_texts(texts(page, ".comment__title"), [c.title for c in site.comments], "titles")
        assert_texts(texts(page, ".comment__name"), [c.name for c in site.comments], "names")
        assert_texts(texts(page, ".comment__body"), [c.body for c in site.comments], "bodies")

    yield hub.get_absolute_url(), hub_page

    for index in BREAKOUTS:
        article = site.articles[index]

        def article_page(page: Page, article=article) -> None:
            assert_texts(texts(page, "h1"), [article.title], "title")
            assert_texts([page.title()], [f"{article.title} - {site_name}"], "<title>")
            assert attributes(page, "meta[property='og:title']", "content") == [article.title]
            assert attributes(page, "meta[name=description]", "content") == [
                Truncator(article.lead).chars(160)
            ]
            assert_texts(texts(page, ".article__lead"), [f"{outlet} - {article.lead}"], "lead")
            assert_texts(texts(page, ".byline a"), [a.name for a in article.authors.all()], "by")

        yield article.get_absolute_url(), article_page

    article = site.articles[_first_with("</title>")]

    def comment_page(page: Page) -> None:
        assert_texts(texts(page, "h1"), [f"Bình luận bài “{article.title}”"], "heading")

    yield f"/binh-luan/{article.pk}/", comment_page


def typed_comments(site: PayloadNewsroom):
    """The comment page showing again what a reader typed (``comments.views.comment_form``)."""
    article = site.articles[0]
    names, titles, bodies = (
        marked(Field.TYPED_NAME),
        marked(Field.TYPED_TITLE),
        marked(Field.TYPED_BODY),
    )
    for index in BREAKOUTS[:3]:
        typed = {
            "name": names[index],
            "phone": "0912 345 678",
            "title": titles[index],
            "body": bodies[index],
        }

        def form_page(page: Page, typed=typed) -> None:
            assert_texts(values(page, "#binh-luan-name"), [typed["name"]], "name")
            assert_texts(values(page, "#binh-luan-title"), [typed["title"]], "title")
            assert_texts(values(page, "#binh-luan-body"), [typed["body"]], "body")

        yield f"/binh-luan/{article.pk}/", typed, form_page


# --- admin pages ---------------------------------------------------------------------------


def ckeditor_ready(page: Page) -> None:
    # Generous: on a busy two-core CI machine CKEditor 4 has been seen to take over 15 s
    # to build its editing frame for a body holding the whole corpus.
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'",
        timeout=60_000,
    )


def admin_pages(site: PayloadNewsroom):
    """``(url, check, ready)`` for the admin pages editors and moderators work in."""

    def index(page: Page) -> None:
        shown = texts(page, ".comment-queue a")
        assert shown == [f"{len(site.pending)} bình luận chờ duyệt"], shown

    yield "/admin/", index, None

    article_titles = list(Article.objects.values_list("title", flat=True))
    per_page = 100  # ModelAdmin.list_per_page
    for number in range(1, -(-len(article_titles) // per_page) + 1):
        expected = article_titles[(number - 1) * per_page : number * per_page]

        def article_list(page: Page, expected=expected) -> None:
            assert_texts(texts(page, "#result_list th.field-title a"), expected, "titles")

        yield f"/admin/articles/article/?p={number}", article_list, None

    query = marked(Field.ADMIN_SEARCH)[_first_with('"><')]

    def article_search(page: Page) -> None:
        assert_texts(values(page, "#searchbar"), [query], "search box")

    yield f"/admin/articles/article/?{urlencode({'q': query})}", article_search, None

    hub = site.hub

    def hub_form(page: Page) -> None:
        assert_texts(values(page, "#id_title"), [hub.title], "title")
        assert_texts(
            inline_values(page, "photos", "caption"), [p.caption for p in site.photos], "captions"
        )
        assert_texts(
            inline_values(page, "photos", "credit"), [p.credit for p in site.photos], "credits"
        )
        assert_texts(
            inline_values(page, "photos", "alt_text"), [p.alt_text for p in site.photos], "alts"
        )
        assert_texts(
            inline_values(page, "bylines", "role"), [b.role for b in site.bylines], "roles"
        )
        assert attributes(page, "img.photo-preview", "alt") == [p.alt_text for p in site.photos]
        # CKEditor rewrites the markup (<div> to <p>…) but shows the same text.
        shown, stored = page.evaluate(
            """(stored) => [
                 document.querySelector("iframe.cke_wysiwyg_frame").contentDocument.body.textContent,
                 new DOMParser().parseFromString(stored, "text/html").body.textContent]""",
            hub.body,
        )
        assert_texts([shown.replace("\u200b", "")], [stored], "editor")  # widget fillers

    yield f"/admin/articles/article/{hub.pk}/change/", hub_form, ckeditor_ready

    article = site.articles[_first_with("</textarea>")]

    def article_form(page: Page) -> None:
        assert_texts(values(page, "#id_title"), [article.title], "title")
        assert_texts(values(page, "#id_lead"), [article.lead], "lead")
        assert_texts(
            texts(page, "select[name='bylines-0-author'] option:checked"),
            [article.authors.get().name],
            "author",
        )

    yield f"/admin/articles/article/{article.pk}/change/", article_form, ckeditor_ready

    def preview(page: Page) -> None:
        assert page.locator(".preview-banner").count() == 1
        assert_texts(texts(page, "h1"), [article.title], "title")

    yield f"/xem-truoc/{article.pk}/", preview, None

    def author_list(page: Page) -> None:
        assert_texts(
            texts(page, "#result_list th.field-name a"),
            list(Author.objects.values_list("name", flat=True)),
            "names",
        )

    yield "/admin/articles/author/", author_list, None

    for author in (site.authors[0], site.authors[-1]):

        def author_form(page: Page, author=author) -> None:
            assert_texts(values(page, "#id_name"), [author.name], "name")
            assert_texts(values(page, "#id_bio"), [author.bio], "bio")

        yield f"/admin/articles/author/{author.pk}/change/", author_form, None

    def section_list(page: Page) -> None:
        assert_texts(
            texts(page, "#result_list th.field-name a"),
            list(Section.objects.values_list("name", flat=True)),
            "names",
        )

    yield "/admin/articles/section/", section_list, None

    section = site.sections[0]

    def section_form(page: Page) -> None:
        assert_texts(values(page, "#id_name"), [section.name], "name")
        assert_texts(values(page, "#id_description"), [section.description], "description")

    yield f"/admin/articles/section/{section.pk}/change/", section_form, None

    every_comment = [*site.pending, *site.comments]
    comment_pages = -(-len(every_comment) // 50)  # CommentAdmin.list_per_page
    pending_titles = [comment.article.title for comment in site.pending]
    for number in range(1, comment_pages + 1):

        def comment_list(page: Page) -> None:
            names = texts(page, "#result_list td.field-sender .comment-sender__name")
            assert names and all(any(same_text(n, c.name) for c in every_comment) for n in names), (
                names
            )
            # The filter offers the articles with comments waiting, by title.
            sidebar = ["".join(s.split()) for s in texts(page, "#changelist-filter a")]
            for title in pending_titles:
                flat = "".join(title.split())
                assert any(s.startswith(flat) for s in sidebar), f"filter lacks {title!r}"

        yield f"/admin/comments/comment/?p={number}", comment_list, None

    for index in BREAKOUTS[:3]:
        comment = site.comments[index]

        def comment_form(page: Page, comment=comment) -> None:
            assert_texts(values(page, "#id_name"), [comment.name], "name")
            assert_texts(values(page, "#id_title"), [comment.title], "title")
            assert_texts(values(page, "#id_body"), [comment.body], "body")

        yield f"/admin/comments/comment/{comment.pk}/change/", comment_form, None

    query = marked(Field.ADMIN_SEARCH)[_first_with("</script>")]

    def comment_search(page: Page) -> None:
        assert_texts(values(page, "#searchbar"), [query], "search box")

    yield f"/admin/comments/comment/?{urlencode({'q': query})}", comment_search, None


# --- the corpus itself ----------------------------------------------------------------------


def test_payloads_run_when_a_page_does_not_escape_them(browser):
    """Each payload really runs where its kind says, in this Chromium.

    Every payload goes unescaped into a frame of its own (with text around it, as
    in a template); ``AUTO`` payloads must run on load, ``INTERACTION`` payloads
    once everything is clicked and hovered. A payload that no longer runs must be
    relabelled, so the corpus never looks stronger than it is.
    """
    reports: list[dict] = []
    context = browser.new_context(bypass_csp=True)
    context.expose_binding("__xssReport", lambda source, entry: reports.append(entry))
    context.add_init_script(HOOKS)
    pages = {}
    context.route(
        "http://xss.test/**",
        lambda route: route.fulfill(
            status=200 if route.request.url in pages else 404,
            content_type="text/html; charset=utf-8",
            body=pages.get(route.request.url, ""),
        ),
    )

    def fired() -> set[int]:
        return {int(r["detail"]) for r in reports if r["kind"] == "marker"}

    # Only one element per page can take autofocus: those payloads get a page each.
    focusing = [i for i, payload in enumerate(PAYLOADS) if "autofocus" in payload]
    framed = "".join(
        f'<iframe srcdoc="{html.escape(f"<p>Trước {payload} sau</p>")}"></iframe>'
        for i, payload in enumerate(PAYLOADS)
        if i not in focusing
    )
    pages["http://xss.test/"] = f"<!doctype html><meta charset=utf-8><body>{framed}"
    for i in focusing:
        pages[f"http://xss.test/{i}"] = f"<!doctype html><meta charset=utf-8><p>{PAYLOADS[i]}"
    page = context.new_page()
    for i in focusing:
        page.goto(f"http://xss.test/{i}")
        page.wait_for_timeout(100)
    page.goto("http://xss.test/")
    page.wait_for_timeout(300)
    on_load = fired()
    # Every payload sits in a same-origin srcdoc frame: one call reaches them all.
    page.evaluate(
        """() => { for (const frame of document.querySelectorAll("iframe")) {
             for (const el of frame.contentDocument?.querySelectorAll("body *") ?? []) {
               el.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
               if (el.click) el.click();
               else el.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
             }
           } }"""
    )
    page.wait_for_timeout(300)
    after_interaction = fired()
    context.close()

    auto = {i for i, kind in enumerate(KINDS) if kind == Kind.AUTO}
    interaction = {i for i, kind in enumerate(KINDS) if kind == Kind.INTERACTION}
    assert {describe(i) for i in auto - on_load} == set(), "AUTO payloads that did not run"
    assert {describe(i) for i in on_load - auto} == set(), "payloads that run on load, not AUTO"
    assert {describe(i) for i in interaction - after_interaction} == set()
    assert {describe(i) for i in after_interaction - auto - interaction} == set()
    assert len(PAYLOADS) >= 100
