"""Factories shared by the suite: reference data and every page type."""

from datetime import timedelta

import factory
import wagtail_factories
from wagtail.models import Locale

from django.utils import timezone

from home.models import (
    CallIndexPage,
    CallPage,
    HomePage,
    MandatePage,
    Question,
    TopicAreaIndexPage,
)
from reference.models import Country, FocalPoint, Process, StakeholderGroup, SubTopic, TopicArea


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process
        django_get_or_create = ("code", "locale")

    code = "WG"
    name = "Working Group on Testing"
    time_zone = "Europe/Zurich"
    locale = factory.LazyFunction(Locale.get_default)


class TopicAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicArea

    process = factory.SubFactory(ProcessFactory)
    code = factory.Sequence(lambda n: "ABCDEFGHIJ"[n % 10])
    title = factory.Sequence(lambda n: f"Topic {n}")
    description = "What this topic is about."
    locale = factory.LazyFunction(Locale.get_default)


class SubTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubTopic

    topic_area = factory.SubFactory(TopicAreaFactory)
    code = factory.Sequence(lambda n: f"X.{n}")
    title = factory.Sequence(lambda n: f"Sub-topic {n}")


def stakeholder_group(code: str) -> StakeholderGroup:
    """The stakeholder groups are reference data loaded by a migration."""
    return StakeholderGroup.objects.get(code=code, locale=Locale.get_default())


def focal_point(*, country: str | None = None, organisation: str = "", emails: str = "", domains: str = ""):
    """A focal point of a State (by ISO 3166 code) or, without a country, of an IGO named `organisation`."""
    return FocalPoint.objects.create(
        country=Country.objects.get(iso3=country) if country else None,
        organisation=organisation,
        emails=emails,
        domains=domains,
    )


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Portal home"
    intro = "<p>Welcome to the portal.</p>"


class MandatePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MandatePage

    title = "Mandate"
    slug = "mandate"
    process = factory.SubFactory(ProcessFactory)
    mandate = "<p>To seek, compile and review inputs.</p>"
    basic_features = "<p>Multi-stakeholder; not a decision-taking forum.</p>"


class TopicAreaIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TopicAreaIndexPage

    title = "Topic areas"
    slug = "topics"
    process = factory.SubFactory(ProcessFactory)


class CallIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CallIndexPage

    title = "Calls for input"
    slug = "calls"


class CallPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CallPage

    title = factory.Sequence(lambda n: f"Call {n}")
    process = factory.SubFactory(ProcessFactory)
    summary = "Send us your views."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    call = factory.SubFactory(CallPageFactory)
    text = factory.Sequence(lambda n: f"Guiding question {n}?")
    sort_order = factory.Sequence(lambda n: n)  # the order they were made in, as an editor's would be
