"""Presidio's pattern recognizers (checksums included), run without Presidio's NLP engine.

Presidio's AnalyzerEngine insists on a full spaCy pipeline (parser, lemmatizer) just to boost
pattern scores by context words. We call the recognizers directly and apply the same boost with a
cheap window check, which is most of why this detector is several times faster than Presidio.
"""

from __future__ import annotations

import inspect
import logging
import re
import threading
from functools import lru_cache

from .base import BaseDetector, Span

log = logging.getLogger(__name__)

#: Presidio's own defaults for context enhancement (LemmaContextAwareEnhancer).
CONTEXT_BOOST = 0.35
MIN_SCORE_WITH_CONTEXT = 0.4
CONTEXT_WINDOW_WORDS = 5

#: Regions whose national formats the phone matcher accepts; "+CC" numbers match in any of them.
PHONE_REGIONS = ("US", "GB", "DE", "FR", "IN")

_WORD = re.compile(r"\w+")

# Recognizers that can only match when a given character is present; every other pattern
# recognizer needs a digit. Skipping them on texts without those characters costs nothing in recall.
_NEEDS_CHAR = {"EmailRecognizer": "@", "UrlRecognizer": ".", "IpRecognizer": ":", "MacAddressRecognizer": ":"}


def _offline_email_recognizer() -> object:
    """Presidio's EmailRecognizer validates with tldextract, which would download the suffix list."""
    import tldextract
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class OfflineEmailRecognizer(EmailRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return extractor(pattern_text).fqdn != ""

    rec = OfflineEmailRecognizer()
    rec.name = "EmailRecognizer"
    return rec


@lru_cache(maxsize=1)
def _load_recognizers() -> tuple[list[object], object]:
    """Instantiate every predefined pattern recognizer once per process (a few hundred regexes)."""
    import presidio_analyzer.predefined_recognizers as pr
    from presidio_analyzer import PatternRecognizer

    recognizers: list[object] = []
    for name in sorted(dir(pr)):
        cls = getattr(pr, name)
        if not (inspect.isclass(cls) and issubclass(cls, PatternRecognizer)) or name == "EmailRecognizer":
            continue
        try:
            recognizers.append(cls(supported_language="en"))
        except Exception as exc:  # a recognizer that cannot be built for English is simply not used
            log.debug("skipping %s: %s", name, type(exc).__name__)
    recognizers.append(_offline_email_recognizer())
    phone = pr.PhoneRecognizer(supported_regions=PHONE_REGIONS)
    return recognizers, phone


class PatternDetector(BaseDetector):
    """All Presidio pattern recognizers for the wanted labels, with Presidio-style context boost."""

    name = "patterns"

    def __init__(self, wanted: set[str] | None = None) -> None:
        recognizers, phone = _load_recognizers()
        self._recognizers = [r for r in recognizers if wanted is None or any(e in wanted for e in r.supported_entities)]
        self._phone = phone if wanted is None or "PHONE_NUMBER" in wanted else None
        self._lock = threading.Lock()  # Presidio recognizers keep no per-call state, but be safe

    def detect(self, text: str) -> list[Span]:
        has_digit = any(c.isdigit() for c in text)
        spans: list[Span] = []
        for rec in self._recognizers:
            needed = _NEEDS_CHAR.get(type(rec).__name__) or _NEEDS_CHAR.get(getattr(rec, "name", ""))
            if needed is not None:
                if needed not in text and not (has_digit and type(rec).__name__ == "IpRecognizer"):
                    continue
            elif not has_digit:
                continue
            for res in rec.analyze(text, rec.supported_entities, None):
                score = self._with_context(text, res.start, res.score, rec.context)
                spans.append(Span(res.start, res.end, res.entity_type, score, f"pattern:{rec.name}"))
        if self._phone is not None and has_digit:
            for res in self._phone.analyze(text, ["PHONE_NUMBER"], None):
                spans.append(Span(res.start, res.end, "PHONE_NUMBER", res.score, "pattern:phone"))
        return spans

    @staticmethod
    def _with_context(text: str, start: int, score: float, context: list[str] | None) -> float:
        """Boost a weak pattern when one of the recognizer's context words precedes it."""
        if not context or score >= 1.0:
            return score
        window = text[max(0, start - 80) : start].lower()
        words = _WORD.findall(window)[-CONTEXT_WINDOW_WORDS:]
        if any(w.startswith(c.lower()) or c.lower() in w for w in words for c in context):
            return min(1.0, max(score + CONTEXT_BOOST, MIN_SCORE_WITH_CONTEXT))
        return score
