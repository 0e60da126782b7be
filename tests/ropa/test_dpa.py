"""A data processing agreement's status, its Art. 28(3) checklist, its rules, its document, and its history."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ropa.documents.files import MAX_PDF_BYTES
from ropa.models import Clause, DataProcessingAgreement, DpaStatus
from tests.ropa.processor_helpers import PDF, days, make_agreement, make_processor, private_storage_dir  # noqa: F401

ADD_URL = reverse("admin:ropa_dataprocessingagreement_add")
LIST_URL = reverse("admin:ropa_dataprocessingagreement_changelist")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, DpaStatus.ACTIVE),
        ({"next_review": None}, DpaStatus.ACTIVE),
        ({"ends_on": days(30)}, DpaStatus.ACTIVE),
        ({"next_review": days(0)}, DpaStatus.DUE_FOR_REVIEW),
        ({"next_review": days(-10)}, DpaStatus.DUE_FOR_REVIEW),
        ({"ends_on": days(0)}, DpaStatus.ACTIVE),
        ({"ends_on": days(-1)}, DpaStatus.EXPIRED),
        ({"ends_on": days(-1), "next_review": days(-30)}, DpaStatus.EXPIRED),
        ({"signed_on": None}, DpaStatus.INCOMPLETE),
        ({"signed_on": days(0)}, DpaStatus.ACTIVE),
        ({"signed_on": days(1)}, DpaStatus.INCOMPLETE),  # not signed yet: no contract in place
        ({"clause_h": False}, DpaStatus.INCOMPLETE),
        ({"clause_d": False, "next_review": days(-1)}, DpaStatus.INCOMPLETE),
        ({"clause_a": False, "ends_on": days(-5)}, DpaStatus.EXPIRED),
    ],
)
def test_every_status_reads_the_same_on_the_agreement_and_in_sql(db, fields, expected):
    """Art. 28(3): all eight clauses and a signature make an agreement; it runs until it ends, reviewed on time."""
    agreement = make_agreement(make_processor(), **fields)
    assert agreement.status_on() == expected
    assert DataProcessingAgreement.objects.with_status().get().status == expected


def test_an_agreement_is_incomplete_until_every_clause_is_confirmed(db):
    """Art. 28(3)(a)–(h) are each mandatory; the missing ones are listed for the privacy officer."""
    agreement = make_agreement(make_processor(), confirmed=False)
    assert agreement.missing_clauses() == list(Clause)
    for clause in Clause:
        setattr(agreement, f"clause_{clause.value}", True)
        agreement.save()
        expected = DpaStatus.ACTIVE if clause == Clause.AUDITS else DpaStatus.INCOMPLETE
        assert agreement.status == expected
    assert agreement.missing_clauses() == []


def test_a_general_authorisation_needs_a_notice_period(db):
    """Art. 28(2): under general written authorisation the processor announces changes so we can object."""
    agreement = make_agreement(
        make_processor(), sub_processor_authorisation=DataProcessingAgreement.SubProcessorAuthorisation.GENERAL,
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "Art. 28(2)" in error.value.message_dict["sub_processor_notice_days"][0]
    agreement.sub_processor_notice_days = 30
    agreement.full_clean()


def test_a_specific_authorisation_needs_no_notice_period(db):
    agreement = make_agreement(
        make_processor(), sub_processor_authorisation=DataProcessingAgreement.SubProcessorAuthorisation.SPECIFIC,
    )
    agreement.full_clean()


def test_an_agreement_cannot_end_before_it_takes_effect(db):
    agreement = DataProcessingAgreement(processor=make_processor(), effective_from=days(10), ends_on=days(5))
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "ends_on" in error.value.message_dict


def _form(processor, **overrides) -> dict:
    data = {
        "processor": processor.pk,
        "version": "2.1",
        "signed_on": days(-30).isoformat(),
        "next_review": days(300).isoformat(),
        "subject_matter": "Operation of the web shop",
        "objections-TOTAL_FORMS": "0",
        "objections-INITIAL_FORMS": "0",
        **{f"clause_{clause.value}": "on" for clause in Clause},
    }
    data.update(overrides)
    return data


def test_a_privacy_officer_uploads_the_signed_pdf_and_history_names_them(
    officer_client, privacy_officer, private_storage_dir  # noqa: F811
):
    processor = make_processor()
    document = SimpleUploadedFile("Databehandleravtale Gurusoft.pdf", PDF, content_type="application/pdf")
    response = officer_client.post(ADD_URL, _form(processor, document=document))
    assert response.status_code == 302, response.context["adminform"].form.errors
    agreement = DataProcessingAgreement.objects.get()
    assert agreement.document.name.startswith("dpa/") and agreement.document.name.endswith(".pdf")
    assert "Gurusoft" not in agreement.document.name
    assert (private_storage_dir / agreement.document.name).read_bytes() == PDF
    assert agreement.history.get().history_user == privacy_officer
    assert agreement.history.get().document == agreement.document.name


def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(officer_client, private_storage_dir):  # noqa: F811
    processor = make_processor()
    fake = SimpleUploadedFile("agreement.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    response = officer_client.post(ADD_URL, _form(processor, document=fake))
    assert response.status_code == 200
    assert [e.code for e in response.context["adminform"].form.errors.as_data()["document"]] == ["not_a_pdf"]
    assert not DataProcessingAgreement.objects.exists()
    assert not any(private_storage_dir.rglob("*.pdf"))


def test_a_pdf_over_the_size_limit_is_refused(officer_client, private_storage_dir):  # noqa: F811
    processor = make_processor()
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_PDF_BYTES, content_type="application/pdf")
    response = officer_client.post(ADD_URL, _form(processor, document=big))
    assert response.status_code == 200
    assert [e.code for e in response.context["adminform"].form.errors.as_data()["document"]] == ["file_too_large"]
    assert not DataProcessingAgreement.objects.exists()


def test_the_change_page_links_the_document_to_the_private_view(officer_client, private_storage_dir):  # noqa: F811
    agreement = make_agreement(make_processor())
    agreement.document.save("x.pdf", SimpleUploadedFile("x.pdf", PDF))
    page = officer_client.get(reverse("admin:ropa_dataprocessingagreement_change", args=[agreement.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert reverse("ropa:dpa_document", args=[agreement.pk]) in content
    assert "/media/" not in content


def test_the_list_shows_each_status_in_colour_and_filters_by_it(officer_client):
    active = make_agreement(make_processor("Microsoft 365"))
    expired = make_agreement(make_processor("Old newsletter service"), ends_on=days(-1))
    content = officer_client.get(LIST_URL).content.decode()
    assert f'<span class="ropa-ok">{DpaStatus.ACTIVE.label}</span>' in content
    assert f'<span class="ropa-missing">{DpaStatus.EXPIRED.label}</span>' in content
    response = officer_client.get(f"{LIST_URL}?status=expired")
    assert list(response.context["cl"].result_list) == [expired]
    response = officer_client.get(f"{LIST_URL}?status=active")
    assert list(response.context["cl"].result_list) == [active]


def test_an_objection_to_a_new_sub_processor_is_kept_with_history(officer_client, privacy_officer):
    """Art. 28(2): the controller may object to an announced change of sub-processors."""
    agreement = make_agreement(make_processor())
    url = reverse("admin:ropa_dataprocessingagreement_change", args=[agreement.pk])
    data = _form(
        agreement.processor,
        **{
            "objections-TOTAL_FORMS": "1",
            "objections-0-change": "Moving hosting to a US cloud provider",
            "objections-0-notified_on": days(-20).isoformat(),
            "objections-0-objected_on": days(-15).isoformat(),
            "objections-0-grounds": "No transfer impact assessment offered.",
        },
    )
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    objection = agreement.objections.get()
    assert objection.history.get().history_user == privacy_officer
    assert agreement.history.first().history_user == privacy_officer


def test_an_auditor_reads_agreements_but_cannot_change_them(auditor_client):
    agreement = make_agreement(make_processor())
    url = reverse("admin:ropa_dataprocessingagreement_change", args=[agreement.pk])
    assert auditor_client.get(url).status_code == 200
    assert auditor_client.post(url, _form(agreement.processor, version="hacked")).status_code == 403
    history_url = reverse("admin:ropa_dataprocessingagreement_history", args=[agreement.pk])
    assert auditor_client.get(history_url).status_code == 200
