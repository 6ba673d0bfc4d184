import logging

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.admin_workflow import ArticleWorkflowAdminMixin, MineFilter
from articles.csp import ckeditor_csp
from articles.forms import ArticleAdminForm, PhotoInlineForm, SectionAdminForm
from articles.models import Article, Author, Byline, Photo, Section

User = get_user_model()
logger = logging.getLogger("articles")

PHOTO_STORAGE_FAILED = _(
    "Không lưu được ảnh: máy chủ hết dung lượng hoặc không ghi được thư mục ảnh. "
    "Bài viết chưa được lưu; nội dung bạn nhập vẫn còn trong biểu mẫu (ảnh cần chọn lại)."
)


class PhotoStorageError(Exception):
    """A photo file could not be written (disk full, read-only, no permission)."""


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    form = SectionAdminForm
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        services.section_save(section=obj)

    def delete_model(self, request, obj):
        services.sections_delete(sections=[obj])

    def delete_queryset(self, request, queryset):
        services.sections_delete(sections=queryset)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "user")
    search_fields = ("name", "slug")
    fields = ("name", "slug", "bio", "user")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # Editors may not browse user accounts; offer only staff, by username.
            kwargs["queryset"] = User.objects.filter(is_staff=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        services.author_save(author=obj)


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ("author",)
    fields = ("author", "role", "order")
    verbose_name = _("tác giả")
    verbose_name_plural = _("Tác giả (theo thứ tự hiển thị cuối bài)")


class PhotoInline(admin.StackedInline):
    model = Photo
    form = PhotoInlineForm
    extra = 1
    fields = (("image", "preview"), "caption", ("credit", "order"), "alt_text")
    readonly_fields = ("preview",)

    @admin.display(description=_("xem trước"))
    def preview(self, photo: Photo) -> str:
        if not photo.pk or not photo.image:
            return "—"
        return format_html(
            '<img class="photo-preview" src="{}" alt="{}">',
            photo.image.url,
            photo.alt_text,
        )


class PublicationFilter(admin.SimpleListFilter):
    """Status as readers experience it: a published article can still be waiting for its time."""

    title = _("tình trạng hiển thị")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return (
            ("live", _("Đang hiển thị")),
            ("scheduled", _("Hẹn giờ đăng")),
            ("draft", _("Bản nháp")),
        )

    def queryset(self, request, queryset):
        match self.value():
            case "live":
                return queryset.published()
            case "scheduled":
                return queryset.scheduled()
            case "draft":
                return queryset.drafts()
        return queryset


@admin.register(Article)
class ArticleAdmin(ArticleWorkflowAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = (BylineInline, PhotoInline)
    list_display = ("title", "section", "visibility", "published_at", "byline_names", "updated_at")
    list_filter = (PublicationFilter, "status", MineFilter, "section", "published_at")
    list_select_related = ("section",)
    search_fields = ("title", "lead")
    date_hierarchy = "published_at"
    # The workflow's (articles/admin_workflow.py); returning and withdrawing
    # need a note, so they are buttons on the article's page only.
    actions = ("submit_for_editing", "send_for_approval", "publish_now")
    readonly_fields = ("created_by", "created_at", "updated_by", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "section", "lead", "body", "loaded_version")}),
        (_("Xuất bản"), {"fields": ("status", "published_at", "comments_closed")}),
        (
            _("Nâng cao"),
            {
                "classes": ("collapse",),
                "fields": (
                    "slug",
                    ("created_by", "created_at"),
                    ("updated_by", "updated_at"),
                ),
            },
        ),
    )

    class Media:
        css = {"all": ("css/admin.css",)}
        # CKEditor's image uploads must carry the CSRF token (articles/uploads.py).
        js = ("js/ckeditor-csrf.js",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    @method_decorator(ckeditor_csp)
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            response = super().changeform_view(request, object_id, form_url, extra_context)
        except PhotoStorageError:
            logger.exception("photo could not be stored", extra={"event": "photo_storage_failed"})
            # The admin's transaction has been rolled back: nothing of the article
            # was kept. The same request again, this time with a form that refuses
            # to save, shows the editor's text and the reason instead of a 500.
            request.photo_storage_failed = True
            response = super().changeform_view(request, object_id, form_url, extra_context)
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "photo_storage_failed", False):
            form = type(form.__name__, (form,), {"storage_error": PHOTO_STORAGE_FAILED})
        return form

    def view_on_site(self, article: Article) -> str:
        # Drafts and scheduled articles 404 for readers; the preview shows them to staff.
        return reverse("articles:preview", kwargs={"pk": article.pk})

    @admin.display(description=_("hiển thị"), ordering="status")
    def visibility(self, article: Article) -> str:
        if article.is_scheduled:
            return _("Hẹn giờ")
        return article.get_status_display()

    @admin.display(description=_("tác giả"))
    def byline_names(self, article: Article) -> str:
        return format_html_join(", ", "{}", ((b.author.name,) for b in article.bylines.all()))

    def save_model(self, request, obj, form, change):
        services.article_save(article=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Photo:
            super().save_formset(request, form, formset, change)
            return
        new_photos = [f.instance for f in formset.forms if f.instance._state.adding]
        try:
            super().save_formset(request, form, formset, change)
            for photo_form in formset.forms:
                photo = photo_form.instance
                if photo.pk and "image" in photo_form.changed_data:
                    services.photo_renditions_build(photo=photo)
        except OSError as error:
            services.photos_discard_files(photos=new_photos)
            raise PhotoStorageError from error
