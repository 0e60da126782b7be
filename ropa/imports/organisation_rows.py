"""Rows of the first sheet: the controller and every organisation the record names (Art. 30(1)(a), 30(2)(a))."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ropa.imports.lookups import Lookups, Origin
from ropa.imports.plan import OrganisationDraft
from ropa.imports.values import choice_index, country_code, key, text
from ropa.models import Organisation

ORGANISATION_TEXT = [
    "organisation_number", "address", "email", "phone", "website", "dpo_name", "dpo_email", "dpo_phone",
]


class OrganisationRows(Lookups):
    """Each organisation row creates or updates the organisation of that name; representatives come after."""

    def controller_row(self, origin: Origin, cells: list) -> None:
        values = origin.sheet.values(cells)
        name = text(values.get("name"))
        if not name:
            self.error(origin, "name", _("Every organisation needs a name."))
            return
        if key(name) in self.org_drafts:
            self.error(origin, "name", _("“%(name)s” appears twice; give each organisation one row.") % {"name": name})
            return
        instance = self.organisations.get(key(name)) or Organisation(name=name, workspace=self.workspace)
        fields = ["name", *[f for f in ORGANISATION_TEXT if f in values]]
        before = {f: getattr(instance, f) for f in [*fields, "role", "country"]}
        before["country"] = str(before["country"])
        instance.name = name
        for name_ in ORGANISATION_TEXT:
            if name_ in values:
                setattr(instance, name_, text(values[name_]))
        origin.columns = {f: f for f in ORGANISATION_TEXT} | {"name": "name", "role": "role", "country": "country"}
        if text(values.get("role")):
            role = choice_index(Organisation.Role).find(text(values["role"]))
            if role is None:
                self.error(origin, "role", _("Unknown role “%(value)s”.") % {"value": text(values["role"])})
            else:
                instance.role = role
        if text(values.get("country")):
            code = country_code(text(values["country"]))
            if code is None:
                self.error(origin, "country", _("Unknown country “%(value)s”.") % {"value": text(values["country"])})
            else:
                instance.country = code
        try:
            instance.full_clean(exclude=["representative"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self.validation_errors(origin, error)
        draft = OrganisationDraft(instance)
        if not draft.is_new:
            draft.before |= {f: "" if old is None else str(old) for f, old in before.items()}
        after = {f: str(instance.country) if f == "country" else getattr(instance, f) for f in before}
        draft.changed = {f for f, old in before.items() if old != after[f]}
        draft.origin = origin
        draft.representative_name = text(values.get("representative")) if "representative" in values else None
        self.org_drafts[key(name)] = draft
        self.organisations[key(name)] = instance
        self.plan.organisations.append(draft)

    def resolve_representatives(self) -> None:
        """Art. 27: link each organisation to its representative, once every row of the sheet is known."""
        for draft in list(self.org_drafts.values()):
            name = draft.representative_name
            if name is None:
                continue
            origin: Origin = draft.origin
            representative = None
            if name:
                representative = self.organisation(name, origin, "representative", Organisation.Role.REPRESENTATIVE)
                if representative is None:
                    continue
            if representative is draft.instance:
                self.error(origin, "representative", _("An organisation cannot be its own representative."))
                continue
            wanted = representative.pk if representative is not None else None
            if draft.instance.representative_id != wanted or (representative is not None and wanted is None):
                draft.changed.add("representative")
                draft.sets_representative = True
                draft.representative = representative
        for draft in self.org_drafts.values():
            self.report(draft.origin, draft.instance.name, draft)
