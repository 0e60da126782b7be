"""Errors are RFC 9457 problem details (`application/problem+json`) in the caller's language (Accept-Language: nb,
sv, en), and no input makes a 500."""

import pytest
from django.test import Client
from django.utils import translation

from tests.api.conftest import api

LANGUAGES = ["nb", "sv", "en"]


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_object_is_a_problem_in_the_callers_language(alpha_token, language):
    response = api(alpha_token[1], **{"Accept-Language": language}).get("/api/v1/activities/999999/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["type"] == "about:blank"
    assert body["title"] == in_language(language, "Not found")
    if language != "en":
        assert body["title"] != "Not found"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_token_is_told_why_in_the_callers_language(alpha, language):
    response = Client(headers={"Authorization": "Bearer ropa_00000000_nothing",
                               "Accept-Language": language}).get("/api/v1/activities/")
    assert response.status_code == 401
    body = response.json()
    assert body["title"] == in_language(language, "Authentication needed")
    assert body["detail"] == in_language(language, "This token is not valid.")
    if language != "en":
        assert body["detail"] != "This token is not valid."


@pytest.mark.parametrize("language", LANGUAGES)
def test_invalid_input_names_each_field_in_the_callers_language(alpha, alpha_token, language):
    response = api(alpha_token[1], **{"Accept-Language": language}).patch(
        f"/api/v1/activities/{alpha.activity.pk}/", {"dpia_required": "yes", "dpia_status": "not_needed"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == in_language(language, "The request is not valid")
    assert body["detail"] == in_language(language, "See the errors of each field.")
    assert body["errors"]["dpia_status"] == [
        in_language(language, "Art. 35: a DPIA marked as required cannot be 'not needed'.")]


def test_an_unknown_path_is_a_problem_not_a_page(alpha_api):
    response = alpha_api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_too_many_requests_is_a_problem(alpha_api, settings):
    settings.API_RATE_LIMIT = "2/minute"
    answers = [alpha_api.get("/api/v1/dashboard/").status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    response = alpha_api.get("/api/v1/dashboard/")
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize("body", ["", "{", "[]", "null", '{"organisation": "x", "name": []}',
                                  '{"organisation": 99999999999999999999999}', '"\\u0000"'])
def test_malformed_bodies_are_400_never_500(alpha_api, body):
    response = alpha_api.post("/api/v1/activities/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"


def test_a_body_that_is_not_json_is_415(alpha_api):
    response = alpha_api.post("/api/v1/activities/", "name=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("page_size", ["0", "501", "-1", "null", "1e3", "²"])
def test_a_page_size_out_of_range_is_refused_not_replaced_by_the_default(alpha_api, page_size):
    """A client asking for 1,000 rows and silently getting 50 would think it had them all."""
    response = alpha_api.get("/api/v1/activities/", {"page_size": page_size})
    assert response.status_code == 400
    assert response.json()["errors"] == {"page_size": ["Give a whole number from 1 to 500."]}


def test_an_empty_day_is_refused_not_taken_as_today(alpha_api):
    response = alpha_api.get("/api/v1/record/?as_of=")
    assert response.status_code == 400
    assert response.json()["errors"] == {"as_of": ["This field may not be blank."]}


@pytest.mark.parametrize("method", ["put", "patch", "delete", "post"])
def test_a_write_to_a_path_that_names_nothing_is_a_404_problem(alpha_api, method):
    response = getattr(alpha_api, method)("/api/v1/activities/%C2%84/", "{}", content_type="application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
