"""One training loop for every causal-LM fine-tuning of the lab (`train lm`, `train rewrite`, the
privacy benchmark): token-level loss, optional dual-purpose privacy loss, a wall-clock budget,
early stopping at the best held-out loss, seeded.

A plain torch loop rather than `transformers.Trainer`, for the same reasons as the tagger's: it must
stop cleanly on a time budget and still return the best weights, run unchanged on a CPU (float32) and
a GPU (bf16), and the dual-purpose loss needs every token's loss next to a reference model's.
Examples are ``(input_ids, labels)`` with ``-100`` on tokens that carry no loss (a prompt).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from pseudonym_lab.privacy.dual import DualPurposeConfig, dual_purpose_loss

Example = tuple[list[int], list[int]]
#: Per-token NLL of the reference model for a batch (no gradient), shaped like the model's.
RefFn = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class FitConfig:
    """How long and how to train; `patience` 0 means no early stopping (the last weights are kept)."""

    epochs: float = 3.0
    batch_size: int = 8
    lr: float = 2e-4
    warmup: int = 10
    max_minutes: float | None = None
    eval_every: int = 0  # steps between held-out evaluations; 0: once per epoch
    patience: int = 2  # evaluations without improvement before stopping
    seed: int = 0
    grad_clip: float = 1.0
    weight_decay: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def lm_example(ids: Sequence[int]) -> Example:
    """A plain language-modelling example: every token carries loss."""
    return list(ids), list(ids)


def batches(examples: Sequence[Example], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (less padding), in shuffled order."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
    out = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(out)
    return out


def collate(examples: Sequence[Example], idx: Sequence[int], pad: int, device: Any) -> dict[str, Any]:
    import torch

    width = max(len(examples[i][0]) for i in idx)
    ids = [examples[i][0] + [pad] * (width - len(examples[i][0])) for i in idx]
    labels = [examples[i][1] + [-100] * (width - len(examples[i][1])) for i in idx]
    mask = [[1] * len(examples[i][0]) + [0] * (width - len(examples[i][0])) for i in idx]
    return {
        "input_ids": torch.tensor(ids, device=device),
        "labels": torch.tensor(labels, device=device),
        "attention_mask": torch.tensor(mask, device=device),
    }


def token_nll(model: Any, batch: dict[str, Any]) -> tuple[Any, Any]:
    """(NLL of each next token [B, T-1], mask of the tokens that carry loss)."""
    import torch

    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits[:, :-1]
    labels = batch["labels"][:, 1:]
    valid = labels != -100
    nll = torch.nn.functional.cross_entropy(
        logits.float().reshape(-1, logits.shape[-1]), labels.clamp(min=0).reshape(-1), reduction="none"
    ).view(labels.shape)
    return nll * valid, valid


def adapter_reference(model: Any) -> RefFn:
    """The base model under a peft model (adapters switched off) as the reference: free, and it never
    saw the fine-tuning data."""
    import torch

    def ref(batch: dict[str, Any]) -> Any:
        with torch.no_grad(), model.disable_adapter():
            return token_nll(model, batch)[0]

    return ref


def model_reference(reference: Any) -> RefFn:
    """A separate reference model (e.g. trained on auxiliary data); same tokenizer required."""
    import torch

    reference.eval()

    def ref(batch: dict[str, Any]) -> Any:
        with torch.no_grad():
            return token_nll(reference, batch)[0]

    return ref


def dual_purpose_step(model: Any, batch: dict[str, Any], privacy: DualPurposeConfig) -> Any:
    """The dual-purpose loss of one batch of a peft model, its bare base model as the reference (the
    tagger's training, which has no auxiliary documents; see `privacy.dual` for what that costs)."""
    nll, valid = token_nll(model, batch)
    return dual_purpose_loss(nll, adapter_reference(model)(batch), valid, privacy)[0]


def heldout_nll(model: Any, examples: Sequence[Example], pad: int, batch_size: int = 16) -> float:
    """Token-weighted mean NLL over the held-out examples (exp of it is the perplexity)."""
    import torch

    device = next(model.parameters()).device
    was = model.training
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]))
        for start in range(0, len(order), batch_size):
            nll, valid = token_nll(model, collate(examples, order[start : start + batch_size], pad, device))
            total += float(nll.sum())
            count += int(valid.sum())
    model.train(was)
    return total / max(1, count)


