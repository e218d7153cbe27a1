"""Suggested topic areas and sub-topics for an input, learnt locally from the topics' own texts and reviewers' mappings.

Pure scikit-learn, no database: `review.suggestions_service` trains it, asks it, and stores what it suggests.
"""

import hashlib
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn import config_context
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

METHOD = "tfidf-logistic-1"  # part of every version: change it when the method or its settings change
MIN_EXAMPLES = 2  # examples of a code before reviewers' mappings, not its description alone, decide its share
HASHED_FEATURES = 2**18  # per analyser; hashing keeps an input's unseen words in its norm (see vectorizer_build)
# Cold start: a softmax over cosine similarities in which "none of these" takes part, so that an input unlike every
# description gets low confidences rather than a fifth each. Chosen on the synthetic inputs of bench/suggestions.py.
TEMPERATURE = 0.05
NONE_MARGIN = 0.1
REGULARISATION = 10.0  # LogisticRegression's C: tf-idf rows are sparse and examples few, so regularise lightly


@dataclass(frozen=True)
class Suggestion:
    code: str  # a topic area code ("B") or sub-topic code ("B.2")
    confidence: float  # 0..1


def text_prepared(text: str) -> str:
    """Full-width forms, ligatures and case folded, so that "ＩＧＦ" and "igf" are one word."""
    return unicodedata.normalize("NFKC", text).casefold()


def vectorizer_build():
    """Word 1-2 grams and char_wb 3-5 grams (Chinese has no spaces; inflected words share stems), each tf-idf.

    Hashed rather than a fitted vocabulary: words no description contains still count in an input's length, so a
    long input sharing one word with a description is not mistaken for a close match.
    """

    def tfidf(**options):
        counts = HashingVectorizer(
            preprocessor=text_prepared, alternate_sign=False, norm=None, n_features=HASHED_FEATURES, **options
        )
        return make_pipeline(counts, TfidfTransformer(sublinear_tf=True))

    return make_union(
        tfidf(analyzer="word", ngram_range=(1, 2)), tfidf(analyzer="char_wb", ngram_range=(3, 5), token_pattern=None)
    )


