"""Workflows that only move forward, judged against the row the database holds, on every save.

The admin's history pages, an import, an API or a shell all persist through `save()`; a past version rebuilt
from history (simple-history's `instance`) was never loaded from the database, so a check that trusts the
values "as loaded" would see nothing to compare with and let an old state back in. `StoredValues` remembers the
values of a few fields as loaded, and reads them from the database when the instance was built some other way.
"""

from django.db import models


class StoredValues(models.Model):
    """Abstract base: `stored_values()` gives `stored_fields` as the database holds them (None for a new row)."""

    stored_fields: tuple[str, ...] = ()
    _stored: dict | None = None

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        loaded = {name: instance.__dict__[name] for name in cls.stored_fields if name in instance.__dict__}
        instance._stored = loaded if len(loaded) == len(cls.stored_fields) else None
        return instance

    def stored_values(self) -> dict | None:
        """The values loaded with this instance; read from the database when it was not loaded from there."""
        if self._stored is not None:
            return self._stored
        if self.pk is None:
            return None
        return type(self)._base_manager.filter(pk=self.pk).values(*self.stored_fields).first()

    def remember_stored(self, update_fields=None) -> None:
        """After a save: what was written is what the database holds now."""
        stored = dict(self.stored_values() or {}) if update_fields is not None else {}
        for name in self.stored_fields:
            if update_fields is None or name in update_fields:
                stored[name] = getattr(self, name)
        self._stored = stored if len(stored) == len(self.stored_fields) else None
