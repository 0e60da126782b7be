"""Reading cell values the way people write them: labels in any of our languages, yes/no words, dates."""

import datetime
import functools
import re

from django.db import models
from django.utils import translation
from django_countries import countries

from ropa.exports.cells import restore
from ropa.exports.layouts import ARTICLE6_WORDS, LANGUAGES, NO_WORDS, YES_WORDS
from ropa.models import LegalBasis


def text(value) -> str:
    """A cell as text: exported apostrophes taken off again, numbers without a trailing .0, dates in ISO."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return restore(str(value)).strip()


def split_lines(value) -> list[str]:
    """A list cell: one value a line (our export), or separated by semicolons or slashes (hand-made sheets).

    Commas split too where the whole piece is not a known name; `Lookups.entries()` decides that.
    """
    return [piece.strip() for piece in re.split(r"[\n;]|\s/\s|(?<=\w)/(?=\w{3})", text(value)) if piece.strip()]


# Company forms written after a name, sometimes after a comma ("Acme, Inc."): nb, sv, da, fi, is, en, de, fr, nl.
LEGAL_FORMS = (
    "AS", "ASA", "ANS", "DA", "SA", "BA", "NUF", "ENK", "AB", "HB", "KB", "ApS", "A/S", "I/S", "P/S", "IVS", "Oy",
    "Oyj", "hf", "ehf", "Ltd", "Limited", "LLC", "LLP", "LP", "Inc", "Corp", "Co", "plc", "GmbH", "AG", "SE", "SAS",
    "SARL", "S.A.", "B.V.", "BV", "N.V.", "NV", "S.L.", "S.p.A.",
)
_LEGAL_FORM = "(?:" + "|".join(re.escape(form.rstrip(".")) for form in LEGAL_FORMS) + r")\.?(?:\s*\(publ\))?"
_ONLY_A_LEGAL_FORM = re.compile(_LEGAL_FORM, re.IGNORECASE)
ENDS_WITH_LEGAL_FORM = re.compile(rf"(?<![\w.]){_LEGAL_FORM}\s*$", re.IGNORECASE)
_NAME_COMMAS = re.compile(r",(?![^()]*\))")  # a comma outside brackets: "Klarna Bank AB (publ), Google Ireland Ltd."


def split_names(value, known=lambda name: False) -> list[str]:
    """A cell naming organisations or processors: split like any list, on commas too, except a comma before a
    company form ("Acme, Inc.") or inside brackets, or in a name `known` says the record holds."""
    names = []
    for piece in split_lines(value):
        if known(piece) or "," not in piece:
            names.append(piece)
            continue
        parts: list[str] = []
        for part in (part.strip() for part in _NAME_COMMAS.split(piece)):
            if parts and _ONLY_A_LEGAL_FORM.fullmatch(part):
                parts[-1] = f"{parts[-1]}, {part}"
            elif part:
                parts.append(part)
        names.extend(parts)
    return names


def key(value: str) -> str:
    """How names are compared: case-insensitive, runs of spaces as one."""
    return " ".join(value.split()).casefold()


PLURAL_ENDINGS = ("arna", "erna", "orna", "ene", "ane", "ies", "es", "er", "ar", "or", "na", "s", "r", "e", "a", "y")


def stem(value: str) -> str:
    """A name with simple plural and definite endings taken off its last word, so that "Kunde", "Kunder",
    "kundene", "Customer" and "customers" each compare equal to their own other forms (nb, sv, da, en)."""
    words = re.sub(r"[^\w\s-]", " ", key(value)).split()
    if not words:
        return ""
    last = words[-1]
    changed = True
    while changed:
        changed = False
        for ending in PLURAL_ENDINGS:
            if last.endswith(ending) and len(last) - len(ending) >= 3:
                last = last[: -len(ending)]
                changed = True
                break
    return " ".join([*words[:-1], last])


class ChoiceIndex:
    """A TextChoices field's values by their stored value or their label in any of our languages."""

    def __init__(self, choices: type[models.TextChoices]):
        self.values: dict[str, str] = {key(value): value for value in choices.values}
        for language in LANGUAGES:
            with translation.override(language):
                for value, label in choices.choices:
                    self.values.setdefault(key(str(label)), value)

    def find(self, value: str) -> str | None:
        return self.values.get(key(value))


