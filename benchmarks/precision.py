"""Precision benchmark: are ordinary words ever masked? (names that are also common words, function
words, product/plan words, drug names and eponymous diseases, framework prompt words)

    python benchmarks/precision.py [--split dev|test|both] [--show]

Runs `Pseudonymizer()` (default config) over `benchmarks/data/precision/{dev,test}.txt` twice:
once with a fresh session per text, and once with every text of a half through one shared session
(turn after turn, as in a chat), because propagation of known entities across turns is where
common words get hit ("Grant" the agent, then "grant" the verb three turns later).

Reports, per mode: protected-word occurrences (the `# protect:` phrases of each text, outside its
marked spans) that were masked, count and rate — the target is 0; gold-entity recall on these
texts; and over-masking of non-PII alphanumeric characters (metrics of DESIGN.md). Writes
benchmarks/results/precision.md and .json. Words are named only for the dev half (`--show` prints
the dev texts whose protected words were masked); the frozen test half is only ever counted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.suite_data import PRECISION_DIR, halves, load_half, unique_occurrences  # noqa: E402
from pseudonym_core import Pseudonymizer  # noqa: E402
from pseudonym_lab.eval.data import LabeledSample  # noqa: E402
from pseudonym_lab.eval.metrics import SampleScore, aggregate, coverage, score_sample  # noqa: E402
from pseudonym_lab.eval.report import fmt, num, scores_to_dict, table  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
MODES = ("fresh", "shared")


@dataclass
class Item:
    """One text under one mode: which protected occurrences were masked, and its detection score."""

    sample: LabeledSample
    masked: list[tuple[str, int, int, str]]  # phrase, start, end, what it became
    occurrences: int
    score: SampleScore
    output: str
    error: str = ""


def _became(start: int, end: int, entities: list[Any]) -> str:
    return " + ".join(f"{e.label}->{e.surrogate!r}" for e in entities if e.start < end and start < e.end)


def score_item(sample: LabeledSample, result: Any) -> Item:
    spans = [(e.start, e.end) for e in result.entities]
    cov = coverage(len(sample.text), spans)
    occ = unique_occurrences(sample)
    masked = [
        (phrase, s, e, _became(s, e, result.entities))
        for phrase, s, e in occ
        if any(cov[i] for i in range(s, e) if sample.text[i].isalnum())
    ]
    ignore = [(g.start, g.end) for g in sample.ignore]
    return Item(sample, masked, len(occ), score_sample(sample.text, sample.spans, spans, ignore), result.text)


def run_mode(p: Pseudonymizer, samples: list[LabeledSample], mode: str) -> list[Item]:
    shared = p.session() if mode == "shared" else None
    items = []
    for sample in samples:
        try:
            r = p.pseudonymize(sample.text, session=shared if shared is not None else p.session())
        except Exception as exc:  # reported per item, the rest of the half still counts
            items.append(Item(sample, [], len(unique_occurrences(sample)), SampleScore(), "", type(exc).__name__))
            continue
        items.append(score_item(sample, r))
    return items


def evaluate_half(p: Pseudonymizer, samples: list[LabeledSample], name_words: bool) -> dict[str, Any]:
    """Both modes on one half: the summary per mode (also called by benchmarks/detection.py)."""
    return {mode: summarise(run_mode(p, samples, mode), name_words) for mode in MODES}


def summarise(items: list[Item], name_words: bool) -> dict[str, Any]:
    det = aggregate(i.score for i in items if not i.error)
    per_cat: dict[str, Counter[str]] = defaultdict(Counter)
    words: Counter[str] = Counter()
    for i in items:
        c = per_cat[i.sample.meta.get("category", "-")]
        c["texts"] += 1
        c["occurrences"] += i.occurrences
        c["masked"] += len(i.masked)
        c["texts_with_masked"] += bool(i.masked)
        c["errors"] += bool(i.error)
        for phrase, *_ in i.masked:
            words[phrase.lower()] += 1
    total = sum(per_cat.values(), Counter())
    cat_det = {
        cat: scores_to_dict(aggregate(i.score for i in items if i.sample.meta.get("category", "-") == cat))
        for cat in sorted(per_cat)
    }
    out: dict[str, Any] = {
        "protected": _rate(total),
        "per_category": {
            cat: {
                **_rate(c),
                "entity_recall": cat_det[cat]["overall"]["entity_recall"],
                "over_masking": cat_det[cat]["over_masking"],
            }
            for cat, c in sorted(per_cat.items())
        },
        "detection": scores_to_dict(det),
    }
    if name_words:
        out["masked_words"] = dict(words.most_common())
    return out


def _rate(c: Counter[str]) -> dict[str, Any]:
    keys = ("texts", "texts_with_masked", "occurrences", "masked", "errors")
    return {**{k: c[k] for k in keys}, "masked_rate": num(c["masked"] / c["occurrences"]) if c["occurrences"] else None}


def markdown(results: dict[str, dict[str, Any]], command: str, seconds: dict[str, float]) -> str:
    md = ["# Precision suite", "", f"`{command}` — {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}", ""]
    md += [
        "Default `Pseudonymizer()`. *fresh*: a new session per text; *shared*: all texts of the half",
        "through one session. *Protected*: occurrences of each text's `# protect:` words outside its",
        "marked spans; *masked*: any of their characters replaced (target 0). Recall and over-masking",
        "as in DESIGN.md.",
        "",
    ]
    for half, res in results.items():
        md += [f"## {half} half ({seconds[half]:.0f} s for both modes, measured under load)", ""]
        rows = []
        for mode in MODES:
            r = res[mode]
            pr, det = r["protected"], r["detection"]
            rows.append(
                [
                    mode,
                    pr["texts"],
                    pr["occurrences"],
                    pr["masked"],
                    fmt(pr["masked_rate"] or 0.0),
                    pr["texts_with_masked"],
                    fmt(det["overall"]["entity_recall"] or float("nan")),
                    fmt(det["over_masking"]),
                    pr["errors"],
                ]
            )
        md += [
            table(
                [
                    "mode",
                    "texts",
                    "protected",
                    "masked",
                    "masked rate",
                    "texts with masked word",
                    "entity recall",
                    "over-masking",
                    "errors",
                ],
                rows,
            ),
            "",
        ]
        crow = []
        for cat, c in res["fresh"]["per_category"].items():
            s = res["shared"]["per_category"][cat]
            crow.append(
                [
                    cat,
                    c["texts"],
                    c["occurrences"],
                    c["masked"],
                    s["masked"],
                    fmt(c["entity_recall"] or float("nan")),
                    fmt(c["over_masking"]),
                ]
            )
        md += [
            "Per category (masked: fresh / shared session; recall and over-masking: fresh):",
            "",
            table(
                ["category", "texts", "protected", "masked fresh", "masked shared", "entity recall", "over-masking"],
                crow,
            ),
            "",
        ]
        if "masked_words" in res["fresh"]:
            words = Counter(res["fresh"]["masked_words"]) + Counter(res["shared"]["masked_words"])
            listed = ", ".join(f"{w} ({n})" for w, n in words.most_common(40))
            md += [f"Masked protected words (dev, both modes): {listed or 'none'}", ""]
    return "\n".join(md) + "\n"


def show(items: list[Item], mode: str) -> None:
    for i in items:
        if i.error:
            print(f"{i.sample.id} [{mode}]: error {i.error}")
        for phrase, s, e, became in i.masked:
            ctx = i.sample.text[max(0, s - 30) : e + 30].replace("\n", " ")
            print(f"{i.sample.id} [{mode}]: {phrase!r} masked as {became}  …{ctx}…")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--show", action="store_true", help="print masked protected words of the dev half")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    if args.show and args.split == "test":
        ap.error("--show prints the dev half only; the test half is frozen and only scored")
    p = Pseudonymizer()
    p.pseudonymize("Warm-up for Jane Doe in Paris.", session=p.session())
    results: dict[str, dict[str, Any]] = {}
    seconds: dict[str, float] = {}
    for half in halves(args.split):
        samples = load_half(PRECISION_DIR, half)
        t0 = time.perf_counter()
        results[half] = {}
        for mode in MODES:
            items = run_mode(p, samples, mode)
            results[half][mode] = summarise(items, name_words=half == "dev")
            pr = results[half][mode]["protected"]
            print(
                f"{half}/{mode}: {pr['masked']}/{pr['occurrences']} protected occurrences masked "
                f"in {pr['texts_with_masked']}/{pr['texts']} texts"
            )
            if args.show and half == "dev":
                show(items, mode)
        seconds[half] = time.perf_counter() - t0
    command = ("python benchmarks/precision.py " + " ".join(argv if argv is not None else sys.argv[1:])).strip()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "precision.md").write_text(markdown(results, command, seconds), encoding="utf-8")
    data = {
        "command": command,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": {k: round(v, 1) for k, v in seconds.items()},
        "halves": results,
    }
    (args.out / "precision.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
