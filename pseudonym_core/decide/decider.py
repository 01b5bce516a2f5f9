"""The decide stage: from every detector's proposals to the spans that get masked.

Detectors only propose; every decision after detection lives here, in one order, and each can
be explained: per-candidate rules (types, thresholds, allow list, dates, common words), type
resolution between detectors, known-entity matching and propagation, overlap resolution and
merging. The pipeline then mints surrogates for what this stage returns.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import PseudonymizerConfig
from ..detect.base import Span
from .explain import Trace
from .filters import drop_reason
from .index import tokens
from .propagate import known_spans
from .resolve import resolve
from .types import retype, trim_person_words
from .words import is_framework_text

if TYPE_CHECKING:
    from ..session import Session

_TIME_AFTER = re.compile(r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s?[AaPp]\.?[Mm]\.?)?(?!\d)")


@dataclass(frozen=True, slots=True)
class Decision:
    """Final spans (offsets into the analysed view), the raw votes, and the trace behind them."""

    spans: list[Span]
    votes: list[Span]
    trace: Trace


class Decider:
    """One per pipeline; stateless apart from the config, so it is shared across threads."""

    def __init__(self, cfg: PseudonymizerConfig) -> None:
        self.cfg = cfg
        self.allow = {a.casefold() for a in cfg.allow_list}

    def decide(self, text: str, raw: list[Span], sess: Session, explain: bool = False) -> Decision:
        """Must run under the session's lock: it reads the session's vault index."""
        trace = Trace(enabled=explain)
        if not text.strip():
            return Decision([], raw, trace)
        sources: dict[tuple[int, int], set[str]] = defaultdict(set)
        for s in raw:
            sources[(s.start, s.end)].add(s.source)
        kept: list[Span] = []
        support = _support(raw)
        for s in raw:
            reason = drop_reason(self.cfg, text, s, sources[(s.start, s.end)], self.allow, support.get(id(s), set()))
            if reason is None:
                s = _with_time(text, s) if s.label == "DATE_TIME" else trim_person_words(text, s, trace)
                trace.note(s, f"kept {s.label} from {s.source} (score {s.score:.2f})")
                kept.append(s)
            else:
                trace.drop(s, reason)
        kept = retype(text, kept, trace)
        toks = tokens(text)
        extra = known_spans(text, toks, kept, sess, self.cfg.surrogates_in_input, trace) if self._matching else []
        extra = [s for s in extra if self._free_text(text, s, trace)]
        extra = _unshield(kept + extra, extra, trace)
        spans = resolve(text, kept + extra, trace)
        final = []
        for s in spans:
            if s.source == "surrogate":
                continue  # the session's own surrogates ("keep" mode) only shield their text
            if text[s.start : s.end].casefold() in self.allow:
                trace.drop(s, "on the allow list")
                continue
            final.append(s)
        return Decision(final, raw, trace)

    @property
    def _matching(self) -> bool:
        return self.cfg.known_entity_matching

    def _free_text(self, text: str, span: Span, trace: Trace) -> bool:
        value = text[span.start : span.end]
        if value.casefold() in self.allow or is_framework_text(value):
            trace.drop(span, "on the allow list" if value.casefold() in self.allow else "a prompt-template word")
            return False
        return True


def _support(raw: list[Span]) -> dict[int, set[str]]:
    """For each proposal, "source:LABEL" of every proposal that covers at least half of it."""
    ordered = sorted(raw, key=lambda x: x.start)
    starts = [x.start for x in ordered]
    longest = max((x.length for x in raw), default=0)
    out: dict[int, set[str]] = {}
    for s in raw:
        window = ordered[bisect_left(starts, s.start - longest) : bisect_right(starts, s.end)]
        out[id(s)] = {
            f"{o.source}:{o.label}" for o in window if min(o.end, s.end) - max(o.start, s.start) >= s.length / 2
        }
    return out


#: Sources that name an original outright: the user's rules and the session's own vault.
_ORIGINAL_SOURCES = ("deny_list", "custom", "known")


def _unshield(candidates: list[Span], extra: list[Span], trace: Trace) -> list[Span]:
    """Drop a "surrogate" shield where the very same text is also a known or user-declared
    original: a real person may carry a name the session once drew as a surrogate (possible when
    another process drew it before this one saw that person), and then masking wins over passing
    the text through as "already pseudonymized"."""
    originals = {(s.start, s.end) for s in candidates if s.source.startswith(_ORIGINAL_SOURCES)}
    if not originals:
        return extra
    out = []
    for s in extra:
        if s.source == "surrogate" and (s.start, s.end) in originals:
            trace.drop(s, "also a known or user-declared original: masked rather than passed through")
            continue
        out.append(s)
    return out


def _with_time(text: str, span: Span) -> Span:
    """A full date followed by a time of day becomes one entity, so the timestamp moves as a whole."""
    m = _TIME_AFTER.match(text, span.end)
    return Span(span.start, m.end(), span.label, span.score, span.source) if m else span
