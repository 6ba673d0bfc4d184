import secrets

from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.attachments import CONTENT_TYPES, DocumentKind
from articles.images import validate_image_file
from articles.roles import may_see_unpublished
from core.querysets import SignallingQuerySet
from core.text import vietnamese_slugify


class Section(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=100, unique=True)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tên chuyên mục."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Số nhỏ hiện trước trên thanh điều hướng.")
    )

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ("order", "name")
        verbose_name = _("chuyên mục")
        verbose_name_plural = pgettext_lazy("plural", "chuyên mục")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"section_slug": self.slug})


class Author(models.Model):
    name = models.CharField(_("họ tên"), max_length=120)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo tự động từ họ tên."),
    )
    bio = models.TextField(_("giới thiệu ngắn"), blank=True, max_length=1000)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text=_("Tài khoản đăng nhập của tác giả, nếu có."),
    )

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("tác giả")
        verbose_name_plural = pgettext_lazy("plural", "tác giả")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"author_slug": self.slug})


class Tag(models.Model):
    """A keyword ("Từ khóa") editors attach to articles; each has a page and a feed."""

    name = models.CharField(_("từ khóa"), max_length=100, unique=True)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo tự động từ từ khóa."),
    )

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("từ khóa")
        verbose_name_plural = pgettext_lazy("plural", "từ khóa")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:tag", kwargs={"tag_slug": self.slug})


class ArticleQuerySet(SignallingQuerySet):
    def published(self) -> "ArticleQuerySet":
        """What readers may see: published, the publish time has come, the expiry has not.

        A future ``published_at`` schedules an article: it appears on its own
        when the time arrives, with no job to flip a flag; an ``expires_at``
        that passes takes it off every public page the same way. Withdrawn
        articles ("Đã gỡ") and everything still in the workflow have another
        status, so they are never shown, whatever their time.
        """
        now = timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def visible_to(self, user) -> "ArticleQuerySet":
        """The articles ``user`` may read: all for editors and superusers, else the published."""
        return self.all() if may_see_unpublished(user) else self.published()

    def drafts(self) -> "ArticleQuerySet":
        return self.filter(status=Article.Status.DRAFT)

    def scheduled(self) -> "ArticleQuerySet":
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def expired(self) -> "ArticleQuerySet":
        """Published articles whose expiry has passed: readers no longer see them."""
        return self.filter(status=Article.Status.PUBLISHED, expires_at__lte=timezone.now())


