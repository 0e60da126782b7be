"""Every model of the record, the requests, the breaches and the jobs says where its workspace is, or is named as
shared reference data: a model added without a place in ropa/workspaces/scopes.py fails here instead of being
shown to every client (issue 23)."""

from django.apps import apps

from ropa.workspaces.scopes import REFERENCE, SCOPES

APPS = ("ropa", "requests", "breaches", "jobs")


def test_every_model_has_a_workspace_or_is_reference_data():
    unplaced = sorted(
        model._meta.label_lower for model in apps.get_models()
        if model._meta.app_label in APPS and not model.__name__.startswith("Historical")
        and not model._meta.auto_created and model._meta.label_lower not in set(SCOPES) | REFERENCE
    )
    assert unplaced == []


def test_every_path_leads_to_a_workspace():
    from ropa.models import Workspace

    for label, paths in SCOPES.items():
        model = apps.get_model(label)
        for path in (paths,) if isinstance(paths, str) else paths:
            if not path:
                assert model is Workspace
                continue
            field = None
            current = model
            for hop in path.split("__"):
                field = current._meta.get_field(hop)
                current = field.related_model
            assert current is Workspace, f"{label}: {path} ends at {current}"
