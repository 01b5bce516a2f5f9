"""Canaries: a prefix that leads to a secret ("Jana Nováková's phone number is" → "+420 601 734 118").

The auditor asks two questions of each canary (Carlini et al., "The Secret Sharer"):

- **extraction**: does completing the prefix (greedily, or by sampling) reproduce the secret?
- **exposure**: how does the true secret rank, by the model's likelihood after the prefix, among
  100 random candidates *of the same format*? A model that forgot the secret ranks it like any other
  candidate (first for about 1 % of canaries); one that merely broke its output format (greedy
  completion no longer prints digits, say) still ranks the memorized secret first. Exposure in bits
  is log2(candidates + 1) − log2(rank).

A secret's format is read off the secret itself: every digit becomes a random digit, every letter
a random letter of the same case, everything else stays (``+420 601 734 118`` → ``+ddd ddd ddd ddd``).
Canary files are JSON lines ``{"prefix": ..., "secret": ...}`` (optional ``"joiner"``, default one
space, put between prefix and secret). Secrets are never printed: results carry counts and ranks.
"""

from __future__ import annotations

import json
import math
import random
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pseudonym_lab.privacy.scoring import continuation_logprobs, generate_batch, pad_id


@dataclass(frozen=True)
class Canary:
    """One planted or known piece of personal data: `prefix + joiner + secret` appears in training text."""

    prefix: str
    secret: str
    joiner: str = " "

    @property
    def text(self) -> str:
        return self.prefix + self.joiner + self.secret

    def __repr__(self) -> str:  # never the secret: canary lists end up in logs
        return f"Canary(prefix_chars={len(self.prefix)}, secret_chars={len(self.secret)})"


def secret_format(secret: str) -> str:
    """The format of a secret: ``d`` for a digit, ``A``/``a`` for a letter, other characters kept (escaped)."""
    out = []
    for c in secret:
        if c.isdigit():
            out.append("d")
        elif c.isalpha() and c.isascii():
            out.append("A" if c.isupper() else "a")
        else:
            out.append("\\" + c)
    return "".join(out)


def random_like(secret: str, rng: random.Random) -> str:
    """A random string of the secret's format (digits, ASCII letters of the same case, the rest kept)."""
    out = []
    for c in secret:
        if c.isdigit():
            out.append(rng.choice(string.digits))
        elif c.isalpha() and c.isascii():
            out.append(rng.choice(string.ascii_uppercase if c.isupper() else string.ascii_lowercase))
        else:
            out.append(c)
    return "".join(out)


def candidates(secret: str, n: int, rng: random.Random) -> list[str]:
    """`n` distinct random strings of the secret's format, the secret itself excluded."""
    seen = {secret}
    out: list[str] = []
    space = math.prod(10 if c.isdigit() else 26 if (c.isalpha() and c.isascii()) else 1 for c in secret)
    if space - 1 < n:
        raise ValueError(f"a secret of this format has only {space - 1} alternatives; {n} were asked for")
    while len(out) < n:
        cand = random_like(secret, rng)
        if cand not in seen:
            seen.add(cand)
            out.append(cand)
    return out


def read_canaries(path: str | Path) -> list[Canary]:
    """Canaries from a JSON-lines file; errors name the line, never its content."""
    out: list[Canary] = []
    for no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(Canary(str(row["prefix"]), str(row["secret"]), str(row.get("joiner", " "))))
        except (ValueError, KeyError, TypeError):
            raise ValueError(f"{path}:{no}: expected a JSON object with 'prefix' and 'secret'") from None
        if not out[-1].prefix or not out[-1].secret:
            raise ValueError(f"{path}:{no}: prefix and secret must not be empty")
    return out


def write_canaries(path: str | Path, canaries: Sequence[Canary]) -> None:
    rows = [
        json.dumps({"prefix": c.prefix, "secret": c.secret, "joiner": c.joiner}, ensure_ascii=False) for c in canaries
    ]
    Path(path).write_text("\n".join(rows) + "\n", encoding="utf-8")


def _prefix_ids(tokenizer: Any, canary: Canary) -> list[int]:
    ids: list[int] = list(tokenizer(canary.prefix, add_special_tokens=False)["input_ids"])
    bos = getattr(tokenizer, "bos_token_id", None)
    return [bos, *ids] if bos is not None else ids


def continuation_logprob(
    model: Any, tokenizer: Any, prefix_ids: Sequence[int], continuations: Sequence[str], batch_size: int = 64
) -> np.ndarray:
    """Total log-probability of each continuation string after the same prefix ids."""
    ids = [list(tokenizer(cont, add_special_tokens=False)["input_ids"]) for cont in continuations]
    return continuation_logprobs(model, prefix_ids, ids, pad_id(tokenizer), batch_size)


