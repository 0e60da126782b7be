"use strict";
// A country select the officer can type into (ropa/admin/countries.py): the admin's select2, no fetching.
{
    const $ = django.jQuery;
    const language = document.documentElement.lang;
    function searchable(root) {
        $(root).find("select.ropa-country-search").not("[name*=__prefix__]").select2({width: "20em", language});
    }
    $(() => searchable(document));
    document.addEventListener("formset:added", (event) => searchable(event.target));
}
