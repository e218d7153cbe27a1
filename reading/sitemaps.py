"""The sitemap's sections: the site's pages and every published input's permanent page, each address in
every language with its `hreflang` alternates, all on the host the sitemap was asked from."""

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation

from portal.i18n import page_url

from .pages import input_index_page


def host(request) -> str:
    return f"{request.scheme}://{request.get_host()}" if request is not None else ""


def language_versions(locations: dict[str, str], base: str) -> list[dict]:
    """One entry per language, each naming all of them (and x-default, the default language's)."""
    alternates = [{"lang_code": code, "location": base + path} for code, path in locations.items()]
    alternates.append({"lang_code": "x-default", "location": base + locations[settings.LANGUAGE_CODE]})
    return [{"location": base + path, "alternates": alternates} for path in locations.values()]


class PageSitemap(WagtailSitemap):
    """The site's pages in the default language (the originals), each with its version in every language:
    a translation's address, or the alias's, or the original's under the language's prefix."""

    def _urls(self, page, protocol, domain):
        base = host(self.request)
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list.iterator():
            original_url = item.get_full_url(self.request)
            paths = {code: page_url(item, code) for code, _name in settings.LANGUAGES}
            for info in item.get_sitemap_urls(self.request):
                rest = info["location"][len(original_url) :] if info["location"].startswith(original_url) else ""
                for entry in language_versions({code: path + rest for code, path in paths.items()}, base):
                    urls.append({**info, **entry})
                last_mods.add(info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class PublishedInputSitemap(WagtailSitemap):
    """Published inputs, oldest first, in every language, 10,000 addresses a page (sitemaps hold at most
    50,000); Django's sitemap lists each language's address with its alternates.

    A Wagtail sitemap class, so that each request gets an instance of its own (and reads the inputs
    page afresh); its addresses are made as a plain Django sitemap makes them.
    """

    limit = 10_000
    i18n = True
    alternates = True
    x_default = True
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
        path = page_url(self.index_page, translation.get_language())
        return path + self.index_page.reverse_subpage("input", args=[submission.reference])

    def lastmod(self, submission):
        return submission.review.published_at

    def get_domain(self, site=None):
        return self.request.get_host() if self.request is not None else super().get_domain(site)

    def get_protocol(self, protocol=None):
        return self.request.scheme if self.request is not None else super().get_protocol(protocol)


SITEMAPS = {"pages": PageSitemap, "inputs": PublishedInputSitemap}
