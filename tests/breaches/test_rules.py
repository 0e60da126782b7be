"""What the law asks of each decision, checked in Breach.clean() and in the database (Arts. 33 and 34)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from ropa.breaches.models import Breach, Communication, Notice, Risk, Status
from tests.breaches.conftest import oslo

ASSESSMENT = "Names and e-mail addresses of 40 customers; no special categories; phishing is the likely harm."


@pytest.fixture(autouse=True)
def english():
    """The messages below are matched in English; test_the_messages_cite_articles_as_nordic_law_does checks nb, sv."""
    with translation.override("en"):
        yield


def errors_of(breach: Breach) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        breach.full_clean()
    return caught.value.message_dict


def test_a_notification_after_72_hours_needs_the_reasons_for_the_delay(make_breach):
    """Art. 33(1): aware 2 March 09:00, notified 5 March 10:00 (73 hours) without reasons is refused."""
    breach = make_breach()
    breach.status, breach.risk, breach.notified_at = Status.NOTIFIED, Risk.RISK, oslo(2026, 3, 5, 10, 0)
    breach.risk_assessment = ASSESSMENT
    assert "Art. 33(1)" in errors_of(breach)["delay_reasons"][0]
    breach.delay_reasons = "The extent was unclear until the backup was restored."
    breach.full_clean()


def test_a_notification_at_exactly_72_hours_is_in_time(make_breach):
    breach = make_breach()
    breach.status, breach.risk, breach.notified_at = Status.NOTIFIED, Risk.RISK, oslo(2026, 3, 5, 9, 0)
    breach.risk_assessment = ASSESSMENT
    breach.full_clean()
    breach.save()
    assert not breach.was_notified_late


def test_the_database_refuses_a_late_notification_without_reasons(make_breach):
    """The rule holds for every writer, not only for forms (Meta.constraints)."""
    breach = make_breach()
    breach.status, breach.risk, breach.notified_at = Status.NOTIFIED, Risk.RISK, oslo(2026, 3, 6, 9, 0)
    breach.risk_assessment = ASSESSMENT
    with pytest.raises(IntegrityError), transaction.atomic():
        breach.save()  # save() without full_clean(), as a script or a bad import would


def test_not_notifying_needs_an_unlikely_risk_and_a_recorded_reason(make_breach):
    """Art. 33(1) and (5): a breach left unnotified is documented with why no risk is likely."""
    breach = make_breach()
    breach.status = Status.NOT_NOTIFIED
    errors = errors_of(breach)
    assert "risk" in errors and "not_notified_reason" in errors
    breach.risk, breach.risk_assessment = Risk.UNLIKELY, ASSESSMENT
    breach.not_notified_reason = "The disk was encrypted with BitLocker and the key is safe."
    breach.full_clean()


def test_a_high_risk_breach_cannot_close_without_telling_the_data_subjects_or_an_exemption(make_breach):
    """Art. 34(1): high risk → communication to the data subjects, or a recorded Art. 34(3) exemption."""
    breach = make_breach(status=Status.NOTIFIED, risk=Risk.HIGH, notified_at=oslo(2026, 3, 3, 9, 0))
    breach.status = Status.CLOSED
    breach.consequences, breach.measures_taken = "Phishing.", "Passwords reset."
    assert "Art. 34" in errors_of(breach)["communication"][0]
    breach.communication = Communication.COMMUNICATED
    assert "communicated_at" in errors_of(breach)
    breach.communicated_at = oslo(2026, 3, 4, 12, 0)
    breach.full_clean()


def test_an_exemption_needs_high_risk_and_its_reasons(make_breach):
    """Art. 34(3)(a): the exemption exists only where Art. 34(1) would otherwise apply."""
    breach = make_breach()
    breach.risk, breach.risk_assessment, breach.communication = Risk.RISK, ASSESSMENT, Communication.ENCRYPTED
    errors = errors_of(breach)
    assert "Art. 34(3)" in errors["communication"][0] and "exemption_reasons" in errors
    breach.risk, breach.exemption_reasons = Risk.HIGH, "AES-256 full-disk encryption; the key was not compromised."
    breach.full_clean()


def test_disproportionate_effort_needs_the_public_communication_described(make_breach):
    """Art. 34(3)(c): instead of telling each person, a public communication informs them as effectively."""
    breach = make_breach()
    breach.risk, breach.risk_assessment, breach.communication = Risk.HIGH, ASSESSMENT, Communication.DISPROPORTIONATE
    breach.exemption_reasons = "No contact details for most of the 40,000 people."
    assert "Art. 34(3)(c)" in errors_of(breach)["communication_means"][0]
    breach.communication_means = "Notice on the front page of the web shop from 4 March."
    breach.full_clean()


def test_the_processor_tells_us_and_we_are_aware_no_later_than_that(make_breach, controller):
    """Art. 33(2): the processor notifies the controller; the controller's clock starts then at the latest."""
    from ropa.models import Processor

    processor = Processor.objects.create(name="Nyhetsbrev AS", organisation=controller, service="Newsletters")
    breach = make_breach()
    breach.reported_by_processor = processor
    assert "processor_told_at" in errors_of(breach)
    breach.processor_told_at = oslo(2026, 3, 1, 12, 0)  # before the recorded awareness on 2 March
    assert "Art. 33(2)" in errors_of(breach)["aware_at"][0]
    breach.aware_at = oslo(2026, 3, 1, 12, 0)
    breach.full_clean()


