"""The statistics page's tables, built from `review.selectors.published_statistics`."""

import csv
import io

from django.http import HttpResponse

from reference.models import RegionalGroup, StakeholderGroup, TopicArea


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
