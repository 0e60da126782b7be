"""Cell values that are safe to open: no formula injection, no characters XLSX cannot hold.

A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` (and some also one that starts
with a tab or carriage return) as a formula; an exported record must never do that (OWASP "CSV
injection"). Spreadsheets also skip leading blanks and invisible characters (NBSP, zero-width space,
BOM) and read full-width and other compatibility forms (＝, ＋, －, ＠) as the plain signs, so the test
looks past those. Such a cell gets a leading apostrophe, and imports take it off again, so a round
trip gives back the text that was exported.

A phone number in international form ("+47 22 33 44 55") starts with a plus but is no formula: it holds
only digits, blanks, dots, hyphens and brackets, so it can neither call a function nor name a cell or
another program. A workbook stores it as a text cell and shows it as written, so it goes out unchanged;
a CSV file has no types, and a spreadsheet would compute it, so there it keeps the apostrophe.

A CSV file may be opened with the other separator (`,` instead of `;`), or by a program that ignores
quoting: then every separator and line break inside a cell starts a field, so the CSV writer also
neutralises each piece of text after one (`segments=True`).
"""

import datetime
import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

# XML 1.0 forbids these control characters, so openpyxl refuses them; tab, LF and CR are allowed.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


# Every character that NFKC folds to a sign that starts a formula (＝, ＋, －, ＠, ﹦, ⁺ …), and every
# blank or format character a spreadsheet may skip before it (Basic Multilingual Plane; the test
# suite checks both lists against unicodedata).
_SIGNS = (
    r"[\u002b\u002d\u003d\u0040\u207a\u207c\u208a\u208c\u2a75-\u2a76\ufb29\ufe62-\ufe63\ufe66\ufe6b"
    r"\uff0b\uff0d\uff1d\uff20]"
)
_INVISIBLE = (
    r"[\u0009-\u000d\u001c-\u0020\u0085\u00a0\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u1680"
    r"\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\ufeff\ufff9-\ufffb]"
)
_RUNS = f"{_INVISIBLE}*{_SIGNS}"
_STARTS_A_FORMULA = re.compile(_RUNS)
_BREAK = "[,;\r\n]"
# After a separator or line break: a piece that would run (CSV only), or one that looks escaped (always).
_RUNNING_PIECE = re.compile(f"(?<={_BREAK})(?={_RUNS}|'(?:'|{_RUNS}))")
_ESCAPED_PIECE = re.compile(f"(?<={_BREAK})(?='(?:'|{_RUNS}))")
_RESTORABLE_PIECE = re.compile(f"(?<={_BREAK})'(?={_RUNS}|'(?:'|{_RUNS}))")
# Text none of the above can touch: no character XML forbids, no apostrophe, and a first character that
# neither starts a formula nor may be skipped before one (nor, with `segments`, a separator or line
# break). Most cells are such text; one match clears them instead of a substitution and three tests.
_ILLEGAL_OR_QUOTE = r"\x00-\x08\x0b\x0c\x0e-\x1f'"
_UNTOUCHED = re.compile(f"(?!{_INVISIBLE}|{_SIGNS})[^{_ILLEGAL_OR_QUOTE}]*")
_PHONE_NUMBER = re.compile(r"\+\d{1,4}(?:[ .-]?\(?\d+\)?)*", re.ASCII)
_UNTOUCHED_PIECES = re.compile(f"(?!{_INVISIBLE}|{_SIGNS})[^{_ILLEGAL_OR_QUOTE},;\r\n]*")


def could_run(text: str) -> bool:
    """Would a spreadsheet take this text for a formula?"""
    return text[:1] in FORMULA_TRIGGERS or _STARTS_A_FORMULA.match(text) is not None


def _is_escaped(text: str) -> bool:
    return text[:1] == QUOTE and (text[1:2] == QUOTE or could_run(text[1:]))


def neutralise(text: str, segments: bool = False) -> str:
    """Prefix an apostrophe to text a spreadsheet could run as a formula (or that restore() would alter);
    with `segments`, also to each piece after a separator or line break."""
    if could_run(text) or _is_escaped(text):
        text = QUOTE + text
    if segments:
        return _RUNNING_PIECE.sub(QUOTE, text)
    return _ESCAPED_PIECE.sub(QUOTE, text) if QUOTE in text else text


def restore(text: str) -> str:
    """Undo neutralise(): the text as it was before export."""
    if QUOTE not in text:
        return text
    text = _RESTORABLE_PIECE.sub("", text)
    return text[1:] if _is_escaped(text) else text


# A tuple built once: `bool | int | ...` written in the test would build a union type on every call.
_KEPT_AS_THEY_ARE = (bool, int, float, datetime.date)


def is_phone_number(text: str) -> bool:
    """A plus, then 7 to 15 digits (E.164) in groups: harmless in a typed cell, see the module's docstring."""
    return _PHONE_NUMBER.fullmatch(text) is not None and 7 <= sum(c in "0123456789" for c in text) <= 15


def safe_cell(value, segments: bool = False, text_cell: bool = False):
    """A value ready for any export: text neutralised and cleaned; dates and numbers kept as they are.

    `text_cell`: the value goes into a workbook's cell typed as text, where a phone number is kept as written."""
    if value is None or isinstance(value, _KEPT_AS_THEY_ARE):
        return value
    text = str(value)
    if (_UNTOUCHED_PIECES if segments else _UNTOUCHED).fullmatch(text):
        return text
    if text_cell and is_phone_number(text):
        return text
    return neutralise(ILLEGAL_CHARACTERS.sub(REPLACEMENT, text), segments)
