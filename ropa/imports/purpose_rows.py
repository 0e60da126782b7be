"""Purposes with their legal bases (Art. 30(1)(b), Arts. 6, 9, 10) and retention rules (Art. 30(1)(f)).

Our export has a sheet for each, a row per purpose or rule; a hand-made sheet has them in the
activity's row, one purpose a line, which `_purposes_from_row` reads.
"""

from django.utils.translation import gettext as _

from ropa.imports.activity_rows import PURPOSE_FIELDS, ParsedActivity
from ropa.imports.lookups import Lookups, Origin
from ropa.imports.values import Bases, choice_index, find_bases, key, split_lines, text
from ropa.models import LegalBasis, PersonalDataCategory, Purpose, RetentionRule


class PurposeRows(Lookups):
    def _purposes_from_row(self, origin: Origin, values: dict) -> list[tuple[Purpose, Origin]]:
        """Purposes from a one-row-per-activity sheet: one a line, with bases a line each or one for all.

        Bases are read by article number or label, or as plain words ("samtykke", "Contract"); the ICO's
        separate Art. 6 and Art. 9 columns add to them.
        """
        sheet = origin.sheet
        descriptions = split_lines(values.get("purposes"))
        basis_lines = [line for line in text(values.get("legal_bases")).split("\n") if line.strip()]
        if len(basis_lines) > 1 and len(basis_lines) != len(descriptions):
            self.error(origin, "legal_bases", _(
                "%(purposes)s purposes but %(bases)s lines of legal bases; give one line per purpose, or one for all."
            ) % {"purposes": len(descriptions), "bases": len(basis_lines)})
            return []
        # An error about a basis or its details points at the column that holds it, else at the bases or purposes.
        fallback = "legal_bases" if sheet.has("legal_bases") else "purposes"
        details = ("legal_reference", "balancing_test", "consent_record")
        columns = {"description": "purposes"} | {
            name: name if sheet.has(name) else fallback for name in ("article6", "article9", "article10", *details)
        }
        shared = {name: text(values.get(name)) for name in details}
        purposes = []
        for index, description in enumerate(descriptions):
            line = basis_lines[index] if len(basis_lines) > 1 else next(iter(basis_lines), "")
            bases = find_bases(line, words=True)
            for article in ("article6", "article9", "article10"):
                if sheet.has(article):
                    found = getattr(bases, article)
                    extra = getattr(find_bases(text(values.get(article)), words=article == "article6"), article)
                    found.extend(value for value in extra if value not in found)
            purpose_origin = Origin(sheet, origin.row, columns)
            purposes.append((self._purpose(purpose_origin, description, bases, shared), purpose_origin))
        return purposes

    def _purpose(self, origin: Origin, description: str, bases: Bases, details: dict[str, str]) -> Purpose:
        """A purpose; on a purposes sheet every detail is taken as written, on an activity row only where needed."""
        for article in ("article6", "article9", "article10"):
            if len(getattr(bases, article)) > 1:
                self.error(origin, origin.columns[article], _("One purpose rests on one basis under each article; "
                                                               "split “%(purpose)s” into several purposes.") % {
                    "purpose": description,
                })
        purpose = Purpose(
            description=description,
            article6=(bases.article6 or [""])[0],
            article9=(bases.article9 or [""])[0],
            article10=(bases.article10 or [""])[0],
            legal_reference=details.get("legal_reference", ""),
        )
        verbatim = origin.sheet.kind == "purposes"
        # A balancing test or consent record given for a whole activity row belongs to the purposes that need one.
        if verbatim or purpose.article6 == LegalBasis.Article6.LEGITIMATE_INTERESTS:
            purpose.balancing_test = details.get("balancing_test", "")
        if verbatim or purpose.article6 in LegalBasis.CONSENT_BASES or purpose.article9 in LegalBasis.CONSENT_BASES:
            purpose.consent_record = details.get("consent_record", "")
        return purpose

    def _activity_for(self, origin: Origin, values: dict) -> ParsedActivity | None:
        controller = text(values.get("controller"))
        if not controller:
            default = self.default_controller(origin)
            controller = default.name if default else ""
        name = text(values.get("activity"))
        parsed = self.parsed.get((key(controller), key(name)))
        if parsed is None:
            self.error(origin, "activity", _("No activity “%(name)s” of “%(controller)s” in the activities sheet.") % {
                "name": name, "controller": controller,
            })
        return parsed

    def purpose_row(self, origin: Origin, cells: list) -> None:
        values = origin.sheet.values(cells)
        parsed = self._activity_for(origin, values)
        if parsed is None:
            return
        origin.columns = {"description": "purpose", **{f: f for f in PURPOSE_FIELDS if f != "description"}}
        bases = Bases()
        for article, choices in (("article6", LegalBasis.Article6), ("article9", LegalBasis.Article9),
                                 ("article10", LegalBasis.Article10)):
            raw = text(values.get(article))
            if not raw:
                continue
            value = choice_index(choices).find(raw)
            found = [value] if value else getattr(find_bases(raw, words=article == "article6"), article)
            if not found:
                self.error(origin, article, _("“%(value)s” is not a legal basis under this article.") % {"value": raw})
            getattr(bases, article).extend(found)
        details = {name: text(values.get(name)) for name in ("legal_reference", "balancing_test", "consent_record")}
        purpose = self._purpose(origin, text(values.get("purpose")), bases, details)
        if parsed.purposes is None:
            parsed.purposes = []
        parsed.purposes.append((purpose, origin))

    def retention_row(self, origin: Origin, cells: list) -> None:
        values = origin.sheet.values(cells)
        parsed = self._activity_for(origin, values)
        if parsed is None:
            return
        origin.columns = {"personal_data_category": "personal_data", "duration": "duration", "unit": "unit",
                          "runs_from": "runs_from", "legal_reference": "legal_reference", "description": "description"}
        rule = RetentionRule(legal_reference=text(values.get("legal_reference")),
                             description=text(values.get("description")))
        category = text(values.get("personal_data"))
        if category:
            found, unknown = self.entries(PersonalDataCategory, category, origin.sheet.language)
            if unknown or len(found) != 1:
                self.error(origin, "personal_data", _("Unknown category of personal data: “%(value)s”.") % {
                    "value": category,
                })
            else:
                rule.personal_data_category = found[0]
        duration = text(values.get("duration"))
        if duration:
            if not duration.isdigit():
                self.error(origin, "duration", _("Write the duration as a whole number, not “%(value)s”.") % {
                    "value": duration,
                })
            else:
                rule.duration = int(duration)
        for column, choices in (("unit", RetentionRule.Unit), ("runs_from", RetentionRule.Event)):
            raw = text(values.get(column))
            if raw:
                value = choice_index(choices).find(raw)
                if value is None:
                    self.error(origin, column, _("“%(value)s” is not one of: %(choices)s.") % {
                        "value": raw, "choices": ", ".join(str(label) for label in choices.labels),
                    })
                else:
                    setattr(rule, column, value)
        if parsed.retention_rules is None:
            parsed.retention_rules = []
        parsed.retention_rules.append((rule, origin))
