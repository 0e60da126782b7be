"""Every history row written during an API request names the token: the reason "API: NAME" beside the token's
person, whom simple-history's middleware records as for any request. The authentication puts the reason on the
Django request (ropa/api/authentication.py); ropa/history/rows.py reads it there too."""

from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


def reason_for(token) -> str:
    return f"API: {token.name}"


def _request_reason(sender, history_instance, **kwargs) -> None:
    request = getattr(HistoricalRecords.context, "request", None)
    reason = getattr(request, "history_change_reason", None)
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason


def connect() -> None:
    pre_create_historical_record.connect(_request_reason, dispatch_uid="ropa.api.history")
