"""What a token may do: what its person's role allows in some workspace (each view narrows the rows to the workspaces
where it does, ropa/workspaces/access.py), and nothing that writes when the token is read only."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from ropa.models import ApiToken

ACTIONS = {"GET": "view", "HEAD": "view", "OPTIONS": "view", "POST": "add", "PUT": "change", "PATCH": "change",
           "DELETE": "delete"}


class TokenPermission(BasePermission):
    message = _("Your role does not allow this.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False  # 401: the data endpoints answer tokens only, never a browser's session
        if request.method not in SAFE_METHODS and token.read_only:
            self.message = _("This token is read only.")
            return False
        model = getattr(view, "permission_model", None)
        if model is None:
            return True
        opts = model._meta
        action = getattr(view, "permission_action", None) or ACTIONS.get(request.method, "change")
        user = request.user
        if action == "view":
            return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
                f"{opts.app_label}.change_{opts.model_name}")
        return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
