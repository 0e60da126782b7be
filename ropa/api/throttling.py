"""Rate limits per token (settings.API_RATE_LIMIT), per address before a token is known: 429 beyond."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from ropa.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT  # read per request, so tests and deployments can change it

    def get_cache_key(self, request, view) -> str:
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": f"token-{request.auth.pk}"}
        return self.cache_format % {"scope": self.scope, "ident": f"address-{self.get_ident(request)}"}
