"""Recognising a sheet by its headings: ours in any language, or those of the templates people keep."""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from ropa.exports.layouts import HEADINGS, SHEET_TITLES, SHEETS, TEMPLATE_HEADINGS
from ropa.imports.headings import ACTIVITY_SYNONYMS
from ropa.imports.readers import RawSheet
from ropa.imports.values import key, text

HEADER_SEARCH_ROWS = 15  # a template may have a title block above its heading row


def normalise(heading: str) -> str:
    """A heading as compared: case-folded, punctuation and dashes as spaces, runs of whitespace as one."""
    kept = "".join(
        " " if unicodedata.category(char)[0] in "PSZC" and char not in "()" else char for char in heading
    )
    return key(kept)


def _without_brackets(heading: str) -> str:
    return normalise(re.sub(r"\([^)]*\)", " ", heading))


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
TITLES = {normalise(title): kind for titles in SHEET_TITLES.values() for kind, title in titles.items()}


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
        target = INDEX[kind].get(normalise(heading)) or INDEX[kind].get(_without_brackets(heading))
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
