"""Participation balance: confirmed inputs counted in every cell of topic area × stakeholder group ×
regional group, totals included, and the cells under their target.

A cell is a key `(topic, group, region)` of codes, where `ANY` (None) stands for "any" (a total). An input
without a region (no country, e.g. an intergovernmental organisation) has the region `NO_REGION`; one
without a topic area yet has the topic `NO_TOPIC`. Each input counts once in every cell it belongs to,
so an input on two topic areas counts in both, and once in the "any topic area" cells.
"""

from collections import Counter
from dataclasses import dataclass, field

ANY = None
NO_REGION = ""
NO_TOPIC = ""


@dataclass(frozen=True)
class BalanceInput:
    group: str
    region: str  # NO_REGION when the input names no country
    topics: frozenset[str] = field(default_factory=frozenset)


def balance_counts(inputs) -> Counter:
    """Every cell (totals included) with the number of inputs in it."""
    counts = Counter()
    for item in inputs:
        for topic in (ANY, *(item.topics or {NO_TOPIC})):
            for group in (ANY, item.group):
                for region in (ANY, item.region):
                    counts[topic, group, region] += 1
    return counts


def target_cell(target) -> tuple:
    return (
        target.topic_area.code if target.topic_area_id else ANY,
        target.stakeholder_group.code if target.stakeholder_group_id else ANY,
        target.regional_group.code if target.regional_group_id else ANY,
    )


def targets_under(counts: Counter, targets) -> list[tuple]:
    """(target, count) for every target its cell does not reach."""
    return [(target, counts[target_cell(target)]) for target in targets if counts[target_cell(target)] < target.minimum]


@dataclass
class BalanceCell:
    count: int
    minimum: int | None = None

    @property
    def is_under(self) -> bool:
        return self.minimum is not None and self.count < self.minimum


@dataclass
class BalanceTable:
    """One topic area (or any, or none yet): a row per stakeholder group then the total, a column per
    regional group, then "no region", then the total."""

    topic: str | None
    title: str
    columns: list[str]
    rows: list[tuple[str, list[BalanceCell]]]


def balance_tables(counts: Counter, targets, *, topics: list, groups: list, regions: list) -> list[BalanceTable]:
    """The tables the secretariat reads. `topics`, `groups` and `regions` are (code, name) pairs in the
    order shown, the "any" (and "none") entries included. A table with neither input nor target is left
    out, except the one of any topic area."""
    minimums = {target_cell(target): target.minimum for target in targets}
    tables = []
    for topic, title in topics:
        rows = [
            (
                name,
                [
                    BalanceCell(counts[topic, group, region], minimums.get((topic, group, region)))
                    for region, _ in regions
                ],
            )
            for group, name in groups
        ]
        if topic is ANY or counts[topic, ANY, ANY] or any(cell[0] == topic for cell in minimums):
            tables.append(BalanceTable(topic=topic, title=title, columns=[name for _, name in regions], rows=rows))
    return tables
