from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Article
from core.querysets import SignallingQuerySet


def pending_first() -> Case:
    """0 for comments awaiting moderation, 1 for the rest: the admin sorts on it."""
    return Case(
        When(status="pending", then=Value(0)), default=Value(1), output_field=IntegerField()
    )


class CommentQuerySet(SignallingQuerySet):
    def approved(self) -> "CommentQuerySet":
        """What readers may see. Everything else stays in the moderation queue or the bin."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Bị từ chối")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(_("họ tên"), max_length=100)
    phone = models.CharField(
        _("số điện thoại"),
        max_length=20,
        blank=True,
        help_text=_("Lưu dạng quốc tế, ví dụ +84912345678. Không bao giờ hiện cho bạn đọc."),
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), max_length=5000)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("kiểm duyệt lúc"), null=True, blank=True)
    moderation_reason = models.CharField(
        _("lý do"),
        max_length=300,
        blank=True,
        help_text=_("Quy tắc hoặc người đã quyết định, ví dụ: trùng từ bị chặn “xxx”."),
    )

    public_reason = models.CharField(
        _("lý do báo cho bạn đọc"),
        max_length=300,
        blank=True,
        help_text=_(
            "Hiện trên trang riêng của người gửi khi bình luận không được đăng. "
            "Để trống thì bạn đọc thấy một câu chung; lý do nội bộ ở trên không bao giờ hiện ra."
        ),
    )
    # SHA-256 of the token in the reader's private status link (comments/status.py);
    # the token itself is never stored.
    status_token_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("bình luận")
        verbose_name_plural = pgettext_lazy("plural", "bình luận")
        indexes = [
            # The approved comments under an article, oldest first.
            models.Index(
                fields=["article", "status", "created_at", "id"], name="comment_public_idx"
            ),
            # The moderation queue and the admin's pending count.
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            # The admin's default order, pending first then newest: with this index
            # a page of the list is an index scan, not a sort of every comment.
            models.Index(
                pending_first(),
                F("created_at").desc(),
                F("id").desc(),
                name="comment_admin_order_idx",
            ),
            # Flood control and duplicate detection: recent comments from one address.
            models.Index(fields=["ip_address", "created_at"], name="comment_ip_recent_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#binh-luan-{self.pk}"


class BlockedTerm(models.Model):
    class Action(models.TextChoices):
        HOLD = "hold", _("Giữ lại chờ duyệt")
        REJECT = "reject", _("Từ chối ngay")

    term = models.CharField(
        _("từ hoặc cụm từ"),
        max_length=100,
        unique=True,
        help_text=_(
            "So khớp cả từ, không phân biệt dấu và chữ hoa: “đụ” cũng khớp “du”, "
            "nên hãy dùng cụm từ đủ rõ để không chặn nhầm."
        ),
    )
    action = models.CharField(
        _("xử lý"),
        max_length=10,
        choices=Action,
        default=Action.HOLD,
        help_text=_(
            "Giữ lại: bình luận vào hàng chờ kèm lý do. Từ chối: bình luận không được nhận, "
            "bạn đọc được báo để sửa lại."
        ),
    )
    created_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    class Meta:
        ordering = ("term",)
        verbose_name = _("từ bị chặn")
        verbose_name_plural = pgettext_lazy("plural", "từ bị chặn")

    def __str__(self) -> str:
        return self.term


class CommentAnswer(models.Model):
    """The newsroom's answer to a reader's comment, shown under it once it is approved."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("bình luận"), on_delete=models.CASCADE, related_name="answers"
    )
    body = models.TextField(_("nội dung trả lời"), max_length=5000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("trả lời lúc"), auto_now_add=True)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("câu trả lời của ban biên tập")
        verbose_name_plural = pgettext_lazy("plural", "câu trả lời của ban biên tập")
        indexes = [
            models.Index(fields=["comment", "created_at"], name="commentanswer_comment_idx"),
        ]

    def __str__(self) -> str:
        return self.body[:80]
