"""Breaches: read the register's entries, and file a processor's notification (Art. 33(2): the processor tells the
controller without undue delay; the controller's 72 hours run from then at the latest, Art. 33(1))."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from ropa.api.base import ReadOnlyModelSerializer, ScopedViewSet, run_clean, writable_organisations
from ropa.breaches.models import Breach
from ropa.models import Processor
from ropa.workspaces.access import visible


class BreachSerializer(ReadOnlyModelSerializer):
    class Meta:
        model = Breach
        fields = [
            "id", "organisation", "title", "status", "occurred_at", "aware_at", "contained_at",
            "notification_deadline", "description", "confidentiality", "integrity", "availability",
            "approximate_data_subjects", "approximate_records", "consequences", "measures_taken",
            "reported_by_processor", "processor_told_at", "risk", "notified_at", "created_at",
        ]
        read_only_fields = fields


class ProcessorNotificationSerializer(serializers.ModelSerializer):
    """A processor's notification: what happened, when, and at which processor; assessed by the controller."""

    reported_by_processor = serializers.PrimaryKeyRelatedField(queryset=Processor.objects.all())
    processor_told_at = serializers.DateTimeField(required=False, help_text="When the processor told us; now if "
                                                  "left out.")

    class Meta:
        model = Breach
        fields = [
            "organisation", "title", "description", "occurred_at", "aware_at", "contained_at", "confidentiality",
            "integrity", "availability", "approximate_data_subjects", "approximate_records", "consequences",
            "measures_taken", "reported_by_processor", "processor_told_at",
        ]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            fields["organisation"].queryset = writable_organisations(request.user, Breach)
            fields["reported_by_processor"].queryset = visible(Processor.objects.all(), request.user)
        return fields

    def validate(self, attrs: dict) -> dict:
        attrs.setdefault("processor_told_at", timezone.now())
        attrs.setdefault("aware_at", attrs["processor_told_at"])
        if attrs["reported_by_processor"].workspace_id != attrs["organisation"].workspace_id:
            raise serializers.ValidationError({"reported_by_processor": [_("Choose a processor of this controller's "
                                                                           "workspace.")]})
        run_clean(Breach(**attrs))
        return attrs


class BreachViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin):
    """The breach register of the token's workspaces (Art. 33(5))."""

    queryset = Breach.objects.order_by("pk")
    serializer_class = BreachSerializer
    permission_model = Breach

    def get_serializer_class(self):
        return ProcessorNotificationSerializer if self.action == "create" else BreachSerializer

    @extend_schema(request=ProcessorNotificationSerializer, responses={201: BreachSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        breach = serializer.save()
        return Response(BreachSerializer(breach).data, status=status.HTTP_201_CREATED)
