"""Plain descriptions of the demo record, one dataclass per kind of row, so each company reads as data.

Vocabulary entries are named by their English `name` as seeded in ropa/migrations/0002_seed_vocabularies.py;
systems and organisations by their `name`. The loader in ropa/demo/__init__.py turns these into rows.
"""

import datetime
from dataclasses import dataclass

from ropa.models import Organisation, ProcessingActivity, RetentionRule, YesNoUnknown

# Shorthands the company modules use, so the data reads closer to the law.
Provision = ProcessingActivity.ProvisionRequirement
ACTIVE = ProcessingActivity.Status.ACTIVE
DRAFT = ProcessingActivity.Status.DRAFT
Source = ProcessingActivity.SourceKind
Dpia = ProcessingActivity.DpiaStatus
Unit = RetentionRule.Unit
Event = RetentionRule.Event
YES, NO, UNKNOWN = YesNoUnknown.YES, YesNoUnknown.NO, YesNoUnknown.UNKNOWN


@dataclass(frozen=True)
class OrganisationSpec:
    """Art. 30(1)(a): who the organisation is and how to reach it."""

    name: str
    role: str = Organisation.Role.CONTROLLER
    organisation_number: str = ""
    country: str = "NO"
    address: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    record_language: str = "nb"  # the language its officer writes the record in (the notice's own language)


@dataclass(frozen=True)
class SystemSpec:
    name: str
    description: str
    vendor: str = ""
    location: str = ""


@dataclass(frozen=True)
class PurposeSpec:
    """Art. 30(1)(b) with its Art. 6 basis; `description` is the purpose's natural key within its activity."""

    description: str
    article6: str
    article9: str = ""
    article10: str = ""
    legal_reference: str = ""
    balancing_test: str = ""
    legitimate_interest: str = ""
    consent_record: str = ""
    direct_marketing: bool = False  # Art. 21(2)-(3): stopped at once by an objection to direct marketing
    consent_demonstrable: bool = False  # Art. 7(1): the record above can show each consent


@dataclass(frozen=True)
class RetentionSpec:
    """Art. 30(1)(f); `description` is the rule's natural key within its activity, `data_category` empty for all."""

    description: str
    duration: int | None = None
    unit: str = Unit.YEARS
    runs_from: str = Event.COLLECTION
    legal_reference: str = ""
    data_category: str = ""


@dataclass(frozen=True)
class ActivitySpec:
    """One processing activity; the tuples of names become the activity's many-to-many links."""

    name: str
    description: str
    department: str
    owner: str
    purposes: tuple[PurposeSpec, ...]
    data_subjects: tuple[str, ...] = ()
    personal_data: tuple[str, ...] = ()
    source_kind: str = Source.DATA_SUBJECT
    source_description: str = ""
    public_source: str = ""  # Art. 14(2)(f): the source in words for data subjects, where not from them alone
    recipients: tuple[str, ...] = ()
    recipients_description: str = ""
    transfers_outside_eea: str = UNKNOWN
    security_measures: tuple[str, ...] = ()
    security_description: str = ""
    provision_requirement: str = ""
    provision_consequences: str = ""
    internal_notes: str = ""
    systems: tuple[str, ...] = ()
    joint_controllers: tuple[str, ...] = ()
    retention: tuple[RetentionSpec, ...] = ()
    status: str = ACTIVE
    profiling: bool = False
    systematic_monitoring: bool = False
    national_id_justification: str = ""  # personopplysningsloven § 12, dataskyddslagen 3 kap. 10 §
    is_high_risk: str = NO
    dpia_required: str = NO
    dpia_status: str = Dpia.NOT_NEEDED
    last_reviewed: datetime.date | None = None
    next_review: datetime.date | None = None

    def field_values(self) -> dict:
        """The values that go straight onto ProcessingActivity's own columns."""
        return {
            "description": self.description, "department": self.department, "owner": self.owner,
            "status": self.status, "source_kind": self.source_kind, "source_description": self.source_description,
            "public_source": self.public_source,
            "recipients_description": self.recipients_description,
            "transfers_outside_eea": self.transfers_outside_eea, "security_description": self.security_description,
            "provision_requirement": self.provision_requirement,
            "provision_consequences": self.provision_consequences, "internal_notes": self.internal_notes,
            "profiling": self.profiling, "systematic_monitoring": self.systematic_monitoring,
            "national_id_justification": self.national_id_justification,
            "is_high_risk": self.is_high_risk, "dpia_required": self.dpia_required,
            "dpia_status": self.dpia_status, "last_reviewed": self.last_reviewed, "next_review": self.next_review,
        }


@dataclass(frozen=True)
class CompanySpec:
    organisation: OrganisationSpec
    activities: tuple[ActivitySpec, ...]
