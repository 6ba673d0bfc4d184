"""Revisions of articles: a snapshot after every save, compared word by word, restored.

Every save through ``article_save`` (and the publish/unpublish services) asks
for a revision with :func:`revision_for_save`. The admin saves an article's
photos and bylines (its inlines) *after* the article, so it wraps the whole
save in :func:`revisions_collected`: inside the block a save only marks the
article, and the snapshot is taken when the block ends, in the same
transaction, with the inlines saved. Outside a block the snapshot is taken at
once. Either way a revision costs a fixed number of queries (previous number,
photos, bylines, one insert), whatever the number of photos.

Restoring (:func:`article_revision_restore`) writes through the services, so
the body is sanitised again, the edit-conflict version moves on and the page
cache is invalidated by the models' signals; it records a new revision and
deletes nothing.
"""

import difflib
import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.models import Article, ArticleRevision, Author, Byline, Photo, Section

# Bumped when the snapshot's shape changes, so old revisions can still be read.
SNAPSHOT_FORMAT = 1


def may_use_revisions(user: User | AnonymousUser) -> bool:
    """Whether ``user`` may see an article's revisions and restore one: who may change articles."""
    return bool(user.is_active and user.is_staff and user.has_perm("articles.change_article"))


# --- Recording ----------------------------------------------------------------

# Articles saved inside revisions_collected(): pk -> (article, user, restored_from).
_collected: ContextVar[dict[int, tuple[Article, Any, ArticleRevision | None]] | None] = ContextVar(
    "article_revisions_collected", default=None
)


@contextmanager
def revisions_collected() -> Iterator[None]:
    """Record one revision per article saved inside the block, when the block ends.

    For writes that save an article and then its photos and bylines (the
    admin's inlines): the revision then shows them as saved. Use it inside the
    transaction of the write; if the block raises, nothing is recorded (the
    transaction is being rolled back). Blocks nest: the outermost records.
    """
    if _collected.get() is not None:
        yield
        return
    pending: dict[int, tuple[Article, Any, ArticleRevision | None]] = {}
    token = _collected.set(pending)
    try:
        yield
    finally:
        _collected.reset(token)
    for article, user, restored_from in pending.values():
        revision_create(article=article, user=user, restored_from=restored_from)


def revision_for_save(
    *,
    article: Article,
    user: User | AnonymousUser | None = None,
    restored_from: ArticleRevision | None = None,
) -> ArticleRevision | None:
    """Record that ``article`` was just saved: now, or at the end of the enclosing block."""
    pending = _collected.get()
    if pending is None:
        return revision_create(article=article, user=user, restored_from=restored_from)
    earlier = pending.get(article.pk)
    if restored_from is None and earlier is not None:
        restored_from = earlier[2]
    pending[article.pk] = (article, user, restored_from)
    return None


@transaction.atomic
def revision_create(
    *,
    article: Article,
    user: User | AnonymousUser | None = None,
    restored_from: ArticleRevision | None = None,
) -> ArticleRevision:
    """Store what ``article`` is now in the database, with who saved it."""
    last = ArticleRevision.objects.filter(article_id=article.pk).aggregate(last=Max("number"))
    return ArticleRevision.objects.create(
        article_id=article.pk,
        number=(last["last"] or 0) + 1,
        created_by=user if isinstance(user, User) else None,
        restored_from=restored_from,
        snapshot=article_snapshot(article=article),
    )


