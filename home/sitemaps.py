"""The sitemap's sections: the site's pages (Wagtail's) and every published input's permanent page."""

from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from django.contrib.sitemaps import Sitemap


class PublishedInputSitemap(Sitemap):
    """Published inputs, oldest first, in pages of 10,000 (sitemaps hold at most 50,000 addresses)."""

    limit = 10_000

    def index_page(self):
        from .models import InputIndexPage

        if not hasattr(self, "_index_page"):
            self._index_page = InputIndexPage.objects.live().first()
        return self._index_page

    def items(self):
        from review.selectors import published_submissions

        if self.index_page() is None:
            return published_submissions().none()
        inputs = published_submissions().select_related(None).select_related("review")
        return inputs.only("reference", "review__published_at").order_by("pk")

    def location(self, submission):
        index = self.index_page()
        return index.get_url() + index.reverse_subpage("input", args=[submission.reference])

    def lastmod(self, submission):
        return submission.review.published_at


SITEMAPS = {"pages": PageSitemap, "inputs": PublishedInputSitemap()}
