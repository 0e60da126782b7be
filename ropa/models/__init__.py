"""The record's models, one module per concept of Art. 30; imported from here by the rest of ropa."""

from ropa.models.activities import (
    Art30Item,
    ProcessingActivity,
    Purpose,
    RetentionRule,
    YesNoUnknown,
)
from ropa.models.api_tokens import ApiToken
from ropa.models.base import RECORD_PERMISSIONS, Vocabulary
from ropa.models.dpia import Criterion, Dpia, DpiaRisk, DpiaScreening, ListedProcessing, RiskLevel
from ropa.models.import_layouts import ImportLayout
from ropa.models.legal_bases import LegalBasis
from ropa.models.notice import NoticeIntroduction, PublishedNotice, WordingTranslation
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
from ropa.models.sso import OidcProvider, SsoIdentity, SsoMapping
from ropa.models.transfers import EEA_COUNTRIES, AdequacyDecision, Transfer
from ropa.models.vocabularies import (
    DataSubjectCategory,
    PersonalDataCategory,
    RecipientCategory,
    SecurityMeasure,
    System,
)
from ropa.models.workspaces import Membership, Role, Workspace
from ropa.website.models import Cookie, CookieCategory, Finding, Website, WebsiteCheck

__all__ = [
    "EEA_COUNTRIES",
    "RECORD_PERMISSIONS",
    "AdequacyDecision",
    "ApiToken",
    "Art30Item",
    "Clause",
    "Cookie",
    "CookieCategory",
    "Criterion",
    "DataProcessingAgreement",
    "DataSubjectCategory",
    "DpaStatus",
    "Dpia",
    "DpiaRisk",
    "DpiaScreening",
    "ImportLayout",
    "Finding",
    "LegalBasis",
    "Membership",
    "ListedProcessing",
    "NoticeIntroduction",
    "PublishedNotice",
    "Organisation",
    "PersonalDataCategory",
    "ProcessingActivity",
    "Processor",
    "ProcessorActivity",
    "ProcessorUse",
    "Purpose",
    "RecipientCategory",
    "RetentionRule",
    "Role",
    "RiskLevel",
    "SecurityMeasure",
    "SubProcessorObjection",
    "System",
    "Transfer",
    "Vocabulary",
    "WordingTranslation",
    "OidcProvider",
    "SsoIdentity",
    "SsoMapping",
    "Workspace",
    "Website",
    "WebsiteCheck",
    "YesNoUnknown",
]
