"""The cookie declaration in the privacy notice: the register's items by category, in words for visitors.

Art. 13(1)(c) and (e) and ePrivacy Art. 5(3) ("clear and comprehensive information"): each item with what it is
for, how long it lasts and who sets it. As of a past day the register is read from its history, like the notice.
"""

import datetime
from dataclasses import dataclass

from ropa.history.as_of import end_of_day, latest_versions
from ropa.models import Organisation, Processor
from ropa.website.models import Cookie, CookieCategory


@dataclass
class CookieGroup:
    category: str
    cookies: list[Cookie]


def cookie_groups(organisation: Organisation, as_of: datetime.date | None = None) -> list[CookieGroup]:
    """The controller's cookies in the four categories' order, empty categories left out."""
    if as_of is None:
        cookies = list(Cookie.objects.filter(organisation=organisation).select_related("processor"))
    else:
        versions = latest_versions(Cookie, end_of_day(as_of)).filter(organisation_id=organisation.pk)
        cookies = [version.instance for version in versions]
        processors = Processor.objects.in_bulk({c.processor_id for c in cookies if c.processor_id})
        for cookie in cookies:
            cookie.processor = processors.get(cookie.processor_id)
    by_category = {category: [] for category in CookieCategory.values}
    for cookie in sorted(cookies, key=lambda c: c.name.casefold()):
        by_category[cookie.category].append(cookie)
    return [CookieGroup(CookieCategory(key).label, items) for key, items in by_category.items() if items]
