"""The published facts: one narrow row per published input (`PublishedFact`) and the number of published inputs
per filter value and per pair of values (`PublishedCount`), kept in step with publication inside the
publishing transaction, so that the listing pages and counts by filter read small tables instead of joining
inputs, reviews and mappings.

A fact is what `review.publication.published_submissions()` says, computed in SQL from the same rules
(`FACTS_SELECT`), for one input (`published_fact_refresh`, from review's `publication_changed`) or for all of
them at once (`published_facts_rebuild`, for the deployment's backfill and bulk data).

SQL is put together here from the models' table and column names only; every value is a parameter.
"""
# ruff: noqa: S608

from django.db import connection, transaction
from django.db.models import QuerySet

from review.models import Mapping, Review, ReviewStatus
from submissions.models import PublicationChoice, Submission, SubmissionStatus

from .models import PublishedCount, PublishedFact, PublishedFactGroup

FACT_COLUMNS = [
    "submission_id",
    "call_id",
    "stakeholder_group_id",
    "country_id",
    "regional_group_id",
    "language",
    "official",
    "topic_areas",
    "sub_topics",
]


# Filter name → its column in PublishedFact; topic areas and sub-topics are arrays of the ids mapped.
FACET_COLUMNS = {
    "call": "call_id",
    "stakeholder_group": "stakeholder_group_id",
    "regional_group": "regional_group_id",
    "country": "country_id",
    "language": "language",
    "topic_area": "topic_areas",
    "sub_topic": "sub_topics",
}
ARRAY_FACETS = ("topic_area", "sub_topic")


def facts_select(*, one: bool) -> str:
    """The facts of the published inputs (of one input, `%s`, when `one`), in FACT_COLUMNS order."""
    from reference.models import Country

    submission, review, mapping, country = (
        Submission._meta.db_table,
        Review._meta.db_table,
        Mapping._meta.db_table,
        Country._meta.db_table,
    )
    only = "AND s.id = %s" if one else ""
    mapped_only = "WHERE m.submission_id = %s" if one else ""
    return f"""
        SELECT s.id, s.call_id, s.stakeholder_group_id, s.country_id, c.regional_group_id, s.language,
               s.official_verified,
               COALESCE(m.topic_areas, '{{}}'), COALESCE(m.sub_topics, '{{}}')
        FROM {submission} s
        JOIN {review} r ON r.submission_id = s.id
        LEFT JOIN {country} c ON c.id = s.country_id
        LEFT JOIN (
            SELECT m.submission_id,
                   array_agg(DISTINCT m.topic_area_id) AS topic_areas,
                   array_agg(DISTINCT m.sub_topic_id) FILTER (WHERE m.sub_topic_id IS NOT NULL) AS sub_topics
            FROM {mapping} m {mapped_only}
            GROUP BY m.submission_id
        ) m ON m.submission_id = s.id
        WHERE s.status = %s AND r.status = %s AND s.publication <> %s {only}
    """


def published_params(*, one: int | None = None) -> list:
    rules = [SubmissionStatus.RECEIVED.value, ReviewStatus.PUBLISHED.value, PublicationChoice.PRIVATE.value]
    return [one, *rules, one] if one is not None else rules


def items_select(source: str) -> str:
    """Each (facet, value) a fact of `source` (a subquery with FACT_COLUMNS, a `weight` and a `key` telling one
    fact from another) counts in: its call, group, country, regional group, language, "official" when
    verified, each topic area and sub-topic mapped (once each)."""
    first = f"SELECT key, weight, 'call' AS facet, call_id::text AS value FROM {source} f"
    return " UNION ALL ".join(
        [
            first,
            f"SELECT key, weight, 'stakeholder_group', stakeholder_group_id::text FROM {source} f",
            f"SELECT key, weight, 'country', country_id::text FROM {source} f WHERE country_id IS NOT NULL",
            f"SELECT key, weight, 'regional_group', regional_group_id::text FROM {source} f "
            "WHERE regional_group_id IS NOT NULL",
            f"SELECT key, weight, 'language', language FROM {source} f",
            f"SELECT key, weight, 'official', '1' FROM {source} f WHERE official",
            f"SELECT key, weight, 'topic_area', t::text FROM {source} f, unnest(f.topic_areas) t",
            f"SELECT key, weight, 'sub_topic', t::text FROM {source} f, unnest(f.sub_topics) t",
        ]
    )


def counts_from(items: str, source: str = "") -> str:
    """Rows of PublishedCount for `items`: each value alone (given nothing) and each value given one value of
    another facet of the same fact. `source`, if given, is computed once as `src`, which `items` may read."""
    once = f"src AS MATERIALIZED ({source})," if source else ""
    return f"""
        WITH {once} items AS MATERIALIZED ({items})
        SELECT '' AS given_facet, '' AS given_value, facet, value, sum(weight) AS count FROM items
        GROUP BY facet, value
        UNION ALL
        SELECT a.facet, a.value, b.facet, b.value, sum(b.weight) FROM items a JOIN items b
            ON a.key = b.key AND a.facet <> b.facet
        GROUP BY a.facet, a.value, b.facet, b.value
    """


