"""Where each model's workspace is: the path from a row to the workspace it belongs to.

The workspace is a column on the roots (an organisation, a processor, a system, a vocabulary entry) and is reached
through them by everything else: an activity through its controller, a breach or a rights request through its
controller, an agreement through its processor. One table, so a model added without a place here fails
tests/workspaces/test_scopes.py instead of leaking.
"""

from django.db import models

SCOPES = {
    "ropa.organisation": "workspace",
    "ropa.processor": "workspace",
    "ropa.system": "workspace",
    "ropa.datasubjectcategory": "workspace",
    "ropa.personaldatacategory": "workspace",
    "ropa.recipientcategory": "workspace",
    "ropa.securitymeasure": "workspace",
    "ropa.processingactivity": "organisation__workspace",
    "ropa.purpose": "activity__organisation__workspace",
    "ropa.retentionrule": "activity__organisation__workspace",
    "ropa.processoruse": "activity__organisation__workspace",
    "ropa.transfer": ("activity__organisation__workspace", "processor__workspace"),  # a processor's own transfer
    "ropa.dataprocessingagreement": "processor__workspace",
    "ropa.subprocessorobjection": "agreement__processor__workspace",
    "ropa.dpia": "activity__organisation__workspace",
    "ropa.dpiarisk": "dpia__activity__organisation__workspace",
    "ropa.dpiascreening": "activity__organisation__workspace",
    "ropa.noticeintroduction": "organisation__workspace",
    "ropa.publishednotice": "organisation__workspace",
    "ropa.wordingtranslation": "organisation__workspace",
    "ropa.processoractivity": "processor__workspace",
    "ropa.importlayout": "workspace",
    "ropa.website": "organisation__workspace",
    "ropa.cookie": "organisation__workspace",
    "ropa.websitecheck": "website__organisation__workspace",
    "ropa.finding": "website_check__website__organisation__workspace",
    "ropa.workspace": "",
    "ropa.membership": "workspace",
    "ropa.oidcprovider": "workspace",  # empty: the host's own provider; the admin is the operators' alone
    "ropa.ssomapping": "workspace",
    "breaches.breach": "organisation__workspace",
    "breaches.notice": "breach__organisation__workspace",
    "requests.rightsrequest": "organisation__workspace",
    "requests.statuschange": "request__organisation__workspace",
    "requests.attachment": "request__organisation__workspace",
    "requests.outboxemail": "request__organisation__workspace",
    "requests.requeststatistic": "organisation__workspace",
    "webhooks.webhooksubscription": "workspace",
    "webhooks.webhookdelivery": "subscription__workspace",
}

# Entries without a workspace are shared: every workspace reads them, only an operator changes them. Any other
# row whose path ends in nothing (a reminder e-mail to staff, which belongs to no request) is the operators' alone.
SHARED_WHEN_EMPTY = {
    "ropa.datasubjectcategory", "ropa.personaldatacategory", "ropa.recipientcategory", "ropa.securitymeasure",
}

# Reference data every workspace reads and only an operator changes, and bookkeeping no person reads in the admin
# (a background job is shown to the person who started it, and to nobody else).
REFERENCE = {
    "ropa.ssoidentity",  # a person's provider account: the operators' alone (ropa/sso/admin.py)
    "ropa.adequacydecision", "requests.right", "requests.ratelimitbucket", "requests.referencecounter", "jobs.job",
    # A person's API tokens belong to that person, not to a workspace: the token admin shows each person their own.
    "ropa.apitoken",
}


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def scope_paths(model: type[models.Model]) -> tuple[str, ...] | None:
    """Every lookup from `model` to its workspace, the first that is set deciding; None for reference data."""
    model = getattr(model, "instance_type", model)  # a historical model is scoped as the model it records
    paths = SCOPES.get(label(model))
    return None if paths is None else (paths,) if isinstance(paths, str) else paths


def scope_path(model: type[models.Model]) -> str | None:
    """The main lookup from `model` to its workspace (`""` for Workspace itself), or None for reference data."""
    paths = scope_paths(model)
    return None if paths is None else paths[0]


def is_scoped(model: type[models.Model]) -> bool:
    return scope_path(model) is not None


def workspace_id_of(obj: models.Model) -> int | None:
    """The workspace an object belongs to, following its paths attribute by attribute (None: shared)."""
    for path in scope_paths(type(obj)) or ():
        if path == "":
            return obj.pk
        *hops, last = path.split("__")
        step = obj
        for hop in hops:
            step = getattr(step, hop, None)
            if step is None:
                break
        else:
            if (found := getattr(step, f"{last}_id", None)) is not None:
                return found
    return None
