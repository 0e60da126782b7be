"""Labels for the legal bases of processing (Art. 6(1), Art. 9(2), Art. 10), as choices.

`LegalBasis.Article6.CONSENT` reads as the law does; a purpose stores one Art. 6 basis and, where its
data calls for it, an Art. 9 condition and an Art. 10 basis.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalBasis:
    class Article6(models.TextChoices):
        CONSENT = "6.1.a", _("Art. 6(1)(a) consent")
        CONTRACT = "6.1.b", _("Art. 6(1)(b) necessary for a contract")
        LEGAL_OBLIGATION = "6.1.c", _("Art. 6(1)(c) legal obligation")
        VITAL_INTERESTS = "6.1.d", _("Art. 6(1)(d) vital interests")
        PUBLIC_TASK = "6.1.e", _("Art. 6(1)(e) public task or official authority")
        LEGITIMATE_INTERESTS = "6.1.f", _("Art. 6(1)(f) legitimate interests")

    class Article9(models.TextChoices):
        EXPLICIT_CONSENT = "9.2.a", _("Art. 9(2)(a) explicit consent")
        EMPLOYMENT = "9.2.b", _("Art. 9(2)(b) employment, social security and social protection law")
        VITAL_INTERESTS = "9.2.c", _("Art. 9(2)(c) vital interests, data subject unable to consent")
        NOT_FOR_PROFIT = "9.2.d", _("Art. 9(2)(d) not-for-profit body, its members")
        MADE_PUBLIC = "9.2.e", _("Art. 9(2)(e) manifestly made public by the data subject")
        LEGAL_CLAIMS = "9.2.f", _("Art. 9(2)(f) legal claims or courts")
        PUBLIC_INTEREST = "9.2.g", _("Art. 9(2)(g) substantial public interest")
        HEALTH_CARE = "9.2.h", _("Art. 9(2)(h) preventive or occupational medicine, health or social care")
        PUBLIC_HEALTH = "9.2.i", _("Art. 9(2)(i) public health")
        RESEARCH = "9.2.j", _("Art. 9(2)(j) archiving, research or statistics")

    class Article10(models.TextChoices):
        OFFICIAL_AUTHORITY = "10.authority", _("Art. 10 under the control of official authority")
        AUTHORISED_BY_LAW = "10.law", _("Art. 10 authorised by Union or Member State law")

    CONSENT_BASES = (Article6.CONSENT, Article9.EXPLICIT_CONSENT)
    # Bases the law says rest on Union or Member State law, which the record must name (Art. 6(3), Art. 9(2)(b),
    # (g)-(j), Art. 10).
    BASES_IN_LAW = (
        Article6.LEGAL_OBLIGATION, Article6.PUBLIC_TASK, Article9.EMPLOYMENT, Article9.PUBLIC_INTEREST,
        Article9.HEALTH_CARE, Article9.PUBLIC_HEALTH, Article9.RESEARCH, Article10.AUTHORISED_BY_LAW,
    )

    @classmethod
    def label(cls, value: str) -> str:
        for choices in (cls.Article6, cls.Article9, cls.Article10):
            if value in choices.values:
                return str(choices(value).label)
        return value
