"""Published inputs generated inside PostgreSQL (INSERT … SELECT over generate_series): a million in minutes.

Each input has one answer, a published review with its public text and public search vector (Chinese also as
pairs of characters, as `reading.search.public_index` does) and the reviewers' search vector, a passage for one
input in two, and one mapping to a topic area (with a sub-topic where it has a passage). Choices are drawn
from a hash of the row number, so the same size gives the same data. A column this module does not name is
filled with its model field's default, so a column added to a model later needs no change here (unless it
has no default: then the generator names it and stops).
"""

import time

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction

from reference.models import Country, StakeholderGroup, SubTopic, TopicArea
from review.models import Mapping, Passage, Review, ReviewStatus
from submissions.models import Answer, Submission, SubmissionStatus, call_page_model

CALL_SLUG = "improvements-to-the-igf"
VOCABULARY = {  # words drawn for the generated answers, and the text-search configuration of each language
    "en": (
        "english",
        "forum funding secretariat participation outcomes hubs donors mandate capacity linkages messages",
    ),
    "fr": ("french", "forum financement secrétariat participation résultats pôles donateurs mandat capacités liens"),
    "es": ("spanish", "foro financiación secretaría participación resultados centros donantes mandato capacidad"),
    "ru": ("russian", "форум финансирование секретариат участие результаты доноры мандат потенциал связи"),
    "ar": ("arabic", "المنتدى التمويل الأمانة المشاركة النتائج المانحين الولاية القدرات الروابط"),
    "zh-hans": ("simple", " ".join("论坛资金秘书处参与成果捐助者任务能力联系海洋治理")),
}
LANGUAGE_SHARES = [("en", 0.50), ("fr", 0.65), ("es", 0.80), ("ru", 0.88), ("ar", 0.94), ("zh-hans", 1.0)]
RARE = {"zh-hans": "字幕"}  # a word that one input in two hundred uses, as real searches are
RARE_WORD = "captioning"
NOT_CJK = f"[^{chr(0x3400)}-{chr(0x9FFF)}{chr(0xF900)}-{chr(0xFAFF)}]+"


def draw(row: str, salt: int) -> str:
    """SQL for a number in [0, 1) drawn from the hash of the integer expression `row`."""
    return f"((hashint8extended(({row})::bigint, {salt}) & 2147483647)::float8 / 2147483648)"


def pick(array: str, row: str, salt: int) -> str:
    """SQL for one element of the SQL array `array`, drawn by `row`."""
    return f"({array})[1 + floor({draw(row, salt)} * cardinality({array}))::int]"


def insert_select(model, columns: dict[str, str], source: str, params: dict, steps: dict | None = None) -> int:
    """INSERT INTO the model's table the rows of `SELECT <columns> <source>`; the columns not given get
    their field's default (now() for auto_now fields, a random UUID for UUID fields)."""
    values = dict(columns)
    for field in model._meta.concrete_fields:
        if field.column in values or field.primary_key:
            continue  # given, or an automatic id
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values[field.column] = "now()"
        elif isinstance(field, models.UUIDField):
            values[field.column] = "gen_random_uuid()"
        elif (default := field.get_default()) is not None:
            key = f"default_{field.column}"
            params[key] = field.get_db_prep_save(default, connection)
            values[field.column] = f"%({key})s::{field.db_type(connection)}"
        elif field.null:
            values[field.column] = "NULL"
        else:
            raise ValueError(f"bench/data.py does not know how to fill {model._meta.db_table}.{field.column}")
    names = ", ".join(connection.ops.quote_name(name) for name in values)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # A GIN index is built far faster at once than row by row: dropped here, created again after.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s "
            "AND indexdef LIKE '%%USING gin%%'",
            [model._meta.db_table],
        )
        gin = cursor.fetchall()
        for name, _ in gin:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        cursor.execute(
            f"INSERT INTO {model._meta.db_table} ({names}) SELECT {', '.join(values.values())} {source}", params
        )
        inserted = cursor.rowcount
        if gin:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # an index is not built over pending checks
        for _, definition in gin:
            cursor.execute(definition)
    if steps is not None:
        steps[model._meta.db_table] = round(time.perf_counter() - started, 1)
    return inserted


