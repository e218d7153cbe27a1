"""Demo outcomes of the WGIGF: its members, the 3rd to 5th meetings, the seventeen recommendation
headings of the chair's slides under the five topic areas, and their implementation as the working group
evaluated it (targets before and after the Bali IGF; Secretariat, MAG and community; funding uncertain).

The slides give headings, dates and the evaluation's shape; the wording of the texts, the tasks and
their progress notes are illustrative, written for the demo."""

from datetime import date

from django.contrib.auth import get_user_model

from outcomes.models import (
    AgendaItem,
    Agreement,
    Alternative,
    Citation,
    Meeting,
    MeetingDocument,
    Member,
    Milestone,
    Recommendation,
    ResponsibleBody,
    Standing,
    Task,
)
from outcomes.services import progress_record, snapshot_take
from reference.models import Country, Process, StakeholderGroup
from review.publication import published_submissions

MEMBERS = [
    ("Peter Major", "chair", "GOVERNMENT", "HUN", "Permanent Mission of Hungary to the UN, Geneva"),
    ("Prof. Kumar", "vice_chair", "GOVERNMENT", "IND", ""),
    ("Delegation of Portugal", "member", "GOVERNMENT", "PRT", ""),
    ("Marília Maciel", "member", "CIVIL_SOCIETY", "BRA", ""),
]

MEETINGS = [
    {
        "number": 3,
        "title": "Third meeting of the working group",
        "starts_on": date(2011, 10, 31),
        "ends_on": date(2011, 11, 2),
        "place": "Geneva",
        "summary": "<p>The working group agreed its five main topics, reached points of broad agreement on "
        "items A, B and D, and agreed to explore funding by the United Nations (item C). Item E is left to the "
        "fourth meeting. The group worked in a constructive manner, with increased mutual trust.</p>",
        "agenda": [("Agreed main topics", "ABCDE"), ("Points of broad agreement", "ABD"), ("Funding", "C")],
        "agreements": [
            ("A", "The annual meetings should produce outputs that others can use."),
            ("B", "The MAG and the Secretariat need clearer working methods."),
            ("C", "Consensus on exploring funding by the United Nations."),
            ("D", "Participation from developing countries must grow."),
        ],
        "documents": [
            (
                "Chair's summary of the meeting",
                "http://www.unctad.org/sections/un_cstd/docs/UN_WGIGF2011d14_summary_en.pdf",
            )
        ],
    },
    {
        "number": 4,
        "title": "Fourth meeting of the working group",
        "starts_on": date(2012, 1, 24),
        "ends_on": date(2012, 1, 26),
        "place": "Geneva",
        "summary": "<p>Detailed discussion of items C and E on days one and two; drafting of recommendations "
        "began on day three, based on the topics and the points of broad agreement.</p>",
        "agenda": [("Funding of the IGF", "C"), ("Linking the IGF to other processes", "E"), ("Drafting", "")],
        "agreements": [("E", "The IGF should feed its messages into related processes and bodies.")],
        "documents": [
            (
                "Provisional agenda of the 4th meeting",
                "http://www.unctad.org/Templates/Meeting.asp?intItemID=2068&lang=1&m=22974&year=2012&month=1",
            )
        ],
    },
    {
        "number": 5,
        "title": "Fifth meeting of the working group",
        "starts_on": date(2012, 2, 20),
        "ends_on": date(2012, 2, 22),
        "place": "Geneva",
        "summary": "<p>The working group finalised the text of its recommendations, to be attached to the "
        "chair's report to the 15th session of the CSTD.</p>",
        "agenda": [("Finalising the recommendations", "ABCDE")],
        "agreements": [],
        "documents": [],
    },
]

BODIES = {"S": "SECRETARIAT", "M": "MAG", "C": "COMMUNITY"}
BEFORE_BALI, AFTER_BALI = "BEFORE_BALI", "AFTER_BALI"

