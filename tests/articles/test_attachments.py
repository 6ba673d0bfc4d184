"""Documents attached to articles: accepted by content, listed on the page, downloaded safely."""

import io
import struct
import zipfile
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles import services, workflow
from articles.attachments import OLE2_MAGIC
from articles.models import Article, Attachment
from tests.factories import ArticleFactory, AttachmentFactory, SectionFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            # ODF wants its mimetype first and stored; OOXML does not care.
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=method)
    return buffer.getvalue()


def ooxml(folder: str, main: str) -> bytes:
    return zipped({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": b"<Relationships/>",
        f"{folder}/{main}": b"<document/>",
    })  # fmt: skip


def odf(mimetype: str) -> bytes:
    return zipped({
        "mimetype": mimetype.encode(),
        "META-INF/manifest.xml": b"<manifest/>",
        "content.xml": b"<office:document-content/>",
    })  # fmt: skip


def compound_file(*streams: str, freed: tuple[str, ...] = ()) -> bytes:
    """A minimal OLE2 compound file: the header, then a directory sector naming ``streams``.

    ``freed``: names left in unused directory entries (type 0), as a deleted stream can be.
    """
    header = OLE2_MAGIC + bytes(512 - len(OLE2_MAGIC))

    def entry(name: str, entry_type: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return encoded.ljust(64, b"\0") + struct.pack("<HB", len(encoded), entry_type).ljust(
            64, b"\0"
        )

    directory = (
        entry("Root Entry", 5)
        + b"".join(entry(name, 2) for name in streams)
        + b"".join(entry(name, 0) for name in freed)
    )
    return header + directory.ljust(512, b"\0") + b"Workbook WordDocument".ljust(512, b"\0")


DOCX = ooxml("word", "document.xml")
XLSX = ooxml("xl", "workbook.xml")
ODT = odf("application/vnd.oasis.opendocument.text")
ODS = odf("application/vnd.oasis.opendocument.spreadsheet")
DOC = compound_file("\x01CompObj", "WordDocument", "1Table")
XLS = compound_file("Workbook", "\x05SummaryInformation")


def article_form(section, upload, title: str = "Lịch cắt điện tháng 1") -> dict:
    return {
        "title": "Thông báo lịch cắt điện",
        "section": section.pk,
        "lead": "Điện lực thông báo lịch tạm ngừng cấp điện.",
        "body": "<p>Chi tiết trong văn bản đính kèm.</p>",
        "status": "published",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-title": title,
        "attachments-0-file": upload,
        "attachments-0-order": "1",
    }


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("quyet-dinh.pdf", PDF, "pdf"),
        ("Bieu mau.docx", DOCX, "docx"),
        ("bang-gia.xlsx", XLSX, "xlsx"),
        ("van-ban.odt", ODT, "odt"),
        ("so-lieu.ods", ODS, "ods"),
        ("cong-van.doc", DOC, "doc"),
        ("bao-cao.xls", XLS, "xls"),
    ],
)
def test_admin_accepts_each_document_type_by_its_content(
    editor_client, settings, name, content, kind
):
    response = editor_client.post(
        ADD_URL, article_form(SectionFactory(), SimpleUploadedFile(name, content))
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.title, attachment.kind, attachment.size) == (
        "Lịch cắt điện tháng 1",
        kind,
        len(content),
    )
    assert attachment.file.name.startswith("documents/")
    assert attachment.file.name.endswith(f".{kind}")
    with attachment.file.open("rb") as stored:
        assert stored.read() == content


