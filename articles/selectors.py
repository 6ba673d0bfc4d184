"""Reads behind the public pages.

Each function returns everything its page shows in a fixed number of queries,
whatever the number of photos, bylines or sections.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Window, prefetch_related_objects
from django.db.models.functions import RowNumber

from articles import readership
from articles.models import (
    Article,
    ArticleViewCount,
    Attachment,
    Author,
    Byline,
    Photo,
    Section,
    Tag,
)
from core.dependencies import depends_on, list_key
from core.text import search_words

NAVIGATION_CACHE_KEY = "articles:navigation-sections"


def navigation_sections() -> list[Section]:
    """Sections for the site's menu; cached because every page shows them.

    Any change to a section forgets the cached list (``articles/signals.py``).
    With the local-memory cache each server process has its own copy, so the
    timeout bounds how long another process can show an outdated menu.
    """
    depends_on(list_key(Section))
    sections: list[Section] | None = cache.get(NAVIGATION_CACHE_KEY)
    if sections is None:
        sections = list(Section.objects.only("name", "slug", "order"))
        cache.set(NAVIGATION_CACHE_KEY, sections, timeout=60)
    return sections


def forget_navigation_sections() -> None:
    cache.delete(NAVIGATION_CACHE_KEY)


def article_listing(
    queryset: QuerySet[Article], *, also: tuple[str, ...] = ()
) -> QuerySet[Article]:
    """The columns a list of articles shows: title, section, time, lead, approved comments."""
    return queryset.select_related("section").only(
        *also,
        "title",
        "slug",
        "lead",
        "published_at",
        "status",
        "approved_comment_count",
        "section__name",
        "section__slug",
    )


def with_list_details(articles: Iterable[Article]) -> list[Article]:
    """``articles`` with what a list shows besides their columns: bylines and a thumbnail.

    Two queries whatever the number of articles: their bylines (with the
    authors) and their photos. Each article gets ``list_bylines`` and
    ``thumbnail`` (its first photo, or None).
    """
    articles = list(articles)
    prefetch_related_objects(
        articles,
        Prefetch(
            "bylines",
            queryset=Byline.objects.select_related("author").order_by("order", "id"),
            to_attr="list_bylines",
        ),
        Prefetch("photos", queryset=Photo.objects.order_by("order", "id"), to_attr="list_photos"),
    )
    for article in articles:
        photos: list[Photo] = article.list_photos  # type: ignore[attr-defined]
        article.thumbnail = photos[0] if photos else None  # type: ignore[attr-defined]
    return articles


def featured_article() -> Article | None:
    """The home page's "Tiêu điểm": the newest featured article readers may see."""
    depends_on(list_key(Article))
    return (
        article_listing(Article.objects.published().filter(featured=True))
        .order_by("-published_at", "-id")
        .first()
    )


def latest_articles() -> QuerySet[Article]:
    """Every section's articles, newest first: the home page's numbered list."""
    depends_on(list_key(Article))
    return article_listing(Article.objects.published()).order_by("-published_at", "-id")


@dataclass(frozen=True)
class SectionFront:
    section: Section
    articles: list[Article]


def home_fronts(*, per_section: int | None = None) -> list[SectionFront]:
    """The newest published articles of every section, in one query.

    Only the top few per section are read. On PostgreSQL that is one
    ``UNION ALL`` of small per-section queries, each an index range scan, so
    the cost does not grow with the number of articles. SQLite cannot limit
    the parts of a compound query, so there a window function ranks the
    articles instead (fine for the small databases SQLite serves).
    """
    per_section = per_section or settings.NEWSROOM_HOME_ARTICLES_PER_SECTION
    sections = navigation_sections()
    published = article_listing(Article.objects.published())
    if not sections:
        return []
    depends_on(*(list_key(Article, section=section.pk) for section in sections))
    if connection.features.supports_slicing_ordering_in_compound:
        parts = [
            published.filter(section_id=section.pk).order_by("-published_at", "-id")[:per_section]
            for section in sections
        ]
        articles = list(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else list(parts[0])
    else:
        ranked = published.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("section_id")],
                order_by=[F("published_at").desc(), F("id").desc()],
            )
        )
        articles = list(ranked.filter(rank__lte=per_section))
    by_section: dict[int, list[Article]] = {}
    for article in sorted(articles, key=lambda a: (a.published_at, a.pk), reverse=True):
        by_section.setdefault(article.section_id, []).append(article)
    return [
        SectionFront(section=section, articles=by_section[section.pk])
        for section in sections
        if section.pk in by_section
    ]


