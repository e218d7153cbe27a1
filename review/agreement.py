"""How far coders agree, and how well the suggestions' confidence matches reviewers' decisions. Pure, no database.

- Cohen's kappa for two coders of one binary code (was the topic area coded or not), by scikit-learn.
- Krippendorff's alpha (nominal) for any number of coders, with missing values: written here, after
  Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C, since it is twenty lines.
- Calibration: confidences in bins against the share of suggestions reviewers confirmed in each bin.
"""

from collections import Counter
from dataclasses import dataclass
from itertools import permutations
from math import isnan

MIN_PAIRS = 5  # fewer coded inputs than this in a cell, and the report says "not enough data"
MIN_PER_BIN = 5
BIN_EDGES = tuple(step / 10 for step in range(11))  # 0–10 %, …, 90–100 %


def cohen_kappa(first: list, second: list) -> float | None:
    """Cohen's kappa of two coders' values for the same items; None when undefined (fewer than MIN_PAIRS items, or
    both coders gave one same value to every item, so that chance agreement is total)."""
    from sklearn.metrics import cohen_kappa_score  # scikit-learn loads only where agreement is measured

    if len(first) != len(second):
        raise ValueError("both coders must code the same items")
    if len(first) < MIN_PAIRS or len(set(first) | set(second)) < 2:
        return None
    kappa = float(cohen_kappa_score(first, second))
    return None if isnan(kappa) else kappa


def krippendorff_alpha_nominal(units: list[list]) -> float | None:
    """Krippendorff's alpha for nominal values. `units`: per unit (an input), the values its coders gave (missing
    values left out; a unit with one value cannot be paired and is ignored). None when undefined (fewer than two
    pairable values, or a single value throughout, so that no disagreement could be expected).

    alpha = 1 - D_o / D_e, with the coincidences o_ck = sum over units of the ordered pairs (c, k) of its values
    divided by (m_u - 1), n_c = sum_k o_ck, n = sum_c n_c:
    D_o = sum_{c != k} o_ck / n and D_e = sum_{c != k} n_c n_k / (n (n - 1)).
    """
    coincidences: Counter = Counter()
    for values in units:
        if len(values) < 2:
            continue
        for c, k in permutations(values, 2):
            coincidences[(c, k)] += 1 / (len(values) - 1)
    totals: Counter = Counter()
    for (c, _k), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if n <= 1 or expected == 0:
        return None
    observed = sum(weight for (c, k), weight in coincidences.items() if c != k)
    return 1 - (n - 1) * observed / expected


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    n: int
    confirmed: int
    mean_confidence: float | None

    @property
    def enough(self) -> bool:
        return self.n >= MIN_PER_BIN

    @property
    def share(self) -> float | None:
        return self.confirmed / self.n if self.n else None


def calibration_bins(outcomes: list[tuple[float, bool]], edges=BIN_EDGES) -> list[CalibrationBin]:
    """(confidence, confirmed by reviewers) pairs in bins [low, high); the last bin includes its upper edge."""
    bins = []
    for index, (low, high) in enumerate(zip(edges, edges[1:], strict=False)):
        last = index == len(edges) - 2
        inside = [(c, ok) for c, ok in outcomes if low <= c < high or (last and c == high)]
        bins.append(
            CalibrationBin(
                low=low,
                high=high,
                n=len(inside),
                confirmed=sum(ok for _c, ok in inside),
                mean_confidence=sum(c for c, _ok in inside) / len(inside) if inside else None,
            )
        )
    return bins