# (number, topic area, heading, the state of its one or two tasks: (bodies, target, cost, statuses over time))
ONGOING, DONE, START, UNSURE = "ongoing", "completed", "to_be_started", "uncertain"
RECOMMENDATIONS = [
    ("I.1", "A", "Develop more tangible outputs", [("SM", BEFORE_BALI, False, [ONGOING, DONE])]),
    ("I.2", "A", "Formulate a set of policy questions", [("M", BEFORE_BALI, False, [DONE])]),
    (
        "I.3",
        "A",
        "Improve the visibility of IGF outcomes and their accessibility with enhanced communication tools",
        [("S", BEFORE_BALI, True, [ONGOING]), ("S", AFTER_BALI, True, [START])],
    ),
    (
        "I.4",
        "A",
        "Make the relevant documents available to all stakeholders and the media through a communication strategy",
        [("S", AFTER_BALI, True, [ONGOING])],
    ),
    ("II.1", "B", "Improve the overall preparatory process of the IGF", [("MS", BEFORE_BALI, False, [DONE])]),
    ("II.2", "B", "Improve the structure and working methods of the MAG", [("M", BEFORE_BALI, False, [ONGOING])]),
    ("II.3", "B", "Strengthen and expand the Secretariat", [("S", AFTER_BALI, True, [START, UNSURE])]),
    ("III.1", "C", "Encourage increased voluntary financial contributions", [("SC", AFTER_BALI, True, [UNSURE])]),
    ("III.2", "C", "Enhance accountability and transparency", [("S", BEFORE_BALI, False, [ONGOING, DONE])]),
    (
        "III.3",
        "C",
        "Acknowledge the host country's support and in-kind support from other countries, organisations and the UN",
        [("S", BEFORE_BALI, False, [DONE])],
    ),
    ("IV.1", "D", "Expand and diversify participation", [("MC", BEFORE_BALI, False, [ONGOING])]),
    ("IV.2", "D", "Enhance measures for broader participation", [("S", BEFORE_BALI, True, [ONGOING, DONE])]),
    ("IV.3", "D", "Improve the online visibility and accessibility of the IGF", [("S", AFTER_BALI, True, [START])]),
    (
        "IV.4",
        "D",
        "Enhance all stakeholders' understanding of the IGF and Internet governance issues",
        [("C", AFTER_BALI, False, [ONGOING])],
    ),
    ("V.1", "E", "Ensure the relevance and inclusiveness of annual IGFs", [("M", BEFORE_BALI, False, [DONE])]),
    ("V.2", "E", "Support enhanced communication", [("SM", AFTER_BALI, False, [ONGOING])]),
    (
        "V.3",
        "E",
        "Empower the MAG and the IGF Secretariat to do consistent outreach",
        [("SM", AFTER_BALI, False, [START, ONGOING])],
    ),
]
# The dates of the progress: the first status by the MAG working group's interim report, the second by
# the Secretariat's report to the CSTD.
PROGRESS_DATES = [date(2013, 5, 15), date(2013, 12, 10)]
SNAPSHOTS = [
    ("MAG working group interim report", date(2013, 5, 31)),
    ("Report of the IGF Secretariat to the CSTD", date(2014, 1, 15)),
]
ALTERNATIVE = (
    "III.1",
    "Establish a regular contribution to the IGF from the regular budget of the United Nations.",
    ["GOVERNMENT"],
)


def demo_outcomes_load(*, process: Process) -> None:
    """Members, meetings, recommendations published through their workflow's revisions, tasks and
    progress, and two snapshots; nothing when the recommendations are already there."""
    if Recommendation.objects.filter(process=process).exists():
        return
    groups = {group.code: group for group in StakeholderGroup.objects.filter(locale=process.locale)}
    members_load(process, groups)
    meetings = meetings_load(process)
    milestones = {
        BEFORE_BALI: Milestone.objects.create(
            process=process, code=BEFORE_BALI, name="Before the Bali IGF", due_on=date(2013, 10, 21), sort_order=1
        ),
        AFTER_BALI: Milestone.objects.create(process=process, code=AFTER_BALI, name="After the Bali IGF", sort_order=2),
    }
    by = get_user_model().objects.filter(is_superuser=True).first()
    areas = {area.code: area for area in process.topic_areas.originals()}
    cited = citable_inputs(process)
    for order, (number, code, heading, tasks) in enumerate(RECOMMENDATIONS):
        recommendation = recommendation_publish(
            process, areas[code], number, heading, order, meetings[5], groups, cited.get(code, []), by
        )
        tasks_load(recommendation, tasks, milestones, by)
    for title, taken_on in SNAPSHOTS:
        snapshot_take(process=process, title=title, taken_on=taken_on, by=by)


