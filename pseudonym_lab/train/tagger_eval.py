"""Score a trained tagger through the whole pipeline, the way it is used: PRR, precision, over-masking, time.

Kept next to the trainer so every reported figure has a one-line command behind it:
``pseudonym train tagger --mode mark --eval-only [--out DIR]``. The hand-written set is the fair test
(the training data shares templates with the generated evaluation set).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pseudonym_lab.eval.data import LabeledSample


def evaluate_tagger(
    folder: str | Path, mode: str, samples: Sequence[LabeledSample], progress: bool = True
) -> dict[str, Any]:
    """Run ``Pseudonymizer(detectors=["tag_<mode>"], tagger_model=folder)`` over `samples` and score it.

    The first sample's time includes loading the model; ms/sample is reported both with and without it.
    """
    from tqdm import tqdm

    from pseudonym_core import Pseudonymizer
    from pseudonym_lab.eval.metrics import aggregate, score_sample

    p = Pseudonymizer(detectors=[f"tag_{mode}"], tagger_model=str(folder))
    scores = []
    times: list[float] = []
    for sample in tqdm(samples, desc=f"eval tag_{mode}", disable=not progress):
        started = time.perf_counter()
        result = p.pseudonymize(sample.text, session=p.session())
        times.append(time.perf_counter() - started)
        pred = [(e.start, e.end) for e in result.entities]
        scores.append(score_sample(sample.text, sample.spans, pred, [(g.start, g.end) for g in sample.ignore]))
    agg = aggregate(scores)
    warm = times[1:] or times
    return {
        "samples": len(samples),
        "prr": round(agg.overall.entity_recall, 4),
        "char_recall": round(agg.overall.char_recall, 4),
        "span_precision": round(agg.span_precision, 4),
        "over_masking": round(agg.over_masking, 4),
        "ms_per_sample": round(1000 * sum(warm) / len(warm), 1),
        "ms_first_sample_with_load": round(1000 * times[0], 1) if times else None,
        "per_type_recall": {k: round(v.entity_recall, 3) for k, v in agg.per_type.items()},
        "strategy_stats": p.strategy_stats().get(f"detector:tag_{mode}", {}),
    }
