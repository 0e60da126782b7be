"""Processors with their agreements (Art. 28(3)), and transfers outside the EEA (Arts. 44–49): read only."""

from rest_framework import serializers

from ropa.api.base import ReadViewSet
from ropa.models import DataProcessingAgreement, Processor, Transfer


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataProcessingAgreement
        fields = ["id", "version", "signed_on", "effective_from", "ends_on", "next_review", "subject_matter",
                  "duration", "nature_and_purpose", "sub_processor_authorisation"]


class ProcessorSerializer(serializers.ModelSerializer):
    agreements = AgreementSerializer(many=True, read_only=True)
    countries = serializers.SerializerMethodField()

    class Meta:
        model = Processor
        fields = ["id", "name", "role", "service", "countries", "contact_name", "contact_email", "agreements"]

    def get_countries(self, processor: Processor) -> list[str]:
        return [country.code for country in processor.countries]


class TransferSerializer(serializers.ModelSerializer):
    destination_country = serializers.CharField(source="destination_country.code", read_only=True)

    class Meta:
        model = Transfer
        fields = ["id", "activity", "processor", "recipient", "description", "destination_country",
                  "international_organisation", "tool", "scc_module", "scc_signed_on", "derogation", "tia_date"]


class ProcessorViewSet(ReadViewSet):
    """Processors of the token's workspaces and their data processing agreements."""

    queryset = Processor.objects.prefetch_related("agreements").order_by("pk")
    serializer_class = ProcessorSerializer
    permission_model = Processor


class TransferViewSet(ReadViewSet):
    """Transfers of personal data outside the EEA, with their safeguard."""

    queryset = Transfer.objects.order_by("pk")
    serializer_class = TransferSerializer
    permission_model = Transfer
