"""What the public reading keeps: the public content version, and the compilation documents (PDF, DOCX)
built from it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.storage import NamedStorage
from reference.models import TopicArea


def compilation_storage():
    """Built documents live outside public media: only the current one is served, by a view, so that a
    document made before an input was unpublished can never be fetched again. The storage named
    "compilations" in settings: a private directory, or a prefix of the private bucket."""
    return NamedStorage("compilations")


class CompilationFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"


class CompilationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be built")
    BUILDING = "building", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Could not be built")


class CompilationFile(models.Model):
    """One document of one compilation (a topic area's or a call's), in one language and format, built
    from the public content as it stood at `version` (PublicVersion)."""

    topic_area = models.ForeignKey(TopicArea, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    call = models.ForeignKey("home.CallPage", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    format = models.CharField(max_length=10, choices=CompilationFormat.choices)
    version = models.PositiveBigIntegerField()
    status = models.CharField(max_length=20, choices=CompilationStatus.choices, default=CompilationStatus.PENDING)
    done = models.PositiveIntegerField(default=0, help_text=_("Inputs laid out so far."))
    total = models.PositiveIntegerField(default=0, help_text=_("Inputs in the compilation."))
    file = models.FileField(storage=compilation_storage, upload_to="%Y/%m/", max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("compilation document")
        constraints = [
            models.UniqueConstraint(
                fields=["topic_area", "call", "language", "format", "version"],
                name="compilation_file_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(topic_area__isnull=True, call__isnull=False)
                | Q(topic_area__isnull=False, call__isnull=True),
                name="compilation_file_one_scope",
            ),
        ]

    def __str__(self):
        scope = self.topic_area or self.call
        return f"{scope} ({self.language}, {self.format}, v{self.version}): {self.status}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class PublicVersion(models.Model):
    """One row per scope of what the public reads (the site, the outcomes, the published inputs as a whole,
    one published input): a number that grows whenever what the scope holds changes. Cached public pages
    are keyed by the numbers of the scopes they show, and compilation files by their sum, so a change makes
    every older copy of what it touched unreachable at once (see reading.public_cache)."""

    scope = models.CharField(max_length=80, unique=True, default="site")
    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("public content version")

    def __str__(self):
        return f"{self.scope}: {self.number}"
