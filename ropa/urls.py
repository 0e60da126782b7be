"""The record's own pages outside the admin: private documents, served after a permission check."""

from django.urls import path

from ropa import views

app_name = "ropa"

urlpatterns = [
    path("dpa/<int:pk>/document/", views.dpa_document, name="dpa_document"),
    path("dpia/<int:pk>/document/", views.dpia_document, name="dpia_document"),
    path("transfers/<int:pk>/impact-assessment/", views.tia_document, name="tia_document"),
]
