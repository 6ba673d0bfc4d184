"""Corrections and updates ("Đính chính", "Cập nhật"): dated notes on published articles.

An approver adds one to a live article; it shows at the end of the article
with its time, on the public list of recent corrections (``/dinh-chinh/``),
and moves the article's modified time (``Article.updated_at``, which feeds
read as the last change a reader can see). The page cache hears of every
change through the models' signals (``pagecache/invalidation.py``).
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import selectors
from articles.models import Article, Correction
from core.dependencies import depends_on, list_key
from core.text import normalize_text

# --- Writes -------------------------------------------------------------------


def may_add_corrections(user: User | AnonymousUser) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("articles.add_correction"))


def correction_article_check(*, article: Article) -> None:
    """Refuse an article readers cannot see: a correction is a note to readers."""
    if not article.is_visible_to_readers:
        raise ValidationError(
            _("Chỉ thêm đính chính hoặc cập nhật cho bài đang hiển thị với bạn đọc."),
            code="not_published",
        )


@transaction.atomic
def correction_save(*, correction: Correction, user: User | AnonymousUser) -> Correction:
    """Add ``correction`` (unsaved) to its article, or save changes to its text.

    The time of a new note is now, whoever asks; the article's modified time
    follows it.
    """
    adding = correction.pk is None
    permission = "articles.add_correction" if adding else "articles.change_correction"
    if not (user.is_active and user.is_staff and user.has_perm(permission)):
        raise PermissionDenied(_("Bạn không có quyền thêm hoặc sửa đính chính."))
    article = Article.objects.select_for_update(of=("self",)).get(pk=correction.article_id)
    correction_article_check(article=article)
    correction.text = normalize_text(correction.text).strip()
    if not correction.text:
        raise ValidationError(_("Nội dung đính chính không được để trống."), code="required")
    now = timezone.now()
    if adding:
        correction.noted_at = now
        correction.created_by = user if isinstance(user, User) else None
    correction.save()
    # A queryset update: the article's version (edit conflicts) and revisions
    # are the editors' business, not a note added beside their text.
    Article.objects.filter(pk=article.pk).update(updated_at=now)
    return correction


# --- Reads --------------------------------------------------------------------


def article_corrections(*, article: Article) -> list[Correction]:
    """The article's notes, oldest first: one query (each row records its article)."""
    return list(
        Correction.objects.filter(article_id=article.pk)
        .only("article_id", "kind", "text", "noted_at")
        .order_by("noted_at", "id")
    )


def recent_corrections() -> QuerySet[Correction]:
    """Notes on the articles readers can see, newest first, for the public list.

    The list changes when a note is added, changed or removed (its list key)
    and when an article joins or leaves the published lists of any section.
    """
    depends_on(list_key(Correction))
    depends_on(*(list_key(Article, section=s.pk) for s in selectors.navigation_sections()))
    published = Article.objects.published()
    return (
        Correction.objects.filter(article__in=published.values("pk"))
        .select_related("article__section")
        .only(
            "kind",
            "text",
            "noted_at",
            "article__title",
            "article__slug",
            "article__status",
            "article__published_at",
            "article__section__slug",
            "article__section__name",
        )
        .order_by("-noted_at", "-id")
    )
