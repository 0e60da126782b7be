"""What an import will do, shown before anything is written, and the one step that writes it.

A plan lists, per row, whether it creates or changes something (and what), and every problem with its
sheet, row, column and reason. `apply()` refuses a plan with any error and otherwise writes it all in
one transaction, each object through save() so history records the importing user.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ropa.imports.writing import Author, save, write_activities, write_transfers
from ropa.models import DataProcessingAgreement, ImportLayout, Organisation, Processor, Purpose, RetentionRule


class ImportRefused(Exception):
    """apply() was called on a plan that has errors."""


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        where = [self.sheet] + ([str(_("row %(row)s") % {"row": self.row})] if self.row else [])
        if self.column:
            where.append(str(_("column %(column)s") % {"column": self.column}))
        return f"{', '.join(where)}: {self.reason}"


@dataclass
class RowReport:
    sheet: str
    row: int
    label: str
    action: str  # "create", "change" or "unchanged"
    changes: list[str] = field(default_factory=list)  # the headings of the columns that change
    details: list[tuple[str, str, str]] = field(default_factory=list)  # (heading, old value, new value)


def shown(instance: models.Model, name: str) -> str:
    """A field's value as the dry run shows it: a choice by its label, a link by its name, a date in ISO."""
    try:
        model_field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    if not model_field.concrete or model_field.many_to_many:
        return ""
    value = getattr(instance, model_field.attname)
    if model_field.is_relation:
        related = instance._state.fields_cache.get(name)
        return str(related) if related is not None else ("" if value is None else str(value))
    if getattr(model_field, "multiple", False):
        return ", ".join(str(item) for item in value)
    if model_field.choices:
        return str(dict(model_field.flatchoices or []).get(value, value or ""))
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


CREATE, CHANGE, UNCHANGED = "create", "change", "unchanged"
REASON_LENGTH = 100  # simple-history's history_change_reason column


@dataclass
class Draft:
    """An object as the file describes it: `instance` carries the new values; `changed` names the fields
    (and links) that differ from what is saved."""

    instance: models.Model
    changed: set[str] = field(default_factory=set)
    links: dict[str, list] = field(default_factory=dict)
    is_new: bool = field(init=False)
    before: dict[str, str] = field(default_factory=dict)  # the saved values, as shown, for "old → new"

    def __post_init__(self) -> None:
        self.is_new = self.instance.pk is None
        if not self.is_new:
            self.before = {f.name: shown(self.instance, f.name) for f in self.instance._meta.concrete_fields}

    @property
    def action(self) -> str:
        if self.is_new:
            return CREATE
        return CHANGE if self.changed else UNCHANGED


@dataclass
class OrganisationDraft(Draft):
    representative: Organisation | None = None
    sets_representative: bool = False
    representative_name: str | None = None  # None when the file has no representative column
    origin: object = None


@dataclass
class ActivityDraft(Draft):
    """None for `purposes`, `retention_rules` or `processors` means the file does not say, so they stay."""

    purposes: list[Purpose] | None = None
    retention_rules: list[RetentionRule] | None = None
    processors: list[Processor] | None = None


@dataclass
class ProcessorDraft(Draft):
    sub_processor_names: list[str] = field(default_factory=list)
    agreement: DataProcessingAgreement | None = None
    origin: object = None


