from ropa.models.activities import (
    Art30Item,
    ProcessingActivity,
    Purpose,
    RetentionRule,
    YesNoUnknown,
)
from ropa.models.base import RECORD_PERMISSIONS, Vocabulary
from ropa.models.legal_bases import LegalBasis
from ropa.models.notice import NoticeIntroduction
from ropa.models.organisations import Organisation
from ropa.models.processor_record import ProcessorActivity
from ropa.models.processors import (
    Clause,
    DataProcessingAgreement,
    DpaStatus,
    Processor,
    ProcessorUse,
    SubProcessorObjection,
)
from ropa.models.transfers import EEA_COUNTRIES, AdequacyDecision, Transfer
from ropa.models.vocabularies import (
    DataSubjectCategory,
    PersonalDataCategory,
    RecipientCategory,
    SecurityMeasure,
    System,
)

__all__ = [
    "EEA_COUNTRIES",
    "RECORD_PERMISSIONS",
    "AdequacyDecision",
    "Art30Item",
    "Clause",
    "DataProcessingAgreement",
    "DataSubjectCategory",
    "DpaStatus",
    "LegalBasis",
    "NoticeIntroduction",
    "Organisation",
    "PersonalDataCategory",
    "ProcessingActivity",
    "Processor",
    "ProcessorActivity",
    "ProcessorUse",
    "Purpose",
    "RecipientCategory",
    "RetentionRule",
    "SecurityMeasure",
    "SubProcessorObjection",
    "System",
    "Transfer",
    "Vocabulary",
    "YesNoUnknown",
]
