"""The record as it stood on a day (the export's record_as_of, ropa/history/as_of.py), the export itself (Art. 30(4):
the record for the supervisory authority, XLSX or zipped CSV) and the dashboard's counts."""

import datetime
import io

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from ropa.dashboard.counts import attention_items
from ropa.exports import CONTENT_TYPES, export_filename, export_record, validate_day
from ropa.exports.views import BREACH_EXPORT_PERMISSION, EXPORT_PERMISSION, _export_without_breaches
from ropa.history.as_of import record_as_of
from ropa.models import Organisation, ProcessingActivity
from ropa.workspaces.access import is_operator, perm_name, visible, workspace_ids


class DayQuery(serializers.Serializer):
    as_of = serializers.DateField(required=False, help_text="YYYY-MM-DD; today when left out.")
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=10**18,
                                            help_text="One controller; all of the token's when left out.")

    def to_internal_value(self, data):
        """`?as_of=` with nothing after it is refused, not taken as left out (DRF's way with query strings)."""
        blank = {name: [serializers.CharField.default_error_messages["blank"]]
                 for name in self.fields if data.get(name, None) == ""}
        if blank:
            raise serializers.ValidationError(blank)
        return super().to_internal_value(data)

    def validate_as_of(self, day: datetime.date) -> datetime.date:
        try:
            validate_day(day)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        return day


class ExportQuery(DayQuery):
    file_format = serializers.ChoiceField(choices=["xlsx", "csv"], default="xlsx")
    language = serializers.ChoiceField(choices=["nb", "en", "sv"], default="nb")


def _one_of(organisations, pk: int | None) -> Organisation | None:
    if pk is None:
        return None
    found = organisations.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


class RecordAsOfView(APIView):
    """The record of the token's controllers exactly as it stood at the end of a day."""

    permission_model = ProcessingActivity

    @extend_schema(parameters=[DayQuery], responses={200: OpenApiResponse(OpenApiTypes.OBJECT)})
    def get(self, request):
        query = DayQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("as_of") or timezone.localdate()
        user = request.user
        ids = workspace_ids(user, perm_name(ProcessingActivity, "view"))
        if ids is not None:
            ids |= workspace_ids(user, perm_name(ProcessingActivity, "change"))
        organisations = Organisation.objects.all() if ids is None else Organisation.objects.filter(
            workspace_id__in=ids)
        organisation = _one_of(organisations, query.validated_data.get("organisation"))
        within = None if ids is None else set(organisations.values_list("pk", flat=True))
        snapshot = record_as_of(day, organisation, within)
        return Response({
            "as_of": day.isoformat(),
            "organisations": [
                {"id": org.pk, "name": org.name} for org in sorted(snapshot.organisations.values(), key=_pk)
                if within is None or org.pk in within
            ],
            "activities": [_activity(item) for item in sorted(snapshot.activities, key=lambda i: i.activity.pk)],
        })


def _pk(obj) -> int:
    return obj.pk


def _activity(item) -> dict:
    activity = item.activity
    return {
        "id": activity.pk,
        "organisation": activity.organisation_id,
        "name": activity.name,
        "status": activity.status,
        "description": activity.description,
        "purposes": [
            {"description": p.description, "article6": p.article6, "article9": p.article9, "article10": p.article10}
            for p in item.purposes
        ],
        "retention_rules": [
            {"personal_data_category": r.personal_data_category_id, "duration": r.duration, "unit": r.unit,
             "runs_from": r.runs_from, "description": r.description}
            for r in item.retention_rules
        ],
        **{name: labels for name, labels in item.labels.items()},
    }


class AnyAccept(BaseContentNegotiation):
    """The export answers its file whatever the client accepts (and its errors as JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ExportView(APIView):
    """The record for Datatilsynet (Art. 30(4)), as the admin's export page writes it."""

    permission_model = ProcessingActivity
    permission_action = "export"
    content_negotiation_class = AnyAccept

    @extend_schema(parameters=[ExportQuery], responses={
        (200, CONTENT_TYPES["xlsx"]): OpenApiTypes.BINARY, (200, CONTENT_TYPES["csv"]): OpenApiTypes.BINARY,
    })
    def get(self, request):
        if not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied()
        query = ExportQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        options = dict(query.validated_data)
        controllers = visible(Organisation.objects.all(), request.user, "export")
        options["organisation"] = _one_of(controllers, options.get("organisation"))
        options["day"] = options.pop("as_of", None)
        options["within"] = None if is_operator(request.user) else set(controllers.values_list("pk", flat=True))
        stream = io.BytesIO()
        if request.user.has_perm(BREACH_EXPORT_PERMISSION):
            export_record(stream, options["file_format"], options["language"], options["day"],
                          options["organisation"], options["within"])
        else:
            _export_without_breaches(stream, options)
        response = HttpResponse(stream.getvalue(), content_type=CONTENT_TYPES[options["file_format"]])
        filename = export_filename(options["file_format"], options["language"], options["day"])
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response


class DashboardView(APIView):
    """The dashboard's counts: what needs attention in the token's workspaces, as the person's role sees it."""

    @extend_schema(responses={200: inline_serializer("AttentionCount", many=True, fields={
        "group": serializers.CharField(), "label": serializers.CharField(), "count": serializers.IntegerField(),
        "urgent": serializers.BooleanField(),
    })})
    def get(self, request):
        return Response([
            {"group": str(item.group), "label": str(item.label), "count": item.count, "urgent": item.urgent}
            for item in attention_items(request.user)
        ])



