"""The purge hook tells every Varnish which keys changed, in a task, and retries."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from comments import services as comment_services
from pagecache import varnish
from tests.conftest import free_test_port
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


class FakeVarnish:
    """An HTTP server on loopback that records PURGE requests and answers as told."""

    def __init__(self, answers: list[int] | None = None):
        self.purged: list[str] = []  # the xkey-purge header of each request
        self.answers = list(answers or [])
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                fake.purged.append(self.headers.get("xkey-purge", ""))
                status = fake.answers.pop(0) if fake.answers else 200
                self.send_response(status)
                self.send_header("xkey-purged", "3")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_test_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_varnish():
    servers: list[FakeVarnish] = []

    def start(answers=None):
        servers.append(FakeVarnish(answers))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def queued(settings):
    """Tasks are kept, not run (Django's dummy backend), so retries can be looked at."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", varnish.PURGE_QUEUE],
        }
    }
    backend = varnish.varnish_purge.get_backend()
    backend.clear()
    return backend.results


def test_approving_a_comment_purges_its_article_on_every_varnish(
    settings, fake_varnish, moderator, django_capture_on_commit_callbacks
):
    first, second = fake_varnish(), fake_varnish()
    settings.NEWSROOM_VARNISH_PURGE_URLS = [first.url, second.url]
    settings.NEWSROOM_PAGE_CACHE_PURGE_HOOK = "pagecache.varnish.purge_varnish"
    with django_capture_on_commit_callbacks(execute=True):
        comment = CommentFactory(article=ArticleFactory())
    first.purged.clear()
    second.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        comment_services.comments_moderate(comments=[comment], status="approved", user=moderator)
    expected = [f"article:{comment.article_id}:comments"]
    assert first.purged == expected
    assert second.purged == expected


def test_the_hook_only_queues_a_task_so_the_editor_does_not_wait(settings, queued):
    settings.NEWSROOM_VARNISH_PURGE_URLS = ["http://127.0.0.1:18999/"]
    varnish.purge_varnish(keys=frozenset({"article:7", "section"}))
    [result] = queued
    assert result.task.queue_name == "purges"
    assert result.kwargs == {"keys": ["article:7", "section"], "urls": ["http://127.0.0.1:18999/"]}


def test_without_varnish_configured_nothing_is_queued(settings, queued):
    settings.NEWSROOM_VARNISH_PURGE_URLS = []
    varnish.purge_varnish(keys=frozenset({"article:7"}))
    assert queued == []


def test_a_varnish_briefly_away_is_tried_again_later_and_only_it(fake_varnish, queued):
    away, up = fake_varnish(answers=[503]), fake_varnish()
    keys = ["article:1", "article:1:comments"]
    before = timezone.now()
    assert varnish.varnish_purge.call(keys=keys, urls=[away.url, up.url]) == 3
    assert away.purged == ["article:1 article:1:comments"]
    assert up.purged == ["article:1 article:1:comments"]
    [retry] = queued
    assert retry.kwargs == {"keys": keys, "urls": [away.url], "attempt": 2}
    assert retry.task.run_after >= before + timedelta(seconds=varnish.RETRY_DELAYS[0])

    # The worker runs it when its time comes; Varnish is back.
    assert varnish.varnish_purge.call(**retry.kwargs) == 3
    assert away.purged == ["article:1 article:1:comments"] * 2
    assert up.purged == ["article:1 article:1:comments"]
    assert len(queued) == 1


def test_an_unreachable_varnish_is_given_up_after_the_last_try(queued):
    closed = f"http://127.0.0.1:{free_test_port()}/"  # nothing listens there
    last = len(varnish.RETRY_DELAYS) + 1
    with pytest.raises(varnish.PurgeFailed, match=f"after {last} tries"):
        varnish.varnish_purge.call(keys=["article:1"], urls=[closed], attempt=last)
    assert queued == []


def test_a_refused_purge_fails_at_once_without_retrying(fake_varnish, queued):
    refusing = fake_varnish(answers=[403])
    with pytest.raises(varnish.PurgeFailed, match="refused"):
        varnish.varnish_purge.call(keys=["article:1"], urls=[refusing.url])
    assert queued == []


def test_many_keys_go_in_several_requests_each_under_the_header_limit(fake_varnish):
    server = fake_varnish()
    keys = [f"article:{n}" for n in range(2000)]
    varnish.varnish_purge.call(keys=keys, urls=[server.url])
    assert len(server.purged) > 1
    assert all(len(header) <= varnish.MAX_KEYS_HEADER for header in server.purged)
    assert [key for header in server.purged for key in header.split()] == keys
