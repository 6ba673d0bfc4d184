"""The approved-comment count stored on each article stays equal to the truth.

Pages and lists read ``Article.approved_comment_count`` instead of counting;
only the comment services write it, recounting after every decision.
"""

import threading
import time

import pytest
from django.db import connection

from articles import services as article_services
from articles.models import Article
from comments import services
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def stored_count(article: Article) -> int:
    return Article.objects.get(pk=article.pk).approved_comment_count


def true_count(article: Article) -> int:
    return Comment.objects.approved().filter(article=article).count()


def test_approving_rejecting_and_deleting_keep_the_count(moderator):
    article, other = ArticleFactory(), ArticleFactory()
    comments = CommentFactory.create_batch(3, article=article)
    CommentFactory(article=other, status="approved")

    services.comments_moderate(comments=comments, status="approved", user=moderator)
    assert (stored_count(article), stored_count(other)) == (3, 1)

    services.comments_moderate(comments=comments[:1], status="spam", user=moderator)
    assert stored_count(article) == 2

    services.comments_delete(comments=comments[1:2])
    assert stored_count(article) == 1 == true_count(article)
    assert stored_count(other) == 1


def test_a_status_changed_in_the_comment_form_is_counted(moderator):
    comment = CommentFactory()
    comment.status = Comment.Status.APPROVED
    services.comment_save_by_moderator(comment=comment, user=moderator, changed_fields=["status"])
    assert stored_count(comment.article) == 1


def test_an_editor_saving_an_old_copy_of_the_article_keeps_the_count(moderator, approver):
    article = ArticleFactory()
    editors_copy = Article.objects.get(pk=article.pk)  # the edit page was opened
    comment = CommentFactory(article=article)
    services.comments_moderate(comments=[comment], status="approved", user=moderator)

    editors_copy.title = "Tiêu đề sửa sau khi bình luận được duyệt"
    article_services.article_save(article=editors_copy, user=approver)

    article.refresh_from_db()
    assert article.title == "Tiêu đề sửa sau khi bình luận được duyệt"
    assert article.approved_comment_count == 1


def test_the_article_page_and_lists_show_the_stored_count(client, moderator):
    article = ArticleFactory()
    comments = CommentFactory.create_batch(2, article=article)
    services.comments_moderate(comments=comments, status="approved", user=moderator)

    page = client.get(article.get_absolute_url()).content.decode()
    section = client.get(article.section.get_absolute_url()).content.decode()

    assert '<span class="comments__count">(2)</span>' in page
    assert ">2 bình luận</a>" in section
    # What is shown is the stored number, not a count of the rows.
    Article.objects.filter(pk=article.pk).update(approved_comment_count=7)
    page = client.get(article.get_absolute_url()).content.decode()
    section = client.get(article.section.get_absolute_url()).content.decode()
    assert '<span class="comments__count">(7)</span>' in page
    assert ">7 bình luận</a>" in section


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_moderators_deciding_on_one_article_at_once_count_both(monkeypatch):
    """The second decision waits for the first instead of counting without it.

    Without the lock, the second recount runs on a snapshot taken before the
    first committed and stores 1 instead of 2.
    """
    # Not the moderator fixture: a transactional test starts from empty tables,
    # without the groups the migrations create.
    moderator = UserFactory(username="kiemduyet", is_staff=True)
    article = ArticleFactory()
    first, second = CommentFactory.create_batch(2, article=article)
    first_has_counted = threading.Event()
    real_recount = services.approved_counts_refresh

    def slow_recount_in_first_moderator(**kwargs):
        real_recount(**kwargs)
        # Inside the first decision's transaction, after its recount.
        if threading.current_thread().name == "first":
            first_has_counted.set()
            time.sleep(0.5)

    monkeypatch.setattr(services, "approved_counts_refresh", slow_recount_in_first_moderator)
    errors = []

    def decide(comment):
        try:
            services.comments_moderate(comments=[comment], status="approved", user=moderator)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    one = threading.Thread(target=decide, args=(first,), name="first")
    one.start()
    assert first_has_counted.wait(5)
    two = threading.Thread(target=decide, args=(second,), name="second")
    two.start()
    one.join(10)
    two.join(10)

    assert errors == []
    assert stored_count(article) == 2 == true_count(article)


def test_the_migration_counts_the_comments_already_there():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("comments.migrations.0004_backfill_approved_comment_counts")
    article = ArticleFactory()
    CommentFactory.create_batch(3, article=article, status="approved")
    CommentFactory(article=article, status="pending")
    Article.objects.update(approved_comment_count=0)  # as before the migration

    migration.count_approved_comments(apps, None)

    assert stored_count(article) == 3
