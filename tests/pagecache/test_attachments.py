"""A change to an article's attached documents shows at once on its cached page."""

import pytest

from articles.models import Attachment
from tests.factories import ArticleFactory, AttachmentFactory

# Real commits, so the on_commit hooks that record changes really run.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_document_shows_at_once_on_the_cached_article_page(client):
    article = ArticleFactory()
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    AttachmentFactory(article=article, title="Lịch tiếp công dân")

    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Lịch tiếp công dân" in response.content.decode()


def test_a_renamed_or_deleted_document_shows_at_once(client):
    article = ArticleFactory()
    attachment = AttachmentFactory(article=article, title="Biểu mẫu cũ")
    url = article.get_absolute_url()
    assert "Biểu mẫu cũ" in client.get(url).content.decode()

    attachment.title = "Biểu mẫu mới"
    attachment.save()
    assert "Biểu mẫu mới" in client.get(url).content.decode()

    Attachment.objects.filter(pk=attachment.pk).update(title="Biểu mẫu sửa hàng loạt")
    assert "Biểu mẫu sửa hàng loạt" in client.get(url).content.decode()

    attachment.delete()
    assert "Biểu mẫu" not in client.get(url).content.decode()
