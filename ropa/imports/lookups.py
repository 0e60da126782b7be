"""What every sheet reader shares: the names already in the record, and how problems are reported."""

import difflib
import re
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from ropa.imports.columns import MatchedSheet
from ropa.imports.plan import (
    CREATE,
    ActivityDraft,
    ImportPlan,
    OrganisationDraft,
    Problem,
    ProcessorDraft,
    RowReport,
    shown,
)
from ropa.imports.special import special_category, special_kind
from ropa.imports.values import PLURAL_ENDINGS, company_key, country_in_name, key, split_lines, stem
from ropa.models import (
    DataSubjectCategory,
    Organisation,
    PersonalDataCategory,
    Processor,
    RecipientCategory,
    SecurityMeasure,
    System,
    Workspace,
)

_COMMAS = re.compile(r",(?![^()]*\))")  # commas outside brackets: "Navn, Kontaktopplysninger (e-post, telefon)"


def fold(name: str) -> str:
    """A name as compared for near-duplicates: letters only, case folded, without its plural or definite ending
    ("E-postadresse" is "epostadress", "e-post" is "epost")."""
    return stem(re.sub(r"[^\w]|_", "", key(name)))


_NAME_PARTS = re.compile(r"[(),/]|\s+(?:og|och|and|eller|or)\s+|-\s+og\s+|-\s+och\s+")


def _letters(name: str) -> str:
    return re.sub(r"[^\w]|_", "", key(name))


def _once(word: str) -> str:
    """A word without one plural or definite ending ("adress" → "adres"), to look for inside longer names."""
    ending = next((e for e in PLURAL_ENDINGS if word.endswith(e) and len(word) - len(e) >= 4), "")
    return word[: len(word) - len(ending)]


@dataclass
class FoldedNames:
    full: set[str]  # each name folded whole
    parts: set[str]  # each part of a name folded: "Kontaktopplysninger", "e-post", "telefon"
    plain: set[str] = field(default_factory=set)  # each name in letters only, its endings kept

    def fits(self, written: str) -> bool:
        """Whether a folded word is one of these names or parts, or a compound made on a part ("epostadress")."""
        if written in self.full or written in self.parts:
            return True
        return any(len(part) >= 4 and written.startswith(part) and len(written) - len(part) <= 8
                   for part in self.parts)


def folded_names(entry: models.Model) -> FoldedNames:
    names = [name for name in (getattr(entry, "name", ""), getattr(entry, "name_nb", ""),
                               getattr(entry, "name_sv", "")) if name]
    parts = {fold(part) for name in names for part in _NAME_PARTS.split(name)}
    return FoldedNames({fold(name) for name in names}, {part for part in parts if part},
                       {_letters(name) for name in names})


@dataclass
class Origin:
    """Where a value came from, to point an error at its sheet, row and column."""

    sheet: MatchedSheet
    row: int
    columns: dict[str, str] = field(default_factory=dict)  # field name -> column key


