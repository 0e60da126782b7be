"""A bounded fuzz of the public form (issue 16): 1,200 generated submissions, a fixed seed, no server error.

Each input is what a browser, a robot or an attacker could send: form fields of any text (control characters,
NUL, right-to-left marks, very long values), rights that are no ids, duplicated fields, bodies in other
charsets or of random bytes, odd content types, and the confirmation and status links with made-up tokens.
Run on SQLite and on PostgreSQL by `make test`; the seed makes every run send the same inputs.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from requests.models import Right

pytestmark = pytest.mark.django_db
EXAMPLES = 1200
FIELDS = ["rights", "name", "email", "phone", "customer_number", "message", "language", "website",
          "csrfmiddlewaretoken"]

# Text from every plane but surrogates (a browser cannot send those as UTF-8): controls and NUL included.
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
long_text = st.builds(lambda char, count: char * count, st.characters(exclude_categories=["Cs"]),
                      st.integers(0, 70_000))
id_like = st.one_of(st.integers(-2**70, 2**70).map(str), st.sampled_from(["", "1", "01", "1.0", "1e3", "٣", " 2"]))
field_value = st.one_of(any_text, long_text, id_like, st.just(""))
form = st.dictionaries(st.sampled_from(FIELDS), st.one_of(field_value, st.lists(field_value, max_size=4)),
                       max_size=len(FIELDS))
content_type = st.sampled_from([
    "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=latin-1", "application/x-www-form-urlencoded; charset=nonsense",
    "multipart/form-data", "multipart/form-data; boundary=", "text/plain", "application/json", "",
])
raw_body = st.one_of(st.binary(max_size=2000), any_text.map(lambda text: text.encode("utf-8")))
token = st.one_of(any_text.filter(lambda text: "/" not in text and text.strip()), st.binary(max_size=64).map(bytes.hex))


@pytest.fixture
def fuzz_client(settings, organisation):
    settings.DEBUG = False  # the server's error handling as production has it
    settings.INTAKE_RATE_LIMIT_PER_IP = 10**6
    settings.INTAKE_RATE_LIMIT_PER_EMAIL = 10**6
    return Client(raise_request_exception=False)


def test_a_thousand_generated_submissions_give_no_server_error(fuzz_client, organisation):
    url = reverse("requests:intake_for", args=[organisation.pk])
    rights = [str(pk) for pk in Right.objects.values_list("pk", flat=True)]
    answered: list[int] = []
    server_errors: list[str] = []

    @seed(20261202)
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(kind=st.sampled_from(["form", "valid-ish", "raw", "confirm", "status"]), fields=form, body=raw_body,
           ctype=content_type, link=token, choose=st.lists(st.sampled_from(rights), max_size=3))
    def send(kind, fields, body, ctype, link, choose):
        if kind == "form":
            response = fuzz_client.post(url, fields)
        elif kind == "valid-ish":
            response = fuzz_client.post(url, {"name": "Kari", "email": "kari@example.net", "language": "nb",
                                              **fields, "rights": choose or fields.get("rights", "")})
        elif kind == "raw":
            response = fuzz_client.generic("POST", url, body, content_type=ctype)
        else:
            response = fuzz_client.get(f"/request/{kind}/{link}/")
        answered.append(response.status_code)
        if response.status_code >= 500:
            server_errors.append(f"{kind} {fields!r:.200} {body!r:.80} {ctype} -> {response.status_code}")

    send()
    assert len(answered) >= 1000
    assert not server_errors, "\n".join(server_errors[:10])
    assert {200, 302, 400} <= set(answered)  # the fuzz reached the form, its success and its refusals
