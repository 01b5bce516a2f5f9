"""Shared reading of the precision and evasion suites (used by the two benchmarks and their test).

Each precision block lists, in ``# protect: word1, word2, …``, ordinary words and phrases that
must never be masked. A *protected occurrence* is every case-insensitive, whole-word match of such
a phrase that lies outside all marked spans (gold and IGNORE): "Grant" the person is marked, so
"grant" the verb and "Grant" at the start of "Grant him access" are protected occurrences.
Case-insensitive on purpose: an engine that propagates a name case-insensitively hits exactly
these forms.
"""

from __future__ import annotations

import re
from pathlib import Path

from pseudonym_lab.eval.data import LabeledSample, load_marked

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
PRECISION_DIR = DATA / "precision"
EVASION_DIR = DATA / "evasion"
HALVES = ("dev", "test")


def half_path(folder: Path, half: str) -> Path:
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, got {half!r}")
    return folder / f"{half}.txt"


def load_half(folder: Path, half: str) -> list[LabeledSample]:
    return load_marked(half_path(folder, half))


def halves(split: str) -> list[str]:
    """`--split dev|test|both` as a list of halves."""
    return list(HALVES) if split == "both" else [split]


def protect_phrases(sample: LabeledSample) -> list[str]:
    raw = sample.meta.get("protect", "")
    return [p.strip() for p in raw.split(",") if p.strip()]


def _phrase_regex(phrase: str) -> re.Pattern[str]:
    words = phrase.split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)


def protected_occurrences(sample: LabeledSample) -> dict[str, list[tuple[int, int]]]:
    """phrase -> [(start, end)] of its occurrences outside every marked span."""
    marked = [(s.start, s.end) for s in [*sample.spans, *sample.ignore]]
    out: dict[str, list[tuple[int, int]]] = {}
    for phrase in protect_phrases(sample):
        hits = []
        for m in _phrase_regex(phrase).finditer(sample.text):
            if not any(m.start() < e and s < m.end() for s, e in marked):
                hits.append((m.start(), m.end()))
        out[phrase] = hits
    return out


def unique_occurrences(sample: LabeledSample) -> list[tuple[str, int, int]]:
    """Protected occurrences, longest first where phrases overlap ("Action Input" over "Action",
    "Pro Max" over "Pro"), so each place in the text counts once."""
    found = [(phrase, s, e) for phrase, hits in protected_occurrences(sample).items() for s, e in hits]
    found.sort(key=lambda t: (t[1], -(t[2] - t[1])))
    out: list[tuple[str, int, int]] = []
    for phrase, s, e in found:
        if not out or s >= out[-1][2]:
            out.append((phrase, s, e))
    return out
