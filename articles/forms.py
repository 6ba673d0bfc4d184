import os

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.images import inspect_image, strip_metadata
from articles.models import Article, Photo, Section
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
            "comments_closed",
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
        cleaned_data = super().clean()
        self._check_nobody_saved_meanwhile(cleaned_data.get("loaded_version"))
        # Before the model's validation, which checks the database constraint
        # that a published article has a time: the service's default applies.
        # The status is not in the admin's form (the workflow moves it), so
        # the article's own is the one that counts.
        if "published_at" in cleaned_data:
            cleaned_data["published_at"] = services.article_publication_time(
                status=cleaned_data.get("status", self.instance.status),
                published_at=cleaned_data.get("published_at"),
            )
        if self.storage_error:
            # Last, so the data above is complete and this is the only error shown.
            raise ValidationError(self.storage_error, code="storage_failed")
        return cleaned_data

    def _check_nobody_saved_meanwhile(self, loaded_version: int | None) -> None:
        """Refuse to overwrite changes another editor saved after this form was loaded.

        The row stays locked (the admin saves inside one transaction) from this
        check to the save, so two simultaneous saves cannot both pass. A change
        that does not say which version it edits (the hidden field missing or
        empty) is treated as stale: it may well be older than what is saved.
        """
        if not self.instance.pk:
            return
        saved = (
            Article.objects.select_for_update(of=("self",))
            .select_related("updated_by")
            .filter(pk=self.instance.pk)
            .first()
        )
        if saved is None or saved.version == loaded_version:
            return
        self.conflicting_version = saved
        # The re-displayed form now carries the newer version: saving it again
        # is a deliberate choice to replace the other editor's text.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = saved.version
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
        stem = os.path.splitext(os.path.basename(image.name))[0]
        filename = f"{vietnamese_slugify(stem, max_length=80) or 'anh'}.{info.extension}"
        # Stored without EXIF: a phone's GPS tag must not reveal where a photo was taken.
        return ContentFile(strip_metadata(image, info), name=filename)
