"""Single sign-on, mounted at /sso/ (see config/urls.py). The callback is the redirect URI to register."""

from django.urls import path

from ropa.sso import views

app_name = "sso"

urlpatterns = [
    path("start/<str:key>/", views.start, name="start"),
    path("email/", views.by_email, name="by_email"),
    path("callback/", views.callback, name="callback"),
]
