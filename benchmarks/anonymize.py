"""Rewrite anonymization: leak rate and utility of `generalize` (and `llm`) beside pseudonymization.

    python benchmarks/anonymize.py [--data FILE ...] [--llm-n 20] [--no-llm] [--review DIR] [--out NAME]

Default set: the hand-written set (pseudonym_lab/data/handwritten.txt); `--data` takes any labelled
files `pseudonym eval --data` reads (e.g. the realistic frozen test set). `generalize` runs on every
text, `llm` (SmolLM2-135M-Instruct) on the first `--llm-n`, and the table compares each with
`generalize` and with pseudonymization (the default `Pseudonymizer()`) on the same texts. Writes
benchmarks/results/<out>.md and .json with aggregates only; `--review DIR` adds the local side-by-side
sheets (originals included: never commit them).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pseudonym_lab.anonymize.evaluate import AnonymizationScores, evaluate, pseudonymization_utility  # noqa: E402
from pseudonym_lab.eval.data import LabeledSample, handwritten_path, load_marked  # noqa: E402
from pseudonym_lab.eval.report import fmt, table  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def _samples(paths: list[str]) -> tuple[str, list[LabeledSample]]:
    if not paths:
        return "hand-written set (pseudonym_lab/data/handwritten.txt)", load_marked(handwritten_path())
    from pseudonym_lab.eval.userdata import load_labelled

    samples = [s for p in paths for s in load_labelled(p)]
    return ", ".join(Path(p).name for p in paths), samples


def _row(label: str, s: AnonymizationScores, pseudo_utility: float) -> list[object]:
    return [
        label,
        s.texts,
        s.entities,
        f"{fmt(s.leak_rate, 4)} ({s.leaked})",
        s.leaked_exact,
        s.leaked_casefold,
        s.leaked_part,
        s.leaked_digits,
        f"{s.redetected} in {s.texts_redetected} texts",
        fmt(s.utility),
        fmt(pseudo_utility),
        f"{s.fallbacks}/{s.texts}" if s.mode == "llm" else "–",
        fmt(1000 * s.seconds / max(s.texts, 1), 0),
    ]


HEADER = [
    "mode (texts)", "texts", "gold entities", "leak rate (entities)", "exact", "any case", "name part", "digits",
    "re-detected", "utility: rewrite", "utility: pseudonymized", "llm fell back", "ms/text",
]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--data", nargs="*", default=[], help="labelled files (default: the hand-written set)")
    ap.add_argument("--llm-n", type=int, default=20, help="texts for the llm mode (default 20)")
    ap.add_argument("--no-llm", action="store_true")
    ap.add_argument("--lm", default=None, help="local causal LM folder for --mode llm (default: SmolLM2-135M)")
    ap.add_argument("--review", default=None, metavar="DIR", help="write local review sheets (ORIGINALS INCLUDED)")
    ap.add_argument("--out", default="anonymize", help="results file stem under benchmarks/results/")
    args = ap.parse_args(argv)

    from pseudonym_core import Pseudonymizer
    from pseudonym_lab.anonymize import Anonymizer
    from pseudonym_lab.eval.paper import load_minilm

    name, samples = _samples(args.data)
    embed = load_minilm()
    pseudonymizer = Pseudonymizer()
    started = time.time()
    runs: list[tuple[str, AnonymizationScores, float, list[Any]]] = []
    general = Anonymizer("generalize", pseudonymizer=pseudonymizer)
    scores, outcomes = evaluate(general, samples, embed)
    runs.append((f"generalize (all {len(samples)})", scores, pseudonymization_utility(pseudonymizer, samples, embed),
                 outcomes))  # fmt: skip
    if not args.no_llm and args.llm_n > 0:
        head = samples[: args.llm_n]
        sub, sub_out = evaluate(general, head, embed)
        ref = pseudonymization_utility(pseudonymizer, head, embed)
        runs.append((f"generalize (first {len(head)})", sub, ref, sub_out))
        llm = Anonymizer("llm", pseudonymizer=pseudonymizer, lm_path=args.lm)
        llm_scores, llm_out = evaluate(llm, head, embed)
        runs.append((f"llm (first {len(head)}, {llm.lm.name})", llm_scores, ref, llm_out))
    if args.review:
        from pseudonym_lab.anonymize.review import write_csv, write_html

        for label, _, _, outs in runs:
            stem = label.split(" ")[0] + ("-llm-subset" if "first" in label else "")
            write_html(outs, Path(args.review) / f"{stem}.html", f"Anonymization review: {label}")
            write_csv(outs, Path(args.review) / f"{stem}.csv")
    rows = [_row(label, s, ref) for label, s, ref, _ in runs]
    md = [
        f"# Rewrite anonymization on the {name}",
        "",
        f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {round(time.time() - started)} s in all. "
        "Command: `python benchmarks/anonymize.py" + (" --data " + " ".join(args.data) if args.data else "") + "`.",
        "",
        table(HEADER, rows),
        "",
        "Leak rate: gold entities with any trace left in the rewrite (exact string, any case, a part of a "
        "name of three letters or more, or the digits of a number of four digits or more); the four columns "
        "after it count each check alone. Re-detected: entities the default pipeline finds in the rewrite "
        "outside the inserted descriptions. Utility: mean cosine similarity of all-MiniLM-L6-v2 embeddings "
        "of original and output (1 − PPS); the pseudonymized column is the default `Pseudonymizer()` on the "
        "same texts. Llm fell back: rewrites rejected by the guard (an original left, the detector finding "
        "personal data, or less than half of the other words kept), replaced by the generalize result.",
    ]
    for label, s, _, _ in runs:
        if s.leaked_by_label:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(s.leaked_by_label.items(), key=lambda kv: -kv[1]))
            md += ["", f"Leaks by gold label, {label}: {kinds}."]
    fallbacks: dict[str, int] = {}
    for _, _, _, outs in runs:
        for o in outs:
            for note in o.result.notes:
                fallbacks[note] = fallbacks.get(note, 0) + 1
    if fallbacks:
        md += ["", "Fallback reasons:", "", *[f"- {n}: {k}" for k, n in sorted(fallbacks.items())]]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    payload = {"set": name, "runs": [{"run": label, **s.to_dict(), "pseudonymized_utility": round(ref, 4)}
                                     for label, s, ref, _ in runs]}  # fmt: skip
    (RESULTS / f"{args.out}.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
