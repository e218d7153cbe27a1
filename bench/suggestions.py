"""Topic suggestions on held-out synthetic inputs in six languages: accuracy at cold start and as mappings grow, speed.

Synthetic inputs mix a topic's terms with vocabulary every input shares, a second topic's terms and typos; real
inputs are harder, so read the figures as a comparison between settings, not as the accuracy reviewers will see.
"""

import random
import time

from review.suggestions import TopicSuggester

SEED = 2026
HELD_OUT = 2_000
PER_TOPIC = [10, 50, 200]
SPEED_INPUTS = 10_000
CONFIDENT = 0.5
LANGUAGES = ["en"] * 5 + ["fr", "es", "ru", "ar", "zh"]
TOPICS = {
    "A": "Shaping the outcomes of IGF meetings. How the annual meetings produce tangible outputs that others can use: "
    "messages and recommendations on policy questions, the work of best practice forums, dynamic coalitions and "
    "policy networks, and a communication strategy that makes outcome documents visible and accessible to all "
    "stakeholders and the media.",
    "B": "Working modalities including open consultations, MAG and Secretariat. How the IGF is prepared and run: the "
    "preparatory process and its open consultations, the structure, selection, rotation and working methods of the "
    "Multistakeholder Advisory Group (MAG), intersessional work, and the mandate and staffing of the IGF Secretariat.",
    "C": "Funding of the IGF. How the IGF is financed, and how openly: the IGF trust fund, voluntary financial "
    "contributions from governments, the private sector and other donors, in-kind support from host countries, "
    "a sustainable and predictable budget, and accountability and transparency in how funds are raised and spent.",
    "D": "Broadening participation and capacity building. Who takes part in the IGF, and how more can: participation "
    "of developing countries, women, youth and under-represented stakeholder groups, remote participation and travel "
    "support, national and regional IGF initiatives, and capacity building on Internet governance issues.",
    "E": "Linking the IGF to other Internet governance related entities. How the IGF relates to other processes, "
    "mechanisms and bodies: the United Nations system, the WSIS process and the Global Digital Compact, "
    "intergovernmental organisations, standards bodies and technical organisations, and outreach that carries IGF "
    "messages into their decisions.",
}
# Terms reviewers come to associate with each topic, per language; many are not in the English descriptions.
TERMS = {
    "A": {
        "en": "outcomes|outputs|key messages|recommendations|policy questions|best practice forums|dynamic coalitions|"
        "policy networks|chair's summary|reports|visibility of results|tangible results",
        "fr": "résultats|messages clés|recommandations|questions de politique|forums de bonnes pratiques|"
        "coalitions dynamiques|réseaux politiques|rapport de synthèse",
        "es": "resultados|mensajes clave|recomendaciones|cuestiones de política|foros de mejores prácticas|"
        "coaliciones dinámicas|redes de políticas|informe resumido",
        "ru": "итоги|результаты|ключевые послания|рекомендации|политические вопросы|форумы передовой практики|"
        "динамические коалиции|итоговый доклад",
        "ar": "النتائج|المخرجات|الرسائل الرئيسية|التوصيات|مسائل السياسات|منتديات أفضل الممارسات|الائتلافات الدينامية|"
        "تقرير موجز",
        "zh": "成果|产出|关键信息|建议|政策问题|最佳做法论坛|动态联盟|总结报告",
    },
    "B": {
        "en": "open consultations|MAG|Multistakeholder Advisory Group|Secretariat|preparatory process|working methods|"
        "rotation of members|selection of members|intersessional work|staffing|programme committee|agenda setting",
        "fr": "consultations ouvertes|GCMP|Groupe consultatif multipartite|secrétariat|processus préparatoire|"
        "méthodes de travail|rotation des membres|travaux intersessions",
        "es": "consultas abiertas|GAM|Grupo Asesor Multipartito|secretaría|proceso preparatorio|métodos de trabajo|"
        "rotación de miembros|trabajo entre períodos de sesiones",
        "ru": "открытые консультации|МКГ|Многосторонняя консультативная группа|секретариат|подготовительный процесс|"
        "методы работы|ротация членов|межсессионная работа",
        "ar": "المشاورات المفتوحة|الفريق الاستشاري|الفريق الاستشاري المتعدد أصحاب المصلحة|الأمانة|العملية التحضيرية|"
        "أساليب العمل|تناوب الأعضاء|العمل فيما بين الدورات",
        "zh": "公开磋商|咨询小组|多利益攸关方咨询小组|秘书处|筹备进程|工作方法|成员轮换|闭会期间工作",
    },
    "C": {
        "en": "funding|trust fund|voluntary contributions|donors|financial contributions|budget|sponsorship|"
        "in-kind support|sustainable financing|fundraising|expenditure|pledges",
        "fr": "financement|fonds d'affectation spéciale|contributions volontaires|donateurs|"
        "contributions financières|budget|parrainage|soutien en nature",
        "es": "financiación|fondo fiduciario|contribuciones voluntarias|donantes|contribuciones financieras|"
        "presupuesto|patrocinio|apoyo en especie",
        "ru": "финансирование|целевой фонд|добровольные взносы|доноры|финансовые взносы|бюджет|спонсорство|"
        "поддержка натурой",
        "ar": "التمويل|الصندوق الاستئماني|التبرعات|المانحون|المساهمات المالية|الميزانية|الرعاية|الدعم العيني",
        "zh": "资金|信托基金|自愿捐款|捐助方|财政捐款|预算|赞助|实物支助",
    },
    "D": {
        "en": "participation|capacity building|developing countries|youth|women|remote participation|travel support|"
        "national and regional initiatives|newcomers|schools on Internet governance|underrepresented groups|"
        "fellowships",
        "fr": "participation|renforcement des capacités|pays en développement|jeunes|femmes|participation à distance|"
        "aide au voyage|initiatives nationales et régionales",
        "es": "participación|creación de capacidad|países en desarrollo|jóvenes|mujeres|participación remota|"
        "apoyo para viajes|iniciativas nacionales y regionales",
        "ru": "участие|наращивание потенциала|развивающиеся страны|молодежь|женщины|дистанционное участие|"
        "поддержка поездок|национальные и региональные инициативы",
        "ar": "المشاركة|بناء القدرات|البلدان النامية|الشباب|النساء|المشاركة عن بعد|دعم السفر|"
        "المبادرات الوطنية والإقليمية",
        "zh": "参与|能力建设|发展中国家|青年|妇女|远程参与|差旅支助|国家和区域倡议",
    },
    "E": {
        "en": "other entities|United Nations system|WSIS|Global Digital Compact|intergovernmental organisations|"
        "standards bodies|technical organisations|cooperation|outreach|decision-making bodies|liaison|mechanisms",
        "fr": "autres entités|système des Nations Unies|SMSI|Pacte numérique mondial|"
        "organisations intergouvernementales|organismes de normalisation|coopération|sensibilisation",
        "es": "otras entidades|sistema de las Naciones Unidas|CMSI|Pacto Digital Global|"
        "organizaciones intergubernamentales|organismos de normalización|cooperación|divulgación",
        "ru": "другие структуры|система Организации Объединенных Наций|ВВУИО|Глобальный цифровой договор|"
        "межправительственные организации|органы по стандартизации|сотрудничество|информационная работа",
        "ar": "الكيانات الأخرى|منظومة الأمم المتحدة|القمة العالمية لمجتمع المعلومات|الميثاق الرقمي العالمي|"
        "المنظمات الحكومية الدولية|هيئات وضع المعايير|التعاون|التوعية",
        "zh": "其他实体|联合国系统|信息社会世界峰会|全球数字契约|政府间组织|标准机构|合作|外联",
    },
}
# What every input says, whatever its topic: the forum, its stakeholders, verbs of recommendation, function words.
SHARED = {
    "en": "IGF|Internet governance|stakeholders|multistakeholder|the working group|improve|strengthen|recommend|ensure|"
    "we|should|more|the forum|governments|civil society|private sector|mandate|Tunis Agenda|process|support|"
    "the|of|and|to|in|that|for|with|is|be|on|as|by|its|our",
    "fr": "FGI|gouvernance de l'Internet|parties prenantes|multipartite|le groupe de travail|améliorer|renforcer|"
    "recommander|garantir|nous|devrait|le forum|gouvernements|société civile|secteur privé|mandat|Agenda de Tunis|"
    "le|la|les|de|des|et|à|pour|que|dans|avec|est",
    "es": "FGI|gobernanza de Internet|partes interesadas|múltiples partes interesadas|el grupo de trabajo|mejorar|"
    "fortalecer|recomendar|garantizar|nosotros|debería|el foro|gobiernos|sociedad civil|sector privado|mandato|"
    "Agenda de Túnez|el|la|los|de|y|a|para|que|en|con|es|por",
    "ru": "ФУИ|управление Интернетом|заинтересованные стороны|многосторонний|рабочая группа|улучшить|укрепить|"
    "рекомендовать|обеспечить|мы|следует|форум|правительства|гражданское общество|частный сектор|мандат|"
    "Тунисская программа|и|в|на|что|для|с|по|это|как|не",
    "ar": "منتدى إدارة الإنترنت|إدارة الإنترنت|أصحاب المصلحة|متعدد أصحاب المصلحة|الفريق العامل|تحسين|تعزيز|نوصي|ضمان|"
    "نحن|ينبغي|المنتدى|الحكومات|المجتمع المدني|القطاع الخاص|الولاية|برنامج عمل تونس|في|من|على|أن|إلى|عن|مع|هذا|التي",
    "zh": "互联网治理论坛|互联网治理|利益攸关方|多利益攸关方|工作组|改进|加强|建议|确保|我们|应当|论坛|各国政府|"
    "民间社会|私营部门|任务|突尼斯议程|的|和|在|是|对|与|为|了|应",
}


