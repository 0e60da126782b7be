"""The supervisory authority a requester can complain to (Art. 77), named in refusals and Art. 15 answers."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Authority:
    name: str
    website: str


# The authority of the controller's country; the requester may also turn to the one where they live or work.
AUTHORITIES = {
    "NO": Authority("Datatilsynet", "https://www.datatilsynet.no"),
    "SE": Authority("Integritetsskyddsmyndigheten (IMY)", "https://www.imy.se"),
    "DK": Authority("Datatilsynet", "https://www.datatilsynet.dk"),
    "FI": Authority("Tietosuojavaltuutetun toimisto", "https://tietosuoja.fi"),
    "IS": Authority("Persónuvernd", "https://www.personuvernd.is"),
}


def supervisory_authority(country_code: str) -> Authority:
    return AUTHORITIES.get(str(country_code).upper(), Authority(str(_("the data protection authority")), ""))
