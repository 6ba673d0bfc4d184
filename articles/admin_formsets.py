"""Inline formsets that look up the rows they edit once, not once per form.

Django's model formsets validate each form's hidden ``id`` with a
``ModelChoiceField`` over the whole table: one query per form, so saving an
article with 10 photos read each photo twice. Here the ``id`` is checked
against the rows the formset already loaded (one query for all), which is
also stricter: an ``id`` of another article's photo is refused, not looked up.
"""

from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, ModelChoiceField

from articles.forms import LabelledInlineFormSet


class _LoadedRowField(ModelChoiceField):
    def __init__(self, *args, formset: BaseInlineFormSet, **kwargs):
        super().__init__(*args, **kwargs)
        self._formset = formset

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            key = self.queryset.model._meta.pk.to_python(value)  # type: ignore[union-attr]
        except ValidationError:
            key = None
        # Django's formset keeps the rows it loaded behind this private helper.
        row = self._formset._existing_object(key) if key is not None else None  # type: ignore[attr-defined]
        if row is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return row


class LoadedRowsInlineFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self._pk_field.name  # type: ignore[attr-defined]  # set by BaseInlineFormSet
        field = form.fields.get(name)
        if form.is_bound and isinstance(field, ModelChoiceField):
            form.fields[name] = _LoadedRowField(
                field.queryset,
                initial=field.initial,
                required=False,
                widget=field.widget,
                formset=self,
            )


class ArticleInlineFormSet(LabelledInlineFormSet, LoadedRowsInlineFormSet):
    """The article form's inlines: rows looked up once, every input with an accessible name."""
