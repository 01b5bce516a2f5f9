"""Why a span was masked or left alone: the decide stage's record, opt-in per call.

Like Presidio's `return_decision_process`, every kept entity can carry the votes of the
detectors that proposed it and the rules that shaped it, and every dropped candidate the rule
that dropped it. Explanations hold offsets, labels, scores and rule names only, never text, so
they are as safe to log as the rest of a result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..detect.base import Span


@dataclass(frozen=True, slots=True)
class Vote:
    """One detector's proposal that overlaps the entity (offsets into the caller's text)."""

    source: str
    label: str
    score: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Explanation:
    """The votes behind an entity and the rules, in order, that decided its extent and type."""

    votes: tuple[Vote, ...]
    rules: tuple[str, ...]

    def summary(self) -> str:
        voters = ", ".join(sorted({f"{v.source}:{v.label}" for v in self.votes})) or "none"
        return f"voted by {voters}; " + "; ".join(self.rules)


@dataclass(frozen=True, slots=True)
class Dropped:
    """A candidate that is not masked, and the rule that dropped it."""

    start: int
    end: int
    label: str
    source: str
    score: float
    reason: str


@dataclass
class Trace:
    """Collects rule notes while deciding (view offsets); cheap no-op when not explaining."""

    enabled: bool = False
    notes: list[tuple[int, int, str]] = field(default_factory=list)
    dropped: list[tuple[Span, str]] = field(default_factory=list)

    def note(self, span: Span, rule: str) -> None:
        if self.enabled:
            self.notes.append((span.start, span.end, rule))

    def drop(self, span: Span, reason: str) -> None:
        if self.enabled:
            self.dropped.append((span, reason))

    def rules_for(self, start: int, end: int) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for s, e, rule in self.notes:
            if s < end and start < e:
                seen.setdefault(rule, None)
        return tuple(seen)
