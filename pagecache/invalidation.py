"""Which pages a write makes stale: every write, whatever its path, from the models' signals.

The receivers below are the only place that knows which dependency keys
(see ``core/dependencies.py``) a change to a model touches. They hang on
``post_save``, ``post_delete``, ``m2m_changed`` and the bulk-write signals of
``core/querysets.py``, so the admin, its bulk actions and deletes, services,
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
  another section, its time changed), also the lists of its section(s) and
  authors, which covers the newer/older lists of its neighbours; when only its
  approved-comment count changes, ``article:<id>:comments`` only;
* a comment: ``article:<id>:comments`` of its article, unless it is a new
  comment waiting for moderation, which no reader sees;
* a photo: its article; a byline: its article and its author's list;
* an author: ``author:<id>``; a section: ``section:<id>`` and the menu, which
  is on every page;
* a correction or update: its article (whose page shows it, and whose
  modified time moves) and the list of corrections (``correction``). Each
  correction a page loads records its article's key, so the article page
  depends on its notes through ``article:<id>``.
"""

import logging
import threading
from collections.abc import Collection, Iterable

from django.apps import apps
from django.conf import settings
from django.db import transaction
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

logger = logging.getLogger("pagecache")

# The fields of an article that decide which lists show it.
ARTICLE_LIST_FIELDS = frozenset({"status", "published_at", "section"})
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
    keys = {list_key(Article, section=section_id) for _pk, section_id in rows}
    authors = Byline.objects.filter(article_id__in=[pk for pk, _s in rows]).values_list(
        "author_id", flat=True
    )
    keys.update(list_key(Article, author=author_id) for author_id in set(authors))
    return keys


def _listing_state(article) -> tuple:
    return (article.status, article.published_at, article.section_id)


def _article_pre_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    instance._pagecache_before = None
    if raw or instance.pk is None:
        return
    if update_fields is not None and not (set(update_fields) & ARTICLE_LIST_FIELDS):
        return
    before = (
        sender._base_manager.filter(pk=instance.pk)
        .values_list("status", "published_at", "section_id")
        .first()
    )
    instance._pagecache_before = before


def _article_saved(sender, instance, created, raw=False, update_fields=None, **kwargs) -> None:
    published = sender.Status.PUBLISHED
    if created and instance.status != published:
        return  # a new draft: no reader sees it anywhere
    keys = article_keys([instance.pk], fields=update_fields)
    before = getattr(instance, "_pagecache_before", None)
    after = _listing_state(instance)
    if created or (before is not None and before != after and published in (before[0], after[0])):
        sections = {after[2]} | ({before[2]} if before else set())
        keys |= article_list_keys((instance.pk, section) for section in sections)
        keys_changed(keys, schedule=True)
    else:
        keys_changed(keys)


def _article_deleted(sender, instance, **kwargs) -> None:
    Article = apps.get_model("articles", "Article")
    # Its bylines went first (they cascade), and named its authors' lists then.
    keys_changed({object_key(Article, instance.pk), list_key(Article, section=instance.section_id)})


def _article_rows_changing(sender, pks, fields, **kwargs) -> None:
    if fields & ARTICLE_LIST_FIELDS:
        rows = sender._base_manager.filter(pk__in=pks).values_list("pk", "section_id")
        keys_changed(article_list_keys(rows))


def _article_rows_changed(sender, pks, fields, **kwargs) -> None:
    keys = article_keys(pks, fields=fields)
    if fields & ARTICLE_LIST_FIELDS:
        rows = sender._base_manager.filter(pk__in=pks).values_list("pk", "section_id")
        keys |= article_list_keys(rows)
    keys_changed(keys, schedule=bool(fields & ARTICLE_LIST_FIELDS))


def _comments_of(article_ids: Iterable[int]) -> set[str]:
    Article = apps.get_model("articles", "Article")
    return {object_key(Article, pk, part="comments") for pk in article_ids}


def _comment_saved(sender, instance, created, **kwargs) -> None:
    if created and instance.status != sender.Status.APPROVED:
        return  # waiting for a moderator: no reader sees it yet
    keys_changed(_comments_of([instance.article_id]))


def _comment_deleted(sender, instance, **kwargs) -> None:
    keys_changed(_comments_of([instance.article_id]))


def _comment_rows_changed(sender, pks, fields, **kwargs) -> None:
    article_ids = sender._base_manager.filter(pk__in=pks).values_list("article_id", flat=True)
    keys_changed(_comments_of(set(article_ids)))


_comment_rows_changing = _comment_rows_changed  # a comment moved to another article leaves one


def _photo_changed(sender, instance, **kwargs) -> None:
    keys_changed(article_keys([instance.article_id], fields=None))


def _photo_rows_changed(sender, pks, fields, **kwargs) -> None:
    article_ids = sender._base_manager.filter(pk__in=pks).values_list("article_id", flat=True)
    keys_changed(article_keys(set(article_ids), fields=None))


def _byline_keys(rows: Iterable[tuple[int, int]]) -> set[str]:
    Article = apps.get_model("articles", "Article")
    keys = set()
    for article_id, author_id in rows:
        keys.add(object_key(Article, article_id))
        keys.add(list_key(Article, author=author_id))
    return keys


