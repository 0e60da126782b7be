"""The OpenAPI schema's error answers: every operation documents the problem details it can answer with, so that a
client (and schemathesis, tests/api/test_schemathesis.py) knows them."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["type", "title", "status"],
}
ERRORS = {
    "400": "The request is not valid (each field's errors under `errors`).",
    "401": "No token, or an invalid, expired or revoked one.",
    "403": "The token's role, or its read-only flag, does not allow this.",
    "404": "No such object in the token's workspaces.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "415": "Send JSON.",
    "429": "Too many requests for this token: wait and retry.",
}


def add_problem_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(status, {"description": description, "content": reference})
    return result


class BearerScheme(OpenApiAuthenticationExtension):
    """`Authorization: Bearer <token>` in the schema, so Swagger UI's Authorize button asks for a token."""

    target_class = "ropa.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema) -> dict:
        return {"type": "http", "scheme": "bearer", "description": "A token made in the admin (API tokens) or by "
                "`manage.py create_api_token`."}
