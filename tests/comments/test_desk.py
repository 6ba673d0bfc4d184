"""The moderators' desk: one-click decisions, the per-article view, the status filter, history."""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from comments.models import BlockedTerm, Comment, CommentDecision
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def decide_url(comment, **query) -> str:
    url = reverse("admin:comments_comment_decide", args=[comment.pk])
    return f"{url}?{urlencode(query)}" if query else url


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def _row_buttons(html: str, comment) -> str:
    """The decision buttons of ``comment``'s row in the change list."""
    match = re.search(
        rf'<span class="desk-anchor" id="binh-luan-{comment.pk}"></span>'
        r'<div class="desk-decisions".*?</div>',
        html,
        re.S,
    )
    assert match, "no decision buttons in the row"
    return match.group(0)


@pytest.mark.parametrize(
    ("decision", "status", "message"),
    [
        ("approved", Comment.Status.APPROVED, "Đã duyệt bình luận “Ý kiến hay”."),
        ("rejected", Comment.Status.REJECTED, "Đã từ chối bình luận “Ý kiến hay”."),
        ("spam", Comment.Status.SPAM, "Đã đánh dấu spam bình luận “Ý kiến hay”."),
    ],
)
def test_one_click_decides_and_returns_to_the_same_filtered_page(
    moderator_client, moderator, decision, status, message
):
    comment = CommentFactory(title="Ý kiến hay")
    listing = moderator_client.get(f"{CHANGELIST}?status__exact=pending&q=hay")
    buttons = _row_buttons(listing.content.decode(), comment)
    # The button the moderator clicks posts the list's form to the comment's decision view,
    # carrying the list's filters with it.
    filters = urlencode({"_changelist_filters": "status__exact=pending&q=hay"})
    expected_action = f"{decide_url(comment)}?{filters}".replace("&", "&amp;")
    assert f'formaction="{expected_action}" name="decision" value="{decision}"' in buttons

    response = moderator_client.post(
        f"{decide_url(comment)}?{filters}", {"decision": decision, "action": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"{CHANGELIST}?status__exact=pending&q=hay#binh-luan-{comment.pk}"
    )
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_by == moderator
    decision_row = CommentDecision.objects.get(comment=comment)
    assert (decision_row.kind, decision_row.from_status, decision_row.to_status) == (
        "moderator",
        "pending",
        status,
    )
    assert decision_row.user == moderator
    page = moderator_client.get(response["Location"]).content.decode()
    assert message in page


def test_one_click_keeps_the_page_number(moderator_client):
    comment = CommentFactory()
    filters = urlencode({"_changelist_filters": "p=2&status__exact=pending"})
    response = moderator_client.post(f"{decide_url(comment)}?{filters}", {"decision": "approved"})
    assert response["Location"] == f"{CHANGELIST}?p=2&status__exact=pending#binh-luan-{comment.pk}"


def test_one_click_needs_the_csrf_token(moderator):
    comment = CommentFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    response = client.post(decide_url(comment), {"decision": "approved"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not CommentDecision.objects.exists()


def test_one_click_refused_to_those_who_may_not_moderate(editor):
    comment = CommentFactory()
    # An editor who may read comments, not decide on them.
    editor.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client = Client()
    client.force_login(editor)
    assert client.post(decide_url(comment), {"decision": "approved"}).status_code == 403
    listing = client.get(CHANGELIST).content.decode()
    assert 'name="decision"' not in listing
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not CommentDecision.objects.exists()
    # Anonymous: to the login page, nothing changed.
    response = Client().post(decide_url(comment), {"decision": "approved"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_one_click_refuses_a_get_and_an_unknown_decision(moderator_client):
    comment = CommentFactory()
    assert moderator_client.get(decide_url(comment)).status_code == 405
    response = moderator_client.post(decide_url(comment), {"decision": "deleted"}, follow=True)
    assert "Không rõ quyết định; bình luận chưa được thay đổi." in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_decision_that_changes_nothing_says_so(moderator_client):
    comment = CommentFactory(status="approved", title="Đã có")
    response = moderator_client.post(decide_url(comment), {"decision": "approved"}, follow=True)
    assert "Bình luận “Đã có” đã ở trạng thái “Đã duyệt”; không có gì thay đổi." in (
        response.content.decode()
    )
    assert not CommentDecision.objects.exists()


def test_a_decided_comment_reaches_the_article_page(moderator_client):
    comment = CommentFactory(title="Cần thêm cây xanh")
    moderator_client.post(decide_url(comment), {"decision": "approved"})
    page = Client().get(comment.article.get_absolute_url()).content.decode()
    assert "Cần thêm cây xanh" in page


def test_phone_and_ip_columns_only_for_those_who_may_see_them(moderator_client, editor):
    CommentFactory(phone="+84912345678", ip_address="198.51.100.23")
    html = moderator_client.get(CHANGELIST).content.decode()
    sender = re.search(r'<td class="field-sender">(.*?)</td>', html, re.S).group(1)
    assert "+84912345678" in sender and "198.51.100.23" in sender

    editor.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client = Client()
    client.force_login(editor)
    html = client.get(CHANGELIST).content.decode()
    assert "field-sender" not in html and '<td class="field-name">' in html
    assert "+84912345678" not in html and "198.51.100.23" not in html


def test_one_status_filter_with_the_reported_queue(moderator_client):
    html = moderator_client.get(CHANGELIST).content.decode()
    titles = re.findall(r'<details data-filter-title="([^"]+)"', html)
    assert titles.count("trạng thái") == 1
    assert "tình trạng hiển thị" not in titles
    status_filter = re.search(
        r'<details data-filter-title="trạng thái".*?</details>', html, re.S
    ).group(0)
    choices = re.findall(r'<a href="[^"]*"[^>]*>([^<]+)</a>', status_filter)
    assert choices == ["Tất cả", "Chờ duyệt", "Bị báo cáo", "Đã duyệt", "Bị từ chối", "Spam"]


def test_the_article_view_shows_every_status_in_order_with_the_pending_one_highlighted(
    moderator_client,
):
    article = ArticleFactory()
    first = CommentFactory(article=article, status="approved", title="Thứ nhất")
    second = CommentFactory(article=article, status="spam", title="Thứ hai")
    pending = CommentFactory(article=article, title="Thứ ba đang chờ")
    CommentFactory(title="Bài khác")
    url = reverse("admin:comments_comment_article", args=[article.pk])
    html = moderator_client.get(f"{url}?noi-bat={pending.pk}").content.decode()
    assert "Bài khác" not in html
    positions = [html.index(c.title) for c in (first, second, pending)]
    assert positions == sorted(positions)
    highlighted = re.findall(r'<li id="binh-luan-(\d+)" class="[^"]*--highlighted"', html)
    assert highlighted == [str(pending.pk)]
    assert "Spam" in html and "Đã duyệt" in html and "Chờ duyệt" in html

    # The same buttons, returning here, with an optional reason.
    response = moderator_client.post(
        f"{decide_url(pending)}?tro-ve=bai-viet",
        {"decision": "rejected", "reason": "Lạc đề"},
    )
    assert response["Location"] == f"{url}?noi-bat={pending.pk}#binh-luan-{pending.pk}"
    decision = CommentDecision.objects.get(comment=pending)
    assert (decision.to_status, decision.reason) == ("rejected", "Lạc đề")
    pending.refresh_from_db()
    assert pending.moderation_reason == "Quyết định của kiemduyet: Lạc đề"


def test_the_list_links_each_comment_to_its_article_view(moderator_client):
    comment = CommentFactory()
    html = moderator_client.get(CHANGELIST).content.decode()
    url = reverse("admin:comments_comment_article", args=[comment.article_id])
    assert f'href="{url}?noi-bat={comment.pk}#binh-luan-{comment.pk}"' in html


def test_the_list_shows_why_a_comment_is_held(moderator_client, client, article):
    BlockedTerm.objects.create(term="lừa đảo", action="hold")
    from comments.services import comment_submit

    held = comment_submit(
        article=article, name="An", title="Cảnh báo", body="Trang này lừa đảo", ip_address="1.2.3.4"
    )
    moderator_client.post(decide_url(held), {"decision": "approved"})
    html = moderator_client.get(CHANGELIST).content.decode()
    # The rule's reason stays in the list after a moderator decided.
    assert '<td class="field-held_because">Trùng từ bị chặn “lừa đảo”</td>' in html


def test_bulk_decisions_record_one_decision_each_in_a_fixed_number_of_queries(moderator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comments.services import comments_moderate

    def queries_to_approve(count: int) -> int:
        pks = [c.pk for c in CommentFactory.create_batch(count)]
        with CaptureQueriesContext(connection) as queries:
            comments_moderate(
                comments=Comment.objects.filter(pk__in=pks), status="approved", user=moderator
            )
        return len(queries.captured_queries)

    assert queries_to_approve(20) == queries_to_approve(2)
    assert CommentDecision.objects.filter(kind="moderator", to_status="approved").count() == 22


def test_the_article_list_has_one_status_filter(editor_client):
    ArticleFactory()
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    titles = re.findall(r'<details data-filter-title="([^"]+)"', html)
    assert "tình trạng hiển thị" in titles
    assert "trạng thái" not in titles
