"""Cell values that are safe to open: no formula injection, no characters XLSX cannot hold.

A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` (and some also one that starts
with a tab or carriage return) as a formula; an exported record must never do that (OWASP "CSV
injection"). Such a cell gets a leading apostrophe, and imports take it off again, so a round trip
gives back the text that was exported.
"""

import datetime
import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

# XML 1.0 forbids these control characters, so openpyxl refuses them; tab, LF and CR are allowed.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


def _is_escaped(text: str) -> bool:
    return text[:1] == QUOTE and text[1:2] in (*FORMULA_TRIGGERS, QUOTE)


def neutralise(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet could run as a formula (or that restore() would alter)."""
    if text[:1] in FORMULA_TRIGGERS or _is_escaped(text):
        return QUOTE + text
    return text


def restore(text: str) -> str:
    """Undo neutralise(): the text as it was before export."""
    return text[1:] if _is_escaped(text) else text


def safe_cell(value):
    """A value ready for any export: text neutralised and cleaned; dates and numbers kept as they are."""
    if value is None or isinstance(value, bool | int | float | datetime.date):
        return value
    text = ILLEGAL_CHARACTERS.sub(REPLACEMENT, str(value))
    return neutralise(text)
