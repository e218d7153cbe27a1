"""Identical and near-identical inputs (mass campaigns): text signatures, and clusters of the ids that share them."""

import hashlib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from hashlib import blake2b

MASK64 = (1 << 64) - 1
# Deciding on signatures alone (measured in tests/review/test_duplicates.py): a 150-word letter with a new name
# line and three words changed lies within 10 bits of its original 9 times in 10 (within 3 bits, 4 in 100);
# no two of 300 different letters drawn from one topic's vocabulary come within 16 bits, but 6 pairs in 44,850
# of letters built from the same stock phrases come within 10.
MAX_DISTANCE = 10
# Where the texts are at hand, they decide: in the tests, copies of one letter share 0.7 of their shingles or
# more (Jaccard), different letters 0.02 at most, or 0.3 when built from the same stock phrases. clusters()
# compares the texts of every pair found within CLUSTER_DISTANCE, wider than MAX_DISTANCE because 64 bits put
# a few heavily edited copies 11 to 14 bits from all the others.
MIN_SIMILARITY = 0.5
CLUSTER_DISTANCE = 14
BANDS = 4
# Scripts written without spaces between words (Thai, Lao, Tibetan, Myanmar, Khmer, kana, CJK ideographs):
# their texts are shingled over characters, since splitting on spaces would give whole clauses.
UNSPACED_SCRIPTS = re.compile(
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


@cache
def character_rules() -> tuple[re.Pattern, re.Pattern, dict[int, str | None]]:
    """What normalisation removes, built once from the Unicode database on first use.

    The separators (punctuation, spaces, controls) of the Basic Multilingual Plane as a regex; a table for the
    rare texts with format characters (soft hyphen, zero-width joiners, byte-order mark) or Arabic tatweel, all
    dropped, or characters beyond that plane (separators there become spaces); and a regex telling such texts.
    Beyond the plane a regex class falls back to scanning its ranges, which would make every text 3 times slower.
    """
    plane, table, ranges, start = 0x10000, {0x0640: None}, [], None
    for point in range(plane + 1):
        category = unicodedata.category(chr(point)) if point < plane else "Cn"
        is_separator = category[0] in "PZ" or category == "Cc"
        if is_separator and start is None:
            start = point
        elif not is_separator and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(point - 1))}")
            start = None
    for point in range(sys.maxunicode + 1):
        category = unicodedata.category(chr(point))
        if category == "Cf":
            table[point] = None
        elif point >= plane and category[0] in "PZ":
            table[point] = " "
    formats = "".join(re.escape(chr(point)) for point in table if point < plane)
    return re.compile(f"[{''.join(ranges)}]+"), re.compile(f"[{formats}\U00010000-\U0010ffff]"), table


def text_normalised(text: str) -> str:
    """Casefolded, NFKC, punctuation and whitespace runs reduced to single spaces: what 'identical' means."""
    separators, needs_table, table = character_rules()
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    if needs_table.search(text):
        text = text.translate(table)
    return separators.sub(" ", text).strip()


def text_hash(text: str) -> str:
    """SHA-256 hex of text_normalised(text): equal for identical inputs."""
    return hashlib.sha256(text_normalised(text).encode()).hexdigest()


def shingles(normalised: str) -> list[str]:
    """Word 3-shingles; character 4-grams if a fifth of the letters are of scripts without spaces; short texts whole."""
    letters = normalised.replace(" ", "")
    if len(UNSPACED_SCRIPTS.findall(letters)) * 5 >= len(letters) > 0:
        return [letters[i : i + 4] for i in range(len(letters) - 3)] or list(letters)
    words = normalised.split()
    if len(words) < 3:
        return words
    return [f"{first} {second} {third}" for first, second, third in zip(words, words[1:], words[2:], strict=False)]


def simhash(text: str) -> int:
    """64-bit SimHash of the text's shingles, as a signed int so that it fits a PostgreSQL bigint; 0 for no text.

    Stable across processes and versions of Python (blake2b, never hash()).
    """
    return simhash_normalised(text_normalised(text))


def simhash_normalised(normalised: str) -> int:
    """simhash() of a text already normalised.

    Each bit is the majority vote of that bit over the shingles' hashes, counted on one binary string of all the
    hashes (a slice per bit) rather than shingle by shingle: that is what makes it fast in pure Python.
    """
    features = shingles(normalised)
    if not features:
        return 0
    digests = b"".join([blake2b(feature.encode(), digest_size=8).digest() for feature in features])
    bits = format(int.from_bytes(digests, "big"), f"0{64 * len(features)}b")
    half = len(features) / 2
    value = int("".join(["1" if bits[i::64].count("1") > half else "0" for i in range(64)]), 2)
    return value - (1 << 64) if value >> 63 else value


