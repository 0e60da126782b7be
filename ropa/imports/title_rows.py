"""The controller named in the title rows above a sheet's headings (Art. 30(1)(a)).

A company's own sheet often starts with "Protokoll over behandlingsaktiviteter", "Behandlingsansvarlig:
Fjellsport AS", "Org.nr. 920 437 958" and a contact e-mail. The controller is matched to an organisation
in the record by its number, then by its name; otherwise it is offered for creation in the dry run.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ropa.imports.columns import MatchedSheet
from ropa.imports.plan import CREATE, OrganisationDraft, Problem, RowReport
from ropa.imports.values import key, text
from ropa.models import Organisation
from ropa.models.organisations import clean_organisation_number

LABELS = (
    "behandlingsansvarlig", "behandlingsansvarleg", "personuppgiftsansvarig", "dataansvarlig", "controller",
    "name of controller", "virksomhet", "verksamhet", "organisasjon", "organisation", "company", "foretak",
    "företag", "selskap", "bedrift", "virksomhed",
)
_NUMBER = re.compile(
    r"(?:org\.?\s*(?:nr|nummer|no)\.?|organisa(?:s|t)jons(?:nummer|nr\.?)|organisationsnummer|cvr(?:-?nr\.?)?|"
    r"company (?:registration )?number)\s*[:.]?\s*(\d[\d .\-]{4,}\d)",
    re.IGNORECASE,
)
_NUMBER_LABEL = re.compile(
    r"^\s*(?:org\.?\s*(?:nr|nummer|no)\.?|organisa(?:s|t)jons(?:nummer|nr\.?)|organisationsnummer|cvr(?:-?nr\.?)?|"
    r"company (?:registration )?number)\s*[:.]?\s*$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LABEL = re.compile(r"^\s*(" + "|".join(re.escape(label) for label in LABELS) + r")\b\s*[:\-–]?\s*", re.IGNORECASE)


@dataclass
class TitleController:
    name: str = ""
    number: str = ""
    email: str = ""
    row: int = 0


def read_title_rows(rows: list[tuple[int, list]]) -> TitleController | None:
    """The controller's name, organisation number and e-mail as the title rows give them, if they do."""
    found = TitleController()
    for number, cells in rows:
        texts = [text(cell) for cell in cells]
        for position, cell in enumerate(texts):
            if not cell:
                continue
            if not found.number and (match := _NUMBER.search(cell)):
                found.number, found.row = re.sub(r"\D", "", match.group(1)), found.row or number
            elif not found.number and _NUMBER_LABEL.match(cell):
                later = next((later for later in texts[position + 1:] if later), "")
                if re.fullmatch(r"\d[\d .\-]{4,}\d", later):
                    found.number, found.row = re.sub(r"\D", "", later), found.row or number
            if not found.email and (match := _EMAIL.search(cell)):
                found.email = match.group(0)
            label = _LABEL.match(cell)
            if found.name or not label:
                continue
            value = cell[label.end():]
            if not value.strip():
                value = next((later for later in texts[position + 1:] if later), "")
            name = _name_only(value)
            if name:
                found.name, found.row = name, number
    return found if found.name or found.number else None


def _name_only(value: str) -> str:
    """The name out of "Fjellsport AS, org.nr. 920 437 958, personvern@fjellsport.no"."""
    for pattern in (_NUMBER, _EMAIL):
        match = pattern.search(value)
        if match:
            value = value[:match.start()]
    return value.strip(" ,;:–-()\t")[:200]


class TitleRows:
    """For PlanBuilder: the controller of each sheet that names one above its headings."""

    def title_controller(self, sheet: MatchedSheet) -> Organisation | None:
        if sheet.title in self.title_controllers:
            return self.title_controllers[sheet.title]
        found = read_title_rows(sheet.title_rows)
        organisation = self._match_title_controller(sheet, found) if found else None
        self.title_controllers[sheet.title] = organisation
        return organisation

    def _match_title_controller(self, sheet: MatchedSheet, found: TitleController) -> Organisation | None:
        by_number = {
            re.sub(r"\D", "", org.organisation_number): org
            for org in self.organisations.values() if org.organisation_number
        }
        organisation = by_number.get(found.number) if found.number else None
        how = _("by organisation number")
        if organisation is None and found.name:
            organisation, how = self.organisations.get(key(found.name)), _("by name")
        if organisation is not None:
            note = _("Controller from the title rows: “%(written)s”, matched %(how)s to “%(name)s”.") % {
                "written": found.name or found.number, "how": how, "name": organisation.name,
            }
            self.plan.notes.append(Problem(sheet.title, found.row, "", note))
            return organisation
        if not found.name:
            self.plan.warnings.append(Problem(sheet.title, found.row, "", _(
                "Organisation number %(number)s in the title rows matches no organisation, and no name is given."
            ) % {"number": found.number}))
            return None
        organisation = Organisation(name=found.name, role=Organisation.Role.CONTROLLER, email=found.email)
        if found.number:
            try:
                organisation.organisation_number = clean_organisation_number(found.number, organisation.country)
            except ValidationError:
                self.plan.warnings.append(Problem(sheet.title, found.row, "", _(
                    "%(number)s is not a valid organisation number; the controller is created without it."
                ) % {"number": found.number}))
        self.organisations[key(found.name)] = organisation
        self.plan.organisations.append(OrganisationDraft(organisation))
        details = [str(_("new organisation"))]
        if organisation.organisation_number:
            details.append(str(_("org.nr. %(number)s") % {"number": organisation.organisation_number}))
        if organisation.email:
            details.append(organisation.email)
        self.plan.rows.append(RowReport(sheet.title, found.row, found.name, CREATE, details))
        return organisation
