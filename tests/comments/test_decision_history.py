"""Every decision on a comment is kept, in order, and shown on its admin page."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import BlockedTerm, CommentDecision
from comments.services import comment_submit

pytestmark = pytest.mark.django_db


def _history_rows(html: str) -> list[list[str]]:
    table = re.search(r'<table class="decision-history">.*?</table>', html, re.S).group(0)
    rows = re.findall(r'<tr class="decision decision--\w+">(.*?)</tr>', table, re.S)
    return [re.findall(r"<td>(.*?)</td>", row, re.S)[1:4] for row in rows]


def test_history_keeps_the_rule_then_the_moderator_then_a_report(article, moderator, settings):
    settings.COMMENTS_REPORTS_TO_HIDE = 3
    BlockedTerm.objects.create(term="lừa đảo", action="hold")
    comment = comment_submit(
        article=article,
        name="Bạn đọc",
        title="Cảnh giác",
        body="Trang web đó lừa đảo người già.",
        ip_address="203.0.113.50",
    )
    client = Client()
    client.force_login(moderator)
    client.post(
        reverse("admin:comments_comment_decide", args=[comment.pk]),
        {"decision": "approved", "reason": "Cảnh báo có ích"},
    )
    Client().post(
        reverse("comments:report", args=[comment.pk]),
        {"reason": "other"},
        REMOTE_ADDR="198.51.100.60",
    )
    comment.refresh_from_db()
    # moderation_reason says who decided last; the history keeps the rule too.
    assert comment.moderation_reason == "Quyết định của kiemduyet: Cảnh báo có ích"
    decisions = list(CommentDecision.objects.filter(comment=comment))
    assert [(d.kind, d.from_status, d.to_status, d.reason) for d in decisions] == [
        ("rule", "", "pending", "Trùng từ bị chặn “lừa đảo”"),
        ("moderator", "pending", "approved", "Cảnh báo có ích"),
        ("report", "approved", "approved", "Khác"),
    ]
    html = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content
    assert _history_rows(html.decode()) == [
        ["Quy tắc tự động", "Chờ duyệt", "Trùng từ bị chặn “lừa đảo”"],
        ["kiemduyet", "Chờ duyệt → Đã duyệt", "Cảnh báo có ích"],
        ["Bạn đọc báo vi phạm", "vẫn “Đã duyệt”", "Khác"],
    ]
    assert "198.51.100.60" not in html.decode()


@pytest.mark.parametrize(
    ("fields", "status", "reason"),
    [
        ({"honeypot": "http://spam.example"}, "spam", "Điền vào ô ẩn chống spam"),
        (
            {"body": "a.com b.com c.com"},
            "spam",
            "Có 3 liên kết, nhiều hơn mức cho phép (2)",
        ),
    ],
)
def test_the_rules_verdict_is_recorded_at_submission(article, fields, status, reason):
    data = {"name": "An", "title": "Tiêu đề", "body": "Nội dung", **fields}
    comment = comment_submit(article=article, ip_address="203.0.113.51", **data)
    decision = CommentDecision.objects.get(comment=comment)
    assert (decision.kind, decision.to_status, decision.reason, decision.user) == (
        "rule",
        status,
        reason,
        None,
    )


def test_a_refused_comment_keeps_its_rule_in_the_history(article):
    from comments.services import CommentNotAccepted

    BlockedTerm.objects.create(term="cờ bạc", action="reject")
    with pytest.raises(CommentNotAccepted):
        comment_submit(
            article=article, name="An", title="T", body="Chơi cờ bạc", ip_address="203.0.113.52"
        )
    decision = CommentDecision.objects.get()
    assert (decision.to_status, decision.reason) == ("rejected", "Trùng từ bị chặn “cờ bạc”")


def test_a_status_changed_in_the_form_is_recorded_with_the_typed_reason(moderator, article):
    from tests.factories import CommentFactory

    comment = CommentFactory(article=article, status="approved")
    client = Client()
    client.force_login(moderator)
    client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        {
            "name": comment.name,
            "title": comment.title,
            "body": comment.body,
            "status": "rejected",
            "moderation_reason": "Nói tục",
        },
    )
    decision = CommentDecision.objects.get(comment=comment)
    assert (decision.kind, decision.from_status, decision.to_status, decision.reason) == (
        "moderator",
        "approved",
        "rejected",
        "Nói tục",
    )
    assert decision.user == moderator


def test_a_plain_comment_starts_with_no_decision(article):
    comment = comment_submit(
        article=article, name="An", title="T", body="Bình thường", ip_address="203.0.113.53"
    )
    assert not CommentDecision.objects.filter(comment=comment).exists()
