"""Campaign copies are found and grouped, different letters on the same topic are not (no database needed)."""

import random
from itertools import combinations

import pytest

from review.duplicates import (
    MAX_DISTANCE,
    band_probes,
    clusters,
    hamming,
    is_near_duplicate,
    representative,
    simhash,
    simhash_bands,
    text_hash,
    text_normalised,
    text_similarity,
)

FUNCTION_WORDS = (  # noqa: SIM905 (vocabularies read better as prose)
    "the of and to in a that for is on with by as be are this we our it from at not all their"
).split()
TOPIC_WORDS = (  # noqa: SIM905
    "internet governance forum multistakeholder model connectivity digital divide cybersecurity capacity human "
    "rights online privacy data protection artificial intelligence domain name system standards interoperability "
    "open source software community networks spectrum infrastructure cables resilience shutdowns censorship "
    "freedom expression access affordability literacy youth women inclusion developing countries governments "
    "civil society technical private sector academia regulators policy framework cooperation trust security "
    "stability innovation platforms content moderation cross border flows sustainable development goals compact "
    "mandate review indicators transparency accountability participation dialogue regional national global local"
).split()
VERBS = ["support", "strengthen", "protect", "promote", "ensure", "recognise", "address", "improve", "expand"]
GREETINGS = ["Dear members of the working group", "Dear co-facilitators", "Dear chair", "To whom it may concern"]
NAMES = ["Amina Diallo", "Carlos Mendez", "Li Wei", "Olga Petrova", "James Okafor", "Fatima Al-Sayed", "Ravi Kumar"]


def sentence(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(8, 18)):
        draw = rng.random()
        words.append(rng.choice(FUNCTION_WORDS if draw < 0.4 else VERBS if draw < 0.5 else TOPIC_WORDS))
    return " ".join(words).capitalize() + "."


def letter(rng: random.Random, words: int = 150) -> dict:
    """A letter on Internet governance from the shared vocabulary, as parts that campaign senders edit."""
    body = []
    while sum(len(part.split()) for part in body) < words:
        body.append(sentence(rng))
    return {"greeting": rng.choice(GREETINGS), "body": body, "name": rng.choice(NAMES)}


def text(parts: dict) -> str:
    return f"{parts['greeting']},\n\n{' '.join(parts['body'])}\n\nYours sincerely,\n{parts['name']}"


def typo(rng: random.Random, body: list[str]) -> list[str]:
    body = list(body)
    number = rng.randrange(len(body))
    words = body[number].split()
    position = max(range(len(words)), key=lambda i: (len(words[i]) > 3, rng.random()))
    word = words[position]
    cut = rng.randrange(len(word) - 2)
    words[position] = word[:cut] + word[cut + 1] + word[cut] + word[cut + 2 :]
    body[number] = " ".join(words)
    return body


def words_changed(rng: random.Random, body: list[str], count: int) -> list[str]:
    body = list(body)
    for _ in range(count):
        number = rng.randrange(len(body))
        words = body[number].split()
        words[rng.randrange(len(words))] = rng.choice(TOPIC_WORDS)
        body[number] = " ".join(words)
    return body


def relaid(rng: random.Random, letter_text: str) -> str:
    """The same words with other spaces, case and punctuation, as when pasted from another program."""
    variant = rng.choice(
        [
            lambda t: t.upper(),
            lambda t: t.replace(" ", "  ").replace("\n\n", "\n \n\t"),
            lambda t: t.replace(".", "!").replace(",", " --"),
            lambda t: "\u201c" + t.lower() + "\u201d",
        ]
    )
    return variant(letter_text)


def campaign_copy(rng: random.Random, base: dict, edits: int = 2) -> str:
    """One sender's copy with one to `edits` of: a swapped name, another greeting, a sentence of their own, typos."""
    parts = dict(base)
    for edit in rng.sample(["name", "greeting", "sentence", "typo"], rng.randint(1, edits)):
        if edit == "name":
            parts["name"] = rng.choice([name for name in NAMES if name != parts["name"]])
        elif edit == "greeting":
            parts["greeting"] = rng.choice([greeting for greeting in GREETINGS if greeting != parts["greeting"]])
        elif edit == "sentence":
            body = list(parts["body"])
            body.insert(rng.randint(0, len(body)), sentence(rng))
            parts["body"] = body
        else:
            for _ in range(rng.randint(1, 2)):
                parts["body"] = typo(rng, parts["body"])
    return text(parts)


