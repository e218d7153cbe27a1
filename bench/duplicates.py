"""SimHash and clustering speed on 100,000 synthetic inputs in six languages, and the campaigns found vs planted."""

import random
import time
from collections import Counter

from review.duplicates import clusters, simhash

INPUTS = 100_000
CAMPAIGNS = [1900, 700, 500, 400, 300, 250, 200, 150, 120, 100, 80, 60, 50, 40, 30, 25, 20, 15, 10, 8, 6, 5, 4, 3, 2]
SEED = 2026
ENGLISH = (  # noqa: SIM905 (a vocabulary reads better as prose)
    "the of and to in a that for is on with by as be are this we our it from at not all their "
    "internet governance forum multistakeholder model connectivity digital divide cybersecurity capacity human "
    "rights online privacy data protection artificial intelligence domain name system standards interoperability "
    "open source software community networks spectrum infrastructure cables resilience shutdowns censorship "
    "freedom expression access affordability literacy youth women inclusion developing countries governments "
    "civil society technical private sector academia regulators policy framework cooperation trust security "
    "stability innovation platforms content moderation cross border flows sustainable development goals compact "
    "mandate review indicators transparency accountability participation dialogue regional national global local "
    "languages accessibility support strengthen protect promote ensure recognise address improve expand fund"
).split()
ALPHABETS = {
    "fr": "abcdefghijlmnoprstuvéèàç",
    "es": "abcdefghijlmnopqrstuvñáéó",
    "ru": "абвгдежзиклмнопрстуфхцчшыэюя",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "zh": "",
}
GREETINGS = ["Dear members of the working group", "Dear co-facilitators", "Dear chair", "To whom it may concern"]
NAMES = ["Amina Diallo", "Carlos Mendez", "Li Wei", "Olga Petrova", "James Okafor", "Fatima Al-Sayed", "Ravi Kumar"]


def vocabulary(rng: random.Random, language: str) -> list[str]:
    if language == "en":
        return ENGLISH
    if language == "zh":
        ideographs = [chr(point) for point in range(0x4E00, 0x9FA6)]
        return ["".join(rng.choices(ideographs, k=rng.choice((1, 2, 2, 3)))) for _ in range(800)]
    letters = ALPHABETS[language]
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(800)]


def letter(rng: random.Random, words: list[str], language: str, length: int) -> str:
    sentences, count = [], 0
    while count < length:
        size = rng.randint(6, 18)
        sentences.append([rng.choice(words) for _ in range(size)])
        count += size
    if language == "zh":
        return "".join("，".join(["".join(s[: len(s) // 2]), "".join(s[len(s) // 2 :])]) + "。" for s in sentences)
    return " ".join(" ".join(s).capitalize() + "." for s in sentences)


def campaign_copy(rng: random.Random, base: str, words: list[str]) -> str:
    """Another sender's copy: own greeting and name, a few words changed, maybe a sentence or a new layout."""
    separator = " " if " " in base else ""
    tokens = base.split(" ") if separator else list(base)
    for _ in range(rng.randint(0, 3)):
        tokens[rng.randrange(len(tokens))] = rng.choice(words)
    body = separator.join(tokens)
    if rng.random() < 0.3:
        body += separator + separator.join(rng.choice(words) for _ in range(12)).capitalize() + "."
    text = f"{rng.choice(GREETINGS)},\n\n{body}\n\nYours sincerely,\n{rng.choice(NAMES)}"
    return text.upper() if rng.random() < 0.1 else text.replace(" ", "  ") if rng.random() < 0.2 else text


def inputs_planted(seed: int = SEED) -> tuple[list[tuple[int, str]], list[set[int]]]:
    """INPUTS texts, about 5% of them copies of the campaigns, shuffled; and the ids of each campaign."""
    rng = random.Random(seed)
    languages = ["en"] * 5 + ["fr", "es", "ru", "ar", "zh"]
    vocabularies = {language: vocabulary(rng, language) for language in dict.fromkeys(languages)}
    texts, labels = [], []
    for number, size in enumerate(CAMPAIGNS):
        language = rng.choice(languages)
        base = letter(rng, vocabularies[language], language, rng.randint(100, 250))
        texts += [campaign_copy(rng, base, vocabularies[language]) for _ in range(size)]
        labels += [number] * size
    while len(texts) < INPUTS:
        language = rng.choice(languages)
        texts.append(letter(rng, vocabularies[language], language, int(rng.lognormvariate(4.5, 0.7)) + 3))
        labels.append(None)
    order = list(range(INPUTS))
    rng.shuffle(order)
    planted: dict[int, set[int]] = {}
    for pk, position in enumerate(order, start=1):
        if labels[position] is not None:
            planted.setdefault(labels[position], set()).add(pk)
    return [(pk, texts[position]) for pk, position in enumerate(order, start=1)], list(planted.values())


def pair_scores(found: list[list[int]], planted: list[set[int]]) -> tuple[float, float]:
    """Precision and recall over pairs of ids put together (counted from the overlap table, not pair by pair)."""
    label = {pk: number for number, group in enumerate(planted) for pk in group}
    pairs = lambda n: n * (n - 1) // 2  # noqa: E731
    overlaps = (Counter(label.get(pk) for pk in group) for group in found)
    together = sum(pairs(count) for overlap in overlaps for key, count in overlap.items() if key is not None)
    predicted = sum(pairs(len(group)) for group in found)
    actual = sum(pairs(len(group)) for group in planted)
    return together / predicted if predicted else 1.0, together / actual


def run():
    items, planted = inputs_planted()
    start = time.perf_counter()
    for _, text in items:
        simhash(text)
    simhash_seconds = time.perf_counter() - start
    start = time.perf_counter()
    found = clusters(items)
    cluster_seconds = time.perf_counter() - start
    planted_sets = {frozenset(group) for group in planted}
    exact = sum(frozenset(group) in planted_sets for group in found)
    precision, recall = pair_scores(found, planted)
    copies = sum(len(group) for group in planted)
    print(f"duplicates: {len(items):,} inputs, {copies:,} campaign copies in {len(planted)} campaigns")
    print(f"  simhash:    {len(items) / simhash_seconds:,.0f} inputs/s ({simhash_seconds:.1f} s)")
    print(f"  clusters(): {len(items) / cluster_seconds:,.0f} inputs/s ({cluster_seconds:.1f} s)")
    print(f"  clusters found {len(found)}, planted {len(planted)}, found exactly {exact}")
    print(f"  pairs: precision {precision:.4f}, recall {recall:.4f}")
