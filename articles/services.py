"""Writes to articles, sections and authors.

The admin, the management commands and the tests all go through these, so a
rule such as "the body is sanitised before it is stored" holds whoever writes.
"""

import contextlib
import enum
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from articles import revisions, workflow
from articles.models import Article, Author, Photo, Section, Tag
from articles.renditions import build_renditions, delete_renditions
from articles.roles import APPROVE_PERMISSION
from articles.sanitize import foreign_image_sources, sanitize_rich_text
from articles.templatetags.portal import portal_datetime
from core.text import normalize_text, plain_text_from_html, search_document, vietnamese_slugify

# First path segments the site uses itself; a section may not take them.
RESERVED_SECTION_SLUGS = frozenset(
    {"admin", "tac-gia", "tim-kiem", "ngon-ngu", "xem-truoc", "binh-luan", "captcha", "ckeditor",
     "dinh-chinh", "static", "media", "healthz", "i18n", "robots-txt", "favicon-ico", "rss",
     "van-ban", "tu-khoa", "luot-doc"}
)  # fmt: skip


def unique_slug(
    model: type[models.Model],
    value: str,
    *,
    instance_pk: int | None = None,
    max_length: int = 100,
) -> str:
    """A slug for ``value`` that no other row of ``model`` uses: ``ha-noi``, ``ha-noi-2``…"""
    base = vietnamese_slugify(value, max_length=max_length - 4) or "muc"
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=instance_pk)
        .values_list("slug", flat=True)
    )
    slug, counter = base, 2
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def section_slug_clean(*, slug: str) -> str:
    """A section slug as typed, normalised; refused if the site uses that path itself.

    Typed slugs are normalised like generated ones, so "Đà Nẵng" gives "da-nang".
    """
    slug = vietnamese_slugify(slug, max_length=120)
    if slug in RESERVED_SECTION_SLUGS:
        raise ValidationError(
            _("Đường dẫn “%(slug)s” đã được trang web dùng. Hãy chọn đường dẫn khác."),
            code="reserved",
            params={"slug": slug},
        )
    return slug


def section_save(*, section: Section) -> Section:
    section.name = normalize_text(section.name).strip()
    section.description = normalize_text(section.description).strip()
    if section.slug:
        section.slug = section_slug_clean(slug=section.slug)
    if not section.slug:
        section.slug = unique_slug(Section, section.name, instance_pk=section.pk, max_length=120)
        if section.slug in RESERVED_SECTION_SLUGS:
            section.slug = unique_slug(
                Section, f"{section.slug}-chuyen-muc", instance_pk=section.pk, max_length=120
            )
    section.save()
    return section


def sections_delete(*, sections: Iterable[Section]) -> int:
    """Delete sections (the database refuses ones that still have articles)."""
    deleted = 0
    for section in sections:
        section.delete()
        deleted += 1
    return deleted


def author_slug_clean(*, slug: str) -> str:
    """An author slug as typed, normalised like generated ones: "Phạm Huy" gives "pham-huy"."""
    return vietnamese_slugify(slug, max_length=140)


def article_slug_clean(*, slug: str) -> str:
    """An article slug as typed, normalised; empty means "make it from the title" on save."""
    return vietnamese_slugify(slug, max_length=200)


def author_save(*, author: Author) -> Author:
    author.name = normalize_text(author.name).strip()
    author.bio = normalize_text(author.bio).strip()
    if author.slug:
        author.slug = author_slug_clean(slug=author.slug)
    if not author.slug:
        author.slug = unique_slug(Author, author.name, instance_pk=author.pk, max_length=140)
    author.save()
    return author


def tag_save(*, tag: Tag) -> Tag:
    """Save a tag with its name in NFC and a Vietnamese slug made on the server."""
    tag.name = normalize_text(tag.name).strip()
    tag.slug = vietnamese_slugify(tag.slug, max_length=120) if tag.slug else ""
    if not tag.slug:
        tag.slug = unique_slug(Tag, tag.name, instance_pk=tag.pk, max_length=120)
    tag.save()
    return tag


