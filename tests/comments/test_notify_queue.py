"""With the database queue, posting only enqueues the moderators' email; a worker sends it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from articles.roles import MODERATORS_GROUP
from comments import services
from tests.factories import ArticleFactory, UserFactory

# The worker manages its own database connections, as a separate process would:
# it cannot run inside the test's transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    # As in production (TASKS_BACKEND=database); Django re-reads TASKS when it changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_posting_enqueues_and_the_worker_sends(
    database_queue, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_NOTIFY_MODERATORS = True
    moderator = UserFactory(username="kd", email="kd@toasoan.vn", is_staff=True)
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_submit(
            article=ArticleFactory(),
            name="Bạn đọc",
            title="Góp ý",
            body="Nội dung",
            ip_address="203.0.113.1",
        )
    # The reader's request is over and no mail has been sent: it waits in the queue.
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [["kd@toasoan.vn"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
