"""Blocking a sender by phone or IP address: their next comments are held or refused."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, CommentDecision, SenderBlock
from comments.services import CommentNotAccepted, comment_submit
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

PHONE = "+84912345678"
IP = "198.51.100.70"


@pytest.fixture(autouse=True)
def _no_flood_control(settings):
    # Several comments from one address in a row: the subject here is the block.
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    settings.COMMENTS_BLOCKED_SENDER_ACTION = "hold"


@pytest.fixture
def offending(article):
    return CommentFactory(article=article, status="approved", phone=PHONE, ip_address=IP)


def block_url(comment) -> str:
    return reverse("admin:comments_comment_block", args=[comment.pk])


def _submit(article, *, phone: str = "", ip: str = "203.0.113.99", body: str = "Ý kiến mới"):
    return comment_submit(
        article=article, name="An", title="Lại là tôi", body=body, phone=phone, ip_address=ip
    )


def test_a_moderator_blocks_a_phone_and_the_next_comment_is_held(moderator, offending, article):
    client = Client()
    client.force_login(moderator)
    page = client.get(block_url(offending)).content.decode()
    assert PHONE in page and IP in page
    for label in ("1 ngày", "7 ngày", "30 ngày", "Vĩnh viễn"):
        assert label in page
    response = client.post(block_url(offending), {"by_phone": "on", "duration": "7"}, follow=True)
    assert "Đã chặn người gửi (1 mục, 7 ngày)." in response.content.decode()
    block = SenderBlock.objects.get()
    assert (block.phone, block.ip_address, block.created_by) == (PHONE, None, moderator)
    assert timedelta(days=6, hours=23) < block.until - timezone.now() <= timedelta(days=7)
    offending.refresh_from_db()
    assert offending.status == Comment.Status.APPROVED  # existing comments stay

    held = _submit(article, phone=PHONE)
    assert held.status == Comment.Status.PENDING
    decision = CommentDecision.objects.get(comment=held)
    assert decision.kind == "rule"
    assert decision.reason.startswith("Người gửi bị chặn đến ")
    assert decision.reason.endswith("(theo số điện thoại)")
    assert PHONE not in decision.reason
    # Someone else is not affected.
    assert not CommentDecision.objects.filter(
        comment=_submit(article, phone="+84900000000", ip="203.0.113.98")
    )


def test_blocked_senders_can_be_refused_instead(settings, moderator, offending, article):
    settings.COMMENTS_BLOCKED_SENDER_ACTION = "reject"
    client = Client()
    client.force_login(moderator)
    client.post(block_url(offending), {"by_ip": "on", "duration": "forever"})
    assert SenderBlock.objects.get().until is None
    with pytest.raises(CommentNotAccepted) as refused:
        _submit(article, ip=IP)
    assert refused.value.message == (
        "Bạn đang tạm thời không được gửi bình luận, nên bình luận này chưa được nhận."
    )
    kept = Comment.objects.latest("pk")  # refused, but never lost
    assert kept.status == Comment.Status.REJECTED
    assert CommentDecision.objects.get(comment=kept).reason == (
        "Người gửi bị chặn vĩnh viễn (theo địa chỉ IP)"
    )


def test_a_block_expires(moderator, offending, article):
    block = SenderBlock.objects.create(ip_address=IP, until=timezone.now() + timedelta(days=1))
    assert _submit(article, ip=IP).status == Comment.Status.PENDING
    assert CommentDecision.objects.filter(reason__startswith="Người gửi bị chặn").count() == 1
    SenderBlock.objects.filter(pk=block.pk).update(until=timezone.now() - timedelta(seconds=1))
    later = _submit(article, ip=IP, body="Một ý khác")
    assert not CommentDecision.objects.filter(comment=later).exists()


def test_blocks_are_listed_and_removed_in_the_admin(moderator, offending, article):
    block = SenderBlock.objects.create(phone=PHONE, comment=offending, created_by=moderator)
    client = Client()
    client.force_login(moderator)
    listing = client.get(reverse("admin:comments_senderblock_changelist")).content.decode()
    assert f"Số điện thoại {PHONE}" in listing
    response = client.post(
        reverse("admin:comments_senderblock_delete", args=[block.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not SenderBlock.objects.exists()
    assert Comment.objects.filter(pk=offending.pk).exists()  # a block never deletes comments
    assert not CommentDecision.objects.filter(comment=_submit(article, phone=PHONE)).exists()


def test_only_those_who_may_see_phone_and_ip_can_block(editor, offending):
    editor.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client = Client()
    client.force_login(editor)
    assert client.get(block_url(offending)).status_code == 403
    assert client.post(block_url(offending), {"by_ip": "on", "duration": "1"}).status_code == 403
    assert client.get(reverse("admin:comments_senderblock_changelist")).status_code == 403
    change = client.get(reverse("admin:comments_comment_change", args=[offending.pk]))
    assert "chan-nguoi-gui" not in change.content.decode()
    assert not SenderBlock.objects.exists()


def test_blocking_needs_something_to_block_by(moderator, article):
    comment = CommentFactory(article=article, phone="", ip_address="203.0.113.80")
    client = Client()
    client.force_login(moderator)
    response = client.post(block_url(comment), {"duration": "1"})
    assert "Hãy chọn số điện thoại hoặc địa chỉ IP mà bình luận này có." in (
        response.content.decode()
    )
    assert not SenderBlock.objects.exists()
