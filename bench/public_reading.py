"""The public reading with many published inputs: listing pages, filters with their counts, search, an
input's page, statistics, the feed, a compilation page and the API, rendered (cache cleared) and cached;
then a topic's compilation built as PDF and DOCX."""

import os
import random
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.data import published_inputs_generate
from home.models import CallPage
from reference.models import Country, StakeholderGroup, SubTopic, TopicArea
from review.models import Mapping, Passage, Review, ReviewStatus
from submissions.models import Answer, Submission, SubmissionStatus

ROWS = int(os.environ.get("BENCH_PUBLIC_ROWS", "100000"))
COMPILATION_ROWS = int(os.environ.get("BENCH_COMPILATION_INPUTS", "1000"))
VOCABULARY = {  # words drawn at random for the generated answers
    "en": "forum funding secretariat participation outcomes hubs donors mandate capacity linkages messages",
    "fr": "forum financement secrétariat participation résultats pôles donateurs mandat capacités liens",
    "es": "foro financiación secretaría participación resultados centros donantes mandato capacidad",
    "ru": "форум финансирование секретариат участие результаты доноры мандат потенциал связи",
    "ar": "المنتدى التمويل الأمانة المشاركة النتائج المانحين الولاية القدرات الروابط",
    "zh-hans": " ".join("论坛资金秘书处参与成果捐助者任务能力联系海洋治理"),
}
WORDS = {language: words.split() for language, words in VOCABULARY.items()}
CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic", "zh-hans": "simple"}


def published_inputs_create(rows: int, prefix: str, *, topic_area=None) -> None:
    """`rows` published inputs with their answers, reviews (and public search text) and mappings: generated
    inside PostgreSQL (bench.data), or through the ORM on SQLite."""
    if connection.vendor == "postgresql":
        published_inputs_generate(rows, prefix, topic_area=topic_area)
        return
    call = CallPage.objects.get(slug="improvements-to-the-igf")
    question = call.questions.first()
    groups = list(StakeholderGroup.objects.filter(locale=call.locale))
    countries = list(Country.objects.all())
    areas = [topic_area] if topic_area else list(TopicArea.objects.filter(process=call.process, locale=call.locale))
    sub_topics = {area.pk: list(SubTopic.objects.filter(topic_area=area)) for area in areas}
    admin = get_user_model().objects.filter(is_superuser=True).first()
    rng, now = random.Random(prefix), timezone.now()
    languages = list(WORDS)
    for start in range(0, rows, 5000):
        batch = []
        for n in range(start, min(start + 5000, rows)):
            language = rng.choices(languages, weights=[50, 15, 15, 8, 6, 6])[0]
            official = rng.random() < 0.2
            batch.append(
                Submission(
                    call=call,
                    reference=f"{prefix}-{n:07d}",
                    status=SubmissionStatus.RECEIVED,
                    confirmed_at=now,
                    stakeholder_group=rng.choice(groups),
                    country=rng.choice(countries) if rng.random() < 0.8 else None,
                    is_official=official,
                    official_verified=official and rng.random() < 0.8,
                    contact_name="Bench",
                    contact_email="bench@example.org",
                    language=language,
                    publication=rng.choice(["named", "anonymous"]),
                    privacy_notice_version="bench",
                    fingerprint="0" * 64,
                    submitted_at=now,
                )
            )
        Submission.objects.bulk_create(batch)
        texts = {
            item.pk: ("" if item.language == "zh-hans" else " ").join(rng.choices(WORDS[item.language], k=40))
            for item in batch
        }
        for item in batch[::200]:  # a word that one input in two hundred uses, as real searches are
            texts[item.pk] += " captioning" if item.language != "zh-hans" else "字幕"
        answers = Answer.objects.bulk_create(
            Answer(submission=item, question=question, text=texts[item.pk]) for item in batch
        )
        Review.objects.bulk_create(
            Review(
                submission=item,
                status=ReviewStatus.PUBLISHED,
                published_at=now - timedelta(seconds=rows - item.pk % rows),
                public_text=f"{question.text}\n{texts[item.pk]}",
            )
            for item in batch
        )
        passages = Passage.objects.bulk_create(
            Passage(
                submission_id=answer.submission_id,
                source="answer",
                answer=answer,
                start=0,
                end=len(answer.text[:60]),
                text=answer.text[:60],
                created_by=admin,
            )
            for answer in answers[::2]
        )
        passage_of = {passage.submission_id: passage for passage in passages}
        mappings = []
        for item in batch:
            area = rng.choice(areas)
            subs = sub_topics[area.pk]
            passage = passage_of.get(item.pk)
            mappings.append(
                Mapping(
                    submission=item,
                    passage=passage,
                    topic_area=area,
                    sub_topic=rng.choice(subs) if passage and subs else None,
                    created_by=admin,
                )
            )
        Mapping.objects.bulk_create(mappings)
    if connection.vendor == "postgresql":
        from reading.search import public_index

        chinese = Review.objects.filter(submission__reference__startswith=f"{prefix}-", submission__language="zh-hans")
        for review in chinese.select_related("submission"):
            public_index(review, review.public_text)  # with its pairs of characters, as publishing does
        with connection.cursor() as cursor:
            for language, config in CONFIGS.items():
                if language == "zh-hans":
                    continue
                cursor.execute(
                    "UPDATE review_review AS r SET public_vector = to_tsvector(%s::regconfig, r.public_text) "
                    "FROM submissions_submission AS s WHERE s.id = r.submission_id AND s.reference LIKE %s "
                    "AND s.language = %s",
                    [config, f"{prefix}-%", language],
                )
            cursor.execute("ANALYZE")


