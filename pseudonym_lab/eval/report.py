"""Turn detection scores into Markdown tables and JSON-ready dicts.

Reports hold aggregate figures only (counts and ratios), never entity text, so they can be
committed and pasted into issues even when run on real data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pseudonym_lab.eval.metrics import DetectionScores, TypeCounts


def fmt(x: float, digits: int = 3) -> str:
    """Ratios with fixed digits; undefined ratios (no denominator) as an en dash."""
    return "–" if isinstance(x, float) and math.isnan(x) else f"{x:.{digits}f}"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub Markdown table; numbers right-aligned."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def num(x: float) -> float | None:
    """A rate for JSON: four decimals, NaN (nothing to measure) as null."""
    return None if math.isnan(x) else round(x, 4)


def counts_to_dict(c: TypeCounts) -> dict[str, float | int | None]:
    return {
        "samples": c.samples,
        "entities": c.entities,
        "entities_found": c.entities_found,
        "entity_recall": num(c.entity_recall),
        "chars": c.chars,
        "chars_covered": c.chars_covered,
        "char_recall": num(c.char_recall),
    }


def scores_to_dict(s: DetectionScores) -> dict[str, object]:
    return {
        "samples": s.samples,
        "overall": counts_to_dict(s.overall),
        "per_type": {k: counts_to_dict(v) for k, v in s.per_type.items()},
        "over_masking": round(s.over_masking, 4),
        "nonpii_chars": s.nonpii_chars,
        "nonpii_masked": s.nonpii_masked,
        "span_precision": None if math.isnan(s.span_precision) else round(s.span_precision, 4),
        "pred_spans": s.pred_spans,
    }


def recall_table(systems: dict[str, DetectionScores]) -> str:
    """One row per entity type, entity and char recall side by side for each system."""
    labels = sorted({lab for s in systems.values() for lab in s.per_type})
    header = ["type", "samples", "entities"]
    for name in systems:
        header += [f"{name} entity R", f"{name} char R"]
    rows: list[list[object]] = []
    first = next(iter(systems.values()))
    for lab in [*labels, "**overall**"]:
        ref = first.overall if lab == "**overall**" else first.per_type.get(lab, TypeCounts())
        row: list[object] = [lab, ref.samples, ref.entities]
        for s in systems.values():
            c = s.overall if lab == "**overall**" else s.per_type.get(lab, TypeCounts())
            row += [fmt(c.entity_recall), fmt(c.char_recall)]
        rows.append(row)
    return table(header, rows)


def target_check(s: DetectionScores, min_samples: int = 20) -> list[tuple[str, bool]]:
    """The project's detection targets, each with pass/fail (counts shown, as 0.8997 prints 0.900)."""
    o = s.overall
    checks = [
        (
            f"overall entity recall {fmt(o.entity_recall)} ({o.entities_found}/{o.entities}) ≥ 0.90",
            o.entity_recall >= 0.90,
        )
    ]
    for lab, c in s.per_type.items():
        if c.samples >= min_samples:
            msg = f"{lab} entity recall {fmt(c.entity_recall)} ({c.entities_found}/{c.entities}) ≥ 0.85"
            checks.append((msg, c.entity_recall >= 0.85))
    checks.append((f"over-masking {s.over_masking:.4f} ≤ 0.05", s.over_masking <= 0.05))
    return checks
