"""Membership-inference and extraction audit of a local causal LM (`pseudonym audit`).

Four attacks score each text; higher means "was in the training data":

- ``loss``   − mean token NLL (Yeom et al.): members are fitted better.
- ``zlib``   − mean NLL / zlib-compressed length in bits (Carlini et al. 2021): discounts texts that
             are simply easy (repetitive, formulaic) for any model.
- ``min_k``  mean of the lowest k % token log-probabilities (Shi et al., Min-K% Prob): a member has few
             surprising tokens, a non-member has some whatever its average.
- ``ref``    − (NLL under the model − NLL under a reference model) (Carlini et al. 2021, the
             "reference model" calibration; Mireshghallah et al. 2022): a text the target fits much
             better than a model that never saw it. Needs `reference`; skipped otherwise.

Each gets ROC AUC and TPR at 1 % FPR (`roc`). Canaries (prefix → secret) get greedy and sampled
extraction and the rank of the secret among random candidates of its format (`canaries`). The
result is a JSON-ready dict of aggregate numbers: no text, no secret.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pseudonym_lab.privacy.canaries import Canary, canary_report
from pseudonym_lab.privacy.roc import roc_auc, roc_curve, tpr_at_fpr
from pseudonym_lab.privacy.scoring import token_logprobs

ATTACKS: tuple[str, ...] = ("loss", "zlib", "min_k", "ref")


@dataclass(frozen=True)
class AuditConfig:
    """Knobs of the audit; the defaults are the literature's."""

    min_k: float = 0.2  # Min-K% Prob: share of lowest-probability tokens averaged
    fpr: float = 0.01
    max_tokens: int = 512
    batch_size: int = 16
    n_candidates: int = 100  # random secrets of the same format per canary
    samples: int = 8  # sampled completions per canary
    temperature: float = 1.0
    seed: int = 0


def attack_scores(
    logprobs: Sequence[np.ndarray], texts: Sequence[str], ref_logprobs: Sequence[np.ndarray] | None, min_k: float
) -> dict[str, np.ndarray]:
    """Membership score of each text for each attack (higher = more likely a member)."""
    nll = np.asarray([-float(lp.mean()) if lp.size else np.nan for lp in logprobs])
    zbits = np.asarray([8.0 * len(zlib.compress(t.encode("utf-8"))) for t in texts])
    mink = []
    for lp in logprobs:
        k = max(1, round(min_k * lp.size))
        mink.append(float(np.sort(lp)[:k].mean()) if lp.size else np.nan)
    scores = {"loss": -nll, "zlib": -nll / zbits, "min_k": np.asarray(mink)}
    if ref_logprobs is not None:
        ref_nll = np.asarray([-float(lp.mean()) if lp.size else np.nan for lp in ref_logprobs])
        scores["ref"] = -(nll - ref_nll)
    return scores