def published_inputs_generate(rows: int, prefix: str = "PUB", *, topic_area=None, steps: dict | None = None) -> float:
    """`rows` published inputs referenced `<prefix>-0000000`…, into the demo's open call; seconds taken (and
    those of each table in `steps`, when given)."""
    if connection.vendor != "postgresql":
        raise RuntimeError("published_inputs_generate needs PostgreSQL")
    started = time.perf_counter()
    call = call_page_model().objects.get(slug=CALL_SLUG, locale__language_code="en")
    question = call.questions.first()
    areas = [topic_area] if topic_area else list(TopicArea.objects.filter(process=call.process, locale=call.locale))
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        admin = get_user_model().objects.create_superuser("bench", "bench@example.org", None)
    params = {
        "prefix": f"{prefix}-",
        "rows": rows,
        "call": call.pk,
        "question": question.pk,
        "question_text": question.text,
        "admin": admin.pk,
        "groups": list(StakeholderGroup.objects.filter(locale=call.locale).values_list("pk", flat=True)),
        "countries": list(Country.objects.values_list("pk", flat=True)),
        "not_cjk": NOT_CJK,
        "rare": RARE_WORD,
    }
    language = "CASE " + " ".join(
        f"WHEN {draw('g', 3)} < {share} THEN '{code}'" for code, share in LANGUAGE_SHARES[:-1]
    )
    language += f" ELSE '{LANGUAGE_SHARES[-1][0]}' END"
    official = f"{draw('g', 4)} < 0.2"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_words (language text PRIMARY KEY, config regconfig, words text[], joiner text, "
            "rare text) ON COMMIT DROP"
        )
        for code, (config, words) in VOCABULARY.items():
            joiner = "" if code == "zh-hans" else " "
            cursor.execute(
                "INSERT INTO bench_words VALUES (%s, %s::regconfig, %s, %s, %s)",
                [code, config, words.split(), joiner, " " + RARE.get(code, RARE_WORD)],
            )
        cursor.execute(
            "CREATE TEMP TABLE bench_areas (n int PRIMARY KEY, area bigint, sub_topics bigint[]) ON COMMIT DROP"
        )
        for n, area in enumerate(areas):
            subs = list(SubTopic.objects.filter(topic_area=area).values_list("pk", flat=True))
            cursor.execute("INSERT INTO bench_areas VALUES (%s, %s, %s::bigint[])", [n, area.pk, subs])
        insert_select(
            Submission,
            {
                "reference": "%(prefix)s || lpad(g::text, 7, '0')",
                "status": f"'{SubmissionStatus.RECEIVED}'",
                "call_id": "%(call)s",
                "confirmed_at": "now()",
                "submitted_at": "now()",
                "stakeholder_group_id": pick("%(groups)s::bigint[]", "g", 1),
                "country_id": f"CASE WHEN {draw('g', 2)} < 0.8 THEN {pick('%(countries)s::bigint[]', 'g', 5)} END",
                "is_official": official,
                "official_verified": f"{official} AND {draw('g', 6)} < 0.8",
                "contact_name": "'Bench'",
                "contact_email": "'bench@example.org'",
                "language": language,
                "publication": f"CASE WHEN {draw('g', 7)} < 0.5 THEN 'named' ELSE 'anonymous' END",
                "privacy_notice_version": "'bench'",
                "fingerprint": "repeat('0', 64)",
            },
            "FROM generate_series(0, %(rows)s - 1) AS g ORDER BY g",
            params,
            steps,
        )
        words = (
            "(SELECT array_to_string(array_agg(w.words[1 + floor("  # noqa: S608 (constants only)
            f"{draw('s.id * 64 + k', 8)} * cardinality(w.words))::int]), w.joiner) "
            "FROM generate_series(1, 40) AS k) || CASE WHEN s.id %% 200 = 0 THEN w.rare ELSE '' END"
        )
        insert_select(
            Answer,
            {"submission_id": "s.id", "question_id": "%(question)s", "text": words},
            "FROM submissions_submission AS s JOIN bench_words AS w ON w.language = s.language "
            "WHERE s.reference LIKE %(prefix)s || '%%'",
            params,
            steps,
        )
        public_text = "%(question_text)s || E'\\n' || a.text"
        bigrams = (
            "(SELECT coalesce(string_agg(substr(run, i, 2), ' '), '') FROM regexp_split_to_table(a.text, "
            "%(not_cjk)s) AS run, generate_series(1, greatest(char_length(run) - 1, 1)) AS i WHERE run <> '')"
        )
        insert_select(
            Review,
            {
                "submission_id": "s.id",
                "status": f"'{ReviewStatus.PUBLISHED}'",
                "published_at": "now() - make_interval(secs => %(rows)s - s.id %% %(rows)s)",
                "public_text": public_text,
                "public_vector": f"to_tsvector(w.config, {public_text}) || CASE WHEN s.language = 'zh-hans' "
                f"THEN to_tsvector('simple', {bigrams}) ELSE ''::tsvector END",
                "search_vector": "to_tsvector('simple', s.reference || ' ' || s.organisation || ' ' || a.text)",
            },
            "FROM submissions_submission AS s JOIN submissions_answer AS a ON a.submission_id = s.id "
            "JOIN bench_words AS w ON w.language = s.language WHERE s.reference LIKE %(prefix)s || '%%'",
            params,
            steps,
        )
        insert_select(
            Passage,
            {
                "submission_id": "a.submission_id",
                "source": "'answer'",
                "answer_id": "a.id",
                "start": "0",
                "end": "char_length(left(a.text, 60))",
                "text": "left(a.text, 60)",
                "created_by_id": "%(admin)s",
            },
            "FROM submissions_answer AS a JOIN submissions_submission AS s ON s.id = a.submission_id "
            "WHERE s.reference LIKE %(prefix)s || '%%' AND s.id %% 2 = 0",
            params,
            steps,
        )
        area_of = f"floor({draw('s.id', 9)} * (SELECT count(*) FROM bench_areas))::int"  # noqa: S608
        insert_select(
            Mapping,
            {
                "submission_id": "s.id",
                "passage_id": "p.id",
                "topic_area_id": "ba.area",
                "sub_topic_id": f"CASE WHEN p.id IS NOT NULL AND cardinality(ba.sub_topics) > 0 "
                f"THEN {pick('ba.sub_topics', 's.id', 10)} END",
                "created_by_id": "%(admin)s",
            },
            f"FROM submissions_submission AS s JOIN bench_areas AS ba ON ba.n = {area_of} "
            "LEFT JOIN review_passage AS p ON p.submission_id = s.id "
            f"WHERE s.reference LIKE %(prefix)s || '%%'",
            params,
            steps,
        )
    with connection.cursor() as cursor:
        for model in (Submission, Answer, Review, Passage, Mapping):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return time.perf_counter() - started