def test_a_pdf_named_docx_is_stored_and_served_as_a_pdf(
    editor_client, editor, approver, client, settings
):
    editor_client.post(
        ADD_URL,
        article_form(SectionFactory(), SimpleUploadedFile("Biểu mẫu đăng ký.docx", PDF)),
    )
    attachment = Attachment.objects.get()
    # A new article is a draft; readers download once the editor-in-chief publishes it.
    workflow.article_submit(article=attachment.article, user=editor)
    workflow.article_send_for_approval(article=attachment.article, user=editor)
    workflow.article_approve(article=attachment.article, user=approver)
    assert attachment.kind == "pdf"
    assert attachment.file.name.endswith("/bieu-mau-dang-ky.pdf")
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("thong-bao.pdf", b"<!doctype html><script>alert(1)</script>"),
        ("trang.docx", zipped({"index.html": b"<html></html>"})),
        ("macro.docx", zipped({"[Content_Types].xml": b"", "word/vbaProject.bin": b"\0"})),
        ("trinh-chieu.doc", compound_file("PowerPoint Document")),
        ("trinh-chieu.xls", compound_file("PowerPoint Document", freed=("Workbook",))),
        ("hong.xlsx", b"PK\x03\x04 not really a zip"),
        ("sach.odt", odf("application/epub+zip")),
    ],
)
def test_admin_refuses_what_is_not_a_supported_document_and_keeps_the_form(
    editor_client, settings, name, content
):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = editor_client.post(ADD_URL, article_form(SectionFactory(), upload))
    assert response.status_code == 200
    [attachments] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "attachments"
    ]
    assert attachments.forms[0].errors["file"] == [
        "Tệp này không phải là văn bản được hỗ trợ. Hãy đính kèm tệp PDF, Word (DOC, DOCX), "
        "Excel (XLS, XLSX) hoặc OpenDocument (ODT, ODS)."
    ]
    html = response.content.decode()
    assert "Điện lực thông báo lịch tạm ngừng cấp điện." in html
    assert "Lịch cắt điện tháng 1" in html
    assert not Article.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_admin_refuses_a_document_over_the_size_limit(editor_client, settings):
    settings.NEWSROOM_ATTACHMENT_MAX_BYTES = 1024
    big = PDF + b"0" * 2048
    response = editor_client.post(
        ADD_URL, article_form(SectionFactory(), SimpleUploadedFile("lon.pdf", big))
    )
    assert response.status_code == 200
    assert "Tệp quá lớn (2,0\xa0KB). Dung lượng tối đa là 1,0\xa0KB." in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_download_is_an_attachment_with_the_detected_type_and_a_vietnamese_name(client):
    attachment = AttachmentFactory(
        title="Quyết định số 12/QĐ-UBND về cắt điện", file=ContentFile(PDF, name="qd.pdf")
    )
    url = attachment.get_absolute_url()
    assert url == f"/van-ban/{attachment.pk}/quyet-dinh-so-12-qd-ubnd-ve-cat-dien.pdf"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    expected_name = quote("Quyết định số 12 QĐ-UBND về cắt điện.pdf", safe="")
    assert response["Content-Disposition"] == (
        'attachment; filename="quyet-dinh-so-12-qd-ubnd-ve-cat-dien.pdf"; '
        f"filename*=UTF-8''{expected_name}"
    )
    assert b"".join(response.streaming_content) == PDF


def test_download_type_comes_from_the_detected_kind_not_the_stored_name(client):
    attachment = AttachmentFactory(kind="xlsx", file=ContentFile(XLSX, name="bang-gia"))
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_download_says_nosniff_even_if_the_site_wide_header_is_turned_off(client, settings):
    settings.SECURE_CONTENT_TYPE_NOSNIFF = False
    attachment = AttachmentFactory()
    assert client.get(attachment.get_absolute_url())["X-Content-Type-Options"] == "nosniff"


def test_download_with_an_old_name_redirects_to_the_current_one(client):
    attachment = AttachmentFactory(title="Biểu mẫu mới")
    response = client.get(f"/van-ban/{attachment.pk}/bieu-mau-cu.doc")
    assert response.status_code == 301
    assert response["Location"] == attachment.get_absolute_url()


@pytest.mark.parametrize(
    "article_state",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"published_at": timezone.now() + timedelta(days=1)},
        {
            "published_at": timezone.now() - timedelta(days=2),
            "expires_at": timezone.now() - timedelta(minutes=1),
        },
    ],
    ids=["draft", "scheduled", "expired"],
)
def test_download_is_a_404_while_readers_may_not_see_the_article(client, article_state):
    attachment = AttachmentFactory(article=ArticleFactory(**article_state))
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_download_of_a_file_missing_from_storage_is_a_404(client):
    attachment = AttachmentFactory()
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_article_page_lists_documents_with_type_and_size(client):
    # Sizes as filesizeformat writes them: with a no-break space, so "1,2 MB" never splits.
    article = ArticleFactory()
    AttachmentFactory(article=article, title="Lịch cắt điện", order=1,
                      kind="pdf", size=int(1.2 * 1024 * 1024))  # fmt: skip
    spreadsheet = AttachmentFactory(article=article, title="Bảng giá đất", order=2,
                                    kind="xlsx", size=20 * 1024)  # fmt: skip
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Văn bản đính kèm" in html
    assert 'Lịch cắt điện</a> <span class="attachment__meta">(PDF, 1,2\xa0MB)</span>' in html
    assert 'Bảng giá đất</a> <span class="attachment__meta">(XLSX, 20,0\xa0KB)</span>' in html
    assert f'href="{spreadsheet.get_absolute_url()}"' in html
    assert html.index("Lịch cắt điện") < html.index("Bảng giá đất")


def test_article_page_without_documents_has_no_empty_list(client):
    article = ArticleFactory()
    assert "Văn bản đính kèm" not in client.get(article.get_absolute_url()).content.decode()


def test_sections_may_not_take_the_documents_path():
    with pytest.raises(ValidationError):
        services.section_slug_clean(slug="van-ban")
