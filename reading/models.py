"""What the public reading keeps: the public content version, and the compilation documents (PDF, DOCX)
built from it."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
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


class PublishedFact(models.Model):
    """One row per published input: what the listing filters and counts by, as small ids, kept in step with
    publication in the publishing transaction (`reading.facts`). The listing pages and counts read these rows
    instead of joining inputs, reviews and mappings; its rows are exactly `published_submissions()`."""

    submission = models.OneToOneField(
        "submissions.Submission", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    call_id = models.IntegerField()
    stakeholder_group_id = models.IntegerField()
    country_id = models.IntegerField(null=True)
    regional_group_id = models.IntegerField(null=True)
    language = models.CharField(max_length=10)
    official = models.BooleanField()  # a verified official submission; an unverified claim is never official
    topic_areas = ArrayField(models.IntegerField(), default=list)  # ids of the topic areas mapped, once each
    sub_topics = ArrayField(models.IntegerField(), default=list)

    class Meta:
        verbose_name = _("published input's facts")
        indexes = [
            # keyset order under one filter: (value, id) pages newest or oldest first
            models.Index(fields=["call_id", "submission"], name="fact_call_idx"),
            models.Index(fields=["stakeholder_group_id", "submission"], name="fact_group_idx"),
            models.Index(fields=["country_id", "submission"], name="fact_country_idx"),
            models.Index(fields=["regional_group_id", "submission"], name="fact_region_idx"),
            models.Index(fields=["language", "submission"], name="fact_language_idx"),
            models.Index(fields=["submission"], condition=Q(official=True), name="fact_official_idx"),
            GinIndex(fields=["topic_areas"], name="fact_topic_areas_idx"),
            GinIndex(fields=["sub_topics"], name="fact_sub_topics_idx"),
        ]

    def __str__(self):
        return str(self.submission_id)


class PublishedCount(models.Model):
    """How many published inputs have `value` of `facet` (an id as text, or a language's code), among all of
    them (`given_facet` empty) or among those with `given_value` of `given_facet`; kept with PublishedFact."""

    given_facet = models.CharField(max_length=20)
    given_value = models.CharField(max_length=20)
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=20)
    count = models.IntegerField()

    class Meta:
        verbose_name = _("count of published inputs")
        constraints = [
            models.UniqueConstraint(
                fields=["given_facet", "given_value", "facet", "value"], name="published_count_unique"
            )
        ]

    def __str__(self):
        return f"{self.facet}={self.value} | {self.given_facet}={self.given_value}: {self.count}"


class PublishedFactGroup(models.Model):
    """How many published inputs share exactly the same facts: the published facts grouped (about one row for
    seven inputs with 190 countries), kept with PublishedFact, so that counts under two filters or more add up
    a few thousand groups instead of reading every input."""

    call_id = models.IntegerField()
    stakeholder_group_id = models.IntegerField()
    country_id = models.IntegerField(null=True)
    regional_group_id = models.IntegerField(null=True)
    language = models.CharField(max_length=10)
    official = models.BooleanField()
    topic_areas = ArrayField(models.IntegerField(), default=list)
    sub_topics = ArrayField(models.IntegerField(), default=list)
    count = models.IntegerField()

    class Meta:
        verbose_name = _("group of published inputs with the same facts")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "call_id",
                    "stakeholder_group_id",
                    "country_id",
                    "regional_group_id",
                    "language",
                    "official",
                    "topic_areas",
                    "sub_topics",
                ],
                name="published_fact_group_unique",
                nulls_distinct=False,
            )
        ]
        indexes = [
            models.Index(fields=["stakeholder_group_id"], name="fact_group_group_idx"),
            models.Index(fields=["country_id"], name="fact_group_country_idx"),
            models.Index(fields=["regional_group_id"], name="fact_group_region_idx"),
            models.Index(fields=["language"], name="fact_group_language_idx"),
            GinIndex(fields=["topic_areas"], name="fact_group_topic_areas_idx"),
            GinIndex(fields=["sub_topics"], name="fact_group_sub_topics_idx"),
        ]

    def __str__(self):
        return f"{self.count} inputs"
