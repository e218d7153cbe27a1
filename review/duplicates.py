"""Identical and near-identical inputs (mass campaigns): text signatures, and clusters of ids sharing them."""

import hashlib
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from hashlib import blake2b

MASK64 = (1 << 64) - 1
MAX_DISTANCE = 3
BANDS = 4
MIN_JACCARD = 0.5
CHARACTER_SHINGLE = 4
# Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Tibetan, Myanmar, Khmer):
# their words cannot be split on spaces, so such texts are shingled over characters.
UNSPACED_SCRIPTS = re.compile(
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
UNSPACED_SHARE = 0.2


@cache
def character_rules() -> tuple[re.Pattern, re.Pattern, dict[int, str | None]]:
    """Separators (punctuation, spaces, controls) of the Basic Multilingual Plane as a regex; and, for the rare
    texts that need it, a table dropping format characters (soft hyphen, zero-width joiners, byte-order mark) and
    spacing the separators beyond that plane, with the pattern that tells such texts. Built once, on first use.

    Beyond the plane a regex class falls back to a linear scan of its ranges, three times slower on every text.
    """
    plane, rare, ranges, start = 0x10000, {}, [], None
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
            rare[point] = None
        elif point >= plane and category[0] in "PZ":
            rare[point] = " "
    formats = "".join(re.escape(chr(point)) for point in rare if point < plane)
    return re.compile(f"[{''.join(ranges)}]+"), re.compile(f"[{formats}\U00010000-\U0010ffff]"), rare


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
    """Word 3-shingles, or character 4-grams for texts mostly in scripts without spaces; shorter texts whole."""
    letters = normalised.replace(" ", "")
    if len(UNSPACED_SCRIPTS.findall(letters)) >= UNSPACED_SHARE * len(letters) > 0:
        size = CHARACTER_SHINGLE
        if len(letters) < size:
            return list(letters)
        return [letters[i : i + size] for i in range(len(letters) - size + 1)]
    words = normalised.split()
    if len(words) < 3:
        return words
    return [f"{first} {second} {third}" for first, second, third in zip(words, words[1:], words[2:], strict=False)]


def simhash(text: str) -> int:
    """64-bit SimHash of the text's shingles, as a signed int so that it fits a PostgreSQL bigint; 0 for no text.

    Stable across processes and versions of Python (blake2b, never hash()). Each bit is the majority vote of
    that bit over the shingles' hashes, counted on one binary string of all hashes (a slice per bit) rather
    than shingle by shingle: that is what makes it fast in pure Python.
    """
    return simhash_normalised(text_normalised(text))


def simhash_normalised(normalised: str) -> int:
    """simhash() of a text already normalised."""
    features = shingles(normalised)
    if not features:
        return 0
    digests = b"".join([blake2b(feature.encode(), digest_size=8).digest() for feature in features])
    bits = format(int.from_bytes(digests, "big"), f"0{64 * len(features)}b")
    half = len(features) / 2
    votes = "".join(["1" if bits[i::64].count("1") > half else "0" for i in range(64)])
    value = int(votes, 2)
    return value - (1 << 64) if value >> 63 else value


def simhash_bands(value: int, bands: int = 4) -> tuple[int, ...]:
    """The value cut into `bands` bands of 64/bands bits each, highest bits first, as non-negative ints.

    Two signatures within Hamming distance < bands share at least one band exactly (pigeonhole), so candidates
    are found by equality lookups on indexed band columns.
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
    return hamming(a, b) <= max_distance


def clusters(
    items: Iterable[tuple[int, str]], *, max_distance: int = MAX_DISTANCE, min_size: int = 2
) -> list[list[int]]:
    """Ids whose texts are identical or near-identical, grouped (union-find over band candidates).

    Each cluster is sorted; clusters come largest first, then by first id. Texts without words are left out.
    Since the texts are at hand, a candidate within `max_distance` must also share at least half of its
    shingles (Jaccard) to join: this rules out the chance collisions that 64 bits allow among many inputs.
    """
    parent: dict[int, int] = {}
    first_of_text: dict[bytes, int] = {}
    normalised_of: dict[int, str] = {}
    buckets: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)

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
        for key in candidate_keys(value):
            bucket = buckets[key]
            for other, other_value in bucket:
                if ((value ^ other_value) & MASK64).bit_count() <= max_distance:
                    theirs = root(other)
                    if theirs != pk and shingle_jaccard(normalised, normalised_of[other]) >= MIN_JACCARD:
                        parent[theirs] = pk
            bucket.append((pk, value))

    groups: dict[int, list[int]] = defaultdict(list)
    for pk in parent:
        groups[root(pk)].append(pk)
    found = [sorted(group) for group in groups.values() if len(group) >= min_size]
    return sorted(found, key=lambda group: (-len(group), group[0]))


ROTATIONS = (0,)


def candidate_keys(value: int) -> list[tuple[int, int]]:
    unsigned = value & MASK64
    keys = []
    for rotation in ROTATIONS:
        rotated = ((unsigned << rotation) | (unsigned >> (64 - rotation))) & MASK64
        keys += [(rotation * 8 + number, band) for number, band in enumerate(simhash_bands(rotated, BANDS))]
    return keys


def shingle_jaccard(a: str, b: str) -> float:
    """Shared share of the shingles of two normalised texts."""
    first, second = set(shingles(a)), set(shingles(b))
    return len(first & second) / len(first | second) if first or second else 1.0


def representative(texts: dict[int, str]) -> int:
    """The id whose text is most typical of a cluster: the smallest total Hamming distance to the others.

    Ties go to the lowest id. Linear in the cluster's size: the total distance of a signature is the sum, over
    its bits, of the members differing there, so it is read from per-bit counts rather than from all pairs.
    """
    if not texts:
        raise ValueError("a cluster without texts has no representative")
    signatures = {pk: simhash(text) & MASK64 for pk, text in texts.items()}
    ones = [sum(value >> bit & 1 for value in signatures.values()) for bit in range(64)]
    size = len(signatures)
    return min(
        signatures,
        key=lambda pk: (sum(size - ones[bit] if signatures[pk] >> bit & 1 else ones[bit] for bit in range(64)), pk),
    )
