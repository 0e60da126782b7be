"""simple-history's manager, with its class built once per history model instead of on every access.

simple-history's descriptor builds `HistoryManager.from_queryset(HistoricalQuerySet)` anew each time
`Model.history` or `instance.history` is read, and its post_save handler reads it for every history row it
writes: a new class and an `inspect.getmembers()` per save, about 0.15 ms. The form's submission saves
three tracked objects and the outbox worker one per mail, so ours keep the class.
"""

import functools

from simple_history.manager import HistoryManager


class CachedHistoryManager(HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)
