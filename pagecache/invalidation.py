"""Which pages a write makes stale: every write, whatever its path, from the models' signals.

The receivers below are the only place that knows which dependency keys
(see ``core/dependencies.py``) a change to a model touches. They hang on
``post_save``, ``post_delete`` and the bulk-write signals of
``core/querysets.py`` (which also cover ``article.authors.add()``: Django
writes the bylines with ``bulk_create`` and removes them with a delete), so
the admin, its bulk actions and deletes, services,
management commands and a shell session all invalidate without calling
anything. A data migration writes through historical models, which send
signals under other classes: ``post_migrate`` invalidates every page instead.

Changed keys are collected per thread and recorded when the transaction
commits, once for however many rows it changed. Recording them earlier
would let a reader re-render a page from the old rows under the new number,
and that page would then look current.

What each change touches:

* an article: ``article:<id>`` (its page and every list showing it); when it
  joins or leaves lists (created, deleted, published, unpublished, moved to
  another section, its time or expiry changed), also the lists of its section(s) and
  authors, which covers the newer/older lists of its neighbours; when only its
  approved-comment count changes, ``article:<id>:comments`` only;
* a comment: ``article:<id>:comments`` of its article, unless it is a new
  comment waiting for moderation, which no reader sees;
* a newsroom answer: ``article:<id>:comments`` of its comment's article (it shows
  under the comment);
* a photo or an attached document: its article; a byline: its article and its
  author's list;
* an author: ``author:<id>``; a section: ``section:<id>`` and the menu, which
  is on every page;
* a tag: ``tag:<id>`` and ``tag`` (the tags' sitemap); tagging or untagging an
  article (``m2m_changed``, either side): the article and the lists of those tags
  (``article?tag=<id>``: the tag's page and feed, and "Tin liên quan" of the
  articles sharing it);
* the most-read ranking (``articles.readership.most_read_changed``, sent by a
  flush of the read counts when the ranking moved): ``articleviewcount``, the
  most-read lists, at most once per flush and never per read;
* a correction or update: its article (whose page shows it, and whose
  modified time moves) and the list of corrections (``correction``). Each
  correction a page loads records its article's key, so the article page
  depends on its notes through ``article:<id>``.
"""

import logging
import threading
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_init,
    post_migrate,
    post_save,
    pre_save,
)
from django.utils.module_loading import import_string

from core.dependencies import SITE_KEY, depends_on, is_recording, list_key, object_key
from core.querysets import rows_changed, rows_changing

if TYPE_CHECKING:
    # For annotations only: the receivers look the models up through the app registry.
    from articles.models import Article, Author, Byline, Photo, Section
    from comments.models import Comment

logger = logging.getLogger("pagecache")

# The fields of an article that decide which lists show it.
# "featured": the home page shows the newest featured article at its top.
ARTICLE_LIST_FIELDS = frozenset({"status", "published_at", "section", "expires_at", "featured"})
COMMENT_COUNT_FIELDS = frozenset({"approved_comment_count"})

_pending = threading.local()


def keys_changed(keys: Iterable[str], *, schedule: bool = False) -> None:
    """Record that ``keys`` changed, when the current transaction commits.

    ``schedule``: an article's publication time may have changed, so the
    soonest scheduled article must be looked up again.
    """
    _pending_keys().update(keys)
    if schedule:
        _pending.schedule = True
    # Every change registers a callback; the first to run records all the keys
    # waiting, the rest find nothing. Registering only once per transaction
    # would lose the change when the savepoint it was registered in is rolled
    # back; keys left over by a rolled-back transaction are recorded with the
    # next commit, which costs a render, never a stale page.
    transaction.on_commit(_record_pending, robust=True)


def _pending_keys() -> set[str]:
    pending = getattr(_pending, "keys", None)
    if pending is None:
        pending = _pending.keys = set()
    return pending


def _record_pending() -> None:
    keys = _pending_keys()
    schedule_changed = getattr(_pending, "schedule", False)
    _pending.schedule = False
    changed = frozenset(keys)
    keys.clear()
    if changed:
        record_change(changed)
    if schedule_changed:
        from pagecache.schedule import schedule_changed as look_again

        look_again()


