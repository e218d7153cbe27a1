"""Counts of published inputs, and the statistics page's tables built from them."""

import csv
import io

from django.db.models import Count
from django.http import HttpResponse

from reference.models import RegionalGroup, StakeholderGroup, TopicArea
from review.publication import published_submissions


def published_statistics() -> dict:
    """Counts of published inputs by stakeholder group, regional group and topic area, and their full table.

    An input mapped to several topic areas counts once in each; inputs without a country count under None.
    """
    published = published_submissions().order_by()

    def counted(*fields):
        return list(published.values(*fields).annotate(count=Count("pk", distinct=True)).order_by(*fields))

    def by(field):
        return [{"code": row[field], "count": row["count"]} for row in counted(field)]

    table = counted("stakeholder_group__code", "mappings__topic_area__code", "country__regional_group__code")
    return {
        "total": published.count(),
        "by_stakeholder_group": by("stakeholder_group__code"),
        "by_regional_group": by("country__regional_group__code"),
        "by_topic_area": by("mappings__topic_area__code"),
        "table": [
            {
                "stakeholder_group": row["stakeholder_group__code"],
                "topic_area": row["mappings__topic_area__code"],
                "regional_group": row["country__regional_group__code"],
                "count": row["count"],
            }
            for row in table
        ],
    }


def names(model, field="name") -> dict:
    return {row["code"]: row[field] for row in model.objects.values("code", field)}


def statistics_tables(stats: dict) -> dict:
    """Named rows per dimension, and the stakeholder group × topic area matrix (over all regions)."""
    groups, areas, regions = names(StakeholderGroup), names(TopicArea, "title"), names(RegionalGroup)
    area_codes = sorted({row["topic_area"] for row in stats["table"] if row["topic_area"]})
    matrix = {}
    for row in stats["table"]:
        if row["topic_area"]:
            cells = matrix.setdefault(row["stakeholder_group"], dict.fromkeys(area_codes, 0))
            cells[row["topic_area"]] += row["count"]
    return {
        "total": stats["total"],
        "by_stakeholder_group": [
            (groups.get(row["code"], row["code"]), row["count"]) for row in stats["by_stakeholder_group"]
        ],
        "by_regional_group": [(regions.get(row["code"], "—"), row["count"]) for row in stats["by_regional_group"]],
        "by_topic_area": [
            (f"{row['code']}. {areas.get(row['code'], '')}", row["count"])
            for row in stats["by_topic_area"]
            if row["code"]
        ],
        "area_codes": area_codes,
        "matrix": [(groups.get(code, code), [cells[area] for area in area_codes]) for code, cells in matrix.items()],
        "chart": {
            "labels": area_codes,
            "series": [
                {"label": groups.get(code, code), "data": [cells[area] for area in area_codes]}
                for code, cells in matrix.items()
            ],
        },
    }


def statistics_csv(stats: dict) -> HttpResponse:
    """The full table (stakeholder group × topic area × regional group) as CSV with a byte-order mark."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(["stakeholder_group", "topic_area", "regional_group", "count"])
    for row in stats["table"]:
        writer.writerow([row["stakeholder_group"], row["topic_area"] or "", row["regional_group"] or "", row["count"]])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statistics.csv"'
    return response
