"""Data categories that name special-category (Art. 9(1)) or criminal-offence (Art. 10) data, as people write them.

"Allergier" on a bakery's order list is health data (Art. 4(15), Art. 9(1)); imported as an ordinary category it
would let the activity look complete with no Art. 9(2) condition. Each word below leads to the seeded category of
its kind (ropa/migrations/0002_seed_vocabularies.py), in nb, nn, sv, da and en. A stem is matched at the start of
any word of the value, so compounds count ("sykefraværsoppfølging", "matallergier" through "allergi").
"""

import re

# English name of the seeded category -> word stems that name it.
SPECIAL_WORDS: dict[str, tuple[str, ...]] = {
    "Health data": (
        "helse", "allergi", "matallergi", "sykefravær", "sjukefråvær", "sykmeld", "sjukmeld", "diagnose", "diagnos",
        "sykdom", "sjukdom", "legeerklæring", "funksjonsnedsett", "uføre", "hälsa", "hälso", "sjukfrånvaro",
        "sjukskriv", "läkarintyg", "funktionsnedsätt", "sundhed", "helbred", "sygefravær", "sygemeld", "sygdom",
        "lægeerklæring", "handicap", "health", "allerg", "sick leave", "sickness", "medical", "illness", "disabilit",
        "intoleran",
    ),
    "Racial or ethnic origin": ("etnisk", "etnisitet", "etnicitet", "rasemessig", "ethnic", "racial"),
    "Political opinions": ("politisk", "politiska", "politiske", "political"),
    "Religious or philosophical beliefs": (
        "religion", "religiøs", "religiös", "livssyn", "trosretning", "trossamfunn", "livsåskådning", "trosuppfattning",
        "livsanskuelse", "trosretning", "religious", "philosophical belief",
    ),
    "Trade union membership": (
        "fagforening", "fagforeining", "fagorganiser", "fackförening", "fackligt", "fackmedlem", "fagforening",
        "trade union", "union membership",
    ),
    "Genetic data": ("genetisk", "genetiska", "genetiske", "genetic", "dna"),
    "Biometric data for identification": (
        "biometri", "fingeravtrykk", "fingeravtryck", "fingeraftryk", "ansiktsgjenkjenn", "ansiktsigenkänn",
        "ansigtsgenkend", "biometric", "fingerprint", "facial recognition",
    ),
    "Sex life or sexual orientation": (
        "seksuell", "seksuel", "sexuell", "sexliv", "sexualliv", "legning", "läggning", "sexual",
    ),
    "Criminal convictions and offences": (
        "straffedom", "straffedøm", "straffesak", "straffeattest", "politiattest", "vandelsattest", "lovbrudd",
        "lovbrot", "lovovertred", "brottmål", "belastningsregist", "lagöverträd", "domar", "straffeattest",
        "strafbar", "straffeforhold", "criminal", "offence", "conviction",
    ),
}
_KIND = {name: ("criminal" if name.startswith("Criminal") else "special") for name in SPECIAL_WORDS}
_PATTERNS = {
    name: re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(word) for word in words) + ")", re.IGNORECASE)
    for name, words in SPECIAL_WORDS.items()
}
_COMPOUND_PATTERNS = {
    name: re.compile("|".join(re.escape(word) for word in words if len(word) >= 6), re.IGNORECASE)
    for name, words in SPECIAL_WORDS.items()
}


def special_category(value: str) -> str | None:
    """The English name of the seeded Art. 9 or Art. 10 category `value` names ("allergier" → "Health data")."""
    for name, pattern in _PATTERNS.items():
        if pattern.search(value) or _COMPOUND_PATTERNS[name].search(value):
            return name
    return None


def special_kind(value: str) -> str | None:
    """"special" (Art. 9) or "criminal" (Art. 10) when `value` names such data, else None."""
    name = special_category(value)
    return _KIND[name] if name else None
