"""Rights requests (Arts. 15–22): a shop files one from its customer area and reads its status and Art. 12(3)
deadline. The answers name no requester: the shop knows its customer, and the API never hands personal data back."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from requests.intake.forms import MESSAGE_MAX_LENGTH
from requests.intake.submission import file_request, file_vouched_request
from requests.models import Right, RightsRequest
from ropa.api.base import ReadOnlyModelSerializer, ScopedViewSet, writable_organisations
from ropa.models import Organisation


class RightsRequestSerializer(ReadOnlyModelSerializer):
    """What a request's status page would tell: where it stands and by when it must be answered."""

    rights = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    vouched = serializers.SerializerMethodField()

    class Meta:
        model = RightsRequest
        fields = [
            "id", "reference", "organisation", "rights", "channel", "language", "status", "received", "deadline",
            "takes_effect_on_receipt", "email_confirmed_at", "identity_method", "identity_confirmed_on",
            "closed_on", "vouched",
        ]
        read_only_fields = fields

    def get_vouched(self, request: RightsRequest) -> bool:
        return request.vouched_by_id is not None


class RightsRequestCreateSerializer(serializers.Serializer):
    """A request as the public form takes it, for the controller named; `vouched` as the token allows."""

    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    rights = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Right.objects.all(),
                                          allow_empty=False)
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    customer_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    message = serializers.CharField(max_length=MESSAGE_MAX_LENGTH)
    language = serializers.ChoiceField(choices=RightsRequest.Language.choices, default=RightsRequest.Language.NB)
    vouched = serializers.BooleanField(
        default=False,
        help_text="True: the calling system has logged the customer in and vouches for their identity (a token "
                  "that may vouch only); no e-mail link is sent and the deadline runs from today.",
    )

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            fields["organisation"].queryset = writable_organisations(request.user, RightsRequest)
        return fields

    def validate_name(self, value: str) -> str:
        return " ".join(value.split())


class RightsRequestViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin):
    """Rights requests of the token's workspaces: file one, list them, read one's status and deadline."""

    queryset = RightsRequest.objects.select_related("organisation").prefetch_related("rights").order_by("pk")
    serializer_class = RightsRequestSerializer
    permission_model = RightsRequest

    def get_serializer_class(self):
        return RightsRequestCreateSerializer if self.action == "create" else RightsRequestSerializer

    @extend_schema(request=RightsRequestCreateSerializer, responses={201: RightsRequestSerializer})
    def create(self, request, *args, **kwargs):
        serializer = RightsRequestCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        token = request.auth
        link = _link_builder(request)
        if data.pop("vouched"):
            if not token.may_vouch:
                raise PermissionDenied(_("This token may not vouch for a requester's identity."))
            filed = file_vouched_request(data, organisation, link, token)
        else:
            filed = file_request(data, organisation, link, channel=RightsRequest.Channel.API)
        filed = self.get_queryset().get(pk=filed.pk)
        return Response(RightsRequestSerializer(filed).data, status=status.HTTP_201_CREATED)


def _link_builder(request):
    if settings.INTAKE_BASE_URL:
        return lambda path: settings.INTAKE_BASE_URL + path
    return request.build_absolute_uri
