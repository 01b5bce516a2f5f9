"""What a surrogate generator may ask of the session while it invents a value."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol


class SurrogateContext(Protocol):
    """The session's view offered to generators: randomness, collision checks, known components."""

    rng: random.Random
    date_offset_days: int

    def is_taken(self, candidate: str) -> bool:
        """True when `candidate` (or one of its words) equals an original word or another surrogate."""
        ...

    def component(self, original: str) -> str | None:
        """The surrogate already chosen for a name part or domain, if any."""
        ...

    def initial_for(self, letter: str, family: str | None) -> str | None:
        """The surrogate initial of a known person whose given name starts with `letter`."""
        ...

    def initials_of(self, family_surrogate: str) -> set[str]:
        """First letters of the surrogate given names already paired with this surrogate surname."""
        ...

    # optional: `exhausted: set[int]`, where `pick` remembers pools with nothing left to draw
    # optional: `people() -> list[tuple[str, str]]`, the latest (original, surrogate) person
    # mappings, newest first; e-mail surrogates follow them when the context offers it


@dataclass
class Generated:
    """A surrogate plus the part-level mappings it implies ("John"→"Mark", "acme.com"→"vexa.net")."""

    surrogate: str
    components: list[tuple[str, str, str]] = field(default_factory=list)  # (original, surrogate, label)


def match_case(model: str, value: str) -> str:
    """Give `value` the letter case pattern of `model` (UPPER, lower, Capitalized, or as generated).

    A capitalized occurrence of a lower-case original ("Salesperson" after "salesperson") must get a
    capitalized surrogate, or restoring it would bring the lower-case form back.
    """
    letters = [c for c in model if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return value.upper()
    if letters and all(c.islower() for c in letters):
        return value.lower()
    if model[:1].isupper() and value[:1].islower():
        return value[:1].upper() + value[1:]
    return value


def pick(ctx: SurrogateContext, candidates: Sequence[str], tries: int = 60) -> str | None:
    """A random candidate that collides with nothing in the session, or None.

    A context may offer `exhausted`: pools found to have nothing free. What is taken only grows
    within a session, so a pool once used up stays so; without this memo a long document paid a
    scan of the whole pool for each of thousands of entities once its pools ran out. A few draws
    come first, so a pool with room never pays for hashing the whole pool."""
    if not candidates:
        return None
    first = min(3, tries)
    for _ in range(first):
        value = ctx.rng.choice(candidates)
        if not ctx.is_taken(value):
            return value
    exhausted: set[int] | None = getattr(ctx, "exhausted", None)
    key = hash(tuple(candidates)) if exhausted is not None else 0
    if exhausted is not None and key in exhausted:
        return None
    for _ in range(tries - first):
        value = ctx.rng.choice(candidates)
        if not ctx.is_taken(value):
            return value
    free = [c for c in candidates if not ctx.is_taken(c)]
    if not free and exhausted is not None:
        exhausted.add(key)
    return ctx.rng.choice(free) if free else None
