"""Markdown for the privacy notice download: the record's text shown as written, never read as markup."""

import re

from django import template

register = template.Library()

# Characters Markdown (CommonMark) gives a meaning; a backslash makes each literal. < and & become entities,
# so a name with HTML in it is shown, not run, by the CMS it is pasted into.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


@register.filter
def md(value) -> str:
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())