def test_times_run_in_order_and_never_in_the_future(make_breach):
    breach = make_breach()
    breach.occurred_at = oslo(2026, 3, 3, 9, 0)
    assert "aware_at" in errors_of(breach)
    breach.occurred_at, breach.contained_at = oslo(2026, 3, 1, 9, 0), oslo(2026, 2, 28, 9, 0)
    assert "contained_at" in errors_of(breach)
    breach.contained_at, breach.aware_at = None, oslo(2099, 1, 1, 9, 0)
    assert "aware_at" in errors_of(breach)


@pytest.mark.parametrize(("start", "target", "allowed"), [
    (Status.ASSESSING, Status.NOTIFIED, True),
    (Status.ASSESSING, Status.NOT_NOTIFIED, True),
    (Status.ASSESSING, Status.CLOSED, False),
    (Status.NOT_NOTIFIED, Status.NOTIFIED, True),
    (Status.NOTIFIED, Status.NOT_NOTIFIED, False),
    (Status.NOTIFIED, Status.ASSESSING, False),
    (Status.CLOSED, Status.NOTIFIED, False),
])
def test_the_workflow_allows_only_legal_moves(make_breach, start, target, allowed):
    """A notified breach stays notified; an unnotified one may be notified when new facts show a risk."""
    values = {
        Status.ASSESSING: {},
        Status.NOTIFIED: {"risk": Risk.RISK, "risk_assessment": ASSESSMENT, "notified_at": oslo(2026, 3, 3, 9, 0)},
        Status.NOT_NOTIFIED: {"risk": Risk.UNLIKELY, "risk_assessment": ASSESSMENT,
                              "not_notified_reason": "Encrypted."},
        Status.CLOSED: {"risk": Risk.RISK, "risk_assessment": ASSESSMENT, "notified_at": oslo(2026, 3, 3, 9, 0),
                        "consequences": "None known.", "measures_taken": "Remote wipe."},
    }
    if start == Status.CLOSED:
        breach = make_breach(status=Status.NOTIFIED, **values[Status.CLOSED])
        breach.status = Status.CLOSED
        breach.full_clean()
        breach.save()
    else:
        breach = make_breach(status=start, **values[start])
    breach = Breach.objects.get(pk=breach.pk)
    breach.status = target
    for name, value in values[target].items():
        setattr(breach, name, value)
    if allowed:
        breach.full_clean()
    else:
        assert "status" in errors_of(breach)


@translation.override("en")
def test_a_notice_is_not_sent_before_awareness_and_there_is_one_initial_notice(make_breach):
    """Art. 33(4): information in phases: one initial notification, then follow-ups."""
    breach = make_breach(status=Status.NOTIFIED, risk=Risk.RISK, notified_at=oslo(2026, 3, 3, 9, 0))
    early = Notice(breach=breach, sent_at=oslo(2026, 3, 1, 9, 0), content="First notice")
    with pytest.raises(ValidationError, match="before we became aware"):
        early.full_clean()
    Notice.objects.create(breach=breach, sent_at=oslo(2026, 3, 3, 9, 0), content="First notice")
    second = Notice(breach=breach, sent_at=oslo(2026, 3, 4, 9, 0), content="Again")
    with pytest.raises(ValidationError, match="one initial notification"):
        second.full_clean()
    second.kind = Notice.Kind.FOLLOW_UP
    second.full_clean()


