"""The known ways around a second factor, tried one by one: none reaches a page without the code."""

import pytest
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django_otp.plugins.otp_totp.models import TOTPDevice

from ropa.models import ProcessingActivity
from ropa.security.middleware import OPEN_TO_UNVERIFIED
from tests.security.conftest import code_for, log_in_with_password, verify

pytestmark = pytest.mark.django_db

VERIFY = "/security/verify/"


def _value_for(converter):
    """A value the converter accepts: 1 for ids, the first of a choice of words (a language: "nb|en|sv")."""
    if isinstance(converter, IntConverter):
        return 1
    regex = getattr(converter, "regex", "")
    return regex.split("|")[0] if "|" in regex and regex.replace("|", "").isalpha() else "1"


def _every_named_url(patterns=None, namespace: str = "") -> list[tuple[str, str]]:
    """(view name, a URL for it) for every named URL in the project, with sample values for its parameters."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _every_named_url(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}{pattern.name}"
            converters = getattr(pattern.pattern, "converters", {})
            groups = pattern.pattern.regex.groups
            if converters:
                url = reverse(name, kwargs={key: _value_for(converter) for key, converter in converters.items()})
            elif pattern.pattern.regex.groupindex:  # the admin's app index (an app's label), the API's ids
                url = _reverse_with_sample(name, pattern.pattern.regex.groupindex)
            else:
                url = reverse(name, args=["1"] * groups)
            found.append((name, url))
    return found


def _reverse_with_sample(name: str, groups) -> str:
    """The URL with the first sample value every named group accepts: an app's label, or an id."""
    for sample in ("ropa", "1"):
        try:
            return reverse(name, kwargs=dict.fromkeys(groups, sample))
        except NoReverseMatch:
            continue
    raise AssertionError(f"{name}: no sample value fits its parameters {sorted(groups)}")


@pytest.fixture
def superuser(db, enrol) -> User:
    user = User.objects.create_superuser("root", "root@example.com", "a-long-test-password")
    enrol(user)
    return user


def test_no_url_of_the_project_answers_a_password_only_session(client, two_factor, superuser):
    """Every admin page (model pages, history, versions, export/import, custom views), every download view,
    and any view added later: all resolve to the code step for a superuser who typed only the password."""
    client.force_login(superuser)
    urls = [(name, url) for name, url in _every_named_url() if name not in OPEN_TO_UNVERIFIED]
    assert len(urls) > 100
    assert {"admin:index", "ropa:dpa_document", "ropa:tia_document", "admin:ropa_processingactivity_history"} <= {
        name for name, _url in urls
    }
    leaks = []
    for name, url in urls:
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code != 302 or not response["Location"].startswith(f"{VERIFY}?next="):
                leaks.append(f"{method.__name__.upper()} {url} ({name}) → {response.status_code}")
    assert not leaks, "\n".join(leaks)


def test_an_unknown_admin_address_does_not_reveal_anything_either(client, two_factor, superuser):
    client.force_login(superuser)
    assert client.get("/admin/no-such-page/")["Location"].startswith(VERIFY)


def test_a_post_to_a_change_form_without_the_code_changes_nothing(client, two_factor, superuser, complete_activity):
    client.force_login(superuser)
    url = reverse("admin:ropa_processingactivity_change", args=[complete_activity.pk])
    response = client.post(url, {"name": "Renamed without a code"})
    assert response["Location"].startswith(VERIFY)
    complete_activity.refresh_from_db()
    assert complete_activity.name == "Order handling"
    assert ProcessingActivity.history.filter(name="Renamed without a code").count() == 0


def test_the_admins_own_login_form_gives_only_a_password_only_session(client, two_factor, privacy_officer, enrol):
    """The plain login view: a correct password opens nothing by itself."""
    enrol(privacy_officer)
    response = log_in_with_password(client, "officer", "/admin/ropa/organisation/")
    assert response["Location"] == "/admin/ropa/organisation/"  # Django's redirect after the password...
    assert client.get("/admin/ropa/organisation/")["Location"].startswith(VERIFY)  # ...is held at the code step
    assert client.get(reverse("admin:login"))["Location"].startswith(VERIFY)


def test_a_session_ends_at_logout_and_cannot_be_reused(client, two_factor, privacy_officer, enrol):
    device, _codes = enrol(privacy_officer)
    log_in_with_password(client, "officer")
    verify(client, code_for(device))
    assert client.get("/admin/").status_code == 200
    stolen = client.cookies["sessionid"].value
    client.post(reverse("admin:logout"))

    client.cookies["sessionid"] = stolen
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_logging_in_again_asks_for_a_new_code(client, two_factor, privacy_officer, enrol):
    device, _codes = enrol(privacy_officer)
    log_in_with_password(client, "officer")
    verify(client, code_for(device))
    client.post(reverse("admin:logout"))
    log_in_with_password(client, "officer")
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    verify(client, code_for(device, steps_ahead=1))
    assert client.get("/admin/").status_code == 200


def test_removing_a_lost_authenticator_ends_the_access_it_gave(client, two_factor, privacy_officer, enrol):
    device, _codes = enrol(privacy_officer)
    log_in_with_password(client, "officer")
    verify(client, code_for(device))
    assert client.get("/admin/").status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).delete()
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_the_language_switch_does_not_open_a_door(client, two_factor, superuser):
    """set_language stays usable at the code step, but the page it redirects to is still held back."""
    client.force_login(superuser)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/admin/ropa/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/ropa/"
    assert client.get(response["Location"])["Location"].startswith(VERIFY)
    final = client.post(reverse("set_language"), {"language": "en", "next": "/admin/ropa/"}, follow=True)
    assert final.redirect_chain[-1][0].startswith(VERIFY)
    assert b'name="otp_token"' in final.content


def test_the_steps_and_logout_are_the_only_pages_open_to_a_password_only_session():
    assert frozenset({"security:verify", "security:enrol", "admin:logout", "set_language"}) == OPEN_TO_UNVERIFIED
