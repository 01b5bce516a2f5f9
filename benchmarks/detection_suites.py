"""Headline figures of the precision and evasion suites, run by their own benchmarks' functions.

Only counts come back (protected words masked, leaks per transform): the detailed tables and the
dev-half listings stay with `benchmarks/precision.py` and `benchmarks/evasion.py`.
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks import evasion, precision
from benchmarks.detection_report import TOTAL
from benchmarks.suite_data import EVASION_DIR, HALVES, PRECISION_DIR, load_half
from pseudonym_core import Pseudonymizer


def run_suites(p: Pseudonymizer, limit: int | None = None) -> dict[str, Any]:
    """Both halves of both suites; `limit` keeps the first texts of each half (--quick)."""
    out: dict[str, Any] = {"precision": {}, "evasion": {}}
    for half in HALVES:
        samples = load_half(PRECISION_DIR, half)[:limit]
        t0 = time.perf_counter()
        res = precision.evaluate_half(p, samples, name_words=False)
        out["precision"][half] = {"seconds": round(time.perf_counter() - t0, 1), **headline_precision(res)}
        samples = load_half(EVASION_DIR, half)[:limit]
        t0 = time.perf_counter()
        summary = evasion.summarise(evasion.run_all(p, samples))
        out["evasion"][half] = {"seconds": round(time.perf_counter() - t0, 1), **headline_evasion(summary)}
    return out


def headline_precision(res: dict[str, Any]) -> dict[str, Any]:
    """Per session mode: texts, protected occurrences, how many were masked (target 0)."""
    keys = ("texts", "occurrences", "masked", "texts_with_masked", "errors")
    return {mode: {k: r["protected"][k] for k in keys} for mode, r in res.items()}


def headline_evasion(summary: dict[str, Any]) -> dict[str, Any]:
    """Per transform: variants, target entities, leaked, text leaks; plus the total over all but
    `original` (the untransformed text, which measures plain recall rather than evasion)."""
    keys = ("variants", "variants_leaked", "targets", "leaked", "text_leaked", "errors")
    rows = {**summary["transforms"], TOTAL: summary["all_transforms"]}
    return {"transforms": {t: {k: c.get(k, 0) for k in keys} for t, c in rows.items()}}
