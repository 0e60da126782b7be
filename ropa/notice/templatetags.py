"""Markdown for the privacy notice download: the record's text shown as written, never read as markup."""

import re

from django import template

register = template.Library()

# What CommonMark (and GitHub's tables and strikethrough) reads as markup inside a line; a backslash makes it
# literal, so a name with HTML or a link in it is shown, not run, by the CMS it is pasted into.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# What starts a heading, list, quote or numbered item when a value begins a line.
_BLOCK_START = re.compile(r"^([#+\-=])")
_NUMBERED = re.compile(r"^(\d+)([.)])")


@register.filter
def md(value) -> str:
    """One line of literal text: whitespace folded, & kept from starting an entity, markup escaped."""
    text = " ".join(str(value).split()).replace("&", "&amp;")
    text = _INLINE.sub(r"\\\1", text)
    text = _BLOCK_START.sub(r"\\\1", text)
    return _NUMBERED.sub(r"\1\\\2", text)
