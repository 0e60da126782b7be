import pytest
from django.core.exceptions import ValidationError

from ropa.models import Organisation


@pytest.mark.parametrize(
    ("number", "country"),
    [("920437958", "NO"), ("920 437 958", "NO"), ("556036-0793", "SE"), ("13585628", "DK"), ("0109862-8", "FI")],
)
def test_it_accepts_valid_nordic_organisation_numbers(db, number, country):
    organisation = Organisation(name="Shop", organisation_number=number, country=country)
    organisation.full_clean()


def test_it_stores_the_number_in_compact_form(db):
    organisation = Organisation(name="Verdifull", organisation_number="920 437 958", country="NO")
    organisation.full_clean()
    assert organisation.organisation_number == "920437958"


@pytest.mark.parametrize(("number", "country"), [("983950419", "NO"), ("556036-0794", "SE"), ("12345", "NO")])
def test_it_rejects_an_invalid_organisation_number(db, number, country):
    organisation = Organisation(name="Shop", organisation_number=number, country=country)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "organisation_number" in error.value.message_dict


def test_it_does_not_check_numbers_of_countries_it_has_no_format_for(db):
    Organisation(name="Acme Inc.", organisation_number="US-12-3456789", country="US").full_clean()


def test_the_error_speaks_norwegian_when_the_user_does(db, settings):
    from django.utils import translation

    organisation = Organisation(name="Shop", organisation_number="983950419", country="NO")
    with translation.override("nb"):
        with pytest.raises(ValidationError) as error:
            organisation.full_clean()
        # Read while the user's language is active, as a form renders it: the message is translated when shown.
        assert "organisasjonsnummer" in str(error.value.message_dict["organisation_number"]).lower()
