"""Topic suggestions without a database: the cold start from the topics' texts, learning from mappings, versions."""

import random

import pytest

from review.suggestions import Suggestion, TopicSuggester

TOPICS = {
    "A": "Shaping the outcomes of IGF meetings. How the annual meetings produce tangible outputs that others can use: "
    "messages and recommendations on policy questions, best practice forums, dynamic coalitions and policy networks, "
    "and a communication strategy that makes outcome documents visible to all stakeholders and the media.",
    "B": "Working modalities including open consultations, MAG and Secretariat. How the IGF is prepared and run: the "
    "preparatory process and open consultations, the structure, selection, rotation and working methods of the "
    "Multistakeholder Advisory Group (MAG), intersessional work, and the mandate and staffing of the IGF Secretariat.",
    "C": "Funding of the IGF. How the IGF is financed, and how openly: the IGF trust fund, voluntary financial "
    "contributions from governments, the private sector and other donors, in-kind support from host countries, a "
    "sustainable and predictable budget, and accountability and transparency in how funds are raised and spent.",
    "D": "Broadening participation and capacity building. Who takes part in the IGF, and how more can: participation "
    "of developing countries, women, youth and under-represented stakeholder groups, remote participation and travel "
    "support, national and regional IGF initiatives, and capacity building on Internet governance issues.",
    "E": "Linking the IGF to other Internet governance related entities. How the IGF relates to other processes, "
    "mechanisms and bodies: the United Nations system, the WSIS process and the Global Digital Compact, "
    "intergovernmental organisations, standards bodies and technical organisations.",
}
# Words reviewers see in inputs on each topic; about half of them are not in the topic's description.
VOCABULARY = {
    "A": "outcomes outputs messages recommendations deliverables declarations takeaways reports summaries impact",
    "B": "MAG Secretariat consultations preparatory rotation membership staffing programme agenda timelines",
    "C": "funding donors budget contributions sponsorship fundraising pledges expenditure financing resources",
    "D": "participation youth women newcomers fellowships remote travel inclusion accessibility languages",
    "E": "WSIS UNESCO ITU compact liaison cooperation intergovernmental standards coordination bodies",
}
SHARED = (
    "the of and to in that for with we should IGF forum stakeholders governance internet improve strengthen "
    "recommend ensure more multistakeholder working group its our support process"
)


def labelled_inputs(count: int, seed: int) -> list[tuple[str, str]]:
    """Inputs mostly of shared words, with their topic's words, sometimes another topic's, and some typos."""
    rng = random.Random(seed)
    inputs = []
    for number in range(count):
        code = "ABCDE"[number % 5]
        other = rng.choice([c for c in "ABCDE" if c != code]) if rng.random() < 0.4 else code
        words = []
        for _ in range(rng.randint(10, 30)):
            draw = rng.random()
            source = VOCABULARY[code] if draw < 0.2 else VOCABULARY[other] if draw < 0.26 else SHARED
            word = rng.choice(source.split())
            if rng.random() < 0.05 and len(word) > 4:
                at = rng.randrange(1, len(word) - 1)
                word = word[:at] + word[at + 1 :]
            words.append(word)
        inputs.append((" ".join(words).capitalize() + ".", code))
    return inputs


def accuracy(suggester: TopicSuggester, inputs: list[tuple[str, str]]) -> float:
    hits = [[s.code for s in suggester.suggest(text, limit=1)] == [code] for text, code in inputs]
    return sum(hits) / len(hits)


def test_cold_start_suggests_funding_first_for_an_input_about_donors():
    suggester = TopicSuggester.train(topics=TOPICS, examples=[])

    suggestions = suggester.suggest("We call for more voluntary financial contributions and new donors.")

    assert suggestions[0].code == "C"
    assert suggestions[0].confidence > 0.5
    assert len(suggestions) == 3


