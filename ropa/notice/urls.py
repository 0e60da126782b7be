"""The public privacy notice, under /privacy/, in the `ropa` namespace (see ropa/urls.py)."""

from django.urls import path

from ropa.notice import views

urlpatterns = [
    path("", views.privacy_notices, name="privacy_notices"),
    path("<id:organisation_id>/", views.privacy_notice, name="privacy_notice"),
    path("<id:organisation_id>/notice.html", views.privacy_notice_html, name="privacy_notice_html"),
    path("<id:organisation_id>/notice.md", views.privacy_notice_markdown, name="privacy_notice_markdown"),
]
