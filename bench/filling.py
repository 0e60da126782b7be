"""Bulk filling shared by the benchmarks: rows as the admin and the import leave them, history included."""

from django.apps import apps

from ropa.models import ProcessingActivity


def link_with_history(name: str, pairs: list[tuple[int, int]]) -> None:
    """Link activities to entries of the many-to-many field `name`, each link with its history row.

    `pairs` holds (activity id, entry id). simple-history records a many-to-many link against the activity's
    history row, so every activity in `pairs` must already have one (bulk_create_with_history gives it).
    """
    through = ProcessingActivity._meta.get_field(name).remote_field.through
    m2m_history = apps.get_model("ropa", f"HistoricalProcessingActivity_{name}")
    target = f"{ProcessingActivity._meta.get_field(name).related_model._meta.model_name}_id"
    history_ids = dict(
        ProcessingActivity.history.filter(id__in={a for a, _ in pairs}).values_list("id", "history_id")
    )
    rows = through.objects.bulk_create(
        [through(processingactivity_id=a, **{target: t}) for a, t in pairs], batch_size=5000,
    )
    m2m_history.objects.bulk_create(
        [
            m2m_history(id=row.pk, history_id=history_ids[row.processingactivity_id],
                        processingactivity_id=row.processingactivity_id, **{target: getattr(row, target)})
            for row in rows
        ],
        batch_size=5000,
    )