def record_change(keys: Collection[str]) -> None:
    """Make the pages that depend on ``keys`` stale now, and tell the purge hook."""
    from pagecache.versions import key_versions

    key_versions().bump(keys)
    hook = settings.NEWSROOM_PAGE_CACHE_PURGE_HOOK
    if hook:
        try:
            import_string(hook)(keys=frozenset(keys))
        except Exception:
            logger.exception("page cache purge hook failed", extra={"keys": len(keys)})


def purge_nothing(*, keys: frozenset[str]) -> None:
    """The default purge hook: nothing in front of the site to tell."""


# --- What each model's rows are, as pages record them --------------------------


def article_keys(pks: Iterable[int], *, fields: Collection[str] | None) -> set[str]:
    Article = apps.get_model("articles", "Article")
    if fields is not None and set(fields) <= COMMENT_COUNT_FIELDS:
        return {object_key(Article, pk, part="comments") for pk in pks}
    return {object_key(Article, pk) for pk in pks}


def article_list_keys(rows: Iterable[tuple[int, int]]) -> set[str]:
    """The lists that show the articles given as (id, section id), from the database."""
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    rows = list(rows)
    # ``article``: lists of every section at once (feeds, sitemaps).
    keys = {list_key(Article)} | {list_key(Article, section=section_id) for _pk, section_id in rows}
    ids = [pk for pk, _s in rows]
    authors = Byline.objects.filter(article_id__in=ids).values_list("author_id", flat=True)
    keys.update(list_key(Article, author=author_id) for author_id in set(authors))
    tags = Article.tags.through.objects.filter(article_id__in=ids).values_list("tag_id", flat=True)
    keys.update(list_key(Article, tag=tag_id) for tag_id in set(tags))
    return keys


# (status, published_at, section id, expires_at, featured): what decides which lists
# show an article.
type _ListingState = tuple[str, datetime | None, int, datetime | None, bool]

# Stashed on the instance between its pre_save and its post_save.
_BEFORE = "_pagecache_before"


def _listing_state(article: "Article") -> _ListingState:
    return (
        article.status,
        article.published_at,
        article.section_id,
        article.expires_at,
        article.featured,
    )


def _article_pre_save(
    sender: type["Article"],
    instance: "Article",
    raw: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: object,
) -> None:
    setattr(instance, _BEFORE, None)
    if raw or instance.pk is None:
        return
    if update_fields is not None and not (set(update_fields) & ARTICLE_LIST_FIELDS):
        return
    before = (
        sender._base_manager.filter(pk=instance.pk)
        .values_list("status", "published_at", "section_id", "expires_at", "featured")
        .first()
    )
    setattr(instance, _BEFORE, before)


def _article_saved(
    sender: type["Article"],
    instance: "Article",
    created: bool,
    raw: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: object,
) -> None:
    published = sender.Status.PUBLISHED
    if created and instance.status != published:
        return  # a new draft: no reader sees it anywhere
    keys = article_keys([instance.pk], fields=update_fields)
    before: _ListingState | None = getattr(instance, _BEFORE, None)
    after = _listing_state(instance)
    if created or (before is not None and before != after and published in (before[0], after[0])):
        sections = {after[2]} | ({before[2]} if before else set())
        keys |= article_list_keys((instance.pk, section) for section in sections)
        keys_changed(keys, schedule=True)
    else:
        keys_changed(keys)


def _article_deleted(sender: type["Article"], instance: "Article", **kwargs: object) -> None:
    Article = apps.get_model("articles", "Article")
    # Its bylines went first (they cascade), and named its authors' lists then.
    keys_changed({object_key(Article, instance.pk), list_key(Article, section=instance.section_id)})


def _article_rows_changing(
    sender: type["Article"], pks: list[int], fields: frozenset[str], **kwargs: object
) -> None:
    if fields & ARTICLE_LIST_FIELDS:
        rows = sender._base_manager.filter(pk__in=pks).values_list("pk", "section_id")
        keys_changed(article_list_keys(rows))


def _article_rows_changed(
    sender: type["Article"], pks: list[int], fields: frozenset[str], **kwargs: object
) -> None:
    keys = article_keys(pks, fields=fields)
    if fields & ARTICLE_LIST_FIELDS:
        rows = sender._base_manager.filter(pk__in=pks).values_list("pk", "section_id")
        keys |= article_list_keys(rows)
    keys_changed(keys, schedule=bool(fields & ARTICLE_LIST_FIELDS))


