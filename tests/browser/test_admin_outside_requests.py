"""No admin screen a reviewer uses asks another host for anything (no avatar service, fonts, scripts, frames or
update checks), and none shows a broken image: chromium records every request each screen makes, and every
request the Content-Security-Policy stopped before it left (those never reach the request listener)."""

from urllib.parse import urlsplit

import pytest

from django.contrib.auth import get_user_model

from review.models import CallReviewer
from review.permissions import submissions_visible_to

pytestmark = pytest.mark.changes_demo  # the account's notification settings store the reviewer's preference

# Where a page names something the browser fetches (an image or frame added after it loaded included).
FETCHED = ", ".join(
    [
        "img[src]",
        "img[srcset]",
        "script[src]",
        "iframe[src]",
        "frame[src]",
        "link[rel~=stylesheet]",
        "link[rel~=icon]",
        "link[rel~=preload]",
        "link[rel~=prefetch]",
        "link[rel~=manifest]",
        "source",
        "video[poster]",
        "object[data]",
        "embed[src]",
    ]
)
FETCHED_URLS = """selector => Array.from(document.querySelectorAll(selector))
    .flatMap(element => [element.currentSrc, element.src, element.href, element.poster, element.data]
        .concat((element.srcset || '').split(',').map(candidate => candidate.trim().split(' ')[0])))
    .filter(url => typeof url === 'string' && url !== '')"""
# A request the policy blocks never reaches Playwright's "request" event: the page reports it instead.
BLOCKED_LISTENER = """document.addEventListener('securitypolicyviolation', event => {
    if (event.blockedURI.includes('//')) window.requestBlocked(event.blockedURI);
});"""
BROKEN_IMAGES = """() => Array.from(document.images)
    .filter(image => image.complete && image.naturalWidth === 0)
    .map(image => image.currentSrc || image.src || image.outerHTML)"""


def reviewer_screens(reviewer) -> dict[str, str]:
    """Every admin screen a reviewer of the demo's open call uses, by name."""
    submission = submissions_visible_to(reviewer).filter(review__isnull=False).order_by("pk").first()
    call = CallReviewer.objects.filter(user=reviewer).first().call_id
    return {
        "dashboard": "/admin/",
        "inputs": "/admin/inputs/",
        "my queue": "/admin/inputs/?mine=true",
        "inputs, filtered": f"/admin/inputs/?review_status=new&review_status=in_review&call={call}&language=en",
        "inputs, searched": "/admin/inputs/?q=forum",
        "inputs, overdue": "/admin/inputs/?mine=true&overdue=true",
        "review screen": f"/admin/inputs/{submission.pk}/review/",
        "history": f"/admin/inputs/history/{submission.pk}/",
        "inspect": f"/admin/inputs/inspect/{submission.pk}/",
        "bulk status change": f"/admin/bulk/submissions/submission/review_status/?id={submission.pk}",
        "bulk mapping": f"/admin/bulk/submissions/submission/map/?id={submission.pk}",
        "suggestions report": "/admin/reports/suggestions/",
        "coding report": "/admin/reports/coding/",
        "second coding": "/admin/coding/",
        "account": "/admin/account/",
    }


def test_no_admin_screen_a_reviewer_uses_asks_another_host_or_shows_a_broken_image(page, demo_site):
    reviewer = get_user_model().objects.get(username="reviewer")
    screens = reviewer_screens(reviewer)
    here = urlsplit(demo_site.url).netloc
    requested: list[tuple[str, str]] = []
    screen = "sign-in"
    page.on("request", lambda request: requested.append((screen, request.url)))
    page.on("websocket", lambda socket: requested.append((screen, socket.url)))
    page.expose_function("requestBlocked", lambda url: requested.append((screen, url)))
    page.add_init_script(BLOCKED_LISTENER)

    sign_in(page, demo_site, "reviewer")
    broken, named = {}, {}
    for screen, path in screens.items():  # noqa: B007 (`screen` names the requests the listener records)
        response = page.goto(f"{demo_site.url}{path}")
        assert response.ok and "/login/" not in page.url, (screen, response.status, page.url)
        page.wait_for_load_state("networkidle")
        broken[screen] = page.evaluate(BROKEN_IMAGES)
        named[screen] = [url for url in page.evaluate(FETCHED_URLS, FETCHED) if not is_here(url, here)]
    screen = "notifications"
    page.get_by_role("tab", name="Notifications").click()
    page.get_by_text("New-input alerts").wait_for()
    broken[screen] = page.evaluate(BROKEN_IMAGES)

    assert {name: images for name, images in broken.items() if images} == {}
    assert {name: urls for name, urls in named.items() if urls} == {}
    assert [(name, url) for name, url in requested if not is_here(url, here)] == []
    assert {name for name, _url in requested} >= set(screens)  # every screen was recorded


def test_the_administrators_dashboard_asks_no_other_host_either(page, demo_site):
    """An administrator's dashboard is where Wagtail would check for a newer version and greet with its news."""
    here = urlsplit(demo_site.url).netloc
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.expose_function("requestBlocked", lambda url: requested.append(url))
    page.add_init_script(BLOCKED_LISTENER)

    sign_in(page, demo_site, "admin")
    page.goto(f"{demo_site.url}/admin/")
    page.wait_for_load_state("networkidle")

    assert page.evaluate(BROKEN_IMAGES) == []
    assert [url for url in requested if not is_here(url, here)] == []
    assert page.locator("[data-controller~=w-upgrade]").count() == 0


def is_here(url: str, here: str) -> bool:
    """The live server itself, or what never leaves the browser (inline data, blobs, its own pages)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about", "chrome-extension") or parts.netloc == here


def sign_in(page, demo_site, username: str):
    page.context.clear_cookies()
    page.goto(f"{demo_site.url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"{username}-demo")
    page.locator("form [type=submit]").click()
    page.wait_for_url(f"{demo_site.url}/admin/")
