"""Result types handed to callers.

Their reprs deliberately omit original text: results end up in debug logs, notebooks and
tracebacks, and rule 9 of the design says originals never appear there. For the same reason a
pickle of an Entity (or of a result holding entities) leaves the original out (`text` comes back
as None): pickles land in task queues, caches and disk. `pseudonym_core.with_originals(obj)`
pickles them whole when that is what the caller wants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .decide.explain import Dropped, Explanation


@dataclass(frozen=True, slots=True)
class Entity:
    """One replaced span: offsets and `text` refer to the original input, `surrogate` to the output."""

    start: int
    end: int
    text: str = field(repr=False)
    label: str
    surrogate: str
    score: float
    source: str
    #: Why it was masked (votes and rules), when the call asked for `explain=True`.
    explanation: Explanation | None = field(default=None, compare=False)

    def __repr__(self) -> str:
        return (
            f"Entity(start={self.start}, end={self.end}, label={self.label!r}, "
            f"surrogate={self.surrogate!r}, score={self.score:.2f}, source={self.source!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (Entity, (self.start, self.end, None, self.label, self.surrogate, self.score, self.source))

    def __copy__(self) -> Entity:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Entity:
        return self  # immutable; a copy inside the process may keep the original


@dataclass(frozen=True, slots=True)
class PseudonymizeResult:
    """What was produced for one input text; `text` is safe to send to a cloud model."""

    text: str
    entities: list[Entity]
    session_id: str
    #: What a model-backed strategy had to fall back on for this text (never contains input text).
    notes: tuple[str, ...] = ()
    #: Candidates that were not masked and why (only when the call asked for `explain=True`).
    dropped: tuple[Dropped, ...] = ()

    def __repr__(self) -> str:
        return f"PseudonymizeResult(text={self.text!r}, entities={len(self.entities)}, session_id={self.session_id!r})"

    def __deepcopy__(self, memo: dict[int, Any]) -> PseudonymizeResult:
        return PseudonymizeResult(self.text, list(self.entities), self.session_id, self.notes)
