"""Signals for the bulk writes that Django's model signals do not cover.

``post_save`` and ``post_delete`` follow every ``save()`` and every delete
(``QuerySet.delete()`` sends them per row), but ``QuerySet.update()``,
``bulk_create()`` and ``bulk_update()`` send nothing. Models whose rows readers
see use :class:`SignallingQuerySet`, so an effect that must follow every write
(the page cache's invalidation) can hang on signals for these too, and nobody
writing a bulk update has to remember it.

``rows_changing`` is sent before the write with the primary keys concerned and
the names of the fields written, so a receiver can note what the rows were
(which section an article is leaving); ``rows_changed`` after it.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.dispatch import Signal

rows_changing = Signal()  # sender=model, pks=list, fields=frozenset
rows_changed = Signal()  # sender=model, pks=list, fields=frozenset, created=bool


def _field_names(model: type[models.Model], names: Iterable[str]) -> frozenset[str]:
    """Field names as models know them: ``section_id`` and ``section`` are both ``section``."""
    result = set()
    for name in names:
        field = model._meta.get_field(name)
        result.add(field.name)
    return frozenset(result)


class SignallingQuerySet[M: models.Model](models.QuerySet[M]):
    def _has_receivers(self) -> bool:
        return rows_changing.has_listeners(self.model) or rows_changed.has_listeners(self.model)

    def update(self, **kwargs: Any) -> int:
        if not self._has_receivers():
            return super().update(**kwargs)
        # The rows are listed first: after the update, the filter may no
        # longer match them (``filter(status=draft).update(status=published)``).
        pks = list(self.values_list("pk", flat=True))
        if not pks:
            return 0
        fields = _field_names(self.model, kwargs)
        rows_changing.send(sender=self.model, pks=pks, fields=fields)
        count: int = self.model._base_manager.filter(pk__in=pks).update(**kwargs)
        rows_changed.send(sender=self.model, pks=pks, fields=fields, created=False)
        return count

    def bulk_create(self, objs: Iterable[M], *args: Any, **kwargs: Any) -> list[M]:
        created = super().bulk_create(objs, *args, **kwargs)
        pks = [obj.pk for obj in created if obj.pk is not None]
        if pks and self._has_receivers():
            fields = frozenset(field.name for field in self.model._meta.concrete_fields)
            rows_changed.send(sender=self.model, pks=pks, fields=fields, created=True)
        return created

    def bulk_update(
        self, objs: Iterable[M], fields: Iterable[str], batch_size: int | None = None
    ) -> int:
        # Both are read twice below: a generator would arrive empty the second time.
        objs = list(objs)
        fields = list(fields)
        if not objs or not self._has_receivers():
            return super().bulk_update(objs, fields, batch_size=batch_size)
        pks = [obj.pk for obj in objs]
        names = _field_names(self.model, fields)
        rows_changing.send(sender=self.model, pks=pks, fields=names)
        count = super().bulk_update(objs, fields, batch_size=batch_size)
        rows_changed.send(sender=self.model, pks=pks, fields=names, created=False)
        return count
