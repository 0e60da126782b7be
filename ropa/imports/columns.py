"""Recognising a sheet by its headings: ours in any language, or those of the templates people keep."""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from ropa.exports.layouts import HEADINGS, SHEET_TITLES, SHEETS, TEMPLATE_HEADINGS
from ropa.imports.headings import ACTIVITY_SYNONYMS
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

    def has(self, column: str) -> bool:
        return any(match.key == column for match in self.columns.values())

    def column(self, column: str) -> ColumnMatch | None:
        return next((match for match in self.columns.values() if match.key == column), None)

    def values(self, cells: list) -> dict[str, object]:
        """A data row as {column key: raw cell value}, for the columns this sheet has."""
        return {match.key: cells[index] if index < len(cells) else None for index, match in self.columns.items()}


def _match_row(kind: str, cells: list) -> dict[int, tuple[str, str | None]]:
    matches: dict[int, tuple[str, str | None]] = {}
    taken = set()
    for position, cell in enumerate(cells):
        heading = text(cell)
        if not heading:
            continue
        target = match_heading(kind, heading)
        if target and target[0] not in taken:
            matches[position] = target
            taken.add(target[0])
    return matches


def recognise(sheet: RawSheet) -> MatchedSheet | None:
    """The best reading of `sheet` as one of our sheet kinds, or None when too few headings match."""
    best = None
    best_score = (1, False)
    title_kind = TITLES.get(normalise(sheet.title))
    for number, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
        for kind in SHEETS:
            matches = _match_row(kind, cells)
            score = (len(matches), kind == title_kind)
            if score > best_score:
                best_score = score
                best = (kind, number, cells, matches)
    if best is None:
        return None
    kind, number, cells, matches = best
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
    )
