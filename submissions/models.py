"""Inputs as they arrive: the input, its answers and attachments, its versions, and call reminders."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.storage import NamedStorage
from reference.models import Country, Process, StakeholderGroup


def private_storage():
    """Attachments live outside public media; only a checked view serves them.

    A callable, so that migrations name it instead of freezing the directory of one environment. The storage
    named "private" in settings: a private directory, or a bucket of object storage.
    """
    return NamedStorage("private")


class SubmissionStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Email not confirmed")
    RECEIVED = "received", _("Received")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired unconfirmed")


class Channel(models.TextChoices):
    """How an input reached the secretariat: through the form, or by letter or email entered on the author's behalf."""

    FORM = "form", _("Sent through the form")
    LETTER = "letter", _("Received by letter")
    EMAIL = "email", _("Received by email")


class PublicationChoice(models.TextChoices):
    NAMED = "named", _("Publish with my organisation and name")
    ANONYMOUS = "anonymous", _("Publish without personal names")
    PRIVATE = "private", _("Do not publish")


class SubmissionQuerySet(models.QuerySet):
    def handed_over(self):
        """Inputs handed to the reviewers: their address was confirmed, and they are received or withdrawn
        since. An input withdrawn or expired before it was ever confirmed never was, and never is (every
        list, count, search, report, digest and alert for reviewers starts from here)."""
        return self.filter(handed_over_condition())


# The states of an input handed to the reviewers (once its address was confirmed).
HANDED_OVER = (SubmissionStatus.RECEIVED, SubmissionStatus.WITHDRAWN)


def handed_over_condition(prefix: str = "") -> models.Q:
    """`handed_over()` as a condition, for queries that combine it (`prefix`: "submission__" from a related row)."""
    return models.Q(**{f"{prefix}confirmed_at__isnull": False, f"{prefix}status__in": HANDED_OVER})


