"""Agreement between codings and the suggestions' calibration: the formulas on textbook tables, then the report."""

import pytest

from review.agreement import calibration_bins, cohen_kappa, krippendorff_alpha_nominal
from review.models import Mapping, Suggestion, SuggestionDecision
from review.services import mapping_create
from tests.review.coding import coded_twice, second_coder
from tests.review.conftest import received_input, staff_user

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", C: 4 observers, 12 units, missing values;
# alpha (nominal) = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


def test_krippendorff_alpha_nominal_on_the_textbook_example():
    units = [[row[unit] for row in KRIPPENDORFF_2011 if row[unit] is not None] for unit in range(12)]

    assert round(krippendorff_alpha_nominal(units), 3) == 0.743


def test_krippendorff_alpha_on_two_coders_by_hand():
    """Units (0,0) (0,1) (1,1): o_00 = 2, o_01 = o_10 = 1, o_11 = 2; n = 6, n_0 = n_1 = 3;
    alpha = 1 - (n - 1) * (o_01 + o_10) / (2 n_0 n_1) = 1 - 5 * 2 / 18 = 4/9."""
    assert krippendorff_alpha_nominal([[0, 0], [0, 1], [1, 1], [1]]) == pytest.approx(4 / 9)
    assert krippendorff_alpha_nominal([[1, 1], [1, 1]]) is None  # one value throughout: nothing to expect
    assert krippendorff_alpha_nominal([[1]]) is None


def test_cohen_kappa_on_the_textbook_table():
    """50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15:
    p_o = 0.7, p_e = 0.5 × 0.6 + 0.5 × 0.4 = 0.5, kappa = 0.4."""
    first = [1] * 25 + [0] * 25
    second = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15

    assert cohen_kappa(first, second) == pytest.approx(0.4)
    assert cohen_kappa(first[:4], second[:4]) is None  # fewer items than MIN_PAIRS
    assert cohen_kappa([0] * 8, [0] * 8) is None  # both always said no: chance agreement is total


def test_calibration_bins_count_and_share_per_bin():
    outcomes = [(0.25, True), (0.22, False), (0.29, False), (0.21, False), (0.2, True), (0.95, True), (1.0, True)]

    bins = {round(item.low, 1): item for item in calibration_bins(outcomes)}

    assert (bins[0.2].n, bins[0.2].confirmed, bins[0.2].share, bins[0.2].enough) == (5, 2, 0.4, True)
    assert bins[0.2].mean_confidence == pytest.approx(1.17 / 5)
    assert (bins[0.9].n, bins[0.9].confirmed, bins[0.9].enough) == (2, 2, False)  # 1.0 falls in the last bin
    assert bins[0.5].n == 0 and bins[0.5].share is None


@pytest.mark.django_db
def test_the_report_shows_kappa_per_topic_area_on_a_known_table(client, call, people):
    """Six inputs; area A: first review 1 1 1 0 0 0, second coder 1 1 0 0 0 1, so p_o = 4/6, p_e = 1/2 and
    kappa = (2/3 - 1/2) / (1/2) = 1/3; B is its mirror image. Alpha appears with a third coder."""
    coder = second_coder(call)
    coded_twice(
        client,
        call,
        first_by=people["call_reviewer"],
        coder=coder,
        codes=[("A", "A"), ("A", "A"), ("A", "B"), ("B", "B"), ("B", "B"), ("B", "A")],
        assigned_by=people["secretariat"],
    )
    client.force_login(people["secretariat"])

    page = client.get(f"/admin/reports/coding/{call.pk}/").content.decode()

    assert page.count("<td data-kappa>0.333</td>") == 2
    assert page.count("<td data-n>6</td>") == 2
    assert "data-alpha" not in page  # two coders only


@pytest.mark.django_db
def test_alpha_is_shown_once_an_input_has_three_coders_and_too_few_pairs_say_so(client, call, people):
    """Two inputs, area A: (first, coder, third) = (1, 1, 1) and (0, 1, 0) → pairable values 1 1 1 / 0 1 0,
    o_11 = 2 + 1 = 3, o_00 = 1, o_01 = o_10 = 1; n = 6, n_0 = 2, n_1 = 4:
    alpha = 1 - 5 × 2 / (2 × 2 × 4) = 0.375. Kappa has 4 pairs: not enough data."""
    coder, third = second_coder(call), second_coder(call, "third")
    first, second = coded_twice(
        client,
        call,
        first_by=people["call_reviewer"],
        coder=coder,
        codes=[("A", "A"), ("B", "AB")],
        assigned_by=people["secretariat"],
    )
    from review.models import SecondCoding

    for submission, areas in ((first, ["A"]), (second, ["B"])):
        coding = SecondCoding.objects.create(submission=submission, coder=third, assigned_by=people["secretariat"])
        client.force_login(third)
        client.post(
            f"/admin/coding/{coding.pk}/",
            {"topic_areas": [area.pk for area in call.process.topic_areas.filter(code__in=areas)]},
        )
    client.force_login(people["secretariat"])

    page = client.get(f"/admin/reports/coding/{call.pk}/").content.decode()

    assert '<tr data-area="A">' in page
    area_a = page.split('<tr data-area="A">')[1].split("</tr>")[0]
    assert "<td data-alpha>0.375</td>" in area_a
    assert "<td data-n>4</td>" in area_a and "not enough data" in area_a


@pytest.mark.django_db
def test_the_calibration_table_and_chart_on_a_small_known_set(client, call, people):
    """Bin 20–30 %: five suggestions, two confirmed (one accepted, one whose area was mapped by hand), two rejected,
    one pending on a mapped input whose area was not mapped; bin 80–90 %: one accepted (too few to say)."""
    areas = {question.topic_area.code: question.topic_area for question in call.questions.all()}
    reviewer = people["call_reviewer"]
    decisions = [
        (0.21, "A", SuggestionDecision.ACCEPTED, None),
        (0.23, "A", SuggestionDecision.REJECTED, None),
        (0.25, "B", SuggestionDecision.REJECTED, None),
        (0.27, "A", SuggestionDecision.PENDING, "A"),  # mapped by hand to its area: confirmed
        (0.29, "A", SuggestionDecision.PENDING, "B"),  # mapped elsewhere: not confirmed
        (0.85, "B", SuggestionDecision.ACCEPTED, None),
        (0.55, "B", SuggestionDecision.PENDING, None),  # nobody decided yet: not counted
    ]
    for confidence, code, decision, mapped in decisions:
        submission = received_input(client, call)
        Suggestion.objects.create(
            submission=submission, topic_area=areas[code], confidence=confidence, model_version="t", decision=decision
        )
        if mapped:
            mapping_create(submission=submission, topic_area=areas[mapped], by=reviewer)
    assert Mapping.objects.count() == 2
    client.force_login(staff_user("root", is_superuser=True))

    page = client.get(f"/admin/reports/coding/{call.pk}/").content.decode()

    low = page.split('<tr data-bin="20">')[1].split("</tr>")[0]
    assert "<td data-n>5</td>" in low and "<td>0.25</td>" in low and "<td>2</td>" in low
    assert "<td data-share>40 %</td>" in low
    high = page.split('<tr data-bin="80">')[1].split("</tr>")[0]
    assert "<td data-n>1</td>" in high and "not enough data" in high
    assert page.split('<tr data-bin="50">')[1].split("</tr>")[0].count("<td data-n>0</td>") == 1
    chart = page.split('id="chart-data"')[1].split("</script>")[0]
    assert '"stacked": false' in chart and "25.0" in chart and "40.0" in chart
