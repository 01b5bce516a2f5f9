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