def article_for_reader(*, pk: int) -> Article | None:
    return Article.objects.published().select_related("section").filter(pk=pk).order_by().first()


def article_for_preview(*, pk: int) -> Article | None:
    return Article.objects.select_related("section").filter(pk=pk).order_by().first()


@dataclass(frozen=True)
class ArticleParts:
    """What the article page shows around the article itself."""

    bylines: list[Byline]
    photos: list[Photo]
    attachments: list[Attachment]
    newer: list[Article]
    older: list[Article]


def article_parts(article: Article) -> ArticleParts:
    """Bylines, photos, documents and the newer/older lists of ``article``: four queries
    (five on SQLite).

    Plain queries rather than ``prefetch_related``: for one article Django's
    prefetching machinery costs more than the queries it runs.
    """
    newer, older = neighbouring_articles(article)
    return ArticleParts(
        bylines=list(
            Byline.objects.filter(article_id=article.pk)
            .select_related("author")
            .order_by("order", "id")
        ),
        photos=list(Photo.objects.filter(article_id=article.pk).order_by("order", "id")),
        attachments=list(Attachment.objects.filter(article_id=article.pk).order_by("order", "id")),
        newer=newer,
        older=older,
    )


def neighbouring_articles(
    article: Article, *, limit: int | None = None
) -> tuple[list[Article], list[Article]]:
    """Up to ``limit`` articles of the same section published just after and just
    before ``article``, each list newest first.

    On PostgreSQL both lists come from one ``UNION ALL`` of two index range
    scans; SQLite cannot limit the parts of a compound query, so there it is
    two queries.
    """
    limit = limit or settings.NEWSROOM_RELATED_ARTICLES
    if article.published_at is None:
        return [], []
    depends_on(list_key(Article, section=article.section_id))
    # These lists show no comment counts, so a comment on a neighbour does not
    # make this page stale.
    same_section = article_listing(
        Article.objects.published().filter(section_id=article.section_id)
    ).defer("approved_comment_count")
    after = (
        same_section.filter(published_at__gte=article.published_at)
        .exclude(published_at=article.published_at, id__lte=article.pk)
        .order_by("published_at", "id")[:limit]
    )
    before = (
        same_section.filter(published_at__lte=article.published_at)
        .exclude(published_at=article.published_at, id__gte=article.pk)
        .order_by("-published_at", "-id")[:limit]
    )
    if connection.features.supports_slicing_ordering_in_compound:
        rows = list(after.union(before, all=True))
    else:
        rows = [*after, *before]
    rows.sort(key=_publication_order, reverse=True)
    here = _publication_order(article)
    return (
        [row for row in rows if _publication_order(row) > here],
        [row for row in rows if _publication_order(row) < here],
    )


def _publication_order(article: Article) -> tuple[datetime | None, int]:
    return (article.published_at, article.pk)


def section_articles(section: Section) -> QuerySet[Article]:
    depends_on(list_key(Article, section=section.pk))
    return article_listing(Article.objects.published().filter(section=section)).order_by(
        "-published_at", "-id"
    )


def tag_articles(tag: Tag) -> QuerySet[Article]:
    depends_on(list_key(Article, tag=tag.pk))
    return article_listing(Article.objects.published().filter(tags=tag)).order_by(
        "-published_at", "-id"
    )


def article_tags(article: Article) -> list[Tag]:
    """The tags of ``article``, by name: one query."""
    return list(Tag.objects.filter(articles=article).order_by("name"))


