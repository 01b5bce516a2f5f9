"""Training targets for the DET_tag tagger: gold spans rendered in the runtime's tag format.

The format itself (tags, prompt layout, chunking) is runtime code in
`pseudonym_core.detect.tagger_format`, because the detector reads it too; it is re-exported here so
training code has one import.
"""

from __future__ import annotations

from collections.abc import Sequence

from pseudonym_core.detect.tagger_format import (
    INSTRUCTIONS,
    MODES,
    SHORT_TAGS,
    label_of,
    prompt_text,
    split_chunks,
    tag_of,
)
from pseudonym_lab.eval.data import GoldSpan, LabeledSample

__all__ = [
    "INSTRUCTIONS",
    "MODES",
    "SHORT_TAGS",
    "label_of",
    "prompt_text",
    "split_chunks",
    "tag_of",
    "to_target",
]


def _non_overlapping(spans: Sequence[GoldSpan]) -> list[GoldSpan]:
    out: list[GoldSpan] = []
    for s in sorted(spans, key=lambda g: (g.start, -(g.end - g.start))):
        if s.end > s.start and (not out or s.start >= out[-1].end):
            out.append(s)
    return out


def to_target(sample: LabeledSample, mode: str) -> str:
    """The training target for one sample; overlapping gold spans keep the earliest, longest one."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    text, parts, pos = sample.text, [], 0
    for g in _non_overlapping(sample.spans):
        tag = tag_of(g.label)
        parts.append(text[pos : g.start])
        parts.append(f"<{tag}>{text[g.start : g.end]}</{tag}>" if mode == "mark" else f"<{tag}>")
        pos = g.end
    parts.append(text[pos:])
    return "".join(parts)
