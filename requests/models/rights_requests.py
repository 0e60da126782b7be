"""A data subject's request to exercise their rights (Arts. 15–22), worked against the Art. 12(3) deadline."""

import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from requests.deadlines import response_deadline
from requests.models.history import CachedHistoryManager
from requests.models.rights import TAKES_EFFECT_ON_RECEIPT, RefusalGround, Right
from requests.models.timeline import StatusChange, acting_user
from requests.models.workflow import CLOSED_STATUSES, OPEN_STATUSES, Status, is_allowed_move
from ropa.history.forward_only import StoredValues
from ropa.models import RECORD_PERMISSIONS, Organisation, ProcessingActivity, System

DUE_SOON_DAYS = 7
REFERENCE_ATTEMPTS = 10
INITIAL_STATUSES = (Status.AWAITING_CONFIRMATION, Status.RECEIVED)


class RightsRequestQuerySet(models.QuerySet):
    def open(self) -> "RightsRequestQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self) -> "RightsRequestQuerySet":
        return self.filter(status__in=CLOSED_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> "RightsRequestQuerySet":
        return self.open().filter(deadline__lt=today or timezone.localdate())

    def due_by(self, day: datetime.date) -> "RightsRequestQuerySet":
        """Open requests whose deadline is `day` or earlier, overdue ones included."""
        return self.open().filter(deadline__lte=day)

    def due_within(self, days: int, today: datetime.date | None = None) -> "RightsRequestQuerySet":
        """Open requests due from today up to `days` days ahead, overdue ones left out."""
        today = today or timezone.localdate()
        return self.open().filter(deadline__gte=today, deadline__lte=today + datetime.timedelta(days=days))

    def refresh_deadlines(self) -> int:
        """Save (with history) each request whose deadline the controller's settings now put elsewhere."""
        changed = 0
        for request in self.select_related("organisation"):
            if request.compute_deadline() != request.deadline:
                request.save()
                changed += 1
        return changed


class RightsRequest(StoredValues):
    """One request from a data subject, with its deadline, identity check, timeline and decision."""

    Status = Status

    class Language(models.TextChoices):
        NB = "nb", _("Norwegian Bokmål")
        EN = "en", _("English")
        SV = "sv", _("Swedish")

    class Channel(models.TextChoices):
        WEB_FORM = "web_form", _("Web form")
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")
        LETTER = "letter", _("Letter")
        IN_PERSON = "in_person", _("In person")
        API = "api", _("The controller's own system (API)")

    class IdentityMethod(models.TextChoices):
        KNOWN_CONTACT = "known_contact", _("Wrote from the e-mail address or phone number we hold")
        SIGNED_IN = "signed_in", _("Signed in to their customer account")
        CUSTOMER_DETAILS = "customer_details", _("Gave details only the customer knows (e.g. an order number)")
        ELECTRONIC_ID = "electronic_id", _("Electronic ID (e.g. BankID)")
        ID_SHOWN = "id_shown", _("Showed an ID document in person or on video; no copy kept")
        OTHER = "other", _("Other (see the timeline)")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("controller"), on_delete=models.PROTECT, related_name="rights_requests",
    )
    rights = models.ManyToManyField(Right, verbose_name=_("rights"), related_name="requests")
    # The requester: personal data, erased with the request and its history by `purge_requests`.
    requester_name = models.CharField(_("name"), max_length=200, blank=True)
    requester_email = models.EmailField(_("e-mail"), blank=True)
    requester_phone = models.CharField(_("phone"), max_length=40, blank=True)
    requester_address = models.TextField(_("postal address"), blank=True)
    customer_number = models.CharField(_("customer number"), max_length=60, blank=True)
    message = models.TextField(_("what the requester wrote"), blank=True)
    language = models.CharField(
        _("language for replies"), max_length=2, choices=Language.choices, default=Language.NB,
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    received = models.DateField(_("received"), default=timezone.localdate)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assignee"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_rights_requests",
    )
    status = models.CharField(_("status"), max_length=25, choices=Status.choices, default=Status.RECEIVED)
    # Stored so lists can filter and sort on it; recomputed on every save (holidays are not SQL).
    deadline = models.DateField(_("deadline"), null=True, blank=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    # Art. 12(6): identity is checked proportionately; ID documents are never kept.
    identity_requested_on = models.DateField(_("identity check asked for on"), null=True, blank=True, editable=False)
    identity_method = models.CharField(
        _("identity confirmed by"), max_length=20, choices=IdentityMethod.choices, blank=True, editable=False,
    )
    identity_confirmed_on = models.DateField(_("identity confirmed on"), null=True, blank=True, editable=False)
    identity_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("identity confirmed by (user)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    # Art. 12(3): one extension by two months, with reasons told to the requester within the first month.
    extended_on = models.DateField(_("extended on"), null=True, blank=True, editable=False)
    extension_reason = models.TextField(_("reason for the extension"), blank=True, editable=False)
    extension_told_on = models.DateField(_("requester told of the extension on"), null=True, blank=True, editable=False)
    # Art. 12(4): reasons for not acting, and the right to complain to the supervisory authority.
    refusal_ground = models.CharField(
        _("ground for refusal"), max_length=15, choices=RefusalGround.choices, blank=True, editable=False,
    )
    refusal_explanation = models.TextField(_("reasons given"), blank=True, editable=False)
    complaint_right_told = models.BooleanField(
        _("told of the right to complain"), default=False, editable=False,
    )
    searched_activities = models.ManyToManyField(
        ProcessingActivity, verbose_name=_("processing activities searched"), blank=True, related_name="+",
    )
    searched_systems = models.ManyToManyField(System, verbose_name=_("systems searched"), blank=True, related_name="+")
    # Art. 15(1): the answer confirms and describes the processing where data about the requester was found, not
    # every activity searched (EDPB Guidelines 01/2022 on the right of access).
    found_activities = models.ManyToManyField(
        ProcessingActivity, verbose_name=_("processing activities where data about the requester was found"),
        blank=True, related_name="+",
        help_text=_("Of the activities searched, those that hold data about the requester. The access answer "
                    "describes these, and names their recipients."),
    )
    search_outcome = models.TextField(
        _("outcome"), blank=True, help_text=_("What was found, and what was done (copied, corrected, erased)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Art. 7(3) and 21(3): set when the request asks for nothing but rights that take effect on receipt (a
    # withdrawal of consent, an objection to direct marketing); it then has no Art. 12(3) month to wait.
    takes_effect_on_receipt = models.BooleanField(_("takes effect on receipt"), default=False, editable=False)
    # A request filed through the API by a token that may vouch (ropa/api/): the calling system had logged the
    # customer in, so identity counts as confirmed on receipt (Art. 12(6)) and no e-mail link is sent.
    vouched_by = models.ForeignKey(
        "ropa.ApiToken", verbose_name=_("identity vouched for by API token"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", editable=False,
    )
    # The web form (requests/intake/): the address is confirmed by a signed, single-use link.
    email_confirmed_at = models.DateTimeField(_("e-mail address confirmed"), null=True, blank=True, editable=False)
    # The secrets behind the e-mailed links (requests/intake/tokens.py); the nonce is cleared once used.
    confirmation_nonce = models.CharField(max_length=32, blank=True, editable=False)
    status_key = models.CharField(max_length=32, blank=True, editable=False)
    history = HistoricalRecords(
        m2m_fields=[rights, searched_activities, searched_systems, found_activities],
        history_manager=CachedHistoryManager,
    )

    objects = RightsRequestQuerySet.as_manager()

    # As the database holds them, so that clean() and save() refuse a move the workflow does not allow, and a
    # spent confirmation secret never comes back, whatever the path (admin, a past version, import, shell).
    stored_fields = ("status", "confirmation_nonce")

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("rights request")
        verbose_name_plural = _("rights requests")
        default_permissions = RECORD_PERMISSIONS
        indexes = [models.Index(fields=["status", "deadline"]), models.Index(fields=["closed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester_email="", requester_phone="", requester_address=""),
                name="rights_request_has_contact",
                violation_error_message=_("Give at least one way to reach the requester."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=CLOSED_STATUSES, closed_on__isnull=False)
                | (~Q(status__in=CLOSED_STATUSES) & Q(closed_on__isnull=True)),
                name="rights_request_closed_on_when_closed",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.REFUSED) | (~Q(refusal_ground="") & Q(complaint_right_told=True)),
                name="rights_request_refusal_has_ground",
                violation_error_message=_("Art. 12(4): a refusal needs a ground and the right to complain."),
            ),
            models.CheckConstraint(
                condition=Q(extended_on__isnull=True)
                | (~Q(extension_reason="") & Q(extension_told_on__isnull=False)),
                name="rights_request_extension_has_reason",
                violation_error_message=_("Art. 12(3): an extension needs reasons told to the requester."),
            ),
            # The e-mailed confirmation link works only while its secret is stored: never after the request has
            # left "awaiting confirmation", which no request ever returns to.
            models.CheckConstraint(
                condition=Q(confirmation_nonce="") | Q(status=Status.AWAITING_CONFIRMATION),
                name="rights_request_confirmation_secret_only_while_unconfirmed",
            ),
            models.CheckConstraint(
                condition=Q(identity_confirmed_on__isnull=True, identity_method="")
                | (Q(identity_confirmed_on__isnull=False) & ~Q(identity_method="")),
                name="rights_request_identity_has_method",
            ),
        ]

    def __str__(self) -> str:
        # The reference only: names never reach the admin log or other tables through str().
        return self.reference or str(_("new rights request"))

    def save(self, *args, **kwargs) -> None:
        self._refuse_going_back()
        if self.status != Status.AWAITING_CONFIRMATION:
            self.confirmation_nonce = ""  # spent, whether confirmed, withdrawn or confirmed by a handler
        self.deadline = self.compute_deadline()
        creating = self._state.adding
        if creating and (not self.reference or self.reference == getattr(self, "_reserved_reference", None)):
            self._save_with_new_reference(*args, **kwargs)
        else:
            super().save(*args, **kwargs)
        if creating:
            self._record(from_status="", comment="", by=getattr(self, "_history_user", None) or acting_user())
        self.remember_stored(kwargs.get("update_fields"))

    def _refuse_going_back(self) -> None:
        """The workflow's moves only (requests.models.workflow), and a confirmation secret is written once: when
        the request is filed. A cleared (spent) secret is never set again, nor replaced by an older one."""
        stored = self.stored_values()
        if not stored:
            return
        if self.status != stored["status"] and not is_allowed_move(stored["status"], self.status):
            raise ValidationError({"status": self._illegal_move_message(stored["status"], self.status)})
        if self.confirmation_nonce and self.confirmation_nonce != stored["confirmation_nonce"]:
            raise ValidationError(_("A spent or replaced confirmation link cannot be made to work again."))

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if not (self.requester_email or self.requester_phone or self.requester_address.strip()):
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("Give at least one way to reach the requester: e-mail, phone or postal address.")
            )
        if self.received and self.received > timezone.localdate():
            errors.setdefault("received", []).append(_("The date of receipt cannot be in the future."))
        if self._state.adding and self.status not in INITIAL_STATUSES:
            errors.setdefault("status", []).append(_("A new request starts as received or awaiting confirmation."))
        elif (stored := self.stored_values()) and self.status != stored["status"]:
            if not is_allowed_move(stored["status"], self.status):
                errors.setdefault("status", []).append(self._illegal_move_message(stored["status"], self.status))
        if errors:
            raise ValidationError(errors)

    def reserve_reference(self) -> None:
        """Take the next reference now, before the transaction that saves the request (the web form does).

        In autocommit the counter's row is locked for one statement only, so concurrent submissions never
        wait for each other's transactions; reserved inside one, the lock lasts until it commits.
        """
        self.reference = self._reserved_reference = self.next_reference(self.received.year)

    def _save_with_new_reference(self, *args, **kwargs) -> None:
        """Save under the reserved or the next free RR-YYYY-NNNN; should the unique index still refuse it (a
        number taken outside the counter), the next one is tried."""
        for attempt in range(REFERENCE_ATTEMPTS):
            if not (attempt == 0 and self.reference):
                self.reference = self.next_reference(self.received.year, above_saved=attempt > 0)
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                taken = RightsRequest.objects.filter(reference=self.reference).exists()
                self.reference = ""
                if not taken:
                    raise
        raise IntegrityError(f"No free reference after {REFERENCE_ATTEMPTS} attempts.")

    @staticmethod
    def next_reference(year: int, *, above_saved: bool = False) -> str:
        """Hand out the year's next number from its counter: one UPDATE ... RETURNING while the counter exists.

        A number handed to a transaction that then rolls back is not given again: references may have gaps,
        never twins. The year's first number, and the one after a collision with a reference taken outside the
        counter (``above_saved``: rows numbered by an older version or an import), is put above the highest
        reference saved, so the counter never walks through a run of taken numbers one by one.
        """
        from requests.models.references import ReferenceCounter

        prefix = f"RR-{year}-"
        table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
        with connection.cursor() as cursor:
            if not above_saved:
                cursor.execute(
                    f'UPDATE {table} SET "last_number" = "last_number" + 1 '  # noqa: S608 (our table name)
                    f'WHERE "year" = %s RETURNING "last_number"',
                    [year],
                )
                row = cursor.fetchone()
                if row:
                    return f"{prefix}{row[0]:04d}"
            last = (
                RightsRequest.objects.filter(reference__startswith=prefix)
                .order_by(Length("reference").desc(), "-reference")
                .values_list("reference", flat=True)
                .first()
            )
            floor = int(last.removeprefix(prefix)) + 1 if last else 1
            cursor.execute(
                f'INSERT INTO {table} ("year", "last_number") VALUES (%s, %s) '  # noqa: S608 (our table name)
                f'ON CONFLICT ("year") DO UPDATE SET "last_number" = CASE WHEN {table}."last_number" + 1 > '
                f'excluded."last_number" THEN {table}."last_number" + 1 ELSE excluded."last_number" END '
                f'RETURNING "last_number"',
                [year, floor],
            )
            number = cursor.fetchone()[0]
        return f"{prefix}{number:04d}"

    # Deadline (Art. 12(3), counted per requests.deadlines)

    @property
    def clock_starts(self) -> datetime.date | None:
        """The day the Art. 12(3) month runs from; None while the clock waits for an identity check.

        It waits only if the controller chose so (Art. 12(6), Organisation.deadline_waits_for_identity)
        and identity was actually asked for; it then runs from the day identity was confirmed.
        """
        if self.identity_requested_on and self.organisation.deadline_waits_for_identity:
            if self.identity_confirmed_on is None:
                return None
            return max(self.received, self.identity_confirmed_on)
        return self.received

    def compute_deadline(self, *, extended: bool | None = None) -> datetime.date | None:
        if self.organisation_id is None or self.received is None:
            return None
        if self.takes_effect_on_receipt:
            return self.received  # Art. 7(3), 21(3): acted on the day it is received, identity check or not
        start = self.clock_starts
        if start is None:
            return None
        if extended is None:
            extended = self.extended_on is not None
        return response_deadline(start, extended=extended, country=self.organisation.country.code or "NO")

    @property
    def original_deadline(self) -> datetime.date | None:
        return self.compute_deadline(extended=False)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def days_left(self, today: datetime.date | None = None) -> int | None:
        if self.deadline is None:
            return None
        return (self.deadline - (today or timezone.localdate())).days

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        days = self.days_left(today)
        return self.is_open and days is not None and days < 0

    def is_due_soon(self, today: datetime.date | None = None) -> bool:
        days = self.days_left(today)
        return self.is_open and days is not None and 0 <= days <= DUE_SOON_DAYS

    # The requester

    @property
    def requester(self) -> str:
        return self.requester_name or self.requester_email or self.requester_phone or self.customer_number or "–"

    def right_codes(self) -> set[str]:
        """The articles asked for (uses prefetched rights when present)."""
        return {right.code for right in self.rights.all()}

    def immediate_right_codes(self, codes: set[str] | None = None) -> set[str]:
        """The rights asked for that take effect on receipt (Art. 7(3), 21(2)-(3))."""
        return (self.right_codes() if codes is None else codes) & TAKES_EFFECT_ON_RECEIPT

    @property
    def is_access_request(self) -> bool:
        return Right.Article.ACCESS in self.right_codes()

    # The workflow: each step is saved with history and a timeline entry, or not at all.

    def move_to(self, status: str, *, by=None, comment: str = "", today: datetime.date | None = None) -> None:
        """Move to `status` if the workflow allows it (requests.models.workflow.ALLOWED_MOVES)."""
        if not is_allowed_move(self.status, status):
            raise ValidationError(self._illegal_move_message(self.status, status), code="illegal_move")
        if status == Status.AWAITING_IDENTITY and self.identity_confirmed_on:
            raise ValidationError(_("Identity has already been confirmed."), code="identity_confirmed")
        if status == Status.COMPLETED and not self.search_outcome.strip():
            raise ValidationError(_("Record what was searched and the outcome before completing."), code="no_outcome")
        if status == Status.REFUSED and not (self.refusal_ground and self.complaint_right_told):
            raise ValidationError(_("Use refuse() to record the ground and the right to complain."), code="no_ground")
        today = today or timezone.localdate()
        with transaction.atomic():
            previous = self.status
            self.status = status
            if status in CLOSED_STATUSES:
                self.closed_on = today
            if status == Status.AWAITING_IDENTITY and self.identity_requested_on is None:
                self.identity_requested_on = today
            self._save_as(by)
            self._record(from_status=previous, comment=comment, by=by)

    def confirm_email(self, *, by=None, comment: str = "") -> None:
        """The requester confirmed the address given in the web form: the request is now received."""
        self.move_to(Status.RECEIVED, by=by, comment=comment)

    def request_identity(self, *, by=None, comment: str = "", today: datetime.date | None = None) -> None:
        self.move_to(Status.AWAITING_IDENTITY, by=by, comment=comment, today=today)

    def confirm_identity(
        self, method: str, *, on: datetime.date | None = None, by=None, comment: str = "",
    ) -> None:
        """Record how identity was confirmed (Art. 12(6)) and carry on with the request."""
        on = on or timezone.localdate()
        if self.status not in OPEN_STATUSES:
            raise ValidationError(_("Only an open request can have its identity confirmed."), code="not_open")
        if method not in self.IdentityMethod.values:
            raise ValidationError(_("Choose how identity was confirmed."), code="no_method")
        if on < self.received or on > timezone.localdate():
            raise ValidationError(_("Identity is confirmed between receipt and today."), code="bad_date")
        with transaction.atomic():
            self.identity_method, self.identity_confirmed_on, self.identity_confirmed_by = method, on, by
            note = _("Identity confirmed: %(method)s.") % {"method": self.get_identity_method_display()}
            comment = f"{note} {comment}".strip()
            if self.status in (Status.RECEIVED, Status.AWAITING_IDENTITY):
                self.move_to(Status.IN_PROGRESS, by=by, comment=comment)
            else:
                self._save_as(by)
                self._record(from_status=self.status, comment=comment, by=by)

    def check_extension(self, reason: str, told_on: datetime.date, today: datetime.date) -> None:
        """Art. 12(3): once, before the original deadline, with reasons told within the first month."""
        if self.status not in OPEN_STATUSES:
            raise ValidationError(_("Only an open request can be extended."), code="not_open")
        if self.extended_on is not None:
            raise ValidationError(_("The deadline can be extended only once."), code="already_extended")
        original = self.original_deadline
        if original is None:
            raise ValidationError(_("The deadline has not started: identity is not confirmed."), code="no_deadline")
        if today > original:
            raise ValidationError(_("The original deadline has passed; it can no longer be extended."), code="late")
        if not reason.strip():
            raise ValidationError(_("Give the reasons for the extension."), code="no_reason")
        if told_on < self.received or told_on > original:
            raise ValidationError(
                _("The requester must be told of the extension within the first month, by %(date)s."),
                code="told_late", params={"date": original.isoformat()},
            )
        if told_on > today:
            raise ValidationError(_("The requester cannot have been told in the future."), code="told_future")

    def extend(
        self, reason: str, *, told_on: datetime.date | None = None, by=None, today: datetime.date | None = None,
    ) -> None:
        """Extend the deadline by two further months for a complex or numerous request (Art. 12(3))."""
        today = today or timezone.localdate()
        told_on = told_on or today
        self.check_extension(reason, told_on, today)
        with transaction.atomic():
            self.extended_on, self.extension_reason, self.extension_told_on = today, reason.strip(), told_on
            self._save_as(by)
            comment = _("Deadline extended to %(date)s: %(reason)s") % {
                "date": self.deadline.isoformat(), "reason": self.extension_reason,
            }
            self._record(from_status=self.status, comment=comment, by=by)

    def complete(self, outcome: str = "", *, by=None, comment: str = "", today: datetime.date | None = None) -> None:
        """The request has been answered; `outcome` says what was found and done."""
        if outcome.strip():
            self.search_outcome = outcome.strip()
        self.move_to(Status.COMPLETED, by=by, comment=comment, today=today)

    def check_refusal(self, ground: str, explanation: str, complaint_right_told: bool) -> None:
        if ground not in RefusalGround.values:
            raise ValidationError(_("Choose the ground for the refusal."), code="no_ground")
        if not RefusalGround(ground).is_offered:
            raise ValidationError(
                _("Art. 15(4) limits the copy, not the request: leave out or redact in the copy what would adversely "
                  "affect others, and answer the rest (EDPB Guidelines 01/2022)."),
                code="limits_the_copy",
            )
        rights = RefusalGround(ground).rights
        if rights is not None and not rights & self.right_codes():
            raise ValidationError(
                _("%(ground)s does not apply to the rights asked for."),
                code="ground_does_not_apply", params={"ground": RefusalGround(ground).label},
            )
        if not explanation.strip():
            raise ValidationError(_("Art. 12(4): give the requester the reasons."), code="no_reasons")
        if not complaint_right_told:
            raise ValidationError(
                _("Art. 12(4): the requester must be told of the right to complain to the supervisory authority."),
                code="complaint_right_not_told",
            )

    def refuse(
        self, ground: str, explanation: str, *, complaint_right_told: bool, by=None,
        today: datetime.date | None = None,
    ) -> None:
        """Refuse the request on a ground the law gives, telling the requester why (Art. 12(4))."""
        if not is_allowed_move(self.status, Status.REFUSED):
            raise ValidationError(self._illegal_move_message(self.status, Status.REFUSED), code="illegal_move")
        self.check_refusal(ground, explanation, complaint_right_told)
        with transaction.atomic():
            self.refusal_ground, self.refusal_explanation = ground, explanation.strip()
            self.complaint_right_told = True
            self.move_to(Status.REFUSED, by=by, comment=str(RefusalGround(ground).label), today=today)

    def withdraw(self, *, by=None, comment: str = "", today: datetime.date | None = None) -> None:
        self.move_to(Status.WITHDRAWN, by=by, comment=comment, today=today)

    def allowed_moves(self) -> list[str]:
        return [status for status in Status.values if is_allowed_move(self.status, status)]

    @staticmethod
    def _illegal_move_message(current: str, new: str) -> str:
        return _("A request cannot go from “%(from)s” to “%(to)s”.") % {
            "from": Status(current).label, "to": Status(new).label,
        }

    def _save_as(self, user) -> None:
        if user is not None:
            self._history_user = user
        self.save()

    def _record(self, *, from_status: str, comment: str, by) -> StatusChange:
        return StatusChange.objects.create(
            request=self, from_status=from_status, to_status=self.status, changed_by=by, comment=str(comment),
        )
