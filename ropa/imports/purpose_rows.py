"""Purposes with their legal bases (Art. 30(1)(b), Arts. 6, 9, 10) and retention rules (Art. 30(1)(f)).

Our export has a sheet for each, a row per purpose or rule; a hand-made sheet has them in the
activity's row, one purpose a line, which `_purposes_from_row` reads.
"""

import re

from django.utils.translation import gettext as _

from ropa.imports.activity_rows import PURPOSE_FIELDS, ParsedActivity
from ropa.imports.bases import EXAMPLES, CellBases, read_bases, unreadable_message
from ropa.imports.columns import ARTICLES_9_AND_10
from ropa.imports.lookups import Lookups, Origin
from ropa.imports.plan import Problem
from ropa.imports.values import Bases, choice_index, key, text, yes_no
from ropa.models import LegalBasis, PersonalDataCategory, Purpose, RetentionRule


class PurposeRows(Lookups):
    def _purposes_from_row(self, origin: Origin, values: dict, parsed: ParsedActivity) -> list[tuple[Purpose, Origin]]:
        """Purposes from a one-row-per-activity sheet: one a line (or split on ; and /), with their bases.

        Bases are read from a column of bases in general and from columns of one article each (the ICO's
        Art. 6 and Art. 9 columns, "Artikkel 9", "Særlige kategorier"). One basis per article serves every
        purpose; as many bases as purposes are paired in order; several bases for one purpose make one
        purpose per basis, as the record keeps one Art. 6 basis per purpose.
        """
        sheet = origin.sheet
        descriptions = [piece.strip() for piece in re.split(r"[\n;]", text(values.get("purposes"))) if piece.strip()]
        fallback = "legal_bases" if sheet.has("legal_bases") else "purposes"
        details = ("legal_reference", "balancing_test", "consent_record")
        columns = {"description": "purposes"} | {
            name: name if sheet.has(name) else fallback for name in ("article6", "article9", "article10", *details)
        }
        for name in ("article9", "article10"):
            if not sheet.has(name) and sheet.has(ARTICLES_9_AND_10):
                columns[name] = ARTICLES_9_AND_10
        read = CellBases()
        unreadable = False
        for column, article in (("legal_bases", None), ("article6", "article6"), ("article9", "article9"),
                                ("article10", "article10"), (ARTICLES_9_AND_10, ARTICLES_9_AND_10)):
            raw = text(values.get(column))
            if not raw:
                continue
            found = read_bases(raw, article)
            if column in ("article9", ARTICLES_9_AND_10):
                found = self._special_categories_named(origin, found, parsed, column)
            if found.unread and not (found.article6 or found.article9 or found.article10):
                self.error(origin, column, unreadable_message(article or "article6", raw))
                unreadable = True
                continue
            if found.unread:
                self.warn(origin, column, _("Not read as a legal basis, and left out: %(text)s") % {
                    "text": "; ".join(found.unread),
                })
            for name in ("article6", "article9", "article10"):
                for value in getattr(found, name):
                    read.add(name, value)
            for basis, reference in found.references.items():
                read.references.setdefault(basis, reference)
                if text(values.get("legal_reference")):
                    continue  # the sheet's own column of legal references is taken as written
                # Art. 6(3): the law written with the basis is the purpose's legal reference.
                self.plan.notes.append(Problem(sheet.title, origin.row, self._heading(origin, column), _(
                    "“%(reference)s” read as the legal reference of the basis in “%(text)s”."
                ) % {"reference": reference, "text": raw}))
        if unreadable:
            return []  # reported above with what was written; a second "blank" error would mislead
        if len(descriptions) == 1 and len(read.article6) > 1:
            descriptions = descriptions * len(read.article6)
        if len(read.article6) > 1 and len(read.article6) != len(descriptions):
            self.error(origin, "legal_bases", _(
                "%(purposes)s purposes but %(bases)s legal bases; give one basis per purpose, or one for all."
            ) % {"purposes": len(descriptions), "bases": len(read.article6)})
            return []
        shared = {name: text(values.get(name)) for name in details}
        purposes = []
        for index, description in enumerate(descriptions):
            bases = Bases()
            for name in ("article6", "article9", "article10"):
                found = getattr(read, name)
                if found:
                    getattr(bases, name).append(found[index] if len(found) == len(descriptions) else found[0])
            details = dict(shared)
            if not details["legal_reference"] and read.references:
                details["legal_reference"] = next(
                    (read.references[value] for value in (*bases.article6, *bases.article10, *bases.article9, "")
                     if value in read.references), "",
                )
            purpose_origin = Origin(sheet, origin.row, columns)
            purposes.append((self._purpose(purpose_origin, description, bases, details), purpose_origin))
        return purposes

    def _special_categories_named(self, origin: Origin, found: CellBases, parsed: ParsedActivity,
                                  column: str) -> CellBases:
        """In an Art. 9 column, a category of special data ("Helseopplysninger") is data, not a condition."""
        still_unread = []
        for piece in found.unread:
            entry = self.find_entry(PersonalDataCategory, piece, origin, column)
            if entry is not None and entry.kind != PersonalDataCategory.Kind.ORDINARY:
                categories = parsed.links.setdefault("personal_data_categories", [])
                if entry not in categories:
                    categories.append(entry)
            elif yes_no(piece):
                self.warn(origin, column, _(
                    "Art. 9(1): special category data is indicated; name the categories and the Art. 9(2) condition."
                ))
            else:
                still_unread.append(piece)
        found.unread = still_unread
        return found

    def _purpose(self, origin: Origin, description: str, bases: Bases, details: dict[str, str],
                 reported: bool = False) -> Purpose:
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
        if reported:
            purpose._reported = ["article6"]
        elif not purpose.article6 and description:
            # Art. 6(1): processing is lawful only on one of its bases; say so rather than "may not be blank".
            self.error(origin, origin.columns["article6"], _(
                "Art. 6(1): give the legal basis for “%(purpose)s”, for example %(examples)s."
            ) % {"purpose": description, "examples": EXAMPLES["article6"]})
            purpose._reported = ["article6"]
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
        unreadable = False
        for article, choices in (("article6", LegalBasis.Article6), ("article9", LegalBasis.Article9),
                                 ("article10", LegalBasis.Article10)):
            raw = text(values.get(article))
            if not raw:
                continue
            value = choice_index(choices).find(raw)
            found = [value] if value else getattr(read_bases(raw, article), article)
            if not found:
                self.error(origin, article, unreadable_message(article, raw))
                unreadable = True
            getattr(bases, article).extend(found)
        details = {name: text(values.get(name)) for name in ("legal_reference", "balancing_test", "consent_record")}
        purpose = self._purpose(origin, text(values.get("purpose")), bases, details, reported=unreadable)
        # Art. 7(1): only a yes in our own column says each consent can be shown; a template has no such column.
        raw = text(values.get("consent_demonstrable"))
        answer = yes_no(raw) if raw else False
        if answer is None:
            self.error(origin, "consent_demonstrable", _("Write yes or no, not “%(value)s”.") % {"value": raw})
        purpose.consent_demonstrable = bool(answer)
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
            found, unknown = self.entries(PersonalDataCategory, category, origin.sheet.words_language)
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
