"""The public privacy notice, under /privacy/, in the `ropa` namespace (see ropa/urls.py)."""

from django.urls import path, register_converter

from ropa.notice import views


class LanguageConverter:
    """One of the notice's languages, so /privacy/1/de/1/ is a plain 404."""

    regex = "nb|en|sv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "language")

urlpatterns = [
    path("", views.privacy_notices, name="privacy_notices"),
    path("<id:organisation_id>/", views.privacy_notice, name="privacy_notice"),
    path("<id:organisation_id>/notice.html", views.privacy_notice_html, name="privacy_notice_html"),
    path("<id:organisation_id>/notice.md", views.privacy_notice_markdown, name="privacy_notice_markdown"),
    path("<id:organisation_id>/<language:language>/<id:version>/", views.privacy_notice_version,
         name="privacy_notice_version"),
]
