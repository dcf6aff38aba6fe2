"""Accuracy on generated certificates: the targets of the benchmark, as a test (on fewer
documents; `bench/reading_accuracy.py` runs the full set and times it)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from coitrack.reading.synth.compare import CRITICAL, Tally, compare
from coitrack.reading.tests.conftest import read

DOCUMENTS = 20
TARGET = 0.995


@pytest.mark.parametrize("variant", ["fillable", "text", "rough"])
def test_critical_fields_meet_the_recall_and_precision_targets(certificate, variant):
    scores: dict[str, Tally] = defaultdict(Tally)
    for seed in range(1000, 1000 + DOCUMENTS):
        pdf, truth = certificate(seed, variant)
        compare(truth, read(pdf).data, scores)
    for group in CRITICAL:
        tally = scores[group]
        assert tally.recall >= TARGET, (group, tally.misses[:5])
        assert tally.precision >= TARGET, (group, tally.misses[:5])


def test_the_comparison_counts_misses_and_wrong_values():
    truth = {"insured": {"name": "Ace LLC"}}
    scores: dict[str, Tally] = defaultdict(Tally)
    from coitrack.reading.synth.compare import _value

    _value(scores, "insured_name", truth["insured"]["name"], "Ace Inc", "insured")
    _value(scores, "insured_name", "Bee LLC", None, "insured")
    _value(scores, "insured_name", "Cee LLC", "Cee  LLC", "insured")
    tally = scores["insured_name"]
    assert (tally.true_positive, tally.false_positive, tally.false_negative) == (1, 1, 2)
    assert tally.recall == pytest.approx(1 / 3)
    assert tally.precision == pytest.approx(1 / 2)
