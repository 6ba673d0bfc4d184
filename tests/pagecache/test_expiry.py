"""Cached pages drop an article when its expiry passes, with nobody saving anything."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

# Real commits, so the on_commit hooks that record changes really run.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def section():
    return SectionFactory(name="Thông báo", slug="thong-bao")


def expiring(section, *, seconds: float) -> Article:
    article = Article(
        section=section,
        title="Lịch cắt điện phường Hòa Bình",
        lead="Sapo.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
        expires_at=timezone.now() + timedelta(seconds=seconds),
    )
    return services.article_save(article=article)


def test_cached_lists_and_page_drop_an_article_when_its_expiry_passes(client, section):
    article = expiring(section, seconds=1)
    neighbour = ArticleFactory(section=section, title="Tin bên cạnh")
    urls = ["/", "/thong-bao/", neighbour.get_absolute_url()]
    for url in urls:
        assert "Lịch cắt điện phường Hòa Bình" in client.get(url).content.decode(), url
        assert client.get(url)["X-Page-Cache"] == "hit", url
    assert client.get(article.get_absolute_url()).status_code == 200

    time.sleep(1.1)  # nobody saves anything: only the clock moves

    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Lịch cắt điện phường Hòa Bình" not in response.content.decode(), url
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_later_expiry_keeps_the_cached_article_until_then(client, section):
    expiring(section, seconds=3600)
    assert "Lịch cắt điện phường Hòa Bình" in client.get("/").content.decode()
    time.sleep(1.1)
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert "Lịch cắt điện phường Hòa Bình" in response.content.decode()


def test_the_sooner_of_a_publication_and_an_expiry_is_waited_for(client, section):
    """An expiry due before a later scheduled article still takes effect on time."""
    ArticleFactory(
        section=section, title="Tin hẹn giờ ngày mai", published_at=timezone.now() + timedelta(1)
    )
    expiring(section, seconds=1)
    assert "Lịch cắt điện phường Hòa Bình" in client.get("/").content.decode()
    time.sleep(1.1)
    assert "Lịch cắt điện phường Hòa Bình" not in client.get("/").content.decode()


@pytest.mark.parametrize("path", ["service", "bulk update"])
def test_moving_the_expiry_earlier_is_seen_when_the_new_time_passes(client, section, path):
    article = expiring(section, seconds=3600)
    assert "Lịch cắt điện phường Hòa Bình" in client.get("/").content.decode()
    soon = timezone.now() + timedelta(seconds=1)
    if path == "service":
        article.expires_at = soon
        services.article_save(article=article)
    else:
        Article.objects.filter(pk=article.pk).update(expires_at=soon)
    assert "Lịch cắt điện phường Hòa Bình" in client.get("/").content.decode()
    time.sleep(1.1)
    assert "Lịch cắt điện phường Hòa Bình" not in client.get("/").content.decode()
