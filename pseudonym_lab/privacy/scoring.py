"""Per-token log-probabilities of texts under a causal LM, batched: the one measurement every
membership attack, every canary test and the held-out perplexity are computed from.

Texts are scored with a BOS token in front when the tokenizer has one (so the first word counts
too) and cut at `max_tokens`. Right padding with an attention mask gives the same numbers as one
text at a time for the causal models used here (the padded positions come after every scored one).
torch is imported inside the functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np


def model_device(model: Any) -> Any:
    """The device of the model's first parameter (where batches must go)."""
    return next(model.parameters()).device


def encode(tokenizer: Any, text: str, max_tokens: int = 512) -> list[int]:
    """Token ids of `text` with BOS first when the tokenizer has one, cut at `max_tokens`."""
    ids: list[int] = list(tokenizer(text, add_special_tokens=False)["input_ids"])
    bos = getattr(tokenizer, "bos_token_id", None)
    if bos is not None:
        ids = [bos, *ids]
    return ids[:max_tokens]


def pad_id(tokenizer: Any) -> int:
    for candidate in (tokenizer.pad_token_id, tokenizer.eos_token_id, 0):
        if candidate is not None:
            return int(candidate)
    return 0  # pragma: no cover


def sequence_logprobs(
    model: Any, sequences: Sequence[Sequence[int]], pad: int, batch_size: int = 16
) -> list[np.ndarray]:
    """For each id sequence, log p(token t | tokens < t) for t = 1 … n-1 (float64 numpy arrays)."""
    import torch

    device = model_device(model)
    out: list[np.ndarray] = [np.zeros(0)] * len(sequences)
    order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))  # similar lengths, less padding
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                width = max(len(sequences[i]) for i in idx)
                ids = torch.full((len(idx), width), pad, dtype=torch.long)
                mask = torch.zeros((len(idx), width), dtype=torch.long)
                for row, i in enumerate(idx):
                    ids[row, : len(sequences[i])] = torch.tensor(list(sequences[i]), dtype=torch.long)
                    mask[row, : len(sequences[i])] = 1
                logits = model(input_ids=ids.to(device), attention_mask=mask.to(device)).logits.float()
                logp = torch.log_softmax(logits[:, :-1], dim=-1)
                picked = logp.gather(-1, ids[:, 1:].to(device).unsqueeze(-1)).squeeze(-1).cpu().double().numpy()
                for row, i in enumerate(idx):
                    out[i] = picked[row, : max(0, len(sequences[i]) - 1)]
    finally:
        model.train(was_training)
    return out


def token_logprobs(
    model: Any, tokenizer: Any, texts: Sequence[str], max_tokens: int = 512, batch_size: int = 16
) -> list[np.ndarray]:
    """Per-token log-probabilities of each text (see `sequence_logprobs`)."""
    seqs = [encode(tokenizer, t, max_tokens) for t in texts]
    return sequence_logprobs(model, seqs, pad_id(tokenizer), batch_size)


def perplexity(model: Any, tokenizer: Any, texts: Sequence[str], max_tokens: int = 512, batch_size: int = 16) -> float:
    """Token-weighted perplexity over `texts`: exp(total NLL / total predicted tokens)."""
    lps = token_logprobs(model, tokenizer, texts, max_tokens, batch_size)
    n = sum(len(x) for x in lps)
    if n == 0:
        raise ValueError("no token to score: the texts are empty")
    return math.exp(-sum(float(x.sum()) for x in lps) / n)


def continuation_logprobs(
    model: Any, prefix: Sequence[int], continuations: Sequence[Sequence[int]], pad: int, batch_size: int = 64
) -> np.ndarray:
    """Total log-probability of each id continuation after one shared prefix.

    The prefix runs once and its key/value cache is repeated over each batch: ranking a secret among
    100 candidates scored the prefix 101 times before, about 40 % of an audit's canary time.
    """
    import copy

    import torch

    if not prefix:
        raise ValueError("continuations need a non-empty prefix (a BOS token at least)")
    device = model_device(model)
    out = np.zeros(len(continuations))
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            first = model(input_ids=torch.tensor([list(prefix)], device=device), use_cache=True)
            prefix_cache, cache_arg = _cache_of(model, first)
            first_lp = torch.log_softmax(first.logits[0, -1].float(), dim=-1).cpu().double().numpy()
            for start in range(0, len(continuations), batch_size):
                chunk = [list(c) for c in continuations[start : start + batch_size]]
                width = max(len(c) for c in chunk)
                if width == 0:
                    continue
                ids = torch.full((len(chunk), width), pad, dtype=torch.long)
                mask = torch.ones((len(chunk), len(prefix) + width), dtype=torch.long)
                for row, c in enumerate(chunk):
                    ids[row, : len(c)] = torch.tensor(c, dtype=torch.long)
                    mask[row, len(prefix) + len(c) :] = 0
                cache = copy.deepcopy(prefix_cache)
                cache.batch_repeat_interleave(len(chunk))
                logits = model(
                    input_ids=ids.to(device), attention_mask=mask.to(device), **{cache_arg: cache}
                ).logits.float()
                picked = torch.log_softmax(logits[:, :-1], dim=-1).gather(-1, ids[:, 1:].to(device).unsqueeze(-1))
                rest = picked.squeeze(-1).cpu().double().numpy()
                for row, c in enumerate(chunk):
                    if c:
                        out[start + row] = first_lp[c[0]] + rest[row, : len(c) - 1].sum()
    finally:
        model.train(was_training)
    return out


def _cache_of(model: Any, output: Any) -> tuple[Any, str]:
    """The key/value cache of a forward pass and the keyword that takes it back: transformers 5
    renamed ``past_key_values`` to ``cache`` (the old name warns, then goes)."""
    import inspect

    if "cache" in inspect.signature(model.forward).parameters:
        return output.cache, "cache"
    cache = output.past_key_values
    if isinstance(cache, tuple):  # older models return the legacy tuple, which cannot be repeated
        from transformers import DynamicCache

        cache = DynamicCache.from_legacy_cache(cache)
    return cache, "past_key_values"


def generate_batch(
    model: Any, prompts: Sequence[Sequence[int]], max_new_tokens: int, pad: int, greedy: bool = True,
    temperature: float = 1.0, seed: int = 0, batch_size: int = 32,
) -> list[list[int]]:  # fmt: skip
    """New token ids after each prompt, prompts left-padded into batches.

    One `generate` call per batch instead of one per prompt: on a CPU the per-call cost of a few
    dozen decoding steps dominated the audit's extraction tests.
    """
    import torch

    device = model_device(model)
    torch.manual_seed(seed)
    out: list[list[int]] = []
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for start in range(0, len(prompts), batch_size):
                chunk = [list(p) for p in prompts[start : start + batch_size]]
                width = max(len(p) for p in chunk)
                ids = torch.full((len(chunk), width), pad, dtype=torch.long)
                mask = torch.zeros((len(chunk), width), dtype=torch.long)
                for row, p in enumerate(chunk):
                    ids[row, width - len(p) :] = torch.tensor(p, dtype=torch.long)
                    mask[row, width - len(p) :] = 1
                gen = model.generate(
                    input_ids=ids.to(device),
                    attention_mask=mask.to(device),
                    max_new_tokens=max_new_tokens,
                    do_sample=not greedy,
                    temperature=temperature if not greedy else None,
                    top_k=0 if not greedy else None,
                    top_p=None,
                    pad_token_id=pad,
                )
                out.extend(row[width:] for row in gen.tolist())
    finally:
        model.train(was_training)
    return out
