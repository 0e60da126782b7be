"""For data migrations: a history row for each row a migration changes, as a change in the admin would write.

A queryset's update() writes no history, and the exports rebuild the record from history (ropa/history/as_of.py):
without a row of its own the change would be missing from the record as of today. The loader skips this module
(its name begins with an underscore), so it is a helper, not a migration.
"""

from django.utils import timezone


def record_changes(apps, alias: str, model_name: str, rows, reason: str) -> None:
    """One "~" history row per row in `rows`, holding the row as it now is."""
    model = apps.get_model("ropa", model_name)
    historical = apps.get_model("ropa", f"Historical{model_name}")
    kept = {field.attname for field in historical._meta.concrete_fields}
    now = timezone.now()
    historical.objects.using(alias).bulk_create([
        historical(
            **{field.attname: getattr(row, field.attname) for field in model._meta.concrete_fields
               if field.attname in kept},
            history_date=now, history_type="~", history_change_reason=reason,
        )
        for row in rows
    ])