def members_load(process, groups) -> None:
    for order, (name, role, group, iso3, organisation) in enumerate(MEMBERS):
        Member.objects.create(
            process=process,
            name=name,
            role=role,
            stakeholder_group=groups[group],
            country=Country.objects.filter(iso3=iso3).first(),
            organisation=organisation,
            sort_order=order,
        )


def meetings_load(process) -> dict[int, Meeting]:
    areas = {area.code: area for area in process.topic_areas.originals()}
    meetings = {}
    for spec in MEETINGS:
        meeting = Meeting(
            process=process,
            number=spec["number"],
            title=spec["title"],
            starts_on=spec["starts_on"],
            ends_on=spec["ends_on"],
            place=spec["place"],
            summary=spec["summary"],
        )
        meeting.agenda_items = [
            AgendaItem(title=title, sort_order=order) for order, (title, _codes) in enumerate(spec["agenda"])
        ]
        meeting.agreements = [
            Agreement(topic_area=areas[code], text=text, sort_order=order)
            for order, (code, text) in enumerate(spec["agreements"])
        ]
        meeting.documents = [MeetingDocument(title=title, url=url) for title, url in spec["documents"]]
        meeting.save()
        for item, (_title, codes) in zip(meeting.agenda_items.all(), spec["agenda"], strict=True):
            item.topic_areas.set([areas[code] for code in codes])
        meetings[meeting.number] = meeting
    return meetings


def citable_inputs(process) -> dict[str, list]:
    """Published demo inputs by the topic area they are mapped to, each with its mapped passage if any."""
    cited: dict[str, list] = {}
    for submission in published_submissions().filter(call__process=process).prefetch_related("mappings__topic_area"):
        for mapping in submission.mappings.all():
            cited.setdefault(mapping.topic_area.code, []).append((submission, mapping.passage))
    return cited


def recommendation_publish(process, area, number, heading, order, meeting, groups, cited, by) -> Recommendation:
    """A recommendation saved, then published through a revision, as the admin's workflow ends."""
    alternative_number, alternative_text, alternative_groups = ALTERNATIVE
    recommendation = Recommendation(
        process=process,
        topic_area=area,
        number=number,
        sort_order=order,
        title=heading,
        text=f"The working group recommends to {heading[0].lower()}{heading[1:]}.",
        rationale="Based on the points of broad agreement reached on this topic and on the inputs received.",
        standing=Standing.MAJORITY if number == alternative_number else Standing.CONSENSUS,
        meeting=meeting,
        live=False,
    )
    recommendation.save()
    recommendation.supporting_groups = list(groups.values())
    if number == alternative_number:
        recommendation.supporting_groups = [group for code, group in groups.items() if code != "GOVERNMENT"]
        alternative = Alternative(text=alternative_text)
        alternative.supporting_groups = [groups[code] for code in alternative_groups]
        recommendation.alternatives = [alternative]
    recommendation.citations = [Citation(submission=submission, passage=passage) for submission, passage in cited[:2]]
    recommendation.save_revision(user=by).publish(user=by)
    recommendation.refresh_from_db()
    return recommendation


def tasks_load(recommendation, tasks, milestones, by) -> None:
    for index, (bodies, target, cost, statuses) in enumerate(tasks):
        code = f"{recommendation.number}-{'AB'[index]}"
        task = Task.objects.create(
            recommendation=recommendation,
            code=code,
            description=f"Carry out “{recommendation.title[0].lower()}{recommendation.title[1:]}”"
            + (" (second phase)" if index else ""),
            milestone=milestones[target],
            has_cost=cost,
        )
        task.bodies.set(ResponsibleBody.objects.filter(code__in=[BODIES[letter] for letter in bodies]))
        for on, status in zip(PROGRESS_DATES, statuses, strict=False):
            progress_record(task=task, on=on, status=status, note=f"Evaluated as {status.replace('_', ' ')}.", by=by)
