"""Readers report a comment ("Báo vi phạm"): once each, a few an hour, hidden after N."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentDecision
from comments.report_views import REPORTED_COOKIE
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
THANKS = "Cảm ơn bạn đã báo vi phạm. Kiểm duyệt viên sẽ xem xét bình luận này."
ALREADY = "Bạn đã báo vi phạm bình luận này rồi. Cảm ơn bạn, kiểm duyệt viên sẽ xem xét."


def report_url(comment) -> str:
    return reverse("comments:report", args=[comment.pk])


def report(comment, *, ip: str, reason: str = "abusive", client: Client | None = None):
    client = client or Client()
    return client.post(report_url(comment), {"reason": reason}, REMOTE_ADDR=ip)


@pytest.fixture(autouse=True)
def _report_rules(settings):
    settings.COMMENTS_REPORTS_TO_HIDE = 3
    settings.COMMENTS_REPORTS_PER_HOUR = 10


@pytest.fixture
def approved(article):
    return CommentFactory(
        article=article,
        status="approved",
        title="Ý kiến bị báo",
        phone="+84912345678",
        ip_address="198.51.100.9",
    )


def test_the_article_page_offers_a_report_link_on_each_approved_comment(client, approved):
    html = client.get(approved.article.get_absolute_url()).content.decode()
    assert f'href="{report_url(approved)}" rel="nofollow" data-report-link>Báo vi phạm</a>' in html
    for label in ("Xúc phạm, thô tục", "Quảng cáo, lừa đảo", "Thông tin sai sự thật", "Khác"):
        assert label in html
    # The cached page carries no token, and never the commenter's phone or address.
    assert 'name="csrfmiddlewaretoken" value=""' in html
    assert "912345678" not in html and "198.51.100.9" not in html


def test_a_reader_reports_without_javascript(approved):
    client = Client(enforce_csrf_checks=True)
    page = client.get(report_url(approved))
    html = page.content.decode()
    assert page.status_code == 200 and "Ý kiến bị báo" in html
    assert "912345678" not in html and "198.51.100.9" not in html
    token = page.cookies["csrftoken"].value
    response = client.post(report_url(approved), {"reason": "scam", "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert THANKS in response.content.decode()
    report_row = CommentDecision.objects.get(comment=approved)
    assert (report_row.kind, report_row.report_reason, report_row.reason) == (
        "report",
        "scam",
        "Quảng cáo, lừa đảo",
    )
    assert report_row.user is None
    assert "127.0.0.1" not in report_row.reporter_key  # a keyed hash, not the address
    assert str(approved.pk) in response.cookies[REPORTED_COOKIE].value


def test_a_report_needs_the_csrf_token(approved):
    client = Client(enforce_csrf_checks=True)
    response = client.post(report_url(approved), {"reason": "abusive"})
    assert response.status_code == 403
    assert not CommentDecision.objects.exists()


def test_the_script_gets_a_token_and_a_json_answer(approved):
    client = Client(enforce_csrf_checks=True)
    token = client.get(report_url(approved), **XHR).json()["csrf_token"]
    response = client.post(report_url(approved), {"reason": "false"}, HTTP_X_CSRFTOKEN=token, **XHR)
    assert response.json() == {"message": THANKS, "ok": True}


def test_once_per_address_and_per_browser(approved):
    assert report(approved, ip="203.0.113.1").status_code == 200
    again = report(approved, ip="203.0.113.1")
    assert again.status_code == 409 and ALREADY in again.content.decode()
    # The same browser from another address: its cookie says it reported already.
    browser = Client()
    assert report(approved, ip="203.0.113.2", client=browser).status_code == 200
    moved = report(approved, ip="203.0.113.3", client=browser)
    assert moved.status_code == 409 and ALREADY in moved.content.decode()
    assert CommentDecision.objects.filter(kind="report").count() == 2


def test_reports_are_rate_limited_per_address(settings, article):
    settings.COMMENTS_REPORTS_PER_HOUR = 2
    comments = CommentFactory.create_batch(3, article=article, status="approved")
    assert report(comments[0], ip="203.0.113.5").status_code == 200
    assert report(comments[1], ip="203.0.113.5").status_code == 200
    refused = report(comments[2], ip="203.0.113.5")
    assert refused.status_code == 429
    assert "Mỗi giờ chỉ gửi được 2 báo cáo vi phạm. Vui lòng thử lại sau." in (
        refused.content.decode()
    )
    assert report(comments[2], ip="203.0.113.6").status_code == 200  # another address
    assert CommentDecision.objects.filter(kind="report").count() == 3


def test_enough_reports_hide_the_comment_until_a_moderator_decides(
    approved, moderator, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    url = approved.article.get_absolute_url()
    reader = Client()
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "hit"

    for ip in ("203.0.113.1", "203.0.113.2"):
        report(approved, ip=ip)
    approved.refresh_from_db()
    assert approved.status == Comment.Status.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        report(approved, ip="203.0.113.3")
    approved.refresh_from_db()
    assert approved.status == Comment.Status.PENDING  # hidden, not deleted
    assert approved.moderation_reason == "Bị bạn đọc báo vi phạm 3 lần, chờ kiểm duyệt lại"
    assert (
        approved.article.__class__.objects.get(pk=approved.article_id).approved_comment_count == 0
    )
    hiding = CommentDecision.objects.filter(kind="report").last()
    assert (hiding.from_status, hiding.to_status) == ("approved", "pending")
    # Gone from the cached article page at once.
    response = reader.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Ý kiến bị báo" not in response.content.decode()
    # A fourth reader is told it is being looked at; nothing is recorded.
    late = report(approved, ip="203.0.113.4")
    assert late.status_code == 404
    assert "Bình luận này không còn hiển thị hoặc đang được kiểm duyệt viên xem lại." in (
        late.content.decode()
    )
    assert CommentDecision.objects.filter(kind="report").count() == 3

    # In the moderators' "Bị báo cáo" queue until someone decides.
    moderator_client = Client()
    moderator_client.force_login(moderator)
    queue = reverse("admin:comments_comment_changelist") + "?status__exact=reported"
    response = moderator_client.get(queue)
    assert [c.pk for c in response.context["cl"].result_list] == [approved.pk]
    assert "Bị báo cáo 3 lần" in response.content.decode()
    moderator_client.post(
        reverse("admin:comments_comment_decide", args=[approved.pk]), {"decision": "approved"}
    )
    assert list(moderator_client.get(queue).context["cl"].result_list) == []
    approved.refresh_from_db()
    assert approved.status == Comment.Status.APPROVED
    # The earlier reporters were answered; two new ones do not hide it again.
    for ip in ("203.0.113.7", "203.0.113.8"):
        report(approved, ip=ip)
    approved.refresh_from_db()
    assert approved.status == Comment.Status.APPROVED


def test_only_approved_comments_can_be_reported(article):
    pending = CommentFactory(article=article, title="Chưa duyệt")
    assert Client().get(report_url(pending)).status_code == 404
    assert report(pending, ip="203.0.113.1").status_code == 404
    assert not CommentDecision.objects.exists()


def test_a_report_without_a_reason_is_refused_in_vietnamese(approved):
    response = Client().post(report_url(approved), {"reason": ""})
    assert response.status_code == 400
    assert "Hãy chọn một lý do." in response.content.decode()
    assert not CommentDecision.objects.exists()
