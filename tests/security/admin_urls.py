"""Every admin URL, found from what is registered when the test runs, with one real object per model.

Used by the role walk (tests/test_permissions_walk.py) and the two-factor bypass walk; an admin added
later is covered without editing the tests.
"""

import dataclasses
import datetime
import decimal

from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import models
from django.urls import URLPattern, reverse
from django.utils import timezone

from ropa.demo import load_demo

# What each URL of a ModelAdmin does, by the suffix of its name; a GET never changes anything.
KINDS = {
    "changelist": "view",
    "change": "view",  # read-only for a user who may only view
    "history": "view",
    "simple_history": "view",  # one past version (read-only: HistoryAdmin refuses a revert)
    "add": "add",
    "delete": "delete",
    "import": "import",
    "process_import": "import",
    "export": "export",
}


@dataclasses.dataclass(frozen=True)
class AdminUrl:
    url: str
    app_label: str
    model: str
    kind: str  # a value of KINDS, "custom" for any other view of a ModelAdmin, or "app_index"
    name: str

    def __str__(self) -> str:
        return f"{self.name} ({self.kind}) {self.url}"


def _value_for(field: models.Field):
    """A valid-looking value for a required field, for models the demo loader does not fill."""
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.ForeignKey):
        return object_of(field.related_model)
    if isinstance(field, models.EmailField):
        return "walk@example.com"
    if isinstance(field, models.URLField):
        return "https://example.com/"
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return datetime.date.today()
    if isinstance(field, models.DecimalField):
        return decimal.Decimal(1)
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.GenericIPAddressField):
        return "192.0.2.1"
    if isinstance(field, models.CharField | models.TextField):
        return "walk"[: field.max_length or 4]
    raise NotImplementedError(f"{field.model._meta.label}.{field.name}: add a value for {type(field).__name__}")


# Models whose constraints need more than their required fields (label: the optional fields to fill).
EXTRA_VALUES = {
    "requests.RightsRequest": {"requester_name": "Walk Requester", "requester_email": "walk@example.net"},
}


def object_of(model: type[models.Model]) -> models.Model:
    """An existing row of the model, or a new one with every required field filled."""
    existing = model._default_manager.order_by("pk").first()
    if existing is not None:
        return existing
    values = dict(EXTRA_VALUES.get(model._meta.label, {}))
    for field in model._meta.concrete_fields:
        if field.primary_key or field.null or field.has_default() or getattr(field, "auto_now_add", False):
            continue
        if getattr(field, "auto_now", False) or field.blank:
            continue
        values.setdefault(field.name, _value_for(field))
    instance = model(**values)
    instance.save()
    return instance


def load_walk_data() -> dict[type[models.Model], models.Model]:
    """The demo record, then one object for every registered model still without one."""
    load_demo()  # what `manage.py load_demo` runs (the command itself refuses to run with DEBUG off)
    owner, _created = User.objects.get_or_create(username="walk-owner", defaults={"email": "owner@example.com"})
    # The walked authenticator is the owner's: a member of the first company, so a colleague of the walk's role
    # users, whose back-off an officer may read (the demo's own officers and memberships come before it).
    from ropa.models import Membership, Role, Workspace

    Membership.objects.get_or_create(
        user=owner, workspace=Workspace.objects.order_by("pk").first(), defaults={"role": Role.OFFICER},
    )
    assert Group.objects.exists()
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.get_or_create(user=owner, name="walk app")
    StaticDevice.objects.get_or_create(user=owner, name="walk codes")
    data = {model: object_of(model) for model in admin.site._registry}
    from requests.models import Right, RightsRequest

    walked_request = data.get(RightsRequest)
    if walked_request is not None and not walked_request.rights.exists():
        walked_request.rights.add(*Right.objects.all())  # so every right's answer page has something to answer
    from requests.models import OutboxEmail

    walked_email = data.get(OutboxEmail)
    if walked_email is not None and walked_email.request_id is None:
        # An e-mail that belongs to no request (a reminder to staff) is the operators' alone: walk one a
        # request's staff may read.
        walked_email.request = walked_request
        walked_email.save()
    return data


def _kind(suffix: str) -> str:
    if suffix in KINDS:
        return KINDS[suffix]
    # Custom views named for what they do, as ropa_export_record: import and export are their own permissions.
    for action in ("import", "export"):
        if action in suffix.split("_"):
            return action
    return "custom"


def _operation_name(obj: models.Model) -> str:
    from requests.operations import OPERATIONS

    return next(name for name, operation in OPERATIONS.items() if operation.is_available(obj))


def _attachment_id(obj: models.Model) -> int:
    from django.core.files.base import ContentFile

    attachment = obj.attachments.first() or obj.attachments.create(description="walk")
    if not attachment.file:
        attachment.file.save("walk.pdf", ContentFile(b"%PDF-1.4\n%walk\n"))
    return attachment.pk


def _answered_right(obj: models.Model) -> str:
    from requests.answers.letters import answerable_rights

    return answerable_rights(obj)[-1]  # the last: Art. 15 has a URL of its own (access-answer/)


# URL parameters of custom admin views beyond the object's id: how to get a value that opens the page.
PARAMETERS = {
    "name": _operation_name,  # requests/admin.py: a workflow step possible for the request
    "attachment_id": _attachment_id,  # requests/admin.py: a file of the request
    "right": _answered_right,  # requests/admin.py: the answer to one right the request asks for
}


def _version_id(obj: models.Model):
    history = getattr(obj, "history", None)
    version = history.order_by("history_id").last() if history is not None else None
    return getattr(version, "pk", None)


def _arguments(pattern: URLPattern, obj: models.Model) -> tuple[list, dict]:
    regex = pattern.pattern.regex
    names = list(regex.groupindex) or list(getattr(pattern.pattern, "converters", {}))
    if not names:
        # Unnamed regex groups, as django-simple-history's version URL: (object id, history row id).
        return [obj.pk, _version_id(obj)][: regex.groups], {}
    kwargs = {}
    for name in names:
        if name in ("object_id", "pk", "id"):
            kwargs[name] = obj.pk
        elif name == "version_id":
            kwargs[name] = _version_id(obj)
        elif name in PARAMETERS:
            kwargs[name] = PARAMETERS[name](obj)
        else:
            raise LookupError(f"{pattern.name}: admin_urls.PARAMETERS does not know what to pass as {name!r}")
    return [], kwargs


def admin_urls(objects: dict[type[models.Model], models.Model]) -> tuple[list[AdminUrl], list[str]]:
    """Every admin URL, and the ones that could not be walked because a parameter is unknown (with why)."""
    urls, skipped = [], []
    for app_label in sorted({model._meta.app_label for model in admin.site._registry}):
        urls.append(AdminUrl(reverse("admin:app_list", args=[app_label]), app_label, "", "app_index", "app_list"))
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"{opts.app_label}_{opts.model_name}_"
        for pattern in model_admin.get_urls():
            if not pattern.name or not hasattr(pattern, "callback"):
                continue  # the unnamed redirect from <id>/ to <id>/change/
            try:
                args, kwargs = _arguments(pattern, objects[model])
            except LookupError as error:
                skipped.append(str(error))
                continue
            url = reverse(f"admin:{pattern.name}", args=args, kwargs=kwargs)
            kind = _kind(pattern.name.removeprefix(prefix))
            urls.append(AdminUrl(url, opts.app_label, opts.model_name, kind, pattern.name))
    return urls, skipped
