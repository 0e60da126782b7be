from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("request/", include("requests.intake.urls")),
    path("security/", include("ropa.security.urls")),
    path("", include("ropa.urls")),
]