class Submission(models.Model):
    """One input to a call, as the submitter sent it (and last edited it)."""

    # What the submitter fills in on the form (besides answers and files), in the form's order.
    SUBMITTED_FIELDS = (
        "stakeholder_group",
        "organisation",
        "country",
        "is_official",
        "official_role",
        "contact_name",
        "contact_email",
        "language",
        "general_comment",
        "publication",
    )

    # The call is a page of the public site (home), named by its label: submissions does not import home.
    call = models.ForeignKey(
        "home.CallPage", on_delete=models.PROTECT, related_name="submissions", verbose_name=_("call")
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.UNCONFIRMED
    )
    stakeholder_group = models.ForeignKey(
        StakeholderGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("stakeholder group")
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("country")
    )
    is_official = models.BooleanField(_("official submission on behalf of a government or IGO"), default=False)
    official_role = models.CharField(_("role or title"), max_length=255, blank=True)
    # The claim above is the submitter's; only a verified claim is shown or counted as official to the public.
    official_verified = models.BooleanField(
        _("official, verified"),
        default=False,
        help_text=_("Sent from a focal point's confirmed address, or verified by the secretariat with a reason."),
    )
    official_verified_at = models.DateTimeField(_("official status verified at"), null=True, blank=True)
    official_verification = models.CharField(_("how the official status was verified"), max_length=500, blank=True)
    channel = models.CharField(_("received"), max_length=10, choices=Channel.choices, default=Channel.FORM)
    contact_name = models.CharField(_("contact name"), max_length=200)
    # Empty only for an input entered by the secretariat from a letter that gives no address.
    contact_email = models.EmailField(_("contact email"), max_length=254, blank=True)
    language = models.CharField(_("language of the input"), max_length=10, choices=settings.LANGUAGES)
    # The site's language the submitter used: receipts and every later mail are written in it.
    correspondence_language = models.CharField(
        _("language of correspondence"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    general_comment = models.TextField(_("general comment"), blank=True)
    publication = models.CharField(_("publication"), max_length=20, choices=PublicationChoice.choices)
    wants_updates = models.BooleanField(
        _("emails about how the input is used"),
        default=True,
        help_text=_("Whether the submitter hears when recommendations cite the input; they may stop it any time."),
    )
    privacy_notice_version = models.CharField(_("privacy notice version accepted"), max_length=40)
    fingerprint = models.CharField(_("SHA-256 fingerprint"), max_length=64)
    submitted_at = models.DateTimeField(_("received at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    link_version = models.PositiveIntegerField(
        _("private link version"), default=0, help_text=_("Raised when a fresh private link is sent: older ones stop.")
    )
    erased_at = models.DateTimeField(
        _("personal data erased at"),
        null=True,
        blank=True,
        help_text=_("An input never confirmed loses its content and contact details after the retention period."),
    )
    form_key = models.UUIDField(
        _("form key"), unique=True, default=uuid.uuid4, editable=False, help_text=_("One input per form sent.")
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["call", "status", "-submitted_at"], name="submission_call_status_idx"),
            models.Index(fields=["status", "submitted_at"], name="submission_status_time_idx"),
            # The reviewers' list pages by keyset on each of its sorts, then id (review/admin_views.py).
            models.Index(fields=["submitted_at", "id"], name="submission_received_idx"),
            models.Index(fields=["organisation", "id"], name="submission_organisation_idx"),
            # Its filters on the input's own columns, read in the default order (newest first).
            models.Index(fields=["call", "submitted_at", "id"], name="submission_call_time_idx"),
            models.Index(fields=["country", "submitted_at", "id"], name="submission_country_time_idx"),
            models.Index(fields=["stakeholder_group", "submitted_at", "id"], name="submission_group_time_idx"),
            models.Index(fields=["language", "submitted_at", "id"], name="submission_language_time_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(official_verified=False) | models.Q(is_official=True),
                name="submission_verified_only_if_official",
            )
        ]

    def __str__(self):
        return self.reference

    def current_attachments(self):
        return self.attachments.filter(removed_at__isnull=True)

    @property
    def shows_names(self) -> bool:
        """The public may read the organisation and the sender's name: the submitter chose publication with names."""
        return self.publication == PublicationChoice.NAMED

    @property
    def official_status(self) -> str:
        """ "" (no claim), "unverified" or "verified": the public sees only "verified" as official."""
        if not self.is_official:
            return ""
        return "verified" if self.official_verified else "unverified"

    @property
    def official_of(self) -> str:
        """The State (for groups that name one) or the organisation an official input speaks for."""
        if self.stakeholder_group.requires_country and self.country_id:
            return str(self.country)
        return self.organisation or str(self.country or "")

    @property
    def is_entered(self) -> bool:
        """Received by letter or email and entered by the secretariat on the author's behalf."""
        return self.channel != Channel.FORM

    @property
    def is_editable(self) -> bool:
        return self.status in (SubmissionStatus.UNCONFIRMED, SubmissionStatus.RECEIVED) and self.call.is_open

    @property
    def is_handed_over(self) -> bool:
        """See `SubmissionQuerySet.handed_over`."""
        return self.confirmed_at is not None and self.status in HANDED_OVER

    @property
    def is_restorable(self) -> bool:
        """A withdrawal can be undone until the call closes (`services.submission_restore` has the rules)."""
        return self.status == SubmissionStatus.WITHDRAWN and self.erased_at is None and self.call.is_open


def call_page_model():
    """The model of the call pages (a page type of the public site), reached through the input's foreign key:
    the apps below the site name it by its label and never import it."""
    return Submission._meta.get_field("call").related_model


class Answer(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("home.Question", on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("answer"))

    class Meta:
        verbose_name = _("answer")
        ordering = ["question__sort_order"]
        constraints = [models.UniqueConstraint(fields=["submission", "question"], name="answer_one_per_question")]

    def __str__(self):
        return f"{self.submission} / {self.question_id}"


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Text not yet extracted")
    DONE = "done", _("Text extracted")
    FAILED = "failed", _("Text could not be extracted")


def attachment_path(instance, filename):
    """A random name on disk: the submitter's file name is kept only as data."""
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{instance.extension}"


class Attachment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 fingerprint"), max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Removed by the submitter in an edit; kept for the input's history.")
    )
    text = models.TextField(_("extracted text"), blank=True)
    text_status = models.CharField(max_length=20, choices=TextStatus.choices, default=TextStatus.PENDING)
    text_error = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("attachment")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name


class SubmissionVersion(models.Model):
    """A snapshot of an input's content each time it is sent or edited: nothing earlier is lost."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submission", "number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="version_number_unique")]

    def __str__(self):
        return f"{self.submission} v{self.number}"


class ReferenceCounter(models.Model):
    """The last reference number given per process and year (row-locked while numbering)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["process", "year"], name="reference_counter_unique")]

    def __str__(self):
        return f"{self.process_id}/{self.year}: {self.last_number}"


