import logging
from typing import TYPE_CHECKING, ClassVar

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from articles import (
    admin_corrections,  # noqa: F401  (registers the corrections' admin)
    selectors,
    services,
)
from articles.admin_formsets import ArticleInlineFormSet
from articles.admin_revisions import ArticleRevisionsAdminMixin
from articles.admin_workflow import ArticleWorkflowAdminMixin, MineFilter
from articles.csp import ckeditor_csp
from articles.forms import (
    ArticleAdminForm,
    AttachmentInlineForm,
    AuthorAdminForm,
    PhotoInlineForm,
    SectionAdminForm,
)
from articles.models import Article, Attachment, Author, Byline, Photo, Section, Tag
from articles.templatetags.portal import compact_datetime, iso_datetime, portal_datetime

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

User = get_user_model()
logger = logging.getLogger("articles")

PHOTO_STORAGE_FAILED = _(
    "Không lưu được ảnh: máy chủ hết dung lượng hoặc không ghi được thư mục ảnh. "
    "Bài viết chưa được lưu; nội dung bạn nhập vẫn còn trong biểu mẫu (ảnh cần chọn lại)."
)


def time_column(value) -> str:
    """A time as list columns show it: short ("02:18 02/12"), the full time on hover.

    Django's vi format ("22:40 Ngày 01 tháng 12 năm 2026") took a third of the
    change list and squeezed titles to one word a line.
    """
    if value is None:
        return "—"
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        iso_datetime(value),
        portal_datetime(value),
        compact_datetime(value),
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
    form = AuthorAdminForm
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


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    fields = ("name", "slug")

    def save_model(self, request, obj, form, change):
        services.tag_save(tag=obj)


class BylineInline(admin.TabularInline):
    model = Byline
    formset = ArticleInlineFormSet
    extra = 1
    autocomplete_fields = ("author",)
    fields = ("author", "role", "order")
    verbose_name = _("tác giả")
    verbose_name_plural = _("Tác giả (theo thứ tự hiển thị cuối bài)")


class PhotoInline(admin.StackedInline):
    model = Photo
    form = PhotoInlineForm
    formset = ArticleInlineFormSet
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


class AttachmentInline(admin.TabularInline):
    """Documents readers download from the article page; the type is read from the file."""

    model = Attachment
    form = AttachmentInlineForm
    formset = ArticleInlineFormSet
    extra = 1
    fields = ("title", "file", "details", "order")
    readonly_fields = ("details",)
    verbose_name = _("văn bản đính kèm")
    verbose_name_plural = _("Văn bản đính kèm (PDF, Word, Excel, OpenDocument)")

    @admin.display(description=_("loại, dung lượng"))
    def details(self, attachment: Attachment) -> str:
        if not attachment.pk:
            return "—"
        return f"{attachment.label}, {filesizeformat(attachment.size)}"


class PublicationFilter(admin.SimpleListFilter):
    """Status as readers experience it: a published article can still be waiting for its time."""

    title = _("tình trạng hiển thị")
    parameter_name = "visibility"

    # The workflow's states before and after publication, by their status.
    WORKFLOW_STATES = tuple(
        status for status in Article.Status if status != Article.Status.PUBLISHED
    )

    def lookups(self, request, model_admin):
        return (
            ("live", _("Đang hiển thị")),
            ("scheduled", _("Hẹn giờ đăng")),
            ("expired", _("Hết hạn")),
            *((status.value, status.label) for status in self.WORKFLOW_STATES),
        )

    def queryset(self, request, queryset):
        match self.value():
            case "live":
                return queryset.published()
            case "scheduled":
                return queryset.scheduled()
            case "expired":
                return queryset.expired()
            case value if value in self.WORKFLOW_STATES:
                return queryset.filter(status=value)
        return queryset


@admin.register(Article)
class ArticleAdmin(ArticleRevisionsAdminMixin, ArticleWorkflowAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = (BylineInline, PhotoInline, AttachmentInline)
    list_display = ("title", "section", "visibility", "published", "byline_names", "updated")
    # One status filter: "tình trạng hiển thị" tells the workflow's states apart,
    # and also scheduled and expired from live, which the model's plain status cannot.
    list_filter = (PublicationFilter, MineFilter, "featured", "section", "published_at")
    list_select_related = ("section",)
    autocomplete_fields = ("tags",)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if formfield is not None and db_field.name == "tags":
            # Named like the inlines' pickers, for autocomplete-names.js to pass on.
            widget = getattr(formfield.widget, "widget", None) or formfield.widget
            widget.attrs["aria-label"] = capfirst(db_field.verbose_name)
        return formfield

    search_fields = ("title", "lead")
    date_hierarchy = "published_at"
    # The workflow's (articles/admin_workflow.py); returning and withdrawing
    # need a note, so they are buttons on the article's page only.
    actions = ("submit_for_editing", "send_for_approval", "publish_now")
    # Any length: the comments app's admin adds a field.
    readonly_fields: ClassVar[tuple[str, ...]] = (
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "section", "lead", "body", "tags", "loaded_version")}),
        (
            _("Xuất bản"),
            {"fields": ("status", "published_at", "expires_at", "featured", "comments_closed")},
        ),
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
        # CKEditor's image uploads must carry the CSRF token (articles/uploads.py);
        # its Vietnamese needs completing (the alt text is not the caption).
        # The author pickers get the name their select has (autocomplete-names.js).
        js = ("js/ckeditor-csrf.js", "js/ckeditor-vi.js", "js/autocomplete-names.js")

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
        except services.ArticleEditConflict as conflict:
            # Rolled back too; shown again with the saved copy and who saved it.
            request.edit_conflict = conflict.saved
            response = super().changeform_view(request, object_id, form_url, extra_context)
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "photo_storage_failed", False):
            form = type(form.__name__, (form,), {"storage_error": PHOTO_STORAGE_FAILED})
        if getattr(request, "edit_conflict", None) is not None:
            form = type(form.__name__, (form,), {"conflict": request.edit_conflict})
        return form

    def get_search_results(self, request, queryset, search_term):
        # As readers' search: "da nang" finds "Đà Nẵng", from the folded column
        # and its index rather than ILIKE on title and lead.
        return selectors.articles_matching(queryset, search_term), False

    def view_on_site(self, article: Article) -> str:
        # Drafts and scheduled articles 404 for readers; the preview shows them to staff.
        return reverse("articles:preview", kwargs={"pk": article.pk})

    @admin.display(description=_("hiển thị"), ordering="status")
    def visibility(self, article: Article) -> "StrOrPromise":
        if article.is_scheduled:
            return _("Hẹn giờ")
        if article.is_expired:
            return _("Hết hạn")
        return article.get_status_display()

    @admin.display(description=_("xuất bản"), ordering="published_at")
    def published(self, article: Article) -> str:
        return time_column(article.published_at)

    @admin.display(description=_("cập nhật"), ordering="updated_at")
    def updated(self, article: Article) -> str:
        return time_column(article.updated_at)

    @admin.display(description=_("tác giả"))
    def byline_names(self, article: Article) -> str:
        return format_html_join(", ", "{}", ((b.author.name,) for b in article.bylines.all()))

    def save_model(self, request, obj, form, change):
        edited_version = form.cleaned_data.get("loaded_version") if change else services.UNCHECKED
        services.article_save(article=obj, user=request.user, edited_version=edited_version)

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
