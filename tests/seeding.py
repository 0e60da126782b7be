"""Putting back what the data migrations seed (the rights, vocabularies, adequacy decisions).

A transactional test flushes every table when it ends, seeded rows included; a later test that needs them
calls this. Every seed function is idempotent, so running them again on a seeded database changes nothing.
"""


def seed_as_migrations_do() -> None:
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    for (app_label, _name), migration in sorted(MigrationLoader(None).disk_migrations.items()):
        if app_label in ("ropa", "requests"):
            for operation in migration.operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, None)
