"""articles/services.py: the writes, whatever calls them (admin, commands, shell)."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from articles import services
from articles.models import Article, Section
from tests.factories import ArticleFactory, SectionFactory, UserFactory


def test_unique_slug_numbers_a_taken_slug(db):
    SectionFactory(name="Hà Nội", slug="ha-noi")
    SectionFactory(name="Hà Nội cũ", slug="ha-noi-2")
    assert services.unique_slug(Section, "Hà Nội") == "ha-noi-3"


def test_unique_slug_keeps_the_rows_own_slug(db):
    section = SectionFactory(name="Đà Nẵng", slug="da-nang")
    assert services.unique_slug(Section, "Đà Nẵng", instance_pk=section.pk) == "da-nang"


def test_unique_slug_leaves_room_for_the_number_within_max_length(db):
    slug = services.unique_slug(Section, "Thành phố " * 30, max_length=24)
    assert len(slug) <= 20 and slug.startswith("thanh-pho")


def test_unique_slug_falls_back_when_nothing_is_left(db):
    assert services.unique_slug(Section, "!!!") == "muc"


def test_a_typed_section_slug_is_converted_not_refused(db):
    assert services.section_slug_clean(slug="Đà Nẵng rộn ràng") == "da-nang-ron-rang"


@pytest.mark.parametrize("slug", ["admin", "tim-kiem", "Tìm kiếm", "binh-luan"])
def test_a_section_may_not_take_a_path_the_site_uses(db, slug):
    with pytest.raises(ValidationError) as refused:
        services.section_slug_clean(slug=slug)
    assert refused.value.code == "reserved"


def test_section_save_refuses_a_reserved_slug_on_every_write_path(db):
    with pytest.raises(ValidationError):
        services.section_save(section=Section(name="Quản trị", slug="admin"))
    assert not Section.objects.filter(slug="admin").exists()


def test_a_generated_section_slug_steps_around_reserved_paths(db):
    section = services.section_save(section=Section(name="Tìm kiếm"))
    assert section.slug == "tim-kiem-chuyen-muc"


def test_published_without_a_time_is_published_now():
    before = timezone.now()
    when = services.article_publication_time(status=Article.Status.PUBLISHED, published_at=None)
    assert before <= when <= timezone.now()


def test_a_draft_keeps_no_publication_time():
    assert services.article_publication_time(status=Article.Status.DRAFT, published_at=None) is None


def test_a_chosen_publication_time_is_kept():
    tomorrow = timezone.now() + timedelta(days=1)
    kept = services.article_publication_time(status=Article.Status.PUBLISHED, published_at=tomorrow)
    assert kept == tomorrow


def test_saving_an_older_copy_is_refused_and_changes_nothing(db):
    article = ArticleFactory(title="Bản đầu")
    first_copy = Article.objects.get(pk=article.pk)
    second_copy = Article.objects.get(pk=article.pk)
    first_copy.title = "Bản của người lưu trước"
    services.article_save(article=first_copy, edited_version=first_copy.version)

    second_copy.title = "Bản cũ hơn"
    with pytest.raises(services.ArticleEditConflict) as conflict:
        services.article_save(article=second_copy, edited_version=second_copy.version)
    assert conflict.value.saved.title == "Bản của người lưu trước"
    assert Article.objects.get(pk=article.pk).title == "Bản của người lưu trước"


def test_a_save_that_does_not_say_its_version_is_refused(db):
    article = ArticleFactory(title="Bản đầu")
    article.title = "Không rõ sửa từ bản nào"
    with pytest.raises(services.ArticleEditConflict):
        services.article_save(article=article, edited_version=None)
    assert Article.objects.get(pk=article.pk).title == "Bản đầu"


def test_scripts_that_edit_no_loaded_copy_save_without_a_version(db):
    article = ArticleFactory(title="Bản đầu")
    article.title = "Sửa từ lệnh quản trị"
    services.article_save(article=article)
    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.version) == ("Sửa từ lệnh quản trị", 2)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_the_same_version_at_once_cannot_both_win():
    """The service locks the row itself: no caller's transaction is needed for that."""
    article = ArticleFactory(title="Bản đầu")
    UserFactory()
    loaded = article.version
    results: list[str] = []
    barrier = threading.Barrier(2)

    def save(title: str) -> None:
        copy = Article.objects.get(pk=article.pk)
        copy.title = title
        barrier.wait()
        try:
            services.article_save(article=copy, edited_version=loaded)
            results.append("saved")
        except services.ArticleEditConflict:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("Bản A", "Bản B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert sorted(results) == ["refused", "saved"]
    assert Article.objects.get(pk=article.pk).version == loaded + 1
