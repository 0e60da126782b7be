"""The record's own pages outside the admin: private documents under /record/, the public notice under /privacy/."""

from django.urls import include, path

from ropa import views

app_name = "ropa"

record_patterns = [
    path("dpa/<id:pk>/document/", views.dpa_document, name="dpa_document"),
    path("transfers/<id:pk>/impact-assessment/", views.tia_document, name="tia_document"),
]

urlpatterns = [
    path("record/", include(record_patterns)),
    path("privacy/", include("ropa.notice.urls")),
]
