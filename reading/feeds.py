"""Atom feeds (RFC 4287): newly published inputs, following the listing's filters, and a process's outcomes."""

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

FEED_SIZE = 50
NOT_FILTERS = ("before", "after", "sort")  # paging and order: the feed is always the newest first


class AtomFeed(Atom1Feed):
    """Atom as RFC 4287 reads it: summaries declared as the plain text they are, in their own language when
    it is given, and every date in UTC to the second, as the pages' `<time>` elements write them."""

    def add_item(self, *args, pubdate=None, updateddate=None, **kwargs):
        super().add_item(*args, pubdate=utc_second(pubdate), updateddate=utc_second(updateddate), **kwargs)

    def latest_post_date(self):
        return utc_second(super().latest_post_date())

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            attributes = {"type": "text"}
            if item.get("summary_language"):
                attributes["xml:lang"] = item["summary_language"]
            handler.addQuickElement("summary", item["description"], attributes)


def utc_second(moment: datetime | None) -> datetime | None:
    """`moment` in UTC without its fraction of a second; naive, which the feed writes as UTC with a Z."""
    return None if moment is None else moment.astimezone(UTC).replace(microsecond=0, tzinfo=None)


def site_name(page) -> str:
    site = page.get_site()
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


class PublishedInputsFeed(Feed):
    """The latest published inputs, newest publication first; a reader subscribes to any filtered listing."""

    feed_type = AtomFeed

    def __init__(self, index_page, filters):
        super().__init__()
        self.index_page, self.filters = index_page, filters

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.filters

    def title(self, filters):
        return _("Newly published inputs: %(page)s") % {"page": self.index_page.title}

    def query(self, filters) -> str:
        """The filters understood, always in the same order: one feed, one address, one id."""
        values = sorted((name, value) for name, value in filters.values().items() if name not in NOT_FILTERS)
        return f"?{urlencode(values)}" if values else ""

    def link(self, filters):
        return self.index_page.get_url(request=self.request) + self.query(filters)

    def feed_url(self, filters):
        feed = self.index_page.get_url(request=self.request) + self.index_page.reverse_subpage("feed")
        return self.request.build_absolute_uri(feed + self.query(filters))

    def feed_guid(self, filters):
        """The feed's own address, with its filters: two filtered feeds never share an id."""
        return self.feed_url(filters)

    def subtitle(self, filters):
        return _("Inputs as reviewers publish them, with the listing's filters.")

    def author_name(self, filters):
        return site_name(self.index_page)

    def items(self, filters):
        from review.publication import published_submissions

        from .listing import submissions_filtered

        inputs = submissions_filtered(published_submissions(), filters.values())
        return inputs.order_by("-review__published_at", "-pk")[:FEED_SIZE]

    def item_title(self, submission):
        return " · ".join(sender_public(submission, with_reference=True))

    def item_author_name(self, submission):
        """Who sent it as its page names them: the organisation or the sender when the submitter chose
        publication with names, otherwise the stakeholder group and the country."""
        if submission.shows_names and (submission.organisation or submission.contact_name):
            return submission.organisation or submission.contact_name
        return " · ".join(sender_public(submission))

    def item_description(self, submission):
        return Truncator(submission.review.public_text).chars(600)

    def item_extra_kwargs(self, submission):
        return {"summary_language": submission.language}

    def item_link(self, submission):
        """The input's permanent page, which is also its id in the feed."""
        return self.index_page.get_url(request=self.request) + self.index_page.reverse_subpage(
            "input", args=[submission.reference]
        )

    def item_pubdate(self, submission):
        return submission.review.published_at

    def item_updateddate(self, submission):
        """The publication: what the feed announces, and the last change a subscriber is told of."""
        return submission.review.published_at


def sender_public(submission, *, with_reference: bool = False) -> list[str]:
    parts = [submission.reference] if with_reference else []
    parts.append(submission.stakeholder_group.name)
    if submission.country:
        parts.append(submission.country.name)
    return parts


class OutcomesFeed(Feed):
    """A process's recommendations as they are published and the progress recorded on their tasks."""

    feed_type = AtomFeed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.publisher = self.index_page.process.body or site_name(self.index_page)
        return self.index_page.process

    def title(self, process):
        return _("Recommendations and their implementation: %(page)s") % {"page": self.index_page.title}

    def link(self, process):
        return self.index_page.get_url(request=self.request)

    def subtitle(self, process):
        return _("Each recommendation when it is published, and each progress recorded on its tasks.")

    def author_name(self, process):
        """The body that convened the process, else the site."""
        return self.publisher

    def items(self, process):
        from .outcomes import outcome_news

        return outcome_news(process, FEED_SIZE)

    def item_title(self, news):
        return news.title

    def item_author_name(self, news):
        return self.publisher

    def item_description(self, news):
        return Truncator(news.text).chars(600)

    def item_link(self, news):
        return self.index_page.get_url(request=self.request) + self.index_page.reverse_subpage(
            "recommendation", args=[news.recommendation.slug]
        )

    def item_guid(self, news):
        return f"{self.item_link(news)}#{news.key}"

    def item_pubdate(self, news):
        return news.at

    def item_updateddate(self, news):
        return news.at
