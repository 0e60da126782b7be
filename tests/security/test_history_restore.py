"""No past version is restored from the admin: generated from the admin registry, for every model with history.

An admin registered for a model with history that is not ropa's HistoryAdmin fails the first test; every such
admin is then attacked as each role by POSTing an old version's own form to its history page (issue 21).
"""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from requests.models import OutboxEmail, RightsRequest, Status
from requests.models.outbox import send_outbox
from ropa.admin.history import HistoryAdmin
from ropa.breaches.models import Breach
from ropa.security.roles import AUDITOR, PRIVACY_OFFICER, REQUEST_HANDLER
from tests.conftest import member_of_every_workspace
from tests.security.admin_urls import load_walk_data

SUPERUSER = "Superuser"


def models_with_history() -> list[tuple[type, admin.ModelAdmin]]:
    return [
        (model, model_admin) for model, model_admin in admin.site._registry.items()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]


def test_every_model_with_history_has_the_common_history_admin():
    registered = models_with_history()
    assert {model._meta.label for model, _admin in registered} >= {
        "ropa.ProcessingActivity", "breaches.Breach", "requests.RightsRequest", "requests.OutboxEmail",
    }
    others = [
        f"{model._meta.label}: {type(model_admin).__name__}" for model, model_admin in registered
        if not isinstance(model_admin, HistoryAdmin)
    ]
    assert not others, "Admins that could restore a past version (derive them from ropa.admin.history):\n" + "\n".join(
        others
    )


def _moved_forward(data: dict) -> dict:
    """The three workflows with a step behind them, so that their first version is one a revert would go back to."""
    breach = Breach.objects.create(
        organisation=data[RightsRequest].organisation, title="Lost laptop", description="Left on the train.",
        aware_at=timezone.now() - datetime.timedelta(hours=2),
    )
    breach.risk, breach.risk_assessment, breach.notified_at = "risk", "Customer e-mail addresses.", breach.aware_at
    breach.status = Breach.Status.NOTIFIED
    breach.save()
    request = RightsRequest(
        organisation=data[RightsRequest].organisation, requester_email="kari@example.net",
        channel=RightsRequest.Channel.WEB_FORM, status=Status.AWAITING_CONFIRMATION, confirmation_nonce="secret-1",
    )
    request.save()
    request.confirm_email()
    assert request.confirmation_nonce == ""
    email = OutboxEmail.queue(kind=OutboxEmail.Kind.RECEIPT, to="kari@example.net", subject="Receipt", body="Hi")
    send_outbox()
    email.refresh_from_db()
    assert email.is_sent
    return {**data, Breach: breach, RightsRequest: request, OutboxEmail: email}


def _old_version_form(model_admin: admin.ModelAdmin, version, superuser: User) -> dict:
    """What the old version's page shows in its form, as a browser would post it back."""
    request = RequestFactory().get("/")
    request.user = superuser
    instance = version.instance
    form = model_admin.get_form(request, instance)(instance=instance)
    posted = {}
    for name, value in {**model_to_dict(instance), **form.initial}.items():
        if value is None or isinstance(value, FieldFile):
            continue  # a browser posts no file back
        if isinstance(value, list | tuple):
            posted[name] = [getattr(item, "pk", item) for item in value]
        else:
            posted[name] = getattr(value, "pk", value)
    return {**posted, "_save": "Revert"}


def _state(model, obj) -> tuple:
    return model._base_manager.filter(pk=obj.pk).values().get(), obj.history.count()


@pytest.mark.django_db
def test_no_role_restores_an_old_version_of_anything_from_its_history_page(
    client, settings, tmp_path, privacy_officer, auditor, request_handler, mailoutbox,
):
    settings.STORAGES = {**settings.STORAGES, "private": {**settings.STORAGES["private"], "OPTIONS": {
        "location": tmp_path, "base_url": None,
    }}}
    settings.SIMPLE_HISTORY_REVERT_DISABLED = False  # the refusal is the admin's own, not a setting's
    superuser = User.objects.create_superuser("root", "root@example.com", "a-long-test-password")
    users = {PRIVACY_OFFICER: privacy_officer, AUDITOR: auditor, REQUEST_HANDLER: request_handler, SUPERUSER: superuser}
    data = _moved_forward(load_walk_data())
    # The walk's objects are spread over the demo's five companies: each role holds it in every workspace.
    member_of_every_workspace(privacy_officer, auditor, request_handler)
    sent = len(mailoutbox)
    changed, attempted = [], 0
    for model, model_admin in models_with_history():
        obj = data[model]
        version = obj.history.order_by("history_id").first()
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history", args=[obj.pk, version.pk],
        )
        posted = _old_version_form(model_admin, version, superuser)
        before = _state(model, obj)
        for role, user in users.items():
            client.force_login(user)
            response = client.post(url, posted)
            attempted += 1
            # 403, or 404 where the role may not see the object at all (a handler and a breach, an e-mail of no
            # request, which is the operators' alone): refused either way, and nothing changed.
            if response.status_code not in (403, 404) or _state(model, obj) != before:
                changed.append(f"{role}: {model._meta.label} → HTTP {response.status_code}")
    assert attempted >= 4 * 15
    assert not changed, "\n".join(changed)
    # Nothing came back: the breach is still notified, the spent link stays spent, the e-mail is not sent again.
    assert Breach.objects.get(pk=data[Breach].pk).status == Breach.Status.NOTIFIED
    request = RightsRequest.objects.get(pk=data[RightsRequest].pk)
    assert (request.status, request.confirmation_nonce) == (Status.RECEIVED, "")
    send_outbox()
    assert len(mailoutbox) == sent


@pytest.mark.django_db
def test_an_old_version_has_no_revert_button(admin_client, settings, organisation):
    settings.SIMPLE_HISTORY_REVERT_DISABLED = False
    breach = Breach.objects.create(organisation=organisation, title="Lost laptop", description="Left on the train.")
    breach.title = "Lost laptop on the train"
    breach.save()
    version = breach.history.order_by("history_id").first()
    response = admin_client.get(reverse("admin:breaches_breach_simple_history", args=[breach.pk, version.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="_save"' not in html and ">Revert" not in html

