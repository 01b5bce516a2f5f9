"""The replacement stage's contract, its guard rail and its registry.

A replacer turns the original text plus the session's decisions (which spans, which surrogates)
into the text that leaves the machine. The mapping is fixed before a replacer runs, so a replacer
can only change the wording around surrogates, never which originals are hidden: the guard rail
below checks exactly that, and any replacer whose output fails it is replaced by REP_direct.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import regex

from ..errors import ConfigError
from ..lazy import lazy_factory
from ..stats import StrategyStats
from ..types import Entity
from .direct import splice

if TYPE_CHECKING:
    from ..config import PseudonymizerConfig


@dataclass(frozen=True, slots=True)
class Replaced:
    """A replacer's output; `notes` say when it fell back (they never contain input text)."""

    text: str
    notes: tuple[str, ...] = ()


class Replacer(Protocol):
    name: str
    stats: StrategyStats

    def replace(self, text: str, entities: Sequence[Entity]) -> Replaced: ...


def direct(text: str, entities: Sequence[Entity]) -> str:
    """REP_direct: the surrogates spliced in at the entities' offsets."""
    return splice(text, [(e.start, e.end, e.surrogate) for e in sorted(entities, key=lambda e: e.start)])


class DirectReplacer:
    """REP_direct as a strategy object (the default; cannot fail, so it never falls back)."""

    name = "direct"

    def __init__(self, cfg: PseudonymizerConfig | None = None) -> None:
        self.stats = StrategyStats()

    def replace(self, text: str, entities: Sequence[Entity]) -> Replaced:
        return Replaced(direct(text, entities))


def _word(value: str) -> regex.Pattern[str]:
    return regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(value) + r"(?![\p{L}\p{N}])", regex.IGNORECASE)


def guard(output: str, text: str, entities: Sequence[Entity]) -> str | None:
    """Why a rewritten `output` is unsafe, or None when it may be sent.

    Safe means: every surrogate is there (restoration needs it), and no original occurs more often
    than in the direct replacement (an original the detectors missed elsewhere in the text is left
    by REP_direct too, so it is not the rewrite's fault; anything beyond that is a leak).
    """
    if not output.strip():
        return "empty output"
    for e in entities:
        if e.surrogate not in output:
            return "a surrogate is missing from the output"
    baseline = direct(text, entities)
    for original in {e.text for e in entities}:
        pattern = _word(original)
        if len(pattern.findall(output)) > len(pattern.findall(baseline)):
            return "an original is present in the output"
    return None


def checked(
    strategy: str,
    stats: StrategyStats,
    text: str,
    entities: Sequence[Entity],
    output: str | None,
    failure: str | None = None,
) -> Replaced:
    """The rewrite when it passes `guard`, else REP_direct plus a note saying why."""
    stats.count("calls")
    reason = failure or (guard(output, text, entities) if output is not None else "no output")
    if reason is None:
        assert output is not None
        return Replaced(output)
    return Replaced(direct(text, entities), (stats.fallback(strategy, reason),))


ReplacerFactory = Callable[["PseudonymizerConfig"], Replacer]
_REGISTRY: dict[str, ReplacerFactory] = {}


def register_replacer(name: str, factory: ReplacerFactory) -> None:
    """Make a replacement strategy available under `name` in `PseudonymizerConfig.replacer`."""
    _REGISTRY[name] = factory


def build_replacer(cfg: PseudonymizerConfig) -> Replacer:
    if cfg.replacer not in _REGISTRY:
        raise ConfigError(f"unknown replacer {cfg.replacer!r}; available: {sorted(_REGISTRY)}")
    return _REGISTRY[cfg.replacer](cfg)


register_replacer("direct", DirectReplacer)
register_replacer("prompt", lazy_factory(f"{__package__}.prompt", "PromptReplacer"))
register_replacer("gen", lazy_factory(f"{__package__}.gen", "GenReplacer"))
