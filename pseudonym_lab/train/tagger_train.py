"""LoRA fine-tuning of a local causal LM into a DET_tag tagger (``mark`` or ``rep``, see `tagger_format`).

A plain torch loop rather than `transformers.Trainer`: it has to stop cleanly on a wall-clock budget
(the CPU run here must finish in under 30 minutes) and still save, and it must run the same on a
laptop CPU (float32) and a GPU (bf16) without extra dependencies. Only the target tokens carry loss,
so the model learns to copy-and-tag rather than to predict the instruction.

The output folder holds the LoRA adapter, the tokenizer and ``tagger.json`` (mode, base model path,
labels, data size, steps, seconds, losses); `detect.tagger.TagDetector` reads exactly that.
torch, transformers and peft are imported inside the functions.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pseudonym_lab.eval.data import LabeledSample
from pseudonym_lab.privacy.dual import DualPurposeConfig
from pseudonym_lab.train.causal import collate
from pseudonym_lab.train.tagger_format import MODES, prompt_text, to_target

TAGGER_FORMAT_VERSION = 1


def default_out_dir(mode: str) -> Path:
    from pseudonym_core.llm.local import cache_root

    return cache_root() / f"tagger-{mode}"


def default_base() -> Path:
    """The converted SmolLM2-135M-Instruct folder (converted from the packaged GGUF on first use)."""
    from pseudonym_core.llm.local import CACHE_VERSION, cache_root, load_causal_lm

    path = cache_root() / f"smollm2-v{CACHE_VERSION}"
    if not (path / "config.json").is_file():
        load_causal_lm()
    return path


def end_token_id(tokenizer: Any) -> int:
    """The token that ends a target: EOS (SmolLM2's is ``<|im_end|>``)."""
    if tokenizer.eos_token_id is None:
        raise ValueError("the tagger needs a tokenizer with an EOS token")
    return int(tokenizer.eos_token_id)


def encode_example(tokenizer: Any, sample: LabeledSample, mode: str) -> tuple[list[int], list[int]]:
    """(input ids, labels) for one sample: labels are -100 on the prompt, so only the target is learned."""
    prompt = tokenizer(prompt_text(sample.text, mode), add_special_tokens=False)["input_ids"]
    target = tokenizer(to_target(sample, mode), add_special_tokens=False)["input_ids"] + [end_token_id(tokenizer)]
    return list(prompt) + list(target), [-100] * len(prompt) + list(target)


def _batches(examples: list[tuple[list[int], list[int]]], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (less padding), in shuffled order."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(batches)
    return batches


def target_loss(model: Any, batch: dict[str, Any]) -> Any:
    """Mean cross-entropy over target tokens, projecting only those positions onto the vocabulary.

    The output layer (vocabulary x hidden) is a fifth of SmolLM2's compute per token; the prompt half
    of each example needs no logits at all, so they are never computed.
    """
    import torch

    base = model.get_base_model() if hasattr(model, "get_base_model") else model
    hidden = base.get_decoder()(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"])[0]
    labels = batch["labels"][:, 1:]
    keep = labels != -100
    logits = base.get_output_embeddings()(hidden[:, :-1][keep])
    return torch.nn.functional.cross_entropy(logits.float(), labels[keep])


def _linear_names(model: Any) -> list[str]:
    """Leaf names of the linear layers inside the blocks (q_proj, up_proj …), the output layer excluded."""
    import torch

    head = model.get_output_embeddings()
    names = {n.rsplit(".", 1)[-1] for n, m in model.named_modules() if isinstance(m, torch.nn.Linear) and m is not head}
    return sorted(names)


def _lora_layers(model: Any, top: int | None) -> list[int] | None:
    """Indices of the top `top` transformer blocks (None: all). Backward stops below the lowest one."""
    n = int(getattr(model.config, "num_hidden_layers", 0) or 0)
    if not top or not n or top >= n:
        return None
    return list(range(n - top, n))


def train_tagger(
    samples: Sequence[LabeledSample],
    out_dir: str | Path,
    mode: str = "mark",
    base: str | Path | None = None,
    epochs: float = 1.0,
    batch_size: int = 8,
    lr: float = 2e-4,
    lora_r: int = 16,
    lora_layers: int | None = None,
    max_minutes: float | None = None,
    seed: int = 0,
    progress: bool = True,
    device: str | None = None,
    max_tokens: int = 384,
    log: Callable[[str], None] | None = None,
    qlora: bool = False,
    privacy: DualPurposeConfig | None = None,
) -> dict[str, Any]:
    """Fine-tune LoRA adapters on `samples` and save them; returns what is written to ``tagger.json``.

    `epochs` may be fractional. Training stops after `max_minutes` (checked between steps) and saves
    what it has, so a time budget bounds the run whatever the machine. Examples longer than
    `max_tokens` are skipped (the detector splits long inputs into chunks of the same size).
    `lora_layers` puts adapters on the top blocks only: gradients then stop there, which makes a
    CPU step much cheaper at some cost in quality. `qlora` loads the base in 4 bits (CUDA and
    bitsandbytes, `train.lora`); `privacy` trains with the dual-purpose loss (`privacy.dual`).
    """
    import torch
    from peft import LoraConfig, get_peft_model
    from tqdm import tqdm
    from transformers import AutoTokenizer

    from pseudonym_lab.train.causal import dual_purpose_step
    from pseudonym_lab.train.lora import load_base

    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    started = time.monotonic()
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.bfloat16 if device.startswith("cuda") else torch.float32
    base_path = Path(base) if base is not None else default_base()
    torch.manual_seed(seed)
    rng = random.Random(seed)

    tokenizer = AutoTokenizer.from_pretrained(str(base_path))
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else end_token_id(tokenizer)
    examples = [encode_example(tokenizer, s, mode) for s in samples]
    kept = [e for e in examples if len(e[0]) <= max_tokens]
    if not kept:
        raise ValueError("no training example fits in max_tokens")
    labels = sorted({g.label for s in samples for g in s.spans})

    model = load_base(base_path, device, qlora)
    layers = _lora_layers(model, lora_layers)
    lora = LoraConfig(
        r=lora_r,
        lora_alpha=2 * lora_r,
        lora_dropout=0.05,
        target_modules=_linear_names(model) if layers else "all-linear",
        layers_to_transform=layers,
        task_type="CAUSAL_LM",
    )
    model = get_peft_model(model, lora)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    per_epoch = math.ceil(len(kept) / batch_size)
    total = max(1, math.ceil(per_epoch * epochs))
    warmup = min(20, max(1, total // 10))

    deadline = started + max(0.0, max_minutes) * 60 if max_minutes is not None else None

    def lr_at(step: int) -> float:
        """Linear warm-up, then linear decay to 10 % along steps or the time budget, whichever is further."""
        if step < warmup:
            return lr * (step + 1) / warmup
        done = (step - warmup) / max(1, total - warmup)
        if deadline is not None:
            done = max(done, (time.monotonic() - started) / max(1e-9, deadline - started))
        return lr * max(0.1, 1 - done)

    losses: list[float] = []
    step, tokens, stopped = 0, 0, "done"
    bar = tqdm(total=total, desc=f"tagger-{mode}", disable=not progress, unit="step")
    while step < total and stopped == "done":
        for idx in _batches(kept, batch_size, rng):
            if step >= total:
                break
            if deadline is not None and time.monotonic() >= deadline:
                stopped = "time limit"
                break
            for group in opt.param_groups:
                group["lr"] = lr_at(step)
            batch = collate(kept, idx, pad, device)
            loss = target_loss(model, batch) if privacy is None else dual_purpose_step(model, batch, privacy)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            losses.append(float(loss.detach()))
            tokens += int(batch["attention_mask"].sum())
            step += 1
            bar.update(1)
            bar.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.3f}")
    bar.close()

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    window = max(1, min(20, len(losses) // 5 or 1))
    info: dict[str, Any] = {
        "format_version": TAGGER_FORMAT_VERSION,
        "mode": mode,
        "base": str(base_path.resolve()),
        "labels": labels,
        "data_size": len(samples),
        "examples_used": len(kept),
        "skipped_too_long": len(examples) - len(kept),
        "max_tokens": max_tokens,
        "steps": step,
        "planned_steps": total,
        "epochs_done": round(step / per_epoch, 3),
        "batch_size": batch_size,
        "lr": lr,
        "lora_r": lora_r,
        "lora_layers": layers,
        "device": device,
        "dtype": str(dtype).replace("torch.", ""),
        "qlora": qlora,
        "privacy": privacy.as_dict() if privacy else None,
        "tokens_seen": tokens,
        "seconds": round(time.monotonic() - started, 1),
        "stopped": stopped,
        "first_loss": round(sum(losses[:window]) / window, 4) if losses else None,
        "final_loss": round(sum(losses[-window:]) / window, 4) if losses else None,
        "loss_curve": [round(sum(losses[i : i + 10]) / len(losses[i : i + 10]), 4) for i in range(0, len(losses), 10)],
    }
    (out / "tagger.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    if log is not None:
        loss_note = f"loss {info['first_loss']} → {info['final_loss']}"
        log(f"tagger-{mode}: {step} steps in {info['seconds']} s ({stopped}), {loss_note}")
    return info