def measured(client: Client, url: str, params: dict, *, cached: bool) -> tuple[float, int]:
    """Milliseconds and queries of one request; the cache cleared first unless `cached`."""
    client.get(url, params)
    if not cached:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, params)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, params, response.status_code)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return 1000 * elapsed, len(queries)


def compilation_build_timed(kind: str) -> tuple[float, int, int]:
    from reading.compilation_documents import BUILDERS
    from reading.compilations import Scope

    area = TopicArea.objects.get(code="E", process__code="WGIGF")
    started = time.perf_counter()
    content = BUILDERS[kind](Scope(topic_area=area), "en", lambda done: None)
    return time.perf_counter() - started, len(content), Scope(topic_area=area).inputs().count()


def run():
    started = time.perf_counter()
    published_inputs_create(ROWS, "PUB")
    print(f"\npublic reading: {ROWS} published inputs created in {time.perf_counter() - started:.1f} s")
    oldest = Submission.objects.filter(reference__startswith="PUB-").order_by("pk").values_list("pk", flat=True)
    deep = oldest[40]
    reference = Submission.objects.filter(reference__startswith="PUB-").order_by("pk").last().reference
    client = Client(SERVER_NAME="localhost")
    cases = [
        ("listing: page 1", "/en/inputs/", {}),
        ("listing: last page (keyset)", "/en/inputs/", {"before": deep}),
        ("listing: oldest first", "/en/inputs/", {"sort": "oldest"}),
        ("filter: country", "/en/inputs/", {"country": "BRA"}),
        ("filter: topic area + group", "/en/inputs/", {"topic_area": "B", "stakeholder_group": "GOVERNMENT"}),
        ("filter: sub-topic", "/en/inputs/", {"sub_topic": "A.1"}),
        ("filter: language", "/en/inputs/", {"language": "ru"}),
        ("search: a rare word", "/en/inputs/", {"q": "captioning"}),
        ("search: two common words", "/en/inputs/", {"q": "donors hubs"}),
        ("search: stemmed French", "/en/inputs/", {"q": "financements"}),
        ("search: Chinese word", "/en/inputs/", {"q": "字幕"}),
        ("input page", f"/en/inputs/{reference}/", {}),
        ("statistics", "/en/inputs/statistics/", {}),
        ("feed", "/en/inputs/feed/", {}),
        ("compilation page, topic A", "/en/topics/A/compilation/", {}),
        ("API: inputs, 50", "/api/v1/inputs", {}),
        ("API: inputs, topic B", "/api/v1/inputs", {"topic_area": "B"}),
    ]
    print(f"  {'':34} {'rendered':>10} {'queries':>8} {'cached':>10} {'queries':>8}")
    for name, url, params in cases:
        rendered, rendered_queries = measured(client, url, params, cached=False)
        hit, hit_queries = measured(client, url, params, cached=True)
        print(f"  {name:34} {rendered:7.0f} ms {rendered_queries:8d} {hit:7.1f} ms {hit_queries:8d}")

    area = TopicArea.objects.get(code="E", process__code="WGIGF")
    Mapping.objects.filter(topic_area=area).delete()
    published_inputs_create(COMPILATION_ROWS, "CMP", topic_area=area)
    for kind in ("docx", "pdf"):
        seconds, size, inputs = compilation_build_timed(kind)
        print(f"  compilation of topic E, {inputs} inputs, {kind}: {seconds:.1f} s, {size / 1e6:.1f} MB")
