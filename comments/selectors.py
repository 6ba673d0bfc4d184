"""Reads behind the comment area, article lists and the moderation screens."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, CommentAnswer
from core.search import Folded
from core.text import search_words

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
    """Approved comments of ``article``, oldest first, one page at a time.

    The total is the count stored on the article (kept by the moderation
    services), so an article without comments costs no query and one with
    half a million costs no count. A page number that is not a number counts
    as the first page; one past the end shows the last page.
    """
    per_page = settings.COMMENTS_PER_PAGE
    total = article.approved_comment_count
    if not total:
        return _empty_page()
    num_pages = (total + per_page - 1) // per_page
    try:
        number = max(int(page or 1), 1)
    except (TypeError, ValueError):
        number = 1
    number = min(number, num_pages)
    rows = list(
        Comment.objects.approved()
        .filter(article_id=article.pk)
        .only("name", "title", "body", "created_at", "article_id")
        # The newsroom's answers under each comment: one query for the page.
        .prefetch_related(
            Prefetch(
                "answers", queryset=CommentAnswer.objects.only("body", "created_at", "comment_id")
            )
        )
        .order_by("created_at", "id")[(number - 1) * per_page : number * per_page]
    )
    return CommentPage(comments=rows, total=total, number=number, num_pages=num_pages)


def _empty_page() -> CommentPage:
    return CommentPage(comments=[], total=0, number=1, num_pages=1)


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


def comments_matching(queryset: QuerySet[Comment], query: str) -> QuerySet[Comment]:
    """The comments of ``queryset`` whose name, title or text contain every word of
    ``query``, accents and case ignored ("pho sach" finds "Phố Sách"); all of them
    for a query with no words.
    """
    words = search_words(query)[:8]
    if not words:
        return queryset
    # The expression of comment_search_trgm_idx (migration 0005), so PostgreSQL reads it.
    queryset = queryset.alias(folded_text=Folded("name", "title", "body"))
    for word in words:
        queryset = queryset.filter(folded_text__contains=word)
    return queryset
