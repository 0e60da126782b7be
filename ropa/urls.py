"""The record's own pages outside the admin: private documents, served after a permission check."""

from django.contrib import admin
from django.urls import path

from ropa import dashboard_views, views

app_name = "ropa"

urlpatterns = [
    # Inside the admin's own guard (staff, second factor), with the admin's look.
    path("dashboard/", admin.site.admin_view(dashboard_views.dashboard), name="dashboard"),
    path("dpa/<int:pk>/document/", views.dpa_document, name="dpa_document"),
    path("dpia/<int:pk>/document/", views.dpia_document, name="dpia_document"),
    path("transfers/<int:pk>/impact-assessment/", views.tia_document, name="tia_document"),
]
