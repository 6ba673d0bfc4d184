"""Who may see and change what in the admin, the editor's upload and the staff preview.

One table, ``EXPECTED``: a row per page or action, a column per role. Each cell
is a test of its own (``article change POST | moderator``), so a failure names
the cell. Every POST also checks the database: a refused POST must leave it as
it was, an allowed one must change it.

A second group of tests follows commenters' personal data (phone, IP address,
browser) through every admin page an editor can open: only people who may
change comments, i.e. moderators, ever see it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from articles.models import Article, Author, Photo, Section
from articles.roles import EDITORS_GROUP, MODERATORS_GROUP
from comments.models import BlockedTerm, Comment
from tests.conftest import image_bytes
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BylineFactory,
    CommentFactory,
    PhotoFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PHONE = "+84912345678"
IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (máy của người gửi)"
# How the personal data could show up in a page, formatted or not.
PERSONAL_TRACES = (PHONE, "912345678", "912 345 678", IP, "máy của người gửi")


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    READER = "reader"  # logged in, not staff
    EDITOR = "editor"
    # An editor an administrator gave read access to comments (the case the
    # comment admin's PERSONAL_FIELDS rule was written for).
    EDITOR_READING_COMMENTS = "editor reading comments"
    MODERATOR = "moderator"
    EDITOR_MODERATOR = "editor and moderator"
    SUPERUSER = "superuser"


ROLES = tuple(Role)


class Outcome(StrEnum):
    LOGIN = "redirect to the admin login"
    DENIED = "403"
    MISSING = "404"
    SHOWN = "200"
    VIEW = "200 view-only"
    EDIT = "200 editable"
    # The POST did what it asked; any other outcome of a POST leaves the database as it was.
    DONE = "done, database changed"
    # Sent back to the page with a message saying why (an action or a workflow button).
    REFUSED = "302 back, refused"


LOGIN, DENIED, MISSING = Outcome.LOGIN, Outcome.DENIED, Outcome.MISSING
SHOWN, VIEW, EDIT, DONE = Outcome.SHOWN, Outcome.VIEW, Outcome.EDIT, Outcome.DONE
REFUSED = Outcome.REFUSED


# fmt: off
EXPECTED: dict[str, tuple[Outcome, ...]] = {
    #                              anony-   reader   editor   editor + moder-   editor + super-
    #                              mous                       view     ator     moder-   user
    #                                                         comments          ator
    "admin index":                (LOGIN,   LOGIN,   SHOWN,   SHOWN,   SHOWN,   SHOWN,   SHOWN),
    # Articles, with their photo and byline inlines.
    "article changelist":         (LOGIN,   LOGIN,   EDIT,    EDIT,    DENIED,  EDIT,    EDIT),
    "article add":                (LOGIN,   LOGIN,   EDIT,    EDIT,    DENIED,  EDIT,    EDIT),
    "article change":             (LOGIN,   LOGIN,   EDIT,    EDIT,    DENIED,  EDIT,    EDIT),
    "article delete":             (LOGIN,   LOGIN,   SHOWN,   SHOWN,   DENIED,  SHOWN,   SHOWN),
    "article history":            (LOGIN,   LOGIN,   SHOWN,   SHOWN,   DENIED,  SHOWN,   SHOWN),
    "article add POST":           (LOGIN,   LOGIN,   DONE,    DONE,    DENIED,  DONE,    DONE),
    "article change POST":        (LOGIN,   LOGIN,   DONE,    DONE,    DENIED,  DONE,    DONE),
    "article delete POST":        (LOGIN,   LOGIN,   DONE,    DONE,    DENIED,  DONE,    DONE),
    # Publishing and withdrawing are the editor-in-chief's (tests/articles/test_workflow_roles.py
    # has the workflow's own table, with reporters and the editor-in-chief).
    "publish_now action":         (LOGIN,   LOGIN,   REFUSED, REFUSED, DENIED,  REFUSED, DONE),
    "withdraw button POST":       (LOGIN,   LOGIN,   REFUSED, REFUSED, DENIED,  REFUSED, DONE),
    "author autocomplete":        (LOGIN,   LOGIN,   SHOWN,   SHOWN,   DENIED,  SHOWN,   SHOWN),
    # Photos have no admin of their own: only the inline on the article's page.
    "photo admin":                (LOGIN,   LOGIN,   MISSING, MISSING, MISSING, MISSING, MISSING),
    "photo inline POST":          (LOGIN,   LOGIN,   DONE,    DONE,    DENIED,  DONE,    DONE),
    "section changelist":         (LOGIN,   LOGIN,   EDIT,    EDIT,    DENIED,  EDIT,    EDIT),
    "section add":                (LOGIN,   LOGIN,   EDIT,    EDIT,    DENIED,  EDIT,    EDIT),
    "section change":             (LOGIN,   LOGIN,   EDIT,    EDIT,    DENIED,  EDIT,    EDIT),
    "section delete":             (LOGIN,   LOGIN,   SHOWN,   SHOWN,   DENIED,  SHOWN,   SHOWN),
    "section history":            (LOGIN,   LOGIN,   SHOWN,   SHOWN,   DENIED,  SHOWN,   SHOWN),
    "section change POST":        (LOGIN,   LOGIN,   DONE,    DONE,    DENIED,  DONE,    DONE),
    "section delete POST":        (LOGIN,   LOGIN,   DONE,    DONE,    DENIED,  DONE,    DONE),
    "author changelist":          (LOGIN,   LOGIN,   EDIT,    EDIT,    DENIED,  EDIT,    EDIT),
    "author add":                 (LOGIN,   LOGIN,   EDIT,    EDIT,    DENIED,  EDIT,    EDIT),
    "author change":              (LOGIN,   LOGIN,   EDIT,    EDIT,    DENIED,  EDIT,    EDIT),
    "author delete":              (LOGIN,   LOGIN,   SHOWN,   SHOWN,   DENIED,  SHOWN,   SHOWN),
    "author history":             (LOGIN,   LOGIN,   SHOWN,   SHOWN,   DENIED,  SHOWN,   SHOWN),
    "author change POST":         (LOGIN,   LOGIN,   DONE,    DONE,    DENIED,  DONE,    DONE),
    "author delete POST":         (LOGIN,   LOGIN,   DONE,    DONE,    DENIED,  DONE,    DONE),
    # Comments come only from readers: nobody adds one in the admin.
    "comment changelist":         (LOGIN,   LOGIN,   DENIED,  VIEW,    EDIT,    EDIT,    EDIT),
    "comment add":                (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  DENIED),
    "comment change":             (LOGIN,   LOGIN,   DENIED,  VIEW,    EDIT,    EDIT,    EDIT),
    "comment delete":             (LOGIN,   LOGIN,   DENIED,  DENIED,  SHOWN,   SHOWN,   SHOWN),
    "comment history":            (LOGIN,   LOGIN,   DENIED,  SHOWN,   SHOWN,   SHOWN,   SHOWN),
    "comment change POST":        (LOGIN,   LOGIN,   DENIED,  DENIED,  DONE,    DONE,    DONE),
    "comment delete POST":        (LOGIN,   LOGIN,   DENIED,  DENIED,  DONE,    DONE,    DONE),
    # A read-only user gets the list back with no action run.
    "approve action":             (LOGIN,   LOGIN,   DENIED,  VIEW,    DONE,    DONE,    DONE),
    "reject action":              (LOGIN,   LOGIN,   DENIED,  VIEW,    DONE,    DONE,    DONE),
    "mark_spam action":           (LOGIN,   LOGIN,   DENIED,  VIEW,    DONE,    DONE,    DONE),
    "blocked term changelist":    (LOGIN,   LOGIN,   DENIED,  DENIED,  EDIT,    EDIT,    EDIT),
    "blocked term add":           (LOGIN,   LOGIN,   DENIED,  DENIED,  EDIT,    EDIT,    EDIT),
    "blocked term change":        (LOGIN,   LOGIN,   DENIED,  DENIED,  EDIT,    EDIT,    EDIT),
    "blocked term delete":        (LOGIN,   LOGIN,   DENIED,  DENIED,  SHOWN,   SHOWN,   SHOWN),
    "blocked term history":       (LOGIN,   LOGIN,   DENIED,  DENIED,  SHOWN,   SHOWN,   SHOWN),
    "blocked term add POST":      (LOGIN,   LOGIN,   DENIED,  DENIED,  DONE,    DONE,    DONE),
    "blocked term change POST":   (LOGIN,   LOGIN,   DENIED,  DENIED,  DONE,    DONE,    DONE),
    "blocked term delete POST":   (LOGIN,   LOGIN,   DENIED,  DENIED,  DONE,    DONE,    DONE),
    # Accounts and roles: the superuser's alone, so nobody can promote themselves.
    "user changelist":            (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  EDIT),
    "user add":                   (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  EDIT),
    "user change":                (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  EDIT),
    "user password":              (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  SHOWN),
    "user delete":                (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  SHOWN),
    "user history":               (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  SHOWN),
    "user promote POST":          (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  DONE),
    "user delete POST":           (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  DONE),
    "group changelist":           (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  EDIT),
    "group add":                  (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  EDIT),
    "group change":               (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  EDIT),
    "group delete":               (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  SHOWN),
    "group history":              (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  SHOWN),
    "group grant POST":           (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  DONE),
    # Login attempts carry addresses and usernames: superuser only.
    "access attempt changelist":  (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  EDIT),
    "access attempt add":         (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  DENIED),
    "access attempt change":      (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  SHOWN),
    "access attempt delete":      (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  SHOWN),
    "access attempt history":     (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  SHOWN),
    "access attempt delete POST": (LOGIN,   LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  DONE),
    # The editor's image upload and browser, and the preview of unpublished articles.
    "ckeditor upload POST":       (LOGIN,   LOGIN,   DONE,    DONE,    DENIED,  DONE,    DONE),
    "ckeditor browse":            (LOGIN,   LOGIN,   SHOWN,   SHOWN,   DENIED,  SHOWN,   SHOWN),
    "preview of a draft":         (LOGIN,   DENIED,  SHOWN,   SHOWN,   DENIED,  SHOWN,   SHOWN),
}
# fmt: on


@dataclass
class World:
    """What the pages act on, made afresh for every cell."""

    section: Section
    spare_section: Section  # no articles, so it can be deleted
    author: Author
    spare_author: Author  # no bylines, so it can be deleted
    draft: Article
    waiting: Article  # sent for approval
    live: Article
    photo: Photo
    comment: Comment
    blocked_term: BlockedTerm
    bystander: Any  # a reader's account someone might try to promote
    editors: Group
    attempt: AccessAttempt
    media_root: Path


@dataclass(frozen=True)
class Request:
    path: Callable[[World], str]
    # A POST when given; called for every request so uploaded files are fresh.
    data: Callable[[World], dict] | None = None
    # What the POST may change, read from the database before and after.
    state: Callable[[World], object] | None = None

    def send(self, client: Client, world: World):
        if self.data is None:
            return client.get(self.path(world))
        return client.post(self.path(world), self.data(world))


def admin_url(model: str, suffix: str = "") -> Callable[[World], str]:
    def build(world: World) -> str:
        return f"/admin/{model}/{suffix.format(w=world)}"

    return build


def _refetched(instance, *fields: str) -> tuple:
    row = type(instance)._default_manager.filter(pk=instance.pk).values_list(*fields).first()
    return row or ("deleted",)


def _exists(attribute: str) -> Callable[[World], bool]:
    def state(world: World) -> bool:
        instance = getattr(world, attribute)
        return type(instance)._default_manager.filter(pk=instance.pk).exists()

    return state


def _article_form(world: World, **changes) -> dict:
    """A complete article change form for the draft, as the admin would post it."""
    article, photo = world.draft, world.photo
    data = {
        "title": article.title,
        "slug": article.slug,
        "section": article.section_id,
        "lead": article.lead,
        "body": article.body,
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "loaded_version": article.version,
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "1",
        "photos-0-id": photo.pk,
        "photos-0-article": article.pk,
        "photos-0-caption": photo.caption,
        "photos-0-credit": photo.credit,
        "photos-0-alt_text": photo.alt_text,
        "photos-0-order": photo.order,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def _action(name: str, attribute: str) -> Callable[[World], dict]:
    return lambda world: {"action": name, ACTION_CHECKBOX_NAME: [getattr(world, attribute).pk]}


CONFIRM_DELETE = {"post": "yes"}

REQUESTS: dict[str, Request] = {
    "admin index": Request(lambda w: "/admin/"),
    "article changelist": Request(admin_url("articles/article")),
    "article add": Request(admin_url("articles/article", "add/")),
    "article change": Request(admin_url("articles/article", "{w.draft.pk}/change/")),
    "article delete": Request(admin_url("articles/article", "{w.draft.pk}/delete/")),
    "article history": Request(admin_url("articles/article", "{w.draft.pk}/history/")),
    "article add POST": Request(
        admin_url("articles/article", "add/"),
        data=lambda w: {
            **_article_form(w, title="Bài mới từ vai trò"),
            "slug": "",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        },
        state=lambda w: Article.objects.filter(title="Bài mới từ vai trò").exists(),
    ),
    "article change POST": Request(
        admin_url("articles/article", "{w.draft.pk}/change/"),
        data=lambda w: _article_form(w, title="Tiêu đề bị sửa"),
        state=lambda w: _refetched(w.draft, "title"),
    ),
    "article delete POST": Request(
        admin_url("articles/article", "{w.draft.pk}/delete/"),
        data=lambda w: CONFIRM_DELETE,
        state=_exists("draft"),
    ),
    "publish_now action": Request(
        admin_url("articles/article"),
        data=_action("publish_now", "waiting"),
        state=lambda w: _refetched(w.waiting, "status"),
    ),
    "withdraw button POST": Request(
        admin_url("articles/article", "{w.live.pk}/quy-trinh/"),
        data=lambda w: {"transition": "withdraw", "note": "Sai số liệu"},
        state=lambda w: _refetched(w.live, "status"),
    ),
    "author autocomplete": Request(
        lambda w: (
            "/admin/autocomplete/?app_label=articles&model_name=byline&field_name=author&term=Phóng"
        )
    ),
    "photo admin": Request(admin_url("articles/photo")),
    "photo inline POST": Request(
        admin_url("articles/article", "{w.draft.pk}/change/"),
        data=lambda w: _article_form(w, **{"photos-0-caption": "Chú thích bị sửa"}),
        state=lambda w: _refetched(w.photo, "caption"),
    ),
    "section changelist": Request(admin_url("articles/section")),
    "section add": Request(admin_url("articles/section", "add/")),
    "section change": Request(admin_url("articles/section", "{w.section.pk}/change/")),
    "section delete": Request(admin_url("articles/section", "{w.spare_section.pk}/delete/")),
    "section history": Request(admin_url("articles/section", "{w.section.pk}/history/")),
    "section change POST": Request(
        admin_url("articles/section", "{w.section.pk}/change/"),
        data=lambda w: {"name": "Chuyên mục bị đổi", "slug": w.section.slug, "order": "0"},
        state=lambda w: _refetched(w.section, "name"),
    ),
    "section delete POST": Request(
        admin_url("articles/section", "{w.spare_section.pk}/delete/"),
        data=lambda w: CONFIRM_DELETE,
        state=_exists("spare_section"),
    ),
    "author changelist": Request(admin_url("articles/author")),
    "author add": Request(admin_url("articles/author", "add/")),
    "author change": Request(admin_url("articles/author", "{w.author.pk}/change/")),
    "author delete": Request(admin_url("articles/author", "{w.spare_author.pk}/delete/")),
    "author history": Request(admin_url("articles/author", "{w.author.pk}/history/")),
    "author change POST": Request(
        admin_url("articles/author", "{w.author.pk}/change/"),
        data=lambda w: {"name": "Tên bị đổi", "slug": w.author.slug, "bio": "", "user": ""},
        state=lambda w: _refetched(w.author, "name"),
    ),
    "author delete POST": Request(
        admin_url("articles/author", "{w.spare_author.pk}/delete/"),
        data=lambda w: CONFIRM_DELETE,
        state=_exists("spare_author"),
    ),
    "comment changelist": Request(admin_url("comments/comment")),
    "comment add": Request(admin_url("comments/comment", "add/")),
    "comment change": Request(admin_url("comments/comment", "{w.comment.pk}/change/")),
    "comment delete": Request(admin_url("comments/comment", "{w.comment.pk}/delete/")),
    "comment history": Request(admin_url("comments/comment", "{w.comment.pk}/history/")),
    "comment change POST": Request(
        admin_url("comments/comment", "{w.comment.pk}/change/"),
        data=lambda w: {
            "name": w.comment.name,
            "title": w.comment.title,
            "body": w.comment.body,
            "status": Comment.Status.APPROVED,
            "moderation_reason": "",
        },
        state=lambda w: _refetched(w.comment, "status"),
    ),
    "comment delete POST": Request(
        admin_url("comments/comment", "{w.comment.pk}/delete/"),
        data=lambda w: CONFIRM_DELETE,
        state=_exists("comment"),
    ),
    "approve action": Request(
        admin_url("comments/comment"),
        data=_action("approve", "comment"),
        state=lambda w: _refetched(w.comment, "status"),
    ),
    "reject action": Request(
        admin_url("comments/comment"),
        data=_action("reject", "comment"),
        state=lambda w: _refetched(w.comment, "status"),
    ),
    "mark_spam action": Request(
        admin_url("comments/comment"),
        data=_action("mark_spam", "comment"),
        state=lambda w: _refetched(w.comment, "status"),
    ),
    "blocked term changelist": Request(admin_url("comments/blockedterm")),
    "blocked term add": Request(admin_url("comments/blockedterm", "add/")),
    "blocked term change": Request(
        admin_url("comments/blockedterm", "{w.blocked_term.pk}/change/")
    ),
    "blocked term delete": Request(
        admin_url("comments/blockedterm", "{w.blocked_term.pk}/delete/")
    ),
    "blocked term history": Request(
        admin_url("comments/blockedterm", "{w.blocked_term.pk}/history/")
    ),
    "blocked term add POST": Request(
        admin_url("comments/blockedterm", "add/"),
        data=lambda w: {"term": "quảng cáo rác", "action": BlockedTerm.Action.REJECT},
        state=lambda w: BlockedTerm.objects.filter(term="quảng cáo rác").exists(),
    ),
    "blocked term change POST": Request(
        admin_url("comments/blockedterm", "{w.blocked_term.pk}/change/"),
        data=lambda w: {"term": w.blocked_term.term, "action": BlockedTerm.Action.REJECT},
        state=lambda w: _refetched(w.blocked_term, "action"),
    ),
    "blocked term delete POST": Request(
        admin_url("comments/blockedterm", "{w.blocked_term.pk}/delete/"),
        data=lambda w: CONFIRM_DELETE,
        state=_exists("blocked_term"),
    ),
    "user changelist": Request(admin_url("auth/user")),
    "user add": Request(admin_url("auth/user", "add/")),
    "user change": Request(admin_url("auth/user", "{w.bystander.pk}/change/")),
    "user password": Request(admin_url("auth/user", "{w.bystander.pk}/password/")),
    "user delete": Request(admin_url("auth/user", "{w.bystander.pk}/delete/")),
    "user history": Request(admin_url("auth/user", "{w.bystander.pk}/history/")),
    "user promote POST": Request(
        admin_url("auth/user", "{w.bystander.pk}/change/"),
        data=lambda w: {
            "username": w.bystander.username,
            "first_name": "",
            "last_name": "",
            "email": "",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": w.bystander.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": "00:00:00",
        },
        state=lambda w: _refetched(w.bystander, "is_staff", "is_superuser"),
    ),
    "user delete POST": Request(
        admin_url("auth/user", "{w.bystander.pk}/delete/"),
        data=lambda w: CONFIRM_DELETE,
        state=_exists("bystander"),
    ),
    "group changelist": Request(admin_url("auth/group")),
    "group add": Request(admin_url("auth/group", "add/")),
    "group change": Request(admin_url("auth/group", "{w.editors.pk}/change/")),
    "group delete": Request(admin_url("auth/group", "{w.editors.pk}/delete/")),
    "group history": Request(admin_url("auth/group", "{w.editors.pk}/history/")),
    # Editors giving themselves the moderators' permissions.
    "group grant POST": Request(
        admin_url("auth/group", "{w.editors.pk}/change/"),
        data=lambda w: {
            "name": EDITORS_GROUP,
            "permissions": [
                *w.editors.permissions.values_list("pk", flat=True),
                *Permission.objects.filter(content_type__app_label="comments").values_list(
                    "pk", flat=True
                ),
            ],
        },
        state=lambda w: sorted(w.editors.permissions.values_list("codename", flat=True)),
    ),
    "access attempt changelist": Request(admin_url("axes/accessattempt")),
    "access attempt add": Request(admin_url("axes/accessattempt", "add/")),
    "access attempt change": Request(admin_url("axes/accessattempt", "{w.attempt.pk}/change/")),
    "access attempt delete": Request(admin_url("axes/accessattempt", "{w.attempt.pk}/delete/")),
    "access attempt history": Request(admin_url("axes/accessattempt", "{w.attempt.pk}/history/")),
    "access attempt delete POST": Request(
        admin_url("axes/accessattempt", "{w.attempt.pk}/delete/"),
        data=lambda w: CONFIRM_DELETE,
        state=_exists("attempt"),
    ),
    "ckeditor upload POST": Request(
        lambda w: "/ckeditor/upload/",
        data=lambda w: {
            "upload": SimpleUploadedFile("anh.jpg", image_bytes(), content_type="image/jpeg")
        },
        state=lambda w: sorted(p.name for p in (w.media_root / "uploads").rglob("*")),
    ),
    "ckeditor browse": Request(lambda w: "/ckeditor/browse/"),
    "preview of a draft": Request(lambda w: f"/xem-truoc/{w.draft.pk}/"),
}

assert REQUESTS.keys() == EXPECTED.keys(), set(REQUESTS) ^ set(EXPECTED)
assert all(len(row) == len(ROLES) for row in EXPECTED.values())


def user_for(role: Role):
    """The account behind ``role``; None for an anonymous visitor."""
    if role is Role.ANONYMOUS:
        return None
    if role is Role.READER:
        return UserFactory(username="bandoc")
    if role is Role.SUPERUSER:
        return UserFactory(username="quantri", is_staff=True, is_superuser=True)
    user = UserFactory(username=role.replace(" ", "-"), is_staff=True)
    if role in (Role.EDITOR, Role.EDITOR_READING_COMMENTS, Role.EDITOR_MODERATOR):
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    if role in (Role.MODERATOR, Role.EDITOR_MODERATOR):
        user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    if role is Role.EDITOR_READING_COMMENTS:
        user.user_permissions.add(Permission.objects.get(codename="view_comment"))
    return user


def client_for(role: Role) -> Client:
    client = Client(raise_request_exception=False)
    user = user_for(role)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(settings) -> World:
    section = SectionFactory(name="Đô thị")
    draft = ArticleFactory(
        title="Bản nháp chưa đăng", section=section, status=Article.Status.DRAFT, published_at=None
    )
    live = ArticleFactory(title="Bài đang hiển thị", section=section)
    author = AuthorFactory(name="Phóng viên Lan")
    BylineFactory(article=live, author=author)
    return World(
        section=section,
        spare_section=SectionFactory(name="Chuyên mục trống"),
        author=author,
        spare_author=AuthorFactory(name="Phóng viên chưa viết bài"),
        draft=draft,
        waiting=ArticleFactory(
            title="Bài chờ duyệt",
            section=section,
            status=Article.Status.AWAITING_APPROVAL,
            published_at=None,
        ),
        live=live,
        photo=PhotoFactory(article=draft),
        comment=CommentFactory(
            article=live,
            title="Ý kiến cần duyệt",
            phone=PHONE,
            ip_address=IP,
            user_agent=AGENT,
        ),
        blocked_term=BlockedTerm.objects.create(term="lừa đảo"),
        bystander=UserFactory(username="nguoi-ngoai"),
        editors=Group.objects.get(name=EDITORS_GROUP),
        attempt=AccessAttempt.objects.create(
            username="bientap",
            ip_address="198.51.100.9",
            user_agent="curl/8",
            http_accept="*/*",
            path_info="/admin/login/",
            get_data="",
            post_data="username=bientap",
            failures_since_start=2,
        ),
        media_root=Path(settings.MEDIA_ROOT),
    )


def editable(html: str) -> bool:
    """A change form's save button, or a changelist's actions or list-editable fields."""
    return 'name="_save"' in html or 'name="action"' in html


def assert_outcome(response, expected: Outcome) -> None:
    status = response.status_code
    html = response.content.decode(errors="replace")
    match expected:
        case Outcome.LOGIN:
            assert status == 302, status
            assert response["Location"].startswith("/admin/login/?next="), response["Location"]
        case Outcome.DENIED:
            assert status == 403, status
            if response["Content-Type"].startswith("text/html"):
                assert "Không có quyền truy cập" in html  # the site's own 403, in Vietnamese
        case Outcome.MISSING:
            assert status == 404, status
        case Outcome.SHOWN:
            assert status == 200, status
        case Outcome.VIEW:
            assert status == 200, status
            assert not editable(html), "a read-only user is offered a save button or an action"
        case Outcome.EDIT:
            assert status == 200, status
            assert editable(html), "no save button or action offered"
        case Outcome.REFUSED:
            assert status == 302, status
            assert not response["Location"].startswith("/admin/login/")
        case Outcome.DONE:
            # Admin writes redirect; the upload answers with JSON.
            assert status in (200, 302), status
            if status == 302:
                assert not response["Location"].startswith("/admin/login/")
            else:
                assert response.json()["uploaded"] == 1


@pytest.mark.parametrize(
    ("case", "role"),
    [pytest.param(case, role, id=f"{case} | {role}") for case in EXPECTED for role in ROLES],
)
def test_role_matrix(case: str, role: Role, world: World):
    expected = EXPECTED[case][ROLES.index(role)]
    request = REQUESTS[case]
    client = client_for(role)
    before = request.state(world) if request.state else None
    response = request.send(client, world)

    assert_outcome(response, expected)
    if request.state is not None:
        after = request.state(world)
        if expected is Outcome.DONE:
            assert after != before, "the POST was accepted but changed nothing"
        else:
            assert after == before, f"a refused POST changed the database: {before} → {after}"


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_photos_are_edited_only_inside_their_article(role: Role, world: World):
    """The photo inline is part of the article's page, so it follows the article's permissions."""
    response = client_for(role).get(f"/admin/articles/article/{world.draft.pk}/change/")
    may_edit_articles = EXPECTED["article change"][ROLES.index(role)] is Outcome.EDIT
    html = response.content.decode()
    assert ('name="photos-0-caption"' in html) is may_edit_articles
    assert (world.photo.caption in html) is may_edit_articles


# --- Commenters' personal data ------------------------------------------------

MAY_SEE_PERSONAL_DATA = (Role.MODERATOR, Role.EDITOR_MODERATOR, Role.SUPERUSER)
STAFF_ROLES = tuple(role for role in ROLES if role not in (Role.ANONYMOUS, Role.READER))


def pages_showing_the_comment(world: World) -> dict[str, str]:
    """Every admin page on which the seeded comment, or its article, appears."""
    comment, live = world.comment, world.live
    return {
        "admin index": "/admin/",
        "comment changelist": "/admin/comments/comment/",
        "comment changelist, pending": "/admin/comments/comment/?status__exact=pending",
        "comment changelist, by article": f"/admin/comments/comment/?article={live.pk}",
        "comment changelist, searched": "/admin/comments/comment/?q=c%E1%BA%A7n+duy%E1%BB%87t",
        "comment change": f"/admin/comments/comment/{comment.pk}/change/",
        "comment history": f"/admin/comments/comment/{comment.pk}/history/",
        "comment delete": f"/admin/comments/comment/{comment.pk}/delete/",
        "article changelist": "/admin/articles/article/",
        "article changelist, searched": "/admin/articles/article/?q=hi%E1%BB%83n+th%E1%BB%8B",
        "article change, with the comment counts": f"/admin/articles/article/{live.pk}/change/",
        "article history": f"/admin/articles/article/{live.pk}/history/",
        "preview": f"/xem-truoc/{live.pk}/",
    }


@pytest.mark.parametrize("role", STAFF_ROLES, ids=str)
def test_personal_data_only_for_those_who_may_change_comments(role: Role, world: World):
    """Moderators (alone or also editors) see who wrote; editors see the comment, never who."""
    client = client_for(role)
    opened = {}
    for name, url in pages_showing_the_comment(world).items():
        response = client.get(url)
        assert response.status_code in (200, 403), (name, response.status_code)
        if response.status_code == 200:
            opened[name] = response.content.decode()

    if role in MAY_SEE_PERSONAL_DATA:
        html = opened["comment change"]
        assert PHONE in html and IP in html and AGENT in html
    else:
        for name, html in opened.items():
            for trace in PERSONAL_TRACES:
                assert trace not in html, f"{trace!r} on the {name} page"
    if role in (Role.EDITOR, Role.EDITOR_READING_COMMENTS, Role.EDITOR_MODERATOR):
        # The article page's count block is there, without anyone's details in it.
        counts = opened["article change, with the comment counts"]
        assert '<ul class="comment-counts"><li>Chờ duyệt: <strong>1</strong></li>' in counts
    if role is Role.EDITOR_READING_COMMENTS:
        assert world.comment.title in opened["comment change"]


@pytest.mark.parametrize("role", STAFF_ROLES, ids=str)
@pytest.mark.parametrize("term", [PHONE, "912345678", IP, "Mozilla"])
def test_comment_search_does_not_reveal_personal_data(role: Role, term: str, world: World):
    """Searching for a number or an address finds nothing: they are not searchable fields."""
    response = client_for(role).get("/admin/comments/comment/", {"q": term})
    if role is Role.EDITOR:
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert response.context["cl"].result_count == 0


PERSONAL_LOOKUPS = [
    {"phone": PHONE},
    {"phone__startswith": "+8491"},
    {"ip_address": IP},
    {"ip_address__startswith": "203."},
    {"user_agent__contains": "Mozilla"},
]


@pytest.mark.parametrize("role", STAFF_ROLES, ids=str)
@pytest.mark.parametrize("lookup", PERSONAL_LOOKUPS, ids=lambda lookup: next(iter(lookup)))
def test_comments_are_filtered_by_personal_data_only_by_moderators(
    role: Role, lookup: dict, world: World
):
    """Filtering on a hidden field tells whether someone commented, one guess at a time.

    Django's admin accepts a filter on any of the model's own fields in the
    address; the comment admin refuses those on personal data (400) to anyone
    who may not see it.
    """
    response = client_for(role).get("/admin/comments/comment/", lookup)
    if role is Role.EDITOR:
        assert response.status_code == 403
    elif role in MAY_SEE_PERSONAL_DATA:
        assert response.status_code == 200
        assert response.context["cl"].result_count == 1
    else:
        assert response.status_code == 400
        html = response.content.decode()
        assert "Yêu cầu không hợp lệ" in html
        assert world.comment.title not in html


@pytest.mark.parametrize("role", [Role.EDITOR, Role.EDITOR_READING_COMMENTS], ids=str)
@pytest.mark.parametrize("lookup", PERSONAL_LOOKUPS, ids=lambda lookup: next(iter(lookup)))
def test_articles_cannot_be_filtered_by_their_commenters(role: Role, lookup: dict, world: World):
    """The same question asked through the article list (?comments__phone=…) is refused too."""
    (field, value), *_ = lookup.items()
    response = client_for(role).get("/admin/articles/article/", {f"comments__{field}": value})
    assert response.status_code == 400
    assert world.live.title not in response.content.decode()