class Lookups:
    """Names in the record (organisations, vocabulary in all three languages, systems), read once."""

    def __init__(
        self, create_missing: bool = False, organisation: Organisation | None = None,
        workspace: Workspace | None = None, entry_map: dict[str, str] | None = None,
    ):
        self.plan = ImportPlan()
        self.entry_map = entry_map or {}  # folded written word -> name of the existing entry the officer chose
        self.create_missing = create_missing
        self.default_organisation = organisation
        # An import reads and writes one workspace: the names of other clients' records are never matched.
        self.workspace = workspace or (organisation.workspace if organisation else Workspace.objects.sole())
        mine = Q(workspace=self.workspace)
        self.organisations = {key(org.name): org for org in Organisation.objects.filter(mine).order_by("-pk")}
        # "Klarna Bank AB (publ)" finds "Klarna Bank AB", "Google Ireland Ltd." finds "Google Ireland Limited".
        self.organisations_by_form = {company_key(org.name): org for org in self.organisations.values()}
        self.lookups: dict[type[models.Model], dict[str, models.Model]] = {}
        for model in (DataSubjectCategory, PersonalDataCategory, RecipientCategory, SecurityMeasure):
            entries = self.lookups[model] = {}
            for entry in model.objects.filter(mine | Q(workspace__isnull=True)).order_by("workspace", "pk"):
                for name in (entry.name, entry.name_nb, entry.name_sv):
                    if name:
                        entries.setdefault(key(name), entry)
        self.lookups[System] = {key(system.name): system for system in System.objects.filter(mine)}
        self.stems: dict[type[models.Model], dict[str, models.Model]] = {
            model: {stem(name): entry for name, entry in reversed(list(entries.items()))}
            for model, entries in self.lookups.items() if model is not System
        }
        self.matched: set[tuple[type[models.Model], str]] = set()
        self.folded = {model: [(entry, folded_names(entry)) for entry in {id(e): e for e in entries.values()}.values()]
                       for model, entries in self.lookups.items() if model is not System}
        saved_processors = Processor.objects.filter(mine).select_related("organisation").prefetch_related(
            "sub_processors", "agreements",
        )
        self.processors = {key(processor.name): processor for processor in saved_processors}
        self.processors_by_form = {company_key(processor.name): processor for processor in self.processors.values()}
        self.processor_drafts: dict[str, ProcessorDraft] = {}
        self.activity_drafts: dict[tuple[str, str], ActivityDraft] = {}
        self._saved_transfers: dict | None = None
        self.org_drafts: dict[str, OrganisationDraft] = {}
        self.title_controllers: dict[str, Organisation | None] = {}
        self.sheet_dates: dict = {}  # sheet title -> the date its title rows say it was last updated
        self.sheet_kinds: set[str] = set()
        self.refused_cells: set[tuple[str, int | None, str]] = set()
        self.parsed: dict = {}  # (controller key, activity key) -> ParsedActivity
        self.processor_keys: set[tuple[str, str, str]] = set()
        self._saved_processor_activities: dict | None = None

    # Problems -------------------------------------------------------------------------------------

    def _heading(self, origin: Origin, column: str) -> str:
        match = origin.sheet.column(column)
        return str(match) if match else ""

    def error(self, origin: Origin, column: str, reason: str) -> None:
        problem = Problem(origin.sheet.title, origin.row, self._heading(origin, column), str(reason))
        # A cell refused as a formula is not also reported as empty.
        if problem not in self.plan.errors and (problem.sheet, problem.row, problem.column) not in self.refused_cells:
            self.plan.errors.append(problem)

    def warn(self, origin: Origin, column: str, reason: str) -> None:
        self.plan.warnings.append(Problem(origin.sheet.title, origin.row, self._heading(origin, column), str(reason)))

    def validation_errors(self, origin: Origin, error: ValidationError, fallback_column: str = "") -> None:
        for name, messages in error.message_dict.items():
            column = origin.columns.get(name, fallback_column) if name != NON_FIELD_ERRORS else fallback_column
            for message in messages:
                self.error(origin, column, message)

    # Lookups --------------------------------------------------------------------------------------

    def find_entry(self, model: type[models.Model], name: str, origin: Origin | None = None,
                   column: str = "") -> models.Model | None:
        """An entry by its name in any language, else by the same name in another number ("Kunde", "Kunder").

        A match by form is listed once in the dry run's notes, so the user sees which entry was taken.
        """
        found = self.lookups[model].get(key(name))
        if found is not None or model is System:
            return found
        found = self.stems[model].get(stem(name))
        if found is not None and origin is not None and (model, key(name)) not in self.matched:
            self.matched.add((model, key(name)))
            self.plan.notes.append(Problem(origin.sheet.title, origin.row, self._heading(origin, column), _(
                "“%(written)s” taken as the existing %(kind)s “%(entry)s”."
            ) % {"written": name, "kind": model._meta.verbose_name, "entry": str(found)}))
        return found

    def entry(self, model: type[models.Model], name: str, language: str | None) -> models.Model | None:
        """A new vocabulary entry (or system), if the user asked for missing entries to be created.

        Its name is stored in the label of the sheet's language too, so a Norwegian word shows as written on a
        Norwegian page (the English name is required, and holds the same word until someone translates it).
        """
        if not self.create_missing:
            return None
        found = model(name=name, workspace=self.workspace)
        if language in ("nb", "sv") and hasattr(found, f"name_{language}"):
            setattr(found, f"name_{language}", name)
        kind = special_kind(name) if model is PersonalDataCategory else None
        if kind:
            found.kind = kind  # Art. 9(1) or Art. 10 data named in words the seeded entries do not have
        self.lookups[model][key(name)] = found
        if model in self.stems:
            self.stems[model].setdefault(stem(name), found)
            self.plan.proposed.append((found, self.nearest(model, name)))
        self.plan.new_entries.append(found)
        return found

    def nearest(self, model: type[models.Model], name: str) -> list[models.Model]:
        """The existing entries closest to a new word, for the dry run to offer: those whose names contain it
        ("Kryptering" → both seeded encryption measures), else the most alike by spelling."""
        written = fold(name)
        if not written:
            return []
        saved = [(entry, names) for entry, names in self.folded[model] if entry.pk is not None]
        inside = _once(_letters(name))
        containing = [entry for entry, names in saved if any(inside in plain for plain in names.plain)]
        if containing:
            return containing[:3]
        by_name = {folded: entry for entry, names in saved for folded in names.full}
        return [by_name[close] for close in difflib.get_close_matches(written, list(by_name), n=2, cutoff=0.6)]

    def _mapped_entry(self, model: type[models.Model], name: str, origin: Origin | None,
                      column: str) -> models.Model | None:
        """The existing entry the officer mapped this word to ("Kryptering=Kryptering av lagrede data")."""
        target = self.entry_map.get(key(name))
        if target is None:
            return None
        found = self.lookups[model].get(key(target))
        if found is None and origin is not None:
            self.error(origin, column, _("“%(word)s” is mapped to “%(entry)s”, which is no %(kind)s in the record.") % {
                "word": name, "entry": target, "kind": model._meta.verbose_name,
            })
        elif found is not None and origin is not None and (model, key(name)) not in self.matched:
            self.matched.add((model, key(name)))
            self.plan.notes.append(Problem(origin.sheet.title, origin.row, self._heading(origin, column), _(
                "“%(written)s” taken as the existing %(kind)s “%(entry)s”, as mapped."
            ) % {"written": name, "kind": model._meta.verbose_name, "entry": str(found)}))
        return found

    def _special_entry(self, name: str, origin: Origin | None, column: str) -> models.Model | None:
        """Art. 9(1), Art. 10: "allergier", "sykefravær", "fagforening" are the seeded category of their kind, so
        the activity stays incomplete until its condition is given."""
        english = special_category(name)
        found = self.lookups[PersonalDataCategory].get(key(english)) if english else None
        if found is not None and origin is not None and (PersonalDataCategory, key(name)) not in self.matched:
            self.matched.add((PersonalDataCategory, key(name)))
            self.plan.notes.append(Problem(origin.sheet.title, origin.row, self._heading(origin, column), _(
                "“%(written)s” is %(kind)s; taken as the category “%(entry)s”."
            ) % {"written": name, "kind": found.get_kind_display(), "entry": str(found)}))
        return found

    def _folded_entry(self, model: type[models.Model], name: str, origin: Origin | None,
                      column: str) -> models.Model | None:
        """An entry one of whose names, or a part of one, is the word folded: "e-post" and "E-postadresse" are
        the seeded "Kontaktopplysninger (e-post, telefon)". Taken only when exactly one entry fits."""
        written = fold(name)
        if len(written) < 3:
            return None
        fits = {id(entry): entry for entry, names in self.folded[model] if names.fits(written)}
        if len(fits) != 1:
            return None
        [found] = fits.values()
        if origin is not None and (model, key(name)) not in self.matched:
            self.matched.add((model, key(name)))
            self.plan.notes.append(Problem(origin.sheet.title, origin.row, self._heading(origin, column), _(
                "“%(written)s” taken as the existing %(kind)s “%(entry)s”, which names it."
            ) % {"written": name, "kind": model._meta.verbose_name, "entry": str(found)}))
        return found

    def entries(self, model: type[models.Model], raw, language: str | None, origin: Origin | None = None,
                column: str = "") -> tuple[list, list[str]]:
        """The entries a list cell names, and the names it could not match.

        A piece with commas is one name if the record knows it ("Name, address and phone"), else a list.
        """
        found, unknown = [], []
        for piece in split_lines(raw):
            whole = self.find_entry(model, piece, origin, column)
            parts = [piece] if whole or "," not in piece else [part.strip() for part in _COMMAS.split(piece)]
            for part in filter(None, parts):
                entry = (
                    whole or self.find_entry(model, part, origin, column)
                    or self._mapped_entry(model, part, origin, column)
                    or (self._special_entry(part, origin, column) if model is PersonalDataCategory else None)
                    or (self._folded_entry(model, part, origin, column) if model is not System else None)
                    or self.entry(model, part, language)
                )
                if entry is None:
                    unknown.append(part)
                elif entry not in found:
                    found.append(entry)
        return found, unknown

    def find_organisation(self, name: str) -> Organisation | None:
        """An organisation by its name, or by the same name with its company form written otherwise."""
        return self.organisations.get(key(name)) or self.organisations_by_form.get(company_key(name))

    def organisation(
        self, name: str, origin: Origin, column: str, role: str, report: bool = True,
    ) -> Organisation | None:
        found = self.find_organisation(name)
        if found is None and self.create_missing:
            found = Organisation(name=name, role=role, workspace=self.workspace)
            # Its country from its name or company form ("Klarna Bank AB"); else the model's default, said below.
            country = country_in_name(name)
            found.country = country or found.country
            if not country:
                self.plan.notes.append(Problem(origin.sheet.title, origin.row, self._heading(origin, column), _(
                    "The country of “%(name)s” cannot be told from its name; it is created in %(country)s. "
                    "Correct it on the organisation's page."
                ) % {"name": name, "country": found.country.name}))
            self.organisations[key(name)] = found
            self.organisations_by_form.setdefault(company_key(name), found)
            self.plan.organisations.append(OrganisationDraft(found))
            if report:
                self.plan.rows.append(RowReport(origin.sheet.title, origin.row, name, CREATE, [_("new organisation")]))
        if found is None:
            self.error(origin, column, _("No organisation named “%(name)s” in the record or in the file.") % {
                "name": name,
            })
        return found

    # Sheets ---------------------------------------------------------------------------------------

    def report(self, origin: Origin, label: str, draft, column_of=lambda name: name, field_label=str) -> None:
        """One row of the dry-run report: what the row does and, for a change, each column's old → new value."""
        row = RowReport(origin.sheet.title, origin.row, label, draft.action)
        if not draft.is_new:
            for name in sorted(draft.changed):
                heading = self._heading(origin, column_of(name)) or field_label(name)
                old, new = self._old_and_new(draft, name)
                row.details.append((heading, old, new))
            row.changes = sorted({heading for heading, _old, _new in row.details})
        self.plan.rows.append(row)

    def _old_and_new(self, draft, name: str) -> tuple[str, str]:
        instance = draft.instance
        if name in draft.before:
            return draft.before[name], shown(instance, name)
        if name in draft.links:
            return _names(getattr(instance, name).all()), _names(draft.links[name])
        if name == "purposes":
            return _purposes(instance.purposes.all()), _purposes(draft.purposes or [])
        if name == "retention_rules":
            return _names(instance.retention_rules.all()), _names(draft.retention_rules or [])
        if name == "processors":
            by_pk = {processor.pk: processor for processor in self.processors.values()}
            saved = [by_pk.get(use.processor_id, use.processor_id) for use in instance.processor_uses.all()]
            return _names(saved), _names(draft.processors or [])
        return "", ""

    def processor(self, name: str, origin: Origin, column: str, create: bool = False) -> Processor | None:
        """A processor by name, from the processors sheet or the record.

        With `create` (a processor named in an activity's row) and "create missing entries", an unknown one is
        added with no agreement, so the record flags its Art. 28(3) data processing agreement as missing.
        """
        found = self.processors.get(key(name)) or self.processors_by_form.get(company_key(name))
        if found is None and create and self.create_missing:
            details = [str(_("new processor; its data processing agreement is missing (Art. 28(3))"))]
            legal_entity = self.find_organisation(name)
            if legal_entity is None:
                # Its legal entity is new too: said on the processor's line, not on a second line of the same name.
                legal_entity = self.organisation(name, origin, column, Organisation.Role.PROCESSOR, report=False)
                details.append(str(_("new organisation")))
            found = Processor(
                name=name[:200], organisation=legal_entity, workspace=self.workspace,
                service=_("Named in an imported record; describe what it does for us."),
            )
            self.processors[key(name)] = found
            self.processors_by_form.setdefault(company_key(name), found)
            self.processor_drafts[key(name)] = draft = ProcessorDraft(found, origin=origin)
            self.plan.processors.append(draft)
            self.plan.rows.append(RowReport(origin.sheet.title, origin.row, name, CREATE, details))
        if found is None:
            self.error(origin, column, _(
                "No processor named “%(name)s” in the record or in the processors sheet."
            ) % {"name": name})
        return found

    def default_controller(self, origin: Origin) -> Organisation | None:
        if self.default_organisation is not None:
            return self.default_organisation
        from_title = self.title_controller(origin.sheet)
        if from_title is not None:
            return from_title
        controllers = [org for org in self.organisations.values() if org.role == Organisation.Role.CONTROLLER]
        if len(controllers) == 1:
            return controllers[0]
        self.error(origin, "controller", _("Say which controller this belongs to (choose one when importing)."))
        return None

    # Activities (Art. 30(1)(b)–(g)) --------------------------------------------------------------


def _names(items) -> str:
    return "; ".join(str(item) for item in items)


def _purposes(purposes) -> str:
    return "; ".join(f"{purpose.description} ({', '.join(purpose.bases)})" for purpose in purposes)


def same_links(saved, items: list) -> bool:
    """Whether the file's entries are the saved ones (an entry still to be created never is)."""
    if any(item.pk is None for item in items):
        return False
    return {item.pk for item in saved} == {item.pk for item in items}
