"""Background work for comments, run by the backend configured in ``TASKS``."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.roles import MODERATORS_GROUP
from comments.models import Comment


@task()
def notify_moderators(comment_id: int) -> int:
    """Email the moderators that a comment awaits them. Returns how many were written to.

    The mail holds what is needed to decide, and a link to the admin; never
    the reader's phone number or address, which mailboxes would keep forever.
    """
    comment = (
        Comment.objects.select_related("article")
        .filter(pk=comment_id, status=Comment.Status.PENDING)
        .first()
    )
    if comment is None:  # decided or deleted since it was posted
        return 0
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, groups__name=MODERATORS_GROUP)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        return 0
    admin_url = settings.COMMENTS_NOTIFY_SITE_URL + reverse(
        "admin:comments_comment_change", args=[comment.pk]
    )
    body = "\n".join(
        [
            _("Bình luận mới đang chờ duyệt."),
            "",
            _("Bài viết: %(title)s") % {"title": comment.article.title},
            _("Người gửi: %(name)s") % {"name": comment.name},
            _("Tiêu đề: %(title)s") % {"title": comment.title},
            "",
            comment.body[:1000],
            "",
            _("Duyệt hoặc từ chối: %(url)s") % {"url": admin_url},
        ]
    )
    if comment.moderation_reason:
        body += "\n" + _("Lưu ý: %(reason)s") % {"reason": comment.moderation_reason}
    subject = _("[Bình luận chờ duyệt] %(title)s") % {"title": comment.title}
    EmailMessage(subject=subject[:150], body=body, to=recipients).send()
    return len(recipients)
