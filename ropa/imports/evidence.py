"""Columns whose heading we do not know, read by what they hold and what their heading asks.

Synonym lists always miss the next sheet ("Hva bruker vi opplysningene til?", "Sendes det ut av EU/EØS?"), so a
heading we do not recognise is no dead end: its values are evidence (a column of "b) avtale" is the legal basis,
"5 år etter …" is retention, "Nei" / "Ja – USA" under a heading about the EU is transfers, names of categories the
record knows are that vocabulary's column) and so are the everyday words of its heading. Each guess carries the
reason the dry run shows; the officer can map any column by hand (`--map "HEADING=field"`).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ropa.imports.bases import read_bases
from ropa.imports.free_text import read_retention, read_transfer_cell
from ropa.imports.special import special_kind
from ropa.imports.values import key, split_lines, stem, text, yes_no_unknown

SAMPLE_ROWS = 200  # enough values to judge a column by; a 50,000-row sheet costs no more

# Everyday words of a heading, per field, in nb, nn, sv, da and en (matched inside the folded heading): mostly
# questions, since a noun ("Databehandleravtale", "Antall registrerte") only looks like one of our columns.
HEADING_WORDS: dict[str, tuple[str, ...]] = {
    "purposes": (
        "bruker vi", "brukes til", "brukar vi", "formål", "føremål", "hva skal", "til hva", "hvorfor", "kvifor",
        "används", "använder vi", "varför", "ändamål", "syfte", "bruger vi", "bruges til", "hvad bruger",
        "hvorfor", "purpose", "used for", "use it for", "use the data for", "why do we",
    ),
    "legal_bases": (
        "lov til", "lovlig", "grunnlag", "hjemmel", "lov att", "rättslig grund", "laglig", "grundlag", "lov til at",
        "lawful", "legal basis", "allowed to",
    ),
    "retention": (
        "hvor lenge", "kor lenge", "lagre", "lagrer", "oppbevar", "slett", "tar vi vare", "ta vare", "hur länge",
        "spara", "sparar", "gallr", "radera", "hvor længe", "gemme", "gemmer", "opbevar", "slet", "how long",
        "keep", "kept", "delete", "retention", "erase",
    ),
    "transfers": (
        "eu/eøs", "eu eøs", "eøs", "eea", "eu/ees", "ees", "utenfor eu", "ut av eu", "utanfor eu", "utanför eu",
        "uden for eu", "outside the eu", "outside eu", "tredjeland", "third countr", "utlandet", "abroad",
        "udlandet", "overfør", "överför", "transfer",
    ),
    "dpia_required": (
        "personvernkonsekvens", "konsekvensvurder", "konsekvensbedöm", "konsekvensanalyse", "dpia",
        "impact assessment", "vurdert risiko", "risikovurder", "riskbedöm", "risikovurder",
    ),
    "data_subjects": (
        "om hvem", "hvem gjelder", "kven gjeld", "hvem handler", "hvem er", "vilka gäller", "om vem", "vilka personer",
        "hvem drejer", "whose data", "about whom", "who is it about",
    ),
    "personal_data": (
        "hvilke opplysninger", "hva lagrer vi", "hva samler vi", "kva opplysningar", "vilka uppgifter",
        "vilka personuppgifter", "vad sparar vi", "hvilke oplysninger", "hvad gemmer vi", "what data",
        "what information", "which data", "what personal data",
    ),
    "recipients": (
        "hvem får", "hvem deler", "deler vi", "kven får", "vem får", "delar vi", "lämnas ut", "hvem modtager",
        "videregive", "who receives", "who gets", "shared with", "share it with",
    ),
    "security": (
        "sikrer vi", "beskytter vi", "sikring", "sikkerhet", "tryggleik", "skyddar vi", "säkerhet", "beskytter",
        "sikkerhed", "protect", "secure", "security",
    ),
    "systems": ("hvilket system", "hvilke system", "verktøy", "vilket system", "verktyg", "hvilket system",
                "værktøj", "which system", "what system", "software", "tools"),
    "source": ("hvor kommer", "hvor får vi", "varifrån", "var får vi", "hvor kommer", "hvor får vi",
               "where does", "where do we get", "kilde", "källa"),
    "description": ("beskriv", "hva gjør vi", "vad gör vi", "hvad gør vi", "what do we do", "describ"),
    "name": ("hva heter", "aktivitet", "vad heter", "hvad hedder", "activity"),
}


@dataclass
class Inference:
    """A column taken for a field, and why (shown in the dry run)."""

    position: int
    key: str
    reason: str


def heading_field(heading: str) -> str | None:
    """The field a heading's everyday words name, when they name exactly one."""
    folded = key(re.sub(r"[?!.:]", " ", heading))
    found = {field for field, words in HEADING_WORDS.items() if any(word in folded for word in words)}
    # "Hvem får opplysningene, og sendes de ut av EU?" names two; only a heading naming one decides.
    return found.pop() if len(found) == 1 else None


class VocabularyNames:
    """The record's vocabulary names (in every language, and their stems), to recognise a column by its values."""

    def __init__(self, names: dict[str, set[str]]):
        self.names = names  # column key -> folded names and stems

    @classmethod
    def from_record(cls) -> "VocabularyNames":
        from ropa.models import DataSubjectCategory, PersonalDataCategory, RecipientCategory, SecurityMeasure

        names: dict[str, set[str]] = {}
        for column, model in (("data_subjects", DataSubjectCategory), ("personal_data", PersonalDataCategory),
                              ("recipients", RecipientCategory), ("security", SecurityMeasure)):
            found = names[column] = set()
            for row in model.objects.values_list("name", "name_nb", "name_sv"):
                for name in filter(None, row):
                    found.update({key(name), stem(name)})
        return cls(names)

    def column_of(self, piece: str) -> str | None:
        matches = [column for column, names in self.names.items() if key(piece) in names or stem(piece) in names]
        return matches[0] if len(matches) == 1 else None


