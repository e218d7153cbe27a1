"""The public reading of published inputs: filters by code, result counts per filter, keyset pages.

Every state of the listing is a URL of codes (`?topic_area=A&stakeholder_group=GOVERNMENT&country=HUN`),
the same codes the API takes, so a link means the same thing in every language and on every copy of the
database.
"""

from dataclasses import dataclass

from wagtail.models import Locale

from django import forms
from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from portal.i18n import localized_all
from reference.models import Country, RegionalGroup, StakeholderGroup, SubTopic, TopicArea
from review.models import Mapping
from review.publication import published_submissions
from submissions.models import call_page_model

from .facts import ARRAY_FACETS, FACET_COLUMNS, facts_counted
from .models import PublishedCount, PublishedFact, PublishedFactGroup
from .search import public_matches, published_search
from .snippets import search_snippet

PAGE_SIZE = 20

# Filter name → what it matches on a published input. Topic areas and sub-topics are reviewers'
# mappings, matched with EXISTS so that an input mapped twice is still one row.
FIELD_LOOKUPS = {
    "call": "call__slug",
    "stakeholder_group": "stakeholder_group__code",
    "regional_group": "country__regional_group__code",
    "country": "country__iso3",
    "language": "language",
}
MAPPING_LOOKUPS = {"topic_area": "topic_area__code", "sub_topic": "sub_topic__code"}
FACETS = [*FIELD_LOOKUPS, *MAPPING_LOOKUPS, "official"]


class Sort:
    NEWEST = "newest"
    OLDEST = "oldest"
    CHOICES = [(NEWEST, _("Newest first")), (OLDEST, _("Oldest first"))]


def submissions_filtered(inputs: QuerySet, values: dict, *, leave_out: str | None = None) -> QuerySet:
    """`inputs` narrowed by the filter `values` given (codes; empty ones ignored), except `leave_out`."""
    for name, lookup in FIELD_LOOKUPS.items():
        if values.get(name) and name != leave_out:
            inputs = inputs.filter(**{lookup: values[name]})
    for name, lookup in MAPPING_LOOKUPS.items():
        if values.get(name) and name != leave_out:
            mapped = Mapping.objects.filter(submission=OuterRef("pk"), **{lookup: values[name]})
            inputs = inputs.filter(Exists(mapped))
    if values.get("official") and leave_out != "official":
        inputs = inputs.filter(official_verified=True)  # an unverified claim is never official to the public
    if values.get("q"):
        inputs = published_search(inputs, values["q"])
    return inputs


def calls_choices() -> list[tuple[str, str]]:
    """The live calls, newest first, named in the reader's language (a call is a page of the site, which the
    reading does not import; inputs belong to the calls in the default language)."""
    calls = list(call_page_model().objects.live().filter(locale=Locale.get_default()).order_by("-opens_at"))
    return [(call.slug, shown.title) for call, shown in zip(calls, localized_all(calls), strict=True)]


def choices_of(rows, label) -> list[tuple[str, str]]:
    """(code, label) once per code: the same code in two processes or locales is one choice."""
    seen = {}
    for row in rows:
        seen.setdefault(row.code, label(row))
    return list(seen.items())


