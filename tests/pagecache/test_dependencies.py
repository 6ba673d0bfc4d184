"""A change re-renders the pages that show it, and only those, whatever path wrote it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client

from articles import services, workflow
from articles.models import Article, Byline
from comments import services as comment_services
from comments.models import Comment
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CommentFactory,
    PhotoFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom():
    """Two sections, two articles in each; A has a pending comment."""
    news = SectionFactory(name="Thời sự", slug="thoi-su")
    culture = SectionFactory(name="Văn hóa", slug="van-hoa")
    a = ArticleFactory(section=news, title="Bài A về cầu Rồng")
    a_neighbour = ArticleFactory(section=news, title="Bài láng giềng của A")
    b = ArticleFactory(section=culture, title="Bài B về lễ hội")
    author = AuthorFactory(name="Trần Thu Hà", slug="tran-thu-ha")
    BylineFactory(article=a, author=author)
    comment = CommentFactory(article=a, title="Ý kiến về cầu Rồng", status="pending")
    return {
        "news": news,
        "culture": culture,
        "a": a,
        "a_neighbour": a_neighbour,
        "b": b,
        "author": author,
        "comment": comment,
    }


def warm(client, *urls) -> None:
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def cache_state(client, url) -> str:
    return client.get(url)["X-Page-Cache"]


def test_a_comment_decision_on_a_leaves_b_cached_and_shows_on_a_at_once(
    client, newsroom, django_assert_num_queries, purged
):
    a, b = newsroom["a"], newsroom["b"]
    warm(
        client,
        a.get_absolute_url(),
        b.get_absolute_url(),
        newsroom["a_neighbour"].get_absolute_url(),
    )

    moderator = UserFactory(is_staff=True)
    comment_services.comments_moderate(
        comments=[newsroom["comment"]], status=Comment.Status.APPROVED, user=moderator
    )

    with django_assert_num_queries(0):
        response = client.get(b.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    # A's neighbour lists A without its comment count: untouched too.
    assert cache_state(client, newsroom["a_neighbour"].get_absolute_url()) == "hit"
    response = client.get(a.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Ý kiến về cầu Rồng" in response.content.decode()
    assert purged == [frozenset({f"article:{a.pk}:comments"})]


def test_a_reader_posting_a_comment_makes_nothing_stale(client, newsroom, purged):
    a = newsroom["a"]
    warm(client, a.get_absolute_url())
    CommentFactory(article=a, title="Chưa duyệt", status="pending")
    assert cache_state(client, a.get_absolute_url()) == "hit"
    assert purged == []


def test_the_section_list_shows_a_new_comment_count_at_once(client, newsroom):
    warm(client, "/thoi-su/")
    comment_services.comments_moderate(
        comments=[newsroom["comment"]], status=Comment.Status.APPROVED, user=UserFactory()
    )
    response = client.get("/thoi-su/")
    assert response["X-Page-Cache"] == "miss"
    assert "1 bình luận" in response.content.decode()


def test_an_edit_in_one_section_leaves_another_sections_article_cached(client, newsroom, purged):
    a, b = newsroom["a"], newsroom["b"]
    warm(client, a.get_absolute_url(), b.get_absolute_url(), "/van-hoa/", "/thoi-su/", "/")

    a.title = "Bài A về cầu Rồng phun lửa"
    services.article_save(article=a)

    assert cache_state(client, b.get_absolute_url()) == "hit"
    assert cache_state(client, "/van-hoa/") == "hit"
    for url in (a.get_absolute_url(), "/thoi-su/", "/", newsroom["a_neighbour"].get_absolute_url()):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Bài A về cầu Rồng phun lửa" in response.content.decode(), url
    # The edit changed no list: only the pages showing A.
    assert purged == [frozenset({f"article:{a.pk}"})]


def test_the_author_page_shows_a_renamed_author_at_once(client, newsroom):
    author = newsroom["author"]
    warm(client, author.get_absolute_url(), newsroom["a"].get_absolute_url())
    warm(client, newsroom["b"].get_absolute_url())
    author.name = "Trần Thu Hằng"
    services.author_save(author=author)
    assert "Trần Thu Hằng" in client.get(author.get_absolute_url()).content.decode()
    assert "Trần Thu Hằng" in client.get(newsroom["a"].get_absolute_url()).content.decode()
    assert cache_state(client, newsroom["b"].get_absolute_url()) == "hit"


def test_publishing_in_a_section_updates_its_lists_and_neighbours_only(
    client, newsroom, purged, superuser
):
    a, b = newsroom["a"], newsroom["b"]
    warm(client, a.get_absolute_url(), b.get_absolute_url(), "/thoi-su/", "/van-hoa/")
    draft = ArticleFactory(
        section=newsroom["news"],
        title="Tin mới toanh",
        status="awaiting_approval",
        published_at=None,
    )
    assert cache_state(client, "/thoi-su/") == "hit"  # an unpublished article shows nowhere

    workflow.article_approve(article=draft, user=superuser)

    assert "Tin mới toanh" in client.get("/thoi-su/").content.decode()
    assert (
        "Tin mới toanh" in client.get(a.get_absolute_url()).content.decode()
    )  # "Các bài mới đăng"
    assert cache_state(client, b.get_absolute_url()) == "hit"
    assert cache_state(client, "/van-hoa/") == "hit"
    assert f"article?section={newsroom['news'].pk}" in purged[-1]


def test_a_photo_added_shows_on_its_article(client, newsroom):
    a = newsroom["a"]
    warm(client, a.get_absolute_url(), newsroom["b"].get_absolute_url())
    PhotoFactory(article=a, caption="Cầu Rồng về đêm.")
    assert "Cầu Rồng về đêm." in client.get(a.get_absolute_url()).content.decode()
    assert cache_state(client, newsroom["b"].get_absolute_url()) == "hit"


def test_a_byline_added_shows_on_the_article_and_the_author_page(client, newsroom):
    b, author = newsroom["b"], newsroom["author"]
    warm(client, b.get_absolute_url(), author.get_absolute_url())
    Byline.objects.create(article=b, author=author)
    assert "Trần Thu Hà" in client.get(b.get_absolute_url()).content.decode()
    assert "Bài B về lễ hội" in client.get(author.get_absolute_url()).content.decode()


def assert_gone_everywhere(client, newsroom, url) -> None:
    assert client.get(url).status_code == 404
    for page in ("/", "/thoi-su/", newsroom["author"].get_absolute_url()):
        assert "Bài A về cầu Rồng" not in client.get(page).content.decode(), page
    assert (
        "Bài A về cầu Rồng"
        not in client.get(newsroom["a_neighbour"].get_absolute_url()).content.decode()
    )


def warm_everything(client, newsroom) -> str:
    url = newsroom["a"].get_absolute_url()
    warm(
        client,
        url,
        "/",
        "/thoi-su/",
        newsroom["author"].get_absolute_url(),
        newsroom["a_neighbour"].get_absolute_url(),
    )
    assert "Bài A về cầu Rồng" in client.get("/").content.decode()
    return url


def test_deleting_an_article_in_the_admin_removes_it_everywhere_at_once(client, newsroom):
    url = warm_everything(client, newsroom)
    admin = Client()
    admin.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    response = admin.post(f"/admin/articles/article/{newsroom['a'].pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=newsroom["a"].pk).exists()
    assert_gone_everywhere(client, newsroom, url)


def test_deleting_articles_with_the_admins_bulk_action_removes_them_at_once(client, newsroom):
    url = warm_everything(client, newsroom)
    admin = Client()
    admin.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    response = admin.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [newsroom["a"].pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Article.objects.filter(pk=newsroom["a"].pk).exists()
    assert_gone_everywhere(client, newsroom, url)


def test_deleting_from_a_shell_removes_it_at_once(client, newsroom):
    url = warm_everything(client, newsroom)
    Article.objects.filter(pk=newsroom["a"].pk).delete()
    assert_gone_everywhere(client, newsroom, url)


def test_a_bulk_update_from_a_shell_unpublishes_at_once(client, newsroom):
    url = warm_everything(client, newsroom)
    Article.objects.filter(pk=newsroom["a"].pk).update(status=Article.Status.DRAFT)
    assert_gone_everywhere(client, newsroom, url)


def test_migrate_command_makes_every_page_stale(client, newsroom):
    url = newsroom["b"].get_absolute_url()
    warm(client, url)
    call_command("migrate", verbosity=0)
    assert cache_state(client, url) == "miss"


def test_tracking_parameters_share_the_articles_entry(client, newsroom):
    url = newsroom["a"].get_absolute_url()
    client.get(url)
    for query in ("?utm_source=facebook&fbclid=IwAR0abc", "?x=8f3a91", "?utm_medium=zalo"):
        response = client.get(url + query)
        assert response["X-Page-Cache"] == "hit", query


def test_list_pages_keep_only_the_page_parameter(client, newsroom):
    for n in range(25):
        ArticleFactory(section=newsroom["news"], title=f"Tin cũ số {n}")
    client.get("/thoi-su/?page=2")
    assert cache_state(client, "/thoi-su/?page=2&utm_source=x") == "hit"
    assert cache_state(client, "/thoi-su/?utm_source=x") == "miss"  # page 1 is another page


def test_absolute_urls_come_from_the_site_setting_not_the_host_header(newsroom, settings):
    settings.NEWSROOM_SITE_URL = "https://tin.example.vn"
    settings.ALLOWED_HOSTS = ["tin.example.vn", "evil.example"]
    url = newsroom["a"].get_absolute_url()
    PhotoFactory(article=newsroom["a"])
    poisoned = Client(HTTP_HOST="evil.example").get(url).content.decode()
    assert "evil.example" not in poisoned
    assert f'<link rel="canonical" href="https://tin.example.vn{url}">' in poisoned
    assert 'content="https://tin.example.vn/media/' in poisoned
    honest = Client(HTTP_HOST="tin.example.vn").get(url)
    assert honest["X-Page-Cache"] == "hit"
    assert "evil.example" not in honest.content.decode()


def test_surrogate_key_names_what_the_page_shows(client, newsroom):
    a = newsroom["a"]
    response = client.get(a.get_absolute_url())
    keys = set(response["Surrogate-Key"].split())
    news = newsroom["news"]
    assert {
        "site",
        "section",
        f"article:{a.pk}",
        f"article:{a.pk}:comments",
        f"section:{news.pk}",
        f"author:{newsroom['author'].pk}",
        f"article?section={news.pk}",
        f"article:{newsroom['a_neighbour'].pk}",
    } <= keys
    assert f"article:{newsroom['b'].pk}" not in keys
    assert f"article:{newsroom['a_neighbour'].pk}:comments" not in keys
    # A hit carries the same header.
    assert set(client.get(a.get_absolute_url())["Surrogate-Key"].split()) == keys


def test_the_purge_hook_gets_exactly_the_changed_keys(newsroom, purged, superuser):
    a, news = newsroom["a"], newsroom["news"]
    workflow.article_withdraw(article=a, user=superuser, reason="Sai số liệu")
    assert purged == [
        frozenset(
            {
                f"article:{a.pk}",
                "article",  # every list of articles across sections: feeds, sitemaps
                f"article?section={news.pk}",
                f"article?author={newsroom['author'].pk}",
            }
        )
    ]
    purged.clear()
    section = newsroom["culture"]
    section.name = "Văn hóa - Nghệ thuật"
    services.section_save(section=section)
    assert purged == [frozenset({f"section:{section.pk}", "section"})]


def test_staff_pages_are_private(newsroom):
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    response = staff.get(newsroom["a"].get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "Surrogate-Key" not in response


def test_after_a_comment_decision_only_the_comment_area_is_read_again(
    client, newsroom, django_assert_num_queries
):
    """Body, photos, bylines and newer/older lists come from their cached fragments."""
    a = newsroom["a"]
    PhotoFactory(article=a, caption="Cầu Rồng về đêm.")
    url = a.get_absolute_url()
    client.get(url)
    comment_services.comments_moderate(
        comments=[newsroom["comment"]], status=Comment.Status.APPROVED, user=UserFactory()
    )
    # The article itself (for its comment count), its approved comments and their answers.
    with django_assert_num_queries(3):
        response = client.get(url)
    html = response.content.decode()
    assert response["X-Page-Cache"] == "miss"
    assert "Ý kiến về cầu Rồng" in html
    assert "Cầu Rồng về đêm." in html and "Trần Thu Hà" in html
    assert "Bài láng giềng của A" in html  # the older-articles list
    # The page still names what its cached parts show.
    assert f"author:{newsroom['author'].pk}" in response["Surrogate-Key"].split()


def test_an_edit_re_renders_the_articles_cached_parts(client, newsroom):
    a = newsroom["a"]
    url = a.get_absolute_url()
    client.get(url)
    author = newsroom["author"]
    author.name = "Trần Thu Hằng"
    services.author_save(author=author)
    assert "Trần Thu Hằng" in client.get(url).content.decode()


def test_deleting_an_article_with_no_byline_or_comment_removes_it_at_once(client, newsroom):
    """Nothing cascades here: the article's own delete must make its pages stale."""
    lone = ArticleFactory(section=newsroom["culture"], title="Tin lẻ không tác giả")
    url = lone.get_absolute_url()
    warm(client, url, "/van-hoa/")
    assert "Tin lẻ không tác giả" in client.get("/van-hoa/").content.decode()
    lone.delete()
    assert client.get(url).status_code == 404
    assert "Tin lẻ không tác giả" not in client.get("/van-hoa/").content.decode()