def related_articles(
    article: Article, *, tags: list[Tag], limit: int | None = None
) -> list[Article]:
    """ "Tin liên quan": reader-visible articles sharing the most tags with ``article``
    (newest first among equals), then the newest of its section; never ``article`` itself.

    Two queries whatever the numbers of tags and articles (one without tags).
    """
    limit = limit or settings.NEWSROOM_TAGGED_RELATED_ARTICLES
    tag_ids = [tag.pk for tag in tags]
    depends_on(list_key(Article, section=article.section_id))
    depends_on(*(list_key(Article, tag=pk) for pk in tag_ids))
    others = (
        article_listing(Article.objects.published())
        .defer("approved_comment_count")
        .exclude(pk=article.pk)
    )
    related: list[Article] = []
    if tag_ids:
        related = list(
            others.filter(tags__in=tag_ids)
            .annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids)))
            .order_by("-shared_tags", "-published_at", "-id")[:limit]
        )
    # Read even when the tags fill the list, so the page always makes the same queries;
    # ``limit`` of them leave enough after dropping those already listed.
    shown = {row.pk for row in related}
    same_section = others.filter(section_id=article.section_id).order_by("-published_at", "-id")
    related += [row for row in same_section[:limit] if row.pk not in shown]
    return related[:limit]


@dataclass(frozen=True)
class MostRead:
    day: list[Article]
    week: list[Article]


def most_read_articles(*, limit: int | None = None) -> MostRead:
    """The most-read visible articles of the last 24 hours and 7 days.

    The ranking comes from the cache, where the last flush of the read counts left
    it (``articles/readership.py``); the articles in one query. The pages depend
    on the ranking's key, which changes at most once per flush.
    """
    limit = limit or settings.NEWSROOM_MOST_READ_ARTICLES
    depends_on(list_key(ArticleViewCount))
    ranking = readership.most_read_ranking()
    ids = {pk for window in ranking.values() for pk in window}
    if not ids:
        return MostRead(day=[], week=[])
    articles = {
        row.pk: row
        for row in article_listing(Article.objects.published().filter(pk__in=ids)).defer(
            "approved_comment_count"
        )
    }

    def ranked(name: str) -> list[Article]:
        return [articles[pk] for pk in ranking.get(name, []) if pk in articles][:limit]

    return MostRead(day=ranked("day"), week=ranked("week"))


def author_articles(author: Author) -> QuerySet[Article]:
    depends_on(list_key(Article, author=author.pk))
    return article_listing(
        Article.objects.published().filter(bylines__author=author).distinct()
    ).order_by("-published_at", "-id")


def articles_matching(queryset: QuerySet[Article], query: str) -> QuerySet[Article]:
    """The articles of ``queryset`` whose title, lead or body contain every word of ``query``
    (the admin's search), accents and case ignored; all of them for a query with no words.

    On PostgreSQL each word is answered by the trigram index on ``search_text``.
    Readers' search ranks its results: ``articles.search``.
    """
    for word in search_words(query)[:8]:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


@dataclass(frozen=True)
class FeedItem:
    """An article as a feed shows it: with its bylines and first photo."""

    article: Article
    bylines: list[Byline]
    photo: Photo | None


def feed_articles(
    *,
    limit: int,
    section: Section | None = None,
    author: Author | None = None,
    tag: Tag | None = None,
) -> list[FeedItem]:
    """The newest published articles for a feed, with their section, bylines and first photo.

    Three queries whatever the number of items: the articles, then the bylines
    and the photos of all of them.
    """
    queryset = Article.objects.published().select_related("section")
    if section is not None:
        depends_on(list_key(Article, section=section.pk))
        queryset = queryset.filter(section=section)
    elif author is not None:
        depends_on(list_key(Article, author=author.pk))
        queryset = queryset.filter(bylines__author=author).distinct()
    elif tag is not None:
        depends_on(list_key(Article, tag=tag.pk))
        queryset = queryset.filter(tags=tag)
    else:
        depends_on(list_key(Article))
    articles = list(queryset.order_by("-published_at", "-id")[:limit])
    ids = [article.pk for article in articles]
    bylines: dict[int, list[Byline]] = {}
    for byline in (
        Byline.objects.filter(article_id__in=ids).select_related("author").order_by("order", "id")
    ):
        bylines.setdefault(byline.article_id, []).append(byline)
    first_photos: dict[int, Photo] = {}
    for photo in Photo.objects.filter(article_id__in=ids).order_by("-order", "-id"):
        first_photos[photo.article_id] = photo  # the last written is the first in order
    return [
        FeedItem(
            article=article, bylines=bylines.get(article.pk, []), photo=first_photos.get(article.pk)
        )
        for article in articles
    ]


def attachment_for_reader(*, pk: int) -> Attachment | None:
    """The attached document, if its article is one readers may see now."""
    return (
        Attachment.objects.filter(pk=pk, article__in=Article.objects.published()).order_by().first()
    )
