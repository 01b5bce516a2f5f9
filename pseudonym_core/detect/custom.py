"""User rules from the config: deny-list strings and custom regex / callable recognizers."""

from __future__ import annotations

import re

from ..config import CustomRecognizer
from ..errors import ConfigError
from .base import BaseDetector, Span

DENY_SCORE = 1.0


def word_pattern(strings: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    """One alternation over literal strings, longest first, matching only at word boundaries.

    Escaping every literal is what keeps "+1 (555)" or "a.b@c" from being read as regex syntax.
    """
    unique = sorted({s for s in strings if s}, key=len, reverse=True)
    if not unique:
        return None
    body = "|".join(re.escape(s) for s in unique)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)


class DenyListDetector(BaseDetector):
    name = "deny_list"

    def __init__(self, deny_list: dict[str, list[str]]) -> None:
        self._patterns = [(label, word_pattern(values)) for label, values in deny_list.items()]

    def detect(self, text: str) -> list[Span]:
        return [
            Span(m.start(), m.end(), label, DENY_SCORE, self.name)
            for label, pattern in self._patterns
            if pattern is not None
            for m in pattern.finditer(text)
        ]


class CustomDetector(BaseDetector):
    """Runs the user's regex and callable recognizers; a callable's bad offsets are a config error."""

    name = "custom"

    def __init__(self, recognizers: list[CustomRecognizer]) -> None:
        self._recognizers = recognizers
        self._compiled = [re.compile(r.pattern, r.flags) if r.pattern else None for r in recognizers]

    def detect(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for rec, compiled in zip(self._recognizers, self._compiled, strict=True):
            if compiled is not None:
                pairs = [m.span() for m in compiled.finditer(text) if m.end() > m.start()]
            else:
                assert rec.func is not None
                pairs = list(rec.func(text))
            for start, end in pairs:
                if not (0 <= start < end <= len(text)):
                    raise ConfigError(
                        f"custom recognizer for {rec.label} returned offsets {start}..{end} "
                        f"outside a text of length {len(text)}"
                    )
                spans.append(Span(start, end, rec.label, rec.score, f"custom:{rec.label}"))
        return spans
