"""Bulk writes through SignallingQuerySet write what they are given."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_bulk_update_with_field_names_from_a_generator_saves_them():
    article = ArticleFactory(title="Tiêu đề cũ")
    article.title = "Tiêu đề mới"

    count = Article.objects.bulk_update([article], (name for name in ["title"]))

    assert count == 1
    assert Article.objects.get(pk=article.pk).title == "Tiêu đề mới"
