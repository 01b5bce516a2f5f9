"""The hand-written realistic set: every text round-trips and the labelled PII is masked."""

from __future__ import annotations

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_lab.eval.data import handwritten_path, load_marked

SAMPLES = load_marked(handwritten_path())


def test_set_is_large_enough() -> None:
    assert len(SAMPLES) >= 40


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.id for s in SAMPLES])
def test_round_trip(pseudonymizer: Pseudonymizer, sample) -> None:
    s = pseudonymizer.session()
    r = pseudonymizer.pseudonymize(sample.text, session=s)
    assert pseudonymizer.restore(r.text, session=s) == sample.text


def test_entity_recall_on_the_handwritten_set(pseudonymizer: Pseudonymizer) -> None:
    """Share of gold entities fully masked (all their alphanumeric characters replaced)."""
    total = covered = 0
    for sample in SAMPLES:
        r = pseudonymizer.pseudonymize(sample.text)
        mask = bytearray(len(sample.text))
        for e in r.entities:
            mask[e.start : e.end] = b"\x01" * (e.end - e.start)
        for g in sample.spans:
            total += 1
            covered += all(mask[i] for i in range(g.start, g.end) if sample.text[i].isalnum())
    assert total > 100
    assert covered / total >= 0.80, f"entity recall {covered / total:.3f}"
