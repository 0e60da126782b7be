"""The second login step, mounted at /security/ (see config/urls.py)."""

from django.urls import path

from ropa.security import views

app_name = "security"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("enrol/", views.enrol, name="enrol"),
    path("backup-codes/", views.backup_codes, name="backup_codes"),
]
