"""Putting back what the data migrations seed (the rights, vocabularies, adequacy decisions).

A transactional test flushes every table when it ends, seeded rows included; a later test that needs them
calls this. Only the functions that seed reference data or mend a seeded row are replayed: a migration that
reshapes an install's own data (the move into workspaces, the language taken from the country) would reshape the
test's data instead. Each gets what a migration gets, the app registry and an editor's connection; every one of
them is idempotent, so running them on a seeded database changes nothing.
"""

SEEDING_FUNCTIONS = {"seed", "seed_rights", "seed_marketing_objection", "mark_internal_staff", "mark_national_id"}


def seed_as_migrations_do() -> None:
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython
    from django.test import override_settings

    replayed = set()
    # The functions write their own "+" history rows, as they do in a migration, where the historical models send
    # no signals; the live models here would write a second one each.
    # The suite runs with --no-migrations (its databases are built from the models); the files are read all the same.
    with override_settings(SIMPLE_HISTORY_ENABLED=False, MIGRATION_MODULES={}):
        for (app_label, _name), migration in sorted(MigrationLoader(None).disk_migrations.items()):
            if app_label in ("ropa", "requests"):
                for operation in migration.operations:
                    if isinstance(operation, RunPython) and operation.code.__name__ in SEEDING_FUNCTIONS:
                        operation.code(apps, SimpleNamespace(connection=connection))
                        replayed.add(operation.code.__name__)
    assert replayed == SEEDING_FUNCTIONS, f"seeding functions not found: {SEEDING_FUNCTIONS - replayed}"
