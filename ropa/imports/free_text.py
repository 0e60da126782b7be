"""Reading the free text of a hand-made sheet: a transfers cell, a retention period, a source of the data.

Each function keeps what was written and takes out what it can be sure of: "Ja – USA (Data Privacy
Framework)" is a transfer to the US on the EU–US Data Privacy Framework (Art. 45), "5 år etter utgangen av
regnskapsåret" is five years from the end of the financial year (Art. 30(1)(f)).
"""

import re
from dataclasses import dataclass

from ropa.imports.values import country_code, key, yes_no
from ropa.models import ProcessingActivity, RetentionRule, Transfer


@dataclass
class TransferCell:
    """A transfers cell read: the yes/no answer (None when it gives none) and each destination it names."""

    answer: bool | None
    destinations: list[str]  # ISO country codes
    tool: str = ""
    dpf: bool = False
    detail: str = ""


TOOL_WORDS = {
    "dpf": ["data privacy framework", "privacy framework", "dpf"],
    Transfer.Tool.SCC: [
        "standard contractual clauses", "standardkontrakt", "standardavtale", "standardavtaler", "standardavtal",
        "standardklausul", "standardkontraktsbestemmelser", "standardbestemmelser", "standardavtalsklausul",
        "standardavtalsklausuler", "standardavtalsklausulerna", "standardpersonvernbestemmelser",
        "standardpersonvernbestemmelse", "standardkontraktsklausuler", "standardkontraktbestemmelser", "scc", "sccs",
    ],
    Transfer.Tool.BCR: ["binding corporate rules", "bindende virksomhetsregler", "bindande företagsbestämmelser",
                        "bcr"],
    Transfer.Tool.ADEQUACY: ["adequacy", "tilstrekkelig beskyttelsesnivå", "adekvat", "adekvans"],
}
COUNTRY_WORDS = {
    "usa": "US", "us": "US", "u.s.": "US", "united states": "US", "amerika": "US", "uk": "GB", "storbritannia": "GB",
    "england": "GB", "storbritannien": "GB",
}
_PIECES = re.compile(r"[,;/()\n–—:]|\s-\s|\s+(?:og|and|och|samt)\s+")


def read_transfer_cell(raw: str) -> TransferCell:
    """'Nei' → no; 'Ja – USA (Data Privacy Framework)' → yes, US, DPF; 'USA, India (SCC)' → yes, two countries."""
    first = re.match(r"\s*([\w/]+)", raw)
    answer = yes_no(first.group(1)) if first else None
    rest = raw[first.end():] if first and answer is not None else raw
    lowered = key(rest)
    cell = TransferCell(answer, [], detail=raw.strip())
    for tool, words in TOOL_WORDS.items():
        if any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered) for word in words):
            if tool == "dpf":
                cell.dpf, cell.tool = True, Transfer.Tool.ADEQUACY
            elif not cell.tool:
                cell.tool = tool
    for piece in _PIECES.split(rest):
        piece = piece.strip(" .")
        if not piece:
            continue
        code = COUNTRY_WORDS.get(key(piece)) or country_code(piece)
        if code and code not in cell.destinations:
            cell.destinations.append(code)
    if cell.answer is None and cell.destinations:
        cell.answer = True
    return cell


