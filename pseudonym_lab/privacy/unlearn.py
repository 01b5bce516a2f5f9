"""DFSU: data-free selective unlearning of personal data from a local causal LM (`pseudonym unlearn`).

After Zhou et al. (2026), in three steps and without the original training data:

1. **Model inversion** (`inversion`): PII-eliciting prompts about each target are completed by the
   model itself (greedy + sampled), giving pseudo-PII samples that contain what it memorised.
2. **Token-level privacy masks** (`masks`): the runtime's detection stage marks the personal data in
   each sample; its tokens are *private*, the rest of the completion is ordinary language.
3. **Contrastive masked loss in a LoRA subspace**: only LoRA adapters train; the frozen original is
   the same network with the adapters switched off. Per batch,

       L = w_f · mean_private (2/β) softplus(β · [log p_θ(t) − log p_0(t)])          (forget)
         + w_c · mean_samples −log σ(β · [Δ_θ(surrogate) − Δ_θ(original)])             (contrast)
         + w_u · mean_private KL(q_0 ‖ p_θ)                                            (flatten)
         + w_r · mean_other KL(p_0 ‖ p_θ)                                              (retain)

   *forget* is the token-level NPO loss (Zhang et al. 2024): it pushes each private token's
   likelihood below the frozen model's, with a gradient that fades once it is well below, so it
   cannot collapse the model the way gradient ascent does. *contrast* compares the private span with
   a same-format surrogate (Δ = summed log-likelihood ratio to the frozen model over the span): the
   model must come to prefer "a number like this" over "this number". *flatten* (our addition to
   the described method) draws the model's
   next-token distribution at each private position towards q_0, the frozen distribution with the
   probability of the value token's format class (`token_shapes`: " 5" and " 7", "Anna" and "Bert")
   spread evenly over the class: "a digit comes here", not which digit. Without it, greedy extraction
   falls to zero but the true secret stays the most likely of 100 random numbers of its format for
   most canaries (the sampled values are pushed down, the memorised preference around them is not);
   with it, the preference itself goes (measured in benchmarks/results/training_privacy*.md).
   *retain* keeps every other token's next-token distribution where it was, on the non-private
   positions of the samples and on free samples of the model; completions in which the detector
   found nothing are left out (often a garbled copy of the value, which KL would preserve).

The model that comes back is the peft model (adapters attached, trained); `merge` folds them in.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from pseudonym_lab.privacy.inversion import eliciting_prompts, retain_samples, sample_model
from pseudonym_lab.privacy.masks import MaskedSample, mask_samples
from pseudonym_lab.privacy.scoring import model_device, pad_id


class NothingToUnlearn(ValueError):
    """Model inversion found no personal data of the targets in the model's completions."""


@dataclass(frozen=True)
class UnlearnConfig:
    """Inversion, mask, LoRA and loss settings (see the module docstring for the loss)."""

    per_prompt: int = 4  # sampled completions per eliciting prompt (plus one greedy)
    max_new_tokens: int = 24
    temperature: float = 1.0
    retain_samples: int = 64  # free samples of the model for the retain term
    lora_r: int = 8
    lora_layers: int | None = None
    steps: int = 120
    batch_size: int = 16
    lr: float = 1e-3
    beta: float = 1.0
    forget_weight: float = 1.0
    contrast_weight: float = 1.0
    flatten_weight: float = 1.0
    retain_weight: float = 1.0
    max_minutes: float | None = None
    seed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _collate(rows: Sequence[tuple[list[int], list[bool], int]], pad: int, device: Any) -> dict[str, Any]:
    """ids, attention mask, private mask and loss mask (positions ≥ loss_from) for (ids, private, loss_from)."""
    import torch

    width = max(len(r[0]) for r in rows)
    ids = torch.full((len(rows), width), pad, dtype=torch.long)
    att = torch.zeros((len(rows), width), dtype=torch.long)
    priv = torch.zeros((len(rows), width), dtype=torch.bool)
    train = torch.zeros((len(rows), width), dtype=torch.bool)
    for i, (r_ids, r_priv, r_from) in enumerate(rows):
        n = len(r_ids)
        ids[i, :n] = torch.tensor(r_ids)
        att[i, :n] = 1
        priv[i, :n] = torch.tensor(r_priv, dtype=torch.bool)
        train[i, r_from:n] = True
    return {
        "input_ids": ids.to(device),
        "attention_mask": att.to(device),
        "private": priv.to(device),
        "train": train.to(device),
    }


def token_shapes(tokenizer: Any) -> Any:
    """A shape id per vocabulary entry: its text with digits → d, letters → A/a (`canaries.secret_format`).

    Tokens of one shape are interchangeable as far as a value's *format* goes (" 5" and " 7", "Anna"
    and "Bert"): the flatten term spreads a private token's probability over its shape class.
    """
    import torch

    from pseudonym_lab.privacy.canaries import secret_format

    ids: dict[str, int] = {}
    out = [ids.setdefault(secret_format(tokenizer.decode([i])), len(ids)) for i in range(len(tokenizer))]
    return torch.tensor(out, dtype=torch.long)


