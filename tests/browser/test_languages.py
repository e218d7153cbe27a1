"""A reader of Arabic walks the whole public site by clicking and never leaves Arabic."""

import re
from urllib.parse import urlsplit

# Addresses outside the language prefix by nature: files, the API and its documentation, the admin, the
# receipt chain and the portal's public key (JSON for verifying tools).
UNPREFIXED = ("/static/", "/media/", "/documents/", "/api/", "/admin/", "/sitemap", "/receipts/", "/.well-known/")
# What a click opens that is not a page: downloads, feeds, documents being compiled.
NOT_PAGES = re.compile(
    r"/(download|feed|public|statistics/csv|compilation/(pdf|docx)|data-dictionary/schema)/|/document/"
)


def shape(path: str) -> str:
    """A page type: the path with what names one record (a number, a reference, a code) blanked."""
    segments = [segment for segment in path.strip("/").split("/") if segment]
    return "/".join("#" if re.search(r"\d|^[a-e]$", segment) else segment for segment in segments)


def own_links(page) -> list[str]:
    """The page's links, without the language switcher (which names every language on purpose)."""
    return page.eval_on_selector_all(
        "a[href]:not(.language-switcher a)", "links => links.map(link => link.getAttribute('href'))"
    )


def test_a_reader_walks_every_public_page_type_in_arabic_by_clicking_and_never_leaves_arabic(page, demo_site):
    page.goto(f"{demo_site.url}/ar/")
    shapes = {shape(urlsplit(page.url).path): page.url}
    leaving = []
    queue = [page.url]
    while queue:
        here = queue.pop(0)
        page.goto(here)
        links = own_links(page)
        inside = ("/ar/", *UNPREFIXED)
        leaving += [(here, href) for href in links if href.startswith("/") and not href.startswith(inside)]
        for href in dict.fromkeys(links):
            path = urlsplit(href).path
            if not path.startswith("/ar/") or NOT_PAGES.search(path) or "?" in href or shape(path) in shapes:
                continue
            page.locator(f'a[href="{href}"]:not(.language-switcher a)').first.click()
            page.wait_for_load_state()
            arrived = urlsplit(page.url).path
            assert arrived.startswith("/ar/"), (here, href, page.url)
            assert page.locator("html").get_attribute("lang") == "ar"
            if shape(arrived) not in shapes:  # a click that opens no new page type (a download) walks no further
                shapes[shape(arrived)] = page.url
                queue.append(page.url)
            page.go_back()

    assert leaving == []
    for page_type in [
        "ar",
        "ar/mandate",
        "ar/topics",
        "ar/topics/#",
        "ar/topics/#/compilation",
        "ar/calls",
        "ar/calls/improvements-to-the-igf",
        "ar/calls/improvements-to-the-igf/submit",
        "ar/calls/improvements-to-the-igf/link",
        "ar/inputs",
        "ar/inputs/#",
        "ar/inputs/statistics",
        "ar/recommendations",
        "ar/recommendations/#",
        "ar/recommendations/tracker",
        "ar/meetings",
        "ar/meetings/#",
    ]:
        assert page_type in shapes, (page_type, sorted(shapes))
