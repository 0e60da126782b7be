from ropa.models.activities import (
    Art30Item,
    ProcessingActivity,
    Purpose,
    RetentionRule,
    YesNoUnknown,
)
from ropa.models.base import RECORD_PERMISSIONS, Vocabulary
from ropa.models.legal_bases import LegalBasis
from ropa.models.organisations import Organisation
from ropa.models.processor_record import ProcessorActivity
from ropa.models.vocabularies import (
    DataSubjectCategory,
    PersonalDataCategory,
    RecipientCategory,
    SecurityMeasure,
    System,
)

__all__ = [
    "RECORD_PERMISSIONS",
    "Art30Item",
    "DataSubjectCategory",
    "LegalBasis",
    "Organisation",
    "PersonalDataCategory",
    "ProcessingActivity",
    "ProcessorActivity",
    "Purpose",
    "RecipientCategory",
    "RetentionRule",
    "SecurityMeasure",
    "System",
    "Vocabulary",
    "YesNoUnknown",
]
