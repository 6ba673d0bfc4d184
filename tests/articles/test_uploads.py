"""Images entering the site: the CKEditor upload button and the photo inline."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, ImageCms, PngImagePlugin

from articles.models import Article, Photo
from tests.conftest import image_bytes, noise_image_bytes
from tests.factories import AuthorFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/ckeditor/upload/"


def uploaded(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (80, 60), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh thử"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (21.0, 1.0, 40.0)
    gps[3] = "E"
    gps[4] = (105.0, 51.0, 10.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_anonymous_upload_is_sent_to_the_admin_login(client, settings):
    response = client.post(UPLOAD_URL, {"upload": uploaded("a.jpg", image_bytes())})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert stored_files(settings) == []


def test_staff_without_article_permission_cannot_upload(client, settings):
    client.force_login(UserFactory(is_staff=True))
    response = client.post(UPLOAD_URL, {"upload": uploaded("a.jpg", image_bytes())})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Bạn không có quyền tải ảnh lên."
    assert stored_files(settings) == []


def test_editor_uploads_an_image_and_gets_its_url(editor_client, settings):
    response = editor_client.post(
        UPLOAD_URL, {"upload": uploaded("Ảnh Đà Nẵng.jpg", image_bytes())}
    )
    data = response.json()
    assert data["uploaded"] == 1
    assert data["url"].startswith("/media/uploads/")
    assert data["url"].endswith(".jpg")
    [path] = stored_files(settings)
    with Image.open(path) as image:
        assert image.format == "JPEG"


def test_upload_strips_gps_location(editor_client, settings):
    editor_client.post(UPLOAD_URL, {"upload": uploaded("gps.jpg", jpeg_with_gps())})
    [path] = stored_files(settings)
    with Image.open(path) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("trang.html", b"<html><script>alert(1)</script></html>", "không phải là ảnh hợp lệ"),
        ("gia-anh.jpg", b"<script>alert(1)</script>", "không phải là ảnh hợp lệ"),
        (
            "vector.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
            "không phải là ảnh hợp lệ",
        ),
        ("hong.jpg", image_bytes()[:200], "không phải là ảnh hợp lệ"),
        ("anh.bmp", image_bytes("BMP"), "Định dạng ảnh không được hỗ trợ"),
        ("rong.txt", b"", "không phải là ảnh hợp lệ"),
    ],
)
def test_upload_refuses_what_is_not_a_whole_image(editor_client, settings, name, content, message):
    response = editor_client.post(UPLOAD_URL, {"upload": uploaded(name, content)})
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert stored_files(settings) == []


FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}


def truncated(fmt: str) -> bytes:
    """The first 3,000 bytes of a valid image, as an interrupted transfer leaves it."""
    whole = noise_image_bytes(fmt)
    assert len(whole) > 10_000
    return whole[:3000]


@pytest.mark.parametrize("fmt", FORMATS)
def test_upload_refuses_a_truncated_image(editor_client, settings, fmt):
    response = editor_client.post(
        UPLOAD_URL, {"upload": uploaded(f"cat.{fmt.lower()}", truncated(fmt), FORMATS[fmt])}
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "Tệp tải lên không phải là ảnh hợp lệ hoặc đã bị hỏng."
    )
    assert stored_files(settings) == []


def test_upload_refuses_an_animation_cut_off_in_its_last_frame(editor_client, settings):
    frames = [Image.open(io.BytesIO(noise_image_bytes("GIF", size=(120, 120)))) for _ in range(2)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    # The first frame is whole: decoding only that one would let the file in.
    cut = buffer.getvalue()[:-2000]
    response = editor_client.post(UPLOAD_URL, {"upload": uploaded("dong.gif", cut, "image/gif")})
    assert response.status_code == 400
    assert "không phải là ảnh hợp lệ" in response.json()["error"]["message"]
    assert stored_files(settings) == []


def test_upload_refuses_files_over_the_size_limit(editor_client, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1000
    response = editor_client.post(
        UPLOAD_URL, {"upload": uploaded("lon.jpg", image_bytes(size=(400, 400)))}
    )
    assert response.status_code == 400
    assert "Ảnh quá lớn" in response.json()["error"]["message"]
    assert stored_files(settings) == []


def test_upload_refuses_decompression_bombs(editor_client, settings):
    # A small file that claims 10,000 × 10,000 pixels (100 megapixels).
    bomb = image_bytes("PNG", size=(10_000, 10_000), optimize=True)
    assert len(bomb) < 1_000_000
    response = editor_client.post(UPLOAD_URL, {"upload": uploaded("bom.png", bomb, "image/png")})
    assert response.status_code == 400
    assert "kích thước quá lớn" in response.json()["error"]["message"]
    assert stored_files(settings) == []


def test_upload_dialog_gets_its_error_through_the_callback(editor_client):
    response = editor_client.post(
        f"{UPLOAD_URL}?CKEditorFuncNum=3",
        {"upload": uploaded("x.jpg", b"</script><script>alert(1)")},
    )
    html = response.content.decode()
    assert "callFunction(3, " in html
    assert "không phải là ảnh hợp lệ" in html
    assert html.count("<script>") == 1 and "alert(1)" not in html


CSRF_MESSAGE = (
    "Không tải được ảnh: trang soạn bài đã cũ hoặc trình duyệt chặn cookie. "
    "Hãy sao chép nội dung đang soạn, tải lại trang rồi tải ảnh lên lại."
)


@pytest.fixture
def csrf_checking_client(editor):
    # Django's test client skips the CSRF check unless asked; a browser never does.
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def test_upload_without_the_csrf_token_is_refused_and_stores_nothing(
    csrf_checking_client, settings
):
    # What a page on a sibling origin can make an editor's browser send.
    response = csrf_checking_client.post(UPLOAD_URL, {"upload": uploaded("a.jpg", image_bytes())})
    assert response.status_code == 403
    assert response.json() == {"uploaded": 0, "error": {"message": CSRF_MESSAGE}}
    assert stored_files(settings) == []


def test_upload_dialog_without_the_csrf_token_gets_the_reason_through_the_callback(
    csrf_checking_client, settings
):
    response = csrf_checking_client.post(
        f"{UPLOAD_URL}?CKEditorFuncNum=2", {"upload": uploaded("a.jpg", image_bytes())}
    )
    assert f'callFunction(2, "", "{CSRF_MESSAGE}")' in response.content.decode()
    assert stored_files(settings) == []


def test_upload_with_the_editor_pages_csrf_token_is_stored(csrf_checking_client, settings):
    page = csrf_checking_client.get("/admin/articles/article/add/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = csrf_checking_client.post(
        UPLOAD_URL, {"upload": uploaded("a.jpg", image_bytes())}, headers={"X-CSRFToken": token}
    )
    assert response.json()["uploaded"] == 1
    assert len(stored_files(settings)) == 1


def test_upload_needs_post(editor_client):
    assert editor_client.get(UPLOAD_URL).status_code == 405


def article_form_with_photo(section, photo) -> dict:
    return {
        "title": "Bài có ảnh",
        "section": section.pk,
        "lead": "Sapo.",
        "body": "<p>Thân bài</p>",
        "status": "draft",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "photos-0-image": photo,
        "photos-0-caption": "Chú thích ảnh",
        "photos-0-credit": "Quốc Huy",
        "photos-0-alt_text": "Mô tả ảnh",
        "photos-0-order": "1",
    }


def test_photo_inline_stores_a_valid_photo_without_gps(editor_client, settings):
    section = SectionFactory()
    response = editor_client.post(
        "/admin/articles/article/add/",
        article_form_with_photo(section, uploaded("Ảnh hội nghị.jpg", jpeg_with_gps())),
    )
    assert response.status_code == 302
    # Stored, so loading the photo never has to open the file to measure it.
    assert list(Photo.objects.values_list("width", "height")) == [(80, 60)]
    photo = Photo.objects.get()
    assert photo.image.name.endswith("anh-hoi-nghi.jpg")
    assert [r["width"] for r in photo.renditions] == [80]  # made on save, not on view
    with Image.open(photo.image.path) as image:
        assert not image.getexif().get_ifd(0x8825)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>not an image</html>", "Hãy tải lên một hình ảnh hợp lệ"),
        (image_bytes()[:150], "Hãy tải lên một hình ảnh hợp lệ"),
    ],
)
def test_photo_inline_refuses_bad_files_and_saves_nothing(
    editor_client, settings, content, message
):
    section = SectionFactory()
    response = editor_client.post(
        "/admin/articles/article/add/", article_form_with_photo(section, uploaded("x.jpg", content))
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    # The editor's text is still in the form, and nothing was stored.
    assert "Chú thích ảnh" in response.content.decode()
    assert not Article.objects.exists()
    assert not Photo.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_photo_inline_refuses_a_truncated_image_and_keeps_the_form(editor_client, settings, fmt):
    section, author = SectionFactory(), AuthorFactory(name="Thu Hà")
    data = article_form_with_photo(
        section, uploaded(f"cat.{fmt.lower()}", truncated(fmt), FORMATS[fmt])
    ) | {
        "lead": "Sapo của bài có ảnh hỏng.",
        "body": "<p>Thân bài viết dài.</p>",
        "bylines-TOTAL_FORMS": "1",
        "bylines-0-author": author.pk,
        "bylines-0-role": "Ảnh",
        "bylines-0-order": "1",
    }
    response = editor_client.post("/admin/articles/article/add/", data)

    assert response.status_code == 200
    inlines = response.context["inline_admin_formsets"]
    [photos] = [inline.formset for inline in inlines if inline.formset.prefix == "photos"]
    # Pillow's verify() refuses a cut-off PNG or WebP already inside Django's
    # ImageField, with Django's words; a cut-off JPEG or GIF gets as far as ours.
    [error] = photos.forms[0].errors["image"]
    assert error in (
        "Tệp tải lên không phải là ảnh hợp lệ hoặc đã bị hỏng.",
        "Hãy tải lên một hình ảnh hợp lệ. Tập tin mà bạn đã tải không phải là hình ảnh "
        "hoặc đã bị hư hỏng.",
    )
    html = response.content.decode()
    assert "Bài có ảnh" in html
    assert "Sapo của bài có ảnh hỏng." in html
    assert "&lt;p&gt;Thân bài viết dài.&lt;/p&gt;" in html
    assert "Chú thích ảnh" in html and "Quốc Huy" in html
    assert f'<option value="{author.pk}" selected>Thu Hà</option>' in html
    assert not Article.objects.exists()
    assert not Photo.objects.exists()
    assert stored_files(settings) == []


def test_photo_inline_refuses_too_many_pixels(editor_client, settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1000
    section = SectionFactory()
    response = editor_client.post(
        "/admin/articles/article/add/",
        article_form_with_photo(
            section, uploaded("to.png", image_bytes("PNG", size=(100, 100)), "image/png")
        ),
    )
    assert response.status_code == 200
    assert "Ảnh có kích thước quá lớn (100×100 điểm ảnh)" in response.content.decode()
    assert not Article.objects.exists()
    assert stored_files(settings) == []


def test_json_error_is_valid_json(editor_client):
    response = editor_client.post(UPLOAD_URL, {})
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["message"] == "Chưa chọn tệp ảnh để tải lên."


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("GIF", "image/gif")]
)
def test_polyglots_lose_their_hidden_payload(editor_client, settings, fmt, content_type):
    # A real image with a script glued on: it passes as an image, and must be
    # stored as one only.
    polyglot = (
        image_bytes(fmt) + b"<script>alert(document.domain)</script><?php system($_GET[1]); ?>"
    )
    response = editor_client.post(
        UPLOAD_URL, {"upload": uploaded(f"anh.{fmt.lower()}", polyglot, content_type)}
    )
    assert response.json()["uploaded"] == 1
    [path] = stored_files(settings)
    stored = path.read_bytes()
    assert b"<script" not in stored and b"<?php" not in stored
    with Image.open(path) as image:
        assert image.format == fmt


SECRET = "Nguồn tin: Nguyễn Văn A, 12 Hàng Bạc <script>alert(1)</script>"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    f"<rdf:Description>{SECRET}</rdf:Description></rdf:RDF></x:xmpmeta>"
)
# What a re-encoded file may still say about itself: how its pixels are laid
# out and, for a GIF, how it animates. Nothing a person wrote.
STRUCTURAL_INFO = {
    "jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression",
    "version", "background", "duration", "loop", "transparency",
}  # fmt: skip


def exif_with_secret() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = SECRET  # Make
    exif[0x010E] = SECRET  # ImageDescription
    exif.get_ifd(0x8825)[1] = "N"  # GPS
    return exif


def with_gif_extension(gif: bytes, identifier: bytes, payload: bytes) -> bytes:
    """``gif`` with an application extension block (as XMP in a GIF uses) after its header."""
    packed = gif[10]
    header_end = 13 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0)
    blocks = b"".join(
        bytes([len(payload[i : i + 255])]) + payload[i : i + 255]
        for i in range(0, len(payload), 255)
    )
    extension = b"\x21\xff" + bytes([len(identifier)]) + identifier + blocks + b"\x00"
    return gif[:header_end] + extension + gif[header_end:]


def image_with_every_kind_of_metadata(fmt: str) -> bytes:
    picture = Image.open(io.BytesIO(noise_image_bytes("PNG", size=(60, 40)))).convert("RGB")
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    if fmt == "JPEG":
        picture.save(
            buffer,
            "JPEG",
            exif=exif_with_secret(),
            icc_profile=srgb,
            comment=SECRET,
            xmp=XMP.encode(),
        )
    elif fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", SECRET)
        text.add_text("Author", SECRET, zip=True)
        text.add_itxt("XML:com.adobe.xmp", XMP)
        picture.save(buffer, "PNG", pnginfo=text, exif=exif_with_secret(), icc_profile=srgb)
    elif fmt == "WEBP":
        picture.save(buffer, "WEBP", exif=exif_with_secret(), icc_profile=srgb, xmp=XMP.encode())
    else:
        frames = [picture.convert("P"), picture.rotate(90).convert("P")]
        frames[0].save(
            buffer, "GIF", save_all=True, append_images=frames[1:], comment=SECRET, duration=120
        )
        return with_gif_extension(buffer.getvalue(), b"XMP DataXMP", XMP.encode())
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_stored_image_keeps_no_metadata_of_any_kind(editor_client, settings, fmt):
    original = image_with_every_kind_of_metadata(fmt)
    with Image.open(io.BytesIO(original)) as image:
        assert set(image.info) - STRUCTURAL_INFO  # the test file does carry some
    response = editor_client.post(
        UPLOAD_URL, {"upload": uploaded(f"anh.{fmt.lower()}", original, FORMATS[fmt])}
    )
    assert response.json()["uploaded"] == 1

    [path] = stored_files(settings)
    assert SECRET.encode() not in path.read_bytes()
    assert b"xmpmeta" not in path.read_bytes()
    with Image.open(path) as image:
        assert image.format == fmt
        assert set(image.info) <= STRUCTURAL_INFO, set(image.info) - STRUCTURAL_INFO
        assert not image.getexif()
        assert getattr(image, "text", {}) == {}  # PNG text chunks
        if fmt == "JPEG":
            assert [marker for marker, _ in image.applist] == ["APP0"]  # JFIF only
        if fmt == "GIF":
            assert image.n_frames == 2  # still animated
            assert image.info["duration"] == 120


def test_photo_inline_stores_a_photo_without_its_comment_or_profile(editor_client, settings):
    photo = uploaded("anh.jpg", image_with_every_kind_of_metadata("JPEG"))
    response = editor_client.post(
        "/admin/articles/article/add/", article_form_with_photo(SectionFactory(), photo)
    )
    assert response.status_code == 302
    stored = Photo.objects.get()
    assert SECRET.encode() not in stored.image.read()
    with Image.open(stored.image.path) as image:
        assert set(image.info) <= STRUCTURAL_INFO


def test_upload_callback_number_cannot_inject_script(editor_client):
    response = editor_client.post(
        f"{UPLOAD_URL}?CKEditorFuncNum=1);alert(document.cookie);//",
        {"upload": uploaded("x.jpg", b"not an image")},
    )
    html = response.content.decode()
    # Anything but digits becomes 0: the query string never reaches the script.
    assert "callFunction(0, " in html
    assert "alert" not in html and "document.cookie" not in html