@dataclass
class ImportPlan:
    filename: str = ""
    rows: list[RowReport] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # how values were read, for the user to check
    new_entries: list[models.Model] = field(default_factory=list)
    proposed: list[tuple[models.Model, list[models.Model]]] = field(default_factory=list)  # (new entry, nearest)
    skipped: list[Problem] = field(default_factory=list)  # rows and cells that are no activity, and why
    # Per hand-made activities sheet: what to remember of its layout (see remember_layouts()).
    layouts: list[dict] = field(default_factory=list)
    organisations: list[OrganisationDraft] = field(default_factory=list)
    processors: list[ProcessorDraft] = field(default_factory=list)
    activities: list[ActivityDraft] = field(default_factory=list)
    transfers: list[Draft] = field(default_factory=list)
    processor_activities: list[Draft] = field(default_factory=list)
    websites: list[Draft] = field(default_factory=list)
    cookies: list[Draft] = field(default_factory=list)
    workspace: models.Model | None = None  # the one workspace the import reads and writes

    @property
    def new_entry_rows(self) -> list[tuple[models.Model, str, list[models.Model]]]:
        """Each entry the import would create, its kind, and the existing entries nearest to it, to map it to."""
        nearest = {id(entry): found for entry, found in self.proposed}
        return [(entry, str(entry._meta.verbose_name), nearest.get(id(entry), [])) for entry in self.new_entries]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        result = {CREATE: 0, CHANGE: 0, UNCHANGED: 0}
        for row in self.rows:
            result[row.action] += 1
        return result

    def apply(self, user=None, filename: str | None = None) -> dict[str, int]:
        """Write the plan in one transaction; every history row names `user` and the reason "Import of <file>".

        Unchanged rows are not saved at all, so re-importing an unchanged export writes no history.
        """
        if self.errors:
            raise ImportRefused(str(self.errors[0]))
        # The reason is stored in the language of whoever imports, as the history page shows it.
        reason = str(_("Import of %(file)s") % {"file": filename or self.filename or "?"})[:REASON_LENGTH]
        author = Author(user, reason)
        with transaction.atomic():
            for entry in self.new_entries:
                save(entry, author)
            self._apply_organisations(author)
            self._apply_drafts(self.processors, author)
            for draft in self.processors:
                if draft.agreement is not None:
                    draft.agreement.processor = draft.instance
                    save(draft.agreement, author)
            # Activities, their details and transfers in bulk per chunk (ropa/imports/writing.py).
            write_activities(self.activities, author)
            write_transfers(self.transfers, author)
            self._apply_drafts(self.processor_activities, author)
            # The cookie register last: its rows name the websites, activities and processors saved above.
            self._apply_drafts(self.websites, author)
            self._apply_drafts(self.cookies, author)
            self._remember_layouts(author)
        return self.counts()

    def _remember_layouts(self, author: Author) -> None:
        """Keep what the officer mapped, and the date the title rows gave, for the next import of the layout."""
        for remembered in self.layouts:
            if not (remembered["columns"] or remembered["entries"] or remembered["sheet_updated"]):
                continue
            layouts = ImportLayout.objects.filter(workspace=self.workspace)
            layout = layouts.filter(layout=remembered["layout"]).first() or ImportLayout(
                layout=remembered["layout"], workspace=self.workspace,
            )
            layout.headings = remembered["headings"]
            layout.columns = {**layout.columns, **remembered["columns"]}
            layout.entries = {**layout.entries, **remembered["entries"]}
            layout.filename = self.filename[:255]
            layout.sheet_updated = remembered["sheet_updated"] or layout.sheet_updated
            organisation = remembered["organisation"]
            if organisation is not None and organisation.pk is not None:
                layout.organisation = organisation
            save(layout, author)

    def _apply_drafts(self, drafts: list[Draft], author: Author) -> None:
        for draft in drafts:
            if draft.action != UNCHANGED:
                save(draft.instance, author)
        for draft in drafts:
            if draft.action != UNCHANGED:
                _set_links(draft.instance, draft.links, draft, author)

    def _apply_organisations(self, author) -> None:
        pending = [draft for draft in self.organisations if draft.action != UNCHANGED]
        # A representative is saved before the organisation that names it.
        for draft in pending:
            if draft.sets_representative and draft.representative is not None and draft.representative.pk is None:
                continue
            if draft.sets_representative:
                draft.instance.representative = draft.representative
            save(draft.instance, author)
            draft.sets_representative = False
        for draft in pending:
            if draft.sets_representative:
                draft.instance.representative = draft.representative
                save(draft.instance, author)



def _set_links(instance: models.Model, links: dict[str, list], draft, author: Author) -> None:
    """Set each many-to-many link the file gives that is new or changed (each set() writes a history row)."""
    author.mark(instance)
    for name, items in links.items():
        if (draft.is_new and items) or name in draft.changed:
            getattr(instance, name).set(items)
