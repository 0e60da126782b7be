"""Two-factor login: enrolment, the code step, backup codes, and no way around the second step (Art. 32)."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.security.conftest import code_for, log_in_with_password, verify

pytestmark = pytest.mark.django_db

VERIFY, ENROL, BACKUP = "/security/verify/", "/security/enrol/", "/security/backup-codes/"


def test_after_the_password_an_enrolled_user_is_asked_for_a_code(client, two_factor, privacy_officer, enrol):
    enrol(privacy_officer)
    response = log_in_with_password(client, "officer", "/admin/ropa/processingactivity/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=/admin/ropa/processingactivity/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'name="otp_token"' in page.content


def test_the_right_code_opens_the_admin_and_the_page_asked_for(client, two_factor, privacy_officer, enrol):
    device, _codes = enrol(privacy_officer)
    log_in_with_password(client, "officer")
    response = verify(client, code_for(device), next_url="/admin/ropa/processingactivity/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/ropa/processingactivity/"
    assert client.get("/admin/ropa/processingactivity/").status_code == 200


def test_a_wrong_code_is_refused(client, two_factor, privacy_officer, enrol):
    device, _codes = enrol(privacy_officer)
    log_in_with_password(client, "officer")
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    client.cookies["django_language"] = "en"
    response = verify(client, wrong)
    assert response.status_code == 200
    assert b"That code was not accepted" in response.content
    assert client.get("/admin/").status_code == 302


def test_a_code_cannot_be_used_twice(client, two_factor, privacy_officer, enrol):
    """RFC 6238 §5.2: a code seen once is refused, so a code read over a shoulder is worth nothing later."""
    device, _codes = enrol(privacy_officer)
    code = code_for(device)
    log_in_with_password(client, "officer")
    assert verify(client, code).status_code == 302
    client.post(reverse("admin:logout"))
    log_in_with_password(client, "officer")
    assert verify(client, code).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_backup_code_works_once(client, two_factor, privacy_officer, enrol):
    _device, codes = enrol(privacy_officer)
    log_in_with_password(client, "officer")
    assert verify(client, codes[0].upper()).status_code == 302  # typed in capitals: still accepted
    assert client.get("/admin/").status_code == 200
    client.post(reverse("admin:logout"))
    log_in_with_password(client, "officer")
    assert verify(client, codes[0]).status_code == 200
    assert StaticToken.objects.filter(device__user=privacy_officer).count() == len(codes) - 1


def test_a_user_without_a_device_is_sent_to_enrol_and_gets_backup_codes_once(client, two_factor, privacy_officer):
    response = log_in_with_password(client, "officer")
    response = client.get(response["Location"])
    assert response["Location"] == f"{ENROL}?next=/admin/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code, drawn here, not fetched from a service
    assert b"otpauth" not in page.content and b"<img" not in page.content
    key = re.search(rb'id="ropa-totp-key">([A-Z2-7 ]+)<', page.content).group(1).decode()
    device = TOTPDevice.objects.get(user=privacy_officer, confirmed=False)
    assert key.replace(" ", "") in device.config_url

    response = client.post(ENROL, {"otp_token": code_for(device), "next": "/admin/"})
    assert response["Location"] == f"{BACKUP}?next=%2Fadmin%2F"
    sheet = client.get(response["Location"])
    codes = re.findall(rb"<li><code>([a-z2-7]{8})</code></li>", sheet.content)
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=privacy_officer).values_list("token", flat=True)) == {
        code.decode() for code in codes
    }
    again = client.get(BACKUP)
    assert not any(code in again.content for code in codes)  # shown once
    assert client.get("/admin/").status_code == 200


def test_enrolment_needs_a_code_from_the_new_app(client, two_factor, privacy_officer):
    client.force_login(privacy_officer)
    client.get(ENROL)
    response = client.post(ENROL, {"otp_token": "000000"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=privacy_officer, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_reloading_the_enrolment_page_keeps_the_same_key(client, two_factor, privacy_officer):
    client.force_login(privacy_officer)
    first, second = client.get(ENROL).content, client.get(ENROL).content
    key = re.compile(rb'id="ropa-totp-key">([A-Z2-7 ]+)<')
    assert key.search(first).group(1) == key.search(second).group(1)
    assert TOTPDevice.objects.filter(user=privacy_officer).count() == 1


def test_a_stolen_password_cannot_enrol_a_second_device(client, two_factor, privacy_officer, enrol):
    """Whoever has only the password of an enrolled user is sent to the code step, never to enrolment."""
    enrol(privacy_officer)
    log_in_with_password(client, "officer")
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    response = client.post(ENROL, {"otp_token": "123456"})
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=privacy_officer).count() == 1


def test_a_verified_user_can_replace_the_backup_codes(client, verified_client, privacy_officer):
    verified_client(privacy_officer)
    old = set(StaticToken.objects.filter(device__user=privacy_officer).values_list("token", flat=True))
    response = client.post(BACKUP)
    sheet = client.get(response["Location"])
    new = {code.decode() for code in re.findall(rb"<li><code>([a-z2-7]{8})</code></li>", sheet.content)}
    assert len(new) == 10
    assert not new & old
    assert set(StaticToken.objects.filter(device__user=privacy_officer).values_list("token", flat=True)) == new


def test_backup_codes_cannot_be_replaced_with_the_password_alone(client, two_factor, privacy_officer, enrol):
    _device, codes = enrol(privacy_officer)
    log_in_with_password(client, "officer")
    response = client.post(BACKUP)
    assert response["Location"].startswith(VERIFY)
    assert set(StaticToken.objects.filter(device__user=privacy_officer).values_list("token", flat=True)) == set(codes)


def test_verification_starts_a_new_session_key(client, two_factor, privacy_officer, enrol):
    """Session fixation: a session key known before the code step is worthless after it."""
    device, _codes = enrol(privacy_officer)
    log_in_with_password(client, "officer")
    before = client.cookies["sessionid"].value
    verify(client, code_for(device))
    assert client.cookies["sessionid"].value != before


def test_the_next_parameter_cannot_send_the_user_to_another_site(client, two_factor, privacy_officer, enrol):
    device, _codes = enrol(privacy_officer)
    log_in_with_password(client, "officer")
    response = verify(client, code_for(device), next_url="https://evil.example/admin/")
    assert response["Location"] == "/admin/"


def test_an_anonymous_visitor_at_the_code_step_is_sent_to_the_login_page(client, two_factor):
    for url in (VERIFY, ENROL, BACKUP):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_without_enforcement_the_password_is_enough(client, settings, privacy_officer):
    """DEBUG (`make run`): ROPA_REQUIRE_2FA defaults to off, and the admin opens after the password."""
    settings.ROPA_REQUIRE_2FA = False
    log_in_with_password(client, "officer")
    assert client.get("/admin/").status_code == 200


def test_unverified_sessions_of_every_role_are_held_at_the_code_step(client, two_factor, enrol, auditor,
                                                                     request_handler):
    for user in (auditor, request_handler):
        enrol(user)
        client.force_login(user)
        response = client.get("/admin/ropa/processingactivity/")
        assert response["Location"] == f"{VERIFY}?next=/admin/ropa/processingactivity/"
        client.logout()
    staff = User.objects.create_user("staff", password="a-long-test-password", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/")["Location"] == f"{ENROL}?next=/admin/"


def test_the_admin_links_to_the_backup_codes(client, verified_client, privacy_officer):
    verified_client(privacy_officer)
    page = client.get("/admin/")
    assert f'href="{BACKUP}"'.encode() in page.content