class Article(models.Model):
    class Status(models.TextChoices):
        # The editorial workflow (articles/workflow.py) moves an article between these.
        DRAFT = "draft", _("Bản nháp")
        SUBMITTED = "submitted", _("Chờ biên tập")
        AWAITING_APPROVAL = "awaiting_approval", _("Chờ duyệt")
        RETURNED = "returned", _("Trả lại")
        PUBLISHED = "published", _("Đã xuất bản")
        WITHDRAWN = "withdrawn", _("Đã gỡ")

    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        blank=True,
        help_text=_(
            "Tạo tự động từ tiêu đề khi để trống. Đường dẫn cũ vẫn dùng được sau khi đổi, "
            "vì bài viết được nhận diện bằng số ở cuối địa chỉ."
        ),
    )
    section = models.ForeignKey(
        Section, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    lead = models.TextField(
        _("sapo"),
        max_length=1000,
        help_text=_("Đoạn mở đầu in đậm. Mã tòa soạn (ví dụ “HNP - ”) được thêm tự động."),
    )
    body = RichTextUploadingField(_("nội dung"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT, db_index=False
    )
    published_at = models.DateTimeField(
        _("thời gian xuất bản"),
        null=True,
        blank=True,
        help_text=_(
            "Để trống thì lấy thời điểm xuất bản. Chọn thời điểm trong tương lai để hẹn giờ đăng."
        ),
    )
    expires_at = models.DateTimeField(
        _("hết hạn lúc"),
        null=True,
        blank=True,
        help_text=_(
            "Để trống nếu bài không hết hạn. Đến thời điểm này bài tự rời khỏi mọi trang "
            "của bạn đọc (thông báo tuyển dụng, lịch cắt điện…)."
        ),
    )
    comments_closed = models.BooleanField(
        _("đóng bình luận"),
        default=False,
        help_text=_("Bạn đọc không gửi được bình luận mới; bình luận đã duyệt vẫn hiển thị."),
    )
    featured = models.BooleanField(
        _("tiêu điểm"),
        default=False,
        help_text=_("Bài tiêu điểm mới nhất đang hiển thị được đặt lớn ở đầu trang chủ."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # Incremented on every save; the admin form carries the version it loaded so
    # a second editor cannot silently overwrite the first (optimistic locking).
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa cuối"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Title, lead and body without accents (core.text.search_document), for
    # accent-insensitive search on SQLite; PostgreSQL searches a full-text
    # column of its own (migration 0011_search_index), kept by the database.
    search_text = models.TextField(editable=False, blank=True, default="")
    # Kept by comments.services (the only writer) so that pages and lists show
    # counts without counting; article_save never writes it.
    approved_comment_count = models.PositiveIntegerField(
        _("số bình luận đã duyệt"), default=0, editable=False
    )
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="articles", verbose_name=_("tác giả")
    )
    tags = models.ManyToManyField(
        Tag,
        blank=True,
        related_name="articles",
        verbose_name=_("từ khóa"),
        help_text=_("Các từ khóa của bài; bạn đọc bấm vào để xem mọi bài cùng từ khóa."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ("-published_at", "-id")
        verbose_name = _("bài viết")
        verbose_name_plural = pgettext_lazy("plural", "bài viết")
        get_latest_by = "published_at"
        permissions = [
            ("review_article", _("Biên tập mọi bài chưa xuất bản")),
            ("approve_article", _("Duyệt, xuất bản và gỡ bài")),
        ]
        indexes = [
            # Section pages, home page and newer/older lists: published articles
            # of one section by time.
            models.Index(
                fields=["section", "status", "-published_at", "-id"],
                name="article_section_pub_idx",
            ),
            # Site-wide "latest" lists.
            models.Index(fields=["status", "-published_at", "-id"], name="article_pub_idx"),
            # The home page's featured story ("Tiêu điểm"): the newest featured one.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(featured=True, status="published"),
                name="article_featured_idx",
            ),
            # The page cache's look-up of the next expiry (pagecache/schedule.py).
            models.Index(
                fields=["expires_at"],
                condition=Q(expires_at__isnull=False),
                name="article_expiry_idx",
            ),
            # Word searches (LIKE '%word%' on the folded text), public and in the
            # admin. PostgreSQL only: the migration skips it elsewhere.
            GinIndex(
                fields=["search_text"], opclasses=["gin_trgm_ops"], name="article_search_trgm_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("Bài đã xuất bản phải có thời gian xuất bản."),
            ),
            # Also refused, with the reason on the field, by services.article_expiry_clean.
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=F("published_at")),
                name="article_expires_after_publication",
                violation_error_message=_("Thời điểm hết hạn phải sau thời gian xuất bản."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "articles:detail",
            kwargs={
                "section_slug": self.section.slug,
                "slug": self.slug or "bai-viet",
                "pk": self.pk,
            },
        )

    @property
    def is_visible_to_readers(self) -> bool:
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_expired(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


class ArticleTransition(models.Model):
    """One step of an article through the workflow: who moved it, when, from what to what.

    Written only by ``articles.workflow`` and never changed afterwards, so the
    rows are the article's history.
    """

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("từ trạng thái"), max_length=20, choices=Article.Status)
    to_status = models.CharField(_("sang trạng thái"), max_length=20, choices=Article.Status)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    NOTE_MAX_LENGTH = 2000
    note = models.TextField(_("ghi chú"), blank=True, max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=False)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("bước quy trình")
        verbose_name_plural = pgettext_lazy("plural", "bước quy trình")
        indexes = [
            models.Index(fields=["article", "created_at", "id"], name="transition_article_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Byline(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField(
        _("vai trò"),
        max_length=50,
        blank=True,
        help_text=_("Ví dụ: “Ảnh”, “Thực hiện”. Để trống với người viết bài."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ("order", "id")
        verbose_name = _("tác giả bài viết")
        verbose_name_plural = pgettext_lazy("plural", "tác giả bài viết")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author", "role"], name="byline_unique_author_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.author}" if self.role else str(self.author)


def photo_upload_to(photo: "Photo", filename: str) -> str:
    # Dated folders keep directories small; the name is replaced by the storage
    # if it already exists, so nothing is overwritten.
    now = timezone.now()
    return f"photos/{now:%Y/%m}/{filename}"


class Photo(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("ảnh"),
        upload_to=photo_upload_to,
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
        max_length=255,
    )
    width = models.PositiveIntegerField(_("chiều rộng"), editable=False, null=True)
    height = models.PositiveIntegerField(_("chiều cao"), editable=False, null=True)
    caption = models.TextField(_("chú thích"), max_length=500, blank=True)
    credit = models.CharField(
        _("nguồn ảnh"), max_length=120, blank=True, help_text=_("Người chụp hoặc nguồn ảnh.")
    )
    alt_text = models.CharField(
        _("mô tả ảnh"),
        max_length=250,
        help_text=_("Mô tả ngắn nội dung ảnh cho người khiếm thị và khi ảnh không tải được."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # Resized WebP and JPEG copies, described here so pages can list them
    # without touching storage: [{"width", "height", "webp", "jpg"}, …].
    renditions = models.JSONField(_("bản thu nhỏ"), default=list, blank=True, editable=False)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ("order", "id")
        verbose_name = _("ảnh")
        verbose_name_plural = pgettext_lazy("plural", "ảnh")

    def __str__(self) -> str:
        return self.caption[:60] or self.alt_text

    def _srcset(self, extension: str) -> str:
        storage = self.image.storage
        return ", ".join(f"{storage.url(r[extension])} {r['width']}w" for r in self.renditions)

    @property
    def webp_srcset(self) -> str:
        return self._srcset("webp")

    @property
    def jpeg_srcset(self) -> str:
        return self._srcset("jpg")

    @property
    def thumbnail(self) -> dict[str, str | int | None]:
        """The smallest copy, for lists: its JPEG address and its size."""
        if not self.renditions:
            return {"url": self.image.url, "width": self.width, "height": self.height}
        smallest = min(self.renditions, key=lambda r: r["width"])
        return {
            "url": self.image.storage.url(smallest["jpg"]),
            "width": smallest["width"],
            "height": smallest["height"],
        }

    @property
    def fallback_url(self) -> str:
        """The JPEG closest to the column's width, for browsers without srcset."""
        if not self.renditions:
            return self.image.url
        best = min(self.renditions, key=lambda r: abs(r["width"] - 800))
        return self.image.storage.url(best["jpg"])


def attachment_upload_to(attachment: "Attachment", filename: str) -> str:
    # A random folder: the file's media address is never published (readers get
    # the download view, which checks the article is public), and cannot be guessed.
    now = timezone.now()
    return f"documents/{now:%Y/%m}/{secrets.token_hex(8)}/{filename}"


class Attachment(models.Model):
    """A document attached to an article (decision, form, schedule), downloaded by readers."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(
        _("tên văn bản"),
        max_length=200,
        help_text=_("Bạn đọc thấy tên này trên trang và khi tải tệp về."),
    )
    file = models.FileField(_("tệp"), upload_to=attachment_upload_to, max_length=255)
    # Detected from the file's content when it was uploaded (articles/attachments.py).
    kind = models.CharField(_("loại tệp"), max_length=10, choices=DocumentKind, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ("order", "id")
        verbose_name = _("văn bản đính kèm")
        verbose_name_plural = pgettext_lazy("plural", "văn bản đính kèm")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "articles:attachment",
            kwargs={"pk": self.pk, "slug": self.slug, "extension": self.kind},
        )

    @property
    def slug(self) -> str:
        return vietnamese_slugify(self.title, max_length=100) or "van-ban"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[DocumentKind(self.kind)]

    @property
    def label(self) -> str:
        return DocumentKind(self.kind).label


class ArticleViewCount(models.Model):
    """How many times readers opened an article in one hour.

    Written in batches from the buffer the beacon fills (``articles/readership.py``),
    never on a reader's request; the most-read lists add up the last 24 hours or 7 days.
    """

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="view_counts"
    )
    hour = models.DateTimeField(_("giờ"))
    views = models.PositiveIntegerField(_("lượt đọc"), default=0)

    objects = SignallingQuerySet.as_manager()

    class Meta:
        ordering = ("-hour", "article")
        verbose_name = _("lượt đọc theo giờ")
        verbose_name_plural = pgettext_lazy("plural", "lượt đọc theo giờ")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="article_view_count_hour"),
        ]
        indexes = [
            # The ranking's scan of the last 7 days.
            models.Index(fields=["hour", "article"], name="article_view_count_hour_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.views}"


# Registered with the app from here; see that module for why it is apart.
from articles.editorial_models import ArticleRevision, Correction  # noqa: E402, F401