def campaign_set(seed: int = 2026, edits: int = 2) -> tuple[list[tuple[int, str]], list[list[int]]]:
    """20 letters; 3 of them campaigns sent 30 times each (5 as exact copies laid out anew), 17 sent once."""
    rng = random.Random(seed)
    bases = [letter(rng) for _ in range(20)]
    texts = []
    for base in bases[:3]:
        texts += [relaid(rng, text(base)) for _ in range(5)] + [campaign_copy(rng, base, edits) for _ in range(25)]
    texts += [text(base) for base in bases[3:]]
    pks = list(range(1, len(texts) + 1))
    rng.shuffle(pks)  # a campaign's copies arrive among the other inputs
    return sorted(zip(pks, texts, strict=True)), [sorted(pks[start : start + 30]) for start in (0, 30, 60)]


def pairs(groups: list[list[int]]) -> set[tuple[int, int]]:
    return {pair for group in groups for pair in combinations(sorted(group), 2)}


def precision_recall(found: list[list[int]], planted: list[list[int]]) -> tuple[float, float]:
    """Over pairs of ids: how many put together belong together, and how many belonging together were."""
    together, planted_pairs = pairs(found), pairs(planted)
    return len(together & planted_pairs) / len(together), len(together & planted_pairs) / len(planted_pairs)


def test_clusters_recover_exactly_the_campaigns_and_keep_distinct_letters_apart():
    items, campaigns = campaign_set()
    found = clusters(items)
    assert precision_recall(found, campaigns) == (1.0, 1.0)
    assert found == sorted(campaigns, key=lambda group: (-len(group), group[0]))


def test_clusters_never_join_different_letters_and_miss_few_heavily_edited_copies():
    """Copies with up to three edits each: 64 bits put a few of them more than 14 bits from every other copy."""
    found, planted = [], []
    for seed in range(20):
        items, campaigns = campaign_set(seed, edits=3)
        found += [[(seed, pk) for pk in group] for group in clusters(items)]
        planted += [[(seed, pk) for pk in group] for group in campaigns]
    precision, recall = precision_recall(found, planted)
    assert precision == 1.0
    assert recall >= 0.95, f"recall {recall:.3f}"


def test_clusters_do_not_depend_on_the_order_inputs_arrive_in():
    items, _ = campaign_set()
    assert clusters(list(reversed(items))) == clusters(items)


def test_a_copy_with_a_new_name_line_and_a_few_words_changed_is_a_near_duplicate_nine_times_in_ten():
    rng = random.Random(7)
    distances = []
    for _ in range(300):
        base = letter(rng)
        copy = dict(base, name=rng.choice([name for name in NAMES if name != base["name"]]))
        copy["body"] = words_changed(rng, base["body"], 3)
        distances.append(hamming(simhash(text(base)), simhash(text(copy))))
    found = sum(distance <= MAX_DISTANCE for distance in distances) / len(distances)
    assert found >= 0.85, f"near duplicates found {found:.2f}"


def test_different_letters_on_the_same_topic_are_never_near_duplicates():
    rng = random.Random(8)
    signatures = [simhash(text(letter(rng))) for _ in range(300)]
    distances = [hamming(a, b) for a, b in combinations(signatures, 2)]
    assert min(distances) > MAX_DISTANCE + 3, f"closest different letters: {min(distances)} bits"
    assert not any(is_near_duplicate(a, b) for a, b in combinations(signatures, 2))


STOCK_PHRASES = [
    "We believe that|In our view|It is essential that|We recommend that|We urge that|We note that|Above all|Today",
    "the working group|governments|civil society|the technical community|the private sector|member states|"
    "national regulators|academia|youth networks|standards bodies",
    "should strengthen|must protect|needs to support|should review|ought to fund|should promote|can improve|"
    "must address",
    "the multistakeholder model|meaningful connectivity|personal data|an open and interoperable internet|"
    "cybersecurity capacity|the digital divide|human rights online|community networks|digital literacy|"
    "internet shutdowns|open source software|data flows across borders",
    "in developing countries|at the national level|through regional dialogues|across all regions|"
    "with clear indicators|before the next review|for women and girls|in rural areas|within existing mandates|"
    "in line with international law",
]


