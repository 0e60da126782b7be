"""The life of a breach: its statuses and the only moves between them, the risk levels and the Art. 34 outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    ASSESSING = "assessing", _("Being assessed: notification not yet decided")
    NOTIFIED = "notified", _("Notified to Datatilsynet")
    NOT_NOTIFIED = "not_notified", _("Not notified: unlikely to result in a risk")
    CLOSED = "closed", _("Closed")


# The only moves: a breach judged unlikely to be risky may be notified after all when new facts come in
# (Art. 33(4) allows information in phases); nothing goes back to undecided, and closed is final.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    Status.ASSESSING: frozenset({Status.NOTIFIED, Status.NOT_NOTIFIED}),
    Status.NOT_NOTIFIED: frozenset({Status.NOTIFIED, Status.CLOSED}),
    Status.NOTIFIED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
}


def is_allowed_move(current: str, new: str) -> bool:
    return current == new or new in ALLOWED_MOVES.get(current, frozenset())


class Risk(models.TextChoices):
    """The three outcomes of the risk assessment, in the words of the EDPB's Guidelines 9/2022 on breaches."""

    UNLIKELY = "unlikely", _("Unlikely to result in a risk to the rights and freedoms of natural persons")
    RISK = "risk", _("Likely to result in a risk to the rights and freedoms of natural persons")
    HIGH = "high", _("Likely to result in a high risk to the rights and freedoms of natural persons")


class Communication(models.TextChoices):
    """Art. 34: the data subjects told, or the Art. 34(3) condition that releases the controller from it."""

    COMMUNICATED = "communicated", _("Communicated to the data subjects (Art. 34(1))")
    ENCRYPTED = "encrypted", _(
        "Not communicated: the data was unintelligible to anyone not authorised, e.g. encrypted (Art. 34(3)(a))"
    )
    MEASURES = "measures", _(
        "Not communicated: later measures ensure the high risk is no longer likely to materialise (Art. 34(3)(b))"
    )
    DISPROPORTIONATE = "disproportionate", _(
        "Public communication instead: telling each person would involve disproportionate effort (Art. 34(3)(c))"
    )


EXEMPTIONS = (Communication.ENCRYPTED, Communication.MEASURES, Communication.DISPROPORTIONATE)
