"""Recognising a sheet by its headings: ours in any language, or those of the templates people keep."""

import functools
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from openpyxl.utils import column_index_from_string, get_column_letter

from ropa.exports.layouts import HEADINGS, SHEET_TITLES, SHEETS, TEMPLATE_HEADINGS
from ropa.imports.evidence import VocabularyNames, infer_columns
from ropa.imports.headings import (
    ACTIVITY_SYNONYMS,
    COOKIE_NAME_HEADINGS,
    COOKIE_SYNONYMS,
    COOKIE_TITLE_WORDS,
)
from ropa.imports.readers import RawSheet
from ropa.imports.values import key, stem, text

HEADER_SEARCH_ROWS = 15  # a template may have a title block above its heading row


def normalise(heading: str) -> str:
    """A heading as compared: case-folded, punctuation and dashes as spaces, runs of whitespace as one."""
    kept = "".join(
        " " if unicodedata.category(char)[0] in "PSZC" and char not in "()" else char for char in heading
    )
    return key(kept)


def _without_brackets(heading: str) -> str:
    return normalise(re.sub(r"\([^)]*\)", " ", heading))


def heading_key(heading: str) -> str:
    """normalise(), then each word without its simple plural or definite ending: "Databehandler" is "Databehandlere"."""
    return " ".join(stem(word) for word in normalise(heading).split())


def _index() -> dict[str, dict[str, tuple[str, str | None]]]:
    """For each sheet kind: normalised heading -> (column key, language of our layout or None)."""
    index: dict[str, dict[str, tuple[str, str | None]]] = {kind: {} for kind in SHEETS}
    for language, sheets in HEADINGS.items():
        for kind, names in sheets.items():
            for column, heading in names.items():
                index[kind].setdefault(normalise(heading), (column, language))
    for kind, columns in (*TEMPLATE_HEADINGS.items(), ("activities", ACTIVITY_SYNONYMS)):
        for column, aliases in columns.items():
            for alias in aliases:
                index[kind].setdefault(normalise(alias), (column, None))
    # Bracketed parts ("(Art. 6)", "(if applicable)") may be left out or differ.
    for kind in SHEETS:
        for heading, target in list(index[kind].items()):
            index[kind].setdefault(_without_brackets(heading), target)
    return index


INDEX = _index()
STEMMED = {kind: {heading_key(heading): target for heading, target in reversed(headings.items())}
           for kind, headings in INDEX.items()}
TITLES = {normalise(title): kind for titles in SHEET_TITLES.values() for kind, title in titles.items()}

# "Rettslig grunnlag art. 6", "Behandlingsgrunnlag etter artikkel 9", "Lawful basis (Article 6(1))": a heading of
# legal bases narrowed to one article is that article's column.
_ARTICLE_REFERENCE = re.compile(
    r"(?:\b(?:etter|iht|i henhold til|jf|jfr|ifølge|enligt|efter|i medfør af|under|according to|pursuant to|"
    r"per|selon)\.?\s+)?\b(?:gdpr\s+|personvernforordningen\s+|dataskyddsförordningen\s+)?"
    r"(?:art(?:ikkel|ikel|icle)?\.?)\s*(6|9|10)\b(?:\s*(?:\(\s*\d\s*\)|nr\.?\s*\d|\.\d))?",
    re.IGNORECASE,
)
# "artikkel 9/10", "Art. 9 og 10", "art. 9 and art. 10": one column for both Art. 9 conditions and Art. 10 bases.
_NINE_AND_TEN = re.compile(
    r"\b9\s*(?:/|&|\+|,|\bog\b|\band\b|\boch\b|\bou\b|\bet\b|\beller\b|\bor\b)\s*"
    r"(?:art(?:ikkel|ikel|icle)?\.?\s*)?10\b",
    re.IGNORECASE,
)
# Words for "condition" or "basis" that, with an article number, name that article's column.
_BASIS_WORDS = {
    heading_key(word) for word in (
        "Grunnlag", "Grunnlaget", "Grund", "Grundlag", "Unntak", "Vilkår", "Villkor", "Undantag", "Undtagelse",
        "Betingelse", "Condition", "Basis", "Base légale", "Hjemmel", "Unntak fra forbudet",
    )
}
_PARTS = re.compile(r"\s*(?:/|&|\+|\bog\b|\band\b|\boch\b|\beller\b|\bor\b)\s*", re.IGNORECASE)
ARTICLES_9_AND_10 = "article9_10"


