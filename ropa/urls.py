"""The record's own pages outside the admin: the dashboard and private documents under /record/, the public
notice under /privacy/."""

from django.contrib import admin
from django.urls import include, path

from ropa.dashboard import views as dashboard_views
from ropa.documents import views

app_name = "ropa"

record_patterns = [
    # Inside the admin's own guard (staff, second factor), with the admin's look.
    path("dashboard/", admin.site.admin_view(dashboard_views.dashboard), name="dashboard"),
    path("deadlines/", admin.site.admin_view(dashboard_views.deadlines), name="deadlines"),
    path("dpa/<id:pk>/document/", views.dpa_document, name="dpa_document"),
    path("dpia/<id:pk>/document/", views.dpia_document, name="dpia_document"),
    path("transfers/<id:pk>/impact-assessment/", views.tia_document, name="tia_document"),
]

urlpatterns = [
    path("record/", include(record_patterns)),
    path("privacy/", include("ropa.notice.urls")),
]
