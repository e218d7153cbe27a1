"""The sitemap's sections: the site's pages (Wagtail's) and every published input's permanent page."""

from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from django.contrib.sitemaps import Sitemap

from .pages import input_index_page


class PublishedInputSitemap(PageSitemap):
    """Published inputs, oldest first, in pages of 10,000 (sitemaps hold at most 50,000 addresses).

    A Wagtail sitemap class, so that each request gets an instance of its own (and reads the inputs
    page afresh); its addresses are made as a plain Django sitemap makes them.
    """

    limit = 10_000
    _urls = Sitemap._urls

    def __init__(self, request=None):
        super().__init__(request)
        self.index_page = input_index_page()

    def items(self):
        from review.publication import published_submissions

        if self.index_page is None:
            return published_submissions().none()
        inputs = published_submissions().select_related(None).select_related("review")
        return inputs.only("reference", "review__published_at").order_by("pk")

    def location(self, submission):
        return self.index_page.get_url() + self.index_page.reverse_subpage("input", args=[submission.reference])

    def lastmod(self, submission):
        return submission.review.published_at


SITEMAPS = {"pages": PageSitemap, "inputs": PublishedInputSitemap}