def test_letters_built_from_the_same_stock_phrases_are_never_clustered():
    rng = random.Random(14)
    phrases = [part.split("|") for part in STOCK_PHRASES]
    letters = [" ".join(" ".join(map(rng.choice, phrases)) + "." for _ in range(12)) for _ in range(300)]
    signatures = [simhash(letter_text) for letter_text in letters]
    close = sum(is_near_duplicate(a, b) for a, b in combinations(signatures, 2))
    assert close <= 10, f"{close} of 44,850 pairs within {MAX_DISTANCE} bits"  # 64 bits alone: 6
    assert clusters(enumerate(letters)) == []  # their texts share 0.3 of their shingles at most


def test_campaign_copies_share_most_shingles_and_different_letters_few():
    rng = random.Random(9)
    bases = [letter(rng) for _ in range(40)]
    copies = [text_similarity(campaign_copy(rng, base), campaign_copy(rng, base)) for base in bases]
    different = [text_similarity(text(a), text(b)) for a, b in combinations(bases, 2)]
    assert min(copies) >= 0.6
    assert max(different) <= 0.2


def test_normalisation_ignores_case_width_punctuation_and_spacing():
    assert text_normalised("  Internet\u00a0GOVERNANCE,\tfor\n\nALL!!! ") == "internet governance for all"
    assert text_normalised("ＩＧＦ ﬁnal co\u00adoperation") == "igf final cooperation"
    assert text_normalised("Straße — «multi-stakeholder» …") == "strasse multi stakeholder"
    assert text_normalised("مرحـــبا، بالعالم؟") == "مرحبا بالعالم"
    assert text_normalised("你好，世界。") == "你好 世界"


def test_identical_inputs_have_one_hash_and_different_ones_another():
    a = text_hash("We support the Global Digital Compact.")
    assert a == text_hash("we  SUPPORT the global digital compact!!")
    assert a != text_hash("We support the Global Digital Compact, with reservations.")
    assert len(a) == 64 and int(a, 16) >= 0


def test_simhash_is_stable_across_processes_and_fits_a_signed_bigint():
    assert simhash("Internet governance needs everyone at the table.") == -219314381946069641
    rng = random.Random(10)
    values = [simhash(text(letter(rng, 30))) for _ in range(200)]
    assert all(-(2**63) <= value < 2**63 for value in values)
    assert any(value < 0 for value in values) and any(value > 0 for value in values)


def test_empty_text_has_a_zero_signature_and_joins_no_cluster():
    assert simhash("") == simhash("  ... \n ") == 0
    assert text_normalised(" !? ") == ""
    assert clusters([(1, ""), (2, " "), (3, "!!")], min_size=1) == []


def test_short_texts_are_signed_by_their_words():
    assert simhash("I agree") == simhash("I AGREE!") != 0
    assert simhash("agree") != simhash("disagree")
    assert not is_near_duplicate(simhash("I support this proposal"), simhash("I oppose this proposal"))


CHINESE = (
    "尊敬的工作组成员：我们认为，互联网治理必须坚持多利益相关方模式，让政府、私营部门、民间社会和技术社区平等参与。"
    "发展中国家的宽带接入仍然不足，数字鸿沟正在扩大。我们建议加强能力建设，支持社区网络，并保护用户的隐私和个人数据。"
    "人工智能的治理也应当透明、负责，并尊重人权。此致，王芳"
)
CHINESE_OTHER = (
    "尊敬的工作组成员：网络安全是互联网治理的核心问题。各国应当分享威胁信息，建立应急响应团队之间的信任，"
    "并在联合国框架内制定负责任的国家行为规范。海底光缆和域名系统等关键基础设施需要更好的保护。"
    "我们还呼吁为发展中国家的技术社区提供培训和资金。此致，张伟"
)
ARABIC = (
    "السادة أعضاء الفريق العامل، نرى أن حوكمة الإنترنت يجب أن تقوم على نموذج أصحاب المصلحة المتعددين، بحيث تشارك "
    "الحكومات والقطاع الخاص والمجتمع المدني والمجتمع التقني على قدم المساواة. ما زال الوصول إلى النطاق العريض في "
    "البلدان النامية محدودا، والفجوة الرقمية تتسع. نوصي بتعزيز بناء القدرات ودعم الشبكات المجتمعية وحماية خصوصية "
    "المستخدمين وبياناتهم الشخصية. كما ينبغي أن تكون حوكمة الذكاء الاصطناعي شفافة وخاضعة للمساءلة وتحترم حقوق الإنسان. "
    "مع خالص التحية، فاطمة السيد"
)
ARABIC_OTHER = (
    "السادة أعضاء الفريق العامل، يمثل الأمن السيبراني قضية أساسية في حوكمة الإنترنت. ينبغي للدول أن تتبادل "
    "المعلومات عن التهديدات وأن تبني الثقة بين فرق الاستجابة للطوارئ، وأن تضع قواعد للسلوك المسؤول للدول في إطار "
    "الأمم المتحدة. كما تحتاج البنية التحتية الحيوية مثل الكابلات البحرية ونظام أسماء النطاقات إلى حماية أفضل. "
    "ونطالب بتوفير التدريب والتمويل للمجتمع التقني في البلدان النامية. مع خالص التحية، أحمد منصور"
)


