"""Signatures exactly as the Standard Webhooks specification computes them, checked against its own test vector."""

import base64
import re
import textwrap
import time
from pathlib import Path

import pytest

from ropa.webhooks import signing

# The specification's reference libraries' example (standard-webhooks, svix): secret, id, timestamp, body, signature.
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
MESSAGE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
TIMESTAMP = 1614265330
BODY = '{"test": 2432232314}'
SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_it_signs_the_specifications_example_as_the_specification_does():
    assert signing.sign(SECRET, MESSAGE_ID, TIMESTAMP, BODY) == SIGNATURE


def test_a_new_secret_is_whsec_and_base64_of_32_random_bytes():
    secret = signing.new_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert signing.new_secret() != secret


def headers(**overrides) -> dict:
    return {"webhook-id": MESSAGE_ID, "webhook-timestamp": str(TIMESTAMP), "webhook-signature": SIGNATURE, **overrides}


def test_verify_accepts_the_signed_message():
    signing.verify(SECRET, headers(), BODY, now=TIMESTAMP + 10)


def test_verify_accepts_one_matching_signature_among_several_during_a_rotation():
    signing.verify(SECRET, headers(**{"webhook-signature": f"v1,bm90IGl0 {SIGNATURE}"}), BODY, now=TIMESTAMP)


@pytest.mark.parametrize(("changed", "now"), [
    ({"body": '{"test": 2432232315}'}, TIMESTAMP),  # a changed body
    ({"webhook-id": "msg_another"}, TIMESTAMP),  # another message's id
    ({"secret": "whsec_" + base64.b64encode(b"another secret of 24 b").decode()}, TIMESTAMP),
    ({}, TIMESTAMP + signing.TOLERANCE + 1),  # replayed later than the tolerance
    ({"webhook-signature": ""}, TIMESTAMP),
])
def test_verify_refuses_anything_else(changed, now):
    secret, body = changed.pop("secret", SECRET), changed.pop("body", BODY)
    with pytest.raises(signing.InvalidSignature):
        signing.verify(secret, headers(**changed), body, now=now)


def test_verify_refuses_a_message_without_the_headers():
    with pytest.raises(signing.InvalidSignature):
        signing.verify(SECRET, {"content-type": "application/json"}, BODY, now=TIMESTAMP)


def test_the_readmes_verification_code_accepts_what_we_sign_and_refuses_a_changed_body():
    """The Python a receiver copies from the README (section Webhooks) works on a message signed here."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Webhooks", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    namespace: dict = {}
    exec(textwrap.dedent(code), namespace)  # noqa: S102 (our own README's code, indented under its list item)
    secret, body = signing.new_secret(), b'{"type":"request.received","data":{"request":{"id":1}}}'
    headers = signing.headers(secret, "msg_readme", body.decode(), int(time.time()))
    assert namespace["verify"](secret, headers, body) is True
    assert namespace["verify"](secret, headers, body.replace(b"1", b"2")) is False
    assert namespace["verify"](SECRET, {"webhook-id": MESSAGE_ID, "webhook-timestamp": str(TIMESTAMP),
                                        "webhook-signature": SIGNATURE}, BODY.encode()) is False  # too old