def match_heading(kind: str, heading: str) -> tuple[str, str | None] | None:
    """The column a heading names, by meaning: as written, in another number, narrowed to an article, or as
    two names for the same thing ("Lagringstid/sletting"). A heading that could mean two columns names none.
    """
    found = _match_whole(kind, heading)
    if found is not None or kind != "activities":
        return found
    parts = [part for part in _PARTS.split(heading) if normalise(part)]
    if len(parts) < 2:
        return None
    targets = [_match_whole(kind, part) for part in parts]
    keys = {target[0] for target in targets if target}
    if None in targets:
        return None
    if keys == {"article9", "article10"}:
        return ARTICLES_9_AND_10, None
    return targets[0] if len(keys) == 1 else None


def _match_whole(kind: str, heading: str) -> tuple[str, str | None] | None:
    for variant in (heading, re.sub(r"\([^)]*\)", " ", heading)):
        found = INDEX[kind].get(normalise(variant)) or STEMMED[kind].get(heading_key(variant))
        if found is not None:
            return found
    if kind == "activities":
        return _article_heading(heading)
    return None


def _article_heading(heading: str) -> tuple[str, str | None] | None:
    """"Behandlingsgrunnlag art. 9" is the Art. 9 column; "Art. 9/10" the column of both (Arts. 6, 9, 10)."""
    if _NINE_AND_TEN.search(heading):
        nine = _match_whole("activities", _NINE_AND_TEN.sub("9", heading, count=1))
        ten = _match_whole("activities", _NINE_AND_TEN.sub("10", heading, count=1))
        if nine and ten and (nine[0], ten[0]) == ("article9", "article10"):
            return ARTICLES_9_AND_10, None
        return None
    references = list(_ARTICLE_REFERENCE.finditer(heading))
    if len(references) != 1:
        return None
    article = f"article{references[0].group(1)}"
    rest = heading_key(_ARTICLE_REFERENCE.sub(" ", heading).replace("(", " ").replace(")", " "))
    if rest and rest not in _BASIS_WORDS and STEMMED["activities"].get(rest, ("",))[0] not in ("legal_bases", article):
        return None
    return article, None


@dataclass
class ColumnMatch:
    key: str
    heading: str
    letter: str

    def __str__(self) -> str:
        return f"{self.heading} ({self.letter})"


@dataclass
class MatchedSheet:
    """A sheet recognised as one of ours: its kind, its columns by key, and its data rows."""

    kind: str
    title: str
    header_row: int
    columns: dict[int, ColumnMatch]
    rows: list[tuple[int, list]]
    language: str | None = None
    ignored: list[ColumnMatch] = field(default_factory=list)
    title_rows: list[tuple[int, list]] = field(default_factory=list)
    # How columns the synonyms did not name were read: (column, reason) by their values and heading, or mapped by
    # the officer now ("--map") or at an earlier import of the same layout.
    inferred: list[tuple[ColumnMatch, str]] = field(default_factory=list)
    mapped: list[tuple[ColumnMatch, bool]] = field(default_factory=list)  # (column, remembered)
    layout: str = ""  # the heading row's key, to remember a mapping by
    written_in: str | None = None  # nb, sv, da or en, guessed from the headings and title rows
    headings: list[str] = field(default_factory=list)

    @property
    def words_language(self) -> str | None:
        """The language new vocabulary is stored in: our export's, else the one the sheet's words are written in
        (one heading that is also ours, "Behandling", does not make a Norwegian sheet Swedish)."""
        if self.language and not (self.inferred or self.mapped or self.ignored or self.title_rows):
            return self.language
        return self.written_in or self.language

    def has(self, column: str) -> bool:
        return any(match.key == column for match in self.columns.values())

    def column(self, column: str) -> ColumnMatch | None:
        return next((match for match in self.columns.values() if match.key == column), None)

    def values(self, cells: list) -> dict[str, object]:
        """A data row as {column key: raw cell value}, for the columns this sheet has."""
        return {match.key: cells[index] if index < len(cells) else None for index, match in self.columns.items()}


def _match_row(kind: str, cells: list, mapping: dict[str, str] | None = None) -> dict[int, tuple[str, str | None]]:
    matches: dict[int, tuple[str, str | None]] = {}
    taken = set(mapping.values()) if kind == "activities" and mapping else set()
    for position, cell in enumerate(cells):
        heading = text(cell)
        if not heading:
            continue
        if kind == "activities" and mapping and normalise(heading) in mapping:
            matches[position] = (mapping[normalise(heading)], None)
            continue
        target = match_heading(kind, heading)
        if target and target[0] not in taken:
            matches[position] = target
            taken.add(target[0])
    return matches


ACTIVITY_FIELDS = frozenset(target[0] for target in INDEX["activities"].values()) | {ARTICLES_9_AND_10}


def field_named(value: str) -> str | None:
    """The activities column a user names in "--map HEADING=field": by its key ("purposes") or any heading we know
    for it ("Formål", "Lagringstid")."""
    written = value.strip()
    if written in ACTIVITY_FIELDS:
        return written
    found = match_heading("activities", written)
    return found[0] if found else None


