"""Rows of the cookie register (ePrivacy Art. 5(3); Art. 30(1)(d) and (e) for whom the data goes to): our export's
sheet, or the cookie declaration a shop keeps by hand.

A cookie is matched to a saved one by its controller, website, kind and name. Categories are read in nb, sv and
en, as the register's labels or the words declarations use ("Nødvendige", "Marknadsföring", "Analytics"); a
category the import cannot tell is an error on its cell, never a guess, for only "strictly necessary" needs no
consent. The activity and the processor a row names are linked by name, from the file or the record.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ropa.imports.lookups import Lookups, Origin
from ropa.imports.plan import CREATE, Draft, RowReport
from ropa.imports.values import choice_index, company_key, key, text
from ropa.models import Organisation, ProcessingActivity
from ropa.website.models import Cookie, CookieCategory, Website

TEXT = ("name", "host", "purpose", "lifetime")
# The start of a word that says the category, in nb, sv and en.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    CookieCategory.STRICTLY_NECESSARY: (
        "nødvendig", "nodvendig", "nödvändig", "necessary", "essential", "strengt", "strikt", "strictly",
        "teknisk", "technical", "påkrevd", "required",
    ),
    CookieCategory.PREFERENCES: ("preferanse", "inställning", "preference", "funksjon", "funktion", "functional"),
    CookieCategory.STATISTICS: ("statisti", "analy", "måling", "mätning", "measurement", "performance"),
    CookieCategory.MARKETING: (
        "markedsfør", "marknadsför", "marketing", "reklam", "annonse", "annons", "advertis", "targeting",
        "målretting", "riktad",
    ),
}
PARTY_WORDS = {
    Cookie.Party.FIRST: ("første", "först", "first", "1st", "egen", "egne", "egna", "own"),
    Cookie.Party.THIRD: ("tredje", "third", "3rd", "ekstern", "extern"),
}
KIND_WORDS = {
    Cookie.Kind.LOCAL_STORAGE: ("local", "lokal"),
    Cookie.Kind.SESSION_STORAGE: ("sessionstorage", "øktlagring", "sessionslagring"),
    Cookie.Kind.COOKIE: ("cookie", "http", "informasjonskaps", "kaka", "kake"),
}


def _by_words(raw: str, words: dict[str, tuple[str, ...]]) -> str | None:
    """The one choice a word of `raw` starts with a word of; None when none or several do."""
    written = re.findall(r"\w+", key(raw))
    found = {choice for choice, starts in words.items() if any(w.startswith(starts) for w in written)}
    return found.pop() if len(found) == 1 else None


def cookie_category(raw: str) -> str | None:
    return choice_index(CookieCategory).find(raw) or _by_words(raw, CATEGORY_WORDS)


class CookieRows(Lookups):
    def saved_cookies(self) -> dict[tuple, Cookie]:
        if getattr(self, "_saved_cookies", None) is None:
            saved = Cookie.objects.filter(organisation__workspace=self.workspace).select_related(
                "organisation", "website", "activity", "processor",
            ).order_by("pk")
            self._saved_cookies = {}
            for cookie in saved:
                address = cookie.website.address if cookie.website_id else ""
                identity = _identity(cookie.organisation, address, cookie.kind, cookie.name)
                self._saved_cookies.setdefault(identity, cookie)
            self._websites = {
                (key(website.organisation.name), key(website.address)): website
                for website in Website.objects.filter(organisation__workspace=self.workspace).select_related(
                    "organisation",
                )
            }
            self._cookie_rows: set[tuple] = set()
        return self._saved_cookies

    def cookie_row(self, origin: Origin, cells: list) -> None:
        saved = self.saved_cookies()
        values = origin.sheet.values(cells)
        origin.columns = {field: field for field in (*TEXT, "website", "kind", "party", "category", "activity",
                                                     "processor")}
        origin.columns["organisation"] = "controller"
        name = text(values.get("name"))
        if not name:
            self.error(origin, "name", _("Every cookie needs a name or pattern."))
            return
        organisation = self._controller(origin, values)
        if organisation is None:
            return
        new: dict[str, object] = {field: text(values[field]) for field in TEXT if field in values}
        new["name"] = name
        refused = []  # fields already reported, not reported again as empty
        for field, read, choices in (("kind", self._kind, Cookie.Kind), ("party", self._party, Cookie.Party),
                                     ("category", cookie_category, CookieCategory)):
            raw = text(values.get(field))
            if not raw:
                if field == "category":
                    refused.append(field)
                    self.error(origin, field, _("Say the cookie's category: one of %(choices)s.") % {
                        "choices": ", ".join(str(label) for label in choices.labels),
                    })
                continue
            new[field] = read(raw)
            if new[field] is None:
                message = _("“%(value)s” is not a cookie category; write one of: %(choices)s.") if field == "category" \
                    else _("“%(value)s” is not one of: %(choices)s.")
                self.error(origin, field, message % {
                    "value": raw, "choices": ", ".join(str(label) for label in choices.labels),
                })
                del new[field]
                refused.append(field)
        if "party" not in values and new.get("host"):
            new["party"] = self._party_by_host(new["host"], organisation)
        address = text(values.get("website"))
        website = self._website(origin, organisation, address) if address else None
        identity = _identity(organisation, address, new.get("kind", Cookie.Kind.COOKIE), name)
        if identity in self._cookie_rows:
            self.error(origin, "name", _("“%(name)s” appears twice for this website; give each cookie one row.") % {
                "name": name,
            })
            return
        self._cookie_rows.add(identity)
        instance = saved.get(identity) or Cookie(organisation=organisation)
        draft = Draft(instance)
        if "website" in values and _differs(instance, "website", website):
            draft.changed.add("website")
            instance.website = website
        self._links(origin, values, organisation, instance, draft)
        for field, value in new.items():
            if getattr(instance, field) != value:
                draft.changed.add(field)
            setattr(instance, field, value)
        try:
            instance.full_clean(exclude=["organisation", "website", "activity", "processor", *refused],
                                validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self.validation_errors(origin, error, fallback_column="name")
        self.plan.cookies.append(draft)
        self.report(origin, f"{name} ({instance.host})" if instance.host else name, draft,
                    column_of=lambda field: origin.columns.get(field, field))

    def _controller(self, origin: Origin, values: dict) -> Organisation | None:
        written = text(values.get("controller"))
        if written:
            return self.organisation(written, origin, "controller", Organisation.Role.CONTROLLER)
        return self.default_controller(origin)

    def _website(self, origin: Origin, organisation: Organisation, address: str) -> Website | None:
        found = self._websites.get((key(organisation.name), key(address)))
        if found is not None:
            return found
        website = Website(organisation=organisation, address=address)
        try:
            website.full_clean(exclude=["organisation"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for message in error.message_dict.get("address", error.messages):
                self.error(origin, "website", message)
            return None
        self._websites[(key(organisation.name), key(address))] = website
        self.plan.websites.append(Draft(website))
        self.plan.rows.append(RowReport(origin.sheet.title, origin.row, address, CREATE, [str(_("new website"))]))
        return website

    def _links(self, origin: Origin, values: dict, organisation: Organisation, instance: Cookie, draft: Draft) -> None:
        """The activity and the processor or recipient the row names, by name (Art. 30(1)(d))."""
        if "activity" in values:
            written = text(values.get("activity"))
            activity = self._activity(origin, organisation, written) if written else None
            if _differs(instance, "activity", activity):
                draft.changed.add("activity")
                instance.activity = activity
        if "processor" in values:
            written = text(values.get("processor"))
            processor = self.processor(written, origin, "processor", create=True) if written else None
            if _differs(instance, "processor", processor):
                draft.changed.add("processor")
                instance.processor = processor

    def _activity(self, origin: Origin, organisation: Organisation, name: str) -> ProcessingActivity | None:
        draft = self.activity_drafts.get((key(organisation.name), key(name)))
        if draft is not None:
            return draft.instance
        saved = None
        if organisation.pk is not None:
            saved = ProcessingActivity.objects.filter(organisation=organisation, name__iexact=name).first()
        if saved is None:
            message = _("No activity “%(name)s” of “%(controller)s” in the record or the file.")
            self.error(origin, "activity", message % {"name": name, "controller": organisation.name})
        return saved

    def _kind(self, raw: str) -> str | None:
        return choice_index(Cookie.Kind).find(raw) or _by_words(raw.replace(" ", ""), KIND_WORDS)

    def _party(self, raw: str) -> str | None:
        return choice_index(Cookie.Party).find(raw) or _by_words(raw, PARTY_WORDS)

    def _party_by_host(self, host: str, organisation: Organisation) -> str:
        """Without a party column: our own name or no host is first party, any other host third party."""
        if company_key(host) == company_key(organisation.name):
            return Cookie.Party.FIRST
        return Cookie.Party.THIRD


def _identity(organisation: Organisation, address: str, kind: str, name: str) -> tuple:
    return (key(organisation.name), key(address), kind, key(name))


def _differs(instance: Cookie, field: str, value) -> bool:
    """Whether a link changes: a new object never equals the saved one."""
    saved_id = getattr(instance, f"{field}_id")
    if value is None:
        return saved_id is not None
    return value.pk is None or value.pk != saved_id
