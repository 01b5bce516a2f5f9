"""The contract every detection strategy keeps.

Detectors only *propose* spans; the ensemble decides which survive (overlaps, thresholds,
allow lists). Keeping detectors this dumb is what lets any combination of the paper's DET_*
strategies be plugged in without touching the rest of the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Span:
    """A proposed entity: character offsets into the analysed text, never the text itself.

    Holding offsets rather than the original string keeps reprs and logs free of personal data.
    """

    start: int
    end: int
    label: str
    score: float
    source: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"invalid span offsets {self.start}..{self.end}")

    @property
    def length(self) -> int:
        return self.end - self.start


@runtime_checkable
class Detector(Protocol):
    """Anything that maps a text to candidate spans.

    `name` identifies the strategy in benchmark tables and in `Entity.source`.
    `detect_many` exists so model-backed detectors can batch; the default loops.
    """

    name: str

    def detect(self, text: str) -> list[Span]: ...

    def detect_many(self, texts: list[str]) -> list[list[Span]]: ...


class BaseDetector:
    """Convenience base: subclasses implement `detect`; batching falls back to a loop."""

    name: str = "base"

    def detect(self, text: str) -> list[Span]:  # pragma: no cover - abstract
        raise NotImplementedError

    def detect_many(self, texts: list[str]) -> list[list[Span]]:
        return [self.detect(t) for t in texts]


#: Kana, Han and Hangul: letters of scripts that run words together or glue particles on, as a
#: regex class body for the detectors that must not read them as part of a Latin word or code.
UNSPACED_LETTERS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
#: Those letters, CJK punctuation, compatibility ideographs and full-width signs ("，", "：").
_UNSPACED = re.compile(f"[\u3000-\u303f{UNSPACED_LETTERS}\uf900-\ufaff\uff00-\uff0f\uff1a-\uff20\uff5b-\uff65]")


def spaced_view(text: str) -> str:
    """The text with every Han, kana and Hangul letter and every full-width sign turned into a space.

    Chinese, Japanese and Korean write a number or code straight after its word and before the next
    ("身份证440305198811222325，", "チケットHD-2025-03-00874に", "910523-2144718로"). To Python's `\\b`
    and `\\w` those letters are word characters, so every value pattern that wants a word boundary
    missed them. One code point becomes one space: offsets found in the view hold for the text.
    """
    return _UNSPACED.sub(" ", text)
