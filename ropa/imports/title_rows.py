"""The controller named in the title rows above a sheet's headings (Art. 30(1)(a)).

A company's own sheet often starts with "Protokoll over behandlingsaktiviteter", "Behandlingsansvarlig:
Fjellsport AS", "Org.nr. 920 437 958" and a contact e-mail. The controller is matched to an organisation
in the record by its number, then by its name; otherwise it is offered for creation in the dry run.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ropa.imports.columns import MatchedSheet
from ropa.imports.plan import CHANGE, CREATE, OrganisationDraft, Problem, RowReport
from ropa.imports.values import ENDS_WITH_LEGAL_FORM, country_of, key, parse_date, text
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
# "Personvernombud: Kari Nordmann, kari@butikk.no": the DPO's contact details (Art. 30(1)(a)), not the controller's.
_DPO_LABEL = re.compile(
    r"^\s*(?:personvernombud|personvernombod|dataskyddsombud(?:et)?|databeskyttelsesrådgiver|"
    r"tietosuojavastaava|dpo|data protection officer)\b\s*[:\-–]?\s*",
    re.IGNORECASE,
)
# The title a record's first row gives besides the company's name, in nb, nn, sv, da, en and fr, with what
# follows it ("(artikkel 30 nr. 1)", "enligt artikel 30", "2025") and a "for"/"för" before the name.
_TITLE = re.compile(
    r"(?:protokoll(?:en)?\s+(?:over|for)\s+behandlings\w*|behandlingsprotokoll\w*|"
    r"registerförteckning\w*|förteckning\s+över\s+(?:personuppgifts)?behandlingar|"
    r"fortegnelse\s+over\s+behandlings\w*|records?\s+of\s+processing(?:\s+activities)?|ropa|"
    r"registre\s+des\s+(?:activités\s+de\s+)?traitements?|protokoll)"
    r"(?:\s*\([^)]*\)|\s*(?:etter|iht\.?|enligt|efter|under|pursuant\s+to|according\s+to|selon)?\s*"
    r"(?:gdpr\s*)?art(?:ikkel|ikel|icle)?\.?\s*30\S*(?:\s*(?:nr\.?\s*)?\d)?)*"
    r"(?:\s+(?:for|för|hos|i|til|of|de)\b)?",
    re.IGNORECASE,
)
# "Kontaktperson: Kari Nordmann": a labelled line that names something other than the controller.
_OTHER_LABEL = re.compile(r"^\s*[^\W\d][\w .\-/]{0,40}:\s*\S")
_LABEL = re.compile(r"^\s*(" + "|".join(re.escape(label) for label in LABELS) + r")\b\s*[:\-–]?\s*", re.IGNORECASE)


@dataclass
class TitleController:
    name: str = ""
    number: str = ""
    email: str = ""
    row: int = 0
    dpo_name: str = ""
    dpo_email: str = ""
    address: str = ""
    phone: str = ""
    updated: datetime.date | None = None  # "Sist oppdatert: 03.02.2025"


# "Adresse: Storgata 12, 0155 Oslo", "Tlf: 22 11 22 33", "Sist oppdatert: 03.02.2025" (nb, nn, sv, da, en).
_ADDRESS = re.compile(
    r"^\s*(?:post|besøks|besøks|gate|besöks|besøgs)?(?:adresse|adress|address)\s*[:\-–]\s*(.+)$", re.IGNORECASE,
)
_PHONE = re.compile(r"(?:telefon(?:nummer)?|tlf|tel|phone|mobil)\.?\s*[:.\-–]?\s*(\+?\d[\d \-]{6,}\d)",
                    re.IGNORECASE)
_UPDATED = re.compile(
    r"^\s*(?:sist\s+(?:oppdatert|endret|endra|revidert|gjennomgått)|oppdatert|revidert|senast\s+(?:uppdaterad|"
    r"ändrad|reviderad)|uppdaterad|sidst\s+(?:opdateret|ændret|revideret)|opdateret|last\s+(?:updated|revised|"
    r"reviewed)|updated|dato|datum|date)\s*[:\-–]?\s*(.*)$",
    re.IGNORECASE,
)


def _title_details(found: "TitleController", cell: str, later: list) -> None:
    """The controller's address and phone, and the date the record was last updated, as the title rows say."""
    if not found.address and (match := _ADDRESS.match(cell)):
        found.address = match.group(1).strip(" ,;")[:500]
    if not found.phone and (match := _PHONE.search(cell)):
        found.phone = " ".join(match.group(1).split())[:40]
    if found.updated is None and (match := _UPDATED.match(cell)):
        for value in [match.group(1).strip(), *later]:
            if value in (None, ""):
                continue
            try:
                found.updated = parse_date(value)
            except ValueError:
                pass
            break


def read_title_rows(rows: list[tuple[int, list]]) -> TitleController | None:
    """The controller's name, organisation number and e-mail as the title rows give them, if they do.

    The name is the one labelled ("Behandlingsansvarlig: Fjellsport AS"); else the first title row's text
    with the record's title taken off ("Butikken Verdifull AS – protokoll over behandlingsaktiviteter"),
    when the rows also give an organisation number or the name ends in a company form (AS, AB, Ltd).
    """
    found = TitleController()
    for number, cells in rows:
        texts = [text(cell) for cell in cells]
        for position, cell in enumerate(texts):
            if not cell:
                continue
            _title_details(found, cell, cells[position + 1:])
            if not found.number and (match := _NUMBER.search(cell)):
                found.number, found.row = re.sub(r"\D", "", match.group(1)), found.row or number
            elif not found.number and _NUMBER_LABEL.match(cell):
                later = next((later for later in texts[position + 1:] if later), "")
                if re.fullmatch(r"\d[\d .\-]{4,}\d", later):
                    found.number, found.row = re.sub(r"\D", "", later), found.row or number
            if (dpo := _DPO_LABEL.match(cell)) and not found.dpo_email:
                rest = " ".join([cell[dpo.end():], *(later for later in texts[position + 1:] if later)])
                if match := _EMAIL.search(rest):
                    found.dpo_email = match.group(0)
                    found.dpo_name = rest[:match.start()].strip(" ,;:–-<>()\t")[:200]
                continue
            if not found.email and (match := _EMAIL.search(cell)) and match.group(0) != found.dpo_email:
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
    if not found.name:
        found.name, row = _name_in_title(rows)
        if found.name and (found.number or ENDS_WITH_LEGAL_FORM.search(found.name)):
            found.row = row
        else:
            found.name = ""
    return found if found.name or found.number or found.address or found.phone or found.updated else None