def test_history_records_every_change_with_the_acting_user(make_breach, privacy_officer):
    breach = make_breach()
    breach._history_user = privacy_officer
    breach.risk, breach.risk_assessment = Risk.RISK, ASSESSMENT
    breach.save()
    latest = breach.history.first()
    assert latest.history_user == privacy_officer and latest.risk == Risk.RISK


@pytest.mark.parametrize("decision", [
    {"status": Status.NOTIFIED, "notified_at": oslo(2026, 3, 3, 9, 0)},
    {"status": Status.NOT_NOTIFIED, "not_notified_reason": "The disk was encrypted."},
])
def test_deciding_on_notification_needs_the_risk_level_and_its_reasons(make_breach, decision):
    """Art. 33(1) and (5), EDPB Guidelines 9/2022: notifying or not follows from an assessed, documented risk."""
    breach = make_breach()
    for name, value in decision.items():
        setattr(breach, name, value)
    assert "Art. 33(1)" in errors_of(breach)["risk"][0]
    breach.risk = Risk.UNLIKELY if decision["status"] == Status.NOT_NOTIFIED else Risk.RISK
    assert "Art. 33(5)" in errors_of(breach)["risk_assessment"][0]
    breach.risk_assessment = "   "
    assert "risk_assessment" in errors_of(breach)
    breach.risk_assessment = ASSESSMENT
    breach.full_clean()


def test_a_high_risk_rating_needs_its_reasons_while_still_assessing(make_breach):
    breach = make_breach()
    breach.risk = Risk.HIGH
    assert list(errors_of(breach)) == ["risk_assessment"]


@pytest.mark.parametrize(("values", "constraint"), [
    ({"status": Status.NOTIFIED, "notified_at": oslo(2026, 3, 3, 9, 0)}, "breach_decided_has_risk"),
    ({"risk": Risk.HIGH}, "breach_risk_has_assessment"),
])
def test_the_database_refuses_a_decision_without_an_assessment(make_breach, values, constraint):
    """The rule holds for every writer, not only for forms (Meta.constraints)."""
    breach = make_breach()
    for name, value in values.items():
        setattr(breach, name, value)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        breach.save()


@translation.override("en")
def test_the_initial_notice_is_sent_when_the_breach_says_it_was_notified(make_breach):
    """Art. 33(1) and (4): the initial notification and the breach's notified time are one fact and agree."""
    breach = make_breach(status=Status.NOTIFIED, risk=Risk.RISK, notified_at=oslo(2026, 3, 3, 9, 0))
    other_time = Notice(breach=breach, sent_at=oslo(2026, 3, 3, 11, 0), content="Initial notification.")
    with pytest.raises(ValidationError, match="the breach says 2026-03-03 09:00"):
        other_time.full_clean()
    Notice(breach=breach, sent_at=oslo(2026, 3, 3, 9, 0), content="Initial notification.").full_clean()
    Notice(breach=breach, kind=Notice.Kind.FOLLOW_UP, sent_at=oslo(2026, 3, 3, 11, 0), content="More.").full_clean()


@translation.override("en")
def test_an_initial_notice_needs_the_breach_recorded_as_notified(make_breach):
    breach = make_breach()
    notice = Notice(breach=breach, sent_at=oslo(2026, 3, 3, 9, 0), content="Initial notification.")
    with pytest.raises(ValidationError, match="record it on the breach as notified"):
        notice.full_clean()


@pytest.mark.parametrize(("language", "delay", "exemption"), [
    ("nb", "Art. 33 nr. 1: ", "Art. 34 nr. 3 bokstav c: "),
    ("sv", "Artikel 33.1: ", "Artikel 34.3 c: "),
])
def test_the_messages_cite_articles_as_nordic_law_does(make_breach, language, delay, exemption):
    """Norwegian cites "art. 33 nr. 3 bokstav b", Swedish "artikel 33.3 b"; "Art. 33(3)(b)" is the English form."""
    breach = make_breach()
    breach.status, breach.risk, breach.notified_at = Status.NOTIFIED, Risk.HIGH, oslo(2026, 3, 6, 9, 0)
    breach.risk_assessment = ASSESSMENT
    breach.communication, breach.exemption_reasons = Communication.DISPROPORTIONATE, "40,000 people, no addresses."
    with translation.override(language):
        errors = errors_of(breach)
    assert errors["delay_reasons"][0].startswith(delay)
    assert errors["communication_means"][0].startswith(exemption)
