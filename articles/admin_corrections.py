"""Corrections and updates in the admin, for approvers (``articles.add_correction``)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles import corrections
from articles.models import Article, Correction


class CorrectionAdminForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ("article", "kind", "text")

    def clean_article(self) -> Article:
        article = self.cleaned_data["article"]
        # The service decides; here its refusal is shown on the field.
        corrections.correction_article_check(article=article)
        return article

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Nội dung đính chính không được để trống."), code="required")
        return text


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    form = CorrectionAdminForm
    list_display = ("noted_at", "kind", "article", "created_by")
    list_filter = ("kind", "noted_at")
    list_select_related = ("article", "created_by")
    search_fields = ("text", "article__title")
    raw_id_fields = ("article",)
    date_hierarchy = "noted_at"
    readonly_fields = ("noted_at", "created_by")

    def get_readonly_fields(self, request, obj=None):
        # A note stays on the article it was added to.
        return (*self.readonly_fields, "article") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        corrections.correction_save(correction=obj, user=request.user)