def typo(rng: random.Random, word: str) -> str:
    """A dropped, doubled or swapped letter, as in hurried writing."""
    if len(word) < 4:
        return word
    at = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:at] + word[at + 1 :]
    if kind == 1:
        return word[:at] + word[at] + word[at:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def labelled_input(rng: random.Random, code: str, language: str) -> str:
    """Sentences mostly of shared words, with the topic's terms, often a second topic's terms, and typos."""
    other = rng.choice([c for c in TERMS if c != code]) if rng.random() < 0.5 else None
    sentences = []
    for _ in range(rng.randint(1, 5)):
        words = []
        for _ in range(rng.randint(6, 16)):
            draw = rng.random()
            source = TERMS[code] if draw < 0.2 else TERMS[other] if other and draw < 0.28 else SHARED
            word = rng.choice(source[language].split("|"))
            words.append(typo(rng, word) if rng.random() < 0.05 else word)
        sentences.append(words)
    if language == "zh":
        return "".join("".join(words) + "。" for words in sentences)
    return " ".join(" ".join(words).capitalize() + "." for words in sentences)


def labelled_corpus(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """(text, code, language), the codes in turn."""
    codes, corpus = sorted(TOPICS), []
    for index in range(count):
        code, language = codes[index % len(codes)], rng.choice(LANGUAGES)
        corpus.append((labelled_input(rng, code, language), code, language))
    return corpus


def scores(suggester: TopicSuggester, held_out: list[tuple[str, str, str]]) -> dict[str, float]:
    """Top-1 and top-3 accuracy, top-1 on English inputs alone (the descriptions' language), and how many top
    suggestions reach CONFIDENT and how often those are right (what a confidence threshold would keep)."""
    ranked = suggester.suggest_many([text for text, _, _ in held_out], limit=3)
    top1 = [rank[0].code == code for rank, (_, code, _) in zip(ranked, held_out, strict=True)]
    confident = [hit for hit, rank in zip(top1, ranked, strict=True) if rank[0].confidence >= CONFIDENT]
    english = [hit for hit, (_, _, language) in zip(top1, held_out, strict=True) if language == "en"]
    return {
        "top1": sum(top1) / len(top1),
        "top3": sum(code in {s.code for s in rank} for rank, (_, code, _) in zip(ranked, held_out, strict=True))
        / len(held_out),
        "english": sum(english) / len(english),
        "confident": len(confident) / len(top1),
        "confident_right": sum(confident) / len(confident) if confident else float("nan"),
    }


def run():
    rng = random.Random(SEED)
    held_out = labelled_corpus(rng, HELD_OUT)
    examples = [(text, code) for text, code, _ in labelled_corpus(rng, max(PER_TOPIC) * len(TOPICS))]
    settings = [("cold start", [])] + [(f"{n} per topic", examples[: n * len(TOPICS)]) for n in PER_TOPIC]
    settings.append(("50 per topic, A-C only", [(t, c) for t, c in examples[: 50 * len(TOPICS)] if c in "ABC"]))
    print(f"suggestions: {len(held_out):,} held-out synthetic inputs, {len(TOPICS)} topics, 6 languages (half English)")
    print(f"  training                top-1   top-3   top-1 en   top-1 >= {CONFIDENT}: share, right   training")
    suggesters = {}
    for name, training in settings:
        start = time.perf_counter()
        suggesters[name] = TopicSuggester.train(topics=TOPICS, examples=training)
        seconds = time.perf_counter() - start
        score = scores(suggesters[name], held_out)
        print(
            f"  {name:<22} {score['top1']:6.1%}  {score['top3']:6.1%}  {score['english']:8.1%}"
            f"   {score['confident']:18.1%} {score['confident_right']:6.1%}   {seconds:6.2f} s"
        )
    unmapped = [item for item in held_out if item[1] in "DE"]
    partial, cold = scores(suggesters[settings[-1][0]], unmapped), scores(suggesters["cold start"], unmapped)
    print(
        f"  D and E inputs, A-C only: top-1 {partial['top1']:.1%} (English {partial['english']:.1%}); "
        f"cold start {cold['top1']:.1%} (English {cold['english']:.1%})"
    )

    suggester = suggesters[f"{max(PER_TOPIC)} per topic"]
    inputs = [text for text, _, _ in labelled_corpus(random.Random(SEED + 1), SPEED_INPUTS)]
    start = time.perf_counter()
    for text in inputs:
        suggester.suggest(text)
    one_by_one = time.perf_counter() - start
    start = time.perf_counter()
    suggester.suggest_many(inputs)
    batched = time.perf_counter() - start
    print(
        f"  {SPEED_INPUTS:,} inputs: suggest() {SPEED_INPUTS / one_by_one:,.0f}/s ({one_by_one:.1f} s), "
        f"suggest_many() {SPEED_INPUTS / batched:,.0f}/s ({batched:.1f} s)"
    )
