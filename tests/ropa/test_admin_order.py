"""The admin index in the order of a privacy officer's work: record, processors and transfers, requests, the rest."""

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils import translation

from ropa.admin.site import RopaAdminSite

pytestmark = pytest.mark.django_db


def section_names(html: str) -> list[str]:
    """The captions of the index's app sections, in page order."""
    return re.findall(r'<caption>\s*<a href="[^"]*" class="section"[^>]*>([^<]+)</a>', html)


def test_the_default_site_is_ropas():
    assert isinstance(admin.site._wrapped if hasattr(admin.site, "_wrapped") else admin.site, RopaAdminSite)


def test_the_index_lists_the_record_then_processors_then_requests_then_the_rest(admin_client):
    admin_client.cookies["django_language"] = "nb"
    sections = section_names(admin_client.get("/admin/").content.decode())
    assert sections[:3] == [
        "Protokoll over behandlingsaktiviteter", "Databehandlere og overføringer", "Henvendelser om rettigheter",
    ]
    assert "Autentisering og autorisasjon" in sections[3:]
    assert "Innloggingslogg" in sections[3:]


def test_the_record_starts_with_its_activities_and_processors_with_the_processors(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    with translation.override("en"):
        apps = admin.site.get_app_list(request)
    record, processors, requests = apps[:3]
    assert [model["object_name"] for model in record["models"]][:3] == ["ProcessingActivity", "Organisation", "System"]
    assert [model["object_name"] for model in processors["models"]][:3] == [
        "Processor", "DataProcessingAgreement", "ProcessorUse",
    ]
    assert "Transfer" in {model["object_name"] for model in processors["models"]}
    assert not {model["object_name"] for model in record["models"]} & {"Transfer", "Processor"}
    assert requests["models"][0]["object_name"] == "RightsRequest"
    # Every registered model is still listed exactly once.
    listed = [model["model"] for app in apps for model in app["models"]]
    assert sorted(listed, key=str) == sorted(admin.site._registry, key=str)


def test_the_records_own_page_keeps_all_its_models_in_one_list(admin_client):
    admin_client.cookies["django_language"] = "nb"
    page = admin_client.get("/admin/ropa/").content.decode()
    assert "Behandlingsaktiviteter" in page and "Overføringer til tredjestater" in page
    assert page.index("Behandlingsaktiviteter") < page.index("Databehandlere")


def test_an_officer_sees_only_what_their_role_allows_in_the_same_order(officer_client):
    sections = section_names(officer_client.get("/admin/").content.decode())
    assert sections[:3] == [
        "Protokoll over behandlingsaktiviteter", "Databehandlere og overføringer", "Henvendelser om rettigheter",
    ]
    assert "Autentisering og autorisasjon" not in sections