def _comments_of(article_ids: Iterable[int]) -> set[str]:
    Article = apps.get_model("articles", "Article")
    return {object_key(Article, pk, part="comments") for pk in article_ids}


def _comment_saved(
    sender: type["Comment"], instance: "Comment", created: bool, **kwargs: object
) -> None:
    if created and instance.status != sender.Status.APPROVED:
        return  # waiting for a moderator: no reader sees it yet
    keys_changed(_comments_of([instance.article_id]))


def _comment_deleted(sender: type["Comment"], instance: "Comment", **kwargs: object) -> None:
    keys_changed(_comments_of([instance.article_id]))


def _comment_rows_changed(
    sender: type["Comment"], pks: list[int], fields: frozenset[str], **kwargs: object
) -> None:
    article_ids = sender._base_manager.filter(pk__in=pks).values_list("article_id", flat=True)
    keys_changed(_comments_of(set(article_ids)))


_comment_rows_changing = _comment_rows_changed  # a comment moved to another article leaves one


def _answer_keys(comment_ids: Iterable[int]) -> set[str]:
    Comment = apps.get_model("comments", "Comment")
    article_ids = Comment._base_manager.filter(pk__in=set(comment_ids)).values_list(
        "article_id", flat=True
    )
    return _comments_of(set(article_ids))


def _answer_changed(sender: type[Model], instance: Any, **kwargs: object) -> None:
    keys_changed(_answer_keys([instance.comment_id]))


def _answer_rows_changed(
    sender: type[Model], pks: list[int], fields: frozenset[str], **kwargs: object
) -> None:
    comment_ids = sender._base_manager.filter(pk__in=pks).values_list("comment_id", flat=True)
    keys_changed(_answer_keys(comment_ids))


def _photo_changed(sender: type["Photo"], instance: "Photo", **kwargs: object) -> None:
    keys_changed(article_keys([instance.article_id], fields=None))


def _photo_rows_changed(
    sender: type["Photo"], pks: list[int], fields: frozenset[str], **kwargs: object
) -> None:
    article_ids = sender._base_manager.filter(pk__in=pks).values_list("article_id", flat=True)
    keys_changed(article_keys(set(article_ids), fields=None))


# An attached document shows on its article's page only, as a photo does; the
# page depends on article:<id> already, so loading one records nothing.
_attachment_changed = _photo_changed
_attachment_rows_changed = _photo_rows_changed


def _byline_keys(rows: Iterable[tuple[int, int]]) -> set[str]:
    Article = apps.get_model("articles", "Article")
    keys: set[str] = set()
    for article_id, author_id in rows:
        keys.add(object_key(Article, article_id))
        keys.add(list_key(Article, author=author_id))
    return keys


# The author a byline had when it was loaded, stashed on the instance.
_LOADED_AUTHOR = "_pagecache_loaded_author"


def _byline_loaded(sender: type["Byline"], instance: "Byline", **kwargs: object) -> None:
    setattr(instance, _LOADED_AUTHOR, instance.__dict__.get("author_id"))


def _byline_changed(sender: type["Byline"], instance: "Byline", **kwargs: object) -> None:
    rows = {(instance.article_id, instance.author_id)}
    loaded: int | None = getattr(instance, _LOADED_AUTHOR, None)
    if loaded is not None:
        rows.add((instance.article_id, loaded))
    keys_changed(_byline_keys(rows))


def _byline_rows_changed(
    sender: type["Byline"], pks: list[int], fields: frozenset[str], **kwargs: object
) -> None:
    rows = sender._base_manager.filter(pk__in=pks).values_list("article_id", "author_id")
    keys_changed(_byline_keys(rows))


def _author_changed(sender: type["Author"], instance: "Author", **kwargs: object) -> None:
    keys_changed({object_key(sender, instance.pk)})


def _author_rows_changed(
    sender: type["Author"], pks: list[int], fields: frozenset[str], **kwargs: object
) -> None:
    keys_changed({object_key(sender, pk) for pk in pks})


def _section_changed(sender: type["Section"], instance: "Section", **kwargs: object) -> None:
    keys_changed({object_key(sender, instance.pk), list_key(sender)})


