"""Plain text from templates: e-mails and letter drafts are text, never HTML.

`render_to_string` returns a SafeString, which Django prints unescaped into an HTML page. A letter that quotes
what a requester typed (a name like `</textarea><meta http-equiv="refresh" …>`) would then run in the admin
(issue 16.1). Text templates render with autoescape off, so the result is returned as a plain `str`: an HTML
page that shows it escapes it like any other value.
"""

import re

from django.template.loader import render_to_string


def render_text(template_name: str, context: dict) -> str:
    """The rendered template as a plain (unsafe) str, so HTML pages escape it; paragraphs one blank line apart."""
    return re.sub(r"\n{3,}", "\n\n", render_to_string(template_name, context))
