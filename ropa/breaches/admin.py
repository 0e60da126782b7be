"""The breach register in the admin: running 72-hour clocks first, the decisions on the form, the drafts."""

import math

from django import forms
from django.contrib import admin, messages
from django.db.models import Case, F, IntegerField, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ropa.admin.history import HistoryAdmin
from ropa.breaches.clock import local, notification_deadline
from ropa.breaches.drafts import KINDS, LANGUAGES, write_draft
from ropa.breaches.filters import ClockFilter
from ropa.breaches.models import Breach, Notice, Status
from ropa.models import Organisation
from ropa.workspaces.access import visible
from ropa.workspaces.admin import WorkspaceScopedAdmin, WorkspaceScopedInline

DRAFT_TITLES = {
    "notification": _("Notification to the supervisory authority (Art. 33)"),
    "communication": _("Communication to the data subjects (Art. 34)"),
}


class NoticeInline(WorkspaceScopedInline, admin.TabularInline):
    model = Notice
    extra = 0
    fields = ["kind", "sent_at", "content"]
    verbose_name_plural = _("notices to Datatilsynet, in phases (Art. 33(4))")


class BreachForm(forms.ModelForm):
    """The breach's links to the record stay within its controller: the categories prefilled from them go into
    the notification (Art. 33(3)(a)) and the letter to data subjects (Art. 34(2))."""

    class Meta:
        model = Breach
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose the fields)

    def clean(self):
        cleaned = super().clean()
        organisation, activities = cleaned.get("organisation"), cleaned.get("activities")
        if organisation and activities:
            others = sorted(activity.name for activity in activities if activity.organisation_id != organisation.pk)
            if others:
                self.add_error("activities", _(
                    "These activities belong to another controller than %(controller)s: %(names)s."
                ) % {"controller": organisation.name, "names": ", ".join(others)})
        return cleaned