def published_fact_refresh(submission_id: int) -> bool:
    """Make the input's fact (and the counts) say what publication says now, in the caller's transaction;
    True when something changed."""
    if connection.vendor != "postgresql":
        return False  # the embedded SQLite of `make run` reads the listing straight from the inputs
    table, columns = PublishedFact._meta.db_table, ", ".join(FACT_COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} WHERE submission_id = %s FOR UPDATE", [submission_id])
        old = cursor.fetchone()
        cursor.execute(facts_select(one=True), published_params(one=submission_id))
        new = cursor.fetchone()
        if old == new:
            return False
        # the counts lose what the old fact counted in and gain what the new one counts in
        sources, params = [], []
        if old is not None:
            sources.append(f"SELECT 0 AS key, -1 AS weight, {columns} FROM {table} WHERE submission_id = %s")
            params.append(submission_id)
        if new is not None:
            sources.append(f"SELECT 1 AS key, 1 AS weight, n.* FROM ({facts_select(one=True)}) n ({columns})")
            params += published_params(one=submission_id)
        counts_change(cursor, " UNION ALL ".join(sources), params)
        groups_change(cursor, [(old, -1)] * (old is not None) + [(new, 1)] * (new is not None))
        cursor.execute(f"DELETE FROM {table} WHERE submission_id = %s", [submission_id])
        if new is not None:
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(new))})", new)
    return True


def counts_change(cursor, source: str, params: list) -> None:
    """Add the (signed) weights of the facts of `source` (computed once) to the counts, in one statement whose
    rows are locked in key order (so that two publications at once never wait on each other in a circle)."""
    counts = PublishedCount._meta.db_table
    cursor.execute(
        f"""
        INSERT INTO {counts} (given_facet, given_value, facet, value, count)
        SELECT given_facet, given_value, facet, value, sum(count) FROM ({counts_from(items_select("src"), source)}) c
        GROUP BY given_facet, given_value, facet, value HAVING sum(count) <> 0
        ORDER BY given_facet, given_value, facet, value
        ON CONFLICT (given_facet, given_value, facet, value)
        DO UPDATE SET count = {counts}.count + EXCLUDED.count
        """,
        params,
    )


def groups_change(cursor, changes: list[tuple[tuple, int]]) -> None:
    """Add each fact's weight to the count of its group (its facts but the input's id), in key order."""
    groups, columns = PublishedFactGroup._meta.db_table, ", ".join(FACT_COLUMNS[1:])
    types = ["int", "int", "int", "int", "varchar", "bool", "int[]", "int[]", "int"]
    row = "(" + ", ".join(f"%s::{kind}" for kind in types) + ")"
    cursor.execute(
        f"""
        INSERT INTO {groups} ({columns}, count)
        SELECT * FROM (VALUES {", ".join([row] * len(changes))}) v ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
        ON CONFLICT ON CONSTRAINT published_fact_group_unique DO UPDATE SET count = {groups}.count + EXCLUDED.count
        """,
        [value for fact, weight in changes for value in (*fact[1:], weight)],
    )


def published_facts_rebuild() -> int:
    """Compute every fact and count again from the inputs, reviews and mappings (a deployment's backfill, bulk
    data); the number of published inputs."""
    if connection.vendor != "postgresql":
        return 0
    table, columns = PublishedFact._meta.db_table, ", ".join(FACT_COLUMNS)
    counts = PublishedCount._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {table}, {counts} IN EXCLUSIVE MODE")  # readers go on; writers wait
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(f"INSERT INTO {table} ({columns}) {facts_select(one=False)}", published_params())
        rows = cursor.rowcount
        groups = PublishedFactGroup._meta.db_table
        cursor.execute(f"DELETE FROM {groups}")
        grouped = ", ".join(FACT_COLUMNS[1:])
        cursor.execute(
            f"INSERT INTO {groups} ({grouped}, count) SELECT {grouped}, count(*) FROM {table} GROUP BY {grouped}"
        )
        cursor.execute(f"DELETE FROM {counts}")
        source = f"(SELECT submission_id AS key, 1 AS weight, {columns} FROM {table})"
        cursor.execute(
            f"INSERT INTO {counts} (given_facet, given_value, facet, value, count) {counts_from(items_select(source))}"
        )
    with connection.cursor() as cursor:
        # VACUUM sets the rows' hint bits and visibility once, rather than on the first readers' pages
        verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        for name in (table, counts, groups):
            cursor.execute(f"{verb} {name}")
    return rows


def facts_counted(facts: QuerySet, names: list[str]) -> list[tuple[str, str, int]]:
    """(filter, value, inputs) for each filter of `names` over `facts` (of PublishedFact, or of PublishedFactGroup
    whose rows weigh their `count`), in one query."""
    weight = "coalesce(sum(count), 0)" if facts.model is PublishedFactGroup else "count(*)"
    columns = ["official" if name == "official" else FACET_COLUMNS[name] for name in names]
    weighed = ["count"] if facts.model is PublishedFactGroup else []
    sql, params = facts.order_by().values(*set(columns), *weighed).query.sql_with_params()
    parts = []
    for name, column in zip(names, columns, strict=True):
        if name == "official":
            parts.append(f"SELECT 'official', '1', {weight} FROM f WHERE official")
        elif name in ARRAY_FACETS:
            parts.append(f"SELECT '{name}', v::text, {weight} FROM f, unnest(f.{column}) v GROUP BY 2")
        else:
            parts.append(f"SELECT '{name}', {column}::text, {weight} FROM f WHERE {column} IS NOT NULL GROUP BY 2")
    with connection.cursor() as cursor:
        cursor.execute(f"WITH f AS MATERIALIZED ({sql}) {' UNION ALL '.join(parts)}", params)
        return cursor.fetchall()