def fit(
    model: Any,
    examples: Sequence[Example],
    heldout: Sequence[Example],
    pad: int,
    cfg: FitConfig,
    privacy: DualPurposeConfig | None = None,
    reference: RefFn | None = None,
    log: Callable[[str], None] | None = None,
    started: float | None = None,
) -> dict[str, Any]:
    """Train `model` in place; with `heldout` and `patience`, stop at and restore the best held-out loss.

    Returns the run's record: steps, seconds, why it stopped, the held-out curve, the best held-out
    perplexity and (for dual-purpose training) the mean shares of hard and memorised tokens.
    """
    import torch

    if not examples:
        raise ValueError("no training examples")
    if privacy is not None and reference is None:
        raise ValueError("dual-purpose training needs a reference model")
    started = time.monotonic() if started is None else started
    deadline = started + cfg.max_minutes * 60 if cfg.max_minutes is not None else None
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    device = next(model.parameters()).device
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=cfg.weight_decay)
    per_epoch = math.ceil(len(examples) / cfg.batch_size)
    total = max(1, math.ceil(per_epoch * cfg.epochs))
    eval_every = cfg.eval_every or per_epoch
    warmup = min(cfg.warmup, max(1, total // 10))

    def lr_at(step: int) -> float:
        """Linear warm-up, then linear decay to 10 % along steps or the time budget, whichever is further."""
        if step < warmup:
            return cfg.lr * (step + 1) / warmup
        done = (step - warmup) / max(1, total - warmup)
        if deadline is not None:
            done = max(done, (time.monotonic() - started) / max(1e-9, deadline - started))
        return cfg.lr * max(0.1, 1 - done)

    best: tuple[float, int, dict[str, Any]] | None = None
    curve: list[tuple[int, float]] = []
    losses: list[float] = []
    shares = {"hard": 0.0, "memorized": 0.0}
    step, stale, stopped = 0, 0, "done"
    model.train()

    def evaluate() -> bool:
        """Record the held-out loss; True when training should stop (patience used up)."""
        nonlocal best, stale
        if not heldout:
            return False
        value = heldout_nll(model, heldout, pad)
        curve.append((step, value))
        if best is None or value < best[0]:
            state = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}
            best, stale = (value, step, state), 0
        else:
            stale += 1
        if log is not None:
            log(f"step {step}: held-out perplexity {math.exp(value):.2f}")
        return cfg.patience > 0 and stale >= cfg.patience

    while step < total and stopped == "done":
        for idx in batches(examples, cfg.batch_size, rng):
            if step >= total:
                break
            if deadline is not None and time.monotonic() >= deadline:
                stopped = "time limit"
                break
            for group in opt.param_groups:
                group["lr"] = lr_at(step)
            batch = collate(examples, idx, pad, device)
            nll, valid = token_nll(model, batch)
            if privacy is not None and step >= privacy.warmup_steps and reference is not None:
                loss, picked = dual_purpose_loss(nll, reference(batch), valid, privacy)
                for k in shares:
                    shares[k] += picked[k]
            else:
                loss = nll.sum() / valid.sum().clamp(min=1)
            loss.backward()
            if cfg.grad_clip:
                torch.nn.utils.clip_grad_norm_(params, cfg.grad_clip)
            opt.step()
            opt.zero_grad(set_to_none=True)
            losses.append(float(loss.detach()))
            step += 1
            if step % eval_every == 0 and evaluate():
                stopped = "early stopping"
                break
    if heldout and (not curve or curve[-1][0] != step):
        evaluate()
    if best is not None and cfg.patience > 0:
        with torch.no_grad():
            for n, p in model.named_parameters():
                if n in best[2]:
                    p.copy_(best[2][n])
    model.eval()
    dual_steps = max(1, step - (privacy.warmup_steps if privacy else 0))
    return {
        "steps": step,
        "planned_steps": total,
        "epochs_done": round(step / per_epoch, 3),
        "seconds": round(time.monotonic() - started, 1),
        "stopped": stopped,
        "best_step": best[1] if best else step,
        "best_heldout_perplexity": math.exp(best[0]) if best else None,
        "heldout_curve": [(s, round(math.exp(v), 4)) for s, v in curve],
        "first_loss": round(sum(losses[:10]) / len(losses[:10]), 4),
        "final_loss": round(sum(losses[-10:]) / len(losses[-10:]), 4),
        "privacy": "dual-purpose" if privacy else "none",
        "dual_purpose": privacy.as_dict() if privacy else None,
        "token_shares": {k: round(v / dual_steps, 4) for k, v in shares.items()} if privacy else None,
        "fit": cfg.as_dict(),
    }