def layout_of(cells: list) -> str:
    """A heading row's key: its headings, folded, in order. The same layout is the same key at the next import."""
    headings = "|".join(normalise(text(cell)) for cell in cells)
    return hashlib.sha256(headings.encode()).hexdigest()[:40]


@dataclass
class Reading:
    """What recognising a sheet may use besides its headings: the officer's mapping of headings to fields (now,
    and remembered by layout), and the record's vocabulary to read values by (loaded only when needed)."""

    mapping: dict[str, str] = field(default_factory=dict)  # normalised heading -> column key
    remembered: dict[str, dict[str, str]] = field(default_factory=dict)  # layout -> {normalised heading: key}
    load_vocabulary: Callable[[], VocabularyNames] = VocabularyNames.from_record
    _vocabulary: VocabularyNames | None = None

    @property
    def vocabulary(self) -> VocabularyNames:
        if self._vocabulary is None:
            self._vocabulary = self.load_vocabulary()
        return self._vocabulary


def _our_other_sheet(sheet: RawSheet) -> bool:
    """A sheet our export writes beside the record (the breach register, the cookie register), by its title or
    its heading row: importing our own export leaves it out, rather than read its columns by their values."""
    from ropa.exports import breaches, cookies

    titles = {normalise(title) for module in (breaches, cookies) for title in module.TITLES.values()}
    if normalise(sheet.title) in titles:
        return True
    layouts = [
        {normalise(heading) for heading in headings.values()}
        for module in (breaches, cookies) for headings in module.HEADINGS.values()
    ]
    for _number, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
        found = {normalise(text(cell)) for cell in cells if text(cell)}
        if any(layout <= found for layout in layouts):
            return True
    return False


@functools.cache
def _cookie_index() -> dict[str, tuple[str, str | None]]:
    """Normalised heading -> (cookie register column, language of our export's layout or None)."""
    from ropa.exports import cookies

    index: dict[str, tuple[str, str | None]] = {}
    for language, names in cookies.HEADINGS.items():
        for column, heading in names.items():
            index.setdefault(normalise(heading), (column, language))
    for column, aliases in COOKIE_SYNONYMS.items():
        for alias in aliases:
            index.setdefault(normalise(alias), (column, None))
    for heading, target in list(index.items()):
        index.setdefault(_without_brackets(heading), target)
        index.setdefault(heading_key(heading), target)
    return index


_COOKIE_NAMES = {normalise(heading) for heading in COOKIE_NAME_HEADINGS}
# Columns only a cookie declaration has; two of them beside the name make a sheet one.
_COOKIE_COLUMNS = {"category", "lifetime", "party", "host", "kind"}


def _cookie_sheet(sheet: RawSheet) -> MatchedSheet | None:
    """The cookie register (ePrivacy Art. 5(3)): our export's sheet, or a declaration kept by hand, recognised by
    a title such as "Cookies" or a heading that names a cookie, with a name and two columns only cookies have."""
    from ropa.exports import cookies

    index = _cookie_index()
    ours = {normalise(title) for title in cookies.TITLES.values()}
    title = normalise(sheet.title)
    titled = title in ours or any(word in title for word in COOKIE_TITLE_WORDS)
    for number, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
        matches: dict[int, tuple[str, str | None]] = {}
        taken: set[str] = set()
        names_a_cookie = False
        for position, cell in enumerate(cells):
            heading = text(cell)
            if not heading:
                continue
            target = index.get(normalise(heading)) or index.get(_without_brackets(heading)) or index.get(
                heading_key(heading))
            if target and target[0] not in taken:
                matches[position], names_a_cookie = target, names_a_cookie or normalise(heading) in _COOKIE_NAMES
                taken.add(target[0])
        ours_in_full = any(language and sum(1 for t in matches.values() if t[1] == language) == len(cookies.COLUMNS)
                           for language in cookies.HEADINGS)
        if ours_in_full or ("name" in taken and len(taken & _COOKIE_COLUMNS) >= 2 and (titled or names_a_cookie)):
            return _matched(sheet, "cookies", number, cells, matches)
    return None


