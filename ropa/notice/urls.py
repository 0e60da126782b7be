"""The public privacy notice, under /privacy/, in the `ropa` namespace (see ropa/urls.py)."""

from django.urls import path

from ropa.notice import views

urlpatterns = [
    path("<int:organisation_id>/", views.privacy_notice, name="privacy_notice"),
    path("<int:organisation_id>/notice.html", views.privacy_notice_html, name="privacy_notice_html"),
    path("<int:organisation_id>/notice.md", views.privacy_notice_markdown, name="privacy_notice_markdown"),
]
