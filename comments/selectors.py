"""Reads behind the comment area, article lists and the moderation screens."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value, Window
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

# The query-string parameter for the page of comments under an article.
PAGE_PARAMETER = "binh-luan-trang"


def comments_are_open(article: Article, *, now: datetime | None = None) -> bool:
    """Whether readers may send new comments to ``article``.

    Closed by hand (``Article.comments_closed``) or, when
    ``COMMENTS_CLOSE_AFTER_DAYS`` is not 0, that many days after publication.
    """
    if article.comments_closed or not article.is_visible_to_readers:
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if days and article.published_at is not None:
        return (now or timezone.now()) < article.published_at + timedelta(days=days)
    return True


@dataclass(frozen=True)
class CommentPage:
    """One page of an article's approved comments, and how many there are in all."""

    comments: list[Comment]
    total: int
    number: int
    num_pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def start_index(self) -> int:
        """The position of the first comment of the page, counting from 1."""
        return (self.number - 1) * settings.COMMENTS_PER_PAGE + 1


def approved_comments_page(*, article: Article, page: str | int | None = None) -> CommentPage:
    """Approved comments of ``article``, oldest first, one page at a time, in one query.

    The total rides along on every row (a window count), so the page and the
    count come back together whether there are none or thousands. A page
    number that is not a number counts as the first page; one past the end
    shows the last page, costing one extra query on that rare path.
    """
    per_page = settings.COMMENTS_PER_PAGE
    try:
        number = max(int(page or 1), 1)
    except (TypeError, ValueError):
        number = 1
    number = min(number, 1_000_000)
    approved = Comment.objects.approved().filter(article_id=article.pk)
    rows = list(
        approved.only("name", "title", "body", "created_at", "article_id")
        .annotate(total=Window(Count("pk")))
        .order_by("created_at", "id")[(number - 1) * per_page : number * per_page]
    )
    if rows:
        total = rows[0].total
    elif number == 1:
        total = 0
    else:
        total = approved.count()
        last = max((total + per_page - 1) // per_page, 1)
        return approved_comments_page(article=article, page=last) if total else _empty_page()
    return CommentPage(
        comments=rows,
        total=total,
        number=number,
        num_pages=max((total + per_page - 1) // per_page, 1),
    )


def _empty_page() -> CommentPage:
    return CommentPage(comments=[], total=0, number=1, num_pages=1)


def approved_comment_count() -> Coalesce:
    """An annotation for article lists: each article's approved comments, in the same query.

    A correlated subquery rather than a join: lists that already join (an
    author's articles) or rank with a window (the home page) stay correct,
    and the count is read from the public index.
    """
    counts = (
        Comment.objects.approved()
        .filter(article_id=OuterRef("pk"))
        .order_by()
        .values("article_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def approved_comment_counts(article_ids: list[int]) -> dict[int, int]:
    """Approved comments per article for a handful of articles, in one grouped query."""
    if not article_ids:
        return {}
    rows = (
        Comment.objects.approved()
        .filter(article_id__in=article_ids)
        .order_by()
        .values_list("article_id")
        .annotate(count=Count("pk"))
    )
    return dict(rows)


def recent_duplicates(*, ip_address: str, body: str, now: datetime | None = None) -> list[Comment]:
    """Comments with exactly ``body`` sent from ``ip_address`` within the duplicate window.

    Comments refused for a blocked word do not count: the reader is expected
    to fix the text, and a resend of the same text is refused again by the rule.
    """
    window = timedelta(minutes=settings.COMMENTS_DUPLICATE_WINDOW_MINUTES)
    if not window:
        return []
    return list(
        Comment.objects.filter(
            ip_address=ip_address, created_at__gte=(now or timezone.now()) - window, body=body
        )
        .exclude(status=Comment.Status.REJECTED)
        .only("pk", "article_id", "status")
        .order_by("-created_at")[:20]
    )


def comment_counts_by_status(article: Article) -> dict[str, int]:
    """How many comments ``article`` has in each status, every status present (0 when none)."""
    counts = dict.fromkeys(Comment.Status.values, 0)
    rows = (
        Comment.objects.filter(article_id=article.pk)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    counts.update(dict(rows))
    return counts


def pending_comment_count() -> int:
    return Comment.objects.pending().count()