_COMMAS = re.compile(r",(?![^()]*\))")  # commas outside brackets: "Navn, Kontaktopplysninger (e-post, telefon)"


def _share(values: list[str], test) -> int:
    return sum(1 for value in values if test(value))


def _is_legal_basis(value: str) -> bool:
    found = read_bases(value, None)
    return bool(found.article6 or found.article9 or found.article10) and not found.unread


def _is_retention(value: str) -> bool:
    rule = read_retention(value)
    return rule.duration is not None or bool(getattr(rule, "_event_only", False))


def _is_answer(value: str) -> bool:
    return yes_no_unknown(value) is not None and len(value) <= 40


def _is_name(value: str) -> bool:
    return len(value) <= 60 and len(value.split()) <= 6 and not re.search(r"[.!?]\s*$|^\*", value)


def value_evidence(values: list[str], heading: str, first_column: bool,
                   vocabulary: VocabularyNames) -> list[tuple[str, int, str]]:
    """(field, weight, reason) for what a column's values show it to be."""
    if not values:
        return []
    total = len(values)
    majority = (total + 1) // 2 if total > 1 else 1
    found: list[tuple[str, int, str]] = []

    def counted(test, what: str) -> str | None:
        """"3 of 4 values name a legal basis (“b) avtale”)" when most values pass `test`, else None."""
        passing = [value for value in values if test(value)]
        if len(passing) < majority:
            return None
        return _("%(count)s of %(total)s values %(what)s (“%(example)s”)") % {
            "count": len(passing), "total": total, "what": what, "example": passing[0],
        }

    if reason := counted(_is_legal_basis, _("name a legal basis")):
        found.append(("legal_bases", 3, reason))
    if reason := counted(_is_retention, _("give a retention period")):
        found.append(("retention", 3, reason))
    cells = {value: read_transfer_cell(value) for value in values}
    if all(cell.answer is not None for cell in cells.values()):
        abroad = [value for value, cell in cells.items() if cell.destinations]
        field = heading_field(heading)
        if abroad:
            found.append(("transfers", 3, _("%(count)s of %(total)s values name a country (“%(example)s”)") % {
                "count": sum(1 for value in values if cells[value].destinations), "total": total,
                "example": abroad[0],
            }))
        elif field in ("transfers", "dpia_required") and (reason := counted(_is_answer, _("are yes or no"))):
            found.append((field, 2, reason))
    pieces = [piece.strip() for value in values for line in split_lines(value) for piece in _COMMAS.split(line)]
    pieces = [piece for piece in pieces if piece]
    by_vocabulary: dict[str, list[str]] = {}
    for piece in pieces:
        column = vocabulary.column_of(piece) or ("personal_data" if special_kind(piece) else None)
        if column:
            by_vocabulary.setdefault(column, []).append(piece)
    for column, known in by_vocabulary.items():
        if len(known) * 2 >= len(pieces):
            found.append((column, 3, _("%(count)s of %(total)s entries are the record's %(kind)s (“%(example)s”)") % {
                "count": len(known), "total": len(pieces), "kind": _vocabulary_kind(column), "example": known[0],
            }))
    example = values[0]
    if first_column and _share(values, _is_name) == total and len(set(map(key, values))) == total and not found:
        found.append(("name", 2, _("the first column holds short, distinct names (“%(example)s”)") % {
            "example": example,
        }))
    return found


def _vocabulary_kind(column: str) -> str:
    return {
        "data_subjects": _("categories of data subjects"), "personal_data": _("categories of personal data"),
        "recipients": _("categories of recipients"), "security": _("security measures"),
    }[column]


def infer_columns(headings: dict[int, str], rows: list[tuple[int, list]], taken: set[str],
                  vocabulary: VocabularyNames, first_position: int) -> list[Inference]:
    """The fields the unrecognised columns hold, one field per column and one column per field."""
    candidates: list[tuple[int, int, str, str]] = []  # (weight, position, field, reason)
    sample = rows[:SAMPLE_ROWS]
    for position, heading in headings.items():
        values = [text(cells[position]) for _number, cells in sample if position < len(cells)]
        values = [value for value in values if value]
        weights: dict[str, tuple[int, list[str]]] = {}
        for field, weight, reason in value_evidence(values, heading, position == first_position, vocabulary):
            total, reasons = weights.get(field, (0, []))
            weights[field] = (total + weight, [*reasons, reason])
        if (field := heading_field(heading)) is not None:
            total, reasons = weights.get(field, (0, []))
            worded = _("its heading's words (“%(heading)s”) ask for it") % {"heading": heading}
            weights[field] = (total + 2, [*reasons, worded])
        for field, (weight, reasons) in weights.items():
            candidates.append((weight, -position, field, "; ".join(reasons)))
    chosen: list[Inference] = []
    used_positions: set[int] = set()
    for _weight, negative, field, reason in sorted(candidates, reverse=True):
        position = -negative
        if field in taken or position in used_positions:
            continue
        taken.add(field)
        used_positions.add(position)
        chosen.append(Inference(position, field, reason))
    return sorted(chosen, key=lambda inference: inference.position)
