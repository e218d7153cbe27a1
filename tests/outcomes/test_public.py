"""What the public reads of the outcomes, through the real URLs: published recommendations with their
alternatives and the citations that may be shown, the tracker (today, at a past date, filtered, as CSV and
XLSX), snapshots compared, meetings, members, and on an input's page the recommendations that cite it.
Drafts and another process's outcomes never show."""

import csv
import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from django.utils import timezone

from home.models import MeetingIndexPage, RecommendationIndexPage
from outcomes.models import Alternative, Citation, Meeting, Member, Milestone, ResponsibleBody, Task, TaskStatus
from outcomes.services import progress_record, snapshot_take
from review.models import ReviewStatus
from review.redactions import passage_redact
from review.services import passage_create, review_status_set
from tests.factories import MandatePageFactory, ProcessFactory, TopicAreaFactory, stakeholder_group
from tests.outcomes.conftest import recommendation_make

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def pages(home_page, call):
    recommendations = RecommendationIndexPage(title="Recommendations", slug="recommendations", process=call.process)
    home_page.add_child(instance=recommendations)
    meetings = MeetingIndexPage(title="Meetings", slug="meetings", process=call.process)
    home_page.add_child(instance=meetings)
    return {"recommendations": recommendations, "meetings": meetings}


def area(call, code):
    return call.process.topic_areas.get(code=code)


def task_make(recommendation, code, *, status_history=(), body="SECRETARIAT", due=None, description="Publish"):
    task = Task.objects.create(
        recommendation=recommendation, code=code, description=f"{description} {code}", target_on=due, has_cost=True
    )
    body, _ = ResponsibleBody.objects.get_or_create(code=body, defaults={"name": body.title()})
    task.bodies.add(body)
    for on, status in status_history:
        progress_record(task=task, on=on, status=status, note=f"Note {status}")
    task.refresh_from_db()
    return task


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_listing_shows_published_recommendations_by_topic_area_and_nothing_in_draft(client, call, pages):
    recommendation_make(call.process, number="I.1", text="Develop more tangible outputs.", area=area(call, "A"))
    recommendation_make(call.process, number="II.1", text="Rotate the members yearly.", area=area(call, "B"))
    recommendation_make(call.process, number="I.2", text="A draft about funding.", area=area(call, "A"), live=False)
    other = ProcessFactory(code="OTHER", name="Another body")
    recommendation_make(other, number="I.9", text="Another body's words.", area=TopicAreaFactory(process=other))
    page = text(client.get(pages["recommendations"].url))
    assert "Develop more tangible outputs." in page and "Rotate the members yearly." in page
    assert page.index("A. ") < page.index("B. ")
    assert "A draft about funding." not in page and "Another body" not in page
    assert client.get(f"{pages['recommendations'].url}I-2/").status_code == 404
    assert client.get(f"{pages['recommendations'].url}I-9/").status_code == 404
    filtered = text(client.get(pages["recommendations"].url, {"topic_area": "B"}))
    assert "Rotate the members yearly." in filtered and "Develop more tangible outputs." not in filtered
    searched = text(client.get(pages["recommendations"].url, {"q": "tangible"}))
    assert "Develop more tangible outputs." in searched and "Rotate" not in searched


def test_a_recommendation_shows_its_alternative_citations_and_tasks(client, call, pages, published):
    cited = published(**{f"answer_{call.questions.first().pk}": "Give the forum a stable budget. Rotate the MAG."})
    passage = passage_create(
        submission=cited, source="answer", excerpt="Give the forum a stable budget.", by=published.admin
    )
    hidden = published()
    recommendation = recommendation_make(call.process, number="I.1", text="Secure stable funding.", live=False)
    recommendation.alternatives.add(Alternative(text="Rely on voluntary contributions only."))
    recommendation.citations.add(Citation(submission=cited, passage=passage))
    recommendation.citations.add(Citation(submission=hidden))
    recommendation.save_revision().publish()
    review_status_set(submission=hidden, status=ReviewStatus.NOT_PUBLISHED, reason="out_of_scope", by=published.admin)
    task_make(recommendation, "I.1-A", status_history=[(TODAY - timedelta(days=3), TaskStatus.ONGOING)])

    page = text(client.get(f"{pages['recommendations'].url}I-1/"))
    assert "Secure stable funding." in page and "Rely on voluntary contributions only." in page
    assert "Give the forum a stable budget." in page and f"{cited.reference}/#passage-{passage.pk}" in page
    assert hidden.reference not in page and "1 further cited input is no longer published." in page
    assert "I.1-A" in page and "Ongoing" in page and "Note ongoing" in page


