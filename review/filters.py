"""The filters of the reviewers' list of inputs, each served by an index (none needs a DISTINCT)."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reference.models import Country, RegionalGroup, StakeholderGroup, SubTopic, TopicArea
from submissions.models import Channel, Submission, SubmissionStatus, call_page_model

from .models import Mapping, ReviewStatus
from .models.reviews import AWAITING_DECISION


class SubmissionFilterSet(WagtailFilterSet):
    mine = django_filters.BooleanFilter(label=_("My queue"), method="filter_mine")
    review_status = django_filters.MultipleChoiceFilter(
        label=_("Review status"), field_name="review__status", choices=ReviewStatus.choices, distinct=False
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Intake status"), choices=SubmissionStatus.choices, distinct=False
    )
    call = django_filters.ModelChoiceFilter(label=_("Call"), queryset=call_page_model().objects.all())
    stakeholder_group = django_filters.ModelChoiceFilter(
        label=_("Stakeholder group"), queryset=StakeholderGroup.objects.all()
    )
    regional_group = django_filters.ModelChoiceFilter(
        label=_("Regional group"), field_name="country__regional_group", queryset=RegionalGroup.objects.all()
    )
    country = django_filters.ModelChoiceFilter(label=_("Country"), queryset=Country.objects.all())
    topic_area = django_filters.ModelChoiceFilter(
        label=_("Topic area"), method="filter_mapped", queryset=TopicArea.objects.originals()
    )
    sub_topic = django_filters.ModelChoiceFilter(
        label=_("Sub-topic"), method="filter_mapped", queryset=SubTopic.objects.all()
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label=_("Assigned reviewer"),
        field_name="review__assigned_to",
        queryset=get_user_model().objects.filter(reviewed_calls__isnull=False).distinct(),
    )
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Submission._meta.get_field("language").choices)
    official_status = django_filters.ChoiceFilter(
        label=_("Official status"),
        method="filter_official_status",
        choices=[
            ("verified", _("official, verified")),
            ("unverified", _("official, unverified")),
            ("none", _("not official")),
        ],
    )
    channel = django_filters.ChoiceFilter(label=_("Received"), choices=Channel.choices)
    has_attachments = django_filters.BooleanFilter(label=_("Has attachments"), method="filter_has_attachments")
    in_cluster = django_filters.BooleanFilter(label=_("In a duplicate cluster"), method="filter_in_cluster")
    cluster = django_filters.NumberFilter(label=_("Duplicate cluster"), field_name="review__cluster")
    due = django_filters.BooleanFilter(label=_("Has a due date"), method="filter_due")
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    edited_after_review = django_filters.BooleanFilter(
        label=_("Changed by the submitter after review"), method="filter_edited_after_review"
    )

    class Meta:
        model = Submission
        fields = []

    def filter_mine(self, queryset, name, value):
        return queryset.filter(review__assigned_to=self.request.user) if value else queryset

    def filter_mapped(self, queryset, name, value):
        """Inputs with a mapping to the topic area (or sub-topic): a semi-join, so that no DISTINCT over the
        whole list is needed."""
        if value is None:
            return queryset
        return queryset.filter(pk__in=Mapping.objects.filter(**{name: value}).values("submission_id"))

    def filter_has_attachments(self, queryset, name, value):
        if value is None:
            return queryset
        has = queryset.filter(attachments__removed_at__isnull=True).values("pk")
        return queryset.filter(pk__in=has) if value else queryset.exclude(pk__in=has)

    def filter_in_cluster(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(review__cluster__isnull=not value)

    def filter_official_status(self, queryset, name, value):
        if value == "verified":
            return queryset.filter(is_official=True, official_verified=True)
        if value == "unverified":
            return queryset.filter(is_official=True, official_verified=False)
        if value == "none":
            return queryset.filter(is_official=False)
        return queryset

    def filter_due(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(review__due_on__isnull=not value)

    def filter_overdue(self, queryset, name, value):
        """Past its due date and still awaiting a decision."""
        if value is None:
            return queryset
        overdue = {"review__due_on__lt": timezone.localdate(), "review__status__in": AWAITING_DECISION}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)

    def filter_edited_after_review(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(review__edited_after_review_at__isnull=not value)
