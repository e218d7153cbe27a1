"""The demo content: the CSTD Working Group on Improvements to the IGF (WGIGF). Safe to load twice."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from wagtail.models import Locale, Page, Site

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from home.models import (
    CallIndexPage,
    CallPage,
    CompositionSeat,
    HomePage,
    InputIndexPage,
    MandatePage,
    MeetingIndexPage,
    Question,
    RecommendationIndexPage,
    TopicAreaIndexPage,
)
from reference.models import Process, RegionalGroup, StakeholderGroup, SubTopic, TopicArea
from review.models import BalanceSettings, BalanceTarget, CallReviewer

from .inputs import demo_inputs_load
from .outcomes import demo_outcomes_load
from .translations import demo_translations_load

GENEVA_TZ = ZoneInfo("Europe/Zurich")

# From the chair's slides (CSTD inter-sessional meeting, December 2013): five topics, their sub-items.
TOPIC_AREAS = [
    (
        "A",
        "Shaping the outcomes of IGF meetings",
        "How the annual meetings produce outputs that others can use.",
        [
            "Develop more tangible outputs",
            "Formulate a set of policy questions",
            "Improve the visibility of IGF outcomes and their accessibility with enhanced communication tools",
            "A communication strategy and tools to make the relevant documents available to all stakeholders "
            "and the media",
        ],
    ),
    (
        "B",
        "Working modalities including open consultations, MAG and Secretariat",
        "How the IGF is prepared: open consultations, the Multistakeholder Advisory Group and the Secretariat.",
        [
            "Improve the overall preparatory process of the IGF",
            "Improve the structure and working methods of the MAG",
            "Strengthen and expand the Secretariat",
        ],
    ),
    (
        "C",
        "Funding of the IGF",
        "How the IGF is financed, and how openly.",
        [
            "Encourage increased voluntary financial contributions",
            "Enhance accountability and transparency",
            "Acknowledge the host country's support and in-kind support from other countries, organizations and the UN",
        ],
    ),
    (
        "D",
        "Broadening participation and capacity building",
        "Who takes part in the IGF, and how more can.",
        [
            "Expand and diversify participation",
            "Enhance measures for broader participation",
            "Improve the online visibility and accessibility of the IGF",
            "Enhance all stakeholders' understanding of the IGF and Internet governance issues",
        ],
    ),
    (
        "E",
        "Linking the IGF to other Internet governance related entities",
        "How the IGF relates to other processes, mechanisms and bodies.",
        [
            "Ensure the relevance and inclusiveness of annual IGFs",
            "Support enhanced communication",
            "Empower the MAG and the IGF Secretariat to do consistent outreach",
        ],
    ),
]

GUIDING_QUESTIONS = {
    "A": "How could IGF meetings produce more tangible outputs, and how should those outputs be shared?",
    "B": "What should change in the preparatory process, the working methods of the MAG and the Secretariat?",
    "C": "How can the funding of the IGF be made more sustainable, accountable and transparent?",
    "D": "What would broaden participation in the IGF, in particular from developing countries?",
    "E": "How should the IGF be linked to other Internet governance processes, mechanisms and bodies?",
}

MANDATE = (
    "<p>The Economic and Social Council invites the chair of the Commission on Science and Technology for "
    "Development to establish, in an open and inclusive manner, a working group, to seek, compile and review "
    "inputs from all UN member States and all other stakeholders on improvements to the Internet Governance "
    "Forum in line with its mandate as set out in the Tunis Agenda for the Information Society, and report to "
    "its next substantive session with recommendations as appropriate.</p>"
)
BASIC_FEATURES = (
    "<p>The working group gives recommendations for improvements to the IGF without changing its basic "
    "features:</p><ul><li>its multi-stakeholder character;</li><li>it is not a decision-taking forum.</li></ul>"
)

# Seats by stakeholder group code: member states and five of each other stakeholder group.
COMPOSITION = [
    ("GOVERNMENT", 22, "UN member States"),
    ("PRIVATE_SECTOR", 5, ""),
    ("CIVIL_SOCIETY", 5, ""),
    ("TECHNICAL_ACADEMIC", 5, ""),
    ("IGO", 5, ""),
]
DEMO_ACCOUNTS = [
    ("admin", "admin-demo", "Secretariat"),
    ("reviewer", "reviewer-demo", "Reviewers"),
]


def demo_content_load() -> dict:
    """Create whatever of the demo is missing and return what a newcomer needs to know."""
    with transaction.atomic():
        result = demo_english_load()
    demo_translations_load(HomePage.objects.get(slug="home", locale=Locale.get_default()))
    return result


def demo_english_load() -> dict:
    locales_create()
    process = process_load()
    areas = topic_areas_load(process=process)
    home = site_home_load()
    mandate_page_load(home=home, process=process)
    topic_index_load(home=home, process=process)
    calls = call_index_load(home=home)
    input_index_load(home=home)
    open_call_load(parent=calls, process=process, areas=areas)
    closed_call_load(parent=calls, process=process, areas=areas)
    accounts = demo_accounts_load(call_slug="improvements-to-the-igf") if settings.DEMO_ACCOUNTS else []
    # After the accounts: the reviewer gets alerts.
    open_call = CallPage.objects.get(slug="improvements-to-the-igf", locale=Locale.get_default())
    demo_inputs_load(call=open_call)
    balance_targets_load(call=open_call, areas=areas)
    demo_outcomes_load(process=process)  # after the inputs: recommendations cite the published ones
    outcome_pages_load(home=home, process=process)
    return {"accounts": accounts}


def locales_create():
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def process_load() -> Process:
    process, _ = Process.objects.get_or_create(
        code="WGIGF",
        locale=Locale.get_default(),
        defaults={
            "name": "CSTD Working Group on Improvements to the IGF",
            "body": "Commission on Science and Technology for Development (CSTD)",
            "time_zone": "Europe/Zurich",
        },
    )
    return process


def topic_areas_load(*, process) -> dict[str, TopicArea]:
    areas = {}
    for order, (code, title, description, sub_titles) in enumerate(TOPIC_AREAS):
        area = TopicArea.objects.filter(process=process, code=code, locale=process.locale).first()
        if area is None:
            area = TopicArea(process=process, code=code, title=title, description=description, sort_order=order)
            area.sub_topics = [
                SubTopic(code=f"{code}.{number}", title=sub_title, sort_order=number)
                for number, sub_title in enumerate(sub_titles, start=1)
            ]
            area.save()
        areas[code] = area
    return areas


def site_home_load() -> HomePage:
    """The demo's home page becomes the default site's root; Wagtail's empty welcome page goes."""
    home = HomePage.objects.filter(slug="home", locale=Locale.get_default()).first()
    if home is None:
        root = Page.get_first_root_node()
        welcome = root.get_children().exclude(content_type__model="homepage").filter(slug="home").first()
        if welcome is not None and welcome.get_children_count() == 0:
            Site.objects.filter(root_page=welcome).update(root_page=root)
            welcome.delete()
        home = HomePage(
            title="CSTD Working Group on Improvements to the IGF",
            slug="home",
            intro="<p>The working group seeks, compiles and reviews inputs from all UN member States and all "
            "other stakeholders on improvements to the Internet Governance Forum. Read its mandate, the topic "
            "areas it works on, and answer its open calls for input.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", is_default_site=True)
    site.root_page = home
    site.site_name = "WGIGF input portal"
    site.port = 80
    site.save()
    return home


