"""No form links another workspace's processor, category or system, even by a forged id (issue 23).

Generated from the admin registry: every form with a relation to one of those models is posted with the other
workspace's object, by a stranger (who cannot see it: not a valid choice) and by a consultant who is an officer of
both (who may see it, but may not link it into this client's record). A new admin is covered without editing.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory

from ropa.models import (
    DataSubjectCategory,
    Membership,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Processor,
    RecipientCategory,
    Role,
    SecurityMeasure,
    System,
    Workspace,
)
from ropa.workspaces.scopes import scope_path

LINKED = (Organisation, Processor, System, ProcessingActivity, DataSubjectCategory, PersonalDataCategory,
          RecipientCategory, SecurityMeasure)


def _workspace(name: str) -> dict:
    workspace = Workspace.objects.create(name=name)
    controller = Organisation.objects.create(name=f"{name} AS", workspace=workspace, email=f"post@{name}.example")
    return {
        Workspace: workspace,
        Organisation: controller,
        Processor: Processor.objects.create(name=f"{name} mail", organisation=controller, service="Mail"),
        System: System.objects.create(name=f"{name} shop", workspace=workspace),
        ProcessingActivity: ProcessingActivity.objects.create(name=f"{name} orders", organisation=controller),
        **{model: model.objects.create(name=f"{name} {model.__name__}", workspace=workspace)
           for model in (DataSubjectCategory, PersonalDataCategory, RecipientCategory, SecurityMeasure)},
    }


@pytest.fixture
def clients(db) -> tuple[dict, dict]:
    return _workspace("Home"), _workspace("Elsewhere")


def _officer(name: str, *workspaces) -> User:
    user = User.objects.create_user(name, f"{name}@example.com", "a-long-test-password", is_staff=True)
    for workspace in workspaces:
        Membership.objects.create(user=user, workspace=workspace, role=Role.OFFICER)
    return User.objects.get(pk=user.pk)


def _cases():
    """(admin, form field, related model) for every admin form field that links one of the LINKED models."""
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_active=True, is_staff=True)
    for model, model_admin in admin.site._registry.items():
        if scope_path(model) is None or not model_admin.has_add_permission(request):
            continue
        form = model_admin.get_form(request)()
        for name, field in form.fields.items():
            related = getattr(getattr(field, "queryset", None), "model", None)
            if related in LINKED:
                yield model_admin, name, related


def _data(model_admin, name: str, related, home: dict, elsewhere: dict) -> dict:
    """The form's root (the object's own workspace) set to home, the field under test to elsewhere's object."""
    root = (scope_path(model_admin.model) or "").split("__")[0]
    data = {}
    if root and root != name and root in model_admin.get_form(_request(None))().fields:
        root_model = model_admin.model._meta.get_field(root).related_model
        data[root] = home[root_model].pk if root_model in home else home[Workspace].pk
    value = elsewhere[related].pk
    form_field = model_admin.get_form(_request(None))().fields[name]
    data[name] = [value] if hasattr(form_field, "widget") and getattr(form_field.widget, "allow_multiple_selected",
                                                                       False) else value
    return data


def _request(user):
    request = RequestFactory().post("/")
    request.user = user or User(is_superuser=True, is_active=True, is_staff=True)
    return request


def test_the_walk_covers_the_forms_that_link_a_processor_a_category_or_a_system(db):
    linked = {(model_admin.model.__name__, name) for model_admin, name, _related in _cases()}
    assert {("ProcessingActivity", "systems"), ("ProcessingActivity", "personal_data_categories"),
            ("DataProcessingAgreement", "processor"), ("Transfer", "processor")} <= linked


@pytest.mark.parametrize("who", ["stranger", "consultant"])
def test_another_workspaces_object_is_refused_with_a_field_error(clients, who):
    home, elsewhere = clients
    user = _officer(who, home[Workspace]) if who == "stranger" else _officer(
        who, home[Workspace], elsewhere[Workspace])
    accepted = []
    for model_admin, name, related in _cases():
        root = (scope_path(model_admin.model) or "").split("__")[0]
        if name == root:
            continue  # choosing the object's own workspace: a consultant may create it in either
        if root and root != "workspace" and model_admin.model._meta.get_field(root).related_model not in home:
            continue  # hangs off an object made elsewhere (an objection off an agreement): its inline is checked
        form_class = model_admin.get_form(_request(user))
        form = form_class(data=_data(model_admin, name, related, home, elsewhere))
        form.is_valid()
        if name not in form.errors:
            accepted.append(f"{model_admin.model.__name__}.{name}")
    assert accepted == []
