"""What every resource shares: rows narrowed to the token's workspaces, model rules (clean()) as field errors, and
the organisations a token may write into."""

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import mixins, serializers, viewsets
from rest_framework.serializers import as_serializer_error

from ropa.models import Organisation
from ropa.workspaces.access import perm_name, visible, workspace_ids

# Ids in paths: digits, at most 18 of them (a bigger number is no row's, and overflows the database's integer).
ID_PATTERN = r"[0-9]{1,18}"


class ScopedViewSet(viewsets.GenericViewSet):
    """A model's rows as the token's person sees them in the admin: those of their workspaces, for their role.

    Another workspace's row is not found (404), exactly as an id never used, so nothing confirms that it exists.
    """

    permission_model = None
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        return visible(self.queryset.all(), self.request.user)


class ReadViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    pass


def writable_organisations(user, model) -> "serializers.QuerySet":
    """The organisations in whose workspace the person may add `model`'s rows."""
    ids = workspace_ids(user, perm_name(model, "add"))
    organisations = Organisation.objects.all()
    return organisations if ids is None else organisations.filter(workspace_id__in=ids)


def as_field_errors(check, *args, **kwargs):
    """Run a model's check; its Django ValidationError becomes DRF's, field by field."""
    try:
        return check(*args, **kwargs)
    except DjangoValidationError as error:
        raise serializers.ValidationError(as_serializer_error(error)) from error


def run_clean(instance) -> None:
    """The model's own rules (full_clean: fields, clean(), constraints) as DRF errors per field."""
    as_field_errors(instance.full_clean)


class ReadOnlyModelSerializer(serializers.ModelSerializer):
    """A serializer of read-only fields whose choices keep the blank their model allows (DRF drops allow_blank from
    read-only fields), so that the schema lists "" too: a breach's risk before it is assessed, a request's identity
    method before it is checked."""

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            if isinstance(field, serializers.ChoiceField) and field.read_only:
                try:
                    model_field = self.Meta.model._meta.get_field(field.source or name)  # not bound yet
                except FieldDoesNotExist:
                    continue
                field.allow_blank = model_field.blank
                field.allow_null = model_field.null
        return fields


class AtomicCreateMixin:
    def perform_create(self, serializer) -> None:
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer) -> None:
        with transaction.atomic():
            serializer.save()
