"""DRF looks for PyPI's `requests` (for its optional RequestsClient) and finds ropa's own `requests` app instead,
whose missing `requests.packages` then breaks `rest_framework.test` (imported by drf-spectacular). Telling DRF the
package is absent, before anything imports rest_framework.test, is what an install without PyPI's `requests` gets."""


def hide_our_requests_from_drf() -> None:
    import rest_framework.compat

    if getattr(rest_framework.compat.requests, "__file__", "").startswith(_our_requests_path()):
        rest_framework.compat.requests = None


def _our_requests_path() -> str:
    from pathlib import Path

    from django.conf import settings

    return str(Path(settings.BASE_DIR) / "requests")
