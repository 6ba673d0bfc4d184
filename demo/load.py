"""Load the demo newsroom: role accounts and a few weeks of articles.

Used by ``manage.py quickstart``. Everything is idempotent: a second run finds
what the first created and adds nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleViewCount, Author, Byline, Photo, Section, Tag
from articles.readership import hour_of
from articles.roles import APPROVERS_GROUP, EDITORS_GROUP, MODERATORS_GROUP, REPORTERS_GROUP
from core.text import vietnamese_slugify
from demo.content import ARTICLES, AUTHORS, SECTIONS
from demo.photos import make_demo_photo


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    description: str
    group: str | None = None
    superuser: bool = False


# Known passwords, for a local demo only: quickstart refuses to run in production.
DEMO_ACCOUNTS = (
    DemoAccount("admin", "toasoan-admin", "Quản trị viên (toàn quyền)", superuser=True),
    DemoAccount("phongvien", "toasoan-phongvien", "Phóng viên", group=REPORTERS_GROUP),
    DemoAccount("bientap", "toasoan-bientap", "Biên tập viên", group=EDITORS_GROUP),
    DemoAccount("tongbientap", "toasoan-tongbientap", "Tổng biên tập", group=APPROVERS_GROUP),
    DemoAccount("kiemduyet", "toasoan-kiemduyet", "Kiểm duyệt viên", group=MODERATORS_GROUP),
)


def demo_accounts_ensure() -> list[tuple[DemoAccount, bool]]:
    """Create the demo accounts that are missing. Returns (account, created) pairs."""
    User = get_user_model()
    result = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={"is_staff": True, "is_superuser": account.superuser},
        )
        if created:
            user.set_password(account.password)
            user.save(update_fields=["password"])
            if account.group:
                user.groups.add(Group.objects.get(name=account.group))
        result.append((account, created))
    return result


# Demo tags, each given to the articles whose title or lead mentions one of its words.
DEMO_TAGS: dict[str, tuple[str, ...]] = {
    "Hòa Bình": ("hòa bình",),
    "Đông Hòa": ("đông hòa",),
    "Giao thông": ("giao thông", "xe buýt", "cầu vượt", "phân luồng"),
    "Dịch vụ công": ("hành chính công", "dịch vụ công", "thủ tục"),
    "HĐND thành phố": ("hđnd",),
    "Chợ truyền thống": ("chợ",),
    "Chuyển đổi số": ("chuyển đổi số", "trực tuyến", "thương mại điện tử", "không dùng tiền mặt"),
    "Môi trường": ("cây xanh", "rác", "kênh mương", "ngập"),
    "Y tế": ("vắc xin", "y tế", "huyết áp"),
    "Giáo dục": ("trường", "thư viện", "học sinh", "học bổng"),
}


def demo_tags_apply(articles: list[Article]) -> None:
    for name, words in DEMO_TAGS.items():
        tag = services.tag_save(tag=Tag(name=name))
        tagged = [
            article
            for article in articles
            if any(word in f"{article.title} {article.lead}".lower() for word in words)
        ]
        tag.articles.add(*tagged)


def demo_view_counts_add(articles: list[Article], *, now: datetime) -> None:
    """Some reads over the last week, so the home page shows "Đọc nhiều" at once.

    Deterministic (by position), as if flushed from the beacon's buffer.
    """
    rows = []
    current = hour_of(now)
    for position, article in enumerate(articles):
        assert article.published_at is not None
        for hours_ago in range(0, 7 * 24, 7):
            hour = current - timedelta(hours=hours_ago)
            if hour < hour_of(article.published_at):
                break
            views = (position * 37 + hours_ago * 11) % 23 + (5 if hours_ago < 24 else 1)
            rows.append(ArticleViewCount(article=article, hour=hour, views=views))
    ArticleViewCount.objects.bulk_create(rows)


@transaction.atomic
def demo_content_load(
    *,
    now: datetime | None = None,
    on_article: Callable[[], None] | None = None,
) -> int:
    """Create the demo sections, authors and articles unless articles already exist.

    Returns the number of articles created (0 when the database had content).
    ``on_article`` is called after each article, for progress output.
    """
    if Article.objects.exists():
        return 0
    now = now or timezone.now()
    sections = {}
    for order, data in enumerate(SECTIONS, start=1):
        section = Section(name=data["name"], description=data["description"], order=order)
        sections[data["name"]] = services.section_save(section=section)
    authors = {}
    for data in AUTHORS:
        authors[data["name"]] = services.author_save(
            author=Author(name=data["name"], bio=data["bio"])
        )
    photo_seed = 0
    created: list[Article] = []
    for data in ARTICLES:
        hour, minute = (int(part) for part in data["time"].split(":"))
        published_at = timezone.localtime(now - timedelta(days=data["days_ago"])).replace(
            hour=hour, minute=minute, second=0, microsecond=0
        )
        if published_at > now:
            published_at -= timedelta(days=1)
        article = services.article_save(
            article=Article(
                title=data["title"],
                section=sections[data["section"]],
                lead=data["lead"],
                body=data["body"],
                status=Article.Status.PUBLISHED,
                published_at=published_at,
                featured=data.get("featured", False),
            )
        )
        for order, (author_name, role) in enumerate(data["bylines"], start=1):
            Byline.objects.create(
                article=article, author=authors[author_name], role=role, order=order
            )
        for order, photo in enumerate(data["photos"], start=1):
            photo_seed += 1
            demo_photo = Photo(
                article=article,
                caption=photo["caption"],
                credit=photo["credit"],
                alt_text=photo["alt"],
                order=order,
            )
            name = f"{vietnamese_slugify(data['title'], max_length=60)}-{order}.jpg"
            demo_photo.image.save(name, ContentFile(make_demo_photo(photo_seed)), save=False)
            demo_photo.save()
            services.photo_renditions_build(photo=demo_photo)
        created.append(article)
        if on_article is not None:
            on_article()
    demo_tags_apply(created)
    demo_view_counts_add(created, now=now)
    return len(ARTICLES)
