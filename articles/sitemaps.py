"""Sitemaps for search engines: articles (with lastmod), sections, authors, tags, Google News.

Django's sitemaps framework writes them. URLs start with ``NEWSROOM_SITE_URL``
(the framework would otherwise take the request's Host, and sitemaps are
cached like pages). Articles are read as plain values, not model instances:
a page records every row it loads as a dependency, and a sitemap of 50,000
articles depends on the list of articles, not on each one (its ``lastmod``
may lag by at most the page cache's lifetime).
"""

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Section, Tag
from core.dependencies import depends_on, list_key


class PortalSitemap(Sitemap):
    """Absolute URLs on the configured site, whatever Host the request named."""

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.NEWSROOM_SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.NEWSROOM_SITE_URL).netloc


def _article_rows(queryset):
    depends_on(list_key(Article))
    return queryset.order_by("-published_at", "-id").values(
        "pk", "slug", "title", "published_at", "updated_at", "section__slug"
    )


def _article_path(row: dict) -> str:
    return reverse(
        "articles:detail",
        kwargs={
            "section_slug": row["section__slug"],
            "slug": row["slug"] or "bai-viet",
            "pk": row["pk"],
        },
    )


class ArticleSitemap(PortalSitemap):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        return _article_rows(Article.objects.published())

    def location(self, item: dict) -> str:
        return _article_path(item)

    def lastmod(self, item: dict):
        return item["updated_at"]


class NewsSitemap(ArticleSitemap):
    """What Google News reads: articles of the last 48 hours, at most 1,000."""

    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(hours=48)
        return _article_rows(Article.objects.published().filter(published_at__gte=since))[:1000]


class SectionSitemap(PortalSitemap):
    changefreq = "hourly"

    def items(self):
        depends_on(list_key(Section))
        return Section.objects.order_by("order", "name")


class AuthorSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        depends_on(list_key(Article))
        published = Article.objects.published()
        return Author.objects.filter(bylines__article__in=published).distinct().order_by("name")


class TagSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        # Tags that readers can see an article under; a tag's page is empty otherwise.
        depends_on(list_key(Article), list_key(Tag))
        published = Article.objects.published()
        return Tag.objects.filter(articles__in=published).distinct().order_by("name")


SITEMAPS: dict[str, type[Sitemap[Any]]] = {
    "bai-viet": ArticleSitemap,
    "chuyen-muc": SectionSitemap,
    "tac-gia": AuthorSitemap,
    "tu-khoa": TagSitemap,
}