def simhash_bands(value: int, bands: int = BANDS) -> tuple[int, ...]:
    """The value cut into `bands` bands of 64/bands bits each, highest bits first, as non-negative ints.

    Two signatures within Hamming distance < bands share at least one band exactly (pigeonhole), so candidates
    are found by equality lookups on indexed band columns. Pairs further apart (up to MAX_DISTANCE) share one by
    chance only (at 6 bits 3 times in 5, at 10 bits 1 in 6): band_probes finds more.
    """
    if bands < 1 or 64 % bands:
        raise ValueError(f"bands must divide 64, not {bands}")
    width = 64 // bands
    unsigned = value & MASK64
    return tuple((unsigned >> (64 - width * (band + 1))) & ((1 << width) - 1) for band in range(bands))


def hamming(a: int, b: int) -> int:
    """Bits in which two 64-bit signatures differ (signed or unsigned alike)."""
    return ((a ^ b) & MASK64).bit_count()


def is_near_duplicate(a: int, b: int, *, max_distance: int = MAX_DISTANCE) -> bool:
    """Whether two signatures are close enough for their texts to be copies of one letter.

    Among very many inputs, some unrelated pairs fall this close by chance (64 bits are few): where the texts
    are at hand, confirm with text_similarity(text_a, text_b) >= MIN_SIMILARITY, as clusters() does.
    """
    return hamming(a, b) <= max_distance


def text_similarity(a: str, b: str) -> float:
    """Share of the two texts' shingles they have in common (Jaccard): the exact measure SimHash estimates."""
    first, second = set(shingles(text_normalised(a))), set(shingles(text_normalised(b)))
    return len(first & second) / len(first | second) if first or second else 1.0


def band_probes(value: int, bands: int = BANDS) -> list[list[int]]:
    """For each band, its value and the values one bit away from it, to look up with `band0 IN probes[0] OR ...`.

    Pairs fewer than 2 * bands bits apart have a band within one bit of each other (pigeonhole again), so these
    lookups find every pair up to 7 bits apart with 4 bands, and 3 in 4 of those 10 bits apart, where the bands
    alone find 1 in 6.
    """
    width = 64 // bands
    return [[band] + [band ^ (1 << bit) for bit in range(width)] for band in simhash_bands(value, bands)]


def clusters(
    items: Iterable[tuple[int, str]], *, max_distance: int = CLUSTER_DISTANCE, min_size: int = 2
) -> list[list[int]]:
    """Group ids whose texts are identical or near-identical (union-find over band candidates, see band_probes).

    Each cluster is sorted, clusters largest first then by first id; singletons are dropped unless min_size=1;
    texts without words are left out. Near-identical texts share MIN_SIMILARITY of their shingles; they are
    looked for among the pairs of signatures within max_distance that meet in a band.
    """
    parent: dict[int, int] = {}
    first_of_text: dict[bytes, int] = {}
    normalised_of: dict[int, str] = {}
    buckets: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for pk, text in items:
        normalised = text_normalised(text)
        if not normalised:
            continue
        parent[pk] = pk
        digest = hashlib.sha256(normalised.encode()).digest()
        if digest in first_of_text:
            parent[pk] = root(first_of_text[digest])
            continue
        first_of_text[digest] = pk
        normalised_of[pk] = normalised
        value = simhash_normalised(normalised)
        for number, probes in enumerate(band_probes(value)):
            for probe in probes:
                for other, other_value in buckets.get((number, probe), ()):
                    if ((value ^ other_value) & MASK64).bit_count() <= max_distance:
                        theirs = root(other)
                        if theirs != pk and text_similarity(normalised, normalised_of[other]) >= MIN_SIMILARITY:
                            parent[theirs] = pk
        for number, band in enumerate(simhash_bands(value)):
            buckets.setdefault((number, band), []).append((pk, value))

    groups: dict[int, list[int]] = defaultdict(list)
    for pk in parent:
        groups[root(pk)].append(pk)
    found = [sorted(group) for group in groups.values() if len(group) >= min_size]
    return sorted(found, key=lambda group: (-len(group), group[0]))


def representative(texts: dict[int, str]) -> int:
    """The id whose text is most typical of a cluster; ties go to the lowest id.

    Most typical: the text sent most often as it is, and among those the one with the smallest total Hamming
    distance to the others. Linear in the cluster's size: a signature's total distance is the sum, over its
    bits, of the members that differ there, read from per-bit counts rather than from all pairs.
    """
    if not texts:
        raise ValueError("an empty cluster has no representative")
    normalised = {pk: text_normalised(text) for pk, text in texts.items()}
    copies = Counter(normalised.values())
    signatures = {pk: simhash_normalised(text) & MASK64 for pk, text in normalised.items()}
    ones = [sum(value >> bit & 1 for value in signatures.values()) for bit in range(64)]
    size = len(signatures)

    def total_distance(pk: int) -> int:
        value = signatures[pk]
        return sum(size - ones[bit] if value >> bit & 1 else ones[bit] for bit in range(64))

    return min(signatures, key=lambda pk: (-copies[normalised[pk]], total_distance(pk), pk))