def _name_in_title(rows: list[tuple[int, list]]) -> tuple[str, int]:
    """The company's name in the first title row that has text: its title, number and e-mail taken off."""
    for number, cells in rows:
        cell = next((text(cell) for cell in cells if text(cell)), "")
        if not cell:
            continue
        if _OTHER_LABEL.match(cell) or _NUMBER.search(cell) and not _NUMBER.sub("", cell).strip(" ,;:–-"):
            return "", number
        parts = re.split(r"\s+-\s+|\s*[–—|]\s*", _name_only(_TITLE.sub(" – ", cell)))
        # What is left of "Protokoll over behandlingsaktiviteter (artikkel 30 nr. 1) – 2025" is no name.
        names = [" ".join(part.strip(" ,;:()").split()) for part in parts if re.search(r"[^\W\d_]{2}", part)]
        return (names[0] if len(names) == 1 else ""), number
    return "", 0


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
        organisation = self._match_title_controller(sheet, found) if found and (found.name or found.number) else None
        self.title_controllers[sheet.title] = organisation
        return organisation

    def title_details(self, sheet: MatchedSheet) -> None:
        """The address, phone and "Sist oppdatert" of the title rows are kept: the date on the import's record of
        the layout (ImportLayout), the contact details on the controller where it has none yet (Art. 30(1)(a))."""
        found = read_title_rows(sheet.title_rows)
        if found is None:
            return
        if found.updated is not None:
            self.sheet_dates[sheet.title] = found.updated
            self.plan.notes.append(Problem(sheet.title, found.row or None, "", _(
                "The sheet was last updated %(date)s, as its title rows say; kept with this import."
            ) % {"date": found.updated.isoformat()}))
        if not (found.address or found.phone) or sheet.has("controller"):
            return
        organisation = self.default_organisation or self.title_controller(sheet)
        if organisation is None:
            return
        draft = next((d for d in self.plan.organisations if d.instance is organisation), None)
        if draft is None:
            draft = OrganisationDraft(organisation)
            self.plan.organisations.append(draft)
        kept = []
        for name, value in (("address", found.address), ("phone", found.phone)):
            if value and not getattr(organisation, name):
                setattr(organisation, name, value)
                draft.changed.add(name)
                kept.append(value)
        if kept and not draft.is_new:
            self.plan.rows.append(RowReport(sheet.title, found.row, organisation.name, CHANGE, kept))
        if kept:
            self.plan.notes.append(Problem(sheet.title, found.row or None, "", _(
                "Kept from the title rows on “%(name)s”: %(details)s."
            ) % {"name": organisation.name, "details": "; ".join(kept)}))

    def _match_title_controller(self, sheet: MatchedSheet, found: TitleController) -> Organisation | None:
        by_number = {
            re.sub(r"\D", "", org.organisation_number): org
            for org in self.organisations.values() if org.organisation_number
        }
        organisation = by_number.get(found.number) if found.number else None
        how = _("by organisation number")
        if organisation is None and found.name:
            organisation, how = self.find_organisation(found.name), _("by name")
        if organisation is not None:
            note = _("Controller from the title rows: “%(written)s”, matched %(how)s to “%(name)s”.") % {
                "written": found.name or found.number, "how": how, "name": organisation.name,
            }
            self.plan.notes.append(Problem(sheet.title, found.row, "", note))
            if how == _("by organisation number") and found.name and key(found.name) != key(organisation.name):
                self.plan.warnings.append(Problem(sheet.title, found.row, "", _(
                    "Organisation number %(number)s in the title rows is “%(name)s” in the record, but the title rows "
                    "name “%(written)s”; the activities are imported for “%(name)s”. Check the number."
                ) % {"number": found.number, "name": organisation.name, "written": found.name}))
            return organisation
        if not found.name:
            self.plan.warnings.append(Problem(sheet.title, found.row, "", _(
                "Organisation number %(number)s in the title rows matches no organisation, and no name is given."
            ) % {"number": found.number}))
            return None
        organisation = Organisation(name=found.name, role=Organisation.Role.CONTROLLER, email=found.email,
                                    dpo_name=found.dpo_name, dpo_email=found.dpo_email, workspace=self.workspace)
        # A Swedish org.nr. or an "AB" makes a Swedish controller; the model's default is Norway.
        organisation.country = country_of(found.name, found.number) or organisation.country
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
        if organisation.country != Organisation._meta.get_field("country").default:
            details.append(str(organisation.country.name))  # told from the number or the company form
        if organisation.email:
            details.append(organisation.email)
        if organisation.dpo_email:
            details.append(str(_("DPO: %(contact)s") % {
                "contact": " ".join(filter(None, [organisation.dpo_name, f"<{organisation.dpo_email}>"])),
            }))
        self.plan.rows.append(RowReport(sheet.title, found.row, found.name, CREATE, details))
        return organisation