@functools.cache
def choice_index(choices: type[models.TextChoices]) -> ChoiceIndex:
    return ChoiceIndex(choices)


def yes_no(value: str) -> bool | None:
    """True or False for the yes/no words of our languages and our own labels; None when neither."""
    word = key(value)
    if word in YES_WORDS or word in _translated_labels("Yes"):
        return True
    if word in NO_WORDS or word in _translated_labels("No"):
        return False
    return None


def yes_no_unknown(value: str) -> str | None:
    """A YesNoUnknown value from its label in any language or a yes/no word; "" is not assessed."""
    from ropa.models import YesNoUnknown

    if not value.strip():
        return YesNoUnknown.UNKNOWN
    found = choice_index(YesNoUnknown).find(value)
    if found is None and (key(value).strip(" ?.") in NOT_ASSESSED_WORDS or key(value) in _not_screened_labels()):
        # The export writes "Not screened" in the DPIA column of an activity never screened (Art. 35(1)).
        found = YesNoUnknown.UNKNOWN
    if found is None:
        # "Ja, gjennomført 2024", "Nei – lav risiko": the first word answers.
        first = re.match(r"\s*(\w+)", value)
        answer = yes_no(value)
        if answer is None and first:
            answer = yes_no(first.group(1))
        found = None if answer is None else (YesNoUnknown.YES if answer else YesNoUnknown.NO)
    return found


NOT_ASSESSED_WORDS = (
    "", "ikke vurdert", "ikkje vurdert", "ikke vurderet", "ej bedömd", "inte bedömt", "ej bedömt", "not assessed",
    "unknown", "ukjent", "vet ikke", "usikker", "tbd", "uavklart", "under vurdering",
)


@functools.cache
def _translated_labels(msgid: str) -> frozenset[str]:
    from ropa.models import YesNoUnknown

    member = YesNoUnknown.YES if msgid == "Yes" else YesNoUnknown.NO
    labels = set()
    for language in LANGUAGES:
        with translation.override(language):
            labels.add(key(str(member.label)))
    return frozenset(labels)


def says_not_screened(value: str) -> bool:
    """Whether a DPIA cell holds the export's "Not screened" (in any of our languages)."""
    return key(value) in _not_screened_labels()


@functools.cache
def _not_screened_labels() -> frozenset[str]:
    """"Not screened" as the export writes it in each of our languages."""
    labels = set()
    for language in LANGUAGES:
        with translation.override(language):
            labels.add(key(translation.gettext("Not screened")))
    return frozenset(labels)


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y")


def parse_date(value) -> datetime.date | None:
    """A date cell, or text in ISO or Nordic (31.12.2026) form; raises ValueError for anything else."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if not raw:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValueError(raw)


def country_code(value: str) -> str | None:
    """An ISO country code from a code or a country's name in any of our languages."""
    raw = value.strip()
    if not raw:
        return ""
    code = countries.alpha2(raw)
    if code:
        return code
    for language in LANGUAGES:
        code = countries.by_name(raw, language=language)
        if code:
            return code
    return None


# "6(1)(b)", "6 (1) b", "6 nr. 1 bokstav b" (Norwegian), "6.1 b"
_LETTER = r"\s*(?:\(\s*([a-j])\s*\)|(?:bokstav|lit\.?|led)?\s*([a-j])\b)"
_ARTICLE6 = re.compile(r"\b6\s*(?:\(\s*1\s*\)|nr\.?\s*1|\.1)" + _LETTER, re.I)
_ARTICLE9 = re.compile(r"\b9\s*(?:\(\s*2\s*\)|nr\.?\s*2|\.2)" + _LETTER, re.I)
_ARTICLE10 = re.compile(r"\b(?:art(?:icle|ikkel|ikel)?\.?)\s*10\b", re.I)
_AUTHORITY_WORDS = ("official authority", "offentlig myndighet", "myndighet", "authority")


class Bases:
    """The legal bases found in one line of text: at most one of each article, as stored values."""

    def __init__(self):
        self.article6: list[str] = []
        self.article9: list[str] = []
        self.article10: list[str] = []


