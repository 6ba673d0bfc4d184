import os

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.attachments import inspect_document
from articles.images import inspect_image, strip_metadata
from articles.models import Article, Attachment, Photo, Section
from articles.templatetags.portal import portal_datetime
from core.text import normalize_text, vietnamese_slugify


class SectionAdminForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ("name", "slug", "description", "order")

    def clean_slug(self) -> str:
        return services.section_slug_clean(slug=self.cleaned_data.get("slug") or "")


class ArticleAdminForm(forms.ModelForm):
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

    def clean(self):
        super().clean()
        cleaned_data = self.cleaned_data
        if self.conflict is not None:
            self._show_conflict()
        # Before the model's validation, which checks the database constraint
        # that a published article has a time: the service's default applies.
        if "status" in cleaned_data:
            cleaned_data["published_at"] = services.article_publication_time(
                status=cleaned_data["status"], published_at=cleaned_data.get("published_at")
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
        # editor typing "Đà Nẵng" gets "da-nang" rather than an error.
        return vietnamese_slugify(self.cleaned_data.get("slug") or "", max_length=200)


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
