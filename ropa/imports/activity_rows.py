"""Rows of the activities sheet: one processing activity each, Art. 30(1)(b)–(g) and the recommended fields."""

import functools
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.utils import column_index_from_string, get_column_letter

from ropa.imports.columns import column_index
from ropa.imports.free_text import TransferCell, read_retention, read_source, read_transfer_cell
from ropa.imports.known_processors import is_known_processor
from ropa.imports.lookups import Lookups, Origin, same_links
from ropa.imports.plan import CREATE, ActivityDraft, Draft, Problem, RowReport
from ropa.imports.values import (
    ENDS_WITH_LEGAL_FORM,
    choice_index,
    company_key,
    key,
    parse_date,
    says_not_screened,
    split_lines,
    split_names,
    text,
    yes_no,
    yes_no_unknown,
)
from ropa.models import (
    DataSubjectCategory,
    DpaStatus,
    Organisation,
    PersonalDataCategory,
    ProcessingActivity,
    Purpose,
    RecipientCategory,
    RetentionRule,
    SecurityMeasure,
    System,
    Transfer,
    YesNoUnknown,
)

TEXT_FIELDS = {
    "description": "description",
    "recipients_detail": "recipients_description",
    "security_detail": "security_description",
    "source_detail": "source_description",
    "dpia_link": "dpia_link",
    "automated_detail": "automated_decision_description",
    "department": "department",
    "owner": "owner",
    "notes": "internal_notes",
    "national_id_justification": "national_id_justification",
}
CHOICE_FIELDS = {
    "transfers": ("transfers_outside_eea", YesNoUnknown),
    "high_risk": ("is_high_risk", YesNoUnknown),
    "dpia_required": ("dpia_required", YesNoUnknown),
    "dpia_status": ("dpia_status", ProcessingActivity.DpiaStatus),
    "status": ("status", ProcessingActivity.Status),
    "source": ("source_kind", ProcessingActivity.SourceKind),
}
BOOLEAN_FIELDS = {
    "automated_decisions": "automated_decision_making", "profiling": "profiling",
    "systematic_monitoring": "systematic_monitoring",
}
DATE_FIELDS = {"last_reviewed": "last_reviewed", "next_review": "next_review"}
LINK_FIELDS = {
    "joint_controllers": ("joint_controllers", Organisation),
    "data_subjects": ("data_subject_categories", DataSubjectCategory),
    "personal_data": ("personal_data_categories", PersonalDataCategory),
    "recipients": ("recipient_categories", RecipientCategory),
    "security": ("security_measures", SecurityMeasure),
    "systems": ("systems", System),
}
ACTIVITY_COLUMNS = {
    "name": "name", "organisation": "controller",
    **{name: column for column, name in TEXT_FIELDS.items()},
    **{name: column for column, (name, _choices) in CHOICE_FIELDS.items()},
    **{name: column for column, name in BOOLEAN_FIELDS.items()},
    **{name: column for column, name in DATE_FIELDS.items()},
    **{name: column for column, (name, _model) in LINK_FIELDS.items()},
}
PURPOSE_FIELDS = [
    "description", "article6", "article9", "article10", "legal_reference", "balancing_test", "consent_record",
    "consent_demonstrable",
]
RETENTION_FIELDS = ["duration", "unit", "runs_from", "legal_reference", "description"]
# The first cell of a row that is no activity: "* Kamera: skilt ved inngangen", "Merk: …", "Sum", "Totalt 4".
NOT_AN_ACTIVITY = re.compile(
    r"^\s*(?:[*†‡#¹²³]|\(\d\)|(?:merk|merknad|note|notat|nb|obs|anm|anmärkning|bemærk|fotnote|fotnot|fodnote|"
    r"footnote|kilde|källa|source)\b\s*[:.]|(?:sum|summa|totalt?|i alt|totalsum|antall|antal|count)\b)",
    re.IGNORECASE,
)


