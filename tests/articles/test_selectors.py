"""articles/selectors.py: the reads behind the public pages."""

from datetime import timedelta

from django.utils import timezone

from articles import selectors
from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory


def test_neighbouring_articles_are_the_same_sections_just_before_and_after(db):
    section, other = SectionFactory(), SectionFactory()
    now = timezone.now()
    articles = [
        ArticleFactory(section=section, title=f"Tin {n}", published_at=now - timedelta(hours=n))
        for n in range(1, 8)
    ]
    ArticleFactory(section=other, title="Chuyên mục khác", published_at=now - timedelta(hours=4))
    ArticleFactory(
        section=section, title="Bản nháp", status=Article.Status.DRAFT, published_at=None
    )
    middle = articles[3]  # Tin 4

    newer, older = selectors.neighbouring_articles(middle, limit=2)

    assert [a.title for a in newer] == ["Tin 2", "Tin 3"]
    assert [a.title for a in older] == ["Tin 5", "Tin 6"]


def test_articles_published_at_the_same_moment_are_ordered_by_id(db):
    moment = timezone.now() - timedelta(hours=1)
    first = ArticleFactory(title="Trước", published_at=moment)
    second = ArticleFactory(section=first.section, title="Sau", published_at=moment)

    newer, older = selectors.neighbouring_articles(first)
    assert [a.pk for a in newer] == [second.pk] and older == []
    newer, older = selectors.neighbouring_articles(second)
    assert newer == [] and [a.pk for a in older] == [first.pk]


def test_a_draft_has_no_neighbours(db):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert selectors.neighbouring_articles(draft) == ([], [])