def mia(
    model: Any, tokenizer: Any, members: Sequence[str], non_members: Sequence[str], reference: Any | None = None,
    config: AuditConfig | None = None, curves: bool = False, logprobs: Sequence[np.ndarray] | None = None,
    reference_logprobs: Sequence[np.ndarray] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """AUC and TPR@FPR of each attack on `members` vs `non_members` (same tokenizer for the reference).

    `logprobs` / `reference_logprobs`: the token log-probabilities of members then non-members under
    the model / the reference, when the caller has them already (the reference's do not change
    between the audits of several models, and a 135 M model takes half a minute for 200 texts).
    """
    cfg = config or AuditConfig()
    if not members or not non_members:
        raise ValueError("the audit needs member and non-member texts")
    texts = [*members, *non_members]
    lps = logprobs if logprobs is not None else token_logprobs(model, tokenizer, texts, cfg.max_tokens, cfg.batch_size)
    ref = reference_logprobs
    if ref is None and reference is not None:
        ref = reference_scores(reference, tokenizer, members, non_members, cfg)
    if len(lps) != len(texts) or (ref is not None and len(ref) != len(texts)):
        raise ValueError("precomputed log-probabilities must cover the members, then the non-members")
    scores = attack_scores(lps, texts, ref, cfg.min_k)
    n = len(members)
    out: dict[str, Any] = {}
    for name, s in scores.items():
        entry: dict[str, Any] = {
            "auc": roc_auc(s[:n], s[n:]),
            f"tpr_at_{_pct(cfg.fpr)}fpr": tpr_at_fpr(s[:n], s[n:], cfg.fpr),
        }
        if curves:
            fpr, tpr = roc_curve(s[:n], s[n:])
            entry["curve"] = {"fpr": fpr.tolist(), "tpr": tpr.tolist()}
        out[name] = entry
    mean_nll = {"members": float(-scores["loss"][:n].mean()), "non_members": float(-scores["loss"][n:].mean())}
    return {"attacks": out, "mean_nll": mean_nll, "members": n, "non_members": len(non_members)}


def reference_scores(
    reference: Any, tokenizer: Any, members: Sequence[str], non_members: Sequence[str],
    config: AuditConfig | None = None,
) -> list[np.ndarray]:  # fmt: skip
    """Token log-probabilities of members then non-members under the reference model (computed once,
    reused by the audit of each model in turn)."""
    cfg = config or AuditConfig()
    return token_logprobs(reference, tokenizer, [*members, *non_members], cfg.max_tokens, cfg.batch_size)


def _pct(fpr: float) -> str:
    return f"{fpr * 100:g}".replace(".", "_")


def tpr_key(fpr: float = 0.01) -> str:
    """The result key of TPR at `fpr` ("tpr_at_1fpr" for 1 %)."""
    return f"tpr_at_{_pct(fpr)}fpr"


def audit(
    model: Any, tokenizer: Any, members: Sequence[str], non_members: Sequence[str],
    canaries: Sequence[Canary] = (), reference: Any | None = None, config: AuditConfig | None = None,
    curves: bool = False, reference_logprobs: Sequence[np.ndarray] | None = None,
    canary_groups: Sequence[int | str] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The whole audit: membership inference, held-out perplexity (non-members) and canaries
    (broken down by `canary_groups`, e.g. how often each was planted, when given).

    The model scores every text once: the membership attacks and the held-out perplexity (of the
    non-members) read the same log-probabilities.
    """
    import math

    cfg = config or AuditConfig()
    result: dict[str, Any] = {"config": {k: getattr(cfg, k) for k in cfg.__dataclass_fields__}}
    all_lps = token_logprobs(model, tokenizer, [*members, *non_members], cfg.max_tokens, cfg.batch_size)
    result["mia"] = mia(
        model, tokenizer, members, non_members, reference, cfg, curves, all_lps, reference_logprobs
    )
    lps = all_lps[len(members) :]
    result["heldout_perplexity"] = math.exp(-sum(float(x.sum()) for x in lps) / max(1, sum(x.size for x in lps)))
    if canaries:
        result["canaries"] = canary_report(
            model, tokenizer, canaries, cfg.n_candidates, cfg.samples, cfg.temperature, cfg.seed, canary_groups
        )
    return result


def plot_audit(result: dict[str, Any], path: str | Path, title: str = "membership inference") -> Path:
    """ROC curves of every attack (log-log, where the 1 % FPR region is visible) into a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 4.5))
    for name, entry in result["mia"]["attacks"].items():
        curve = entry.get("curve")
        if not curve:
            continue
        fpr = np.maximum(np.asarray(curve["fpr"]), 1e-3)
        tpr = np.maximum(np.asarray(curve["tpr"]), 1e-3)
        ax.plot(fpr, tpr, label=f"{name} (AUC {entry['auc']:.3f})")
    ax.plot([1e-3, 1], [1e-3, 1], "k:", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("false positive rate")
    ax.set_ylabel("true positive rate")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out
