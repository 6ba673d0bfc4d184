import os

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.attachments import inspect_document
from articles.images import inspect_image, strip_metadata
from articles.models import Article, Attachment, Author, Photo, Section
from articles.templatetags.portal import portal_datetime
from core.text import normalize_text, vietnamese_slugify


def typed_slug_field(model: type[models.Model], *, help_text: str | None = None) -> forms.CharField:
    """A slug field that accepts what editors type ("Đà Nẵng đón Tết") for the service to convert.

    The model's SlugField would give the form a SlugField, whose validator runs
    before ``clean_slug`` and refuses any accented letter with Django's
    "Enter a valid slug" message. Label and help text stay the model's.
    """
    field = model._meta.get_field("slug")
    assert isinstance(field, models.SlugField)
    return forms.CharField(
        label=capfirst(field.verbose_name),
        required=False,
        # Room for a typed phrase; the slug made from it is cut to the column's length.
        max_length=(field.max_length or 50) * 2,
        help_text=field.help_text if help_text is None else help_text,
    )


class SectionAdminForm(forms.ModelForm):
    slug = typed_slug_field(Section)

    class Meta:
        model = Section
        fields = ("name", "slug", "description", "order")

    def clean_slug(self) -> str:
        return services.section_slug_clean(slug=self.cleaned_data.get("slug") or "")


class AuthorAdminForm(forms.ModelForm):
    slug = typed_slug_field(Author)

    class Meta:
        model = Author
        fields = ("name", "slug", "bio", "user")

    def clean_slug(self) -> str:
        return services.author_slug_clean(slug=self.cleaned_data.get("slug") or "")


# Shown on an existing article, where a changed title does not change the address.
SLUG_KEPT_HELP = _(
    "Đổi tiêu đề không làm đổi đường dẫn. Muốn tạo lại đường dẫn từ tiêu đề mới, "
    "hãy xóa trống ô “Đường dẫn” (phần Nâng cao) rồi lưu. Địa chỉ cũ vẫn dẫn tới bài, "
    "vì bài viết được nhận diện bằng số ở cuối địa chỉ."
)


class ArticleAdminForm(forms.ModelForm):
    slug = typed_slug_field(Article)
    # The version of the article this form was loaded from (optimistic locking).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set by ArticleAdmin when the photos could not be written and the save was
    # undone: the form is shown again, as filled in, with this reason on top.
    storage_error: str = ""
    # Set by ArticleAdmin when the service refused the save because someone
    # saved the article meanwhile: the saved copy, shown above the form.
    conflict: Article | None = None

    class Meta:
        model = Article
        fields = (
            "title",
            "slug",
            "section",
            "lead",
            "body",
            "status",
            "published_at",
            "expires_at",
            "comments_closed",
            "tags",
            "featured",
        )

    def clean_title(self) -> str:
        title = normalize_text(self.cleaned_data["title"]).strip()
        if not title:
            raise ValidationError(_("Tiêu đề không được để trống."), code="required")
        return title

    def clean_body(self) -> str:
        # The service decides (and refuses the same on every write path); here
        # its refusal becomes an error on the field, with the typed body kept.
        body = self.cleaned_data.get("body") or ""
        services.article_body_clean(body=body)
        return body

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicting_version: Article | None = None
        if self.instance.pk:
            self.initial["loaded_version"] = self.instance.version
            # Read-only to someone the workflow lets only look: no fields then.
            for name in ("title", "slug"):
                if name in self.fields:
                    self.fields[name].help_text = SLUG_KEPT_HELP

    def clean(self):
        super().clean()
        cleaned_data = self.cleaned_data
        if self.conflict is not None:
            self._show_conflict()
        # Before the model's validation, which checks the database constraint
        # that a published article has a time: the service's default applies.
        # The status is not in the admin's form (the workflow moves it), so
        # the article's own is the one that counts.
        if "published_at" in cleaned_data:
            cleaned_data["published_at"] = services.article_publication_time(
                status=cleaned_data.get("status", self.instance.status),
                published_at=cleaned_data.get("published_at"),
            )
            try:
                services.article_expiry_clean(
                    published_at=cleaned_data["published_at"],
                    expires_at=cleaned_data.get("expires_at"),
                )
            except ValidationError as error:
                self.add_error("expires_at", error)
        if self.storage_error:
            # Last, so the data above is complete and this is the only error shown.
            raise ValidationError(self.storage_error, code="storage_failed")
        return cleaned_data

    def _show_conflict(self) -> None:
        """The service refused the save (``ArticleEditConflict``): say who saved what, and when.

        The re-displayed form carries the newer version, so saving it again is
        a deliberate choice to replace the other editor's text.
        """
        saved = self.conflict
        if saved is None:
            return
        self.conflicting_version = saved
        # The re-displayed form now carries the newer version: saving it again
        # is a deliberate choice to replace the other editor's text.
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data[self.add_prefix("loaded_version")] = str(saved.version)
        self.data = data
        who = saved.updated_by.get_username() if saved.updated_by else _("một người khác")
        raise ValidationError(
            _(
                "%(who)s đã lưu bài này lúc %(time)s, sau khi bạn mở nó. Nội dung bạn vừa "
                "nhập vẫn còn trong biểu mẫu; bản đã lưu hiện ở phía trên để đối chiếu. "
                "Bấm Lưu lần nữa nếu bạn muốn thay bản đó bằng bản của bạn."
            ),
            code="edit_conflict",
            params={"who": who, "time": portal_datetime(saved.updated_at)},
        )

    def clean_slug(self) -> str:
        # Typed slugs are normalised the same way as generated ones, so an
        # editor typing "Đà Nẵng" gets "da-nang" rather than an error; an
        # emptied one is made again from the title by the service.
        return services.article_slug_clean(slug=self.cleaned_data.get("slug") or "")


