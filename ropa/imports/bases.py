"""Legal bases as people write them in a cell: "b) avtale", "6(1)(b)", "art. 6 nr. 1 bokstav b", "Consent".

A cell may name several bases, separated by new lines, ";", "/" or ","; each piece is read by article
number, by the letter of the article's list, or by its words in nb, nn, sv, da or en. What cannot be read
is returned as written, for an error that says what was written and what is accepted.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ropa.exports.layouts import ARTICLE6_WORDS
from ropa.imports.values import find_bases, key, yes_no
from ropa.models import LegalBasis

# Besides ropa.exports.layouts.ARTICLE6_WORDS; matched inside the text, so "kundeavtale" is a contract.
MORE_ARTICLE6_WORDS: dict[str, tuple[str, ...]] = {
    "6.1.a": ("samtykk", "samtyck", "consent"),
    "6.1.b": ("avtale", "avtal", "kontrakt", "contract"),
    "6.1.c": (
        "rettslig forpliktelse", "rettsleg plikt", "rettslig plikt", "lovpålagt", "lovkrav", "juridisk forpliktelse",
        "rättslig förpliktelse", "lagkrav", "retlig forpligtelse", "legal obligation",
    ),
    "6.1.d": ("vitale interesser", "vital interest", "grundläggande intressen"),
    "6.1.e": (
        "allmennhetens interesse", "allmenn interesse", "offentlig myndighet", "myndighetsutøvelse",
        "allmänt intresse", "myndighetsutövning", "offentlig interesse", "public task", "public interest",
        "official authority",
    ),
    "6.1.f": (
        "berettiget interesse", "berettigede interesser", "berettiga interesse", "legitim interesse",
        "legitime interesser", "berättigat intresse", "berättigade intressen", "legitimate interest",
    ),
}
# Art. 9(2) conditions in words, most specific first; a bare "consent" in an Art. 9 column is explicit consent.
ARTICLE9_WORDS: dict[str, tuple[str, ...]] = {
    "9.2.a": ("uttrykkelig samtykke", "uttrykkeleg samtykke", "uttryckligt samtycke", "udtrykkeligt samtykke",
              "explicit consent"),
    "9.2.b": ("arbeidsrett", "arbeidsforhold", "trygderett", "arbetsrätt", "social trygghet", "ansættelsesret",
              "employment"),
    "9.2.c": ("vitale interesser", "vital interest", "grundläggande intressen"),
    "9.2.d": ("ideell", "stiftelse", "not-for-profit", "not for profit", "foundation"),
    "9.2.e": ("offentliggjort", "gjort offentlig", "made public"),
    "9.2.f": ("rettskrav", "rettslige krav", "rättsliga anspråk", "retskrav", "legal claims"),
    "9.2.g": ("viktige allmenne interesser", "vesentlig allmenn interesse", "viktigt allmänt intresse",
              "væsentlig samfundsinteresse", "substantial public interest"),
    "9.2.h": ("helsehjelp", "forebyggende medisin", "arbeidsmedisin", "helse- og omsorg", "hälso- och sjukvård",
              "sjukvård", "sundhedsbehandling", "social care", "health care", "medical diagnosis",
              "occupational medicine"),
    "9.2.i": ("folkehelse", "folkhälsa", "folkesundhed", "public health"),
    "9.2.j": ("forskning", "arkiv", "statistikk", "statistik", "research", "archiving", "statistics"),
    "9.2.a ": ("samtykk", "samtyck", "consent"),
}
# Art. 10 in words, for a column that holds both Art. 9 conditions and Art. 10 bases ("artikkel 9/10").
ARTICLE10_WORDS = (
    "straff", "lovbrudd", "lovbrot", "lovovertred", "lagöverträd", "brott", "strafbar", "criminal", "offence",
    "conviction", "infraction", "condamnation", "hjemmel i lov", "heimel i lov", "stöd i lag", "hjemmel i loven",
    "authorised by law", "authorized by law", "official authority",
)
_AUTHORITY = ("myndighet", "authority", "myndighed")
_LETTER = re.compile(r"^\s*\(?([a-j])\s*\)")  # "b) avtale", "(f) legitimate interests"
_SEPARATORS = re.compile(r"[\n;/,]")
# The law a basis rests on, written after it (Art. 6(3)): "bokføringsloven § 13", "arbeidsmiljøloven § 4-6",
# "bokföringslagen 7 kap. 2 §", "lov om arkiv § 6", "Companies Act 2006 s. 386"; it runs to the end of the piece.
_LAW = re.compile(
    r"\b[^\W\d_]{3,}(?:loven|lova|lovens|lagen|lagens|forskriften|förordningen|bekendtgørelsen)\b"
    r"|\b(?:lov|lag|forskrift|förordning)\s+(?:om|\(\d)"
    r"|§",
    re.IGNORECASE,
)
_ACT = re.compile(r"(?:\b[A-Z][\w-]*\s+){1,4}Act\b")  # "Companies Act 2006", capitalised as a title
EXAMPLES = {
    "article6": "“b) avtale”, “6(1)(b)”, “art. 6 nr. 1 bokstav b”, “avtale”, “Consent”",
    "article9": "“h) helsehjelp”, “9(2)(h)”, “art. 9 nr. 2 bokstav a”, “uttrykkelig samtykke”",
    "article10": "“Art. 10”, “art. 10, hjemmel i lov”, “official authority”",
    "article9_10": "“h) helsehjelp”, “9(2)(b)”, “uttrykkelig samtykke”, “Art. 10”, “art. 10, hjemmel i lov”",
}


@dataclass
class CellBases:
    """The bases a cell names, in the order written, and the pieces that name none."""

    article6: list[str] = field(default_factory=list)
    article9: list[str] = field(default_factory=list)
    article10: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    # The law written with a basis ("c) rettslig forpliktelse – bokføringsloven § 13"), by the basis it follows.
    references: dict[str, str] = field(default_factory=dict)

    def add(self, article: str, value: str) -> None:
        values = getattr(self, article)
        if value not in values:
            values.append(value)


def read_bases(cell: str, article: str | None = None) -> CellBases:
    """The bases in `cell`: `article` names the one article of its column, None a column of bases in general,
    "article9_10" a column of both Art. 9 conditions and Art. 10 bases."""
    result = CellBases()
    previous: list[str] = []  # the bases of the piece before, for a law written after a comma
    for piece in (piece.strip() for piece in _SEPARATORS.split(cell)):
        if not piece:
            continue
        piece, reference = split_law(piece)
        found = _read_piece(piece, article) if piece else {}
        if reference:
            bases = [value for values in found.values() for value in values] or previous
            for value in bases or [""]:
                result.references.setdefault(value, reference)
            if not piece:
                continue
        previous = [value for values in found.values() for value in values]
        if not any(found.values()):
            if yes_no(piece) is False:
                continue  # "Nei", "Ikke relevant", "-": no basis under this article is needed
            result.unread.append(piece)
        for name, values in found.items():
            for value in values:
                result.add(name, value)
    return result


def split_law(piece: str) -> tuple[str, str]:
    """A piece of a bases cell without the law written in it, and that law: ("c) rettslig forpliktelse",
    "bokføringsloven § 13") from "c) rettslig forpliktelse – bokføringsloven § 13"."""
    starts = [match.start() for pattern in (_LAW, _ACT) for match in pattern.finditer(piece)]
    if not starts:
        return piece, ""
    start = min(starts)
    before, law = piece[:start], piece[start:]
    if before.rstrip().endswith(("(", "[")):
        before = before.rstrip()[:-1]
        law = re.sub(r"[)\]]\s*$", "", law)
    if "(" not in law:
        law = law.rstrip(")")
    return before.strip(" \t–—-:.,"), law.strip(" \t–—-:,")


def _read_piece(piece: str, article: str | None) -> dict[str, list[str]]:
    numbered = find_bases(piece)
    found = {"article6": numbered.article6, "article9": numbered.article9, "article10": numbered.article10}
    lowered = key(piece)
    if article == "article9_10":
        # "9(2)(b)" and Art. 9 words are a condition; "art. 10" or offence words an Art. 10 basis.
        if found["article9"] or found["article10"]:
            return found
        article = "article10" if any(word in lowered for word in ARTICLE10_WORDS) else "article9"
    letter = _LETTER.match(lowered)
    if article in (None, "article6") and not found["article6"]:
        if letter and letter.group(1) <= "f":
            found["article6"] = [f"6.1.{letter.group(1)}"]
        else:
            found["article6"] = _words(lowered, {**_merged_article6_words()})
    if article == "article9" and not found["article9"]:
        found["article9"] = [f"9.2.{letter.group(1)}"] if letter else _words(lowered, ARTICLE9_WORDS)[:1]
    if article == "article10" and not found["article10"] and yes_no(piece) is not False:
        authority = any(word in lowered for word in _AUTHORITY)
        found["article10"] = [
            LegalBasis.Article10.OFFICIAL_AUTHORITY if authority else LegalBasis.Article10.AUTHORISED_BY_LAW
        ]
    return found


def _merged_article6_words() -> dict[str, tuple[str, ...]]:
    return {value: (*ARTICLE6_WORDS.get(value, ()), *MORE_ARTICLE6_WORDS[value]) for value in MORE_ARTICLE6_WORDS}


def _words(lowered: str, words: dict[str, tuple[str, ...]]) -> list[str]:
    """Values whose words occur in the text, in the order they occur."""
    hits = []
    for value, synonyms in words.items():
        positions = [lowered.find(word) for word in synonyms if word in lowered]
        if positions:
            hits.append((min(positions), value.strip()))
    found = []
    for _position, value in sorted(hits):
        if value not in found:
            found.append(value)
    return found


def unreadable_message(article: str, written: str) -> str:
    """What was written and what is accepted, for a basis that cannot be read (Arts. 6(1), 9(2), 10)."""
    choices = {"article6": [LegalBasis.Article6], "article9": [LegalBasis.Article9],
               "article10": [LegalBasis.Article10], "article9_10": [LegalBasis.Article9, LegalBasis.Article10]}
    return _(
        "“%(value)s” cannot be read as a legal basis. Accepted: %(labels)s; or written as %(examples)s."
    ) % {
        "value": written,
        "labels": "; ".join(str(label) for kind in choices[article] for label in kind.labels),
        "examples": EXAMPLES[article],
    }