def _byline_loaded(sender, instance, **kwargs) -> None:
    instance._pagecache_loaded_author = instance.__dict__.get("author_id")


def _byline_changed(sender, instance, **kwargs) -> None:
    rows = {(instance.article_id, instance.author_id)}
    loaded = getattr(instance, "_pagecache_loaded_author", None)
    if loaded is not None:
        rows.add((instance.article_id, loaded))
    keys_changed(_byline_keys(rows))


def _byline_rows_changed(sender, pks, fields, **kwargs) -> None:
    rows = sender._base_manager.filter(pk__in=pks).values_list("article_id", "author_id")
    keys_changed(_byline_keys(rows))


def _authors_m2m_changed(sender, instance, action, pk_set, reverse, model, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    Byline = sender
    if reverse:  # author.articles.add(...)
        filters = {"author_id": instance.pk}
        if pk_set is not None:
            filters["article_id__in"] = pk_set
    else:
        filters = {"article_id": instance.pk}
        if pk_set is not None:
            filters["author_id__in"] = pk_set
    if action == "pre_clear" or pk_set is None:
        rows = list(Byline._base_manager.filter(**filters).values_list("article_id", "author_id"))
    elif reverse:
        rows = [(article_id, instance.pk) for article_id in pk_set]
    else:
        rows = [(instance.pk, author_id) for author_id in pk_set]
    keys_changed(_byline_keys(rows))


def _author_changed(sender, instance, **kwargs) -> None:
    keys_changed({object_key(sender, instance.pk)})


def _author_rows_changed(sender, pks, fields, **kwargs) -> None:
    keys_changed({object_key(sender, pk) for pk in pks})


def _section_changed(sender, instance, **kwargs) -> None:
    keys_changed({object_key(sender, instance.pk), list_key(sender)})


def _section_rows_changed(sender, pks, fields, **kwargs) -> None:
    keys_changed({object_key(sender, pk) for pk in pks} | {list_key(sender)})


def _correction_changed(sender, instance, **kwargs) -> None:
    Article = apps.get_model("articles", "Article")
    keys_changed({object_key(Article, instance.article_id), list_key(sender)})


def _correction_rows_changed(sender, pks, fields, **kwargs) -> None:
    Article = apps.get_model("articles", "Article")
    article_ids = sender._base_manager.filter(pk__in=pks).values_list("article_id", flat=True)
    keys_changed({object_key(Article, pk) for pk in set(article_ids)} | {list_key(sender)})


_correction_rows_changing = _correction_rows_changed  # a note moved to another article


def _migrated(sender, **kwargs) -> None:
    keys_changed({SITE_KEY})


# --- What a page records when it loads a row ------------------------------------


def _article_loaded(sender, instance, **kwargs) -> None:
    if not is_recording() or instance.pk is None:
        return
    depends_on(object_key(sender, instance.pk))
    if "approved_comment_count" in instance.__dict__:
        depends_on(object_key(sender, instance.pk, part="comments"))


def _comment_loaded(sender, instance, **kwargs) -> None:
    if is_recording() and instance.pk is not None:
        depends_on(_ARTICLE_COMMENTS_KEY.format(instance.__dict__.get("article_id")))


def _row_loaded(sender, instance, **kwargs) -> None:
    if is_recording() and instance.pk is not None:
        depends_on(object_key(sender, instance.pk))


def _correction_loaded(sender, instance, **kwargs) -> None:
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
    Comment = apps.get_model("comments", "Comment")
    Correction = apps.get_model("articles", "Correction")
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
        signal.connect(_photo_changed, sender=Photo, dispatch_uid=uid)
        signal.connect(_byline_changed, sender=Byline, dispatch_uid=uid)
        signal.connect(_author_changed, sender=Author, dispatch_uid=uid)
        signal.connect(_section_changed, sender=Section, dispatch_uid=uid)
        signal.connect(_correction_changed, sender=Correction, dispatch_uid=uid)
    rows_changed.connect(_photo_rows_changed, sender=Photo, dispatch_uid=uid)
    rows_changing.connect(_byline_rows_changed, sender=Byline, dispatch_uid=uid)
    rows_changed.connect(_byline_rows_changed, sender=Byline, dispatch_uid=uid)
    rows_changed.connect(_author_rows_changed, sender=Author, dispatch_uid=uid)
    rows_changed.connect(_section_rows_changed, sender=Section, dispatch_uid=uid)
    rows_changing.connect(_correction_rows_changing, sender=Correction, dispatch_uid=uid)
    rows_changed.connect(_correction_rows_changed, sender=Correction, dispatch_uid=uid)
    m2m_changed.connect(_authors_m2m_changed, sender=Article.authors.through, dispatch_uid=uid)

    post_init.connect(_article_loaded, sender=Article, dispatch_uid=uid)
    post_init.connect(_comment_loaded, sender=Comment, dispatch_uid=uid)
    post_init.connect(_byline_loaded, sender=Byline, dispatch_uid=uid)
    post_init.connect(_row_loaded, sender=Author, dispatch_uid=uid)
    post_init.connect(_row_loaded, sender=Section, dispatch_uid=uid)
    post_init.connect(_correction_loaded, sender=Correction, dispatch_uid=uid)
    post_migrate.connect(_migrated, dispatch_uid=uid)
