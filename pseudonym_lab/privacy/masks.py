"""Token-level privacy masks: which tokens of a synthesised sample are personal data.

The detection stage of the runtime decides, not a rule written for unlearning: every sample runs
through `Pseudonymizer(...).pseudonymize_many(..., explain=False)`, and the character spans of its
entities (of the target types, if given) become a mask over the sample's tokens. All samples share
one session, so a value detected in one sample is also masked where another sample repeats it in a
form the detectors alone would miss (the engine's known-entity matching). Target strings given by the
user are masked wherever they occur, whatever the detectors say.

Each masked span also gets a *surrogate* of the same format (`canaries.random_like`: digits for
digits, letters for letters), so the contrastive loss can prefer "a value like this" over "this
value" — forgetting the value, not the kind of sentence.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pseudonym_lab.privacy.canaries import random_like
from pseudonym_lab.privacy.inversion import Sample


@dataclass(frozen=True)
class MaskedSample:
    """Token ids of a sample, where loss applies (after the prompt), the private tokens among them,
    and the same for a copy with every private span replaced by a surrogate."""

    ids: list[int]
    loss_from: int  # first token index whose prediction is trained (the completion's first token)
    private: list[bool]  # per token: inside a detected private span
    surrogate_ids: list[int]
    surrogate_private: list[bool]

    @property
    def has_private(self) -> bool:
        return any(self.private[self.loss_from :])

    def __repr__(self) -> str:
        return f"MaskedSample(tokens={len(self.ids)}, private={sum(self.private)})"


def detect_spans(
    texts: Sequence[str], pseudonymizer: Any, types: Sequence[str] | None = None, strings: Sequence[str] = ()
) -> list[list[tuple[int, int, str]]]:
    """(start, end, label) of the private spans of each text: detected entities plus target strings.

    `pseudonymizer` None skips detection (only `strings` count).
    """
    found: list[list[Any]] = [[] for _ in texts]
    if pseudonymizer is not None and texts:
        found = _detect(list(texts), pseudonymizer)
    wanted = set(types) if types else None
    out: list[list[tuple[int, int, str]]] = []
    for text, entities in zip(texts, found, strict=True):
        spans = [(e.start, e.end, e.label) for e in entities if wanted is None or e.label in wanted]
        for s in strings:
            pos = text.find(s) if s else -1
            while pos >= 0:
                spans.append((pos, pos + len(s), "TARGET"))
                pos = text.find(s, pos + 1)
        out.append(sorted(spans))
    return out


def _detect(texts: list[str], pseudonymizer: Any) -> list[list[Any]]:
    """Entities of each text, all texts in one session (known-entity matching across samples).

    If the engine refuses the shared session (a `VaultError` seen on some batches of model output,
    reported upstream), each text is detected in a session of its own instead: less recall across
    samples, but never a lost sample.
    """
    from pseudonym_core.errors import VaultError

    try:
        results = pseudonymizer.pseudonymize_many(texts, session=pseudonymizer.session(), explain=False)
    except VaultError:
        results = [pseudonymizer.pseudonymize(t, session=pseudonymizer.session(), explain=False) for t in texts]
    return [r.entities for r in results]


def _tokens_with_offsets(tokenizer: Any, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids, offs = list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]
    bos = getattr(tokenizer, "bos_token_id", None)
    if bos is not None:
        ids, offs = [bos, *ids], [(0, 0), *offs]
    return ids, offs


def token_mask(offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int, str]]) -> list[bool]:
    """True for each token whose characters overlap a span (a token half inside a value is private)."""
    return [any(a < end and start < b for start, end, _ in spans) for a, b in offsets]


def _replace(
    text: str, spans: Sequence[tuple[int, int, str]], rng: random.Random
) -> tuple[str, list[tuple[int, int, str]]]:
    """The text with each (non-overlapping) span replaced by a same-format random value, and the new spans."""
    merged: list[tuple[int, int, str]] = []
    for s in sorted(spans):
        if merged and s[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], s[1]), merged[-1][2])
        else:
            merged.append(s)
    parts, new_spans, pos, shift = [], [], 0, 0
    for start, end, label in merged:
        value = text[start:end]
        surrogate = random_like(value, rng)
        if surrogate == value and any(c.isalnum() for c in value):
            surrogate = random_like(value, rng)
        parts += [text[pos:start], surrogate]
        new_spans.append((start + shift, start + shift + len(surrogate), label))
        shift += len(surrogate) - len(value)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), new_spans


def mask_samples(
    samples: Sequence[Sample], tokenizer: Any, pseudonymizer: Any, types: Sequence[str] | None = None,
    strings: Sequence[str] = (), seed: int = 0, max_tokens: int = 256,
) -> list[MaskedSample]:  # fmt: skip
    """Detect, tokenise and mask each sample; spans inside the prompt are not private (never trained)."""
    rng = random.Random(seed)
    texts = [s.text for s in samples]
    all_spans = detect_spans(texts, pseudonymizer, types, strings)
    out: list[MaskedSample] = []
    for sample, spans in zip(samples, all_spans, strict=True):
        cut = len(sample.prompt)
        spans = [(max(a, cut), b, lab) for a, b, lab in spans if b > cut]
        ids, offs = _tokens_with_offsets(tokenizer, sample.text)
        loss_from = next((i for i, (_, b) in enumerate(offs) if b > cut and i > 0), len(ids))
        surrogate_text, new_spans = _replace(sample.text, spans, rng)
        s_ids, s_offs = _tokens_with_offsets(tokenizer, surrogate_text)
        out.append(
            MaskedSample(
                ids[:max_tokens],
                loss_from,
                token_mask(offs, spans)[:max_tokens],
                s_ids[:max_tokens],
                token_mask(s_offs, new_spans)[:max_tokens],
            )
        )
    return out
