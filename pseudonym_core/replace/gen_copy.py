"""The core of REP_gen: a causal LM copies a source text while a pointer tracks where it is.

The model is greedy and free, except that (1) where a target span starts (an entity, or in the
reverse direction a surrogate), the tokens of the remaining gap plus the span's replacement are
forced into the KV cache and the pointer jumps over the span, and (2) banned strings (the
originals) can never be chosen: a token that would complete one is masked and the next best taken.
Everything the model writes is compared with the source at the pointer. When it deviates (an
adapted word: "a" → "an", "she" → "he"), the deviation is kept only if the output rejoins the
source within a small window and the change is an `adaptation` (articles, gendered pronouns and
titles; measured on SmolLM2-135M, freer swaps were mostly copying errors: "by" → "to",
an invented ", Germany"); otherwise the cache is cropped back to where it deviated and the
next source word is forced (a "repair"), because a 135M model drifts often and one drift should
not cost the whole rewrite. Too many repairs, a runaway length or the context limit abort.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import regex

from ..llm.chat import Decoder, context_limit, end_ids
from .gen_align import ADAPTABLE, adaptation, contains_banned, crossing, rejoin

_WORD = regex.compile(r"\s*(?:[\p{L}\p{N}]+|[^\s\p{L}\p{N}])")


class CopyAborted(Exception):
    """The copy cannot be trusted; the message is a reason without input text."""


@dataclass
class CopyStats:
    """Per-copy token counts (forced vs chosen) and events, summed into the strategy's stats."""

    forced: int = 0
    chosen: int = 0
    #: chosen tokens later rolled back by a repair (fed once, then cropped from the cache)
    discarded: int = 0
    repairs: int = 0
    rejoins: int = 0
    banned: int = 0
    forward_calls: int = 0
    fed_lengths: list[int] = field(default_factory=list)


