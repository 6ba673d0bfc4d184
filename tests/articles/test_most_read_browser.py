"""A read made through the real page (its beacon script, under the CSP) is counted after
the flush; a bot opening the same page is not. In a real Chromium.
"""

import pytest

from articles import readership
from articles.models import ArticleViewCount
from articles.readership import article_views_flush
from tests.articles.test_readership import READER
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOGLEBOT = (
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36 "
    "(compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
)


@pytest.fixture(autouse=True)
def _empty_buffer():
    readership._memory_buffer.take()
    readership._memory_buffer.done()


def open_article(browser, live_server, url, *, user_agent):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", user_agent=user_agent)
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    with page.expect_request(lambda r: "/luot-doc/" in r.url) as beacon:
        page.goto(url)
    response = beacon.value.response()
    assert beacon.value.method == "POST"
    context.close()
    return response.status, problems


def test_a_reader_is_counted_through_the_page_and_a_bot_is_not(browser, live_server, settings):
    settings.NEWSROOM_PAGE_CACHE = True  # the page as readers get it, from the cache
    section = SectionFactory(name="Thời sự", slug="thoi-su")
    article = ArticleFactory(section=section, title="Cầu Rồng phun lửa dịp cuối tuần")
    url = article.get_absolute_url()

    status, problems = open_article(browser, live_server, url, user_agent=READER)
    assert (status, problems) == (204, [])
    # Reloaded by the same reader: counted once.
    status, problems = open_article(browser, live_server, url, user_agent=READER)
    assert (status, problems) == (204, [])
    status, problems = open_article(browser, live_server, url, user_agent=GOOGLEBOT)
    assert (status, problems) == (204, [])
    assert not ArticleViewCount.objects.exists()  # nothing written until the flush

    article_views_flush()
    assert list(ArticleViewCount.objects.values_list("article_id", "views")) == [(article.pk, 1)]
