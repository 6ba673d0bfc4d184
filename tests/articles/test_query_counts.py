"""Every reader page makes the same few queries however much content there is."""

import pytest

from articles import services
from articles.models import Article
from articles.selectors import forget_navigation_sections
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CommentFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def grow(section, author, count):
    for _ in range(count):
        # Through the service, which fills the accent-free text search reads.
        article = services.article_save(article=ArticleFactory.build(section=section))
        BylineFactory(article=article, author=author)
        CommentFactory.create_batch(2, article=article, status="approved")


@pytest.mark.parametrize("path", ["/", "/thoi-su/", "/tac-gia/dang-thu-ha/", "/tim-kiem/?q=bai"])
def test_list_pages_make_a_fixed_number_of_queries(client, path, django_assert_num_queries):
    section = SectionFactory(name="Thời sự", slug="thoi-su")
    author = AuthorFactory(name="Đặng Thu Hà", slug="dang-thu-ha")
    grow(section, author, 3)
    client.get(path)  # the menu is cached after the first page, as on a running site
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        shown_small = listed_titles(client.get(path))
    # Read now: the next request's start resets the connection's query log.
    few = len(small.captured_queries)
    grow(section, author, 25)
    for _ in range(3):  # more sections on the home page too
        grow(SectionFactory(), author, 2)
    forget_navigation_sections()
    client.get(path)
    with django_assert_num_queries(few):
        shown_large = listed_titles(client.get(path))
    # The articles, their count, the page's section or author, then two more for the
    # bylines and thumbnails of everything listed (the home page also reads its
    # featured story and section fronts; search on PostgreSQL first checks that
    # some article has the words, before trying trigram similarity).
    assert 1 <= few <= 7
    # The page lists articles both times, and more of them (or others) after growing.
    assert len(shown_small) >= 3
    assert len(shown_large) >= len(shown_small)
    assert shown_large != shown_small


def listed_titles(response) -> list[str]:
    html = response.content.decode()
    return [title for title in Article.objects.values_list("title", flat=True) if title in html]
