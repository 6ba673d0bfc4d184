"""An editor saves an article with a photo while the media disk is full or read-only.

Tests run as root, for whom a directory without write permission is still
writable, so the failing disk is played by a storage whose writes raise the
error the operating system would (the one thing here that leaves the process).
The editor must get the reason in Vietnamese, with the form as they filled it,
and nothing of the article may be left behind: no rows, no files.
"""

import errno
import os
import re

import pytest
from ckeditor_uploader import utils as ckeditor_utils
from django.core.files.base import ContentFile
from django.core.files.storage import DefaultStorage, FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import services
from articles.models import Article, Byline, Photo
from tests.conftest import image_bytes
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
UPLOAD_URL = "/ckeditor/upload/"
ADMIN_MESSAGE = (
    "Không lưu được ảnh: máy chủ hết dung lượng hoặc không ghi được thư mục ảnh. "
    "Bài viết chưa được lưu; nội dung bạn nhập vẫn còn trong biểu mẫu"
)
UPLOAD_MESSAGE = "Không lưu được ảnh: máy chủ hết dung lượng hoặc không ghi được thư mục ảnh."


class ReadOnlyStorage(FileSystemStorage):
    def _save(self, name, content):
        raise OSError(errno.EROFS, "Read-only file system", name)


class NoPermissionStorage(FileSystemStorage):
    def _save(self, name, content):
        raise PermissionError(errno.EACCES, "Permission denied", name)


class FullDiskStorage(FileSystemStorage):
    def _save(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device", name)


class FillsUpAfterOneFileStorage(FileSystemStorage):
    """The photo itself fits; the disk is full by the time its resized copies are written."""

    files_written = 0

    def _save(self, name, content):
        if FillsUpAfterOneFileStorage.files_written >= 1:
            raise OSError(errno.ENOSPC, "No space left on device", name)
        FillsUpAfterOneFileStorage.files_written += 1
        return super()._save(name, content)


BROKEN_DISKS = {
    "read-only": ReadOnlyStorage,
    "no permission": NoPermissionStorage,
    "disk full": FullDiskStorage,
}
FAILING_DISKS = {**BROKEN_DISKS, "full after the photo": FillsUpAfterOneFileStorage}


@pytest.fixture
def media_disk(settings, monkeypatch):
    """Switch the default storage to one of the failing disks above (or back)."""

    project_backend = settings.STORAGES["default"]["BACKEND"]

    def use(storage_class: type | None) -> None:
        backend = project_backend
        if storage_class is not None:
            backend = f"{__name__}.{storage_class.__name__}"
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend}}
        # django-ckeditor resolves its storage once, at import; make it look again.
        monkeypatch.setattr(ckeditor_utils, "storage", DefaultStorage())
        FillsUpAfterOneFileStorage.files_written = 0

    yield use
    FillsUpAfterOneFileStorage.files_written = 0


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def article_with_photo(section, author) -> dict:
    return {
        "title": "Khánh thành cầu Thủ Thiêm 2",
        "section": section.pk,
        "lead": "Sáng nay, cây cầu nối hai bờ sông Sài Gòn chính thức thông xe.",
        "body": "<p>Hàng nghìn người dân có mặt từ sớm.</p>",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-author": author.pk,
        "bylines-0-role": "Thực hiện",
        "bylines-0-order": "1",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "photos-0-image": SimpleUploadedFile(
            "cau-thu-thiem.jpg", image_bytes(size=(900, 600)), content_type="image/jpeg"
        ),
        "photos-0-caption": "Người dân đi bộ trên cầu trong ngày thông xe.",
        "photos-0-credit": "Quốc Huy",
        "photos-0-alt_text": "Cầu Thủ Thiêm 2 đông người đi bộ",
        "photos-0-order": "1",
    }


@pytest.mark.parametrize("disk", FAILING_DISKS.values(), ids=FAILING_DISKS.keys())
def test_article_with_photo_on_a_failing_disk_is_not_saved_and_the_editor_is_told(
    editor_client, settings, media_disk, disk
):
    media_disk(disk)
    response = editor_client.post(ADD_URL, article_with_photo(SectionFactory(), AuthorFactory()))

    assert response.status_code == 200
    html = response.content.decode()
    assert ADMIN_MESSAGE in html
    # What the editor typed is still there to send again.
    assert "Khánh thành cầu Thủ Thiêm 2" in html
    assert "Người dân đi bộ trên cầu trong ngày thông xe." in html
    assert "Traceback" not in html and "OSError" not in html and "Errno" not in html
    assert not Article.objects.exists()
    assert not Photo.objects.exists()
    assert not Byline.objects.exists()
    assert stored_files(settings) == []