def article_search_text(*, article: Article) -> str:
    """The folded title, lead and body that search reads on SQLite (PostgreSQL has its own)."""
    return search_document(
        title=article.title, text=f"{article.lead} {plain_text_from_html(article.body)}"
    )


def article_prepare(*, article: Article) -> Article:
    """Normalise an article's text in place, ready to be validated or saved.

    Titles pasted from other systems are often NFD; the body is cleaned of
    anything CKEditor would not produce (scripts, event handlers, ``javascript:``).
    """
    article.title = normalize_text(article.title).strip()
    article.lead = normalize_text(article.lead).strip()
    article.body = article_body_clean(body=article.body)
    article.slug = article_slug_clean(slug=article.slug)
    if not article.slug:
        # Article URLs end in the id, so the slug is for people and search
        # engines; it need not be unique, and a later title change keeps it.
        article.slug = vietnamese_slugify(article.title, max_length=200) or "bai-viet"
    article.search_text = article_search_text(article=article)
    # Publishing is the workflow's (articles/workflow.py); this only keeps a
    # published article's time when an approver clears the field.
    article.published_at = article_publication_time(
        status=article.status, published_at=article.published_at
    )
    article_expiry_clean(published_at=article.published_at, expires_at=article.expires_at)
    return article


def article_publication_time(*, status: str, published_at: datetime | None) -> datetime | None:
    """When an article with this status and time is published: "published" with no time is now."""
    if status == Article.Status.PUBLISHED and published_at is None:
        return timezone.now()
    return published_at


def article_expiry_clean(*, published_at: datetime | None, expires_at: datetime | None) -> None:
    """Refuse an expiry that is not after the publication time (the database refuses it too)."""
    if expires_at is not None and published_at is not None and expires_at <= published_at:
        raise ValidationError(
            _("Thời điểm hết hạn phải sau thời gian xuất bản (%(published)s)."),
            code="expires_before_publication",
            params={"published": portal_datetime(published_at)},
        )


def article_body_clean(*, body: str) -> str:
    """The body as it is stored: sanitised, and refused if it shows another site's images.

    Such an image is blocked on the portal's pages by the Content-Security-Policy,
    so readers would see nothing where the editor saw a picture. Raises
    ``ValidationError`` that tells the editor how to upload it instead.
    """
    body = sanitize_rich_text(normalize_text(body or ""))
    if sources := foreign_image_sources(body):
        raise ValidationError(
            _(
                "Bài có ảnh lấy từ trang khác, bạn đọc sẽ không thấy được: %(sources)s. "
                "Hãy lưu ảnh về máy, đưa lên bằng nút “Hình ảnh” trên thanh công cụ "
                "(thẻ “Tải lên”, nút “Tải lên máy chủ”), rồi xóa ảnh cũ khỏi bài."
            ),
            code="external_image",
            params={"sources": ", ".join(sources)},
        )
    return body


# The comment count is moderation's; the status is the workflow's (articles/workflow.py).
_ARTICLE_FIELDS_EDITORS_WRITE = [
    field.name
    for field in Article._meta.concrete_fields
    if not field.primary_key and field.name not in ("approved_comment_count", "status")
]


class ArticleEditConflict(Exception):
    """Someone saved the article after the copy being saved was loaded."""

    def __init__(self, saved: Article):
        super().__init__(f"article {saved.pk} is at version {saved.version}")
        self.saved = saved


class _Unchecked(enum.Enum):
    """``edited_version`` not given: the caller does not save a copy a person loaded."""

    VERSION = "unchecked"


UNCHECKED = _Unchecked.VERSION