@functools.cache
def _labels_in_all_languages(choices: type[models.TextChoices]) -> dict[str, str]:
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            for value, label in choices.choices:
                labels[key(str(label))] = value
    return labels


def find_bases(line: str, words: bool = False) -> Bases:
    """Art. 6, 9 and 10 bases named in `line` by article number (6(1)(b), 6 nr. 1 bokstav b) or full label.

    With `words`, a bare Art. 6 word ("Contract", "samtykke") counts too when no Art. 6 number is given,
    as people write it in the ICO's Art. 6 column or a "Behandlingsgrunnlag" column.
    """
    found = Bases()
    lowered = key(line)
    for pattern, target, prefix in ((_ARTICLE6, found.article6, "6.1."), (_ARTICLE9, found.article9, "9.2.")):
        for match in pattern.finditer(line):
            value = prefix + (match.group(1) or match.group(2)).lower()
            if value not in target:
                target.append(value)
    for label, value in _labels_in_all_languages(LegalBasis.Article10).items():
        if label in lowered and value not in found.article10:
            found.article10.append(value)
    if not found.article10 and _ARTICLE10.search(line):
        authority = any(word in lowered for word in _AUTHORITY_WORDS)
        found.article10.append(
            LegalBasis.Article10.OFFICIAL_AUTHORITY if authority else LegalBasis.Article10.AUTHORISED_BY_LAW
        )
    if words and not found.article6:
        for value, synonyms in ARTICLE6_WORDS.items():
            if any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in synonyms):
                found.article6.append(value)
    return found


# The Nordic company forms, to tell an organisation's country from its name ("Nordhandel Sverige AB" is Swedish).
COUNTRY_OF_LEGAL_FORM = {
    "as": "NO", "asa": "NO", "ans": "NO", "da": "NO", "nuf": "NO", "ab": "SE", "hb": "SE", "kb": "SE",
    "aps": "DK", "a/s": "DK", "i/s": "DK", "p/s": "DK", "ivs": "DK", "oy": "FI", "oyj": "FI", "ehf": "IS", "hf": "IS",
}


def country_of(name: str = "", number: str = "") -> str:
    """The Nordic country (NO, SE, DK, FI, IS) an organisation's number is valid in, when it is valid in exactly
    one; else the country of the company form its name ends in (AS, AB, ApS, Oy, ehf.); "" when neither tells."""
    from ropa.models.organisations import ORGANISATION_NUMBER_FORMATS

    match = ENDS_WITH_LEGAL_FORM.search(name.strip())
    form = re.sub(r"\(\s*publ\s*\)", "", match.group(0)).strip().rstrip(".").casefold() if match else ""
    by_form = COUNTRY_OF_LEGAL_FORM.get(form, "")
    if number:
        valid = [country for country, module in ORGANISATION_NUMBER_FORMATS.items() if module.is_valid(number)]
        if len(valid) == 1:
            return valid[0]
        if by_form in valid:
            return by_form
        if valid:
            return ""
    return by_form


# How organisations' names are compared: "Klarna Bank AB (publ)" is "Klarna Bank AB", "Google Ireland Ltd." is
# "Google Ireland Limited", "Zendesk, Inc." is "Zendesk Inc".
_FORM_SPELLINGS = {"limited": "ltd", "incorporated": "inc", "corporation": "corp", "aksjeselskap": "as",
                   "aktiebolag": "ab", "aktiebolaget": "ab"}


def company_key(name: str) -> str:
    """A name as compared with the organisations in the record, its company form in one spelling."""
    folded = re.sub(r"\(\s*publ\s*\)", " ", key(name))
    words = re.sub(r"[,.]", " ", folded).split()
    return " ".join(_FORM_SPELLINGS.get(word, word) for word in words)


def country_in_name(name: str) -> str:
    """The country a name gives ("Google Ireland Limited" is Irish, "Posten Norge AS" Norwegian), or ""."""
    if country := country_of(name):
        return country
    for word in re.findall(r"[^\W\d_]{4,}", name):
        if word[0].isupper() and (code := country_code(word)):
            return code
    return ""
