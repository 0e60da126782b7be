"""/api/v1/: the resources, the OpenAPI schema and its Swagger UI and Redoc pages (served from our own static files,
drf-spectacular-sidecar; the pages' start-up scripts are files too, templates/drf_spectacular/)."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from ropa.api import schema  # noqa: F401 (registers the bearer scheme with drf-spectacular)
from ropa.api.activities import ActivityViewSet
from ropa.api.authentication import BearerTokenAuthentication, DocsSessionAuthentication
from ropa.api.breaches import BreachViewSet
from ropa.api.problems import not_found
from ropa.api.processors import ProcessorViewSet, TransferViewSet
from ropa.api.record import DashboardView, ExportView, RecordAsOfView
from ropa.api.rights_requests import RightsRequestViewSet

router = SimpleRouter(trailing_slash=True)
router.register("activities", ActivityViewSet, basename="activity")
router.register("requests", RightsRequestViewSet, basename="request")
router.register("processors", ProcessorViewSet, basename="processor")
router.register("transfers", TransferViewSet, basename="transfer")
router.register("breaches", BreachViewSet, basename="breach")

# The schema and docs: the admin's session (staff) or a token; Swagger UI and Redoc set styles inline as they draw.
DOCS = {"authentication_classes": [DocsSessionAuthentication, BearerTokenAuthentication],
        "permission_classes": [IsAuthenticated]}
DOCS_CSP = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]})

app_name = "api"

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/record/", RecordAsOfView.as_view(), name="record"),
    path("v1/export/", ExportView.as_view(), name="export"),
    path("v1/dashboard/", DashboardView.as_view(), name="dashboard"),
    path("v1/schema/", SpectacularAPIView.as_view(**DOCS), name="schema"),
    path("v1/docs/", DOCS_CSP(SpectacularSwaggerSplitView.as_view(url_name="api:schema", **DOCS)), name="docs"),
    path("v1/redoc/", DOCS_CSP(SpectacularRedocView.as_view(url_name="api:schema", **DOCS)), name="redoc"),
    re_path(r"^.*$", not_found, name="not_found"),
]
