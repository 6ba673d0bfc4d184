"""Every reader page makes the same few queries however much content there is."""

import pytest

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
        article = ArticleFactory(section=section)
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
        assert client.get(path).status_code == 200
    # Read now: the next request's start resets the connection's query log.
    few = len(small.captured_queries)
    grow(section, author, 25)
    for _ in range(3):  # more sections on the home page too
        grow(SectionFactory(), author, 2)
    forget_navigation_sections()
    client.get(path)
    with django_assert_num_queries(few):
        response = client.get(path)
    assert response.status_code == 200
    assert 1 <= few <= 4