def child_page(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def mandate_page_load(*, home, process):
    if child_page(home, MandatePage, "mandate"):
        return
    groups = {group.code: group for group in StakeholderGroup.objects.filter(locale=home.locale)}
    page = MandatePage(
        title="Mandate",
        slug="mandate",
        show_in_menus=True,
        process=process,
        mandate=MANDATE,
        basic_features=BASIC_FEATURES,
        seats=[
            CompositionSeat(stakeholder_group=groups[code], seats=seats, members=members, sort_order=order)
            for order, (code, seats, members) in enumerate(COMPOSITION)
        ],
    )
    publish_child(home, page)


def topic_index_load(*, home, process):
    if child_page(home, TopicAreaIndexPage, "topics"):
        return
    page = TopicAreaIndexPage(
        title="Topic areas",
        slug="topics",
        show_in_menus=True,
        process=process,
        intro="<p>The working group agreed on five main topics. Inputs are mapped to them and to their sub-topics.</p>",
    )
    publish_child(home, page)


def input_index_load(*, home):
    if child_page(home, InputIndexPage, "inputs"):
        return
    publish_child(
        home,
        InputIndexPage(
            title="Published inputs",
            slug="inputs",
            show_in_menus=True,
            intro="<p>The inputs the working group has published, with the topic areas they were mapped to.</p>",
        ),
    )


def outcome_pages_load(*, home, process):
    if not child_page(home, RecommendationIndexPage, "recommendations"):
        intro = (
            "<p>The working group's recommendations, grouped by its five main topics, and how each is being "
            "implemented: tasks, targets, responsible bodies, cost and status.</p>"
        )
        publish_child(
            home,
            RecommendationIndexPage(
                title="Recommendations", slug="recommendations", show_in_menus=True, process=process, intro=intro
            ),
        )
    if not child_page(home, MeetingIndexPage, "meetings"):
        publish_child(home, MeetingIndexPage(title="Meetings", slug="meetings", show_in_menus=True, process=process))


def call_index_load(*, home) -> CallIndexPage:
    page = child_page(home, CallIndexPage, "calls")
    if page is None:
        page = publish_child(
            home,
            CallIndexPage(
                title="Calls for input",
                slug="calls",
                show_in_menus=True,
                intro="<p>Member States and all other stakeholders are invited to send their inputs.</p>",
            ),
        )
    return page


def open_call_load(*, parent, process, areas):
    if child_page(parent, CallPage, "improvements-to-the-igf"):
        return
    today = timezone.now().astimezone(GENEVA_TZ).date()
    closes = datetime.combine(today + timedelta(days=60), datetime.max.time().replace(microsecond=0), GENEVA_TZ)
    call = CallPage(
        title="Improvements to the IGF",
        slug="improvements-to-the-igf",
        process=process,
        summary="The working group invites all UN member States and all other stakeholders to send their "
        "views on improvements to the Internet Governance Forum, on each of the five topic areas.",
        opens_at=timezone.now() - timedelta(days=7),
        closes_at=closes,
        background=[
            (
                "paragraph",
                "<p>The working group was established in an open and inclusive manner. Its recommendations "
                "must not change the basic features of the IGF: its multi-stakeholder character, and that it is "
                "not a decision-taking forum.</p>",
            )
        ],
        questions=[
            Question(topic_area=areas[code], text=text, sort_order=order)
            for order, (code, text) in enumerate(GUIDING_QUESTIONS.items())
        ],
    )
    call.topic_areas = list(areas.values())
    publish_child(parent, call)


def closed_call_load(*, parent, process, areas):
    if child_page(parent, CallPage, "third-meeting-main-topics"):
        return
    call = CallPage(
        title="Inputs on the agreed main topics (3rd meeting)",
        slug="third-meeting-main-topics",
        process=process,
        summary="Inputs on points of broad agreement for the main topics, received before the working "
        "group's 3rd meeting (31 October to 2 November 2011).",
        opens_at=datetime(2011, 9, 1, 9, 0, tzinfo=GENEVA_TZ),
        closes_at=datetime(2011, 10, 14, 23, 59, tzinfo=GENEVA_TZ),
        questions=[
            Question(topic_area=areas["A"], text="Which points of broad agreement do you see on topic A?"),
            Question(topic_area=areas["C"], text="How could the United Nations contribute to funding the IGF?"),
        ],
    )
    call.topic_areas = [areas["A"], areas["B"], areas["C"], areas["D"]]
    publish_child(parent, call)


# Participation targets of the open call: (topic area, stakeholder group, regional group, minimum); None is "any".
BALANCE_TARGETS = [
    (None, "GOVERNMENT", "AFRICAN", 3),
    (None, "GOVERNMENT", "GRULAC", 2),
    (None, "CIVIL_SOCIETY", None, 5),
    ("A", None, None, 10),
    ("E", "PRIVATE_SECTOR", None, 1),
]


def balance_targets_load(*, call, areas):
    """A few targets, so that the secretariat's balance shows cells under target (Reports → Participation
    balance), alerting 14 days before the deadline."""
    BalanceSettings.objects.get_or_create(call=call, defaults={"alert_days": 14})
    for area, group, region, minimum in BALANCE_TARGETS:
        BalanceTarget.objects.get_or_create(
            call=call,
            topic_area=areas[area] if area else None,
            stakeholder_group=StakeholderGroup.objects.get(code=group, locale=call.locale) if group else None,
            regional_group=RegionalGroup.objects.get(code=region) if region else None,
            defaults={"minimum": minimum},
        )


def demo_accounts_load(*, call_slug: str) -> list[tuple[str, str]]:
    """Demo logins; only where settings.DEMO_ACCOUNTS is on (never in production).

    The reviewer reviews the open call and may read its inputs.
    """
    permissions = [
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="submissions", codename="view_submission"),
    ]
    accounts = []
    for username, password, group_name in DEMO_ACCOUNTS:
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*permissions)
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = get_user_model().objects.create_user(
                username=username, password=password, email=f"{username}@example.org", is_superuser=username == "admin"
            )
            user.is_staff = user.is_superuser
            user.save()
        user.groups.add(group)
        accounts.append((username, password))
    reviewer = get_user_model().objects.get(username="reviewer")
    call = CallPage.objects.get(slug=call_slug, locale=Locale.get_default())
    CallReviewer.objects.get_or_create(call=call, user=reviewer)
    return accounts