def entry_document_path(instance, filename):
    return f"entries/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{instance.extension}"


class Entry(models.Model):
    """An input the secretariat entered on its author's behalf, with the original letter or email (private)."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="entry")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    received_on = models.DateField(
        _("received on"), help_text=_("The day the letter or email reached the secretariat.")
    )
    document = models.FileField(
        _("original document"), storage=private_storage, upload_to=entry_document_path, max_length=200
    )
    name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 fingerprint"), max_length=64)

    class Meta:
        verbose_name = _("input entered by the secretariat")
        verbose_name_plural = _("inputs entered by the secretariat")

    def __str__(self):
        return f"{self.submission} ({self.name})"


class CallSubscription(models.Model):
    """Someone who asked to be reminded before a call closes; reminded once."""

    call = models.ForeignKey("home.CallPage", on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField(max_length=254)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("call reminder")
        constraints = [models.UniqueConstraint(fields=["call", "email"], name="subscription_once_per_call")]

    def __str__(self):
        return self.email


class ReceiptChain(models.Model):
    """The tip of the receipt chain: one row, locked while a link is added, so that the chain never forks."""

    sequence = models.PositiveBigIntegerField(default=0)
    link = models.CharField(max_length=64, blank=True)

    def __str__(self):
        return f"#{self.sequence} {self.link}"


class ReceiptLink(models.Model):
    """One receipt (a version of an input) in the append-only chain: each link holds the previous one's hash.

    Public as it stands (no content, no personal data): the chain is served per day and its heads are signed.
    Never deleted, not even when an unconfirmed input is erased.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="receipt_links")
    reference = models.CharField(max_length=40)
    version = models.PositiveIntegerField()
    received_at = models.DateTimeField()
    linked_at = models.DateTimeField(db_index=True)
    sha256 = models.CharField(max_length=64)
    public_sha256 = models.CharField(max_length=64, blank=True)
    previous = models.CharField(max_length=64, blank=True)
    link = models.CharField(max_length=64, unique=True)
    signature = models.CharField(max_length=100)
    key_id = models.CharField(max_length=16)

    class Meta:
        verbose_name = _("receipt")
        ordering = ["sequence"]
        constraints = [models.UniqueConstraint(fields=["submission", "version"], name="receipt_one_per_version")]

    def __str__(self):
        return f"#{self.sequence} {self.reference} v{self.version}"


class ReceiptChainHead(models.Model):
    """The chain's head at the end of a day (UTC), signed and published after midnight."""

    day = models.DateField(unique=True)
    sequence = models.PositiveBigIntegerField()
    link = models.CharField(max_length=64, blank=True)
    count = models.PositiveIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    signature = models.CharField(max_length=100)
    key_id = models.CharField(max_length=16)

    class Meta:
        ordering = ["day"]

    def __str__(self):
        return f"{self.day}: #{self.sequence}"