def _section_rows_changed(
    sender: type["Section"], pks: list[int], fields: frozenset[str], **kwargs: object
) -> None:
    keys_changed({object_key(sender, pk) for pk in pks} | {list_key(sender)})


def _correction_changed(sender: type[Model], instance: Any, **kwargs: object) -> None:
    Article = apps.get_model("articles", "Article")
    keys_changed({object_key(Article, instance.article_id), list_key(sender)})


def _correction_rows_changed(
    sender: type[Model], pks: list[int], fields: frozenset[str], **kwargs: object
) -> None:
    Article = apps.get_model("articles", "Article")
    article_ids = sender._base_manager.filter(pk__in=pks).values_list("article_id", flat=True)
    keys_changed({object_key(Article, pk) for pk in set(article_ids)} | {list_key(sender)})


_correction_rows_changing = _correction_rows_changed  # a note moved to another article


def _tag_changed(sender: type[Model], instance: Any, **kwargs: object) -> None:
    keys_changed({object_key(sender, instance.pk), list_key(sender)})


def _tag_rows_changed(
    sender: type[Model], pks: list[int], fields: frozenset[str], **kwargs: object
) -> None:
    keys_changed({object_key(sender, pk) for pk in pks} | {list_key(sender)})


# The tags an article had before ``article.tags.clear()``, stashed between pre and post.
_CLEARED_TAGS = "_pagecache_cleared_tags"


def _tagging_changed(
    sender: type[Model],
    instance: Any,
    action: str,
    reverse: bool,
    pk_set: set[int] | None,
    **kwargs: object,
) -> None:
    """An article tagged or untagged, from either side (``article.tags``, ``tag.articles``)."""
    Article = apps.get_model("articles", "Article")
    Tag = apps.get_model("articles", "Tag")
    if action == "pre_clear":
        field = "article_id" if reverse else "tag_id"
        owner = "tag_id" if reverse else "article_id"
        related = sender._base_manager.filter(**{owner: instance.pk}).values_list(field, flat=True)
        setattr(instance, _CLEARED_TAGS, set(related))
        return
    if action == "post_clear":
        pk_set = getattr(instance, _CLEARED_TAGS, set())
    elif action not in ("post_add", "post_remove"):
        return
    pairs = (
        [(article_id, instance.pk) for article_id in pk_set or ()]
        if reverse
        else [(instance.pk, tag_id) for tag_id in pk_set or ()]
    )
    keys = {list_key(Tag)}
    for article_id, tag_id in pairs:
        keys.add(object_key(Article, article_id))
        keys.add(list_key(Article, tag=tag_id))
    if not reverse:
        keys.add(object_key(Article, instance.pk))
    keys_changed(keys)


def _most_read_changed(sender: type[Model], **kwargs: object) -> None:
    keys_changed({list_key(sender)})


def _migrated(sender: AppConfig, **kwargs: object) -> None:
    keys_changed({SITE_KEY})


# --- What a page records when it loads a row ------------------------------------


def _article_loaded(sender: type["Article"], instance: "Article", **kwargs: object) -> None:
    if not is_recording() or instance.pk is None:
        return
    depends_on(object_key(sender, instance.pk))
    if "approved_comment_count" in instance.__dict__:
        depends_on(object_key(sender, instance.pk, part="comments"))


def _comment_loaded(sender: type["Comment"], instance: "Comment", **kwargs: object) -> None:
    if is_recording() and instance.pk is not None:
        depends_on(_ARTICLE_COMMENTS_KEY.format(instance.__dict__.get("article_id")))


def _row_loaded(sender: type[Model], instance: Model, **kwargs: object) -> None:
    if is_recording() and instance.pk is not None:
        depends_on(object_key(sender, instance.pk))


def _correction_loaded(sender: type[Model], instance: Any, **kwargs: object) -> None:
    if is_recording() and instance.pk is not None:
        depends_on(_ARTICLE_KEY.format(instance.__dict__.get("article_id")))


_ARTICLE_COMMENTS_KEY = "article:{}:comments"
_ARTICLE_KEY = "article:{}"


