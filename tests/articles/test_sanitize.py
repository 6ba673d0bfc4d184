"""Real XSS payloads through the sanitiser and through the admin into the public page."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape

from articles import services
from articles.models import Article
from articles.sanitize import foreign_image_sources, sanitize_rich_text
from tests.admin_forms import NO_INLINE_ROWS
from tests.factories import ArticleFactory, SectionFactory

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(\'XSS\')">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">bấm vào đây</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img """><script>alert(1)</script>">',
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]

DANGEROUS = re.compile(
    r"<\s*(script|iframe|object|embed|svg|math|style|link|meta|base|form|input|body)\b"
    r"|\son[a-z]+\s*="
    r"|javascript:"
    r"|data:"
    r"|expression\(",
    re.IGNORECASE,
)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitizer_removes_executable_content(payload):
    cleaned = sanitize_rich_text(f"<p>Trước</p>{payload}<p>Sau</p>")
    assert not DANGEROUS.search(cleaned), cleaned
    assert "<p>Trước</p>" in cleaned


def test_sanitizer_keeps_what_ckeditor_produces():
    html = (
        "<h2>Tiêu đề phụ</h2><p><strong>Đậm</strong> <em>nghiêng</em> <u>gạch</u></p>"
        "<ul><li>một</li></ul><ol><li>hai</li></ol><blockquote><p>Trích dẫn</p></blockquote>"
        '<figure class="image image-center"><img alt="Cầu" height="300" '
        'src="/media/uploads/cau.jpg" width="400"><figcaption>Cây cầu mới</figcaption></figure>'
        "<table><thead><tr><th>Năm</th></tr></thead>"
        "<tbody><tr><td>2017</td></tr></tbody></table>"
    )
    assert sanitize_rich_text(html) == html


def test_sanitizer_makes_links_safe_to_open():
    cleaned = sanitize_rich_text(
        '<a href="https://congbao.example/van-ban" target="_blank">Văn bản</a>'
    )
    assert cleaned == (
        '<a href="https://congbao.example/van-ban" target="_blank" rel="noopener noreferrer">'
        "Văn bản</a>"
    )


