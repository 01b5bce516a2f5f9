"""Counters the model-backed strategies keep, so fallbacks are visible rather than silent.

A strategy that could not use its model's answer (malformed JSON, a rewrite that dropped a
surrogate) falls back to a safe behaviour and counts why here; `Pseudonymizer.strategy_stats()`
and the evaluation table report the counts. Event names never contain text from the input.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter

log = logging.getLogger("pseudonym_core.strategies")


class StrategyStats:
    """A thread-safe event counter; `fallback` also logs a warning (without any input text)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def count(self, event: str, n: int = 1) -> None:
        with self._lock:
            self._counts[event] += n

    def fallback(self, strategy: str, reason: str) -> str:
        """Count and log a fallback; returns the note that goes into the result."""
        self.count(f"fallback:{reason}")
        note = f"{strategy} fell back: {reason}"
        log.warning(note)
        return note

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)
