"""Evasion benchmark: does personal data written in an unusual form get through the default pipeline?

    python benchmarks/evasion.py [--split dev|test|both] [--show] [--only zero_width_space,nfd,…]

Every base text of `benchmarks/data/evasion/{dev,test}.txt` is rewritten by each transform of
`benchmarks/evasion_transforms.py` (zero-width characters, soft hyphen, NFD, fullwidth, line break
inside a name, lower/UPPER/Title case, Cyrillic and Greek look-alikes, non-breaking spaces, card,
IBAN and phone layouts, spelled-out e-mails) and pseudonymized by `Pseudonymizer()` (default
config) in a fresh session. Two checks per gold entity that the transform changed (its *targets*):

- leak: some alphanumeric character of the entity is not covered by a replaced span
  (`result.entities` offsets), i.e. part of it reaches the cloud model in clear;
- text leak: the pseudonymized output still contains the entity's normalised form (NFKC, zero-width
  and soft hyphen removed, look-alikes folded, casefolded; digits only for phone and card numbers),
  e.g. the engine replaced a span but wrote the original back, or masked the wrong place.

A variant counts as leaked when any of its gold entities leaks (targets or not). Target: 0 leaks.
Writes benchmarks/results/evasion.md and .json (counts only). `--show` prints the leaked variants
of the dev half (never of the frozen test half, which is only ever scored).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.evasion_transforms import BY_NAME, TRANSFORMS, Variant, normalise, variants  # noqa: E402
from benchmarks.suite_data import EVASION_DIR, halves, load_half  # noqa: E402
from pseudonym_core import Pseudonymizer  # noqa: E402
from pseudonym_lab.eval.data import LabeledSample  # noqa: E402
from pseudonym_lab.eval.metrics import coverage  # noqa: E402
from pseudonym_lab.eval.report import fmt, num, table  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SEP_NUMERIC = frozenset({"PHONE_NUMBER", "CREDIT_CARD"})


@dataclass
class Outcome:
    """One variant after pseudonymization; lists are indexed like `variant.spans`."""

    variant: Variant
    leaked: list[bool] = field(default_factory=list)
    text_leaked: list[bool] = field(default_factory=list)
    output: str = ""
    error: str = ""


def contains(output: str, entity: str, label: str) -> bool:
    """Whether the normalised `entity` occurs in the normalised `output` (as whole words for names)."""
    needle = normalise(entity, label)
    if not needle:
        return False
    hay = normalise(output, label)
    if label in SEP_NUMERIC or label == "IBAN_CODE":
        return needle in hay
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", hay) is not None


def run(p: Pseudonymizer, v: Variant) -> Outcome:
    out = Outcome(v)
    try:
        r = p.pseudonymize(v.text, session=p.session())
    except Exception as exc:  # an error is not a leak (nothing was sent), but it is reported
        out.error = type(exc).__name__
        return out
    cov = coverage(len(v.text), [(e.start, e.end) for e in r.entities])
    out.output = r.text
    for s in v.spans:
        alnum = [i for i in range(s.start, s.end) if v.text[i].isalnum()]
        out.leaked.append(not all(cov[i] for i in alnum))
        out.text_leaked.append(contains(r.text, v.text[s.start : s.end], s.label))
    return out


def run_all(p: Pseudonymizer, samples: list[LabeledSample], names: list[str] | None = None) -> list[Outcome]:
    """Every variant of every base text (also called by benchmarks/detection.py)."""
    return [run(p, v) for v in variants(samples, names)]


def summarise(outcomes: list[Outcome]) -> dict[str, Any]:
    """Counts per transform, per entity type (targets of all transforms but `original`), and both."""
    per_t: dict[str, Counter[str]] = defaultdict(Counter)
    per_l: dict[str, Counter[str]] = defaultdict(Counter)
    matrix: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for o in outcomes:
        v, c = o.variant, per_t[o.variant.transform]
        c["variants"] += 1
        if o.error:
            c["errors"] += 1
            continue
        c["variants_leaked"] += any(o.leaked)
        for i in v.targets:
            label = v.spans[i].label
            counters = [c, matrix[v.transform][label]] + ([per_l[label]] if v.transform != "original" else [])
            for k in counters:
                k["targets"] += 1
                k["leaked"] += o.leaked[i]
                k["text_leaked"] += o.text_leaked[i]
    order = [t.name for t in TRANSFORMS if t.name in per_t]
    total = sum((per_t[t] for t in order if t != "original"), Counter())
    return {
        "transforms": {t: _counts(per_t[t]) for t in order},
        "all_transforms": _counts(total),
        "labels": {lab: _counts(c) for lab, c in sorted(per_l.items())},
        "matrix": {t: {lab: _counts(c) for lab, c in sorted(matrix[t].items())} for t in order},
    }


def _counts(c: Counter[str]) -> dict[str, int | float | None]:
    d: dict[str, int | float | None] = {k: c[k] for k in ("variants", "variants_leaked", "errors") if k in c}
    d.update({k: c[k] for k in ("targets", "leaked", "text_leaked")})
    d["leak_rate"] = num(c["leaked"] / c["targets"]) if c["targets"] else None
    return d


def markdown(results: dict[str, dict[str, Any]], command: str, seconds: dict[str, float]) -> str:
    md = ["# Evasion suite", "", f"`{command}` — {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}", ""]
    md += [
        "Default `Pseudonymizer()`, a fresh session per variant. *Leaked*: a target entity (one the",
        "transform changed) with a character not covered by a replaced span; *text leak*: its normalised",
        "form still in the output; *variants leaked*: any gold entity of the variant not covered. Target: 0.",
        "",
    ]
    for half, res in results.items():
        md += [f"## {half} half ({seconds[half]:.0f} s, measured under load)", ""]
        rows = []
        for t, c in {**res["transforms"], "**all but original**": res["all_transforms"]}.items():
            rate = fmt(c["leak_rate"]) if c["leak_rate"] is not None else "–"
            rows.append(
                [
                    t,
                    c.get("variants", "–"),
                    c.get("variants_leaked", "–"),
                    c["targets"],
                    c["leaked"],
                    rate,
                    c["text_leaked"],
                    c.get("errors", 0),
                ]
            )
        md += [
            table(
                ["transform", "variants", "variants leaked", "targets", "leaked", "leak rate", "text leaks", "errors"],
                rows,
            ),
            "",
        ]
        lrows = [
            [
                lab,
                c["targets"],
                c["leaked"],
                fmt(c["leak_rate"]) if c["leak_rate"] is not None else "–",
                c["text_leaked"],
            ]
            for lab, c in res["labels"].items()
        ]
        md += [
            "Per entity type (targets of every transform except `original`):",
            "",
            table(["type", "targets", "leaked", "leak rate", "text leaks"], lrows),
            "",
        ]
    return "\n".join(md) + "\n"


def show(outcomes: list[Outcome]) -> None:
    """Print the leaked dev variants: transform, which entities leaked, input and output (repr)."""
    for o in outcomes:
        v = o.variant
        bad = [i for i in range(len(v.spans)) if o.leaked and (o.leaked[i] or o.text_leaked[i])]
        if not bad and not o.error:
            continue
        parts = []
        for i in bad:
            span = v.spans[i]
            parts.append(f"{span.label}{'' if o.leaked[i] else ' (text only)'} {v.text[span.start : span.end]!r}")
        what = ", ".join(parts)
        print(f"{v.id}: {o.error or what}\n  in:  {v.text!r}\n  out: {o.output!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--show", action="store_true", help="print leaked variants of the dev half")
    ap.add_argument("--only", default="", help="comma-separated transform names (default: all)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    if args.show and args.split == "test":
        ap.error("--show prints the dev half only; the test half is frozen and only scored")
    names = [n for n in args.only.split(",") if n]
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        ap.error(f"unknown transform(s) {unknown}; known: {', '.join(BY_NAME)}")
    p = Pseudonymizer()
    p.pseudonymize("Warm-up for Jane Doe in Paris.", session=p.session())
    results: dict[str, dict[str, Any]] = {}
    seconds: dict[str, float] = {}
    for half in halves(args.split):
        t0 = time.perf_counter()
        outcomes = run_all(p, load_half(EVASION_DIR, half), names or None)
        seconds[half] = time.perf_counter() - t0
        results[half] = summarise(outcomes)
        a = results[half]["all_transforms"]
        print(
            f"{half}: {len(outcomes)} variants, {a['leaked']}/{a['targets']} target entities leaked, "
            f"{a['text_leaked']} text leaks ({seconds[half]:.0f} s)"
        )
        if args.show and half == "dev":
            show(outcomes)
    command = "python benchmarks/evasion.py " + " ".join(argv if argv is not None else sys.argv[1:])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "evasion.md").write_text(markdown(results, command.strip(), seconds), encoding="utf-8")
    data = {
        "command": command.strip(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": {k: round(v, 1) for k, v in seconds.items()},
        "halves": results,
    }
    (args.out / "evasion.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
