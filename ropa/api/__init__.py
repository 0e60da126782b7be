"""The REST API under /api/v1/: bearer tokens acting as their person (ropa/models/api_tokens.py), the record, rights
requests, breaches and the dashboard's counts, each narrowed to the token's workspaces and role, errors as RFC 9457
problem details in the caller's language. The OpenAPI schema and its Swagger UI and Redoc pages live here too."""