@admin.register(Breach)
class BreachAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    form = BreachForm
    list_display = ["title", "organisation", "aware_column", "deadline_column", "hours_left", "status", "risk"]
    list_display_links = ["title"]
    list_filter = [ClockFilter, "status", "risk", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["title", "description", "authority_case_number"]
    date_hierarchy = "aware_at"
    autocomplete_fields = [
        "activities", "systems", "processors", "data_subject_categories", "personal_data_categories",
        "reported_by_processor",
    ]
    inlines = [NoticeInline]
    readonly_fields = ["clock_summary", "contact_point", "drafts"]
    fieldsets = [
        (None, {"fields": ["organisation", "title", "status", "clock_summary", "contact_point"]}),
        (_("When (the 72 hours run from awareness, Art. 33(1))"), {
            "fields": ["occurred_at", "aware_at", "contained_at"],
            "description": _("Times are in Norwegian time (Europe/Oslo)."),
        }),
        (_("What happened (Art. 33(3)(a))"), {"fields": [
            "description", ("confidentiality", "integrity", "availability"), "activities", "systems", "processors",
            "data_subject_categories", "approximate_data_subjects", "personal_data_categories", "approximate_records",
        ]}),
        (_("Consequences and measures (Art. 33(3)(c) and (d))"), {
            "fields": ["consequences", "measures_taken", "measures_proposed"],
        }),
        (_("Breach at a processor (Art. 33(2))"), {
            "fields": ["reported_by_processor", "processor_told_at", "processor_without_undue_delay"],
            "classes": ["collapse"],
        }),
        (_("Risk and notification (Art. 33)"), {"fields": [
            "risk", "risk_assessment", "not_notified_reason", "notified_at", "delay_reasons", "authority_case_number",
        ]}),
        (_("Data subjects (Art. 34)"), {
            "fields": ["communication", "communicated_at", "communication_means", "exemption_reasons"],
        }),
        (_("Drafts"), {"fields": ["drafts"]}),
    ]

    class Media:
        css = {"all": ["breaches/admin.css"]}

    def get_ordering(self, request):
        """Running clocks first, the one that ends soonest on top; then every other breach, newest first."""
        running = Case(
            When(status=Status.ASSESSING, aware_at__isnull=False, notified_at__isnull=True, then=Value(0)),
            default=Value(1), output_field=IntegerField(),
        )
        return [running.asc(), F("notification_deadline").asc(nulls_last=True), F("aware_at").desc(nulls_last=True),
                "-pk"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "status" in form.base_fields:
            # Only the legal moves are offered; Breach.clean() refuses any other.
            current = obj.status if obj else Status.ASSESSING
            allowed = {current, *(obj.allowed_moves() if obj else [])}
            form.base_fields["status"].choices = [(v, label) for v, label in Status.choices if v in allowed]
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            # Art. 33 binds the controller; a processor reports its breaches to the controller (Art. 33(2)).
            kwargs["queryset"] = Organisation.objects.filter(role=Organisation.Role.CONTROLLER)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        controllers = visible(Organisation.objects.filter(role=Organisation.Role.CONTROLLER), request.user, "change")
        controllers = controllers.values_list("pk", flat=True)
        controllers = list(controllers[:2])
        if len(controllers) == 1:
            initial.setdefault("organisation", controllers[0])
        initial.setdefault("aware_at", timezone.localtime().replace(second=0, microsecond=0))
        return initial

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.instance.prefill_categories():
            self.message_user(request, _(
                "The categories of data subjects and personal data were filled from the activities involved: "
                "narrow them to those actually affected."
            ), messages.WARNING)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/notification-draft/", view(self.notification_draft_view),
                 name=f"{prefix}_notification_draft"),
            path("<path:object_id>/communication-draft/", view(self.communication_draft_view),
                 name=f"{prefix}_communication_draft"),
            *super().get_urls(),
        ]

    # List columns

    @admin.display(description=_("became aware"), ordering="aware_at")
    def aware_column(self, obj: Breach) -> str:
        return f"{local(obj.aware_at):%Y-%m-%d %H:%M}" if obj.aware_at else "–"

    @admin.display(description=_("notify by"), ordering="notification_deadline")
    def deadline_column(self, obj: Breach) -> str:
        if not obj.notification_deadline:
            return "–"
        return format_html('<span class="{}">{}</span>', self._urgency(obj),
                           f"{local(obj.notification_deadline):%Y-%m-%d %H:%M}")

    @admin.display(description=_("hours left"), ordering="notification_deadline")
    def hours_left(self, obj: Breach) -> str:
        hours = obj.hours_left()
        if hours is None:
            if obj.notified_at and obj.aware_at:
                late = _(" (late)") if obj.was_notified_late else ""
                return _("notified after %(hours)d h%(late)s") % {"hours": obj.hours_to_notification, "late": late}
            return "–"
        return format_html('<span class="{}">{}</span>', self._urgency(obj), self._hours_text(hours))

    @staticmethod
    def _hours_text(hours: float) -> str:
        if hours < 0:
            return _("%(hours)d h overdue") % {"hours": math.floor(-hours)}
        return _("%(hours)d h left") % {"hours": math.floor(hours)}

    @staticmethod
    def _urgency(obj: Breach) -> str:
        if obj.is_overdue():
            return "br-overdue"
        if obj.is_due_soon():
            return "br-due-soon"
        return "br-on-track"

    # Change-form summaries

    @admin.display(description=_("72-hour clock"))
    def clock_summary(self, obj: Breach) -> str:
        if not obj.aware_at:
            return _("Starts when you record when we became aware.")
        # Worked out on save; a form sent back with errors has the awareness time but no stored deadline yet.
        deadline = f"{local(obj.notification_deadline or notification_deadline(obj.aware_at)):%Y-%m-%d %H:%M %Z}"
        if obj.is_clock_running:
            return format_html('<span class="{}">{}</span>', self._urgency(obj), _(
                "Notify by %(deadline)s: %(left)s."
            ) % {"deadline": deadline, "left": self._hours_text(obj.hours_left())})
        if obj.notified_at:
            text = _("Notified after %(hours)d hours (deadline %(deadline)s).") % {
                "hours": obj.hours_to_notification, "deadline": deadline,
            }
            return format_html('<span class="{}">{}</span>', "br-overdue" if obj.was_notified_late else "", text)
        return _("Stopped: the breach was not notified (unlikely to result in a risk).")

    @admin.display(description=_("contact point (Art. 33(3)(b))"))
    def contact_point(self, obj: Breach) -> str:
        if not obj.organisation_id:
            return _("The controller's data protection officer, from the organisation.")
        return obj.contact_point or _("None: add the DPO's contact details to the organisation.")

    @admin.display(description=_("drafts"))
    def drafts(self, obj: Breach) -> str:
        if not obj.pk:
            return _("Available once the breach is saved.")
        links = [
            (reverse(f"admin:breaches_breach_{kind}_draft", args=[obj.pk]) + f"?lang={language}",
             f"{DRAFT_TITLES[kind]} ({language})")
            for kind in KINDS for language in LANGUAGES
        ]
        return format_html_join(" ", '<a class="button br-draft" href="{}">{}</a>', links)

    # Draft pages

    def notification_draft_view(self, request, object_id):
        return self._draft_view(request, object_id, "notification")

    def communication_draft_view(self, request, object_id):
        return self._draft_view(request, object_id, "communication")

    def _draft_view(self, request, object_id, kind: str):
        breach = get_object_or_404(visible(Breach.objects.select_related("organisation"), request.user), pk=object_id)
        if not self.has_view_permission(request, breach):
            raise Http404
        language = request.GET.get("lang", "nb")
        if language not in LANGUAGES:
            raise Http404
        draft = write_draft(breach, kind, language)
        if request.GET.get("download"):
            response = HttpResponse(draft.text, content_type="text/plain; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{draft.filename(breach)}"'
            return response
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "original": breach, "draft": draft,
            "title": DRAFT_TITLES[kind], "languages": LANGUAGES, "kind": kind,
        }
        return TemplateResponse(request, "admin/breaches/breach/draft.html", context)
