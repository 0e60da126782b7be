"""The admin's view of history: every version can be read, none can be restored from the admin."""

from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.html import format_html
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

# Django's own msgid, in a constant so that makemessages leaves it to Django's catalogues.
DJANGO_CHECKBOX_LABEL = "Select this object for an action - {}"


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin with revert refused on the server, not only hidden: the one history admin of every model.

    simple-history's SIMPLE_HISTORY_REVERT_DISABLED hides the button but still accepts a posted revert;
    the record's history must stay a faithful account of what was decided, so a past version is shown
    read-only and a POST to it is refused, for every user, superusers included. Workflows that only move
    forward (breaches, requests, the outbox) refuse a step back in their models' save() as well
    (ropa/history/forward_only.py), for the paths that do not go through this admin. Every admin of a model
    with history derives from this class; tests/security/test_history_restore.py fails for one that does not.
    An edit without a reason shows an empty reason, not "None", on this and every other admin's history page:
    templates/simple_history/object_history_list.html overrides the list.
    """

    def action_checkbox(self, obj):
        """Django's row checkbox, written out: rendering a CheckboxInput through the template engine for each of
        a hundred rows was a fifth of the activity changelist's time (bench/changelist_bench.py)."""
        label = format_html(gettext(DJANGO_CHECKBOX_LABEL), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME, str(obj.pk), label,
        )

    def revert_disabled(self, request, obj=None) -> bool:
        return True  # no Revert button, whatever the settings or the user's permissions

    def history_view(self, request, object_id, extra_context=None):
        self._listed_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        self._listed_or_404(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _listed_or_404(self, request, object_id) -> None:
        """An object that exists but that this admin's list does not show the person (another person's API token)
        has no history page for them either: simple-history's view looks the object up without get_queryset()."""
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except (ValueError, ValidationError):
            raise Http404 from None
        exists = self.model._default_manager.filter(pk=pk).exists()
        if exists and not self.get_queryset(request).filter(pk=pk).exists():
            raise Http404
