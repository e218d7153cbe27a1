"""The pages `make bench` measures (bench.load), with the URLs of those that must be new at each request."""

import random
from dataclasses import dataclass, field
from urllib.parse import urlencode

DISTINCT_URLS = 5000  # new URLs prepared per page (past them, each gets a `lap` parameter: still new)


@dataclass
class Page:
    name: str
    path: str
    target: str  # "ratio>=0.5", "p95<=50", ...
    warm: bool = False  # from the cache: its URL is requested before the run (as every page's is, to warm up)
    paths: list[str] = field(default_factory=list)  # rotated over instead of `path`
    signed_in: bool = False


def pages_planned(seed: int = 14) -> list[Page]:
    """The pages measured, with the URLs of those that are new at each request. Needs Django set up."""
    from home.models import CallPage
    from reference.models import Country, RegionalGroup, StakeholderGroup, SubTopic, TopicArea
    from review.models import ReviewStatus
    from review.publication import published_submissions

    from .data import CALL_SLUG, VOCABULARY

    rng = random.Random(seed)
    published = published_submissions().order_by("pk")
    first, last = published.first(), published.last()
    references = list(published.values_list("reference", flat=True)[: DISTINCT_URLS * 10])
    rng.shuffle(references)
    call = CallPage.objects.get(slug=CALL_SLUG, locale__language_code="en")
    areas = list(TopicArea.objects.originals().order_by("code"))
    codes = {
        "topic_area": [area.code for area in areas],
        "sub_topic": sorted(set(SubTopic.objects.filter(topic_area__in=areas).values_list("code", flat=True))),
        "stakeholder_group": sorted(set(StakeholderGroup.objects.values_list("code", flat=True))),
        "regional_group": sorted(set(RegionalGroup.objects.values_list("code", flat=True))),
        "country": sorted(Country.objects.values_list("iso3", flat=True)),
        "language": list(VOCABULARY),
        "official": ["on"],
        "sort": ["oldest"],
    }
    words = [word for _, text in VOCABULARY.values() for word in text.split()[:6]]
    queries = ["captioning", "字幕", "financements", "donors hubs", "资金", *words]

    def cursor() -> dict:
        return {"before": rng.randint(first.pk + 1, last.pk + 1)} if rng.random() < 0.6 else {}

    def distinct(make) -> list[str]:
        made = []
        seen = set()
        for _ in range(DISTINCT_URLS * 3):
            path = make()
            if path not in seen:
                seen.add(path)
                made.append(path)
            if len(made) == DISTINCT_URLS:
                break
        return made

    def filtered() -> str:
        chosen = rng.sample(list(codes), rng.randint(1, 3))
        params = {name: rng.choice(codes[name]) for name in chosen if codes[name]}
        return "/en/inputs/?" + urlencode({**params, **cursor()})

    def searched() -> str:
        params = {"q": rng.choice(queries)}
        if rng.random() < 0.3:
            name = rng.choice(["topic_area", "language", "stakeholder_group"])
            params[name] = rng.choice(codes[name])
        return "/en/inputs/?" + urlencode({**params, **cursor()})

    admin_filters = {
        "review_status": ReviewStatus.values,
        "stakeholder_group": list(StakeholderGroup.objects.values_list("pk", flat=True)),
        "topic_area": [area.pk for area in areas],
        "language": list(VOCABULARY),
        "official_status": ["verified", "unverified", "none"],
    }

    def reviewers() -> str:
        chosen = rng.sample(list(admin_filters), rng.randint(1, 2))
        return "/admin/inputs/?" + urlencode({name: rng.choice(admin_filters[name]) for name in chosen})

    one = references[0] if references else "none"
    return [
        Page("home (not cached)", "/en/", "ratio>=0.1"),
        Page("open call page", f"/en/calls/{call.slug}/", "ratio>=0.1"),
        Page("topic page", f"/en/topics/{areas[1 % len(areas)].code.lower()}/", "ratio>=0.1"),
        Page("listing, from the cache", "/en/inputs/", "ratio>=0.5", warm=True),
        Page("an input's page, from the cache", f"/en/inputs/{one}/", "ratio>=0.5", warm=True),
        Page(
            "an input's page, uncached",
            "/en/inputs/<reference>/",
            "p95<=50",
            paths=[f"/en/inputs/{reference}/" for reference in references],
        ),
        Page("API inputs, from the cache", "/api/v1/inputs", "ratio>=0.5", warm=True),
        Page("listing with filters, each URL new", "/en/inputs/?<filters>", "p95<=100", paths=distinct(filtered)),
        Page("search, each URL new", "/en/inputs/?q=<words>", "p95<=100", paths=distinct(searched)),
        Page(
            "reviewers' list with filters",
            "/admin/inputs/?<filters>",
            "p95<=300",
            paths=distinct(reviewers),
            signed_in=True,
        ),
    ]


def session_cookie() -> str:
    """A signed-in superuser's session cookie (signed with this process's SECRET_KEY, which the server shares)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    session = SessionStore()
    session["_auth_user_id"] = str(admin.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = admin.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
