from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
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


class CommentDecisionQuerySet(models.QuerySet):
    def open_reports(self) -> "CommentDecisionQuerySet":
        """Readers' reports no moderator has answered yet: made after the comment's last decision.

        A moderator's decision sets ``Comment.moderated_at``; reports made before
        it were seen and answered, so they no longer count towards hiding it.
        """
        return self.filter(kind=CommentDecision.Kind.REPORT).filter(
            models.Q(comment__moderated_at__isnull=True)
            | models.Q(created_at__gt=F("comment__moderated_at"))
        )


class CommentDecision(models.Model):
    """One decision on a comment, kept for good: the history is never rewritten.

    A rule's verdict when the comment arrives, each moderator's decision, each
    reader's report (which may also hide the comment again). ``from_status`` and
    ``to_status`` are equal when the decision changed nothing (most reports).
    """

    class Kind(models.TextChoices):
        RULE = "rule", _("Quy tắc tự động")
        MODERATOR = "moderator", _("Kiểm duyệt viên")
        REPORT = "report", _("Bạn đọc báo vi phạm")

    class ReportReason(models.TextChoices):
        ABUSIVE = "abusive", _("Xúc phạm, thô tục")
        SCAM = "scam", _("Quảng cáo, lừa đảo")
        FALSE = "false", _("Thông tin sai sự thật")
        OTHER = "other", _("Khác")

    comment = models.ForeignKey(
        Comment, verbose_name=_("bình luận"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=10, choices=Comment.Status, blank=True
    )
    to_status = models.CharField(_("sang trạng thái"), max_length=10, choices=Comment.Status)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    report_reason = models.CharField(
        _("lý do báo vi phạm"), max_length=10, choices=ReportReason, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A keyed hash of the reporter's address: enough to take one report per
    # address and comment, without keeping the address itself.
    reporter_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    objects = CommentDecisionQuerySet.as_manager()

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("quyết định về bình luận")
        verbose_name_plural = pgettext_lazy("plural", "quyết định về bình luận")
        indexes = [
            # A comment's history in order, its open reports, its latest rule verdict.
            models.Index(fields=["comment", "kind", "created_at"], name="decision_comment_idx"),
            # The "Bị báo cáo" queue: recent reports.
            models.Index(fields=["kind", "created_at"], name="decision_kind_recent_idx"),
        ]
        constraints = [
            # One report per address per comment, even for two requests at once.
            models.UniqueConstraint(
                fields=["comment", "reporter_key"],
                condition=models.Q(kind="report"),
                name="decision_one_report_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_to_status_display()}"


class SenderBlockQuerySet(models.QuerySet):
    def active(self, *, now=None) -> "SenderBlockQuerySet":
        now = now or timezone.now()
        return self.filter(models.Q(until__isnull=True) | models.Q(until__gt=now))


class SenderBlock(models.Model):
    """A phone number or an IP address whose next comments are held or refused until ``until``.

    Exactly one of ``phone`` and ``ip_address`` is set. A block changes what
    happens to new comments only: existing ones stay as they are.
    """

    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    until = models.DateTimeField(
        _("chặn đến"), null=True, blank=True, help_text=_("Để trống: chặn vĩnh viễn.")
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("từ bình luận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chặn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("chặn lúc"), auto_now_add=True)

    objects = SenderBlockQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("người gửi bị chặn")
        verbose_name_plural = pgettext_lazy("plural", "người gửi bị chặn")
        indexes = [
            models.Index(fields=["phone", "until"], name="senderblock_phone_idx"),
            models.Index(fields=["ip_address", "until"], name="senderblock_ip_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(phone="", ip_address__isnull=False)
                    | (~models.Q(phone="") & models.Q(ip_address__isnull=True))
                ),
                name="senderblock_phone_xor_ip",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Người gửi bị chặn #%(pk)s") % {"pk": self.pk})