def secret_rank(
    model: Any, tokenizer: Any, canary: Canary, n_candidates: int = 100, rng: random.Random | None = None
) -> int:
    """1-based rank of the true secret among itself and `n_candidates` random ones (ties count against it)."""
    rng = rng or random.Random(0)
    others = candidates(canary.secret, n_candidates, rng)
    scores = continuation_logprob(
        model, tokenizer, _prefix_ids(tokenizer, canary), [canary.joiner + s for s in [canary.secret, *others]]
    )
    return int(1 + (scores[1:] >= scores[0]).sum())


def complete_all(
    model: Any, tokenizer: Any, canaries: Sequence[Canary], n: int = 1, greedy: bool = True,
    temperature: float = 1.0, extra_tokens: int = 4, seed: int = 0,
) -> list[list[str]]:  # fmt: skip
    """`n` completions of each canary's prefix, at least as long as its secret plus a few tokens."""
    budget = extra_tokens + max(
        len(tokenizer(c.joiner + c.secret, add_special_tokens=False)["input_ids"]) for c in canaries
    )
    prompts = [_prefix_ids(tokenizer, c) for c in canaries for _ in range(n)]
    rows = generate_batch(model, prompts, budget, pad_id(tokenizer), greedy, temperature, seed)
    texts = [tokenizer.decode(row, skip_special_tokens=True) for row in rows]
    return [texts[k * n : (k + 1) * n] for k in range(len(canaries))]


def complete(
    model: Any, tokenizer: Any, canary: Canary, n: int = 1, greedy: bool = True, temperature: float = 1.0,
    extra_tokens: int = 4, seed: int = 0,
) -> list[str]:  # fmt: skip
    """`n` completions of the canary's prefix, as long as the secret plus a few tokens."""
    return complete_all(model, tokenizer, [canary], n, greedy, temperature, extra_tokens, seed)[0]


def reproduces(completion: str, canary: Canary) -> bool:
    """The completion starts with the secret (leading whitespace ignored, as tokenizers differ on it)."""
    return completion.lstrip().startswith(canary.secret)


def canary_report(
    model: Any, tokenizer: Any, canaries: Sequence[Canary], n_candidates: int = 100, samples: int = 8,
    temperature: float = 1.0, seed: int = 0, groups: Sequence[int | str] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Extraction (greedy, sampled) and exposure of each canary, aggregated; no secret in the result.

    ``greedy_extraction``: share of canaries whose greedy completion reproduces the secret.
    ``sampled_extraction``: share with at least one of `samples` sampled completions reproducing it,
    and ``sampled_hit_rate`` the share of all sampled completions that do. ``rank1``: share of
    canaries whose true secret is the most likely of itself and `n_candidates` random ones.
    ``by_group``: greedy extraction and rank1 per value of `groups` (one label per canary), present
    only when `groups` is given.
    """
    if not canaries:
        raise ValueError("no canaries to test")
    if groups is not None and len(groups) != len(canaries):
        raise ValueError("groups needs one label per canary")
    rng = random.Random(seed)
    greedy = complete_all(model, tokenizer, canaries, 1, greedy=True)
    greedy_ok = [reproduces(outs[0], c) for outs, c in zip(greedy, canaries, strict=True)]
    greedy_hits = sum(greedy_ok)
    sampled_any, sampled_hits = 0, 0
    if samples:
        sampled = complete_all(model, tokenizer, canaries, samples, greedy=False, temperature=temperature, seed=seed)
        for outs, c in zip(sampled, canaries, strict=True):
            hits = sum(reproduces(o, c) for o in outs)
            sampled_hits += hits
            sampled_any += hits > 0
    ranks = [secret_rank(model, tokenizer, c, n_candidates, rng) for c in canaries]
    n = len(canaries)
    exposures = [math.log2(n_candidates + 1) - math.log2(r) for r in ranks]
    out = {
        "canaries": n,
        "candidates": n_candidates,
        "greedy_extraction": greedy_hits / n,
        "sampled_extraction": (sampled_any / n) if samples else None,
        "sampled_hit_rate": (sampled_hits / (n * samples)) if samples else None,
        "samples": samples,
        "temperature": temperature,
        "rank1": sum(r == 1 for r in ranks) / n,
        "mean_rank": float(np.mean(ranks)),
        "median_rank": float(np.median(ranks)),
        "mean_exposure_bits": float(np.mean(exposures)),
        "max_exposure_bits": math.log2(n_candidates + 1),
    }
    if groups is not None:
        out["by_group"] = {}
        for g in sorted(set(groups), key=lambda g: (isinstance(g, str), g if isinstance(g, int) else 0, str(g))):
            idx = [k for k, x in enumerate(groups) if x == g]
            out["by_group"][str(g)] = {
                "canaries": len(idx),
                "greedy_extraction": sum(greedy_ok[k] for k in idx) / len(idx),
                "rank1": sum(ranks[k] == 1 for k in idx) / len(idx),
            }
    return out
