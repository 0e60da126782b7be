"""The rows of a long admin list, written exactly as Django's `items_for_result` writes them, with the work that is
the same on every row (finding each column's field or method, its CSS classes, its choices) done once per page.

Django repeats that work for every cell: on the activity list, a hundred rows of nine columns, it was a quarter
of the page's time (bench/changelist_bench.py). A column of a kind written here falls back to Django's own rows
for the whole page, so a list never renders differently; tests/ropa/test_admin_rows.py holds the two equal.
"""

import datetime
import html
from collections.abc import Callable

from django.contrib.admin.templatetags.admin_list import (
    ResultList,
    _coerce_field_name,
    result_headers,
    result_hidden_fields,
    results,
)
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
)
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch
from django.utils.safestring import mark_safe

Cell = Callable[[models.Model], str]


def result_list(cl) -> dict:
    """The context of Django's `result_list` tag, with the rows from `page_rows()` where it can write them."""
    headers = list(result_headers(cl))
    rows = page_rows(cl)
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
        "results": rows if rows is not None else list(results(cl)),
    }


def page_rows(cl) -> list[ResultList] | None:
    """Each row as one string of cells, or None when the page needs what only Django's rows do."""
    if cl.formset or cl.is_popup or cl.list_display_links is None or cl.to_field:
        return None
    columns, linked = [], False
    for index, name in enumerate(cl.list_display):
        link = name in cl.list_display_links or (not linked and not cl.list_display_links)
        column = _column(cl, index, name, link=link, first_link=link and not linked)
        if column is None:
            return None
        linked = linked or link
        columns.append(column)
    return [ResultList(None, [mark_safe("".join([cell(row) for cell in columns]))]) for row in cl.result_list]  # noqa: S308 (each cell escaped in _wrap)


def _column(cl, index: int, name, *, link: bool, first_link: bool) -> Cell | None:
    """One column's cell writer, mirroring `items_for_result` for the kinds of column it knows; else None."""
    model_admin = cl.model_admin
    empty = model_admin.get_empty_value_display()
    css = f"field-{_coerce_field_name(name, index)}"
    try:
        field = _get_non_gfk_field(cl.lookup_opts, name)
    except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
        field = None
    if field is None:
        if callable(name):
            method = name
        elif isinstance(name, str) and name != "__str__" and hasattr(model_admin, name):
            method = getattr(model_admin, name)
        else:
            return None  # a model attribute or property: Django's rows
        boolean = getattr(method, "boolean", False)
        empty = getattr(method, "empty_value_display", empty)
        classes = "action-checkbox" if name == "action_checkbox" else css

        def display(row):
            value = _blank_to_empty(method(row))
            nowrap = isinstance(value, datetime.date | datetime.time)
            return display_for_value(value, empty, boolean), f"{classes} nowrap" if nowrap else classes

    elif field.many_to_one:
        classes = f"{css} nowrap"

        def display(row):
            related = getattr(row, field.name)
            return (empty if related is None else related), classes

    elif field.flatchoices:
        labels = {value: str(label) for value, label in field.flatchoices}  # translated once, not per row
        classes = f"{css} nowrap" if isinstance(field, models.DateField | models.TimeField) else css

        def display(row):
            return labels.get(_blank_to_empty(getattr(row, field.attname)), empty), classes

    elif type(field) in (models.CharField, models.TextField, models.DateField):
        classes = f"{css} nowrap" if isinstance(field, models.DateField) else css

        def display(row):
            value = _blank_to_empty(getattr(row, field.attname))
            return display_for_field(value, field, empty, avoid_link=link), classes

    else:
        return None
    return lambda row: _wrap(cl, row, *display(row), link=link, first_link=first_link)


def _blank_to_empty(value):
    return "" if isinstance(value, str) and value.strip() == "" else value


def _escape(value) -> str:
    """django.utils.html.conditional_escape without its check for lazy arguments on every call: the same text."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _wrap(cl, row, text, classes: str, *, link: bool, first_link: bool) -> str:
    text = _escape(text)
    if not link:
        return f'<td class="{classes}">{text}</td>'
    tag = "th" if first_link else "td"
    try:
        url = cl.url_for_result(row)
    except NoReverseMatch:
        return f'<{tag} class="{classes}">{text}</{tag}>'
    if cl.preserved_filters:
        url = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, url)
    return f'<{tag} class="{classes}"><a href="{_escape(url)}">{text}</a></{tag}>'