class LabelledInlineFormSet(forms.BaseInlineFormSet):
    """An inline formset whose inputs all have accessible names.

    A tabular inline shows its labels only as column headings, which name no
    input, and a lone file input gets a legend instead of a label: screen
    readers announced "edit text" for a byline's role and order. Each input
    gets an aria-label such as "Vai trò, tác giả thứ 2".
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)  # after it, so the "Xóa" box is named too
        item = form._meta.model._meta.verbose_name
        for field in form.fields.values():
            if field.widget.is_hidden or not field.label:
                continue
            label = capfirst(field.label)
            if index is None:  # the blank row that "Thêm" copies
                name = _("%(field)s, %(item)s mới") % {"field": label, "item": item}
            else:
                name = _("%(field)s, %(item)s thứ %(number)d") % {
                    "field": label,
                    "item": item,
                    "number": index + 1,
                }
            # The admin wraps related pickers (RelatedFieldWidgetWrapper), whose
            # own attrs are shared with the form class's widget: name the inner one.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", name)


class PhotoInlineForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ("image", "caption", "credit", "alt_text", "order")

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not isinstance(image, UploadedFile):
            return image  # unchanged photo already in storage
        info = inspect_image(image)
        stem = os.path.splitext(os.path.basename(image.name or ""))[0]
        filename = f"{vietnamese_slugify(stem, max_length=80) or 'anh'}.{info.extension}"
        # Stored without EXIF: a phone's GPS tag must not reveal where a photo was taken.
        return ContentFile(strip_metadata(image, info), name=filename)


class AttachmentInlineForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ("title", "file", "order")

    def clean_title(self) -> str:
        return normalize_text(self.cleaned_data["title"]).strip()

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not isinstance(file, UploadedFile):
            return file  # unchanged document already in storage
        info = inspect_document(file)
        # The type and the stored name come from the content, whatever the file was called.
        self.instance.kind = info.kind
        self.instance.size = info.size
        stem = os.path.splitext(os.path.basename(file.name or ""))[0]
        file.name = f"{vietnamese_slugify(stem, max_length=80) or 'van-ban'}.{info.extension}"
        return file
