"""Processing activities (Art. 30(1)): read with their purposes, legal bases, retention rules, processors and
transfers; written through the same rules as the admin (the model's clean(), Art. 9, 10 and 30(1)(e) checks)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers
from rest_framework.exceptions import PermissionDenied

from ropa.api.base import AtomicCreateMixin, ScopedViewSet, as_field_errors, run_clean, writable_organisations
from ropa.models import (
    DataSubjectCategory,
    PersonalDataCategory,
    ProcessingActivity,
    ProcessorUse,
    Purpose,
    RecipientCategory,
    RetentionRule,
    SecurityMeasure,
    System,
    Transfer,
)
from ropa.workspaces.access import visible

LINKS = {
    "data_subject_categories": DataSubjectCategory,
    "personal_data_categories": PersonalDataCategory,
    "recipient_categories": RecipientCategory,
    "security_measures": SecurityMeasure,
    "systems": System,
}


class PurposeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Purpose
        fields = ["id", "description", "article6", "article9", "article10", "legal_reference", "direct_marketing"]


class RetentionRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = RetentionRule
        fields = ["id", "personal_data_category", "duration", "unit", "runs_from", "legal_reference", "description"]


class ProcessorUseSerializer(serializers.ModelSerializer):
    processor_name = serializers.CharField(source="processor.name", read_only=True)

    class Meta:
        model = ProcessorUse
        fields = ["processor", "processor_name", "note"]


class ActivityTransferSerializer(serializers.ModelSerializer):
    class Meta:
        model = Transfer
        fields = ["id", "destination_country", "recipient", "processor", "tool", "derogation"]


class ActivitySerializer(serializers.ModelSerializer):
    purposes = PurposeSerializer(many=True, read_only=True)
    retention_rules = RetentionRuleSerializer(many=True, read_only=True)
    processors = ProcessorUseSerializer(source="processor_uses", many=True, read_only=True)
    transfers = ActivityTransferSerializer(many=True, read_only=True)

    class Meta:
        model = ProcessingActivity
        fields = [
            "id", "organisation", "name", "description", "department", "owner", "status",
            "data_subject_categories", "personal_data_categories", "source_kind", "source_description",
            "recipient_categories", "recipients_description", "transfers_outside_eea", "security_measures",
            "security_description", "systems", "automated_decision_making", "profiling", "dpia_required",
            "dpia_status", "public_description", "last_reviewed", "next_review", "created_at", "updated_at",
            "purposes", "retention_rules", "processors", "transfers",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A controller or an entry of another workspace is no choice at all: "does not exist", as an unused id.
            fields["organisation"].queryset = writable_organisations(user, ProcessingActivity)
            for name, model in LINKS.items():
                fields[name].child_relation.queryset = visible(model.objects.all(), user)
        return fields

    def validate(self, attrs: dict) -> dict:
        """The model's rules on the submitted values, as the admin's form applies them: clean() on the changed
        activity, and the Art. 9/10 checks against the submitted categories."""
        links = {name: attrs.pop(name) for name in list(attrs) if name in LINKS}
        instance = self.instance or ProcessingActivity()
        # A new activity is thrown away after the check; a saved one gets its values back (an unset relation of a
        # new one cannot even be read).
        previous = {name: getattr(instance, name) for name in attrs} if self.instance else {}
        for name, value in attrs.items():
            setattr(instance, name, value)
        try:
            self._check_links(instance, links)
            run_clean(instance)
            if "personal_data_categories" in links and instance.pk:
                as_field_errors(instance.check_legal_bases, data_categories=list(links["personal_data_categories"]))
        finally:
            for name, value in previous.items():
                setattr(instance, name, value)  # the instance is saved by save(), never half-changed here
        attrs.update(links)
        return attrs

    @staticmethod
    def _check_links(instance: ProcessingActivity, links: dict) -> None:
        """An activity names its own workspace's entries and the shared ones, never another client's."""
        workspace = instance.organisation.workspace_id if instance.organisation_id else None
        errors = {
            name: [_("Choose entries of the controller's own workspace, or shared ones.")]
            for name, entries in links.items()
            if any(entry.workspace_id not in (None, workspace) for entry in entries)
        }
        if errors:
            raise serializers.ValidationError(errors)


class ActivityViewSet(
    AtomicCreateMixin, ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """Processing activities of the token's workspaces (Art. 30(1)), with their parts."""

    queryset = ProcessingActivity.objects.order_by("pk")
    serializer_class = ActivitySerializer
    permission_model = ProcessingActivity

    def get_queryset(self):
        # One query per part, whatever the page size.
        return super().get_queryset().prefetch_related(
            *LINKS, "purposes", "retention_rules", "transfers",
            Prefetch("processor_uses", ProcessorUse.objects.select_related("processor")),
        )

    def get_object(self):
        activity = super().get_object()
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            # Changing needs the change permission in this activity's workspace, not only in some other one.
            if not visible(ProcessingActivity.objects.filter(pk=activity.pk), self.request.user, "change").exists():
                raise PermissionDenied()
        return activity