class PublishedInputFilters(forms.Form):
    """GET filters of the listing and its downloads; a value that is not a known code is named and ignored."""

    q = forms.CharField(label=_("Words"), max_length=200, required=False)
    call = forms.ChoiceField(label=_("Call"), required=False)
    topic_area = forms.ChoiceField(label=_("Topic area"), required=False)
    sub_topic = forms.ChoiceField(label=_("Sub-topic"), required=False)
    stakeholder_group = forms.ChoiceField(label=_("Stakeholder group"), required=False)
    regional_group = forms.ChoiceField(label=_("Regional group"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    official = forms.BooleanField(label=_("Official submissions only"), required=False)
    sort = forms.ChoiceField(label=_("Order"), choices=Sort.CHOICES, required=False)
    before = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    after = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        sub_topics = SubTopic.objects.filter(topic_area__in=TopicArea.objects.originals())
        options = {
            "call": calls_choices(),
            "topic_area": choices_of(localized_all(TopicArea.objects.originals().order_by("sort_order", "code")), str),
            "sub_topic": choices_of(localized_all(sub_topics.order_by("topic_area__sort_order", "sort_order")), str),
            "stakeholder_group": choices_of(StakeholderGroup.objects.all(), str),
            "regional_group": choices_of(RegionalGroup.objects.all(), str),
            "country": sorted(((country.iso3, str(country)) for country in Country.objects.all()), key=by_name),
            "language": list(settings.LANGUAGES),
        }
        for name, choices in options.items():
            self.fields[name].choices = everything + choices

    def values(self) -> dict:
        """The filters that could be understood; a wrong one is left out (and named by `errors`)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}

    def ignored(self) -> list[str]:
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]


def facet_counts_joined(inputs: QuerySet, values: dict) -> dict[str, dict]:
    """For each filter, how many inputs each of its values would give, the other filters applied.

    One grouped query per filter over inputs, reviews and mappings: the direct query, which the published facts
    (`facet_counts`) must always equal; the embedded SQLite of `make run` counts this way.
    """
    counts = {}
    for name in FACETS:
        narrowed = submissions_filtered(inputs, values, leave_out=name).order_by()
        if name == "official":
            counts[name] = {True: narrowed.filter(official_verified=True).count()}
        elif name in MAPPING_LOOKUPS:
            lookup = MAPPING_LOOKUPS[name]
            rows = (
                Mapping.objects.filter(submission__in=narrowed.values("pk"))
                .values(lookup)
                .annotate(count=Count("submission", distinct=True))
            )
            counts[name] = {row[lookup]: row["count"] for row in rows if row[lookup]}
        else:
            lookup = FIELD_LOOKUPS[name]
            rows = narrowed.values(lookup).annotate(count=Count("pk"))
            counts[name] = {row[lookup]: row["count"] for row in rows if row[lookup]}
    return counts


def codes_by_id() -> dict[str, dict[str, str]]:
    """For each filter kept as ids in the facts, {id (as text): code}, in one query."""
    kinds = {
        "call": (call_page_model().objects.all(), "slug"),
        "stakeholder_group": (StakeholderGroup.objects.all(), "code"),
        "regional_group": (RegionalGroup.objects.all(), "code"),
        "country": (Country.objects.all(), "iso3"),
        "topic_area": (TopicArea.objects.all(), "code"),
        "sub_topic": (SubTopic.objects.all(), "code"),
    }
    selects = [
        rows.order_by()
        .annotate(f_facet=Value(facet), f_key=Cast("pk", CharField()), f_code=F(code))
        .values_list("f_facet", "f_key", "f_code")
        for facet, (rows, code) in kinds.items()
    ]
    codes = {facet: {} for facet in kinds}
    for facet, key, code in selects[0].union(*selects[1:], all=True):
        codes[facet][key] = code
    return codes


def fact_values(values: dict, codes: dict | None = None) -> dict:
    """The filters `values` (codes) as what the facts hold: the ids a code names (a row in each process or
    language may have it; from `codes` if given, else as a subquery), the language's code, and True/False for
    official."""
    lookups = {"call": "slug", "country": "iso3"}
    models = {
        "call": call_page_model(),
        "stakeholder_group": StakeholderGroup,
        "regional_group": RegionalGroup,
        "country": Country,
        "topic_area": TopicArea,
        "sub_topic": SubTopic,
    }
    wanted = {}
    for name in FACET_COLUMNS:
        if not values.get(name):
            continue
        if name == "language":
            wanted[name] = [values[name]]
        elif codes is not None:
            wanted[name] = [key for key, code in codes[name].items() if code == values[name]]
        else:
            wanted[name] = models[name].objects.filter(**{lookups.get(name, "code"): values[name]}).values("pk")
    if values.get("official") is not None:
        wanted["official"] = values["official"]
    return wanted


def facts_filtered(wanted: dict, *, q: str = "", leave_out: str | None = None, model=PublishedFact) -> QuerySet:
    """The published facts (or their groups, `model`) narrowed by `wanted` (from `fact_values`), except
    `leave_out`, and by the words `q` (facts only)."""
    facts = model.objects.all()
    for name, ids in wanted.items():
        if name == leave_out:
            continue
        if name == "official":
            facts = facts.filter(official=ids)
        elif name in ARRAY_FACETS:
            ids = [int(key) for key in ids] if isinstance(ids, list) else ArraySubquery(ids)
            facts = facts.filter(**{f"{FACET_COLUMNS[name]}__overlap": ids})
        else:
            facts = facts.filter(**{f"{FACET_COLUMNS[name]}__in": ids})
    if q.strip():
        facts = facts.filter(submission_id__in=public_matches(q).values("submission_id"))
    return facts


def facet_counts(values: dict, codes: dict) -> dict[str, dict]:
    """For each filter, how many inputs each of its values would give, the other filters applied, by code.

    Read from the kept counts (PublishedCount) when at most one other filter applies and there are no words;
    otherwise added up over the groups of facts (PublishedFactGroup) the other filters leave, or, with words,
    counted over the facts of the inputs found; one query per such set of filters.
    """
    wanted, q = fact_values(values, codes), values.get("q", "")
    kept, scans = [], {}
    for name in FACETS:
        given = [other for other in wanted if other != name]
        if not q.strip() and not given:
            kept.append(Q(given_facet="", given_value="", facet=name))
        elif not q.strip() and len(given) == 1 and wanted[given[0]] is not False:
            other = given[0]
            given_values = ["1"] if other == "official" else wanted[other]
            kept.append(Q(given_facet=other, given_value__in=given_values, facet=name))
        else:
            scans.setdefault(tuple(given), []).append(name)
    found = {name: {} for name in FACETS}
    if kept:
        rows = PublishedCount.objects.filter(count__gt=0).filter(Q.create(kept, connector=Q.OR))
        for facet, value, count in rows.values_list("facet", "value", "count"):
            found[facet][value] = found[facet].get(value, 0) + count
    for given, names in scans.items():
        model = PublishedFact if q.strip() else PublishedFactGroup
        facts = facts_filtered({name: wanted[name] for name in given}, q=q, model=model)
        for facet, value, count in facts_counted(facts, names):
            found[facet][value] = found[facet].get(value, 0) + count
    return by_code(found, codes)


def by_code(found: dict[str, dict], codes: dict) -> dict[str, dict]:
    """Counts by id (as text) turned into counts by code, as the filters' choices are; official as {True: n}."""
    counts = {}
    for name, by_value in found.items():
        if name == "official":
            counts[name] = {True: by_value.get("1", 0)}
        elif name == "language":
            counts[name] = {value: count for value, count in by_value.items() if count}
        else:
            counts[name] = {}
            for key, count in by_value.items():
                if count and (code := codes[name].get(key)):
                    counts[name][code] = counts[name].get(code, 0) + count
    return counts


def total_of(counts: dict, values: dict) -> int:
    """How many inputs the filters give, read off the stakeholder-group counts rather than counted again:
    every input has exactly one stakeholder group, and those counts leave out only their own filter."""
    by_group, chosen = counts["stakeholder_group"], values.get("stakeholder_group")
    return by_group.get(chosen, 0) if chosen else sum(by_group.values())


def filters_with_counts(filters: PublishedInputFilters, counts: dict) -> None:
    """Each choice reads "Government (12)"; choices that would give nothing are dropped, unless chosen."""
    chosen = filters.values()
    for name, by_value in counts.items():
        field = filters.fields[name]
        if name == "official":
            filters[name].label = f"{field.label} ({by_value[True]})"  # the bound field holds its label
            continue
        field.choices = [field.choices[0]] + [
            (value, f"{label} ({by_value.get(value, 0)})")
            for value, label in field.choices[1:]
            if by_value.get(value) or chosen.get(name) == value
        ]


@dataclass
class Page:
    items: list
    next_cursor: dict | None  # query parameters of the next page, None on the last
    previous_cursor: dict | None


def published_page(inputs: QuerySet, *, sort: str = Sort.NEWEST, before=None, after=None) -> Page:
    """One page continuing from an input id, in either direction: no OFFSET, so the last page is as
    fast as the first."""
    newest = sort != Sort.OLDEST
    backwards = (after if newest else before) is not None
    if before is not None:
        inputs = inputs.filter(pk__lt=before)
    if after is not None:
        inputs = inputs.filter(pk__gt=after)
    ascending = newest == backwards
    rows = list(inputs.order_by("pk" if ascending else "-pk")[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    if backwards:
        rows.reverse()
    if not rows:
        return Page([], None, None)
    onward, back = ("before", "after") if newest else ("after", "before")
    has_next = more if not backwards else True
    has_previous = (before if newest else after) is not None or (backwards and more)
    return Page(
        rows,
        {onward: rows[-1].pk} if has_next else None,
        {back: rows[0].pk} if has_previous else None,
    )


@dataclass
class Card:
    submission: object
    topic_areas: list[str]
    snippet: list[tuple[str, bool]]
    call: object = None  # the input's call in the reader's language


LISTING_KEYS = ("sort", "before", "after")


def listing_context(query) -> dict:
    """Everything the listing shows for the GET parameters `query`, in a fixed number of queries: a page of
    the published facts (keyset), the counts (kept or counted over the facts), then the 20 inputs shown."""
    from django.db.models import Prefetch

    filters = PublishedInputFilters(query)
    values = filters.values()
    published = published_submissions()
    order = {"sort": values.get("sort", Sort.NEWEST), "before": values.get("before"), "after": values.get("after")}
    if connection.vendor == "postgresql":
        codes = codes_by_id()
        page = published_page(facts_filtered(fact_values(values, codes), q=values.get("q", "")).only("pk"), **order)
        counts = facet_counts(values, codes)
    else:  # the embedded SQLite keeps no facts
        page = published_page(submissions_filtered(published, values), **order)
        counts = facet_counts_joined(published, values)
    mappings = Mapping.objects.select_related("topic_area").order_by("topic_area__sort_order", "topic_area__code")
    shown = published.filter(pk__in=[row.pk for row in page.items]).prefetch_related(
        Prefetch("mappings", queryset=mappings)
    )
    by_pk = {item.pk: item for item in shown}
    items = [by_pk[row.pk] for row in page.items if row.pk in by_pk]
    filters_with_counts(filters, counts)
    calls = {item.call_id: item.call for item in items}
    shown_calls = dict(zip(calls, localized_all(calls.values()), strict=True))
    cards = [
        Card(
            item,
            list(dict.fromkeys(mapping.topic_area.code for mapping in item.mappings.all())),
            search_snippet(item.review.public_text, values["q"]) if values.get("q") else [],
            shown_calls[item.call_id],
        )
        for item in items
    ]
    return {
        "filters": filters,
        "ignored": filters.ignored(),
        "total": total_of(counts, values),
        "cards": cards,
        "is_filtered": any(name not in LISTING_KEYS for name in values),
        "next_href": page_href(query, page.next_cursor),
        "previous_href": page_href(query, page.previous_cursor),
        "first_href": page_href(query, {}) if page.previous_cursor else "",
        "filter_query": without_cursor(query, keep_sort=False).urlencode(),
    }


def without_cursor(query, *, keep_sort: bool = True):
    params = query.copy()
    for key in ("before", "after") if keep_sort else LISTING_KEYS:
        params.pop(key, None)
    return params


def page_href(query, cursor: dict | None) -> str:
    """The link to the page `cursor` points at, with every filter kept ("" when there is no such page)."""
    if cursor is None:
        return ""
    params = without_cursor(query)
    for key, value in cursor.items():
        params[key] = value
    return f"?{params.urlencode()}"


def by_name(choice: tuple[str, str]) -> str:
    return choice[1].casefold()
