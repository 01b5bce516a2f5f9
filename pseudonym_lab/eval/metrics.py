"""Detection metrics exactly as DESIGN.md "How quality is measured" defines them.

Everything is counted on alphanumeric characters only, so punctuation and whitespace at span
edges ("Smith," vs "Smith") neither help nor hurt a detector:

- entity recall: a gold entity counts as found only when *all* its alphanumeric characters are
  covered by the union of predicted spans (partial masking leaks the rest of the name);
- character recall: covered gold alphanumeric characters / all gold alphanumeric characters;
- over-masking: covered non-PII alphanumeric characters / all non-PII alphanumeric characters
  (characters inside ``ignore`` spans, e.g. nationalities or ages the gold data leaves undecided,
  count as neither);
- span precision (secondary): share of predicted spans touching a gold or ignored entity. On
  template-generated data only template slots are labeled, so this understates real precision.

All functions are pure: text, gold spans and predicted ``(start, end)`` pairs in, numbers out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pseudonym_lab.eval.data import GoldSpan

Pair = tuple[int, int]


@dataclass(slots=True)
class TypeCounts:
    """Raw counts for one entity type (or all types together); ratios are derived properties."""

    samples: int = 0
    entities: int = 0
    entities_found: int = 0
    chars: int = 0
    chars_covered: int = 0

    @property
    def entity_recall(self) -> float:
        return self.entities_found / self.entities if self.entities else float("nan")

    @property
    def char_recall(self) -> float:
        return self.chars_covered / self.chars if self.chars else float("nan")

    def add(self, other: TypeCounts) -> None:
        self.samples += other.samples
        self.entities += other.entities
        self.entities_found += other.entities_found
        self.chars += other.chars
        self.chars_covered += other.chars_covered


@dataclass(slots=True)
class SampleScore:
    """Counts of one sample; summing these over a data set gives `DetectionScores`."""

    per_type: dict[str, TypeCounts] = field(default_factory=dict)
    nonpii_chars: int = 0
    nonpii_masked: int = 0
    pred_spans: int = 0
    pred_spans_on_entity: int = 0
    missed: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(slots=True)
class DetectionScores:
    """Aggregated scores over a data set, overall and per entity type."""

    per_type: dict[str, TypeCounts]
    overall: TypeCounts
    samples: int
    nonpii_chars: int
    nonpii_masked: int
    pred_spans: int
    pred_spans_on_entity: int

    @property
    def over_masking(self) -> float:
        return self.nonpii_masked / self.nonpii_chars if self.nonpii_chars else 0.0

    @property
    def span_precision(self) -> float:
        return self.pred_spans_on_entity / self.pred_spans if self.pred_spans else float("nan")


def coverage(length: int, spans: Iterable[Pair]) -> bytearray:
    """1 for every character position inside at least one span (clipped to the text)."""
    cov = bytearray(length)
    for start, end in spans:
        s, e = max(0, start), min(length, end)
        if e > s:
            cov[s:e] = b"\x01" * (e - s)
    return cov


def _alnum_positions(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if text[i].isalnum()]


def score_sample(
    text: str,
    gold: Sequence[GoldSpan],
    predicted: Iterable[Pair],
    ignore: Iterable[Pair] = (),
) -> SampleScore:
    """Score one text: gold entities vs the union of predicted spans."""
    pred = [(int(s), int(e)) for s, e in predicted]
    cov = coverage(len(text), pred)
    gold_cov = coverage(len(text), [(g.start, g.end) for g in gold])
    ign = list(ignore)
    ign_cov = coverage(len(text), ign)
    out = SampleScore(pred_spans=len(pred))
    for g in gold:
        pos = _alnum_positions(text, g.start, g.end)
        if not pos:
            continue
        counts = out.per_type.setdefault(g.label, TypeCounts(samples=1))
        hit = sum(cov[i] for i in pos)
        counts.entities += 1
        counts.chars += len(pos)
        counts.chars_covered += hit
        if hit == len(pos):
            counts.entities_found += 1
        else:
            out.missed.append((g.start, g.end, g.label))
    for i, ch in enumerate(text):
        if ch.isalnum() and not gold_cov[i] and not ign_cov[i]:
            out.nonpii_chars += 1
            out.nonpii_masked += cov[i]
    entity_cov = coverage(len(text), [(g.start, g.end) for g in gold] + ign)
    for s, e in pred:
        if any(entity_cov[i] and text[i].isalnum() for i in range(max(0, s), min(len(text), e))):
            out.pred_spans_on_entity += 1
    return out


def aggregate(scores: Iterable[SampleScore]) -> DetectionScores:
    """Sum per-sample counts; a type's `samples` is the number of texts containing that type."""
    per_type: dict[str, TypeCounts] = {}
    overall = TypeCounts()
    n = nonpii = masked = pred = on_ent = 0
    for sc in scores:
        n += 1
        nonpii += sc.nonpii_chars
        masked += sc.nonpii_masked
        pred += sc.pred_spans
        on_ent += sc.pred_spans_on_entity
        if sc.per_type:
            overall.samples += 1
        for label, c in sc.per_type.items():
            per_type.setdefault(label, TypeCounts()).add(c)
            overall.entities += c.entities
            overall.entities_found += c.entities_found
            overall.chars += c.chars
            overall.chars_covered += c.chars_covered
    return DetectionScores(dict(sorted(per_type.items())), overall, n, nonpii, masked, pred, on_ent)
