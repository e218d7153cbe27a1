"""An Atom feed of newly published inputs, following the listing's filters."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

FEED_SIZE = 50


class PublishedInputsFeed(Feed):
    """The latest published inputs, newest publication first; a reader subscribes to any filtered listing."""

    feed_type = Atom1Feed

    def __init__(self, index_page, filters):
        super().__init__()
        self.index_page, self.filters = index_page, filters

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.filters

    def title(self, filters):
        return _("Newly published inputs: %(page)s") % {"page": self.index_page.title}

    def link(self, filters):
        return self.index_page.get_url(request=self.request)

    def subtitle(self, filters):
        return _("Inputs as reviewers publish them, with the listing's filters.")

    def items(self, filters):
        from review.publication import published_submissions

        from .listing import submissions_filtered

        inputs = submissions_filtered(published_submissions(), filters.values())
        return inputs.order_by("-review__published_at", "-pk")[:FEED_SIZE]

    def item_title(self, submission):
        parts = [submission.reference, submission.stakeholder_group.name]
        if submission.country:
            parts.append(submission.country.name)
        return " · ".join(parts)

    def item_description(self, submission):
        return Truncator(submission.review.public_text).chars(600)

    def item_link(self, submission):
        """The input's permanent page, which is also its id in the feed."""
        return self.index_page.get_url(request=self.request) + self.index_page.reverse_subpage(
            "input", args=[submission.reference]
        )

    def item_pubdate(self, submission):
        return submission.review.published_at


class OutcomesFeed(Feed):
    """A process's recommendations as they are published and the progress recorded on their tasks."""

    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page.process

    def title(self, process):
        return _("Recommendations and their implementation: %(page)s") % {"page": self.index_page.title}

    def link(self, process):
        return self.index_page.get_url(request=self.request)

    def subtitle(self, process):
        return _("Each recommendation when it is published, and each progress recorded on its tasks.")

    def items(self, process):
        from .outcomes import outcome_news

        return outcome_news(process, FEED_SIZE)

    def item_title(self, news):
        return news.title

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
