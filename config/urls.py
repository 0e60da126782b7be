from django.contrib import admin
from django.urls import include, path, register_converter
from django.views.generic import RedirectView

from ropa.security.converters import IdConverter

register_converter(IdConverter, "id")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("request/", include("requests.intake.urls")),
    path("security/", include("ropa.security.urls")),
    path("sso/", include("ropa.sso.urls")),
    path("api/", include("ropa.api.urls")),
    path("", include("ropa.urls")),
]

# Django's default 400 view is CSRF-protected, so it rereads the unreadable body that caused the 400 and fails
# with a 500; ours reads nothing from the request.
handler400 = "ropa.security.views.bad_request"
