"""The editorial record of an article: its revisions and its public corrections.

Kept apart from ``articles/models.py`` (which imports this module at its end)
so that changes to the article itself and to its record merge independently.
Both point at the article by name, so nothing here imports ``Article``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.querysets import SignallingQuerySet


class ArticleRevision(models.Model):
    """What an article was after one save: its text, status, section, photos and bylines.

    One row per save, holding a JSON snapshot (``articles/revisions.py`` makes
    and reads it), so recording costs one insert however many photos the
    article has, and a revision survives later changes to the schema of the
    article, its photos and bylines. Rows are never changed or deleted by the
    site: restoring one records a new revision.
    """

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    number = models.PositiveIntegerField(_("số phiên bản"))
    created_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lưu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    restored_from = models.ForeignKey(
        "self",
        verbose_name=_("khôi phục từ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(_("nội dung"))

    class Meta:
        ordering = ("-number",)
        verbose_name = _("phiên bản bài viết")
        verbose_name_plural = pgettext_lazy("plural", "phiên bản bài viết")
        # Seeing and restoring revisions is for whoever may change the article.
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="article_revision_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Phiên bản %(number)d") % {"number": self.number})


class Correction(models.Model):
    """A dated note on a published article, shown to readers: a correction or an update."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Đính chính")
        UPDATE = "update", _("Cập nhật")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(
        _("nội dung"),
        max_length=2000,
        help_text=_("Hiện cuối bài, sau thời gian đính chính hoặc cập nhật."),
    )
    noted_at = models.DateTimeField(_("thời gian"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thêm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ("noted_at", "id")
        verbose_name = _("đính chính, cập nhật")
        verbose_name_plural = pgettext_lazy("plural", "đính chính, cập nhật")
        indexes = [
            # The public list of recent corrections, newest first.
            models.Index(fields=["-noted_at", "-id"], name="correction_recent_idx"),
            models.Index(fields=["article", "noted_at"], name="correction_article_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