def flattened(ref_logp: Any, target: Any, shapes: Any) -> Any:
    """Target distributions for private positions: the frozen model's, with the mass of the target token's
    shape class spread evenly over that class ("a digit comes here", not which digit)."""
    import torch

    same = shapes.to(target.device)[None, :] == shapes.to(target.device)[target][:, None]  # [K, V]
    p = ref_logp.exp()
    class_mass = (p * same).sum(-1, keepdim=True)
    q = torch.where(same, class_mass / same.sum(-1, keepdim=True), p)
    return q / q.sum(-1, keepdim=True)


def dfsu_loss(
    model: Any,
    forget: Sequence[MaskedSample],
    keep: Sequence[MaskedSample],
    cfg: UnlearnConfig,
    pad: int,
    shapes: Any | None = None,
) -> tuple[Any, dict[str, float]]:
    """The contrastive masked loss of one batch (forget samples with private tokens, plus retain samples).

    `shapes` (`token_shapes`) enables the flatten term; without it that term is zero.
    """
    import torch
    import torch.nn.functional as F

    device = model_device(model)
    rows = [(s.ids, s.private, s.loss_from) for s in forget] + [(s.ids, [False] * len(s.ids), 1) for s in keep]
    rows += [(s.surrogate_ids, s.surrogate_private, s.loss_from) for s in forget]
    batch = _collate(rows, pad, device)
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits[:, :-1].float()
    with torch.no_grad(), model.disable_adapter():
        ref_logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits[:, :-1].float()
    target = batch["input_ids"][:, 1:]
    valid = batch["attention_mask"][:, 1:].bool()
    private = batch["private"][:, 1:] & batch["train"][:, 1:] & valid
    logp, ref_logp = F.log_softmax(logits, -1), F.log_softmax(ref_logits, -1)
    lp = logp.gather(-1, target.unsqueeze(-1)).squeeze(-1)
    ref_lp = ref_logp.gather(-1, target.unsqueeze(-1)).squeeze(-1)
    ratio = lp - ref_lp
    n_f, n_k = len(forget), len(keep)
    orig = slice(0, n_f + n_k)
    zero = logits.sum() * 0.0
    # forget: token-level NPO on the private tokens of the original samples
    fmask = private[orig]
    forget_loss = (2.0 / cfg.beta) * F.softplus(cfg.beta * ratio[orig][fmask]).mean() if bool(fmask.any()) else zero
    # contrast: the surrogate span must gain on the original span, both relative to the frozen model
    contrast_loss = zero
    if n_f:
        d_orig = (ratio[:n_f] * private[:n_f]).sum(-1)
        d_sur = (ratio[n_f + n_k :] * private[n_f + n_k :]).sum(-1)
        has = private[:n_f].any(-1) & private[n_f + n_k :].any(-1)
        if bool(has.any()):
            contrast_loss = F.softplus(-cfg.beta * (d_sur - d_orig))[has].mean()
    # retain: KL(frozen ‖ model) on every other position of the originals and the free samples
    rmask = valid[orig] & ~private[orig]
    kl = (ref_logp[orig].exp() * (ref_logp[orig] - logp[orig])).sum(-1)
    retain_loss = kl[rmask].mean() if bool(rmask.any()) else zero
    # flatten: at private positions, the model's distribution → the frozen one with the value's class flattened
    flatten_loss = zero
    if shapes is not None and cfg.flatten_weight > 0 and bool(fmask.any()):
        q = flattened(ref_logp[orig][fmask], target[orig][fmask], shapes)
        flatten_loss = (q * (q.clamp_min(1e-12).log() - logp[orig][fmask])).sum(-1).mean()
    terms = {"forget": forget_loss, "contrast": contrast_loss, "flatten": flatten_loss, "retain": retain_loss}
    weights = {"forget": cfg.forget_weight, "contrast": cfg.contrast_weight, "flatten": cfg.flatten_weight,
               "retain": cfg.retain_weight}  # fmt: skip
    loss = sum(weights[k] * v for k, v in terms.items())
    return loss, {k: float(v.detach()) for k, v in terms.items()}


