import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Byline, Photo, Section
from articles.roles import APPROVERS_GROUP, EDITORS_GROUP, MODERATORS_GROUP, REPORTERS_GROUP
from demo import load
from demo.photos import make_demo_photo
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_demo_photos(monkeypatch):
    # The real generator is tested on its own below; small images keep this test fast.
    monkeypatch.setattr(load, "make_demo_photo", lambda seed: image_bytes(size=(60, 40)))


def run_quickstart() -> str:
    out = io.StringIO()
    call_command("quickstart", "--no-serve", stdout=out)
    return out.getvalue()


def test_quickstart_creates_accounts_and_demo_content_once(small_demo_photos):
    first = run_quickstart()
    assert "admin      password: toasoan-admin" in first
    assert "Created 32 demo articles." in first
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="bientap").groups.get().name == EDITORS_GROUP
    assert User.objects.get(username="kiemduyet").groups.get().name == MODERATORS_GROUP
    assert User.objects.get(username="phongvien").groups.get().name == REPORTERS_GROUP
    assert User.objects.get(username="tongbientap").groups.get().name == APPROVERS_GROUP
    assert "phongvien  password: toasoan-phongvien" in first
    assert "tongbientap password: toasoan-tongbientap" in first
    for account in load.DEMO_ACCOUNTS:
        assert User.objects.get(username=account.username).check_password(account.password)

    assert Section.objects.count() >= 3
    assert Article.objects.published().count() == 32
    assert Byline.objects.filter(article__isnull=False).values("article").distinct().count() == 32
    photos = Photo.objects.all()
    assert photos.count() >= 30
    assert all(p.caption and p.credit and p.alt_text and p.renditions for p in photos)
    days = {a.published_at.date() for a in Article.objects.all()}
    assert (max(days) - min(days)).days >= 21  # spread over several weeks

    counts = (User.objects.count(), Article.objects.count(), Photo.objects.count())
    second = run_quickstart()
    assert "already there" in second
    assert "The database already has articles; demo content not loaded." in second
    assert (User.objects.count(), Article.objects.count(), Photo.objects.count()) == counts


def test_demo_pages_render(client, small_demo_photos):
    run_quickstart()
    article = Article.objects.published().first()
    html = client.get(article.get_absolute_url()).content.decode()
    assert article.title.replace("&", "&amp;") in html
    assert '<strong class="article__outlet">HNP</strong> - ' in html


def test_quickstart_refuses_production(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refuses to run with DJANGO_ENV=production"):
        run_quickstart()


def test_demo_photo_is_a_deterministic_jpeg():
    first = make_demo_photo(7, width=320, height=200)
    assert first[:3] == b"\xff\xd8\xff"
    assert make_demo_photo(7, width=320, height=200) == first
    assert make_demo_photo(8, width=320, height=200) != first


def test_demo_has_tags_and_reads_so_the_home_page_shows_most_read(client, small_demo_photos):
    from articles.models import Tag

    run_quickstart()
    tags = Tag.objects.filter(articles__isnull=False).distinct()
    assert tags.count() >= 8
    assert Tag.objects.get(name="Hòa Bình").slug == "hoa-binh"
    html = client.get("/").content.decode()
    most_read = html.partition('id="most-read-heading">Đọc nhiều</h2>')[2]
    assert "Trong 24 giờ qua" in most_read and "Trong 7 ngày qua" in most_read
    assert most_read.count("<li>") == 10
    tagged = Article.objects.filter(tags__name="Hòa Bình").first()
    page = client.get(tagged.get_absolute_url()).content.decode()
    assert '<a href="/tu-khoa/hoa-binh/" rel="tag">Hòa Bình</a>' in page
    assert "Tin liên quan" in page


def test_the_demo_home_page_has_a_featured_story_with_its_photo(client, small_demo_photos):
    run_quickstart()
    featured = Article.objects.published().get(featured=True)
    assert featured.photos.exists()
    html = client.get("/").content.decode()
    block = html[html.index('<section class="featured"') :]
    assert featured.title.replace("&", "&amp;") in block[: block.index("</section>")]
