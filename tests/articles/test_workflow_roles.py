"""Who may move an article through the workflow: one test per role and transition.

Each cell POSTs the change page's workflow button as that user would
(``/admin/articles/article/<id>/quy-trinh/``) and checks both what the user is
told and what the database holds afterwards: a refused move leaves the status
and the history as they were, an allowed one changes both.
"""

from datetime import timedelta
from enum import StrEnum

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleTransition
from articles.roles import APPROVERS_GROUP, EDITORS_GROUP, MODERATORS_GROUP, REPORTERS_GROUP
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

S = Article.Status


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    REPORTER_OWN = "reporter, own article"
    REPORTER_OTHERS = "reporter, a colleague's article"
    EDITOR = "editor"
    APPROVER = "editor-in-chief"
    MODERATOR = "moderator"
    SUPERUSER = "superuser"


ROLES = tuple(Role)


class Outcome(StrEnum):
    LOGIN = "redirect to the admin login"
    DENIED = "403: may not even open the article"
    REFUSED = "back to the article with the reason"
    DONE = "moved, and recorded"


LOGIN, DENIED, REFUSED, DONE = Outcome.LOGIN, Outcome.DENIED, Outcome.REFUSED, Outcome.DONE

# (status the article starts in, transition posted)
CASES = {
    "submit a draft": (S.DRAFT, "submit"),
    "resubmit a returned article": (S.RETURNED, "submit"),
    "return from Chờ biên tập": (S.SUBMITTED, "return"),
    "return from Chờ duyệt": (S.AWAITING_APPROVAL, "return"),
    "send for approval": (S.SUBMITTED, "send_for_approval"),
    "approve and publish": (S.AWAITING_APPROVAL, "approve"),
    "withdraw a published article": (S.PUBLISHED, "withdraw"),
    # No one skips a step.
    "publish a draft directly": (S.DRAFT, "approve"),
    "send a draft for approval": (S.DRAFT, "send_for_approval"),
    "publish what awaits editing": (S.SUBMITTED, "approve"),
}

# fmt: off
EXPECTED: dict[str, tuple[Outcome, ...]] = {
    #                                 anony-  reporter reporter editor   editor-  moder-  super-
    #                                 mous    own      others'           in-chief ator    user
    "submit a draft":               (LOGIN,  DONE,    DENIED,  DONE,    DONE,    DENIED, DONE),
    "resubmit a returned article":  (LOGIN,  DONE,    DENIED,  DONE,    DONE,    DENIED, DONE),
    "return from Chờ biên tập":     (LOGIN,  REFUSED, DENIED,  DONE,    DONE,    DENIED, DONE),
    "return from Chờ duyệt":        (LOGIN,  REFUSED, DENIED,  REFUSED, DONE,    DENIED, DONE),
    "send for approval":            (LOGIN,  REFUSED, DENIED,  DONE,    DONE,    DENIED, DONE),
    "approve and publish":          (LOGIN,  REFUSED, DENIED,  REFUSED, DONE,    DENIED, DONE),
    # A published article is public, so a reporter may open it, not withdraw it.
    "withdraw a published article": (LOGIN,  REFUSED, REFUSED, REFUSED, DONE,    DENIED, DONE),
    "publish a draft directly":     (LOGIN,  REFUSED, DENIED,  REFUSED, REFUSED, DENIED, REFUSED),
    "send a draft for approval":    (LOGIN,  REFUSED, DENIED,  REFUSED, REFUSED, DENIED, REFUSED),
    "publish what awaits editing":  (LOGIN,  REFUSED, DENIED,  REFUSED, REFUSED, DENIED, REFUSED),
}
# fmt: on

assert EXPECTED.keys() == CASES.keys()
assert all(len(row) == len(ROLES) for row in EXPECTED.values())


def member_of(username: str, group: str | None, **fields):
    user = UserFactory(username=username, is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def user_for(role: Role):
    match role:
        case Role.ANONYMOUS:
            return None
        case Role.REPORTER_OWN | Role.REPORTER_OTHERS:
            return member_of("phongvien", REPORTERS_GROUP)
        case Role.EDITOR:
            return member_of("bientap", EDITORS_GROUP)
        case Role.APPROVER:
            return member_of("tongbientap", APPROVERS_GROUP)
        case Role.MODERATOR:
            return member_of("kiemduyet", MODERATORS_GROUP)
        case Role.SUPERUSER:
            return member_of("quantri", None, is_superuser=True)


def article_for(role: Role, user, status: str) -> Article:
    colleague = member_of("phongvien-khac", REPORTERS_GROUP)
    return ArticleFactory(
        title="Bài trong quy trình",
        status=status,
        published_at=timezone.now() - timedelta(hours=1) if status == S.PUBLISHED else None,
        created_by=user if role is Role.REPORTER_OWN else colleague,
    )


@pytest.mark.parametrize(
    ("case", "role"),
    [pytest.param(case, role, id=f"{case} | {role}") for case in CASES for role in ROLES],
)
def test_workflow_matrix(case: str, role: Role):
    start, transition = CASES[case]
    expected = EXPECTED[case][ROLES.index(role)]
    user = user_for(role)
    article = article_for(role, user, start)
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)

    response = client.post(
        f"/admin/articles/article/{article.pk}/quy-trinh/",
        {"transition": transition, "note": "Cần thêm nguồn tin."},
    )

    article.refresh_from_db()
    steps = list(ArticleTransition.objects.filter(article=article))
    shown = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    match expected:
        case Outcome.LOGIN:
            assert response.status_code == 302
            assert response["Location"].startswith("/admin/login/")
        case Outcome.DENIED:
            assert response.status_code == 403
            assert "Không có quyền truy cập" in response.content.decode()
        case Outcome.REFUSED:
            assert response.status_code == 302
            assert response["Location"] == f"/admin/articles/article/{article.pk}/change/"
            [(level, text)] = shown
            assert level == "error"
            assert text.startswith(("Bạn không có quyền", "Không thể", "Bài “")), text
        case Outcome.DONE:
            assert response.status_code == 302
            [(level, text)] = shown
            assert level == "success", text
            assert article.status == workflow.TARGETS[transition]
            [step] = steps
            assert (step.from_status, step.to_status, step.user) == (start, article.status, user)
            assert step.note == "Cần thêm nguồn tin."
    if expected is not Outcome.DONE:
        assert article.status == start
        assert steps == []


@pytest.mark.parametrize("transition", workflow.Transition.values)
def test_services_refuse_anonymous_users_on_the_server(transition):
    start = sorted(workflow.SOURCES[transition])[0]
    article = ArticleFactory(
        status=start, published_at=timezone.now() if start == S.PUBLISHED else None
    )
    with pytest.raises(PermissionDenied, match="Bạn không có quyền"):
        workflow.article_transition(
            article=article, user=AnonymousUser(), transition=transition, note="Lý do"
        )
    article.refresh_from_db()
    assert article.status == start


def test_return_and_withdraw_need_a_reason(approver):
    waiting = ArticleFactory(status=S.AWAITING_APPROVAL, published_at=None)
    live = ArticleFactory()
    with pytest.raises(Exception, match="Hãy ghi lý do trả lại"):
        workflow.article_return(article=waiting, user=approver, note="  ")
    with pytest.raises(Exception, match="Hãy ghi lý do gỡ bài"):
        workflow.article_withdraw(article=live, user=approver, reason="")
    waiting.refresh_from_db()
    live.refresh_from_db()
    assert (waiting.status, live.status) == (S.AWAITING_APPROVAL, S.PUBLISHED)
    assert not ArticleTransition.objects.exists()
