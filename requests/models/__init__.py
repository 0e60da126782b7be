from requests.models.attachments import Attachment
from requests.models.outbox import OutboxEmail, send_outbox
from requests.models.ratelimit import RateLimitBucket
from requests.models.references import ReferenceCounter
from requests.models.rights import RefusalGround, Right
from requests.models.rights_requests import RightsRequest
from requests.models.statistics import RequestStatistic
from requests.models.timeline import StatusChange
from requests.models.workflow import ALLOWED_MOVES, CLOSED_STATUSES, OPEN_STATUSES, Status

__all__ = [
    "ALLOWED_MOVES",
    "CLOSED_STATUSES",
    "OPEN_STATUSES",
    "Attachment",
    "OutboxEmail",
    "RateLimitBucket",
    "ReferenceCounter",
    "RefusalGround",
    "RequestStatistic",
    "Right",
    "RightsRequest",
    "Status",
    "StatusChange",
    "send_outbox",
]
