"""The admin's own phrases in Norwegian read right for every noun (issue 26: "Legg til ny Formål", "ny brudd")."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("url_name", ["admin:ropa_processingactivity_changelist", "admin:breaches_breach_changelist"])
def test_the_add_button_has_no_adjective_of_the_wrong_gender(officer_client, url_name):
    content = officer_client.get(reverse(url_name), headers={"accept-language": "nb"}).content.decode()
    assert "Legg til ny" not in content
    assert "Legg til behandlingsaktivitet" in content or "Legg til brudd på personopplysningssikkerheten" in content


def test_an_inline_offers_another_row_without_a_capital_mid_sentence(officer_client):
    content = officer_client.get(
        reverse("admin:ropa_processingactivity_add"), headers={"accept-language": "nb"},
    ).content.decode()
    assert "Legg til ny" not in content
    assert "Form\\u00e5l: legg til" in content