def article_write_check(
    *, article: Article, user: User | AnonymousUser, stored: Article | None = None
) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may save ``article`` as it is stored now.

    Decided on the stored row (``stored`` when the caller has just read it),
    not on the copy being saved, so a changed status on that copy cannot open
    the door; new articles start as drafts unless the editor-in-chief writes them.
    """
    if article.pk is None:
        may_write = user.has_perm("articles.add_article") and (
            article.status == Article.Status.DRAFT or user.has_perm(APPROVE_PERMISSION)
        )
    else:
        if stored is None:
            stored = Article.objects.filter(pk=article.pk).first()
        may_write = stored is not None and workflow.user_may_edit(user=user, article=stored)
    if not may_write:
        raise PermissionDenied(_("Bạn không có quyền sửa bài này ở trạng thái hiện tại."))


@transaction.atomic
def article_save(
    *,
    article: Article,
    user: User | AnonymousUser | None = None,
    edited_version: int | _Unchecked | None = UNCHECKED,
) -> Article:
    """Save ``article``; with ``edited_version``, only if nobody saved it since that version.

    The row is locked from the check to the save, inside this transaction, so
    two editors saving at once cannot both pass. A save that does not say which
    version it edits (``None``) is refused like a stale one: it may well be
    older than what is stored. Raises ``ArticleEditConflict`` with the saved copy.
    """
    saved = None
    if article.pk is not None and edited_version is not UNCHECKED:
        saved = (
            Article.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .filter(pk=article.pk)
            .first()
        )
        if saved is not None and saved.version != edited_version:
            raise ArticleEditConflict(saved)
    if user is not None:
        article_write_check(article=article, user=user, stored=saved)
    article_prepare(article=article)
    if user is not None and user.is_authenticated:
        if article.pk is None:
            article.created_by = user
        article.updated_by = user
    if article.pk is None:
        article.save()
    else:
        article.version += 1
        # Every field but the comment count, which moderation may have changed
        # since this copy of the article was read.
        article.save(update_fields=_ARTICLE_FIELDS_EDITORS_WRITE)
    revisions.revision_for_save(article=article, user=user)
    return article


def photo_renditions_build(*, photo: Photo) -> Photo:
    """(Re)make the resized copies of ``photo`` and record them, with its size, on it.

    The size is stored too: with it empty, Django would open the image file to
    measure it every time the photo is loaded from the database.
    """
    storage = photo.image.storage
    old = list(photo.renditions)
    with photo.image.open("rb") as file, Image.open(file) as source:
        photo.width, photo.height = ImageOps.exif_transpose(source).size
        photo.renditions = build_renditions(
            source=source,
            storage=storage,
            prefix=f"photos/renditions/{photo.pk}",
            existing={r[ext] for r in old for ext in ("webp", "jpg") if r.get(ext)},
        )
    kept = {r[ext] for r in photo.renditions for ext in ("webp", "jpg")}
    stale = [
        {ext: name for ext in ("webp", "jpg") if (name := r.get(ext)) not in kept} for r in old
    ]
    # Pages name the new files from here on; only then are the old ones removed.
    photo.save(update_fields=["renditions", "width", "height"])
    delete_renditions(renditions=stale, storage=storage)
    return photo


def photos_discard_files(*, photos: Iterable[Photo]) -> None:
    """Delete what was written for new photos whose save is being undone.

    The database rolls back on its own, files do not: without this, a disk
    that fills up between a photo and its resized copies would keep files no
    row points to. Best effort, since the disk that failed may refuse this too.
    """
    for photo in photos:
        storage = photo.image.storage
        # _committed: whether the file was written to storage yet (FieldFile's, not in
        # django-stubs). A FieldFile is true when it has a name.
        committed = photo.image._committed  # type: ignore[attr-defined]
        names = [photo.image.name] if photo.image.name and committed else []
        if photo.pk is not None:
            folder = f"photos/renditions/{photo.pk}"
            with contextlib.suppress(OSError, NotImplementedError):
                names += [f"{folder}/{name}" for name in storage.listdir(folder)[1]]
        for name in names:
            with contextlib.suppress(OSError, NotImplementedError):
                storage.delete(name)
