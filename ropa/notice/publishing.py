"""Publishing the privacy notice: the officer freezes a version, dated, in one language (Art. 12(1), 13(3)).

Publication is refused while an activity in use cannot be told (Art. 13 and 14: what data subjects must be told
is missing from the record) or while the notice is not wholly written in the language; the officer gets the list
of what to fill. Each version keeps what it said, and what changed since the version before it.
"""

import dataclasses
import json

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ropa.models import Organisation, PublishedNotice
from ropa.notice.content import Notice, write_notice
from ropa.notice.sources import live_parts
from ropa.website.declaration import cookie_groups


class NotPublishable(Exception):
    """The notice may not be published as the record stands; `reasons` says what to fill, in the officer's words."""

    def __init__(self, reasons: list[str], unchanged: bool = False) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons
        self.unchanged = unchanged  # refused only because the last version already says all this


def refusals(notice: Notice) -> list[str]:
    """What stops this notice from being published in its language; empty when it may be."""
    language = translation.get_language_info(notice.language)["name_translated"]
    reasons = [
        _("“%(activity)s” is in use but cannot be told: %(gaps)s") % {
            "activity": item.activity.name, "gaps": " ".join(_sentence(reason) for reason in item.reasons),
        }
        for item in notice.blocking
    ]
    reasons += [
        _("Not yet translated into %(language)s: “%(text)s”") % {"language": language, "text": text}
        for text in notice.missing_wording
    ]
    reasons += [
        _("The vocabulary entry “%(name)s” has no name in %(language)s.") % {"name": name, "language": language}
        for name in notice.missing_labels
    ]
    return reasons


def _sentence(reason: str) -> str:
    reason = str(reason).strip()
    return reason if reason.endswith((".", ")")) else f"{reason}."


def outline_of(notice: Notice) -> dict:
    """What the notice tells, activity by activity and the rest together, to compare two versions."""
    organisation = notice.organisation
    general = {
        "introduction": notice.introduction,
        "contact": [organisation.name, organisation.organisation_number, organisation.address, organisation.email,
                    organisation.phone, organisation.website, organisation.dpo_name, organisation.dpo_email,
                    organisation.dpo_phone],
        "authority": notice.authority.name,
        "rights": [notice.has_consent, notice.may_object, notice.may_port, notice.has_automated_decisions,
                   notice.has_profiling, notice.has_copy_on_request, notice.withheld_automated],
    }
    cookies = [
        [cookie.category, cookie.name, cookie.purpose, cookie.lifetime, cookie.party,
         cookie.processor.name if cookie.processor else cookie.host]
        for group in cookie_groups(organisation, notice.as_of) for cookie in group.cookies
    ]
    return {
        "general": general, "cookies": cookies,
        "sections": {section.name: dataclasses.asdict(section) for section in notice.sections},
    }


def changes_between(before: dict, after: dict) -> list[str]:
    """Art. 13(3): what a reader of the earlier version should know is new, gone or changed, in the active language."""
    old, new = before.get("sections", {}), after.get("sections", {})
    changes = [_("New: %(activity)s") % {"activity": name} for name in new if name not in old]
    changes += [
        _("Changed: %(activity)s") % {"activity": name} for name in new if name in old and old[name] != new[name]
    ]
    changes += [_("No longer told: %(activity)s") % {"activity": name} for name in old if name not in new]
    general_before, general_after = before.get("general", {}), after.get("general", {})
    if general_before.get("introduction") != general_after.get("introduction"):
        changes.append(_("The introduction is reworded."))
    if general_before.get("contact") != general_after.get("contact"):
        changes.append(_("Our contact details are changed."))
    if any(general_before.get(key) != general_after.get(key) for key in ("authority", "rights")):
        changes.append(_("What we say about your rights is changed."))
    if before.get("cookies", []) != after.get("cookies", []):
        changes.append(_("The list of cookies on our website is changed."))
    return changes


def render_notice(notice: Notice, request_form_url: str) -> tuple[str, str]:
    """The notice as an HTML fragment and as Markdown, in the notice's language."""
    context = {
        "notice": notice, "organisation": notice.organisation, "request_form_url": request_form_url,
        "cookie_groups": cookie_groups(notice.organisation, notice.as_of),  # ePrivacy Art. 5(3)
    }
    with translation.override(notice.language):
        return (render_to_string("notice/body.html", context).strip(), render_to_string("notice/notice.md", context))


def publish(organisation: Organisation, language: str, user, request_form_url: str) -> PublishedNotice:
    """Freeze the notice as the record stands, as the next version in `language`; NotPublishable says why not."""
    with transaction.atomic():
        # Lock the controller so two officers publishing at once cannot both take the same version number.
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        notice = write_notice(live_parts(organisation), language=language)
        reasons = refusals(notice)  # in the officer's language
        if reasons:
            raise NotPublishable(reasons)
        with translation.override(notice.language):
            previous = PublishedNotice.objects.filter(organisation=organisation, language=notice.language).first()
            outline = _json_safe(outline_of(notice))
            if previous is not None and previous.outline == outline:
                raise NotPublishable([
                    _("Nothing the notice says has changed since version %(version)s.") % {"version": previous.version},
                ], unchanged=True)
            changes = changes_between(previous.outline, outline) if previous else []
        notice.published_at = timezone.now()
        body_html, markdown = render_notice(notice, request_form_url)
        version = PublishedNotice(
            organisation=organisation, language=notice.language, version=previous.version + 1 if previous else 1,
            published_at=notice.published_at, published_by=user, body_html=body_html, markdown=markdown,
            outline=outline, changes=changes,
        )
        version.save()
        return version


def _json_safe(outline: dict) -> dict:
    """The outline as it reads back from the JSON column (tuples become lists), to compare with a stored one."""
    return json.loads(json.dumps(outline))
