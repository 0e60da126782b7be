"""Seed the rights a request can ask for (Arts. 7(3), 15–22), with history rows so the history starts complete."""

from django.db import migrations
from django.utils import timezone

RIGHTS = ["7.3", "15", "16", "17", "18", "19", "20", "21", "22"]


def seed_rights(apps, schema_editor):
    Right = apps.get_model("requests", "Right")
    HistoricalRight = apps.get_model("requests", "HistoricalRight")
    for position, code in enumerate(RIGHTS, start=1):
        right, created = Right.objects.get_or_create(code=code, defaults={"position": position})
        if created:
            HistoricalRight.objects.create(
                id=right.id, code=right.code, position=right.position,
                history_date=timezone.now(), history_type="+",
            )


class Migration(migrations.Migration):
    dependencies = [("requests", "0001_initial")]

    operations = [migrations.RunPython(seed_rights, migrations.RunPython.noop)]
