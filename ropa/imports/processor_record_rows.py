"""Rows of the processor's record (Art. 30(2)): processing we carry out for other controllers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ropa.imports.activity_rows import LINK_FIELDS
from ropa.imports.lookups import Lookups, Origin, same_links
from ropa.imports.plan import Draft
from ropa.imports.values import key, text, yes_no_unknown
from ropa.models import Organisation, ProcessorActivity, YesNoUnknown


class ProcessorRecordRows(Lookups):
    """Each row is processing for one client controller, matched by processor, client and name."""

    def saved_processor_activities(self) -> dict[tuple[int, int, str], ProcessorActivity]:
        if self._saved_processor_activities is None:
            saved = ProcessorActivity.objects.prefetch_related(
                "data_subject_categories", "personal_data_categories", "security_measures",
            )
            self._saved_processor_activities = {(pa.processor_id, pa.client_id, key(pa.name)): pa for pa in saved}
        return self._saved_processor_activities

    def processor_record_row(self, origin: Origin, cells: list) -> None:
        values = origin.sheet.values(cells)
        origin.columns = {"processor": "processor", "client": "client", "name": "name",
                          "categories_of_processing": "categories_of_processing",
                          "transfers_outside_eea": "transfers", "transfers_description": "transfers_detail",
                          "security_description": "security_detail"}
        processor_name, client_name, name = (text(values.get(c)) for c in ("processor", "client", "name"))
        processor = (
            self.organisation(processor_name, origin, "processor", Organisation.Role.CONTROLLER) if processor_name
            else self.default_controller(origin)
        )
        client = self.organisation(client_name, origin, "client", Organisation.Role.CONTROLLER) if client_name else None
        if not client_name:
            self.error(origin, "client", _("Name the controller this processing is carried out for."))
        if not name:
            self.error(origin, "name", _("Every activity needs a name."))
        if processor is None or client is None or not name:
            return
        identity = (key(processor.name), key(client.name), key(name))
        if identity in self.processor_keys:
            self.error(origin, "name", _("“%(name)s” appears twice for this controller.") % {"name": name})
            return
        self.processor_keys.add(identity)
        existing = self.saved_processor_activities().get((processor.pk, client.pk, key(name))) if (
            processor.pk and client.pk
        ) else None
        draft = Draft(existing or ProcessorActivity(processor=processor, client=client, name=name))
        instance = draft.instance
        transfers = text(values.get("transfers"))
        transfer_value = yes_no_unknown(transfers)
        if transfer_value is None:
            self.error(origin, "transfers", _("Write yes or no, not “%(value)s”.") % {"value": transfers})
            transfer_value = YesNoUnknown.UNKNOWN
        new_values = {
            "categories_of_processing": text(values.get("categories_of_processing")),
            "transfers_outside_eea": transfer_value,
            "transfers_description": text(values.get("transfers_detail")),
            "security_description": text(values.get("security_detail")),
        }
        for field_name, value in new_values.items():
            if getattr(instance, field_name) != value:
                draft.changed.add(field_name)
            setattr(instance, field_name, value)
        for column, name_ in (("data_subjects", "data_subject_categories"),
                              ("personal_data", "personal_data_categories"), ("security", "security_measures")):
            model = LINK_FIELDS[column][1]
            found, unknown = self.entries(model, values.get(column), origin.sheet.words_language)
            for piece in unknown:
                self.error(origin, column, _("Unknown %(kind)s: “%(value)s”.") % {
                    "kind": model._meta.verbose_name, "value": piece,
                })
            if existing is None or not same_links(getattr(existing, name_).all(), found):
                draft.changed.add(name_)
            draft.links[name_] = found
        try:
            instance.full_clean(exclude=["processor", "client"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self.validation_errors(origin, error)
        self.plan.processor_activities.append(draft)
        self.report(origin, name, draft, column_of=lambda field: origin.columns.get(field, field))
