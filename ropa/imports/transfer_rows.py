"""Rows of the transfers sheet (Art. 30(1)(e), Arts. 44–49): each transfer, its destination and safeguard.

A transfer is matched to a saved one by where the data comes from (activity or processor), the
recipient and the destination; Transfer.clean() then checks the safeguard as the admin does.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ropa.imports.lookups import Lookups, Origin
from ropa.imports.plan import Draft
from ropa.imports.values import choice_index, country_code, key, parse_date, text, yes_no
from ropa.models import ProcessingActivity, Transfer

TEXT = {
    "recipient": "recipient", "description": "description", "international_organisation": "international_organisation",
    "safeguard_details": "safeguard_details", "derogation_assessment": "derogation_assessment",
    "supplementary_measures": "supplementary_measures",
}
CHOICES = {"tool": ("tool", Transfer.Tool), "scc_module": ("scc_module", Transfer.SccModule),
           "derogation": ("derogation", Transfer.Derogation)}
DATES = {"scc_signed": "scc_signed_on", "authority_informed": "authority_informed_on", "tia_date": "tia_date"}


def _identity(activity_key, processor_key, recipient: str, country: str, organisation: str) -> tuple:
    return (activity_key, processor_key, key(recipient), country, key(organisation))


class TransferRows(Lookups):
    def saved_transfers(self) -> dict[tuple, Transfer]:
        if self._saved_transfers is None:
            saved = Transfer.objects.select_related("activity__organisation", "processor")
            self._saved_transfers = {
                _identity(
                    (key(t.activity.organisation.name), key(t.activity.name)) if t.activity_id else None,
                    key(t.processor.name) if t.processor_id else None,
                    t.recipient, str(t.destination_country), t.international_organisation,
                ): t
                for t in saved
            }
        return self._saved_transfers

    def transfer_row(self, origin: Origin, cells: list) -> None:
        values = origin.sheet.values(cells)
        origin.columns = {
            **{field: column for column, field in TEXT.items()}, **{f: c for c, (f, _choices) in CHOICES.items()},
            **{field: column for column, field in DATES.items()}, "destination_country": "country",
            "recipient_dpf_certified": "dpf_certified", "activity": "activity", "processor": "processor",
        }
        activity, activity_key = self._source_activity(origin, values)
        processor_name = text(values.get("processor"))
        processor = self.processor(processor_name, origin, "processor") if processor_name else None
        if activity is None and processor is None:
            if not text(values.get("activity")) and not processor_name:
                self.error(origin, "activity", _("Name the processing activity or the processor the data comes from."))
            return
        new = {field: text(values.get(column)) for column, field in TEXT.items()}
        country = text(values.get("country"))
        new["destination_country"] = country_code(country) if country else ""
        if new["destination_country"] is None:
            self.error(origin, "country", _("Unknown country “%(value)s”.") % {"value": country})
            new["destination_country"] = ""
        for column, (field, choices) in CHOICES.items():
            raw = text(values.get(column))
            new[field] = choice_index(choices).find(raw) if raw else ""
            if new[field] is None:
                self.error(origin, column, _("“%(value)s” is not one of: %(choices)s.") % {
                    "value": raw, "choices": ", ".join(str(label) for label in choices.labels),
                })
                new[field] = ""
        for column, field in DATES.items():
            try:
                new[field] = parse_date(values.get(column))
            except ValueError:
                self.error(origin, column, _("“%(value)s” is not a date (write 2026-01-31 or 31.01.2026).") % {
                    "value": text(values.get(column)),
                })
        new["recipient_dpf_certified"] = bool(yes_no(text(values.get("dpf_certified"))))
        identity = _identity(activity_key, key(processor.name) if processor else None, new["recipient"],
                             new["destination_country"], new["international_organisation"])
        instance = self.saved_transfers().get(identity) or Transfer(activity=activity, processor=processor)
        draft = Draft(instance)
        for field, value in new.items():
            current = str(getattr(instance, field)) if field == "destination_country" else getattr(instance, field)
            if current != value:
                draft.changed.add(field)
            setattr(instance, field, value)
        self._validate(origin, instance)
        self.plan.transfers.append(draft)
        recipient = instance.recipient or (processor.name if processor else "")
        label = f"{recipient} → {country or new['international_organisation']}"
        self.report(origin, label, draft, column_of=lambda field: origin.columns.get(field, field))

    def _source_activity(self, origin: Origin, values: dict) -> tuple[ProcessingActivity | None, tuple | None]:
        name = text(values.get("activity"))
        if not name:
            return None, None
        controller = text(values.get("controller"))
        if not controller:
            default = self.default_controller(origin)
            controller = default.name if default else ""
        identity = (key(controller), key(name))
        draft = self.activity_drafts.get(identity)
        if draft is not None:
            return draft.instance, identity
        saved = ProcessingActivity.objects.filter(organisation__name__iexact=controller, name__iexact=name).first()
        if saved is None:
            self.error(origin, "activity", _("No activity “%(name)s” of “%(controller)s” in the activities sheet.") % {
                "name": name, "controller": controller,
            })
        return saved, identity

    def _validate(self, origin: Origin, instance: Transfer) -> None:
        """Transfer.clean() applies Arts. 44–49; where the data comes from is known even if not yet saved."""
        try:
            instance.full_clean(exclude=["activity", "processor", "tia_document"], validate_constraints=False,
                                validate_unique=False)
        except ValidationError as error:
            messages = {name: errors for name, errors in error.message_dict.items() if name != "activity"}
            if messages:
                self.validation_errors(origin, ValidationError(messages))
