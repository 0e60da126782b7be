"""Filing a web-form request and confirming its e-mail address: each step saved with its e-mail, or not at all."""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from requests import emails, services
from requests.intake.tokens import confirmation_token, new_secret, status_token
from requests.models import RightsRequest, Status
from requests.models.rights import TAKES_EFFECT_ON_RECEIPT
from ropa.history.rows import write_creation_row
from ropa.models import Organisation

# Turns a path into the absolute URL put in an e-mail.
LinkBuilder = Callable[[str], str]


def file_request(
    data: dict, organisation: Organisation, link: LinkBuilder, channel: str = RightsRequest.Channel.WEB_FORM,
) -> RightsRequest:
    """Save the request as awaiting confirmation, received today, and queue the confirmation e-mail.

    Art. 12(3): the date of receipt is the day the form was sent, whenever the address is confirmed. A withdrawal
    of consent or an objection to direct marketing waits for no confirmation: it is received, and takes effect,
    at once (Art. 7(3), 21(3); services.take_effect()), with the rest of the request it came with.
    """
    codes = {right.code for right in data["rights"]}
    immediate = bool(codes & TAKES_EFFECT_ON_RECEIPT)
    request = RightsRequest(
        organisation=organisation,
        channel=channel,
        status=Status.RECEIVED if immediate else Status.AWAITING_CONFIRMATION,
        takes_effect_on_receipt=codes <= TAKES_EFFECT_ON_RECEIPT,
        received=timezone.localdate(),
        requester_name=data["name"],
        requester_email=data["email"],
        requester_phone=data.get("phone", ""),
        customer_number=data.get("customer_number", ""),
        message=data["message"],
        language=data["language"],
        confirmation_nonce="" if immediate else new_secret(),
        status_key=new_secret(),
    )
    # Numbered before the transaction, so that concurrent submissions do not wait for each other's commits.
    request.reserve_reference()
    with transaction.atomic():
        _save_new_request(request, data["rights"])  # the form requires at least one right
        if immediate:
            services.take_effect(request, status_url=link(reverse("requests:status", args=[status_token(request)])))
        else:
            emails.queue_confirmation(request, link(reverse("requests:confirm", args=[confirmation_token(request)])))
    return request


def file_vouched_request(data: dict, organisation: Organisation, link: LinkBuilder, token) -> RightsRequest:
    """A request from a customer the controller's own system has logged in, filed by an API token that may vouch.

    The system vouches for the requester's identity (Art. 12(6): the customer signed in to their account), so no
    e-mail link is sent: the request is received today, its Art. 12(3) month runs from that day exactly as the
    form's does once confirmed, the receipt goes out and the workspace's staff are told (confirm_address()).
    """
    codes = {right.code for right in data["rights"]}
    today = timezone.localdate()
    request = RightsRequest(
        organisation=organisation,
        channel=RightsRequest.Channel.API,
        status=Status.RECEIVED,
        takes_effect_on_receipt=codes <= TAKES_EFFECT_ON_RECEIPT,
        received=today,
        requester_name=data["name"],
        requester_email=data["email"],
        requester_phone=data.get("phone", ""),
        customer_number=data.get("customer_number", ""),
        message=data.get("message", ""),
        language=data["language"],
        identity_method=RightsRequest.IdentityMethod.SIGNED_IN,
        identity_confirmed_on=today,
        identity_confirmed_by=token.user,
        vouched_by=token,
        status_key=new_secret(),
    )
    request.reserve_reference()
    with transaction.atomic():
        _save_new_request(request, data["rights"])
        status_url = link(reverse("requests:status", args=[status_token(request)]))
        if codes & TAKES_EFFECT_ON_RECEIPT:  # as the form: its notice also tells the other rights' deadline
            services.take_effect(request, status_url=status_url, by=token.user)
        else:
            emails.queue_receipt(request, status_url=status_url)
        services.announce(request, link(reverse("admin:requests_rightsrequest_change", args=[request.pk])))
    return request


def _save_new_request(request: RightsRequest, rights) -> None:
    """Save a new request with its rights and the one history row that records both (ropa/history/rows.py).

    The ordinary way, two history rows each reading all three m2m tables back, was half of a submission's
    time in bench/intake_bench.py; a request filed on the form has no links but its rights.
    """
    request.skip_history_when_saving = True
    request.save()
    del request.skip_history_when_saving
    through = RightsRequest.rights.through
    links = through.objects.bulk_create([through(rightsrequest_id=request.pk, right_id=right.pk) for right in rights])
    write_creation_row(request, {
        "rights": links, "searched_activities": [], "searched_systems": [], "found_activities": [],
    })


def confirm_address(request: RightsRequest, link: LinkBuilder) -> None:
    """The requester followed the link: the request is received, the link is spent, the receipt goes out, and the
    workspace's handlers and officers are told it waits (services.announce())."""
    with transaction.atomic():
        request.confirmation_nonce = ""
        request.email_confirmed_at = timezone.now()
        if not request.status_key:
            request.status_key = new_secret()
        # The timeline is read by handlers, in the site's language rather than the requester's.
        with translation.override(settings.LANGUAGE_CODE):
            comment = gettext("The requester confirmed the e-mail address through the link sent to it.")
        request.confirm_email(comment=comment)
        emails.queue_receipt(request, status_url=link(reverse("requests:status", args=[status_token(request)])))
        services.announce(request, link(reverse("admin:requests_rightsrequest_change", args=[request.pk])))
