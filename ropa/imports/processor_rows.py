"""Rows of the processors sheet (Art. 28): each processor, its legal entity, what it does and where.

The export shows each processor's best agreement. Importing creates that agreement (dates, version and
the Art. 28(3) clauses it lacks) for a processor that has none yet; agreements already in the record are
signed contracts and are never changed from a spreadsheet. The signed PDF is added in the admin.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ropa.imports.lookups import Lookups, Origin
from ropa.imports.plan import ProcessorDraft
from ropa.imports.values import choice_index, country_code, key, parse_date, split_lines, text
from ropa.models import Clause, DataProcessingAgreement, Organisation, Processor

PROCESSOR_TEXT = {"service": "service", "contact_name": "contact_name", "contact_email": "contact_email"}
AGREEMENT_DATES = {"dpa_signed": "signed_on", "dpa_ends": "ends_on", "dpa_next_review": "next_review"}
AGREEMENT_COLUMNS = ["dpa_version", *AGREEMENT_DATES, "dpa_missing_clauses"]


class ProcessorRows(Lookups):
    def processor_row(self, origin: Origin, cells: list) -> None:
        values = origin.sheet.values(cells)
        origin.columns = {"name": "name", "organisation": "organisation", "role": "role", "countries": "countries",
                          "sub_processors": "sub_processors", **PROCESSOR_TEXT}
        name = text(values.get("name"))
        if not name:
            self.error(origin, "name", _("Every processor needs a name."))
            return
        if key(name) in self.processor_drafts:
            self.error(origin, "name", _("“%(name)s” appears twice; give each processor one row.") % {"name": name})
            return
        instance = self.processors.get(key(name)) or Processor(name=name, workspace=self.workspace)
        draft = ProcessorDraft(instance, origin=origin)
        new_values = {field: text(values[column]) for column, field in PROCESSOR_TEXT.items() if column in values}
        entity = text(values.get("organisation"))
        if entity:
            organisation = self.organisation(entity, origin, "organisation", Organisation.Role.PROCESSOR)
            if organisation is not None:
                new_values["organisation"] = organisation
        else:
            self.error(origin, "organisation", _("Name the processor's legal entity."))
        role = text(values.get("role"))
        if role:
            new_values["role"] = choice_index(Processor.Role).find(role)
            if new_values["role"] is None:
                self.error(origin, "role", _("Unknown role “%(value)s”.") % {"value": role})
                del new_values["role"]
        if "countries" in values:
            codes = []
            for country in split_lines(values["countries"]):
                code = country_code(country)
                if code is None:
                    self.error(origin, "countries", _("Unknown country “%(value)s”.") % {"value": country})
                elif code not in codes:
                    codes.append(code)
            if sorted(codes) != sorted(str(country) for country in instance.countries):
                draft.changed.add("countries")
            instance.countries = codes
        for field, value in new_values.items():
            if getattr(instance, field, None) != value:
                draft.changed.add(field)
            setattr(instance, field, value)
        if "sub_processors" in values:
            draft.sub_processor_names = split_lines(values["sub_processors"])
        draft.agreement = self._agreement(origin, values, instance)
        try:
            instance.full_clean(exclude=["organisation"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self.validation_errors(origin, error)
        self.processor_drafts[key(name)] = draft
        self.processors[key(name)] = instance
        self.plan.processors.append(draft)

    def _agreement(self, origin: Origin, values: dict, processor: Processor) -> DataProcessingAgreement | None:
        """The agreement the row describes, to create when the processor has none in the record yet."""
        if not any(text(values.get(column)) for column in AGREEMENT_COLUMNS):
            return None
        if processor.pk and processor.agreements.all():
            return None
        agreement = DataProcessingAgreement(version=text(values.get("dpa_version")))
        for column, field in AGREEMENT_DATES.items():
            try:
                setattr(agreement, field, parse_date(values.get(column)))
            except ValueError:
                self.error(origin, column, _("“%(value)s” is not a date (write 2026-01-31 or 31.01.2026).") % {
                    "value": text(values.get(column)),
                })
        missing = set()
        for line in split_lines(values.get("dpa_missing_clauses")):
            clause = choice_index(Clause).find(line)
            if clause is None:
                self.error(origin, "dpa_missing_clauses", _("“%(value)s” is not one of: %(choices)s.") % {
                    "value": line, "choices": ", ".join(str(label) for label in Clause.labels),
                })
            missing.add(clause)
        for clause in Clause:
            setattr(agreement, f"clause_{clause.value}", clause not in missing)
        try:
            agreement.full_clean(exclude=["processor", "document"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self.validation_errors(origin, error, fallback_column="dpa_status")
        return agreement

    def resolve_sub_processors(self) -> None:
        """Art. 28(2) and (4): sub-processors are named by processor, once every row is known."""
        for draft in self.processor_drafts.values():
            found = [self.processor(name, draft.origin, "sub_processors") for name in draft.sub_processor_names]
            found = [processor for processor in found if processor is not None]
            saved = {p.pk for p in draft.instance.sub_processors.all()} if not draft.is_new else set()
            if any(p.pk is None for p in found) or saved != {p.pk for p in found}:
                draft.changed.add("sub_processors")
            draft.links["sub_processors"] = found
            origin = draft.origin
            if draft.agreement is not None:
                draft.changed.add("dpa_status")
            self.report(origin, draft.instance.name, draft)
