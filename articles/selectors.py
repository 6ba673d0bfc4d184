"""Reads behind the public pages.

Each function returns everything its page shows in a fixed number of queries,
whatever the number of photos, bylines or sections.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber

from articles.models import Article, Author, Byline, Section
from articles.text import fold_for_search
from comments.selectors import approved_comment_count

NAVIGATION_CACHE_KEY = "articles:navigation-sections"


def navigation_sections() -> list[Section]:
    """Sections for the site's menu; cached because every page shows them.

    Saving or deleting a section through the services forgets the cached list.
    With the local-memory cache each server process has its own copy, so the
    timeout bounds how long another process can show an outdated menu.
    """
    sections = cache.get(NAVIGATION_CACHE_KEY)
    if sections is None:
        sections = list(Section.objects.only("name", "slug", "order"))
        cache.set(NAVIGATION_CACHE_KEY, sections, timeout=60)
    return sections


def forget_navigation_sections() -> None:
    cache.delete(NAVIGATION_CACHE_KEY)


def _bylines_prefetch() -> Prefetch:
    return Prefetch(
        "bylines", queryset=Byline.objects.select_related("author").order_by("order", "id")
    )


def article_listing(queryset: QuerySet[Article]) -> QuerySet[Article]:
    """The columns a list of articles shows: title, section, time, lead, approved comments."""
    return (
        queryset.select_related("section")
        .only("title", "slug", "lead", "published_at", "status", "section__name", "section__slug")
        .annotate(approved_comment_count=approved_comment_count())
    )


@dataclass(frozen=True)
class SectionFront:
    section: Section
    articles: list[Article]


def home_fronts(*, per_section: int | None = None) -> list[SectionFront]:
    """The newest published articles of every section, in two queries.

    A window function numbers each section's articles by time, so the database
    returns only the top few per section instead of one query per section.
    """
    per_section = per_section or settings.NEWSROOM_HOME_ARTICLES_PER_SECTION
    ranked = article_listing(Article.objects.published()).annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("section_id")],
            order_by=[F("published_at").desc(), F("id").desc()],
        )
    )
    by_section: dict[int, list[Article]] = {}
    for article in ranked.filter(rank__lte=per_section).order_by("-published_at", "-id"):
        by_section.setdefault(article.section_id, []).append(article)
    return [
        SectionFront(section=section, articles=by_section[section.pk])
        for section in navigation_sections()
        if section.pk in by_section
    ]


def article_for_reader(*, pk: int) -> Article | None:
    return _article_with_parts(Article.objects.published()).filter(pk=pk).first()


def article_for_preview(*, pk: int) -> Article | None:
    return _article_with_parts(Article.objects.all()).filter(pk=pk).first()


def _article_with_parts(queryset: QuerySet[Article]) -> QuerySet[Article]:
    return queryset.select_related("section").prefetch_related(_bylines_prefetch(), "photos")


def newer_articles(article: Article, *, limit: int | None = None) -> list[Article]:
    """Up to ``limit`` articles of the same section published after ``article``, newest first."""
    limit = limit or settings.NEWSROOM_RELATED_ARTICLES
    if article.published_at is None:
        return []
    closest = article_listing(
        Article.objects.published()
        .filter(section_id=article.section_id, published_at__gte=article.published_at)
        .exclude(published_at=article.published_at, id__lte=article.pk)
        .order_by("published_at", "id")
    )[:limit]
    return list(reversed(closest))


def older_articles(article: Article, *, limit: int | None = None) -> list[Article]:
    """Up to ``limit`` articles of the same section published before ``article``, newest first."""
    limit = limit or settings.NEWSROOM_RELATED_ARTICLES
    if article.published_at is None:
        return []
    return list(
        article_listing(
            Article.objects.published()
            .filter(section_id=article.section_id, published_at__lte=article.published_at)
            .exclude(published_at=article.published_at, id__gte=article.pk)
            .order_by("-published_at", "-id")
        )[:limit]
    )


def section_articles(section: Section) -> QuerySet[Article]:
    return article_listing(Article.objects.published().filter(section=section)).order_by(
        "-published_at", "-id"
    )


def author_articles(author: Author) -> QuerySet[Article]:
    return article_listing(
        Article.objects.published().filter(bylines__author=author).distinct()
    ).order_by("-published_at", "-id")


def search_articles(query: str) -> QuerySet[Article]:
    """Published articles whose title or lead contain every word of ``query``, accents ignored."""
    words = fold_for_search(query).split()[:8]
    queryset = Article.objects.published()
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return article_listing(queryset).order_by("-published_at", "-id")
