"""RSS 2.0 feeds of the newest published articles: the whole site, a section, an author, a tag.

Django's syndication framework writes the XML. Every URL in a feed is absolute
and starts with ``NEWSROOM_SITE_URL``, never with the request's Host, because
feeds are cached like pages (``pagecache``) and read far from this site.
"""

import mimetypes
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from articles import selectors
from articles.models import Author, Section, Tag
from articles.selectors import FeedItem

FEED_ITEMS = 30


def absolute(path: str) -> str:
    return f"{settings.NEWSROOM_SITE_URL}{path}"


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "vi"

    def title(self, obj: Any = None) -> str:
        return settings.NEWSROOM_SITE_NAME

    def description(self, obj: Any = None) -> str:
        return _("Tin mới nhất của %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}

    def link(self, obj: Any = None) -> str:
        return absolute("/")

    def feed_url(self, obj: Any = None) -> str:
        return absolute(self.path(obj))

    def path(self, obj: Any = None) -> str:
        return "/rss/"

    def items(self, obj: Any = None) -> list[FeedItem]:
        return selectors.feed_articles(limit=FEED_ITEMS)

    def item_title(self, item: FeedItem) -> str:
        return item.article.title

    def item_description(self, item: FeedItem) -> str:
        return item.article.lead

    def item_link(self, item: FeedItem) -> str:
        return absolute(item.article.get_absolute_url())

    def item_guid(self, item: FeedItem) -> str:
        return self.item_link(item)

    def item_pubdate(self, item: FeedItem) -> datetime | None:
        return item.article.published_at

    def item_updateddate(self, item: FeedItem) -> datetime:
        return item.article.updated_at

    def item_categories(self, item: FeedItem) -> list[str]:
        return [item.article.section.name]

    def item_author_name(self, item: FeedItem) -> str | None:
        names = [byline.author.name for byline in item.bylines]
        return ", ".join(names) or None

    def item_enclosures(self, item: FeedItem) -> list[Enclosure]:
        photo = item.photo
        if photo is None:
            return []
        url = photo.fallback_url
        mime_type = mimetypes.guess_type(url)[0] or "image/jpeg"
        # The length is not stored; 0 is what RSS readers accept for "unknown".
        return [Enclosure(absolute(url), "0", mime_type)]


class SectionFeed(LatestArticlesFeed):
    def get_object(
        self, request: Any, *args: Any, section_slug: str = "", **kwargs: Any
    ) -> Section:
        return get_object_or_404(Section, slug=section_slug)

    def title(self, obj: Any = None) -> str:
        return f"{obj.name} - {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj: Any = None) -> str:
        return obj.description or _("Tin mới nhất của chuyên mục %(section)s.") % {
            "section": obj.name
        }

    def link(self, obj: Any = None) -> str:
        return absolute(obj.get_absolute_url())

    def path(self, obj: Any = None) -> str:
        return f"{obj.get_absolute_url()}rss/"

    def items(self, obj: Any = None) -> list[FeedItem]:
        return selectors.feed_articles(limit=FEED_ITEMS, section=obj)


class AuthorFeed(LatestArticlesFeed):
    def get_object(self, request: Any, *args: Any, author_slug: str = "", **kwargs: Any) -> Author:
        return get_object_or_404(Author, slug=author_slug)

    def title(self, obj: Any = None) -> str:
        return f"{obj.name} - {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj: Any = None) -> str:
        return _("Bài viết mới nhất của %(author)s.") % {"author": obj.name}

    def link(self, obj: Any = None) -> str:
        return absolute(obj.get_absolute_url())

    def path(self, obj: Any = None) -> str:
        return f"{obj.get_absolute_url()}rss/"

    def items(self, obj: Any = None) -> list[FeedItem]:
        return selectors.feed_articles(limit=FEED_ITEMS, author=obj)


class TagFeed(LatestArticlesFeed):
    def get_object(self, request: Any, *args: Any, tag_slug: str = "", **kwargs: Any) -> Tag:
        return get_object_or_404(Tag, slug=tag_slug)

    def title(self, obj: Any = None) -> str:
        return f"{obj.name} - {settings.NEWSROOM_SITE_NAME}"

    def description(self, obj: Any = None) -> str:
        return _("Tin mới nhất với từ khóa %(tag)s.") % {"tag": obj.name}

    def link(self, obj: Any = None) -> str:
        return absolute(obj.get_absolute_url())

    def path(self, obj: Any = None) -> str:
        return f"{obj.get_absolute_url()}rss/"

    def items(self, obj: Any = None) -> list[FeedItem]:
        return selectors.feed_articles(limit=FEED_ITEMS, tag=obj)