def test_cold_start_is_unsure_about_an_input_unlike_any_topic():
    suggester = TopicSuggester.train(topics=TOPICS, examples=[])

    suggestions = suggester.suggest("Thank you for the opportunity; we have no comment at this stage.")

    assert all(suggestion.confidence < 0.2 for suggestion in suggestions)
    assert suggester.suggest("Thank you for the opportunity.", min_confidence=0.2) == []


def test_mappings_teach_it_beyond_the_descriptions_on_held_out_inputs():
    inputs = labelled_inputs(300, seed=7)
    random.Random(8).shuffle(inputs)
    training, held_out = inputs[:210], inputs[210:]

    trained = TopicSuggester.train(topics=TOPICS, examples=training)
    cold = TopicSuggester.train(topics=TOPICS, examples=[])

    assert accuracy(trained, held_out) >= 0.8
    assert accuracy(trained, held_out) > accuracy(cold, held_out) + 0.1
    for text, _ in held_out:
        suggestions = trained.suggest(text, limit=5)
        confidences = [suggestion.confidence for suggestion in suggestions]
        assert confidences == sorted(confidences, reverse=True)
        assert sum(confidences) <= 1 + 1e-9
        assert all(0 <= confidence <= 1 for confidence in confidences)


def test_a_topic_without_mappings_can_still_be_suggested_from_its_description():
    examples = [(text, code) for text, code in labelled_inputs(200, seed=9) if code != "E"]
    suggester = TopicSuggester.train(topics=TOPICS, examples=examples)

    suggestions = suggester.suggest("Feed the IGF messages into the WSIS process and the Global Digital Compact.")

    assert suggestions[0].code == "E"


def test_sub_topics_share_the_confidence_of_their_area():
    topics = {
        **TOPICS,
        "B.1": "Improve the overall preparatory process of the IGF and its open consultations",
        "B.2": "Improve the structure and working methods of the MAG, the selection and rotation of its members",
        "B.3": "Strengthen and expand the Secretariat, its staff and resources",
    }
    suggester = TopicSuggester.train(topics=topics, examples=[("The MAG membership rotates too slowly.", "B.2")] * 2)

    suggestions = suggester.suggest("The MAG should rotate its members more often and select them openly.", limit=2)

    assert [suggestion.code for suggestion in suggestions] == ["B", "B.2"]
    assert suggestions[1].confidence <= suggestions[0].confidence


def test_version_follows_the_training_data_and_nothing_else():
    examples = labelled_inputs(50, seed=11)

    version = TopicSuggester.train(topics=TOPICS, examples=examples).version
    reordered = TopicSuggester.train(topics=dict(reversed(TOPICS.items())), examples=examples[::-1])
    one_more = TopicSuggester.train(topics=TOPICS, examples=[*examples, ("Donors should pledge earlier.", "C")])

    assert reordered.version == version
    assert one_more.version != version
    assert TopicSuggester.train(topics=TOPICS, examples=[]).version != version
    assert 8 <= len(version) <= 40
    assert reordered.suggest(examples[0][0]) == TopicSuggester.train(topics=TOPICS, examples=examples).suggest(
        examples[0][0]
    )


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_text_gets_no_suggestion(text):
    suggester = TopicSuggester.train(topics=TOPICS, examples=labelled_inputs(50, seed=12))

    assert suggester.suggest(text) == []


def test_a_process_without_topics_gets_no_suggestion():
    assert TopicSuggester.train(topics={}, examples=[]).suggest("Donors should pledge earlier.") == []


def test_limit_and_minimum_confidence_are_honoured():
    suggester = TopicSuggester.train(topics=TOPICS, examples=[])
    text = "Voluntary contributions from donors fund the trust fund."

    assert len(suggester.suggest(text, limit=1)) == 1
    assert len(suggester.suggest(text, limit=5)) == 5
    assert all(s.confidence >= 0.5 for s in suggester.suggest(text, limit=5, min_confidence=0.5))
    assert isinstance(suggester.suggest(text)[0], Suggestion)