def similarity_confidences(similarities: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """Rows of cosine similarities to confidences summing to less than 1: the rest is for "none of these", which
    competes at NONE_MARGIN above the row's baseline (how alike the input is to every area's text: its language)."""
    scores = np.hstack([similarities, baseline + NONE_MARGIN]) / TEMPERATURE
    scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    return (scores / scores.sum(axis=1, keepdims=True))[:, :-1]


def area_of(code: str, topics: dict[str, str]) -> str:
    parent = code.split(".", 1)[0]
    return parent if parent != code and parent in topics else code


class TopicSuggester:
    """Topic areas are ranked by the linear model (or, at cold start or for areas reviewers have not yet used, by
    similarity to their texts); an area's sub-topics share its confidence by similarity to their texts and examples.
    Area confidences sum to at most 1; a sub-topic's is at most its area's.
    """

    def __init__(
        self,
        *,
        vectorizer,
        areas,
        area_vectors,
        classifier,
        columns,
        learnt,
        sub_topics,
        sub_groups,
        sub_vectors,
        version,
    ):
        self._vectorizer = vectorizer
        self._areas = areas
        self._area_vectors = area_vectors
        self._classifier = classifier
        self._columns = columns  # the hashed features the training texts use: the model's inputs
        self._learnt = learnt  # mask over areas: the model decides their share
        self._codes = areas + sub_topics  # the columns of the confidences
        self._sub_groups = sub_groups  # (area index, its sub-topics' rows in sub_vectors)
        self._sub_vectors = sub_vectors
        self._version = version

    @classmethod
    def train(cls, *, topics: dict[str, str], examples: list[tuple[str, str]]) -> "TopicSuggester":
        """topics: code -> title + description text (always available, the cold start);
        examples: (text, code) pairs from reviewers' mappings (may be empty, may cover only some codes)."""
        examples = sorted((text, code) for text, code in examples if text.strip())
        topics = {code: topics.get(code, "") for code in sorted({*topics, *(code for _, code in examples)})}
        version = hashlib.sha256(
            json.dumps([METHOD, topics, examples], ensure_ascii=False).encode(), usedforsecurity=False
        ).hexdigest()[:16]
        areas = sorted({area_of(code, topics) for code in topics})
        children = {area: sorted(c for c in topics if c != area and area_of(c, topics) == area) for area in areas}
        area_texts = [" ".join([topics[area], *(topics[child] for child in children[area])]) for area in areas]
        vectorizer = vectorizer_build().fit(area_texts + [text for text, _ in examples] or [""])
        embed = lambda texts: normalize(vectorizer.transform(texts))  # noqa: E731

        labels = [area_of(code, topics) for _, code in examples]
        counts = Counter(labels)
        learnt = np.array([counts[area] >= MIN_EXAMPLES for area in areas])
        classifier = columns = None
        if learnt.sum() >= 2 and len(examples) >= MIN_EXAMPLES * len(areas):
            vectors = embed([text for text, _ in examples] + area_texts)
            columns = np.unique(vectors.indices)
            classifier = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=2000, random_state=0)
            with threadpool_limits(limits=1, user_api="blas"):  # threads only contend on matrices this small
                classifier.fit(vectors[:, columns], labels + areas)
        else:
            learnt[:] = False

        sub_groups, sub_topics, rows = [], [], []
        for index, area in enumerate(areas):
            if children[area]:
                sub_groups.append((index, slice(len(rows), len(rows) + len(children[area]))))
                for child in children[area]:
                    mapped = [text for text, code in examples if code == child]
                    rows.append(np.asarray(embed([topics[child], *mapped]).mean(axis=0)).ravel())
                    sub_topics.append(child)
        return cls(
            vectorizer=vectorizer,
            areas=areas,
            area_vectors=embed(area_texts) if areas else None,
            classifier=classifier,
            columns=columns,
            learnt=learnt,
            sub_topics=sub_topics,
            sub_groups=sub_groups,
            sub_vectors=normalize(np.vstack(rows)) if rows else None,
            version=version,
        )

    @property
    def version(self) -> str:
        """Stable short id of the trained model (hash of its training data), stored with each suggestion."""
        return self._version

    def suggest(self, text: str, *, limit: int = 3, min_confidence: float = 0.0) -> list[Suggestion]:
        """Most likely codes first."""
        return self.suggest_many([text], limit=limit, min_confidence=min_confidence)[0]

    def suggest_many(self, texts: list[str], *, limit: int = 3, min_confidence: float = 0.0) -> list[list[Suggestion]]:
        """`suggest` for many texts at once, ten times faster than one by one."""
        results: list[list[Suggestion]] = [[] for _ in texts]
        asked = [index for index, text in enumerate(texts) if text and text.strip()]
        if not asked or not self._areas or limit <= 0:
            return results
        with config_context(assume_finite=True, skip_parameter_validation=True):  # halves the cost of one text
            vectors = normalize(self._vectorizer.transform([texts[index] for index in asked]))
            similarities = (vectors @ self._area_vectors.T).toarray()
            baseline = similarities.mean(axis=1, keepdims=True)
            confidences = [self._area_confidences(vectors, similarity_confidences(similarities, baseline))]
            if self._sub_groups:
                sub_similarities = vectors @ self._sub_vectors.T
                confidences += [
                    confidences[0][:, [area]] * similarity_confidences(sub_similarities[:, rows], baseline)
                    for area, rows in self._sub_groups
                ]
        confidences = np.hstack(confidences)
        for row, index in enumerate(asked):
            ranked = sorted(zip(confidences[row], self._codes, strict=True), key=lambda item: (-item[0], item[1]))
            results[index] = [
                Suggestion(code=code, confidence=float(confidence))
                for confidence, code in ranked[:limit]
                if confidence >= min_confidence
            ]
        return results

    def _area_confidences(self, vectors, cold: np.ndarray) -> np.ndarray:
        """The model's probabilities for the areas it learnt, within the share the cold start gives those areas.

        Once reviewers map inputs, "none of these" is spread evenly over the areas: each input belongs somewhere.
        Left to the model alone, areas without mappings were almost never first (bench/suggestions.py).
        """
        if self._classifier is None:
            return cold
        learnt = self._learnt
        order = [list(self._classifier.classes_).index(area) for area in self._areas]
        model = self._classifier.predict_proba(vectors[:, self._columns])[:, order][:, learnt]
        confidences = cold + (1 - cold.sum(axis=1, keepdims=True)) / len(self._areas)
        confidences[:, learnt] = (
            model / model.sum(axis=1, keepdims=True) * confidences[:, learnt].sum(axis=1, keepdims=True)
        )
        return confidences