def article_snapshot(*, article: Article) -> dict[str, Any]:
    """The article's fields, photos and bylines as stored, in plain JSON types.

    Read from the database rather than from the instance: after
    ``articles_publish_now`` the instance holds an ``F()`` for its version, and
    the section given to a form may not be the one saved.
    """
    row = (
        Article.objects.filter(pk=article.pk)
        .select_related("section")
        .only("title", "lead", "body", "status", "published_at", "section__name")
        .get()
    )
    photos = Photo.objects.filter(article_id=article.pk).order_by("order", "id")
    bylines = (
        Byline.objects.filter(article_id=article.pk)
        .select_related("author")
        .only("role", "order", "author__name")
        .order_by("order", "id")
    )
    return {
        "format": SNAPSHOT_FORMAT,
        "title": row.title,
        "lead": row.lead,
        "body": row.body,
        "status": row.status,
        "published_at": row.published_at.isoformat() if row.published_at else None,
        "section": {"id": row.section_id, "name": row.section.name},
        "photos": [
            {
                "id": photo.pk,
                "image": photo.image.name,
                "caption": photo.caption,
                "credit": photo.credit,
                "alt_text": photo.alt_text,
                "order": photo.order,
            }
            # Whole rows: an image field whose size is deferred reads it back, photo by photo.
            for photo in photos
        ],
        "bylines": [
            {
                "author": byline.author_id,
                "author_name": byline.author.name,
                "role": byline.role,
                "order": byline.order,
            }
            for byline in bylines
        ],
    }


# --- Reading ------------------------------------------------------------------


def article_revisions(*, article: Article) -> list[ArticleRevision]:
    """The article's revisions, newest first, with who saved each: one query."""
    return list(
        ArticleRevision.objects.filter(article_id=article.pk)
        .select_related("created_by", "restored_from")
        .order_by("-number")
    )


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class FieldComparison:
    label: str
    old: list[Segment]
    new: list[Segment]
    changed: bool = field(default=False)


_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|tr|blockquote|figcaption|table)>|<br\s*/?>", re.I)
_TOKEN = re.compile(r"\s+|[^\s]+")