@pytest.mark.parametrize(
    ("original", "copy", "other"),
    [
        (CHINESE, CHINESE.replace("王芳", "李伟").replace("仍然不足", "仍然有限"), CHINESE_OTHER),
        (ARABIC, ARABIC.replace("فاطمة السيد", "أحمد منصور").replace("محدودا", "ضعيفا"), ARABIC_OTHER),
    ],
    ids=["chinese", "arabic"],
)
def test_chinese_and_arabic_copies_are_near_duplicates_and_other_letters_are_not(original, copy, other):
    assert is_near_duplicate(simhash(original), simhash(copy))
    assert not is_near_duplicate(simhash(original), simhash(other))
    assert clusters([(1, original), (2, copy), (3, other), (4, original.replace("，", ", "))]) == [[1, 2, 4]]


def test_chinese_is_shingled_over_characters_not_over_its_few_spaces():
    one_character_changed = CHINESE.replace("扩大", "加大")
    assert text_similarity(CHINESE, one_character_changed) > 0.9
    assert is_near_duplicate(simhash(CHINESE), simhash(one_character_changed))


def test_bands_cut_the_signature_into_equal_non_negative_parts():
    value = simhash("Internet governance needs everyone at the table.")
    bands = simhash_bands(value)
    assert bands == (64756, 54971, 18936, 23927)
    assert all(0 <= band < 2**16 for band in bands)
    assert sum(band << (16 * (3 - number)) for number, band in enumerate(bands)) == value % 2**64
    assert len(simhash_bands(value, 8)) == 8 and max(simhash_bands(value, 8)) < 2**8
    with pytest.raises(ValueError):
        simhash_bands(value, 5)


def test_signatures_fewer_than_four_bits_apart_always_share_a_band():
    rng = random.Random(11)
    for _ in range(2000):
        a = rng.getrandbits(64) - 2**63
        b = a
        for bit in rng.sample(range(64), rng.randint(0, 3)):
            b ^= 1 << bit
        b = (b + 2**63) % 2**64 - 2**63
        assert hamming(a, b) < 4
        assert set(enumerate(simhash_bands(a))) & set(enumerate(simhash_bands(b)))


def test_signatures_fewer_than_eight_bits_apart_always_meet_in_a_band_probe():
    rng = random.Random(13)
    for _ in range(1000):
        a = rng.getrandbits(64)
        b = a
        for bit in rng.sample(range(64), rng.randint(4, 7)):
            b ^= 1 << bit
        probes = band_probes(a)
        assert any(band in probes[number] for number, band in enumerate(simhash_bands(b)))


def test_hamming_counts_differing_bits_of_signed_signatures():
    assert hamming(0, -1) == 64
    assert hamming(-1, 2**64 - 1) == 0
    assert hamming(5, 6) == hamming(6, 5) == 2


def test_clusters_keep_singletons_only_when_asked_and_list_largest_first():
    items = [(9, "alpha beta gamma delta"), (4, "Alpha beta gamma delta!"), (7, "something else entirely here")]
    items += [(1, "one more text"), (2, "ONE more text"), (3, "one more text.")]
    assert clusters(items) == [[1, 2, 3], [4, 9]]
    assert clusters(items, min_size=1) == [[1, 2, 3], [4, 9], [7]]


def test_representative_is_the_most_typical_text_of_the_cluster():
    rng = random.Random(12)
    base = letter(rng)
    texts = {pk: campaign_copy(rng, base) for pk in (1, 2, 3, 4, 5, 6)}
    texts[7] = text(base)
    texts[8] = relaid(rng, text(base))
    assert representative(texts) == 7


def test_representative_ties_go_to_the_lowest_id():
    assert representative({5: "We agree.", 3: "we agree", 4: "Something else altogether, longer."}) == 3
    assert representative({8: "alone"}) == 8
    with pytest.raises(ValueError):
        representative({})
