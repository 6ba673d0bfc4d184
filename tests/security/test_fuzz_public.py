"""Public addresses under arbitrary input: never a server error, every refusal in Vietnamese.

Hypothesis sends readers' pages (home, section, author, article, search,
language links, the comment endpoints, the health check, uploaded media) odd
path segments, query strings, methods and headers. Whatever arrives:

- the status is below 500;
- a 4xx page is the site's own Vietnamese page (``<html lang="vi">`` and the
  heading of templates/400.html, 403.html, 403_csrf.html, 404.html, 405.html or
  comments/method_not_allowed.html), never Django's blank or English default;
- a redirect never leads off the site.

The comment form's fields have their own fuzzing in tests/comments/test_fuzz.py.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import image_bytes, through_wsgi
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CommentFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# The heading of each Vietnamese error page a reader can meet, by status.
ERROR_HEADINGS = {
    # A comment refused for its charset comes back on the comment page, text kept.
    400: ("Yêu cầu không hợp lệ", "máy chủ không đọc được nên bình luận chưa được gửi"),
    403: ("Không có quyền truy cập", "Phiên làm việc đã hết hạn", "Đã đóng bình luận"),
    404: ("Không tìm thấy trang",),
    405: ("Trang này chỉ để đọc", "Không gửi được theo cách này"),
    # The comment page, once one address has asked for its share of captchas.
    429: ("Bạn đã yêu cầu quá nhiều mã xác nhận",),
}
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")
WRITE_METHODS = ("POST", "PUT", "DELETE", "PATCH", "TRACE")


@dataclass(frozen=True)
class Site:
    section: str
    author: str
    article_pk: int
    article_path: str
    media_path: str

    def pages(self) -> dict[str, str]:
        """Every kind of public address, by name (``PAGES``)."""
        pk = self.article_pk
        return {
            "home": "/",
            "section": f"/{self.section}/",
            "author": f"/tac-gia/{self.author}/",
            "article": self.article_path,
            "search": "/tim-kiem/",
            "language": "/ngon-ngu/vi/",
            "comment form": f"/binh-luan/{pk}/",
            "comment captcha": f"/binh-luan/{pk}/ma-xac-nhan/",
            "comment post": f"/binh-luan/{pk}/gui/",
            "health check": "/healthz/",
            "media": self.media_path,
        }


PAGES = (
    "home",
    "section",
    "author",
    "article",
    "search",
    "language",
    "comment form",
    "comment captcha",
    "comment post",
    "health check",
    "media",
)


@pytest.fixture
def site(settings) -> Site:
    article = ArticleFactory(title="Đà Nẵng đón Tết", section=SectionFactory(name="Thời sự"))
    author = AuthorFactory(name="Lê Văn Tám")
    BylineFactory(article=article, author=author)
    CommentFactory(article=article, status="approved", title="Ý kiến đã duyệt")
    photo = Path(settings.MEDIA_ROOT) / "uploads" / "anh.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(image_bytes())
    return Site(
        section=article.section.slug,
        author=author.slug,
        article_pk=article.pk,
        article_path=article.get_absolute_url(),
        media_path="/media/uploads/anh.jpg",
    )


def send(
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: str = "",
    enforce_csrf: bool = False,
    content_type: str = "application/x-www-form-urlencoded",
):
    # A new client each time: no cookie (such as a language choice) carries over.
    client = Client(raise_request_exception=False, enforce_csrf_checks=enforce_csrf)
    return client.generic(method, path, data=body, content_type=content_type, headers=headers or {})


def assert_sound(response, method: str) -> None:
    status = response.status_code
    assert status < 500, f"server error {status}"
    if status in (301, 302, 303, 307, 308):
        # The start decides the host; Django's check refuses anything past 2048
        # characters, which would fail long but harmless addresses on the site.
        location = response["Location"][:1000]
        assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"}), location
    if status < 400 or method == "HEAD":
        return
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode()
    if content_type.startswith("application/json"):
        assert json.loads(text)["error"]  # the captcha endpoint explains itself
        return
    assert content_type.startswith("text/html"), content_type
    assert '<html lang="vi">' in text, f"{status} page is not Vietnamese: {text[:200]!r}"
    assert status in ERROR_HEADINGS, f"unexpected {status}"
    assert any(heading in text for heading in ERROR_HEADINGS[status]), text[:500]


# --- What readers' browsers, crawlers and scanners send ------------------------------

MALFORMED_ESCAPES = ("%", "%z", "%zz", "%c3%28", "%C3", "%e2%82", "%ff%fe", "%00", "%%", "%2")
escape_soup = st.lists(
    st.one_of(
        st.sampled_from(MALFORMED_ESCAPES),
        st.sampled_from(("%2e%2e", "..", "%2f", "%5c", "%0d%0a", "%20", "+", "đ", ";", "=")),
        st.text(alphabet="abcXYZ019-_", max_size=4),
    ),
    max_size=8,
).map("".join)
huge = st.integers(min_value=2_000, max_value=60_000).map(lambda n: "ă" * n)
# Text a browser would send percent-encoded: any Unicode, control characters included.
any_text = st.text(max_size=40)
segment = st.one_of(
    any_text.map(lambda text: quote(text, safe="")),
    any_text.filter(lambda text: not any(c in text for c in "?#")),  # raw, unencoded
    escape_soup,
    huge.map(lambda text: quote(text, safe="")),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)

PATH_SHAPES = {
    "section": lambda site, seg: f"/{seg}/",
    "section, no slash": lambda site, seg: f"/{seg}",
    "author": lambda site, seg: f"/tac-gia/{seg}/",
    "article slug": lambda site, seg: f"/{site.section}/{seg}-{site.article_pk}/",
    "article id": lambda site, seg: f"/{site.section}/bai-viet-{seg}/",
    "article, any section": lambda site, seg: f"/{seg}/{seg}-{site.article_pk}/",
    "language": lambda site, seg: f"/ngon-ngu/{seg}/",
    "comment form": lambda site, seg: f"/binh-luan/{seg}/",
    "comment captcha": lambda site, seg: f"/binh-luan/{seg}/ma-xac-nhan/",
    "comment post": lambda site, seg: f"/binh-luan/{seg}/gui/",
    "comment, below": lambda site, seg: f"/binh-luan/{site.article_pk}/{seg}/",
    "health check": lambda site, seg: f"/healthz/{seg}",
    "media": lambda site, seg: f"/media/{seg}",
    "media, below": lambda site, seg: f"/media/uploads/{seg}",
}


@FUZZ
@given(
    shape=st.sampled_from(sorted(PATH_SHAPES)),
    seg=segment,
    method=st.sampled_from(("GET", "GET", "HEAD", "POST")),
)
@example(shape="section", seg="%c3%28", method="GET")
@example(shape="media, below", seg="anh.jpg", method="GET")
@example(shape="media", seg="..%2f..%2fmanage.py", method="GET")
@example(shape="media", seg="%2e%2e/%2e%2e/newsroom/settings.py", method="GET")
@example(shape="section, no slash", seg="%2f%2fevil.example", method="GET")
@example(shape="comment form", seg="99999999999999999999999", method="POST")
@example(shape="article slug", seg="%0d%0aSet-Cookie:%20x=1", method="GET")
def test_any_path_segment(site: Site, shape: str, seg: str, method: str):
    path = PATH_SHAPES[shape](site, seg)
    response = send(method, path)
    assert_sound(response, method)
    if shape.startswith("media") and response.status_code == 200:
        # Only files under MEDIA_ROOT are ever served.
        assert b"".join(response.streaming_content) == image_bytes()


QUERY_KEYS = ("page", "q", "next", "binh-luan-trang", "o", "", "page[]", "q%00")
query_value = st.one_of(
    any_text,
    escape_soup,
    huge,
    st.sampled_from(("-1", "0", "1e9", "NaN", "last", "99999999999999999999", " 2 ", "\x00")),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
query_pair = st.tuples(st.sampled_from(QUERY_KEYS) | st.text(max_size=8), query_value)


@st.composite
def query_strings(draw) -> str:
    """Well-formed (urlencoded) or raw, malformed escapes and all."""
    pairs = draw(st.lists(query_pair, max_size=4))
    if draw(st.booleans()):
        return urlencode(pairs)
    return "&".join(f"{key}={value}" for key, value in pairs)


@FUZZ
@given(
    page=st.sampled_from(
        ("home", "section", "author", "article", "search", "language", "comment form")
    ),
    query=query_strings(),
    method=st.sampled_from(("GET", "GET", "HEAD")),
)
@example(page="search", query="q=%00", method="GET")
@example(page="search", query="q=" + "%c3%28" * 50, method="GET")
@example(page="section", query="page=99999999999999999999", method="GET")
@example(page="article", query="binh-luan-trang=-99999999999999999999", method="GET")
@example(page="search", query="&".join(["q=a"] * 1500), method="GET")
def test_any_query_string(site: Site, page: str, query: str, method: str):
    path = site.pages()[page]
    assert_sound(send(method, f"{path}?{query}"), method)


OPEN_REDIRECTS = (
    "//evil.example",
    "https://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "/%09/evil.example",
    " //evil.example",
    "\t//evil.example",
    "javascript:alert(1)",
    "http:///evil.example",
    "/%0d%0aSet-Cookie:x=1",
    "https://testserver.evil.example/",
)


@FUZZ
@given(
    language=st.sampled_from(("vi", "en")) | segment,
    next_url=st.one_of(st.sampled_from(OPEN_REDIRECTS), any_text, escape_soup),
    raw=st.booleans(),
)
def test_language_links_only_lead_back_into_the_site(
    site: Site, language: str, next_url: str, raw: bool
):
    query = f"next={next_url}" if raw else urlencode({"next": next_url})
    response = send("GET", f"/ngon-ngu/{language}/?{query}")
    assert_sound(response, "GET")
    if language in ("vi", "en"):
        assert response.status_code == 302
        assert response.cookies["django_language"].value == language


latin1_text = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=60)
ALLOWED_HOST_VARIANTS = (
    "testserver",
    "localhost",
    "LOCALHOST",
    "localhost.",
    "localhost:8000",
    "127.0.0.1",
    "127.0.0.1:80",
    "[::1]",
    "[::1]:8443",
)
COOKIE_NAMES = ("sessionid", "csrftoken", "messages", "django_language")
quoted_escapes = st.lists(
    st.sampled_from(("\\000", "\\012", "\\377", '\\"', "a", "1", ";")), min_size=8, max_size=40
).map(lambda parts: '"' + "".join(parts) + '"')
cookie_header = st.one_of(
    latin1_text,
    st.integers(min_value=1_000, max_value=60_000).map(lambda n: "a=" + "x" * n),
    st.lists(st.tuples(st.text("abc_-", min_size=1, max_size=5), latin1_text), max_size=30).map(
        lambda pairs: "; ".join(f"{name}={value}" for name, value in pairs)
    ),
    # Our own cookies, with garbage in them: any text, or a quoted value whose
    # octal escapes the cookie parser turns into NUL and other control characters.
    st.tuples(
        st.sampled_from(COOKIE_NAMES),
        latin1_text.filter(lambda value: value.strip() != "en") | quoted_escapes,
    ).map(lambda pair: f"{pair[0]}={pair[1]}"),
)


@FUZZ
@given(
    page=st.sampled_from(PAGES),
    method=st.sampled_from(METHODS),
    accept_language=latin1_text,
    host=st.sampled_from(ALLOWED_HOST_VARIANTS),
    cookie=cookie_header,
    body=st.one_of(st.just(""), query_strings()),
    enforce_csrf=st.booleans(),
)
@example(
    page="home",
    method="TRACE",
    accept_language="en-US,en;q=0.9",
    host="localhost",
    cookie="",
    body="",
    enforce_csrf=True,
)
@example(
    page="comment post",
    method="PUT",
    accept_language="*",
    host="[::1]:8443",
    cookie="sessionid=" + "x" * 5000,
    body="",
    enforce_csrf=False,
)
def test_any_method_and_headers(
    site: Site,
    page: str,
    method: str,
    accept_language: str,
    host: str,
    cookie: str,
    body: str,
    enforce_csrf: bool,
):
    headers = {"Accept-Language": accept_language, "Host": host, "Cookie": cookie}
    response = send(
        method, site.pages()[page], headers=headers, body=body, enforce_csrf=enforce_csrf
    )
    assert_sound(response, method)


@pytest.mark.parametrize(
    "host", ["evil.example", "localhost:notaport", "testserver@evil.example", "", "[::1"]
)
def test_a_host_outside_allowed_hosts_is_a_vietnamese_400(site: Site, host: str):
    response = send("GET", "/", headers={"Host": host})
    assert response.status_code == 400
    assert_sound(response, "GET")


# --- Methods, page by page ------------------------------------------------------------

# Generic views answer OPTIONS themselves; the function views take GET and HEAD only.
READ_ONLY_PAGES = {
    "home": "GET, HEAD, OPTIONS",
    "section": "GET, HEAD, OPTIONS",
    "author": "GET, HEAD, OPTIONS",
    "search": "GET, HEAD, OPTIONS",
    "article": "GET, HEAD",
    "language": "GET, HEAD",
    "media": "GET, HEAD",
}
COMMENT_ENDPOINTS = {
    "comment form": ("GET", "HEAD", "POST"),
    "comment captcha": ("GET",),
    "comment post": ("POST",),
}


@pytest.mark.parametrize("method", WRITE_METHODS)
@pytest.mark.parametrize("page", READ_ONLY_PAGES)
def test_reading_pages_refuse_other_methods_with_a_vietnamese_405(
    site: Site, page: str, method: str
):
    response = send(method, site.pages()[page])
    assert response.status_code == 405
    assert response["Allow"] == READ_ONLY_PAGES[page]
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Trang này chỉ để đọc" in html


@pytest.mark.parametrize("page", READ_ONLY_PAGES)
def test_reading_pages_answer_head_without_a_body_and_options_with_what_they_allow(
    site: Site, page: str
):
    head = send("HEAD", site.pages()[page])
    body = b"".join(head.streaming_content) if head.streaming else head.content
    assert head.status_code in (200, 302) and body == b""  # the language link redirects
    options = send("OPTIONS", site.pages()[page])
    allowed = READ_ONLY_PAGES[page]
    assert options["Allow"] == allowed
    assert options.status_code == (200 if "OPTIONS" in allowed else 405)


@pytest.mark.parametrize(
    ("endpoint", "method"),
    [
        (endpoint, method)
        for endpoint, allowed in COMMENT_ENDPOINTS.items()
        for method in METHODS
        if method not in allowed
    ],
)
def test_comment_endpoints_refuse_other_methods_with_a_vietnamese_405(
    site: Site, endpoint: str, method: str
):
    response = send(method, site.pages()[endpoint])
    assert response.status_code == 405
    assert response["Allow"] == ", ".join(COMMENT_ENDPOINTS[endpoint])
    if method != "HEAD":
        html = response.content.decode()
        assert '<html lang="vi">' in html
        assert "Không gửi được theo cách này" in html


@pytest.mark.parametrize(
    "cookie",
    [
        'sessionid="\\000abcdefghij"',
        'sessionid="abcdefgh\\012ijkl"',
        "sessionid=" + "a" * 5000,
        "sessionid=ABCDEFGH-not-ours",
        'csrftoken="\\000abc"',
        'messages="\\000abc"',
    ],
)
@pytest.mark.parametrize("path", ["/", "/tim-kiem/?q=a", "/admin/", "/admin/login/"])
def test_a_forged_session_or_csrf_cookie_is_no_session(site: Site, cookie: str, path: str):
    """Keys Django never issues are ignored, not looked up (PostgreSQL refuses a NUL)."""
    response = send("GET", path, headers={"Cookie": cookie})
    assert_sound(response, "GET")
    if path.startswith("/admin/"):
        assert response.status_code in (200, 302)  # the login page, or the way to it


# --- Declared charsets ---------------------------------------------------------------
# Sent through newsroom.wsgi.application, as gunicorn would: the test client
# builds its own request object and would not show a failure in the constructor.

# Python codecs that are not text, or that turn escapes into any code point.
UNREADABLE_CHARSETS = (
    "rot13",
    "unicode_escape",
    "raw_unicode_escape",
    "punycode",
    "base64",
    "hex",
    "zlib",
    "utf-7",
    "utf-16",
    "idna",
    "no-such-charset",
)
READABLE_CHARSETS = ("utf-8", "UTF8", "ISO-8859-1", "latin-1", "windows-1258", "us-ascii")
CSRF_COOKIE = "csrftoken=" + "a" * 32
content_type = st.tuples(
    st.sampled_from(
        (
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "application/json",
            "",
        )
    ),
    st.sampled_from(UNREADABLE_CHARSETS + READABLE_CHARSETS) | latin1_text,
).map(lambda pair: f"{pair[0]}; charset={pair[1]}")


@pytest.mark.parametrize("charset", UNREADABLE_CHARSETS)
@pytest.mark.parametrize("path", ["/healthz/?a", "/tim-kiem/?q=%5Cud800", "/?page=2"])
def test_a_charset_we_do_not_decode_is_a_vietnamese_400(site: Site, path: str, charset: str):
    response = through_wsgi("GET", path, headers={"Content-Type": f"text/plain; charset={charset}"})
    assert response.status_code == 400
    assert_sound(response, "GET")


@pytest.mark.parametrize("charset", READABLE_CHARSETS)
def test_real_charsets_are_still_read(site: Site, charset: str):
    response = through_wsgi(
        "GET", "/tim-kiem/?q=da+nang", headers={"Content-Type": f"text/plain; charset={charset}"}
    )
    assert response.status_code == 200
    assert "kết quả cho “da nang”" in response.content.decode()


@pytest.mark.parametrize("path", ["/binh-luan/{pk}/gui/", "/admin/login/"])
def test_a_latin1_form_with_a_csrf_cookie_is_a_vietnamese_400(site: Site, path: str):
    """Django refuses urlencoded forms that are not UTF-8; its 400 view read the form again."""
    response = send(
        "POST",
        path.format(pk=site.article_pk),
        headers={"Cookie": CSRF_COOKIE},
        body="csrfmiddlewaretoken=" + "a" * 32 + "&username=%E9",
        enforce_csrf=True,
        content_type="application/x-www-form-urlencoded; charset=ISO-8859-1",
    )
    assert response.status_code == 400
    assert_sound(response, "POST")


@settings(FUZZ, max_examples=150)
@given(
    page=st.sampled_from(PAGES),
    method=st.sampled_from(("GET", "HEAD", "POST")),
    query=query_strings(),
    declared=content_type,
    body=st.one_of(st.just(""), query_strings()),
    with_csrf_cookie=st.booleans(),
)
def test_any_declared_charset(
    site: Site,
    page: str,
    method: str,
    query: str,
    declared: str,
    body: str,
    with_csrf_cookie: bool,
):
    headers = {"Content-Type": declared, "Cookie": CSRF_COOKIE if with_csrf_cookie else ""}
    path = f"{site.pages()[page]}?{query}" if query else site.pages()[page]
    response = through_wsgi(method, path, headers=headers, body=body.encode())
    assert_sound(response, method)