class RecomputeDecoder(Decoder):
    """A decoder without KV cache (the paper's reference behaviour): every step re-runs everything.

    Only for measuring what the cache saves; same interface as `Decoder`.
    """

    def feed(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        if len(ids) > self.room:
            raise OverflowError(f"sequence would exceed the model's {self.limit}-token context")
        self.ids.extend(ids)
        with self._torch.inference_mode():
            out = self.model(input_ids=self._torch.tensor([self.ids]), use_cache=False)
        self.logits = out.logits[0, -1].float()


class Copier:
    """One forced copy of `src` (call under the model's lock)."""

    def __init__(
        self,
        lm: Any,
        prompt_ids: Sequence[int],
        src: str,
        targets: Sequence[tuple[int, int, str]],
        banned: Collection[str] = (),
        *,
        window: int = 16,
        max_words: int = 1,
        max_unsynced: int = 6,
        max_repairs: int | None = None,
        repair: bool = True,
        kv_cache: bool = True,
    ) -> None:
        self.lm = lm
        self.tok = lm.tokenizer
        self.src = src
        self.targets = sorted(targets)
        words = sorted({b for b in banned if b.strip()}, key=len, reverse=True)
        self.ban_pattern = (
            regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(regex.escape(w) for w in words) + ")", regex.IGNORECASE)
            if words
            else None
        )
        self.ban_len = max((len(w) for w in words), default=0) + 1
        self.window, self.max_words, self.max_unsynced, self.repair = window, max_words, max_unsynced, repair
        n_src = len(self.tok(src, add_special_tokens=False)["input_ids"])
        self.max_len = 2 * n_src + 16
        self.max_repairs = max_repairs if max_repairs is not None else 2 + n_src // 8
        self.ends = end_ids(self.tok)
        self.stats = CopyStats()
        if len(prompt_ids) + n_src + 8 > context_limit(lm.model):
            raise CopyAborted("text too long for the context window")
        self.dec = (Decoder if kv_cache else RecomputeDecoder)(lm, prompt_ids)
        self.n_prompt = len(prompt_ids)
        self.out: list[str] = []
        self.out_len = 0

    # -- feeding ---------------------------------------------------------------------------
    def _feed(self, ids: Sequence[int], forced: bool) -> None:
        try:
            self.dec.feed(ids)
        except OverflowError:
            raise CopyAborted("context window exceeded") from None
        self.stats.forward_calls += 1
        self.stats.fed_lengths.append(len(ids))
        if forced:
            self.stats.forced += len(ids)
        else:
            self.stats.chosen += len(ids)

    def _force(self, text: str) -> None:
        if text:
            self._feed(self.tok(text, add_special_tokens=False)["input_ids"], forced=True)
            self._emit(text)

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.out_len += len(text)

    def _tail(self) -> str:
        return "".join(self.out)[-self.ban_len :] if self.ban_pattern is not None else ""

    def _piece(self, ids: Sequence[int]) -> str:
        """Text of freshly chosen `ids`, decoded after the two previous answer tokens for spacing."""
        ctx = self.dec.ids[max(self.n_prompt, len(self.dec.ids) - 2) :]
        kw = {"skip_special_tokens": False, "clean_up_tokenization_spaces": False}
        return self.tok.decode([*ctx, *ids], **kw)[len(self.tok.decode(ctx, **kw)) :]

    def _next_target(self, pos: int) -> tuple[int, int, str] | None:
        return next((t for t in self.targets if t[0] >= pos), None)

    # -- the loop ----------------------------------------------------------------------------
    def run(self) -> str:
        src, pos = self.src, 0
        dev: tuple[int, int, Any, int, int] | None = None  # pos0, n_ids, logits, n_out, tokens
        dev_text = ""
        while True:
            target = self._next_target(pos)
            limit = target[0] if target else len(src)
            if dev is None and pos >= len(src):
                return "".join(self.out)
            if dev is None and target is not None and pos == target[0]:
                self._force(target[2])
                pos = target[1]
                continue
            if len(self.dec.ids) - self.n_prompt > self.max_len:
                raise CopyAborted("runaway output length")
            if self.dec.room < 2:
                raise CopyAborted("context window exceeded")
            qs = [pos] if dev is None else range(dev[0], min(limit, dev[0] + self.window) + 1)
            hit = partial(self._hit, qs, target, None if dev is None else dev_text)
            tok, piece = self._choose(hit)
            if tok is None:  # nothing acceptable: treat like a failed deviation
                pos, dev, dev_text = self._repair(pos, dev), None, ""
                continue
            if tok in self.ends:
                if dev is not None and target is None and self._swap(dev_text, src[dev[0] :]):
                    return "".join(self.out)  # the adapted ending replaces the last word of the source
                if dev is None and not src[pos:].strip():
                    self._emit(src[pos:])
                    return "".join(self.out)
                pos, dev, dev_text = self._repair(pos, dev), None, ""
                continue
            ids = [tok]
            # a token that runs into the next target: force the gap and the replacement instead
            q = hit(piece)
            if q is not None and target is not None:
                if dev is not None:
                    self.stats.rejoins += 1
                self._force(src[q : target[0]] + target[2])
                pos, dev, dev_text = target[1], None, ""
                continue
            if dev is None:
                if src.startswith(piece, pos) and pos + len(piece) <= limit:
                    self._feed(ids, forced=False)
                    self._emit(piece)
                    pos += len(piece)
                    continue
                if target is None and piece.startswith(src[pos:]) and src[pos:]:
                    self._emit(src[pos:])  # the source ends inside this token (".\n"): keep the source's end
                    return "".join(self.out)
                dev = (pos, len(self.dec.ids), self.dec.logits, len(self.out), 0)
            self._feed(ids, forced=False)
            self._emit(piece)
            dev_text += piece
            dev = (dev[0], dev[1], dev[2], dev[3], dev[4] + len(ids))
            joined = rejoin(src, dev[0], limit, self.window, dev_text, piece, self.max_words)
            if joined is not None:
                self.stats.rejoins += 1
                pos, dev, dev_text = joined, None, ""
            elif dev[4] >= self.max_unsynced:
                pos, dev, dev_text = self._repair(pos, dev), None, ""

    def _hit(
        self, qs: Sequence[int], target: tuple[int, int, str] | None, dev_text: str | None, piece: str
    ) -> int | None:
        """The source position from which `piece` runs into `target`, if any (see `crossing`).

        While deviating (`dev_text` is what was written since), reaching the target is a rejoin
        and obeys the same local-swap limit as `rejoin`.
        """
        if target is None:
            return None
        if dev_text is None:
            return next((q for q in qs if crossing(self.src, q, target, piece)), None)
        for q in qs:
            if crossing(self.src, q, target, piece, strict=True) and adaptation(
                dev_text, self.src[qs[0] : q], self.max_words
            ):
                return q
        return None

    def _swap(self, said: str, skipped: str) -> bool:
        """Is writing `said` for source text `skipped` a local adaptation rather than a rewrite?"""
        return len(skipped) <= self.window and adaptation(said, skipped, self.max_words)

    def _choose(self, hit: Callable[[str], int | None]) -> tuple[int | None, str]:
        """The greedy token that completes no banned string (None after too many refusals).

        A token that runs into the next target is fine whatever it spells: it is never fed, the
        target's replacement is forced in its place. A token that ends inside a character (byte-level
        vocabularies split rare characters) gives None too: the repair then forces the source word,
        which is simpler and safer than aligning half characters.
        """
        banned: list[int] = []
        tail = self._tail()
        for _ in range(8):
            tok = self.dec.greedy(banned)
            piece = self._piece([tok])
            if piece.endswith("\ufffd"):
                return None, ""
            if tok in self.ends or hit(piece) is not None or not contains_banned(self.ban_pattern, tail, piece):
                return tok, piece
            self.stats.banned += 1
            banned.append(tok)
        return None, ""

    def _repair(self, pos: int, dev: tuple[int, int, Any, int, int] | None) -> int:
        """Undo a deviation (crop the cache) and force the next source word; returns the new pointer."""
        if not self.repair:
            raise CopyAborted("model could not stay in sync with the source")
        self.stats.repairs += 1
        if self.stats.repairs > self.max_repairs:
            raise CopyAborted("too many repairs: model could not stay in sync with the source")
        if dev is not None:
            pos, n_ids, logits, n_out, _ = dev
            self.stats.discarded += len(self.dec.ids) - n_ids
            self.stats.chosen -= len(self.dec.ids) - n_ids
            if self.dec.past is not None and len(self.dec.ids) > n_ids:
                # a negative count removes that many positions in old and new transformers alike
                self.dec.past.crop(n_ids - len(self.dec.ids))
            self.dec.ids = self.dec.ids[:n_ids]
            self.dec.logits = logits
            del self.out[n_out:]
            self.out_len = sum(len(p) for p in self.out)
        target = self._next_target(pos)
        limit = target[0] if target else len(self.src)
        m = _WORD.match(self.src, pos, limit)
        end = m.end() if m and m.end() > pos else limit
        self._force(self.src[pos:end])
        return end


def copy_with_forcing(
    lm: Any,
    prompt_ids: Sequence[int],
    src: str,
    targets: Sequence[tuple[int, int, str]],
    banned: Collection[str] = (),
    **options: Any,
) -> tuple[str, CopyStats]:
    """Copy `src` with `targets` (start, end, replacement) forced; raises `CopyAborted` with a reason."""
    copier = Copier(lm, prompt_ids, src, targets, banned, **options)
    return copier.run(), copier.stats


__all__ = [
    "ADAPTABLE",
    "CopyAborted",
    "CopyStats",
    "RecomputeDecoder",
    "adaptation",
    "copy_with_forcing",
    "crossing",
    "rejoin",
]
