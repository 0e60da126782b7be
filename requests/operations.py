"""The workflow steps a handler takes in the admin, each with the form that asks for what the law requires.

The same step runs as a change-list action on several requests or from a button on one request;
both go through a confirmation page with the form.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests import services
from requests.models import RefusalGround, RightsRequest, Status
from requests.models.workflow import is_allowed_move


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the timeline"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
    )


class IdentityForm(CommentForm):
    method = forms.ChoiceField(label=_("How was identity confirmed?"), choices=RightsRequest.IdentityMethod.choices)
    confirmed_on = forms.DateField(label=_("Confirmed on"), initial=timezone.localdate)
    no_copy_kept = forms.BooleanField(
        label=_("No copy of an ID document is kept (Art. 12(6): check it, then delete it)."), required=True,
    )
    field_order = ["method", "confirmed_on", "no_copy_kept", "comment"]


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reasons for the extension"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Art. 12(3): only for complex or numerous requests. The requester is told these reasons."),
    )
    told_on = forms.DateField(
        label=_("Requester told on"), initial=timezone.localdate,
        help_text=_("Within the first month. An e-mail with the reasons is sent when we have the address."),
    )


class CompleteForm(CommentForm):
    outcome = forms.CharField(
        label=_("What was searched, what was found and what was done"), widget=forms.Textarea(attrs={"rows": 4}),
    )
    field_order = ["outcome", "comment"]


class RefuseForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=RefusalGround.offered_choices)
    explanation = forms.CharField(
        label=_("Reasons given to the requester"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Art. 12(4): the requester is told why; for Art. 12(5) the controller must show it."),
    )
    complaint_right_told = forms.BooleanField(
        label=_("The requester is told of the right to complain to the data protection authority and to go to "
                "court (Art. 12(4)); the refusal e-mail says so."),
        required=True,
    )


@dataclass(frozen=True)
class Operation:
    name: str
    label: str
    form: type[forms.Form]
    apply: Callable[[RightsRequest, object, dict], None]
    is_available: Callable[[RightsRequest], bool]
    initial: Callable[[RightsRequest], dict] = lambda request: {}


def _move(status: str) -> Callable[[RightsRequest, object, dict], None]:
    return lambda request, user, data: request.move_to(status, by=user, comment=data.get("comment", ""))


def _can_move(status: str) -> Callable[[RightsRequest], bool]:
    return lambda request: is_allowed_move(request.status, status)


OPERATIONS = {operation.name: operation for operation in [
    Operation(
        "confirm_email", _("Confirm e-mail address"), CommentForm,
        lambda request, user, data: services.confirm_email(request, by=user, comment=data["comment"]),
        lambda request: request.status == Status.AWAITING_CONFIRMATION,
    ),
    Operation(
        "request_identity", _("Ask for identity"), CommentForm, _move(Status.AWAITING_IDENTITY),
        lambda request: _can_move(Status.AWAITING_IDENTITY)(request) and not request.identity_confirmed_on,
    ),
    Operation(
        "confirm_identity", _("Confirm identity"), IdentityForm,
        lambda request, user, data: request.confirm_identity(
            data["method"], on=data["confirmed_on"], by=user, comment=data["comment"],
        ),
        lambda request: request.is_open,
    ),
    Operation(
        "start", _("Mark in progress"), CommentForm, _move(Status.IN_PROGRESS),
        lambda request: request.status in (Status.RECEIVED, Status.AWAITING_IDENTITY, Status.WAITING_FOR_REQUESTER),
    ),
    Operation(
        "wait_for_requester", _("Wait for the requester"), CommentForm, _move(Status.WAITING_FOR_REQUESTER),
        _can_move(Status.WAITING_FOR_REQUESTER),
    ),
    Operation(
        "extend", _("Extend the deadline"), ExtendForm,
        lambda request, user, data: services.extend(request, data["reason"], told_on=data["told_on"], by=user),
        lambda request: request.is_open and request.extended_on is None and request.deadline is not None,
    ),
    Operation(
        "complete", _("Complete"), CompleteForm,
        lambda request, user, data: services.complete(request, data["outcome"], by=user, comment=data["comment"]),
        _can_move(Status.COMPLETED),
        initial=lambda request: {"outcome": request.search_outcome},
    ),
    Operation(
        "refuse", _("Refuse"), RefuseForm,
        lambda request, user, data: services.refuse(
            request, data["ground"], data["explanation"], complaint_right_told=data["complaint_right_told"], by=user,
        ),
        _can_move(Status.REFUSED),
    ),
    Operation(
        "withdraw", _("Mark as withdrawn"), CommentForm, _move(Status.WITHDRAWN), _can_move(Status.WITHDRAWN),
    ),
]}

# The steps offered as change-list actions on several requests at once.
BULK_OPERATIONS = ["confirm_identity", "extend", "complete", "refuse"]
