"""Every way a sign-in through a provider can fail, each with words for the person and a code for the operator."""

from django.utils.translation import gettext_lazy as _

# code → what the person reads (in their language). The log line names the code, the provider and the technical
# cause, never the person (no e-mail, no subject, no token).
MESSAGES = {
    "provider_unreachable": _("ropa could not reach the identity provider. Try again in a few minutes; if it goes "
                              "on, tell your administrator."),
    "provider_misconfigured": _("The identity provider's settings in ropa do not match the provider. Tell your "
                                "administrator: the log says what differs."),
    "client_rejected": _("The identity provider did not accept ropa's client ID or secret. Tell your "
                         "administrator: the secret may have expired or been mistyped."),
    "issuer_mismatch": _("The sign-in came from another issuer than the one ropa is set up for. Tell your "
                         "administrator."),
    "audience_mismatch": _("The sign-in was meant for another application. Tell your administrator."),
    "token_expired": _("The sign-in took too long and has expired. Start again."),
    "clock_skew": _("The clocks of ropa and the identity provider disagree, so the sign-in cannot be trusted. "
                    "Tell your administrator."),
    "token_invalid": _("The sign-in could not be verified: its signature does not match the provider's keys. "
                       "Start again; if it goes on, tell your administrator."),
    "nonce_mismatch": _("The sign-in does not belong to this browser session. Start again."),
    "state_unknown": _("This sign-in link has already been used or has expired. Start again from the login page."),
    "provider_error": _("The identity provider did not sign you in. Start again, or ask your administrator."),
    "email_missing": _("The identity provider did not tell ropa your e-mail address. Tell your administrator: the "
                       "provider must send the email claim."),
    "unmapped": _("You signed in, but none of your groups at the identity provider gives a role in ropa, so no "
                  "account was made. Ask your privacy officer or administrator to add you to the right group."),
    "account_exists": _("An account with your e-mail address already signs in with a password. Ask your "
                        "administrator to link it to single sign-on."),
    "no_provider": _("No identity provider is set up for that e-mail domain. Sign in with your password, or ask "
                     "your administrator."),
}


class SsoError(Exception):
    """A refused sign-in: `code` picks the page's words, `detail` goes to the log only (no personal data)."""

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in MESSAGES:
            raise ValueError(f"Unknown sign-in failure {code!r}.")
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code])