def unlearn(
    model: Any,
    tokenizer: Any,
    targets: Sequence[str],
    types: Sequence[str] | None = None,
    pseudonymizer: Any | None = None,
    config: UnlearnConfig | None = None,
    templates: Sequence[str] = (),
    mask_targets: bool = True,
    log: Callable[[str], None] | None = None,
) -> tuple[Any, dict[str, Any]]:
    """Unlearn the targets' personal data from `model`; returns (peft model, record of the run).

    `targets` are subjects (names, handles) put into the eliciting prompts, and with `mask_targets`
    also masked wherever a completion repeats them. `types` restrict the prompts and the masks to
    core labels (e.g. ``["PHONE_NUMBER"]``). `pseudonymizer` is the detection stage (default
    `Pseudonymizer()`). The original `model` is wrapped, not copied: keep a copy if you need it.
    """
    import torch

    from pseudonym_lab.train.lora import add_lora

    cfg = config or UnlearnConfig()
    started = time.monotonic()
    if pseudonymizer is None:
        from pseudonym_core import Pseudonymizer

        pseudonymizer = Pseudonymizer()
    prompts = eliciting_prompts(targets, types, templates)
    if not prompts:
        raise ValueError("nothing to unlearn: give targets, types or templates")
    inverted = sample_model(model, tokenizer, prompts, cfg.per_prompt, cfg.max_new_tokens, cfg.temperature, cfg.seed)
    free = retain_samples(model, tokenizer, cfg.retain_samples, 2 * cfg.max_new_tokens, cfg.temperature, cfg.seed + 1)
    masked = mask_samples(inverted, tokenizer, pseudonymizer, types, list(targets) if mask_targets else (), cfg.seed)
    forget = [m for m in masked if m.has_private]
    # completions of eliciting prompts in which nothing was detected are not retained either: they are
    # often a garbled copy of the value (a digit short of a phone number) that KL would preserve
    keep = mask_samples(free, tokenizer, None, None, (), cfg.seed)  # free samples, kept whole
    if log is not None:
        log(f"dfsu: {len(prompts)} prompts, {len(inverted)} samples, {len(forget)} with private tokens")
    if not forget:
        raise NothingToUnlearn("model inversion found no personal data of the targets: nothing to unlearn")
    sampled_seconds = time.monotonic() - started

    shapes = token_shapes(tokenizer) if cfg.flatten_weight > 0 else None
    peft_model = add_lora(model, cfg.lora_r, cfg.lora_layers, dropout=0.0, seed=cfg.seed)
    peft_model.train()
    params = [p for p in peft_model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=0.0)
    rng = random.Random(cfg.seed)
    pad = pad_id(tokenizer)
    n_forget = max(1, cfg.batch_size // 2)
    n_keep = max(1, cfg.batch_size - n_forget) if keep else 0
    history: list[dict[str, float]] = []
    stopped = "done"
    deadline = started + cfg.max_minutes * 60 if cfg.max_minutes is not None else None
    step = 0
    for step in range(1, cfg.steps + 1):
        if deadline is not None and time.monotonic() >= deadline:
            stopped, step = "time limit", step - 1
            break
        batch_f = rng.sample(forget, min(n_forget, len(forget)))
        batch_k = rng.sample(keep, min(n_keep, len(keep))) if keep else []
        loss, stats = dfsu_loss(peft_model, batch_f, batch_k, cfg, pad, shapes)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        history.append(stats)
    peft_model.eval()
    window = history[-10:] or [{}]
    info = {
        "prompts": len(prompts),
        "samples": len(inverted),
        "samples_with_private_tokens": len(forget),
        "private_tokens": sum(sum(m.private[m.loss_from :]) for m in forget),
        "retain_samples": len(keep),
        "steps": step,
        "stopped": stopped,
        "sampling_seconds": round(sampled_seconds, 1),
        "seconds": round(time.monotonic() - started, 1),
        "final_losses": {k: round(sum(h[k] for h in window) / len(window), 4) for k in window[0]},
        "config": cfg.as_dict(),
    }
    return peft_model, info


class ExtractionProbe:
    """Target extraction before and after unlearning, without the original data or canaries.

    The eliciting prompts are completed greedily by the original model; the personal data the
    detection stage finds in those completions (of the target types) are what the model gives away.
    `rate(model)` is the share of those prompts whose greedy completion by `model` still contains one of
    the same values. The values stay inside this object: they are never part of a report.
    """

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        targets: Sequence[str],
        types: Sequence[str] | None = None,
        templates: Sequence[str] = (),
        pseudonymizer: Any | None = None,
        max_new_tokens: int = 24,
    ) -> None:
        from pseudonym_lab.privacy.masks import detect_spans

        if pseudonymizer is None:
            from pseudonym_core import Pseudonymizer

            pseudonymizer = Pseudonymizer()
        self.tokenizer, self.max_new_tokens = tokenizer, max_new_tokens
        self.prompts = eliciting_prompts(targets, types, templates)
        samples = sample_model(model, tokenizer, self.prompts, 0, max_new_tokens)
        spans = detect_spans([s.text for s in samples], pseudonymizer, types)
        self._values: dict[str, set[str]] = {}
        for s, found in zip(samples, spans, strict=True):
            values = {s.text[a:b] for a, b, _ in found if a >= len(s.prompt)}
            if values:
                self._values[s.prompt] = values

    def __repr__(self) -> str:
        return f"ExtractionProbe(prompts={len(self.prompts)}, leaking={len(self._values)})"

    def summary(self) -> dict[str, Any]:
        return {"prompts": len(self.prompts), "prompts_with_private_data": len(self._values)}

    def rate(self, model: Any) -> float:
        """Share of the originally leaking prompts whose greedy completion still contains the same value."""
        if not self._values:
            return 0.0
        samples = sample_model(model, self.tokenizer, list(self._values), 0, self.max_new_tokens)
        return sum(any(v in s.completion for v in self._values[s.prompt]) for s in samples) / len(self._values)