@pytest.mark.django_db
def test_admin_save_sanitizes_body_before_it_reaches_readers(editor_client):
    section = SectionFactory()
    response = editor_client.post(
        "/admin/articles/article/add/",
        {
            "title": "Bài thử mã độc",
            "section": section.pk,
            "lead": "Sapo.",
            "body": "<p>An toàn</p>" + "".join(PAYLOADS),
            "status": "published",
            "published_at_0": "01/01/2020",
            "published_at_1": "08:00:00",
            **NO_INLINE_ROWS,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    from articles.models import Article

    article = Article.objects.get(title="Bài thử mã độc")
    # Published as the workflow would, to show the stored body to a reader.
    Article.objects.filter(pk=article.pk).update(status="published", published_at=timezone.now())
    assert "<p>An toàn</p>" in article.body
    assert not DANGEROUS.search(article.body)
    from django.test import Client

    page = Client().get(article.get_absolute_url()).content.decode()
    body = page.split('<div class="article__body">', 1)[1].split("</div>", 1)[0]
    assert not DANGEROUS.search(body)


@pytest.mark.django_db
def test_title_and_lead_are_escaped_on_the_page(client):
    article = ArticleFactory(title="<script>alert(1)</script>", lead="<img src=x onerror=alert(1)>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x onerror" not in html


@pytest.mark.parametrize(
    ("src", "foreign"),
    [
        ("https://elsewhere.example/anh.jpg", True),
        ("HTTP://elsewhere.example/anh.jpg", True),
        ("//elsewhere.example/anh.jpg", True),
        ("/\\elsewhere.example/anh.jpg", True),
        ("https://testserver.evil.example/media/anh.jpg", True),
        ("/media/uploads/2026/12/02/anh.jpg", False),
        ("http://testserver/media/uploads/anh.jpg", False),
        ("https://localhost:8000/media/uploads/anh.jpg", False),
    ],
)
def test_foreign_image_sources_are_the_images_on_other_sites(src, foreign):
    html = sanitize_rich_text(f'<p>Trước</p><figure class="image"><img src="{src}"></figure>')
    assert foreign_image_sources(html) == ([src] if foreign else [])


def test_images_under_an_absolute_media_url_are_ours(settings):
    settings.MEDIA_URL = "https://anh.cdn.example/media/"
    html = '<img src="https://anh.cdn.example/media/anh.jpg"><img src="https://x.example/b.jpg">'
    assert foreign_image_sources(html) == ["https://x.example/b.jpg"]


def article_form(section, body: str) -> dict:
    return {
        "title": "Lễ hội pháo hoa Đà Nẵng",
        "section": section.pk,
        "lead": "Đêm khai mạc thu hút hàng vạn người.",
        "body": body,
        "status": "draft",
        **NO_INLINE_ROWS,
    }


EXTERNAL_IMAGE_MESSAGE = (
    "Bài có ảnh lấy từ trang khác, bạn đọc sẽ không thấy được: "
    "https://elsewhere.example/phao-hoa.jpg. Hãy lưu ảnh về máy, đưa lên bằng nút "
    "“Hình ảnh” trên thanh công cụ (thẻ “Tải lên”, nút “Tải lên máy chủ”), "
    "rồi xóa ảnh cũ khỏi bài."
)


@pytest.mark.django_db
def test_admin_refuses_an_external_image_and_keeps_what_was_typed(editor_client):
    body = (
        "<p>Bầu trời sông Hàn rực sáng.</p>"
        '<figure class="image"><img alt="Pháo hoa" src="https://elsewhere.example/phao-hoa.jpg">'
        "<figcaption>Màn pháo hoa mở màn</figcaption></figure>"
    )
    response = editor_client.post(
        "/admin/articles/article/add/", article_form(SectionFactory(), body)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body"] == [EXTERNAL_IMAGE_MESSAGE]
    html = response.content.decode()
    assert "Lễ hội pháo hoa Đà Nẵng" in html
    assert "Đêm khai mạc thu hút hàng vạn người." in html
    # The body comes back as typed, external image included, for the editor to fix.
    assert escape(body) in html
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_admin_saves_a_body_with_an_uploaded_image(editor_client):
    body = (
        '<figure class="image"><img alt="Pháo hoa" src="/media/uploads/2026/12/02/phao-hoa.jpg">'
        "<figcaption>Màn pháo hoa mở màn</figcaption></figure>"
    )
    response = editor_client.post(
        "/admin/articles/article/add/", article_form(SectionFactory(), body)
    )

    assert response.status_code == 302
    assert Article.objects.get().body == body


@pytest.mark.django_db
def test_article_save_refuses_an_external_image_on_every_write_path():
    article = Article(
        title="Bài từ lệnh nhập",
        lead="Sapo.",
        body='<p><img src="https://elsewhere.example/phao-hoa.jpg"></p>',
        section=SectionFactory(),
    )
    with pytest.raises(ValidationError) as error:
        services.article_save(article=article)
    assert error.value.messages == [EXTERNAL_IMAGE_MESSAGE]
    assert not Article.objects.exists()


EVERYTHING_ALLOWED = (
    # Each tag, attribute, class and URL scheme of the allow-lists once, as nh3 writes it.
    "<h2>Hai</h2><h3>Ba</h3><h4>Bốn</h4><h5>Năm</h5><h6>Sáu</h6>"
    '<p class="image-left">Trái<br>xuống dòng</p><p class="image-center">Giữa</p>'
    '<p class="image-right">Phải</p><hr><p><b>b</b> <strong>strong</strong> <i>i</i> '
    "<em>em</em> <u>u</u> <s>s</s> H<sub>2</sub>O m<sup>2</sup> <small>nhỏ</small> "
    "<mark>đánh dấu</mark> <q>trích</q> <cite>nguồn</cite> "
    '<abbr title="Ủy ban nhân dân">UBND</abbr> <code>mã</code> '
    '<a href="https://congbao.example/" title="Công báo" target="_blank" '
    'rel="noopener noreferrer">link</a> '
    '<a href="mailto:toasoan@example.vn" rel="noopener noreferrer">thư</a> '
    '<a href="tel:+842438251234" rel="noopener noreferrer">gọi</a></p><pre>khối mã</pre>'
    "<blockquote><p>Trích dẫn</p></blockquote><ul><li>một</li></ul>"
    '<ol start="3" reversed="" type="a"><li>ba</li></ol><dl><dt>Từ</dt><dd>Nghĩa</dd></dl>'
    '<div class="image-left">a</div><div class="image-center">b</div>'
    '<div class="image-right">c</div><div><span>chữ</span></div>'
    '<figure class="image image-left">'
    '<img src="/media/a.jpg" alt="Ảnh" width="400" height="300" title="Cầu">'
    '<figcaption>Chú thích</figcaption></figure><figure class="image-center">'
    '<img src="/media/b.jpg"></figure><figure class="image-right"><img src="/media/c.jpg">'
    '</figure><table><caption>Bảng</caption><colgroup span="2"><col span="1"></colgroup>'
    '<thead><tr><th colspan="2" rowspan="1" scope="col">Năm</th></tr></thead><tbody><tr>'
    '<td colspan="1" rowspan="2">2017</td></tr></tbody><tfoot><tr><td>Tổng</td></tr></tfoot>'
    "</table>"
)


def test_sanitizer_keeps_every_tag_attribute_class_and_scheme_it_allows():
    assert sanitize_rich_text(EVERYTHING_ALLOWED) == EVERYTHING_ALLOWED


def test_sanitizer_drops_classes_and_attributes_outside_the_allow_list():
    cleaned = sanitize_rich_text(
        '<p class="image-left lead" id="x" style="color:red">a</p>'
        '<span class="image-left">b</span><a href="ftp://tep.example/x" name="y">c</a>'
    )
    assert cleaned == (
        '<p class="image-left">a</p><span class="">b</span><a rel="noopener noreferrer">c</a>'
    )


@pytest.mark.parametrize(
    ("html", "foreign"),
    [
        # Browsers ignore spaces around a URL, so the space hides nothing.
        ('<img src=" //elsewhere.example/anh.jpg">', [" //elsewhere.example/anh.jpg"]),
        ('<img src="ftp://testserver/anh.jpg">', ["ftp://testserver/anh.jpg"]),
        # Only src counts: a credit URL in the title is not an image.
        ('<img src="/media/anh.jpg" title="https://nguon.example/bai">', []),
        ('<img src="" alt="Ảnh"><a href="https://elsewhere.example/">x</a>', []),
        (
            '<p>Trước</p><img src="https://elsewhere.example/a.jpg">',
            ["https://elsewhere.example/a.jpg"],
        ),
    ],
)
def test_foreign_image_sources_reads_only_the_src_of_images(html, foreign):
    assert foreign_image_sources(html) == foreign
