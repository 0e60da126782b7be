"""The public request form: which rights, who is asking, what they want, and a trap for robots."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from requests.models import Right, RightsRequest

# One plain sentence per right: what it gives and when it applies (Arts. 7(3), 15-22).
EXPLANATIONS = {
    Right.Article.WITHDRAW_CONSENT: _(
        "Stop processing that relies on consent you gave us; it takes effect as soon as we receive it, with no "
        "confirmation needed, and what was done before stays lawful."
    ),
    Right.Article.ACCESS: _(
        "Get a copy of the personal data we hold about you and learn how and why we use it."
    ),
    Right.Article.RECTIFICATION: _("Have data about you that is wrong or incomplete corrected."),
    Right.Article.ERASURE: _(
        "Have your data deleted when we no longer need it or have no right to keep it, "
        "unless a law such as the bookkeeping act requires us to keep it."
    ),
    Right.Article.RESTRICTION: _(
        "Have us keep your data but not use it for a while, for instance while we check whether it is correct."
    ),
    Right.Article.NOTIFICATION: _(
        "Learn which recipients we told about a correction, deletion or restriction of your data."
    ),
    Right.Article.PORTABILITY: _(
        "Receive the data you gave us in a machine-readable file, when we process it by consent or contract."
    ),
    Right.Article.OBJECTION: _(
        "Object to processing based on our legitimate interests; an objection to direct marketing always stops it."
    ),
    Right.Article.MARKETING_OBJECTION: _(
        "Stop all direct marketing to you; it takes effect as soon as we receive it, with no confirmation needed."
    ),
    Right.Article.AUTOMATED_DECISION: _(
        "Have a person review a decision about you that a computer made on its own, and give your view."
    ),
}

MESSAGE_MAX_LENGTH = 5000


class RightsWidget(forms.CheckboxSelectMultiple):
    """Checkboxes whose explanation is tied to each box with aria-describedby."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        option["explanation"] = EXPLANATIONS.get(instance.code, "") if instance else ""
        if option["explanation"] and option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_explanation"
        return option


class RightsField(forms.ModelMultipleChoiceField):
    """Ids are checked to be ids before the database sees them: SQLite raises OverflowError beyond 64 bits."""

    def _check_values(self, value):
        for pk in value:
            if not (str(pk).isascii() and str(pk).isdigit()) or len(str(pk)) > 18:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": pk})
        return super()._check_values(value)


class IntakeForm(forms.Form):
    rights = RightsField(
        label=_("What do you want us to do?"), queryset=Right.objects.all(), widget=RightsWidget,
        error_messages={"required": _("Choose at least one right.")},
    )
    name = forms.CharField(
        label=_("Your name"), max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"), max_length=254,
        help_text=_("We send a link to this address; follow it to confirm that the address is yours."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
    )
    phone = forms.CharField(
        label=_("Phone (optional)"), max_length=40, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    customer_number = forms.CharField(
        label=_("Customer or order number (optional)"), max_length=60, required=False,
        help_text=_("Helps us find your data faster."),
    )
    message = forms.CharField(
        label=_("Describe your request"), max_length=MESSAGE_MAX_LENGTH,
        help_text=lazy(lambda: _("For example which data, which period or which account it concerns. "
                                 "At most %(max)s characters.") % {"max": MESSAGE_MAX_LENGTH}, str)(),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell us what you want us to do.")},
    )
    language = forms.ChoiceField(
        label=_("Language for our replies"), choices=RightsRequest.Language.choices, widget=forms.RadioSelect,
    )
    # The trap: hidden from people by the style sheet; a robot that fills it is answered as if all went well.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("language", _reply_language())
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @property
    def is_trapped(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


def _reply_language() -> str:
    language = (get_language() or "").split("-")[0]
    return language if language in RightsRequest.Language.values else RightsRequest.Language.NB
