"""The rights a data subject can exercise (Arts. 7(3), 15–22) and the grounds for refusing them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from requests.models.history import CachedHistoryManager
from ropa.models import RECORD_PERMISSIONS


class Right(models.Model):
    """One right, as a seeded row so requests can ask for several and the admin can filter on each."""

    class Article(models.TextChoices):
        WITHDRAW_CONSENT = "7.3", _("Withdraw consent (Art. 7(3))")
        ACCESS = "15", _("Access (Art. 15)")
        RECTIFICATION = "16", _("Rectification (Art. 16)")
        ERASURE = "17", _("Erasure (Art. 17)")
        RESTRICTION = "18", _("Restriction of processing (Art. 18)")
        NOTIFICATION = "19", _("Recipients told of a correction or erasure (Art. 19)")
        PORTABILITY = "20", _("Data portability (Art. 20)")
        OBJECTION = "21", _("Objection (Art. 21)")
        MARKETING_OBJECTION = "21.2", _("Stop direct marketing (Art. 21(2))")
        AUTOMATED_DECISION = "22", _("Human review of an automated decision (Art. 22)")

    code = models.CharField(_("article"), max_length=5, choices=Article.choices, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords(history_manager=CachedHistoryManager)

    class Meta:
        ordering = ["position"]
        verbose_name = _("right")
        verbose_name_plural = _("rights")
        default_permissions = RECORD_PERMISSIONS

    def __str__(self) -> str:
        return str(self.Article(self.code).label)


# Art. 7(3) and 21(3): a withdrawal of consent and an objection to direct marketing take effect when received. No
# Art. 12(3) month, no e-mail confirmation first: the staff are told at once (requests/services.py).
TAKES_EFFECT_ON_RECEIPT = frozenset({Right.Article.WITHDRAW_CONSENT, Right.Article.MARKETING_OBJECTION})


class RefusalGround(models.TextChoices):
    """Why a request is refused, in whole: Art. 12(4) requires the reasons to be given."""

    MANIFESTLY_UNFOUNDED = "12.5.unfounded", _("Art. 12(5) manifestly unfounded")
    EXCESSIVE = "12.5.excessive", _("Art. 12(5) manifestly excessive, in particular repetitive")
    NOT_IDENTIFIED = "12.2", _("Art. 11(2) and 12(2) the requester could not be identified")
    RIGHTS_OF_OTHERS = "15.4", _("Art. 15(4) a copy would adversely affect the rights and freedoms of others")
    DATA_ACCURATE = "16", _("Art. 16 the data is accurate and complete")
    NO_ERASURE_GROUND = "17.1", _("Art. 17(1) none of the grounds for erasure applies")
    FREEDOM_OF_EXPRESSION = "17.3.a", _("Art. 17(3)(a) freedom of expression and information")
    LEGAL_OBLIGATION = "17.3.b", _("Art. 17(3)(b) legal obligation (e.g. bookkeeping law) or public task")
    PUBLIC_HEALTH = "17.3.c", _("Art. 17(3)(c) public interest in public health")
    ARCHIVING_RESEARCH = "17.3.d", _("Art. 17(3)(d) archiving, research or statistics")
    LEGAL_CLAIMS = "17.3.e", _("Art. 17(3)(e) establishment, exercise or defence of legal claims")
    NO_RESTRICTION_GROUND = "18.1", _("Art. 18(1) none of the grounds for restriction applies")
    PORTABILITY_SCOPE = "20.1", _("Art. 20(1) not based on consent or contract, or not automated")
    PORTABILITY_OTHERS = "20.4", _("Art. 20(4) would adversely affect the rights and freedoms of others")
    COMPELLING_GROUNDS = "21.1", _("Art. 21(1) compelling legitimate grounds or legal claims (never direct marketing)")
    AUTOMATED_DECISION_ALLOWED = "22.2", _(
        "Art. 22(2) the decision is necessary for a contract, authorised by law or based on explicit consent"
    )
    NATIONAL_LAW = "23", _("Art. 23 a restriction in national law")

    @property
    def is_offered(self) -> bool:
        """Whether a handler may refuse a request on this ground (see NOT_A_GROUND_FOR_REFUSAL)."""
        return self not in NOT_A_GROUND_FOR_REFUSAL

    @classmethod
    def offered_choices(cls) -> list[tuple[str, str]]:
        return [(value, label) for value, label in cls.choices if cls(value).is_offered]

    @property
    def rights(self) -> frozenset[str] | None:
        """The rights this ground can refuse; None for grounds that apply to any request."""
        return REFUSAL_GROUND_RIGHTS.get(self)


# Art. 15(4) limits the copy of Art. 15(3), not the right of access: what would adversely affect others is left
# out of the copy or redacted, and the request is answered (EDPB Guidelines 01/2022 on the right of access,
# section 6.2). Kept as a value so the requests refused on it before still read; never offered again.
NOT_A_GROUND_FOR_REFUSAL = frozenset({RefusalGround.RIGHTS_OF_OTHERS})

_A = Right.Article
REFUSAL_GROUND_RIGHTS: dict[str, frozenset[str]] = {
    RefusalGround.RIGHTS_OF_OTHERS: frozenset({_A.ACCESS}),
    RefusalGround.DATA_ACCURATE: frozenset({_A.RECTIFICATION}),
    RefusalGround.NO_ERASURE_GROUND: frozenset({_A.ERASURE}),
    RefusalGround.FREEDOM_OF_EXPRESSION: frozenset({_A.ERASURE}),
    RefusalGround.LEGAL_OBLIGATION: frozenset({_A.ERASURE}),
    RefusalGround.PUBLIC_HEALTH: frozenset({_A.ERASURE}),
    RefusalGround.ARCHIVING_RESEARCH: frozenset({_A.ERASURE}),
    RefusalGround.LEGAL_CLAIMS: frozenset({_A.ERASURE}),
    RefusalGround.NO_RESTRICTION_GROUND: frozenset({_A.RESTRICTION}),
    RefusalGround.PORTABILITY_SCOPE: frozenset({_A.PORTABILITY}),
    RefusalGround.PORTABILITY_OTHERS: frozenset({_A.PORTABILITY}),
    # Art. 21(3): an objection to direct marketing is absolute; the handler must not use this ground for it.
    RefusalGround.COMPELLING_GROUNDS: frozenset({_A.OBJECTION}),
    RefusalGround.AUTOMATED_DECISION_ALLOWED: frozenset({_A.AUTOMATED_DECISION}),
}
