"""Background work for the editorial workflow, run by the backend configured in ``TASKS``."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article, ArticleTransition
from articles.roles import APPROVERS_GROUP, EDITORS_GROUP

# Whose queue an article reaches, by the status it moved to.
QUEUE_GROUPS: dict[str, str] = {
    Article.Status.SUBMITTED: EDITORS_GROUP,
    Article.Status.AWAITING_APPROVAL: APPROVERS_GROUP,
}


def workflow_recipients(step: ArticleTransition) -> list[str]:
    """The addresses of the people whose queue ``step`` filled, never its own author's."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if step.to_status == Article.Status.RETURNED:
        if step.article.created_by_id is None:
            return []
        users = users.filter(pk=step.article.created_by_id)
    elif step.to_status in QUEUE_GROUPS:
        users = users.filter(groups__name=QUEUE_GROUPS[step.to_status])
    else:
        return []
    if step.user_id is not None:
        users = users.exclude(pk=step.user_id)
    return sorted(set(users.values_list("email", flat=True)))


@task()
def notify_workflow_queue(transition_id: int) -> int:
    """Email the people an article now waits for. Returns how many were written to.

    Nothing is sent when the article has moved on since (someone was quicker).
    """
    step = (
        ArticleTransition.objects.select_related("article", "user").filter(pk=transition_id).first()
    )
    if step is None or step.article.status != step.to_status:
        return 0
    recipients = workflow_recipients(step)
    if not recipients:
        return 0
    article = step.article
    admin_url = settings.NEWSROOM_SITE_URL.rstrip("/") + reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    who = step.user.get_username() if step.user else _("một người khác")
    lines = [
        _("Bài “%(title)s” đang chờ bạn: %(status)s.")
        % {"title": article.title, "status": step.get_to_status_display()},
        _("Người chuyển: %(who)s") % {"who": who},
    ]
    if step.note:
        lines.append(_("Ghi chú: %(note)s") % {"note": step.note})
    lines += ["", _("Mở bài: %(url)s") % {"url": admin_url}]
    subject = _("[%(status)s] %(title)s") % {
        "status": step.get_to_status_display(),
        "title": article.title,
    }
    EmailMessage(subject=subject[:150], body="\n".join(lines), to=recipients).send()
    return len(recipients)
