"""The side-by-side table and the privacy–utility plot of `pseudonym eval` (aggregates only)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pseudonym_lab.eval.report import fmt, table

if TYPE_CHECKING:
    from pseudonym_lab.eval.paper import PaperScores


def _stats_line(stats: dict[str, dict[str, int]]) -> str:
    return "; ".join(
        f"{part}: " + ", ".join(f"{event} {n}" for event, n in sorted(counts.items()))
        for part, counts in sorted(stats.items())
    )


def results_markdown(
    scores: Sequence[PaperScores], unavailable: dict[str, str], set_name: str, notes: Sequence[str] = ()
) -> str:
    """The side-by-side table plus the combinations that could not run and why."""
    header = [
        "combination",
        "detect / generate / replace",
        "PRR ↑",
        "precision ↑",
        "over-masking ↓",
        "PPS",
        "SCS ↓",
        "leak rate ↓",
        "restoration rate ↑",
        "ms/sample",
        "fallback texts",
    ]
    rows = [
        [
            s.combination,
            s.strategies,
            fmt(s.prr),
            fmt(s.precision),
            fmt(s.over_masking, 4),
            fmt(s.pps),
            fmt(s.scs),
            fmt(s.leak_rate, 4),
            fmt(s.restoration_rate),
            fmt(s.ms_per_sample, 1),
            f"{s.fallback_texts}/{s.samples}",
        ]
        for s in scores
    ]
    n = scores[0].samples if scores else 0
    ents = scores[0].entities if scores else 0
    lines = [f"# Paper metrics: {set_name} set ({n} samples, {ents} gold entities)", "", table(header, rows)]
    ref = [s for s in scores if not math.isnan(s.scs_original)]
    if ref:
        lines += ["", f"SCS of the original texts (reference): {fmt(ref[0].scs_original)}."]
    if unavailable:
        lines += ["", "Not available in this build:", ""]
        lines += [f"- {name}: {why}" for name, why in unavailable.items()]
    lines += [
        "",
        "PRR = gold entities fully replaced; leak rate = gold strings still verbatim in the output; "
        "PPS = 1 − cos(MiniLM embeddings) of original vs output; SCS = mean token NLL of the output "
        "under a local causal LM (– = not computed); fallback texts = texts where a model-backed replacer's "
        "output failed the guard rail and REP_direct was used instead.",
    ]
    counted = [s for s in scores if s.strategy_stats]
    if counted:
        lines += ["", "Strategy counters (calls and fallbacks with their reasons):", ""]
        lines += [f"- {s.combination}: {_stats_line(s.strategy_stats)}" for s in counted]
    lines += ["", *notes] if notes else []
    return "\n".join(lines) + "\n"


def privacy_utility_plot(scores: Sequence[PaperScores], path: Path) -> str:
    """Scatter PRR against SCS (else PPS, else ms/sample); returns which x axis was used."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if any(not math.isnan(s.scs) for s in scores):
        axis, xs, label = "SCS", [s.scs for s in scores], "SCS: mean token NLL of output (lower reads better)"
    elif any(not math.isnan(s.pps) for s in scores):
        axis, xs, label = "PPS", [s.pps for s in scores], "PPS: 1 − cosine(original, output)"
    else:
        axis, xs, label = "ms/sample", [s.ms_per_sample for s in scores], "ms per sample (PPS and SCS not computed)"
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for s, x in zip(scores, xs, strict=True):
        ax.scatter([x], [s.prr])
        ax.annotate(s.combination, (x, s.prr), textcoords="offset points", xytext=(5, 5), fontsize=9)
    if axis == "SCS" and any(not math.isnan(s.scs_original) for s in scores):
        ref = next(s.scs_original for s in scores if not math.isnan(s.scs_original))
        ax.axvline(ref, color="grey", linestyle="--", linewidth=1, label="SCS of the original texts")
        ax.legend(loc="lower left", fontsize=8)
    ax.margins(x=0.2, y=0.2)
    ax.set_xlabel(label)
    ax.set_ylabel("PRR (share of gold entities removed)")
    ax.set_title("Privacy vs utility per combination")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return axis
