from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_includes_articles_whose_time_has_come():
    live = ArticleFactory(published_at=timezone.now() - timedelta(minutes=1))
    assert list(Article.objects.published()) == [live]


def test_published_excludes_scheduled_articles():
    ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))
    assert not Article.objects.published().exists()
    assert Article.objects.scheduled().count() == 1


def test_published_excludes_drafts_even_with_a_past_time():
    ArticleFactory(status=Article.Status.DRAFT, published_at=timezone.now() - timedelta(days=1))
    assert not Article.objects.published().exists()


def test_scheduled_article_appears_when_its_time_arrives(client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404

    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_draft_is_a_vietnamese_404_for_readers(client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_published_article_must_have_a_time():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
