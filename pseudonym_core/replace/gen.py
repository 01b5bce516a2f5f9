"""REP_gen: replacement through controlled generation (Hou et al., 2025), with a KV cache.

The local causal LM is asked to repeat the text; where a detected entity starts, its surrogate's
tokens are forced, and the model continues freely after it, so words that depend on the entity
("a"/"an", "he"/"she") can follow the surrogate instead of the original. `gen_copy` holds the
pointer/forcing loop; this module cuts long texts into pieces that fit the model, runs the guard
rail (every surrogate present, no original beyond REP_direct's) and falls back to REP_direct with
a note whenever anything goes wrong. The same mechanism runs in reverse in `restore_gen`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

import regex

from ..llm.local import UsesLocalLM
from ..stats import StrategyStats
from ..types import Entity
from .base import Replaced, _word, checked
from .gen_copy import CopyAborted, CopyStats, copy_with_forcing

if TYPE_CHECKING:
    from ..config import PseudonymizerConfig
    from ..llm.local import LocalLM
    from ..session import Session

SYSTEM = "You repeat texts exactly."
INSTRUCTION = "Repeat the following text exactly, word for word:\n\n"
_CUT = regex.compile(r"\n+|(?<=[.!?;:])[ \t]+")
Target = tuple[int, int, str]
_EVENTS = ("forced", "chosen", "discarded", "repairs", "rejoins", "banned")


def copy_prompt(tokenizer: Any, text: str) -> list[int]:
    """The chat prompt that asks for a verbatim copy; the copy starts right after it."""
    from ..llm.chat import chat_prompt

    return chat_prompt(tokenizer, INSTRUCTION + text, system=SYSTEM)


def split_chunks(
    text: str, spans: Sequence[Target], count: Callable[[str], int], max_tokens: int
) -> list[tuple[int, int]] | None:
    """Cut `text` at line breaks and sentence ends (never inside a span) into pieces of at most
    `max_tokens`; None when one sentence alone is too long. A small model copies short pieces far
    more faithfully, and each piece gets its own prompt and cache."""
    if count(text) <= max_tokens:
        return [(0, len(text))]
    cuts = [m.end() for m in _CUT.finditer(text) if not any(s < m.end() < e for s, e, _ in spans)]
    pieces = [(a, b) for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if b > a]
    chunks: list[tuple[int, int]] = []
    for a, b in pieces:
        if count(text[a:b]) > max_tokens:
            return None
        if chunks and count(text[chunks[-1][0] : b]) <= max_tokens:
            chunks[-1] = (chunks[-1][0], b)
        else:
            chunks.append((a, b))
    return chunks


def forced_copy(
    lm: LocalLM,
    text: str,
    targets: Sequence[Target],
    banned: Collection[str],
    stats: StrategyStats,
    max_chunk_tokens: int = 384,
    **options: Any,
) -> str:
    """`text` copied by the model with every target (start, end, replacement) forced; raises CopyAborted.

    Leading and trailing whitespace of each piece is kept verbatim: chat models drop it, and it
    carries no meaning worth adapting.
    """
    tok = lm.tokenizer
    targets = sorted(targets)
    chunks = split_chunks(text, targets, lambda s: len(tok(s, add_special_tokens=False)["input_ids"]), max_chunk_tokens)
    if chunks is None:
        raise CopyAborted("text too long for the context window")
    if len(chunks) > 1:
        stats.count("split_texts")
    out: list[str] = []
    total = CopyStats()
    with lm.lock:
        for a, b in chunks:
            piece = text[a:b]
            lead = len(piece) - len(piece.lstrip())
            core = piece.strip()
            if not core:
                out.append(piece)
                continue
            shift = a + lead
            local = [(s - shift, e - shift, v) for s, e, v in targets if a <= s < b]
            copied, st = copy_with_forcing(lm, copy_prompt(tok, core), core, local, banned, **options)
            out.append(piece[:lead] + copied + piece[lead + len(core) :])
            for event in _EVENTS:
                setattr(total, event, getattr(total, event) + getattr(st, event))
    for event in _EVENTS:
        stats.count(f"tokens_{event}" if event in ("forced", "chosen", "discarded") else event, getattr(total, event))
    return "".join(out)


def _failure(exc: Exception) -> str:
    """A fallback reason without input text: our own reasons as they are, anything else by type."""
    return str(exc) if isinstance(exc, CopyAborted) else f"model error ({type(exc).__name__})"


class GenReplacer(UsesLocalLM):
    """REP_gen as a strategy: controlled generation by the local LM, REP_direct when it fails.

    `kv_cache=False` re-runs the whole sequence for every token (the paper's reference code) and
    exists only to measure what the cache saves. Other keyword options go to `gen_copy.Copier`
    (window, max_unsynced, max_repairs, repair).
    """

    name = "gen"

    def __init__(
        self,
        cfg: PseudonymizerConfig | None = None,
        *,
        lm: LocalLM | None = None,
        max_chunk_tokens: int = 384,
        **options: Any,
    ) -> None:
        self.stats = StrategyStats()
        super().__init__(cfg.local_lm if cfg is not None else None, lm)
        self.max_chunk_tokens = max_chunk_tokens
        self.options = options

    def replace(self, text: str, entities: Sequence[Entity]) -> Replaced:
        if not entities:
            return Replaced(text)
        output: str | None = None
        failure: str | None = None
        try:
            targets = [(e.start, e.end, e.surrogate) for e in entities]
            output = forced_copy(
                self.lm, text, targets, {e.text for e in entities}, self.stats, self.max_chunk_tokens, **self.options
            )
        except Exception as exc:  # bad model output or a broken model never crashes the pipeline
            failure = _failure(exc)
        result = checked("REP_gen", self.stats, text, entities, output, failure)
        self.stats.count("fell_back" if result.notes else "used")
        return result


def restore_gen(
    text: str, session: Session, lm: LocalLM | None = None, stats: StrategyStats | None = None, **options: Any
) -> Replaced:
    """Restoration through the same mechanism: the session's restorer finds the surrogate spans,
    their originals are forced, and the model may adapt what follows ("he" back to "she").

    Falls back to the restorer's plain output (with a note) unless every original is back and no
    surrogate remains beyond what plain restoration leaves.
    """
    stats = stats if stats is not None else StrategyStats()
    restorer = session.restorer()
    baseline = restorer.restore(text)
    spans: list[Target] = [(m.start, m.end, m.value) for m in restorer.matches(text)]
    if not spans:
        return Replaced(baseline)
    stats.count("calls")
    surrogates = {text[s:e] for s, e, _ in spans}
    try:
        if lm is None:
            from ..llm.local import shared_lm

            lm = shared_lm()
        output = forced_copy(lm, text, spans, surrogates, stats, **options)
    except Exception as exc:
        return Replaced(baseline, (stats.fallback("REP_gen restore", _failure(exc)),))
    reason = None
    if any(v not in output for _, _, v in spans):
        reason = "an original is missing from the output"
    elif any(len(_word(s).findall(output)) > len(_word(s).findall(baseline)) for s in surrogates):
        reason = "a surrogate is present in the output"
    if reason is not None:
        return Replaced(baseline, (stats.fallback("REP_gen restore", reason),))
    stats.count("used")
    return Replaced(output)