_DURATION = re.compile(
    r"(\d+)\s*(dager|dagar|dage|days?|døgn|uker|veckor|uger|weeks?|måneder|månader|maneder|months?|mnd|"
    r"år|aar|years?|yrs?)(?!\w)",
    re.IGNORECASE,
)
_UNITS = {
    "d": RetentionRule.Unit.DAYS, "u": RetentionRule.Unit.DAYS, "v": RetentionRule.Unit.DAYS,
    "w": RetentionRule.Unit.DAYS, "m": RetentionRule.Unit.MONTHS, "å": RetentionRule.Unit.YEARS,
    "a": RetentionRule.Unit.YEARS, "y": RetentionRule.Unit.YEARS,
}
EVENT_WORDS = [
    (RetentionRule.Event.END_OF_FINANCIAL_YEAR, ["regnskapsår", "räkenskapsår", "regnskabsår", "financial year",
                                                 "fiscal year", "bokføringsår"]),
    (RetentionRule.Event.END_OF_CALENDAR_YEAR, ["kalenderår", "calendar year", "utgangen av året", "årets slutt"]),
    (RetentionRule.Event.CONSENT_WITHDRAWN, ["trekker samtykke", "samtykket trekkes", "samtykke trekkes",
                                             "trekker tilbake samtykke", "tilbakekall", "återkalla", "samtycket dras",
                                             "withdraw", "tilbagekald", "trækker samtykke"]),
    (RetentionRule.Event.ACCOUNT_CLOSED, ["konto", "account"]),
    (RetentionRule.Event.LAST_ACTIVITY, ["siste aktivitet", "senaste aktivitet", "last activity", "inaktiv",
                                       "siste kjøp", "senaste köp", "sidste køb", "last purchase"]),
    (RetentionRule.Event.END_OF_RELATIONSHIP, ["kundeforhold", "kundförhållande", "kundeforhold ophører",
                                               "avtalen opphører", "avslutt", "opphør", "avtal", "kontrakt",
                                               "contract", "relationship", "ansettelse", "anställning",
                                               "ansættelse", "arbeidsforhold", "employment"]),
]

# Words saying that something ends, for an erasure event written without a duration (nb, nn, sv, da, en).
_ENDING_WORDS = (
    "opphør", "ophør", "upphör", "avslutt", "avslut", "slutter", "slutar", "trekk", "trekt", "återkall", "tilbakekall",
    "tilbagekald", "withdraw", "dras tillbaka", "ends", "ended", "end of", "terminat", "closed", "lukkes", "stenges",
    "avregistr", "utmeld", "meldes ut", "sägs upp", "sies opp", "siges op",
)


def read_retention(line: str) -> RetentionRule:
    """A rule keeping the text as written, with the duration, unit and event where the text states them."""
    rule = RetentionRule(description=line)
    match = _DURATION.search(line)
    if match is None:
        # "Til samtykket trekkes tilbake", "Slettes når arbeidsforholdet opphører": the event, with no duration.
        # Only when the text says the event ends something: "Slettes etter ansettelse" is no end of employment.
        lowered = key(line)
        if any(word in lowered for word in _ENDING_WORDS):
            # "Slettes når oppfølgingen er avsluttet" ends no customer relationship: an event of its own.
            rule.runs_from = next(
                (event for event, words in EVENT_WORDS
                 if any(word in lowered for word in words if word not in ("avslutt", "opphør"))),
                RetentionRule.Event.OTHER,
            )
        rule._event_only = rule.runs_from != RetentionRule.Event.COLLECTION
        return rule
    number, word = int(match.group(1)), match.group(2).lower()
    unit = _UNITS[word[0]]
    if word[0] in "uvw":  # weeks are kept as days
        number *= 7
    rule.duration, rule.unit = number, unit
    lowered = key(line)
    rule.runs_from = next(
        (event for event, words in EVENT_WORDS if any(word in lowered for word in words)),
        RetentionRule.Event.OTHER if re.search(r"\b(?:etter|efter|after|fra|från|from)\b", lowered)
        else RetentionRule.Event.COLLECTION,
    )
    return rule


SOURCE_WORDS = {
    ProcessingActivity.SourceKind.DATA_SUBJECT: [
        "registrerte", "registrerade", "registrerede", "data subject", "the individual", "direkte fra", "direkt från",
        "kunden selv", "den enkelte", "seg selv", "themselves",
    ],
    ProcessingActivity.SourceKind.THIRD_PARTY: ["tredjepart", "tredje part", "third part", "tredjeman", "andre"],
    ProcessingActivity.SourceKind.PUBLIC: ["offentlig", "public", "folkeregister", "brønnøysund"],
    ProcessingActivity.SourceKind.OBSERVED: ["observer", "cookie", "informasjonskaps", "kakor", "logg", "log "],
}


def read_source(raw: str) -> str:
    """The kind of source a sentence names; several kinds are "mixed"; "" when it names none."""
    lowered = f"{key(raw)} "
    kinds = [kind for kind, words in SOURCE_WORDS.items() if any(word in lowered for word in words)]
    if len(kinds) > 1:
        return ProcessingActivity.SourceKind.MIXED
    return kinds[0] if kinds else ""