@dataclass
class ParsedActivity:
    origin: Origin
    organisation: Organisation
    name: str
    values: dict[str, object] = field(default_factory=dict)
    links: dict[str, list] = field(default_factory=dict)
    purposes: list[tuple[Purpose, Origin]] | None = None
    retention_rules: list[tuple[RetentionRule, Origin]] | None = None
    processors: list | None = None
    transfer_cell: TransferCell | None = None
    recipient_processors: list = field(default_factory=list)  # organisations named in the recipients column
    extra_notes: str = ""  # the row's cells in columns we do not recognise, as "Heading: value" lines
    # The DPIA column says "Not screened", as the export writes for an activity never screened whether its stored
    # answer is "no" or "not assessed" (Art. 35(1)): a stored "no" is kept, so an unchanged export changes nothing.
    dpia_not_screened: bool = False


class ActivityRows(Lookups):
    def activity_row(self, origin: Origin, cells: list, has_purpose_sheet: bool, has_retention_sheet: bool) -> None:
        sheet = origin.sheet
        if self._skipped(origin, cells):
            return
        values = sheet.values(cells)
        origin.columns = dict(ACTIVITY_COLUMNS)
        controller_name = text(values.get("controller"))
        if controller_name:
            organisation = self.organisation(controller_name, origin, "controller", Organisation.Role.CONTROLLER)
        else:
            organisation = self.default_controller(origin)
        name = text(values.get("name"))
        if not name and not sheet.has("name"):
            name = next(iter(split_lines(values.get("purposes"))), "")[:200]
        if not name:
            self.error(origin, "name", _("Every activity needs a name."))
            return
        if organisation is None:
            return
        identity = (key(organisation.name), key(name))
        if identity in self.parsed:
            first = self.parsed[identity].origin.row
            self.error(origin, "name", _("“%(name)s” appears twice for this controller (first in row %(row)s).") % {
                "name": name, "row": first,
            })
            return
        parsed = ParsedActivity(origin, organisation, name)
        self.parsed[identity] = parsed
        self._activity_values(parsed, values)
        parsed.extra_notes = _unrecognised_cells(sheet, cells)
        if not has_purpose_sheet and sheet.has("purposes"):
            parsed.purposes = self._purposes_from_row(origin, values, parsed)
        if not has_retention_sheet and sheet.has("retention"):
            parsed.retention_rules = []
            for line in split_lines(values.get("retention")):
                rule = read_retention(line)
                parsed.retention_rules.append((rule, Origin(sheet, origin.row, {"description": "retention"})))
                if rule.duration is not None:
                    self.plan.notes.append(Problem(sheet.title, origin.row, self._heading(origin, "retention"), _(
                        "“%(text)s” read as %(rule)s; the text is kept as the description."
                    ) % {"text": line, "rule": _retention_summary(rule)}))
                elif getattr(rule, "_event_only", False):
                    self.plan.notes.append(Problem(sheet.title, origin.row, self._heading(origin, "retention"), _(
                        "“%(text)s” read as: no duration, counted from %(event)s; the text is kept as the "
                        "description."
                    ) % {"text": line, "event": _label(RetentionRule.Event, rule.runs_from)}))

    def _skipped(self, origin: Origin, cells: list) -> bool:
        """A row that is no activity (a footnote, a note, a total, a line with one filled cell, cells beside the
        table) is reported as skipped, never imported: it would be a processing activity nobody carries out."""
        sheet = origin.sheet
        filled = [(position, text(cell)) for position, cell in enumerate(cells) if text(cell)]
        table = set(sheet.columns) | {column_index(column) for column in sheet.ignored}
        beside = [(position, value) for position, value in filled if position not in table]
        inside = [(position, value) for position, value in filled if position in table]
        reason = ""
        if not inside:
            reason = _("only cells beside the table, under no heading")
        elif len(filled) == 1:
            reason = _("one filled cell: a note, not an activity")
        elif NOT_AN_ACTIVITY.match(inside[0][1]):
            reason = _("a footnote, note or total, not an activity")
        if reason:
            shown = " | ".join(value for _position, value in filled)
            self.plan.skipped.append(Problem(sheet.title, origin.row, "", _("Skipped (%(reason)s): %(text)s") % {
                "reason": reason, "text": shown[:200],
            }))
            return True
        for position, value in beside:
            self.plan.skipped.append(Problem(sheet.title, origin.row, get_column_letter(position + 1), _(
                "Cell beside the table, under no heading, left out: %(text)s"
            ) % {"text": value[:200]}))
        return False

    def _activity_values(self, parsed: ParsedActivity, values: dict) -> None:
        origin = parsed.origin
        result = parsed.values
        for column, name in TEXT_FIELDS.items():
            if column in values:
                result[name] = text(values[column])
        for column, (name, choices) in CHOICE_FIELDS.items():
            if column in values:
                self._choice_value(parsed, column, name, choices, values[column])
        for column, name in BOOLEAN_FIELDS.items():
            if column in values:
                raw = text(values[column])
                answer = yes_no(raw) if raw else False
                if answer is None:
                    self.error(origin, column, _("Write yes or no, not “%(value)s”.") % {"value": raw})
                result[name] = bool(answer)
        for column, name in DATE_FIELDS.items():
            if column in values:
                try:
                    result[name] = parse_date(values[column])
                except ValueError:
                    self.error(origin, column, _("“%(value)s” is not a date (write 2026-01-31 or 31.01.2026).") % {
                        "value": text(values[column]),
                    })
        for column, (name, model) in LINK_FIELDS.items():
            if column in values:
                self._link_values(parsed, column, name, model, values[column])
        if "processors" in values:
            parsed.processors = self._processors_used(origin, values["processors"])
        if parsed.recipient_processors:
            parsed.processors = [*(parsed.processors or [])]
            parsed.processors += [p for p in parsed.recipient_processors if p not in parsed.processors]

    def _choice_value(self, parsed: ParsedActivity, column: str, name: str, choices, cell) -> None:
        """A choice by its label in any language; yes/no words for yes/no/unknown fields.

        The transfers cell of our export holds the yes/no answer on its first line and the transfers
        after it (those come back from the transfers sheet); a hand-made sheet's words are read for the
        answer and the destinations.
        """
        raw = text(cell).split("\n")[0].strip() if column == "transfers" else text(cell)
        if not raw:
            field = ProcessingActivity._meta.get_field(name)
            parsed.values[name] = field.default if field.has_default() else ""
            return
        value = choice_index(choices).find(raw)
        if value is None and column == "transfers":
            value = self._transfers_in_words(parsed, text(cell))
        if value is None and choices is YesNoUnknown:
            value = yes_no_unknown(raw)
        if value is None and column == "dpia_status":
            value = self._dpia_status_in_words(parsed, raw)
        if value is None and column == "source":
            # A source described in words, as in the ICO's template, is the detail; its kind where it says one.
            detail = parsed.values.get("source_description", "")
            parsed.values["source_description"] = "\n".join(filter(None, [raw, detail]))
            value = read_source(raw)
        if value is None:
            self.error(parsed.origin, column, _("“%(value)s” is not one of: %(choices)s.") % {
                "value": raw, "choices": ", ".join(str(label) for label in choices.labels),
            })
            return
        if column == "dpia_required" and says_not_screened(raw):
            parsed.dpia_not_screened = True
        parsed.values[name] = value

    def _dpia_status_in_words(self, parsed: ParsedActivity, raw: str) -> str | None:
        """Art. 35: "DPIA gjennomført: Ja, gjennomført 2024" is a completed DPIA, "Nei" one not started, "Ikke
        vurdert" no status; the dry run says how the answer was read."""
        answer = yes_no_unknown(raw)
        if answer is None:
            return None
        value = {
            YesNoUnknown.YES: ProcessingActivity.DpiaStatus.COMPLETED,
            YesNoUnknown.NO: ProcessingActivity.DpiaStatus.NOT_STARTED,
        }.get(answer, "")
        if value:
            self.plan.notes.append(Problem(parsed.origin.sheet.title, parsed.origin.row, self._heading(
                parsed.origin, "dpia_status",
            ), _("“%(value)s” read as the DPIA status “%(status)s”.") % {
                "value": raw, "status": _label(ProcessingActivity.DpiaStatus, value),
            }))
        return value

    def _transfers_in_words(self, parsed: ParsedActivity, raw: str) -> str:
        """Art. 30(1)(e) in words ("Ja – USA (Data Privacy Framework)"): the answer, and the transfers to record
        when the file has no transfers sheet of its own."""
        cell = read_transfer_cell(raw)
        if "transfers" not in self.sheet_kinds and cell.destinations:
            parsed.transfer_cell = cell
        elif cell.answer is not False:
            self.warn(parsed.origin, "transfers", _("Read as “yes”; record each transfer in the transfers sheet."))
        return YesNoUnknown.NO if cell.answer is False else YesNoUnknown.YES

    def _link_values(self, parsed: ParsedActivity, column: str, name: str, model, cell) -> None:
        origin = parsed.origin
        if model is Organisation:
            found = [
                self.organisation(piece, origin, column, Organisation.Role.JOINT_CONTROLLER)
                for piece in split_names(cell, known=lambda name: key(name) in self.organisations)
            ]
            parsed.links[name] = [org for org in found if org is not None]
            return
        if model is RecipientCategory:
            cell = self._recipients_that_are_processors(parsed, cell)
        found, unknown = self.entries(model, cell, origin.sheet.words_language, origin, column)
        parsed.links[name] = found
        if unknown and model is SecurityMeasure:
            # Free text in the (g) column of a hand-made sheet is a description, not an error.
            detail = parsed.values.get("security_description")
            parsed.values["security_description"] = "\n".join(filter(None, [detail, *unknown]))
            self.warn(origin, column, _("Kept as the general description: %(text)s") % {"text": "; ".join(unknown)})
            return
        for piece in unknown:
            self.error(origin, column, _(
                "Unknown %(kind)s: “%(value)s”. Add it first, or import with “create missing entries”."
            ) % {"kind": model._meta.verbose_name, "value": piece})

    def _recipients_that_are_processors(self, parsed: ParsedActivity, cell) -> str:
        """Art. 28, 30(1)(d): "Mailchimp" or "Fiken AS" in the recipients column names an organisation, not a
        category; it is taken as a processor used, so its missing data processing agreement is flagged. What is
        left is read as categories."""
        kept = []
        for piece in split_lines(cell):
            if self.find_entry(RecipientCategory, piece):
                kept.append(piece)
                continue
            for name in split_names(piece, known=lambda name: key(name) in self.organisations):
                if not self._names_an_organisation(name):
                    kept.append(name)
                    continue
                processor = self.processor(name, parsed.origin, "recipients", create=True)
                if processor is None:
                    continue
                parsed.recipient_processors.append(processor)
                self.warn(parsed.origin, "recipients", _(
                    "“%(name)s” names an organisation, not a category of recipients: taken as a processor this "
                    "activity uses, whose data processing agreement is checked (Art. 28(3)). If it receives the data "
                    "as a controller of its own, remove it from the processors and add its category of recipients."
                ) % {"name": name})
        return "\n".join(kept)

    def _names_an_organisation(self, name: str) -> bool:
        return bool(
            ENDS_WITH_LEGAL_FORM.search(name) or is_known_processor(name) or self.find_organisation(name)
            or self.processors.get(key(name)) or self.processors_by_form.get(company_key(name))
        )

    def _processors_used(self, origin: Origin, cell) -> list:
        """Processors as a list cell names them ("Mailchimp, Klarna"; "Klarna Bank AB (publ)"), or one a line
        as our export writes them, "Name: DPA status"."""
        found = []
        for line in split_names(cell, known=lambda name: self._names_a_processor(name)):
            name, _sep, status = line.rpartition(": ")
            if not name or choice_index(DpaStatus).find(status) is None:
                name = line
            processor = self.processor(name, origin, "processors", create=True)
            if processor is not None and processor not in found:
                found.append(processor)
        return found

    def _names_a_processor(self, line: str) -> bool:
        """Whether a line is one processor as our export writes it, "Name: DPA status", or a known name."""
        name, _sep, status = line.rpartition(": ")
        return key(line) in self.processors or bool(name and choice_index(DpaStatus).find(status) is not None)

    def finish_activities(self) -> None:
        """Compare each parsed activity with the saved one, validate it as the admin would, and report it."""
        saved = ProcessingActivity.objects.filter(
            organisation__in=[p.organisation for p in self.parsed.values() if p.organisation.pk],
        ).prefetch_related(
            *[name for name, _model in LINK_FIELDS.values()], "purposes", "retention_rules", "processor_uses",
        )
        existing = {(activity.organisation_id, key(activity.name)): activity for activity in saved}
        for parsed in self.parsed.values():
            activity = existing.get((parsed.organisation.pk, key(parsed.name))) if parsed.organisation.pk else None
            draft = self._draft(parsed, activity)
            self.plan.activities.append(draft)
            self.activity_drafts[(key(parsed.organisation.name), key(parsed.name))] = draft
            self.report(parsed.origin, parsed.name, draft, column_of=_column_of, field_label=_field_label)
            if parsed.transfer_cell is not None:
                self._transfers_from_cell(parsed, draft)

    def _transfers_from_cell(self, parsed: ParsedActivity, draft: ActivityDraft) -> None:
        """A transfer per destination named in the cell, unless the activity already records it (Art. 30(1)(e)).

        A transfer Transfer.clean() would refuse (an SCC without its module, say) is left to the admin with a
        warning: the free text is kept in the answer and does not block the migration.
        """
        cell = parsed.transfer_cell
        saved = {str(t.destination_country) for t in draft.instance.transfers.all()} if not draft.is_new else set()
        for code in cell.destinations:
            if code in saved:
                continue
            transfer = Transfer(
                activity=draft.instance, destination_country=code, tool=cell.tool,
                recipient_dpf_certified=cell.dpf, description=cell.detail,
                # The recipient abroad is the row's processor when it names one; with several, the officer says which.
                recipient=parsed.processors[0].name if len(parsed.processors or []) == 1 else "",
            )
            if cell.dpf and not transfer.recipient:
                # Art. 45, Decision (EU) 2023/1795: the DPF covers a certified recipient, so the recipient is named.
                self.warn(parsed.origin, "transfers", _(
                    "The transfer to %(country)s relies on the EU–US Data Privacy Framework, which covers certified "
                    "recipients only: name the recipient on the transfer's page."
                ) % {"country": transfer.destination_country.name})
            try:
                transfer.full_clean(exclude=["activity", "processor", "tia_document"], validate_constraints=False,
                                    validate_unique=False)
            except ValidationError as error:
                reasons = [m for name, ms in error.message_dict.items() if name != "activity" for m in ms]
                if reasons:
                    self.warn(parsed.origin, "transfers", _(
                        "The transfer to %(country)s is not recorded yet: %(reason)s"
                    ) % {"country": code, "reason": " ".join(reasons)})
                    continue
            self.plan.transfers.append(Draft(transfer))
            label = f"{parsed.name} → {transfer.destination_country.name}"
            # How the words were read (Arts. 45, 46): the tool, and the DPF where the US recipient is certified.
            details = [str(transfer.get_tool_display())] if transfer.tool else []
            if transfer.recipient_dpf_certified:
                details.append(str(Transfer._meta.get_field("recipient_dpf_certified").verbose_name))
            self.plan.rows.append(RowReport(parsed.origin.sheet.title, parsed.origin.row, label, CREATE, details))

    def _draft(self, parsed: ParsedActivity, activity: ProcessingActivity | None) -> ActivityDraft:
        draft = ActivityDraft(activity or ProcessingActivity(organisation=parsed.organisation, name=parsed.name))
        instance = draft.instance
        for name, value in parsed.values.items():
            if name == "dpia_required" and parsed.dpia_not_screened and instance.dpia_required == YesNoUnknown.NO:
                continue
            if getattr(instance, name) != value:
                draft.changed.add(name)
            setattr(instance, name, value)
        if parsed.extra_notes and parsed.extra_notes not in instance.internal_notes:
            # Kept, not thrown away; a re-import of the same sheet does not add them twice.
            instance.internal_notes = "\n\n".join(filter(None, [instance.internal_notes, parsed.extra_notes]))
            draft.changed.add("internal_notes")
        if instance.name != parsed.name:
            draft.changed.add("name")
            instance.name = parsed.name
        for name, items in parsed.links.items():
            if activity is None or not same_links(getattr(activity, name).all(), items):
                draft.changed.add(name)
            draft.links[name] = items
        if parsed.purposes is not None:
            draft.purposes = [purpose for purpose, _origin in parsed.purposes]
            current = [_values(p, PURPOSE_FIELDS) for p in activity.purposes.all()] if activity else []
            if current != [_values(p, PURPOSE_FIELDS) for p in draft.purposes]:
                draft.changed.add("purposes")
        if parsed.retention_rules is not None:
            draft.retention_rules = [rule for rule, _origin in parsed.retention_rules]
            current = [_retention_values(r) for r in activity.retention_rules.all()] if activity else []
            if current != [_retention_values(r) for r in draft.retention_rules]:
                draft.changed.add("retention_rules")
        if parsed.processors is not None:
            draft.processors = parsed.processors
            saved = {use.processor_id for use in activity.processor_uses.all()} if activity else set()
            if any(p.pk is None for p in parsed.processors) or saved != {p.pk for p in parsed.processors}:
                draft.changed.add("processors")
        self._validate_activity(draft, parsed)
        return draft

    def _validate_activity(self, draft: ActivityDraft, parsed: ParsedActivity) -> None:
        """Errors stop the import; legal gaps (Arts. 6(1)(f), 6(3), 7(1), 9, 10) make the activity a draft.

        The model keeps refusing an active activity with a gap (ProcessingActivity.clean()), so a gap in a
        migrated sheet is imported as work to do, listed as a warning citing the article.
        """
        origin = parsed.origin
        instance = draft.instance
        categories = draft.links.get("personal_data_categories")
        if categories is None:
            categories = list(instance.personal_data_categories.all()) if not draft.is_new else []
        purposes = draft.purposes if draft.purposes is not None else (
            list(instance.purposes.all()) if not draft.is_new else []
        )
        gaps = [(origin, "personal_data", error.message) for error in instance.legal_gaps(categories, purposes)]
        for item, item_origin in parsed.purposes or []:
            for name, message in item.legal_gaps().items():
                gaps.append((item_origin, item_origin.columns.get(name, "purposes"), message))
        if gaps and instance.status != ProcessingActivity.Status.DRAFT:
            instance.status = ProcessingActivity.Status.DRAFT
            draft.changed.add("status")
            self.warn(origin, "status", _("Imported as a draft: the record does not yet meet the rules below."))
        for gap_origin, column, message in gaps:
            self.warn(gap_origin, column, message)
        pk = instance.pk
        instance.pk = None  # clean() would check the saved purposes; the file's are checked below
        try:
            # The controller was resolved above; checking it again would cost a query per row.
            instance.full_clean(exclude=["organisation"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self.validation_errors(origin, error)
        finally:
            instance.pk = pk
        for items in (parsed.purposes or []), (parsed.retention_rules or []):
            for item, item_origin in items:
                item.activity = instance
                exclude = ["activity", *getattr(item, "_reported", ())]
                try:
                    # clean() states the same rules as the check constraints, without a query each.
                    item.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
                except ValidationError as error:
                    self.validation_errors(item_origin, error, fallback_column=next(iter(item_origin.columns.values())))

    # Processor's record (Art. 30(2)) --------------------------------------------------------------


def _retention_summary(rule: RetentionRule) -> str:
    return _("%(duration)s %(unit)s from %(event)s") % {
        "duration": rule.duration, "unit": _label(RetentionRule.Unit, rule.unit),
        "event": _label(RetentionRule.Event, rule.runs_from),
    }


@functools.cache
def _labels(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def _label(choices: type[models.TextChoices], value: str) -> str:
    """A choice's label, translated once per import language (get_FOO_display() translates on every row)."""
    return _labels(choices, translation.get_language()).get(value, value)


def _unrecognised_cells(sheet, cells: list) -> str:
    lines = []
    for column in sheet.ignored:
        position = column_index_from_string(column.letter) - 1
        value = text(cells[position]) if position < len(cells) else ""
        if value:
            lines.append(f"{column.heading}: {value}")
    return "\n".join(lines)


def _column_of(name: str) -> str:
    return {"retention_rules": "retention"}.get(name) or ACTIVITY_COLUMNS.get(name, name)


def _field_label(name: str) -> str:
    """A field's name for the report when the file has no column of that name (a purposes sheet, say)."""
    field = ProcessingActivity._meta.get_field(name)
    if field.auto_created and not field.concrete:
        return str(field.related_model._meta.verbose_name_plural)
    return str(field.verbose_name)


def _values(instance: models.Model, names: list[str]) -> tuple:
    return tuple(getattr(instance, name) for name in names)


def _retention_values(rule: RetentionRule) -> tuple:
    category = rule._state.fields_cache.get("personal_data_category")
    category_id = category.pk if category is not None else rule.personal_data_category_id
    duration, unit, runs_from, *rest = _values(rule, RETENTION_FIELDS)
    if duration is None:
        # Without a duration the unit and the event mean nothing, and our export leaves them blank.
        unit = runs_from = None
    return (category_id, duration, unit, runs_from, *rest)