def body_as_text(body: str) -> str:
    """The stored (sanitised) HTML of a body as the words a reader reads, a line per block."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", body or "")))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """``old`` and ``new`` as segments, the words one lacks from the other marked changed.

    Plain text in, plain text out: the template escapes it, so markup in a
    title or a body is shown as typed, never interpreted.
    """
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    old_segments: list[Segment] = []
    new_segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        if i2 > i1:
            old_segments.append(Segment("".join(old_tokens[i1:i2]), changed))
        if j2 > j1:
            new_segments.append(Segment("".join(new_tokens[j1:j2]), changed))
    return _joined(old_segments), _joined(new_segments)


def _joined(segments: list[Segment]) -> list[Segment]:
    """Neighbouring segments of the same kind as one; a space between two changes is changed.

    So "thứ bảy" replaced by "chủ nhật" is marked as one change, not two words
    around an unchanged space.
    """
    marked = [
        Segment(s.text, True)
        if not s.changed
        and not s.text.strip()
        and 0 < i < len(segments) - 1
        and segments[i - 1].changed
        and segments[i + 1].changed
        else s
        for i, s in enumerate(segments)
    ]
    joined: list[Segment] = []
    for segment in marked:
        if joined and joined[-1].changed == segment.changed:
            joined[-1] = Segment(joined[-1].text + segment.text, segment.changed)
        else:
            joined.append(segment)
    return joined


def _status_label(value: str) -> str:
    try:
        return str(Article.Status(value).label)
    except ValueError:
        return value


def _time_label(value: str | None) -> str:
    from articles.templatetags.portal import portal_datetime

    moment = parse_datetime(value) if value else None
    return portal_datetime(moment) if moment else "—"


def _photos_text(snapshot: dict[str, Any]) -> str:
    lines = []
    for photo in snapshot.get("photos", []):
        credit = f" ({_('Ảnh')}: {photo['credit']})" if photo.get("credit") else ""
        lines.append(f"[{photo['image'].rsplit('/', 1)[-1]}] {photo.get('caption', '')}{credit}")
    return "\n".join(lines)


def _bylines_text(snapshot: dict[str, Any]) -> str:
    return "\n".join(
        f"{b['role']}: {b['author_name']}" if b.get("role") else b["author_name"]
        for b in snapshot.get("bylines", [])
    )


def revisions_compare(*, old: ArticleRevision, new: ArticleRevision) -> list[FieldComparison]:
    """Each field of two revisions side by side, with the changed words marked."""
    a, b = old.snapshot, new.snapshot
    fields = [
        (_("Tiêu đề"), a["title"], b["title"]),
        (_("Sapo"), a["lead"], b["lead"]),
        (_("Nội dung"), body_as_text(a["body"]), body_as_text(b["body"])),
        (_("Chuyên mục"), a["section"]["name"], b["section"]["name"]),
        (_("Trạng thái"), _status_label(a["status"]), _status_label(b["status"])),
        (_("Thời gian xuất bản"), _time_label(a["published_at"]), _time_label(b["published_at"])),
        (_("Ảnh"), _photos_text(a), _photos_text(b)),
        (_("Tác giả"), _bylines_text(a), _bylines_text(b)),
    ]
    comparisons = []
    for label, before, after in fields:
        old_segments, new_segments = word_diff(before, after)
        comparisons.append(
            FieldComparison(str(label), old_segments, new_segments, changed=before != after)
        )
    return comparisons


# --- Restoring ----------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    revision: ArticleRevision  # the new revision the restore recorded
    photos_missing: int  # photos of the old revision deleted since: not brought back
    authors_missing: int  # bylines whose author was deleted since: left out


@transaction.atomic
def article_revision_restore(
    *, revision: ArticleRevision, user: User | AnonymousUser
) -> RestoreResult:
    """Make the article read as ``revision`` did, as a new save by ``user``.

    Restored: title, lead, body, section (if it still exists), the bylines
    (those whose author still exists), and the caption, credit, description
    and order of the photos that still exist. Not restored: the status and
    publication time, which belong to the workflow (restoring an old draft
    must not unpublish a live story), photos deleted since (their files may be
    gone), and photos added since are kept: nothing is deleted but bylines.
    """
    if not may_use_revisions(user):
        raise PermissionDenied(_("Bạn không có quyền khôi phục phiên bản của bài viết."))
    snapshot = revision.snapshot
    article = (
        Article.objects.select_for_update(of=("self",))
        .select_related("section")
        .get(pk=revision.article_id)
    )
    with revisions_collected():
        article.title = snapshot["title"]
        article.lead = snapshot["lead"]
        article.body = snapshot["body"]
        section = Section.objects.filter(pk=snapshot["section"]["id"]).first()
        if section is not None:
            article.section = section
        services.article_save(article=article, user=user)
        authors_missing = _restore_bylines(article=article, bylines=snapshot["bylines"])
        photos_missing = _restore_photos(article=article, photos=snapshot["photos"])
        revision_for_save(article=article, user=user, restored_from=revision)
    restored = ArticleRevision.objects.filter(article_id=article.pk).order_by("-number").first()
    assert restored is not None
    return RestoreResult(
        revision=restored, photos_missing=photos_missing, authors_missing=authors_missing
    )


def _restore_bylines(*, article: Article, bylines: list[dict[str, Any]]) -> int:
    """Make the article's bylines those listed; returns how many were left out."""
    existing_authors = set(
        Author.objects.filter(pk__in=[b["author"] for b in bylines]).values_list("pk", flat=True)
    )
    wanted = {
        (b["author"], b["role"]): b["order"] for b in bylines if b["author"] in existing_authors
    }
    # Row by row, so the page cache hears of each author whose list changes.
    for byline in Byline.objects.filter(article_id=article.pk):
        key = (byline.author_id, byline.role)
        if key not in wanted:
            byline.delete()
            continue
        order = wanted.pop(key)
        if byline.order != order:
            byline.order = order
            byline.save(update_fields=["order"])
    for (author_id, role), order in wanted.items():
        Byline.objects.create(article_id=article.pk, author_id=author_id, role=role, order=order)
    return len(bylines) - len([b for b in bylines if b["author"] in existing_authors])


_PHOTO_TEXT_FIELDS = ("caption", "credit", "alt_text", "order")


def _restore_photos(*, article: Article, photos: list[dict[str, Any]]) -> int:
    """Give the photos that still exist their old captions; returns how many are gone."""
    by_id = {p["id"]: p for p in photos}
    found = 0
    for photo in Photo.objects.filter(article_id=article.pk, pk__in=by_id):
        found += 1
        old = by_id[photo.pk]
        changed = [name for name in _PHOTO_TEXT_FIELDS if getattr(photo, name) != old[name]]
        for name in changed:
            setattr(photo, name, old[name])
        if changed:
            photo.save(update_fields=changed)
    return len(photos) - found
