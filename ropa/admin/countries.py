"""Countries picked by typing, not from a list of 250 (issue 26).

One country: the admin's own select2 (the library behind its autocomplete fields) on the plain select, so
nothing is fetched and the choices stay django-countries' translated names. Several countries: Django's
filtered two-box selector, whose box narrows the list as one types.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import FilteredSelectMultiple, get_select2_language
from django_countries.fields import CountryField


class CountrySearchSelect(forms.Select):
    """A select that ropa/static/ropa/country_search.js turns into a searchable one."""

    def __init__(self, attrs=None, choices=()) -> None:
        super().__init__({"class": "ropa-country-search", **(attrs or {})}, choices)

    @property
    def media(self) -> forms.Media:
        extra = "" if settings.DEBUG else ".min"
        language = get_select2_language()
        return forms.Media(
            js=(
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                *([f"admin/js/vendor/select2/i18n/{language}.js"] if language else []),
                "admin/js/jquery.init.js",
                "ropa/country_search.js",
            ),
            css={"screen": (f"admin/css/vendor/select2/select2{extra}.css", "admin/css/autocomplete.css")},
        )


class CountrySearchAdminMixin:
    """For a ModelAdmin or an inline: every CountryField gets a select that can be searched."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, CountryField):
            if db_field.multiple:
                kwargs["widget"] = FilteredSelectMultiple(db_field.verbose_name, is_stacked=False)
            else:
                kwargs["widget"] = CountrySearchSelect()
        return super().formfield_for_dbfield(db_field, request, **kwargs)
