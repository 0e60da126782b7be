"""The record's words for data subjects in the notice's language: as written, or as the officer translated them.

Art. 12(1): the notice must be intelligible, so one page is never half one language and half another. A text the
officer has not translated into the notice's language is noted as missing, and a notice with anything missing is
not offered (nor publishable) in that language. Proper names (processors, organisations, laws) stay as written.
"""

from ropa.models import Organisation, Vocabulary, WordingTranslation


class Wording:
    """Says each public text in `language`; what it cannot say is kept in `missing`, each text once."""

    def __init__(self, organisation: Organisation, language: str) -> None:
        self.language = language
        self.record_language = organisation.record_language
        self.catalogue: dict[str, str] = {}
        if language != self.record_language and organisation.pk:
            rows = WordingTranslation.objects.filter(organisation=organisation, language=language).order_by("pk")
            self.catalogue = {row.original: row.translation for row in rows if row.translation.strip()}
        self.missing: list[str] = []  # the record's texts with no translation into `language`
        self.missing_labels: list[str] = []  # vocabulary entries with no name in `language`

    def say(self, text: str) -> str:
        text = text.strip()
        if not text or self.language == self.record_language:
            return text
        if text in self.catalogue:
            return self.catalogue[text]
        self._miss(text)
        return text

    def label(self, entry: Vocabulary) -> str:
        """A vocabulary entry's name in the notice's language; the English name is the fallback nowhere else."""
        name = entry.name if self.language == "en" else getattr(entry, f"name_{self.language}", "")
        if name:
            return name
        if entry.name not in self.missing_labels:
            self.missing_labels.append(entry.name)
        return entry.name

    @property
    def is_complete(self) -> bool:
        return not self.missing and not self.missing_labels

    def _miss(self, text: str) -> None:
        if text not in self.missing:
            self.missing.append(text)