def recognise(sheet: RawSheet, reading: Reading | None = None) -> MatchedSheet | None:
    """The best reading of `sheet` as one of our sheet kinds, or None when too few headings match.

    An activities table whose headings we do not know is read by its values (ropa.imports.evidence).
    """
    reading = reading or Reading()
    rows = sheet.rows[:HEADER_SEARCH_ROWS]
    if (cookie_register := _cookie_sheet(sheet)) is not None:
        return cookie_register
    if _our_other_sheet(sheet):
        return None
    for number, cells in rows:
        if (remembered := reading.remembered.get(layout_of(cells))) is not None:
            mapping = {**remembered, **reading.mapping}
            return _activities(sheet, number, cells, _match_row("activities", cells, mapping), reading, mapping,
                               remembered)
    best = None
    best_score = (1, False)
    title_kind = TITLES.get(normalise(sheet.title))
    for number, cells in rows:
        for kind in SHEETS:
            matches = _match_row(kind, cells, reading.mapping)
            score = (len(matches), kind == title_kind)
            if score > best_score:
                best_score = score
                best = (kind, number, cells, matches)
    if best is None:
        return _by_values(sheet, reading)
    kind, number, cells, matches = best
    if kind == "activities":
        return _activities(sheet, number, cells, matches, reading, reading.mapping, {})
    return _matched(sheet, kind, number, cells, matches)


def _by_values(sheet: RawSheet, reading: Reading) -> MatchedSheet | None:
    """A table none of whose headings we know: the first row of three headings or more whose columns' values show
    two fields or more is its heading row."""
    for number, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
        headings = [text(cell) for cell in cells if text(cell)]
        if len(headings) < 3 or any(isinstance(cell, (int, float)) for cell in cells):
            continue
        matches = _match_row("activities", cells, reading.mapping)
        found = _activities(sheet, number, cells, matches, reading, reading.mapping, {})
        if len(found.columns) >= 2:
            return found
    return None


def _activities(sheet: RawSheet, number: int, cells: list, matches: dict, reading: Reading,
                mapping: dict[str, str], remembered: dict[str, str]) -> MatchedSheet:
    matched = _matched(sheet, "activities", number, cells, matches)
    for position, target in matches.items():
        heading = normalise(text(cells[position]))
        if heading in mapping and mapping[heading] == target[0]:
            was_remembered = heading not in reading.mapping and heading in remembered
            matched.mapped.append((matched.columns[position], was_remembered))
    unknown = {
        position: text(cell) for position, cell in enumerate(cells) if text(cell) and position not in matches
    }
    if unknown:
        first = next(position for position, cell in enumerate(cells) if text(cell))
        taken = {target[0] for target in matches.values()}
        for inference in infer_columns(unknown, matched.rows, taken, reading.vocabulary, first):
            column = ColumnMatch(inference.key, unknown[inference.position], get_column_letter(inference.position + 1))
            matched.columns[inference.position] = column
            matched.inferred.append((column, inference.reason))
        matched.ignored = [column for column in matched.ignored if column_index(column) not in matched.columns]
    return matched


def column_index(column: ColumnMatch) -> int:
    return column_index_from_string(column.letter) - 1


def _matched(sheet: RawSheet, kind: str, number: int, cells: list, matches: dict) -> MatchedSheet:
    columns = {
        position: ColumnMatch(target[0], text(cells[position]), get_column_letter(position + 1))
        for position, target in matches.items()
    }
    languages = Counter(target[1] for target in matches.values() if target[1])
    ignored = [
        ColumnMatch("", text(cell), get_column_letter(position + 1))
        for position, cell in enumerate(cells) if text(cell) and position not in matches
    ]
    return MatchedSheet(
        kind=kind,
        title=sheet.title,
        header_row=number,
        columns=columns,
        rows=[(row_number, values) for row_number, values in sheet.rows if row_number > number],
        language=languages.most_common(1)[0][0] if languages else None,
        ignored=ignored,
        title_rows=[(row_number, values) for row_number, values in sheet.rows if row_number < number],
        layout=layout_of(cells),
        headings=[text(cell) for cell in cells],
        written_in=written_language([text(cell) for _n, row in sheet.rows[:number + 3] for cell in row]),
    )


# Words and letters that tell nb, sv, da and en apart in headings and title rows.
_LANGUAGE_MARKS = {
    "sv": ("ä", "ö", " och ", "uppgift", "vilka", "används", "hur ", "för ", "personuppgift", "gallr", "ändamål",
           "mottagare", "registrerade"),
    "da": (" af ", "oplysning", "hvad ", "hvor længe", "gemme", "modtage", "registrerede", "formålet med", "ophør",
           "sletning", "behandlingen af"),
    "nb": ("opplysning", " av ", "hva ", "hvor lenge", "bruker", "mottak", "sletting", "registrerte", "lagring",
           "behandlingsgrunnlag", "oppbevar"),
    "en": (" the ", "what ", "how long", "personal data", "purpose", "recipient", "retention", "who "),
}


def written_language(texts: list[str]) -> str | None:
    """The language most of the sheet's headings and title rows are written in, or None when they do not say."""
    joined = f" {' '.join(texts).casefold()} "
    scores = {language: sum(joined.count(mark) for mark in marks) for language, marks in _LANGUAGE_MARKS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] else None
