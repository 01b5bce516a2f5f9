"""Score a pseudonymizer on a labeled set in one call (for the CLI and notebooks).

The benchmarks add baselines and timing on top; this is the smallest path from a configured
`Pseudonymizer` to the project's detection scores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from pseudonym_lab.eval.data import LabeledSample
from pseudonym_lab.eval.metrics import DetectionScores, Pair, aggregate, score_sample

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer


def score_set(samples: Sequence[LabeledSample], predictions: Iterable[Sequence[Pair]]) -> DetectionScores:
    """Aggregate scores for predicted spans given per sample, in the order of `samples`."""
    return aggregate(
        score_sample(s.text, s.spans, p, [(g.start, g.end) for g in s.ignore])
        for s, p in zip(samples, predictions, strict=True)
    )


def engine_predictor(p: Pseudonymizer) -> Callable[[str], list[Pair]]:
    """Replaced spans of one text, each text in a fresh session so no sample helps another."""

    def predict(text: str) -> list[Pair]:
        return [(e.start, e.end) for e in p.pseudonymize(text, session=p.session()).entities]

    return predict


def evaluate(p: Pseudonymizer, samples: Sequence[LabeledSample]) -> DetectionScores:
    """Detection scores of a pseudonymizer on a labeled set."""
    predict = engine_predictor(p)
    return score_set(samples, (predict(s.text) for s in samples))