def connect() -> None:
    """Connect every receiver above (from ``PageCacheConfig.ready``)."""
    Article = apps.get_model("articles", "Article")
    Section = apps.get_model("articles", "Section")
    Author = apps.get_model("articles", "Author")
    Byline = apps.get_model("articles", "Byline")
    Photo = apps.get_model("articles", "Photo")
    Attachment = apps.get_model("articles", "Attachment")
    Comment = apps.get_model("comments", "Comment")
    CommentAnswer = apps.get_model("comments", "CommentAnswer")
    Correction = apps.get_model("articles", "Correction")
    Tag = apps.get_model("articles", "Tag")
    from articles.readership import most_read_changed

    assert object_key(Article, 1, part="comments") == _ARTICLE_COMMENTS_KEY.format(1)
    assert object_key(Article, 1) == _ARTICLE_KEY.format(1)

    uid = "pagecache"
    pre_save.connect(_article_pre_save, sender=Article, dispatch_uid=uid)
    post_save.connect(_article_saved, sender=Article, dispatch_uid=uid)
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid=uid)
    rows_changing.connect(_article_rows_changing, sender=Article, dispatch_uid=uid)
    rows_changed.connect(_article_rows_changed, sender=Article, dispatch_uid=uid)

    post_save.connect(_comment_saved, sender=Comment, dispatch_uid=uid)
    post_delete.connect(_comment_deleted, sender=Comment, dispatch_uid=uid)
    rows_changing.connect(_comment_rows_changing, sender=Comment, dispatch_uid=uid)
    rows_changed.connect(_comment_rows_changed, sender=Comment, dispatch_uid=uid)
    for signal in (post_save, post_delete):
        signal.connect(_answer_changed, sender=CommentAnswer, dispatch_uid=uid)
    rows_changing.connect(_answer_rows_changed, sender=CommentAnswer, dispatch_uid=uid)
    rows_changed.connect(_answer_rows_changed, sender=CommentAnswer, dispatch_uid=uid)

    for signal in (post_save, post_delete):
        signal.connect(_photo_changed, sender=Photo, dispatch_uid=uid)
        signal.connect(_attachment_changed, sender=Attachment, dispatch_uid=uid)
        signal.connect(_byline_changed, sender=Byline, dispatch_uid=uid)
        signal.connect(_author_changed, sender=Author, dispatch_uid=uid)
        signal.connect(_section_changed, sender=Section, dispatch_uid=uid)
        signal.connect(_correction_changed, sender=Correction, dispatch_uid=uid)
    rows_changed.connect(_photo_rows_changed, sender=Photo, dispatch_uid=uid)
    rows_changed.connect(_attachment_rows_changed, sender=Attachment, dispatch_uid=uid)
    rows_changing.connect(_byline_rows_changed, sender=Byline, dispatch_uid=uid)
    rows_changed.connect(_byline_rows_changed, sender=Byline, dispatch_uid=uid)
    rows_changed.connect(_author_rows_changed, sender=Author, dispatch_uid=uid)
    rows_changed.connect(_section_rows_changed, sender=Section, dispatch_uid=uid)
    rows_changing.connect(_correction_rows_changing, sender=Correction, dispatch_uid=uid)
    rows_changed.connect(_correction_rows_changed, sender=Correction, dispatch_uid=uid)
    for signal in (post_save, post_delete):
        signal.connect(_tag_changed, sender=Tag, dispatch_uid=uid)
    rows_changed.connect(_tag_rows_changed, sender=Tag, dispatch_uid=uid)
    m2m_changed.connect(_tagging_changed, sender=Article.tags.through, dispatch_uid=uid)
    most_read_changed.connect(_most_read_changed, dispatch_uid=uid)

    post_init.connect(_article_loaded, sender=Article, dispatch_uid=uid)
    post_init.connect(_comment_loaded, sender=Comment, dispatch_uid=uid)
    post_init.connect(_byline_loaded, sender=Byline, dispatch_uid=uid)
    post_init.connect(_row_loaded, sender=Author, dispatch_uid=uid)
    post_init.connect(_row_loaded, sender=Section, dispatch_uid=uid)
    post_init.connect(_row_loaded, sender=Tag, dispatch_uid=uid)
    post_init.connect(_correction_loaded, sender=Correction, dispatch_uid=uid)
    post_migrate.connect(_migrated, dispatch_uid=uid)
