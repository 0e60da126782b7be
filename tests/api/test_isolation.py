"""A token of one workspace lists, reads, writes and exports nothing of another: every operation of the OpenAPI
schema is tried with the other workspace's objects, so a new endpoint is covered the day it appears in the schema.

Another workspace's object is answered exactly as an id no row ever had (404 in a path or a query; "does not exist"
when named in a body): nothing tells a caller that it exists.
"""

import io
import json
import re
import zipfile

import pytest

from ropa.models import Membership, ProcessingActivity, Role
from tests.api.conftest import Client_, api, make_token

NEVER_USED = 999_999_999

# Which of a client's objects each collection's `{id}` names. A new collection fails the test until it is added.
OBJECTS = {
    "activities": "activity",
    "requests": "request",
    "processors": "processor",
    "transfers": "transfer",
    "breaches": "breach",
}


def operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (method.upper(), path, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


@pytest.fixture
def schema(alpha_api) -> dict:
    response = alpha_api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return json.loads(response.content)


def collection(path: str) -> str:
    return re.match(r"^/api/v1/([^/]+)/", path)[1]


def path_with(path: str, other: Client_) -> tuple[str, str]:
    """The path naming the other workspace's object, and the same path naming an id never used."""
    name = collection(path)
    assert name in OBJECTS, f"{path}: say which of a client's objects `{{id}}` names in OBJECTS"
    return (path.replace("{id}", str(getattr(other, OBJECTS[name]).pk)),
            path.replace("{id}", str(NEVER_USED)))


def text_of(response) -> str:
    """Everything a response tells, a zipped CSV export unpacked."""
    if response.get("Content-Type") == "application/zip":
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return response.content.decode("utf-8", "replace")


def body_for(operation: dict, other: Client_, schema: dict) -> dict:
    """A body for a write that names the other workspace's controller (and processor, where one is asked)."""
    content = operation["requestBody"]["content"]["application/json"]["schema"]
    properties = schema["components"]["schemas"][content["$ref"].rsplit("/", 1)[1]]["properties"]
    body = {"organisation": other.organisation.pk, "name": "Cross-workspace", "title": "Cross-workspace",
            "description": "x", "rights": ["15"], "email": "x@example.com", "message": "x",
            "reported_by_processor": other.processor.pk}
    return {key: value for key, value in body.items() if key in properties}


def test_the_schema_has_every_kind_of_operation_this_test_knows(schema):
    """A guard: the generated cases below must not silently become empty."""
    seen = {(method, "{id}" in path) for method, path, _operation in operations(schema)}
    assert {("GET", False), ("GET", True), ("POST", False), ("PUT", True), ("PATCH", True)} <= seen


def test_no_operation_reaches_another_workspace(schema, alpha, bravo, alpha_api):
    writes_before = {model: model.objects.count() for model in (ProcessingActivity,)}
    checked = []
    for method, path, operation in operations(schema):
        parameters = {parameter["name"] for parameter in operation.get("parameters", [])}
        call = getattr(alpha_api, method.lower())
        if "{id}" in path:
            theirs, never = path_with(path, bravo)
            payload = json.dumps(body_for(operation, bravo, schema)) if "requestBody" in operation else None
            kwargs = {"data": payload, "content_type": "application/json"} if payload else {}
            answer, unused = call(theirs, **kwargs), call(never, **kwargs)
            assert answer.status_code == 404, (method, path, answer.content)
            assert answer.content == unused.content, (method, path)
            # Our own object is reached by the same operation (so the 404 is isolation, not a broken endpoint).
            ours = path.replace("{id}", str(getattr(alpha, OBJECTS[collection(path)]).pk))
            assert call(ours, **kwargs).status_code != 404, (method, path)
        elif method == "GET":
            response = call(path, {"file_format": "csv"} if "file_format" in parameters else {})
            assert response.status_code == 200, (path, response.content)
            told = text_of(response)
            for marker in bravo.markers:
                assert marker not in told, (path, marker)
            if path.startswith("/api/v1/activities/") or "file_format" in parameters or path == "/api/v1/record/":
                assert alpha.activity.name in told, path  # the token's own record is there
            if "organisation" in parameters:
                theirs = call(path, {"organisation": bravo.organisation.pk})
                unused = call(path, {"organisation": NEVER_USED})
                assert theirs.status_code == 404, (path, theirs.content)
                assert theirs.content == unused.content, path
        else:
            payload = body_for(operation, bravo, schema)
            answer = call(path, json.dumps(payload), content_type="application/json")
            unused = call(path, json.dumps({**payload, "organisation": NEVER_USED}), content_type="application/json")
            assert answer.status_code == 400, (path, answer.content)
            errors = answer.json()["errors"]
            assert "organisation" in errors, (path, errors)
            assert errors["organisation"] == [message.replace(str(NEVER_USED), str(bravo.organisation.pk))
                                              for message in unused.json()["errors"]["organisation"]]
        checked.append((method, path))
    assert len(checked) == len(operations(schema))
    assert {model: model.objects.count() for model in writes_before} == writes_before
    bravo.activity.refresh_from_db()
    assert bravo.activity.name == "Bravo customer register"


def test_a_token_of_both_workspaces_sees_both(alpha, bravo, alpha_officer):
    """The other side of the coin: the narrowing is the person's workspaces, not a fixed one."""
    Membership.objects.create(user=alpha_officer, workspace=bravo.workspace, role=Role.OFFICER)
    _token, secret = make_token(alpha_officer, name="Platform")
    names = {row["name"] for row in api(secret).get("/api/v1/activities/").json()["results"]}
    assert names == {alpha.activity.name, bravo.activity.name}
