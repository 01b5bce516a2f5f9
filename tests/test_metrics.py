"""Hand-computed cases for the detection metrics.

Each case is small enough to count by eye, and chosen so that a plausible wrong implementation
(counting spaces or punctuation, accepting partial coverage as found, macro- instead of
micro-averaging, counting ignored characters as non-PII) gives a different number.
"""

from __future__ import annotations

import math

from pseudonym_lab.eval.data import GoldSpan
from pseudonym_lab.eval.metrics import aggregate, coverage, score_sample

TEXT = "Hi John Smith, call 555-0100 now"
#       0123456789012345678901234567890
GOLD = [GoldSpan(3, 13, "PERSON"), GoldSpan(20, 28, "PHONE_NUMBER")]


def test_coverage_clips_and_unions() -> None:
    assert list(coverage(5, [(1, 3), (2, 4), (4, 9), (-2, 0)])) == [0, 1, 1, 1, 1]


def test_partial_name_is_not_found_but_counts_chars() -> None:
    sc = score_sample(TEXT, GOLD, [(3, 7)])
    person, phone = sc.per_type["PERSON"], sc.per_type["PHONE_NUMBER"]
    assert (person.entities, person.entities_found) == (1, 0)
    assert (person.chars, person.chars_covered) == (9, 4)  # "JohnSmith" has 9 alnum chars
    assert (phone.chars, phone.chars_covered, phone.entities_found) == (7, 0, 0)
    assert sc.nonpii_chars == 9 and sc.nonpii_masked == 0  # "Hi" + "call" + "now"
    assert sc.missed == [(3, 13, "PERSON"), (20, 28, "PHONE_NUMBER")]


def test_found_when_every_alnum_char_covered_even_if_separators_are_not() -> None:
    sc = score_sample(TEXT, GOLD, [(3, 7), (8, 13), (20, 23), (24, 28)])
    assert sc.per_type["PERSON"].entities_found == 1
    assert sc.per_type["PHONE_NUMBER"].entities_found == 1
    assert sc.missed == []


def test_over_masking_counts_only_non_pii_alnum_chars() -> None:
    sc = score_sample(TEXT, GOLD, [(0, 14)])  # "Hi John Smith," masks "Hi" too
    assert sc.per_type["PERSON"].entities_found == 1
    assert (sc.nonpii_masked, sc.nonpii_chars) == (2, 9)
    agg = aggregate([sc])
    assert math.isclose(agg.over_masking, 2 / 9)


def test_ignored_characters_are_neither_pii_nor_non_pii() -> None:
    text = "A German man"
    sc = score_sample(text, [], [(2, 8)], ignore=[(2, 8)])
    assert (sc.nonpii_chars, sc.nonpii_masked) == (4, 0)  # "A" + "man"
    assert (sc.pred_spans, sc.pred_spans_on_entity) == (1, 1)


def test_span_precision_counts_spans_touching_entities() -> None:
    sc = score_sample(TEXT, GOLD, [(3, 7), (0, 2), (13, 14)])  # (13,14) is just the comma
    assert (sc.pred_spans, sc.pred_spans_on_entity) == (3, 1)
    assert math.isclose(aggregate([sc]).span_precision, 1 / 3)


def test_aggregate_micro_averages_and_counts_samples_per_type() -> None:
    a = score_sample(TEXT, GOLD, [(3, 13)])  # person found, phone missed
    b = score_sample("Ann and Bo", [GoldSpan(0, 3, "PERSON"), GoldSpan(8, 10, "PERSON")], [(0, 3)])
    c = score_sample("nothing here", [], [])
    agg = aggregate([a, b, c])
    assert agg.samples == 3
    assert agg.per_type["PERSON"].samples == 2
    assert agg.per_type["PHONE_NUMBER"].samples == 1
    assert (agg.per_type["PERSON"].entities, agg.per_type["PERSON"].entities_found) == (3, 2)
    # micro: 2 found of 4 entities = 0.5 (macro over types would be (2/3 + 0) / 2 = 1/3)
    assert math.isclose(agg.overall.entity_recall, 0.5)
    assert agg.overall.samples == 2
    assert math.isclose(agg.overall.char_recall, (9 + 3) / (9 + 7 + 3 + 2))
    assert agg.nonpii_chars == 9 + 3 + 11  # "and" in b, "nothinghere" in c


def test_empty_denominators() -> None:
    agg = aggregate([score_sample("no entities", [], [])])
    assert math.isnan(agg.overall.entity_recall) and agg.over_masking == 0.0
    assert math.isnan(agg.span_precision)


def test_score_set_uses_ignore_spans_and_sample_order() -> None:
    from pseudonym_lab.eval.data import LabeledSample
    from pseudonym_lab.eval.run import score_set

    a = LabeledSample("a", "x", "Hi Ann from Rome", [GoldSpan(3, 6, "PERSON")], ignore=[GoldSpan(12, 16, "NRP")])
    b = LabeledSample("b", "x", "Bo here", [GoldSpan(0, 2, "PERSON")])
    agg = score_set([a, b], [[(3, 6), (12, 16)], []])
    assert (agg.overall.entities, agg.overall.entities_found) == (2, 1)
    assert (agg.nonpii_chars, agg.nonpii_masked) == (2 + 4 + 4, 0)  # "Hi", "from", "here"; "Rome" ignored
