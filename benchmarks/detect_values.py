"""Recall per entity kind and over-masking of the default pipeline on the texts it may be tuned on.

    python benchmarks/detect_values.py [--out benchmarks/results]

Scores `Pseudonymizer()` on the dev halves of the realistic set (`benchmarks/data/realistic/dev-*.txt`)
and on the hand-written regression set, one fresh session per text, with the metrics of DESIGN.md
(entity recall: every alphanumeric character of a gold entity replaced; over-masking: share of
non-personal alphanumeric characters replaced). It exists to follow issue 9's new kinds
(IDENTIFIER, USERNAME, NATIONAL_ID, ADDRESS, organizations, spelled-out values) while tuning; the
frozen test halves are never read here (`benchmarks/detection.py` scores them). Writes
`detect_values.md` and `.json`; only counts and rates, never entity text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pseudonym_core import Pseudonymizer  # noqa: E402
from pseudonym_lab.eval.data import handwritten_path, load_marked  # noqa: E402
from pseudonym_lab.eval.metrics import DetectionScores  # noqa: E402
from pseudonym_lab.eval.report import num  # noqa: E402
from pseudonym_lab.eval.run import evaluate  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
REALISTIC = ROOT / "benchmarks" / "data" / "realistic"


def sets() -> dict[str, list[Path]]:
    dev = sorted(p for p in REALISTIC.glob("dev-*.txt"))
    assert all(not p.name.startswith("test-") for p in dev)
    return {"realistic dev": dev, "hand-written": [Path(handwritten_path())]}


def as_dict(scores: DetectionScores) -> dict[str, object]:
    return {
        "samples": scores.samples,
        "entity_recall": num(scores.overall.entity_recall),
        "entities": scores.overall.entities,
        "over_masking": num(scores.over_masking),
        "per_type": {
            label: {"entities": c.entities, "found": c.entities_found, "recall": num(c.entity_recall)}
            for label, c in sorted(scores.per_type.items())
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    p = Pseudonymizer()
    p.pseudonymize("Warm-up for Jane Doe, CUST-2291-0417, in Paris.")
    results: dict[str, object] = {}
    lines = [
        "# New kinds of issue 9 on tuning data",
        "",
        f"`python benchmarks/detect_values.py` — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Dev halves and the "
        "hand-written set only; the frozen test halves are scored by `benchmarks/detection.py`.",
        "",
    ]
    for name, paths in sets().items():
        samples = [s for path in paths for s in load_marked(path)]
        t0 = time.perf_counter()
        scores = evaluate(p, samples)
        seconds = time.perf_counter() - t0
        results[name] = as_dict(scores) | {"seconds": round(seconds, 1)}
        lines += [
            f"## {name} ({scores.samples} texts, {seconds:.0f} s, measured under load)",
            "",
            f"Entity recall {scores.overall.entity_recall:.3f} ({scores.overall.entities} entities), "
            f"over-masking {scores.over_masking:.4f}.",
            "",
            "| label | entities | found | recall |",
            "|---|---:|---:|---:|",
            *(
                f"| {label} | {c.entities} | {c.entities_found} | {c.entity_recall:.3f} |"
                for label, c in sorted(scores.per_type.items())
            ),
            "",
        ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "detect_values.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (args.out / "detect_values.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
