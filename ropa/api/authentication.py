"""Bearer tokens (`Authorization: Bearer ropa_<lookup>_<secret>`): the token's person, or 401."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from ropa.api.history import reason_for
from ropa.models import ApiToken

# last_used_at is written at most this often per token: a busy shop's every request would otherwise be a write.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != self.keyword:
            return None
        if len(words) != 2:
            raise AuthenticationFailed(_("Give the token after “Bearer”, with no spaces in it."))
        try:
            parts = ApiToken.split(words[1].decode("ascii"))
        except UnicodeDecodeError:
            parts = None
        token = None
        if parts is not None:
            token = ApiToken.objects.select_related("user").filter(lookup=parts[0]).first()
        if token is None or not token.matches(parts[1]):
            raise AuthenticationFailed(_("This token is not valid."))
        if token.revoked_at is not None:
            raise AuthenticationFailed(_("This token has been revoked."))
        now = timezone.now()
        if token.expires_at is not None and token.expires_at <= now:
            raise AuthenticationFailed(_("This token has expired."))
        if not token.user.is_active:
            raise AuthenticationFailed(_("This token's person can no longer log in."))
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            token.last_used_at = now
            # update(): last_used_at is left out of the token's history, so no history row is skipped.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        # The Django request, where simple-history's middleware and ropa/api/history.py read who acts, and how.
        request._request.api_token = token
        request._request.history_change_reason = reason_for(token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="ropa"'


class DocsSessionAuthentication(SessionAuthentication):
    """The admin's session, for the schema and documentation pages only (the data endpoints take tokens alone)."""