def test_a_redacted_passage_is_cited_without_its_words(client, call, pages, published):
    cited = published(**{f"answer_{call.questions.first().pk}": "Call Jane Doe on 555-0100. Fund the forum."})
    passage = passage_create(
        submission=cited, source="answer", excerpt="Call Jane Doe on 555-0100.", by=published.admin
    )
    recommendation = recommendation_make(call.process, number="I.1", live=False)
    recommendation.citations.add(Citation(submission=cited, passage=passage))
    recommendation.save_revision().publish()
    passage_redact(passage=passage, reason="personal data", by=published.admin)
    page = text(client.get(f"{pages['recommendations'].url}I-1/"))
    assert "Jane Doe" not in page and "555-0100" not in page


def test_the_tracker_today_at_a_past_date_filtered_and_downloaded(client, call, pages):
    first = recommendation_make(call.process, number="I.1", area=area(call, "A"))
    second = recommendation_make(call.process, number="II.1", area=area(call, "B"))
    draft = recommendation_make(call.process, number="I.2", live=False, area=area(call, "A"))
    task_make(first, "I.1-A", status_history=[(date(2026, 1, 10), "ongoing"), (date(2026, 6, 1), "completed")])
    task_make(second, "II.1-A", body="MAG", due=date(2026, 3, 1), description="=HYPERLINK(1)")
    task_make(draft, "I.2-A")
    Task.objects.filter(code="I.1-A").update(description="Pasted from a word processor:\x0bnew line" + "." * 40000)
    tracker = f"{pages['recommendations'].url}tracker/"

    page = text(client.get(tracker))
    assert "I.1-A" in page and "II.1-A" in page and "I.2-A" not in page
    assert "Completed" in page and "To be started" in page

    earlier = text(client.get(tracker, {"on": "2026-02-01"}))
    assert "Completed</span>" not in earlier and "Ongoing</span>" in earlier

    bali = Milestone.objects.create(process=call.process, code="BALI", name="Before the Bali IGF")
    Task.objects.filter(code="I.1-A").update(milestone=bali)
    before_bali = text(client.get(tracker, {"milestone": "BALI"}))
    assert ">I.1-A</span>" in before_bali and "II.1-A" not in before_bali
    assert 'id="chart-data"' in page and "Tasks in each status at the end of each date" in page

    only_mag = text(client.get(tracker, {"body": "MAG"}))
    assert "II.1-A" in only_mag and ">I.1-A</span>" not in only_mag

    rows = list(csv.reader(io.StringIO(client.get(f"{tracker}download/csv/").getvalue().decode("utf-8-sig"))))
    assert rows[0][0] == "Task code" and {row[0] for row in rows[1:]} == {"I.1-A", "II.1-A"}
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)

    response = client.get(f"{tracker}download/xlsx/", {"status": "completed"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["I.1-A"]
    whole = client.get(f"{tracker}download/xlsx/")
    sheet = load_workbook(io.BytesIO(b"".join(whole.streaming_content))).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I3"
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}
    due = rows["II.1-A"]["Target date"]
    assert due.is_date and due.number_format == "yyyy-mm-dd" and due.value.date() == date(2026, 3, 1)
    assert rows["I.1-A"]["Target date"].value is None
    assert rows["II.1-A"]["Cost"].data_type == "b" and rows["II.1-A"]["Cost"].value is True
    assert rows["I.1-A"]["Status"].data_type == "s" and rows["I.1-A"]["Status"].value == "Completed"
    assert rows["II.1-A"]["Task"].value == "'=HYPERLINK(1) II.1-A"
    pasted = rows["I.1-A"]["Task"].value
    assert pasted.startswith("Pasted from a word processor:new line")  # XML holds no \x0b
    assert len(pasted) == 32767 and pasted.endswith("…")  # the most a cell holds


@pytest.mark.parametrize(
    "query, named",
    [
        ({"status": "finished"}, "Status"),
        ({"topic_area": "ZZ"}, "Topic area"),
        ({"body": "NOBODY"}, "Responsible"),
        ({"on": "yesterday"}, "As of"),
        ({"milestone": "NEVER"}, "Target"),
    ],
)
def test_a_filter_the_tracker_does_not_know_is_named_not_guessed(client, call, pages, query, named):
    for path in ("tracker/", "tracker/download/csv/"):
        response = client.get(f"{pages['recommendations'].url}{path}", query)
        assert response.status_code == 400
        assert named in response.content.decode()


def test_snapshots_are_listed_shown_and_compared(client, call, pages):
    recommendation = recommendation_make(call.process, number="I.1")
    task = task_make(recommendation, "I.1-A", due=date(2026, 2, 1))
    january = snapshot_take(process=call.process, title="Report to CSTD 2026", taken_on=date(2026, 1, 15))
    progress_record(task=task, on=date(2026, 3, 1), status=TaskStatus.ONGOING)
    march = snapshot_take(process=call.process, title="Progress in March", taken_on=date(2026, 3, 2))
    snapshots = f"{pages['recommendations'].url}tracker/snapshots/"

    listing = text(client.get(snapshots))
    assert "Report to CSTD 2026" in listing and "Progress in March" in listing
    assert "To be started" in text(client.get(f"{snapshots}{january.pk}/"))
    compared = text(client.get(snapshots, {"from": january.pk, "to": march.pk}))
    assert "I.1-A" in compared and "Ongoing" in compared and "<td>yes</td>" in compared  # slipped past 1 Feb
    assert client.get(snapshots, {"from": january.pk, "to": "999999"}).status_code == 400
    assert client.get(f"{snapshots}999999/").status_code == 404


def test_meetings_and_members_are_public(client, call, pages):
    meeting = Meeting.objects.create(
        process=call.process, number=3, title="Third meeting", starts_on=date(2026, 5, 6), ends_on=date(2026, 5, 7)
    )
    meeting.agreements.create(topic_area=area(call, "A"), text="More tangible outputs are needed.")
    meeting.summary = "<p>The chair thanked the delegations.</p>"
    meeting.save()
    call.meeting = meeting
    call.save_revision().publish()
    recommendation = recommendation_make(call.process, number="I.1", live=False)
    recommendation.meeting = meeting
    recommendation.save_revision().publish()
    listing = text(client.get(pages["meetings"].url))
    assert "Third meeting" in listing
    page = text(client.get(f"{pages['meetings'].url}3/"))
    assert "More tangible outputs are needed." in page and f"{pages['recommendations'].url}I-1/" in page
    assert "The chair thanked the delegations." in page and f'href="{call.url}"' in page
    assert f'Opened by <a href="{pages["meetings"].url}3/">Third meeting</a>' in text(client.get(call.url))
    assert client.get(f"{pages['meetings'].url}4/").status_code == 404

    Member.objects.create(
        process=call.process, name="Ambassador Example", stakeholder_group=stakeholder_group("GOVERNMENT")
    )
    mandate = MandatePageFactory(parent=pages["meetings"].get_parent(), process=call.process)
    assert "Ambassador Example" in text(client.get(mandate.url))


def test_an_input_page_says_which_published_recommendations_cite_it(client, call, pages, published):
    submission = published()
    live = recommendation_make(call.process, number="I.1", text="Cited and published.", live=False)
    live.citations.add(Citation(submission=submission))
    live.save_revision().publish()
    draft = recommendation_make(call.process, number="I.2", text="Cited in a draft.", live=False)
    draft.citations.add(Citation(submission=submission))
    draft.save_revision()
    page = text(client.get(f"{call.url.replace(call.url, '')}{submission_url(submission)}"))
    assert "How this input was used" in page and "Cited and published." in page
    assert f"{pages['recommendations'].url}I-1/" in page and "Cited in a draft." not in page
    assert "implementation: no tasks yet" in page


def submission_url(submission):
    from reading.compilations import input_index_url

    return f"{input_index_url()}{submission.reference}/"


def test_the_cached_tracker_follows_new_progress(client, call, pages):
    recommendation = recommendation_make(call.process, number="I.1")
    task = task_make(recommendation, "I.1-A")
    tracker = f"{pages['recommendations'].url}tracker/"
    assert "Completed</span>" not in text(client.get(tracker))
    progress_record(task=task, on=TODAY, status=TaskStatus.COMPLETED)
    assert "Completed</span>" in text(client.get(tracker))


def test_the_feed_announces_publications_and_progress(client, call, pages):
    import feedparser

    from tests.atom import atom_checked, atom_complete

    call.process.body = "Commission on Science and Technology for Development"
    call.process.save()
    recommendation = recommendation_make(call.process, number="I.1", text="Use <tables> & lists.")
    task_make(recommendation, "I.1-A", status_history=[(TODAY, TaskStatus.COMPLETED)])
    recommendation_make(call.process, number="I.2", text="Only a draft.", live=False)
    response = client.get(f"{pages['recommendations'].url}feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    atom_complete(atom_checked(response.content))
    feed = feedparser.parse(response.content)
    assert feed.feed.author == "Commission on Science and Technology for Development"
    assert {entry.author for entry in feed.entries} == {feed.feed.author}
    published = next(entry for entry in feed.entries if entry.title.startswith("Published: I.1"))
    assert published.summary_detail.type == "text/plain" and published.summary == "Use <tables> & lists."
    titles = [entry.title for entry in feed.entries]
    assert "I.1-A: Completed" in titles and any(title.startswith("Published: I.1") for title in titles)
    assert not any("I.2" in title for title in titles)
    assert {entry.link for entry in feed.entries} == {f"http://testserver{pages['recommendations'].url}I-1/"}
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids)


def test_the_sitemap_lists_the_published_recommendations_and_the_tracker(client, call, pages):
    recommendation_make(call.process, number="I.1")
    recommendation_make(call.process, number="I.2", live=False)
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    base = "http://testserver" + pages["recommendations"].url  # the host the sitemap was asked from
    assert f"<loc>{base}I-1/</loc>" in sitemap and f"<loc>{base}tracker/</loc>" in sitemap
    assert f"{base}I-2/" not in sitemap


def test_the_recommendations_report_as_pdf_and_docx(client, call, pages, published, settings):
    from pypdf import PdfReader

    from tests.document_checks import docx_checked, pdf_ua_checked

    recommendation = recommendation_make(call.process, number="I.1", text="Develop more tangible outputs.", live=False)
    recommendation.alternatives.add(Alternative(text="Keep the outputs as they are."))
    cited = published()
    recommendation.citations.add(Citation(submission=cited))
    recommendation.save_revision().publish()
    task_make(recommendation, "I.1-A", status_history=[(TODAY, TaskStatus.ONGOING)])
    recommendation_make(call.process, number="I.2", text="Only a draft.", live=False)
    recommendation_make(call.process, number="II.1", text="Rotate the members.", area=area(call, "B"))
    report = f"{pages['recommendations'].url}document/"

    pdf = client.get(f"{report}pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    tags = pdf_ua_checked(
        pdf.content, language="en", title="Recommendations: Working Group", author=settings.WAGTAIL_SITE_NAME
    )
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/BlockQuote", "/Link"} <= tags, tags
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Develop more tangible outputs." in words and "Keep the outputs as they are." in words
    assert "I.1-A" in words and "Ongoing" in words and "Only a draft." not in words
    assert cited.reference in words and "Rotate the members." in words
    only_a = client.get(f"{report}pdf/", {"topic_area": "A"})
    words_a = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(only_a.content)).pages)
    assert "Develop more tangible outputs." in words_a and "Rotate the members." not in words_a
    assert client.get(f"{report}pdf/", {"topic_area": "ZZ"}).status_code == 400

    docx = docx_checked(
        client.get(f"{report}docx/").content,
        title="Recommendations: Working Group",
        author=settings.WAGTAIL_SITE_NAME,
        language="en",
    )
    paragraphs = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    assert "Develop more tangible outputs." in paragraphs and "Only a draft." not in paragraphs
    links = [rel.target_ref for rel in docx.part.rels.values() if rel.is_external]
    assert any(link.endswith(f"/{cited.reference}/") for link in links)  # the input cited by its reference
    assert "Ongoing" in cells
    assert client.get(f"{report}odt/").status_code == 404
