"""Plain text from templates: e-mails and letter drafts are text, never HTML.

`render_to_string` returns a SafeString, which Django prints unescaped into an HTML page. A letter that quotes
what a requester typed (a name like `</textarea><meta http-equiv="refresh" …>`) would then run in the admin
(issue 16.1). Text templates render with autoescape off, so the result is returned as a plain `str`: an HTML
page that shows it escapes it like any other value.
"""

import re

from django.template.loader import render_to_string
from django.utils.translation import get_language

# "Art. 17(3)(b)", "Art. 15(1)–(3)", "Arts. 12(4), 77 and 79": how the admin cites the Regulation, in English.
_CITATION = re.compile(
    r"\b(?P<many>Arts?)\.\s*(?P<article>\d+)(?:\((?P<paragraph>\d+)\))?(?:\((?P<point>[a-z])\))?"
    r"(?:–\((?P<last>\d+)\))?"
)


def _norwegian(match: re.Match) -> str:
    # Lovdata's way: "artikkel 17 nr. 3 bokstav b", shortened as Norwegian letters write it, "art. 17 nr. 3 bokstav b".
    cited = f"art. {match['article']}"
    if match["paragraph"]:
        cited += f" nr. {match['paragraph']}" + (f"–{match['last']}" if match["last"] else "")
    if match["point"]:
        cited += f" bokstav {match['point']}"
    return cited


def _swedish(match: re.Match) -> str:
    # As Swedish authorities write it: "artikel 17.3 b", "artiklarna 12.4, 77 och 79".
    cited = ("artiklarna " if match["many"] == "Arts" else "artikel ") + match["article"]
    if match["paragraph"]:
        cited += f".{match['paragraph']}" + (f"–{match['last']}" if match["last"] else "")
    if match["point"]:
        cited += f" {match['point']}"
    return cited


CITATION_STYLES = {"nb": _norwegian, "sv": _swedish}


def cite_articles(text: str, language: str | None = None) -> str:
    """`text` with its citations of the Regulation written as a reader in `language` (default: the active one)
    expects them. The admin keeps the compact English form; what reaches a requester or the authority is a letter
    in her language."""
    style = CITATION_STYLES.get((language or get_language() or "")[:2])
    if not style:
        return text

    def cite(match: re.Match) -> str:
        cited = style(match)
        before = match.string[:match.start()].rstrip(" ")
        starts_sentence = not before or before.endswith(("\n", ".", "!", "?", "- "))
        return cited[0].upper() + cited[1:] if starts_sentence else cited

    return _CITATION.sub(cite, text)


def render_text(template_name: str, context: dict) -> str:
    """The rendered template as a plain (unsafe) str, so HTML pages escape it; paragraphs one blank line apart;
    citations of the Regulation in the active language's form (`cite_articles()`)."""
    return cite_articles(re.sub(r"\n{3,}", "\n\n", render_to_string(template_name, context)))
