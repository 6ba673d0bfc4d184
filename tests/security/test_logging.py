import json
import logging

import pytest

from core.logging import JSONFormatter
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_failed_login_is_logged_with_username_and_address_but_no_password(client, caplog):
    UserFactory(username="bientap", password="mat-khau-dung", is_staff=True)
    with caplog.at_level(logging.WARNING, logger="newsroom.security"):
        client.post(
            "/admin/login/",
            {"username": "bientap", "password": "doan-bua"},
            REMOTE_ADDR="203.0.113.9",
        )
    [record] = [r for r in caplog.records if getattr(r, "event", "") == "login_failed"]
    line = json.loads(JSONFormatter().format(record))
    assert line["username"] == "bientap"
    assert line["ip"] == "203.0.113.9"
    assert "doan-bua" not in json.dumps(line)


def test_json_formatter_keeps_vietnamese_readable():
    record = logging.makeLogRecord(
        {
            "msg": "bình luận bị từ chối",
            "levelname": "INFO",
            "name": "comments",
            "reason": "Trùng từ bị chặn “xxx”",
        }
    )
    line = json.loads(JSONFormatter().format(record))
    assert line["message"] == "bình luận bị từ chối"
    assert line["reason"] == "Trùng từ bị chặn “xxx”"


def test_moderation_and_refusals_are_logged_without_personal_data(caplog, moderator):
    from comments import services
    from comments.models import BlockedTerm
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    BlockedTerm.objects.create(term="lừa đảo", action=BlockedTerm.Action.REJECT)
    with caplog.at_level(logging.INFO, logger="comments"):
        comment = services.comment_submit(
            article=article,
            name="Trần Văn Bình",
            title="Góp ý",
            body="Nội dung tử tế",
            phone="+84912345678",
            ip_address="203.0.113.5",
        )
        with pytest.raises(services.CommentNotAccepted):
            services.comment_submit(
                article=article,
                name="Kẻ xấu",
                title="Quảng cáo",
                body="Trang lừa đảo",
                ip_address="203.0.113.6",
            )
        services.comments_moderate(comments=[comment], status="approved", user=moderator)
    events = {getattr(r, "event", None): r for r in caplog.records}
    stored = [r for r in caplog.records if getattr(r, "event", "") == "comment_stored"]
    assert (stored[0].comment_id, stored[0].status) == (comment.pk, "pending")
    assert events["comments_moderated"].moderator_id == moderator.pk
    assert events["comments_moderated"].count == 1
    rejected = [r for r in caplog.records if getattr(r, "status", "") == "rejected"]
    assert rejected and "lừa đảo" in rejected[0].reason
    text = " ".join(JSONFormatter().format(r) for r in caplog.records)
    for personal in ("Trần Văn Bình", "+84912345678", "203.0.113.5", "Nội dung tử tế"):
        assert personal not in text


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_host_is_one_warning_without_a_traceback(client, caplog, method):
    """Scanners send any Host: one short line each, not an ERROR with a traceback."""
    with caplog.at_level(logging.DEBUG):
        response = getattr(client, method)("/binh-luan/1/gui/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    [record] = [
        r for r in caplog.records if r.name.startswith(("django.security", "django.request"))
    ]
    assert record.name == "django.security.DisallowedHost"
    assert record.levelno == logging.WARNING
    assert record.exc_info is None and record.exc_text is None
    assert "evil.example" in record.getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "Traceback" not in JSONFormatter().format(record)