def test_photo_added_to_a_live_article_on_a_full_disk_changes_nothing(
    approver_client, settings, media_disk
):
    article = ArticleFactory(title="Bài đang hiển thị")
    media_disk(FillsUpAfterOneFileStorage)
    data = article_with_photo(article.section, AuthorFactory())
    data |= {"loaded_version": article.version, "title": "Tiêu đề sửa lại"}
    # The editor-in-chief: a live article is theirs to change.
    response = approver_client.post(f"/admin/articles/article/{article.pk}/change/", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert ADMIN_MESSAGE in html
    assert "Tiêu đề sửa lại" in html
    saved = Article.objects.get()
    assert (saved.title, saved.version) == ("Bài đang hiển thị", article.version)
    assert not Photo.objects.exists()
    assert not Byline.objects.exists()
    assert stored_files(settings) == []


def test_the_same_form_saves_once_the_disk_has_room_again(editor_client, settings, media_disk):
    section, author = SectionFactory(), AuthorFactory()
    media_disk(FullDiskStorage)
    assert editor_client.post(ADD_URL, article_with_photo(section, author)).status_code == 200

    media_disk(None)
    response = editor_client.post(ADD_URL, article_with_photo(section, author))

    assert response.status_code == 302
    article = Article.objects.get()
    assert [b.author for b in article.bylines.all()] == [author]
    photo = Photo.objects.get()
    assert photo.renditions  # resized copies made this time
    assert len(stored_files(settings)) == 1 + 2 * len(photo.renditions)


@pytest.mark.parametrize("disk", BROKEN_DISKS.values(), ids=BROKEN_DISKS.keys())
def test_editor_upload_on_a_failing_disk_answers_a_json_error(
    editor_client, settings, media_disk, disk
):
    media_disk(disk)
    upload = SimpleUploadedFile("anh.jpg", image_bytes(), content_type="image/jpeg")
    response = editor_client.post(UPLOAD_URL, {"upload": upload})

    assert response.status_code == 503
    assert response.json() == {"uploaded": 0, "error": {"message": UPLOAD_MESSAGE}}
    assert stored_files(settings) == []


def test_upload_dialog_on_a_full_disk_gets_the_error_through_its_callback(
    editor_client, settings, media_disk
):
    media_disk(FullDiskStorage)
    upload = SimpleUploadedFile("anh.jpg", image_bytes(), content_type="image/jpeg")
    response = editor_client.post(f"{UPLOAD_URL}?CKEditorFuncNum=7", {"upload": upload})

    html = response.content.decode()
    assert f'callFunction(7, "", "{UPLOAD_MESSAGE}")' in html
    assert stored_files(settings) == []


class DiskFillsUp:
    """The media disk runs out of room part-way through a file, as a real one does.

    The storage creates the file, the operating system takes some of its bytes
    and then refuses the rest with ENOSPC. The first ``files_that_fit`` files
    under MEDIA_ROOT are written whole; the next gets half its bytes.
    """

    def __init__(self, media_root, files_that_fit: int):
        self.media_root = str(media_root)
        self.files_left = files_that_fit
        self.real_fdopen = os.fdopen

    def fdopen(self, fd, *args, **kwargs):
        file = self.real_fdopen(fd, *args, **kwargs)
        if not os.readlink(f"/proc/self/fd/{fd}").startswith(self.media_root):
            return file
        if self.files_left > 0:
            self.files_left -= 1
            return file
        return _FillingFile(file)


class _FillingFile:
    def __init__(self, file):
        self._file = file

    def write(self, data):
        self._file.write(data[: len(data) // 2])
        self._file.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self._file, name)


@pytest.fixture
def disk_fills_up(settings, monkeypatch):
    def fill(*, files_that_fit: int) -> None:
        disk = DiskFillsUp(settings.MEDIA_ROOT, files_that_fit)
        monkeypatch.setattr(os, "fdopen", disk.fdopen)

    return fill


def test_editor_upload_on_a_disk_that_fills_up_leaves_no_partial_file(
    editor_client, settings, disk_fills_up
):
    disk_fills_up(files_that_fit=0)
    upload = SimpleUploadedFile("anh.jpg", image_bytes(), content_type="image/jpeg")
    response = editor_client.post(UPLOAD_URL, {"upload": upload})

    assert response.status_code == 503
    assert response.json() == {"uploaded": 0, "error": {"message": UPLOAD_MESSAGE}}
    assert stored_files(settings) == []


# 0: the photo itself is cut off; 1 and 2: a resized copy is (WebP, then JPEG).
@pytest.mark.parametrize("files_that_fit", [0, 1, 2])
def test_article_photo_on_a_disk_that_fills_up_leaves_no_partial_file(
    editor_client, settings, disk_fills_up, files_that_fit
):
    disk_fills_up(files_that_fit=files_that_fit)
    response = editor_client.post(ADD_URL, article_with_photo(SectionFactory(), AuthorFactory()))

    assert response.status_code == 200
    html = response.content.decode()
    assert ADMIN_MESSAGE in html
    assert "Khánh thành cầu Thủ Thiêm 2" in html
    assert not Article.objects.exists()
    assert not Photo.objects.exists()
    assert stored_files(settings) == []


def test_rebuilding_renditions_on_a_disk_that_fills_up_leaves_no_partial_file(
    settings, disk_fills_up
):
    photo = PhotoFactory(image=ContentFile(image_bytes(size=(900, 600)), name="lon.jpg"))
    before = stored_files(settings)
    disk_fills_up(files_that_fit=1)
    with pytest.raises(OSError):
        services.photo_renditions_build(photo=photo)
    # The copy written before the disk filled up is whole; the next one is gone.
    [written] = [p for p in stored_files(settings) if p not in before]
    # Renditions are named by width and content (written once): 480-<digest>.webp.
    assert re.fullmatch(r"480-[0-9a-f]{16}\.webp", written.name), written.name
    with Image.open(written) as image:
        image.load()
