"""The public pages under /request/: the form (one controller, or one URL per controller) and the e-mailed links."""

from django.urls import path

from requests.intake import views

app_name = "requests"

urlpatterns = [
    path("", views.intake, name="intake"),
    path("privacy/", views.privacy, name="privacy"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("status/<str:token>/", views.status, name="status"),
    path("<id:organisation_id>/", views.intake, name="intake_for"),
    path("<id:organisation_id>/sent/", views.sent, name="sent"),
    path("<id:organisation_id>/privacy/", views.privacy, name="privacy_for"),
]