def test_a_bulk_update_of_a_title_shows_at_once(client, newsroom):
    a = newsroom["a"]
    warm(client, a.get_absolute_url(), "/thoi-su/")
    Article.objects.filter(pk=a.pk).update(title="Tiêu đề sửa bằng lệnh")
    assert "Tiêu đề sửa bằng lệnh" in client.get(a.get_absolute_url()).content.decode()
    assert "Tiêu đề sửa bằng lệnh" in client.get("/thoi-su/").content.decode()


def test_an_author_added_through_the_relation_shows_on_their_page(client, newsroom):
    other = AuthorFactory(name="Lê Văn Nam", slug="le-van-nam")
    b = newsroom["b"]
    warm(client, other.get_absolute_url(), b.get_absolute_url())
    b.authors.add(other, through_defaults={"order": 1})
    assert "Bài B về lễ hội" in client.get(other.get_absolute_url()).content.decode()
    assert "Lê Văn Nam" in client.get(b.get_absolute_url()).content.decode()


def test_an_article_moved_away_by_a_bulk_update_shifts_the_old_sections_next_page(
    client, newsroom, settings
):
    """Page 2 never showed the moved article, but its first item moves up to page 1."""
    news = newsroom["news"]
    for n in range(settings.NEWSROOM_ARTICLES_PER_PAGE):
        ArticleFactory(section=news, title=f"Tin thời sự cũ {n:02d}")
    client.get("/thoi-su/?page=2")
    page_two = client.get("/thoi-su/?page=2")
    assert page_two["X-Page-Cache"] == "hit"
    before = page_two.content.decode()
    newest = Article.objects.filter(section=news).order_by("-published_at", "-id").first()
    Article.objects.filter(pk=newest.pk).update(section=newsroom["culture"])
    response = client.get("/thoi-su/?page=2")
    assert response["X-Page-Cache"] == "miss"
    assert response.content.decode() != before


def test_featuring_an_article_not_on_the_home_page_re_renders_it(client, settings):
    settings.NEWSROOM_ARTICLES_PER_PAGE = 1
    settings.NEWSROOM_HOME_ARTICLES_PER_SECTION = 1
    section = SectionFactory(name="Thời sự", slug="thoi-su")
    ArticleFactory(section=section, title="Bài mới nhất")
    older = ArticleFactory(
        section=section,
        title="Bài cũ được chọn làm tiêu điểm",
        published_at=Article.objects.get().published_at - timedelta(days=3),
    )
    warm(client, "/")
    assert "Bài cũ được chọn làm tiêu điểm" not in client.get("/").content.decode()

    older.featured = True
    services.article_save(article=older)

    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Bài cũ được chọn làm tiêu điểm" in response.content.decode()
