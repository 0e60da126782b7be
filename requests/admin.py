"""Rights requests in the admin: a deadline-ordered list, the workflow as confirmed steps, the Art. 15 answer."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from requests import answers, services, statistics
from requests.admin_filters import AssigneeFilter, DeadlineFilter, StateFilter
from requests.models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Attachment,
    OutboxEmail,
    Right,
    RightsRequest,
)
from requests.operations import BULK_OPERATIONS, OPERATIONS, Operation
from ropa.admin.history import HistoryAdmin
from ropa.models import Organisation
from ropa.security.files import private_download, validate_attachment
from ropa.workspaces.access import request_staff, scope_filter
from ropa.workspaces.admin import WorkspaceScopedAdmin, WorkspaceScopedInline


class AttachmentInline(WorkspaceScopedInline, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["file", "download", "description", "uploaded_at", "uploaded_by"]
    readonly_fields = ["download", "uploaded_at", "uploaded_by"]
    # Private storage has no public URL, so the widget never links to one; `download` checks permission.
    # The upload is judged by its bytes (ropa.security.files), not by its name.
    formfield_overrides = {models.FileField: {"widget": forms.FileInput, "validators": [validate_attachment]}}

    @admin.display(description=_("download"))
    def download(self, attachment: Attachment) -> str:
        if not attachment.pk:
            return "–"
        url = reverse("admin:requests_rightsrequest_attachment", args=[attachment.request_id, attachment.pk])
        return format_html('<a href="{}">{}</a>', url, attachment)


class RightsRequestForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        searched, found = cleaned.get("searched_activities"), cleaned.get("found_activities")
        if found is not None and searched is not None and set(found) - set(searched):
            self.add_error("found_activities", _("An activity where data was found must also be among those searched."))
        return cleaned


def _bulk_action(operation: Operation):
    def action(modeladmin: "RightsRequestAdmin", request, queryset):
        return modeladmin.operation_response(request, operation, list(queryset), bulk=True)

    action.__name__ = operation.name
    return admin.action(description=operation.label, permissions=["change"])(action)


@admin.register(RightsRequest)
class RightsRequestAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = [
        "reference", "rights_list", "requester", "received", "deadline_column", "days_left", "status", "assignee",
    ]
    list_filter = [StateFilter, DeadlineFilter, ("rights", admin.RelatedFieldListFilter), "status", AssigneeFilter]
    list_select_related = ["assignee"]
    search_fields = ["reference", "requester_name", "requester_email", "requester_phone", "customer_number"]
    actions = [_bulk_action(OPERATIONS[name]) for name in BULK_OPERATIONS]
    form = RightsRequestForm
    autocomplete_fields = ["organisation", "searched_activities", "found_activities", "searched_systems"]
    inlines = [AttachmentInline]
    readonly_fields = [
        "reference", "status", "deadline_summary", "next_steps", "email_confirmed_at", "identity_summary",
        "extension_summary", "refusal_summary", "timeline",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "status", "deadline_summary", "next_steps", "email_confirmed_at"]}),
        (_("The request"), {
            "fields": ["organisation", "rights", "channel", "received", "language", "assignee", "message"],
        }),
        (_("The requester"), {
            "fields": ["requester_name", "requester_email", "requester_phone", "requester_address", "customer_number"],
            "description": _("Personal data: erased with the request and its history after the retention period."),
        }),
        (_("Identity check (Art. 12(6))"), {"fields": ["identity_summary"]}),
        (_("Search and outcome"), {
            "fields": ["searched_activities", "found_activities", "searched_systems", "search_outcome"],
        }),
        (_("Extension and refusal (Art. 12(3) and (4))"), {"fields": ["extension_summary", "refusal_summary"]}),
        (_("Timeline"), {"fields": ["timeline"]}),
    ]
    add_fieldsets = fieldsets[1:3] + [fieldsets[4]]

    class Media:
        css = {"all": ["requests/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("rights")

    def get_ordering(self, request):
        """My open requests first, then everyone's open ones, unconfirmed ones, closed ones; each by deadline."""
        rank = Case(
            When(Q(status__in=OPEN_STATUSES, assignee_id=request.user.pk), then=Value(0)),
            When(status__in=OPEN_STATUSES, then=Value(1)),
            When(status__in=CLOSED_STATUSES, then=Value(3)),
            default=Value(2), output_field=IntegerField(),
        )
        return [rank.asc(), F("deadline").asc(nulls_last=True), "-pk"]

    def get_fieldsets(self, request, obj=None):
        return self.fieldsets if obj else self.add_fieldsets

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        # Among the organisation field's own choices: controllers of the workspaces where the person may add or
        # change requests (a request handler may not change the organisation itself, only file requests for it).
        ids = self._changeable_workspaces(request)
        controllers = Organisation.objects.filter(role=Organisation.Role.CONTROLLER)
        controllers = controllers.filter(scope_filter(Organisation, ids, shared=False)).values_list("pk", flat=True)
        controllers = list(controllers[:2])
        if len(controllers) == 1:
            initial.setdefault("organisation", controllers[0])
        initial.setdefault("assignee", request.user.pk)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            kwargs["queryset"] = request_staff(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "rights":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # After the rights are saved, so the receipt lists them.
            services.acknowledge(form.instance, by=request.user)

    def save_formset(self, request, form, formset, change):
        for attachment in formset.save(commit=False):
            if attachment.pk is None:
                attachment.uploaded_by = request.user
            attachment.save()
        for attachment in formset.deleted_objects:
            attachment.delete()

    def delete_model(self, request, obj):
        from requests.purge import erase_requests

        erase_requests(RightsRequest.objects.filter(pk=obj.pk), keep_statistics=True)

    def delete_queryset(self, request, queryset):
        from requests.purge import erase_requests

        erase_requests(queryset, keep_statistics=True)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("statistics/", view(self.statistics_view), name=f"{prefix}_statistics"),
            path("<path:object_id>/step/<str:name>/", view(self.operation_view), name=f"{prefix}_operation"),
            path(
                "<path:object_id>/access-answer/", view(self.answer_view), {"right": Right.Article.ACCESS},
                name=f"{prefix}_access_answer",
            ),
            path("<path:object_id>/answer/<str:right>/", view(self.answer_view), name=f"{prefix}_answer"),
            path(
                "<path:object_id>/attachment/<id:attachment_id>/", view(self.attachment_view),
                name=f"{prefix}_attachment",
            ),
            *super().get_urls(),
        ]

    # List columns

    @admin.display(description=_("rights"))
    def rights_list(self, obj: RightsRequest) -> str:
        return ", ".join(str(right) for right in obj.rights.all())

    @admin.display(description=_("requester"))
    def requester(self, obj: RightsRequest) -> str:
        return obj.requester

    @admin.display(description=_("deadline"), ordering="deadline")
    def deadline_column(self, obj: RightsRequest) -> str:
        if obj.deadline is None:
            return _("paused") if obj.is_open else "–"
        return format_html('<span class="{}">{}</span>', self._urgency(obj), obj.deadline.isoformat())

    @admin.display(description=_("days left"), ordering="deadline")
    def days_left(self, obj: RightsRequest) -> str:
        if not obj.is_open or obj.deadline is None:
            return "–"
        return format_html('<span class="{}">{}</span>', self._urgency(obj), obj.days_left())

    @staticmethod
    def _urgency(obj: RightsRequest) -> str:
        if obj.is_overdue():
            return "rr-overdue"
        if obj.is_due_soon():
            return "rr-due-soon"
        return "rr-on-track"

    # Change-form summaries

    @admin.display(description=_("deadline"))
    def deadline_summary(self, obj: RightsRequest) -> str:
        if obj.deadline is None:
            return _("Paused until identity is confirmed (Art. 12(6), the controller's setting).")
        text = obj.deadline.isoformat()
        if obj.extended_on:
            text = _("%(deadline)s (extended; originally %(original)s)") % {
                "deadline": text, "original": obj.original_deadline.isoformat(),
            }
        if obj.is_open:
            return format_html('<span class="{}">{}</span> ({})', self._urgency(obj), text, ngettext(
                "%(days)d day left", "%(days)d days left", obj.days_left(),
            ) % {"days": obj.days_left()})
        return text

    @admin.display(description=_("next steps"))
    def next_steps(self, obj: RightsRequest) -> str:
        links = [
            (reverse("admin:requests_rightsrequest_operation", args=[obj.pk, operation.name]), operation.label)
            for operation in OPERATIONS.values() if operation.is_available(obj)
        ]
        for right in answers.answerable_rights(obj):
            if right == Right.Article.ACCESS:
                url, label = reverse("admin:requests_rightsrequest_access_answer", args=[obj.pk]), _(
                    "Art. 15 information for the requester")
            else:
                url = reverse("admin:requests_rightsrequest_answer", args=[obj.pk, right])
                label = _("Answer: %(right)s") % {"right": Right.Article(right).label}
            links.append((url, label))
        if not links:
            return _("None: the request is closed.")
        return format_html_join(" ", '<a class="button rr-step" href="{}">{}</a>', links)

    @admin.display(description=_("identity"))
    def identity_summary(self, obj: RightsRequest) -> str:
        if not obj.identity_confirmed_on:
            if obj.identity_requested_on:
                return _("Asked for on %(date)s; not yet confirmed.") % {"date": obj.identity_requested_on}
            return _("Not confirmed.")
        by = obj.identity_confirmed_by.get_username() if obj.identity_confirmed_by else "–"
        return _("%(method)s, on %(date)s, by %(user)s. No ID document is kept.") % {
            "method": obj.get_identity_method_display(), "date": obj.identity_confirmed_on, "user": by,
        }

    @admin.display(description=_("extension"))
    def extension_summary(self, obj: RightsRequest) -> str:
        if not obj.extended_on:
            return _("Not extended.")
        return _("Extended on %(on)s; requester told on %(told)s. Reasons: %(reason)s") % {
            "on": obj.extended_on, "told": obj.extension_told_on, "reason": obj.extension_reason,
        }

    @admin.display(description=_("refusal"))
    def refusal_summary(self, obj: RightsRequest) -> str:
        if not obj.refusal_ground:
            return _("Not refused.")
        return _("%(ground)s. Reasons: %(reasons)s. Told of the right to complain: yes.") % {
            "ground": obj.get_refusal_ground_display(), "reasons": obj.refusal_explanation,
        }

    @admin.display(description=_("timeline"))
    def timeline(self, obj: RightsRequest) -> str:
        entries = obj.status_changes.select_related("changed_by")
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (
                timezone.localtime(entry.changed_at).strftime("%Y-%m-%d %H:%M"),
                entry.changed_by.get_username() if entry.changed_by else "–",
                str(entry) if entry.is_move else entry.get_to_status_display(),
                entry.comment,
            )
            for entry in entries
        ))
        return format_html(
            '<table class="rr-timeline"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("When"), _("Who"), _("Status"), _("Comment"), rows,
        )

    # Workflow steps

    def operation_view(self, request, object_id: str, name: str):
        obj = self.get_object(request, object_id)
        if obj is None or name not in OPERATIONS:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        operation = OPERATIONS[name]
        if not operation.is_available(obj):
            self.message_user(request, _("“%(step)s” is not possible while the request is “%(status)s”.") % {
                "step": operation.label, "status": obj.get_status_display(),
            }, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:requests_rightsrequest_change", args=[obj.pk]))
        return self.operation_response(request, operation, [obj], bulk=False)

    def operation_response(self, request, operation: Operation, requests: list[RightsRequest], *, bulk: bool):
        """Show the step's form for `requests`; on a valid POST apply it to each and report per request."""
        if request.method == "POST" and "apply" in request.POST:
            form = operation.form(request.POST)
            if form.is_valid():
                done = 0
                for obj in requests:
                    try:
                        operation.apply(obj, request.user, form.cleaned_data)
                        done += 1
                    except ValidationError as error:
                        self.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
                if done:
                    self.message_user(request, ngettext(
                        "%(step)s: %(count)d request updated.", "%(step)s: %(count)d requests updated.", done,
                    ) % {"step": operation.label, "count": done}, messages.SUCCESS)
                if bulk:
                    return None
                if done:
                    return HttpResponseRedirect(reverse("admin:requests_rightsrequest_change", args=[requests[0].pk]))
        else:
            form = operation.form(initial=operation.initial(requests[0]) if len(requests) == 1 else {})
        context = {
            **self.admin_site.each_context(request),
            "title": operation.label,
            "opts": self.opts,
            "operation": operation,
            "requests": requests,
            "form": form,
            "bulk": bulk,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/requests/rightsrequest/operation.html", context)

    def answer_view(self, request, object_id: str, right: str):
        """Draft the answer to one right; send it only without placeholders, with its confirmations and files."""
        obj = self.get_object(request, object_id)
        if obj is None or right not in answers.answerable_rights(obj):
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        outcome = request.POST.get("outcome") or request.GET.get("outcome", "")
        draft = answers.build(obj, right, outcome)
        files = list(obj.attachments.all())
        text, chosen, confirmed, problems = draft.text, [], set(), []
        if request.method == "POST":
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            text = request.POST.get("text", "")
            picked = set(request.POST.getlist("attachment"))
            chosen = [attachment for attachment in files if str(attachment.pk) in picked]
            ticked = set(request.POST.getlist("confirm"))
            confirmed = {statement for index, statement in enumerate(draft.confirmations) if str(index) in ticked}
            problems = answers.check(draft, text, chosen, confirmed)
            if not problems:
                answers.send(draft, text, chosen, by=request.user)
                self.message_user(request, _("The answer is in the outbox."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:requests_rightsrequest_change", args=[obj.pk]))
        label = Right.Article(right).label
        context = {
            **self.admin_site.each_context(request),
            "title": _("%(right)s: answer for %(reference)s") % {"right": label, "reference": obj.reference},
            "opts": self.opts,
            "original": obj,
            "right": right,
            "right_label": label,
            "draft": draft,
            "text": text,
            "problems": problems,
            "outcomes": answers.outcomes(right),
            "files": files,
            "chosen": {attachment.pk for attachment in chosen},
            "confirmations": [
                (index, statement, statement in confirmed) for index, statement in enumerate(draft.confirmations)
            ],
            "can_send": self.has_change_permission(request, obj),
        }
        return TemplateResponse(request, "admin/requests/rightsrequest/answer.html", context, status=200)

    def attachment_view(self, request, object_id: str, attachment_id: int):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        attachment = get_object_or_404(Attachment, pk=attachment_id, request=obj)
        return private_download(attachment.file, attachment.file.name.rsplit("/", 1)[-1])

    def statistics_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = statistics.closed_requests(user=request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Rights requests: anonymous statistics"),
            "opts": self.opts,
            "total": [statistics.overall(rows)],
            "months": statistics.by_month(rows),
            "rights": statistics.by_right(rows),
        }
        return TemplateResponse(request, "admin/requests/rightsrequest/statistics.html", context)


class SentFilter(admin.SimpleListFilter):
    title = _("sent")
    parameter_name = "sent"

    def lookups(self, request, model_admin):
        return [("no", _("Not sent yet")), ("yes", _("Sent"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.pending()
        if self.value() == "yes":
            return queryset.filter(sent_at__isnull=False)
        return queryset


@admin.register(OutboxEmail)
class OutboxEmailAdmin(WorkspaceScopedAdmin, HistoryAdmin):
    list_display = ["subject", "kind", "recipient", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [SentFilter, "kind"]
    list_select_related = ["request"]
    search_fields = ["subject", "recipient", "request__reference"]
    readonly_fields = [
        "request", "kind", "recipient", "reply_to", "subject", "body", "created_at", "sent_at", "attempts",
        "last_attempt_at", "last_error", "next_attempt_at",
    ]
    actions = ["send_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Retry now"), permissions=["change"])
    def send_now(self, request, queryset):
        """Cut the back-off short; the outbox worker sends them (never this web request, issue 11)."""
        emails = list(queryset.pending())
        for email in emails:
            email.next_attempt_at = None
            email.save(update_fields=["next_attempt_at"])
        self.message_user(
            request, _("%(count)d e-mail(s) will be sent by the outbox worker shortly.") % {"count": len(emails)},
        )
