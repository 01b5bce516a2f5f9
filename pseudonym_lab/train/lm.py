"""`pseudonym train lm`: LoRA / QLoRA fine-tuning of a local causal LM on the user's own corpus.

The corpus is a text file (one document per line, or blank-line separated paragraphs with
``--paragraphs``) or JSON lines with a ``"text"`` field. A held-out share (or ``--heldout FILE``)
is scored after every epoch and training stops at the best held-out perplexity (``--patience``),
which is both the usual quality choice and the fair baseline for a privacy defence: stopping
earlier is the cheapest defence of all. ``--privacy dual-purpose`` adds the token-level defence
against membership inference (`pseudonym_lab.privacy.dual`). Its reference should know documents
of the kind being trained on without having seen these ones: ``--reference-data FILE`` (documents of
the same kind that are not in the corpus) trains a reference adapter on them first. Without it the
reference is the bare base model, to which everything the corpus teaches (its format, its
vocabulary) looks memorised and is unlearnt: on the benchmark that cost 13 → 75-93 held-out
perplexity (issue 12).

The output folder holds the LoRA adapter, the tokenizer and ``lm.json`` (base, data sizes, held-out
curve, settings, privacy weights); `pseudonym audit --model DIR` and `pseudonym unlearn` read it,
and ``--merge`` also writes a standalone merged model into ``DIR/merged``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pseudonym_core.cli import CliError
from pseudonym_lab.privacy.dual import DualPurposeConfig
from pseudonym_lab.train.causal import FitConfig, adapter_reference, fit, lm_example, model_reference
from pseudonym_lab.train.options import add_finetune_options, privacy_config, resolve, set_threads

DEFAULTS: dict[str, Any] = {"n": None, "epochs": 3.0, "batch_size": 8, "lr": 2e-4, "lora_r": 16, "lora_layers": None,
                            "max_tokens": 256}  # fmt: skip


def read_texts(path: str | Path, paragraphs: bool = False) -> list[str]:
    """Documents of a corpus file: JSON lines with "text", else one per line (or per paragraph)."""
    raw = Path(path).read_text(encoding="utf-8")
    if Path(path).suffix == ".jsonl":
        out = []
        for no, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    out.append(str(json.loads(line)["text"]))
                except (ValueError, KeyError, TypeError):
                    raise CliError(f"{path}:{no}: expected a JSON object with a 'text' field") from None
        return out
    chunks = raw.split("\n\n") if paragraphs else raw.splitlines()
    return [c.strip() for c in chunks if c.strip()]


def train_lm(
    texts: Sequence[str], out_dir: str | Path, base: str | Path | None = None, heldout: Sequence[str] | None = None,
    heldout_share: float = 0.1, lora_r: int = 16, lora_layers: int | None = None, qlora: bool = False,
    device: str | None = None, fit_config: FitConfig | None = None, privacy: DualPurposeConfig | None = None,
    max_tokens: int = 256, merge: bool = False, log: Callable[[str], None] | None = None,
    started: float | None = None, reference_texts: Sequence[str] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Fine-tune LoRA adapters on `texts`, stop at the best held-out perplexity, save; returns ``lm.json``.
    With `privacy`, `reference_texts` (same kind, not in `texts`) train the defence's reference."""
    from transformers import AutoTokenizer

    from pseudonym_lab.privacy.scoring import encode
    from pseudonym_lab.train.lora import add_lora, default_device, load_base
    from pseudonym_lab.train.tagger_train import default_base

    started = time.monotonic() if started is None else started
    cfg = fit_config or FitConfig()
    device = default_device(device)
    base_path = Path(base).expanduser().resolve() if base is not None else default_base().resolve()
    texts = list(texts)
    if heldout is None:
        rng = random.Random(cfg.seed)
        order = list(range(len(texts)))
        rng.shuffle(order)
        k = max(1, round(heldout_share * len(texts))) if len(texts) > 1 and heldout_share > 0 else 0
        heldout = [texts[i] for i in order[:k]]
        texts = [texts[i] for i in order[k:]]
    if not texts:
        raise ValueError("no training text")
    tokenizer = AutoTokenizer.from_pretrained(str(base_path))
    eos = tokenizer.eos_token_id
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else eos

    def examples(docs: Sequence[str]) -> list[tuple[list[int], list[int]]]:
        return [lm_example(encode(tokenizer, d, max_tokens - 1) + ([eos] if eos is not None else [])) for d in docs]

    model = add_lora(load_base(base_path, device, qlora), lora_r, lora_layers, seed=cfg.seed)
    reference, about_reference = None, None
    if privacy is not None and reference_texts:
        ref_model = add_lora(load_base(base_path, device, qlora), lora_r, lora_layers, seed=cfg.seed + 1)
        ref_log = (lambda line: log("reference " + line)) if log is not None else None
        # `max_minutes` bounds the whole command: the reference may use at most half of it
        ref_cfg = replace(cfg, max_minutes=cfg.max_minutes / 2) if cfg.max_minutes is not None else cfg
        ref_info = fit(
            ref_model, examples(reference_texts), examples(heldout), pad, ref_cfg, log=ref_log, started=started
        )
        reference = model_reference(ref_model)
        about_reference = {"kind": "adapter", "texts": len(reference_texts), "steps": ref_info["steps"],
                           "best_heldout_perplexity": ref_info["best_heldout_perplexity"]}  # fmt: skip
    elif privacy is not None:
        reference, about_reference = adapter_reference(model), {"kind": "base model"}
    info = fit(model, examples(texts), examples(heldout), pad, cfg, privacy, reference, log, started)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    if merge:
        merged = model.merge_and_unload()
        merged.save_pretrained(str(out / "merged"))
        tokenizer.save_pretrained(str(out / "merged"))
    info.update(
        {
            "base": str(base_path),
            "train_texts": len(texts),
            "heldout_texts": len(heldout),
            "lora_r": lora_r,
            "lora_layers": lora_layers,
            "qlora": qlora,
            "device": device,
            "max_tokens": max_tokens,
            "merged": merge,
            "reference": about_reference,
            "seconds": round(time.monotonic() - started, 1),
        }
    )
    (out / "lm.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    return info


def _cmd(args: argparse.Namespace) -> int:
    started = time.monotonic()
    resolve(args, DEFAULTS)
    set_threads(args)
    texts = read_texts(args.data, args.paragraphs)
    if args.n:
        texts = texts[: args.n]
    heldout = read_texts(args.heldout, args.paragraphs) if args.heldout else None
    reference = read_texts(args.reference_data, args.paragraphs) if args.reference_data else None
    if reference and args.privacy != "dual-purpose":
        raise CliError("--reference-data is the dual-purpose defence's reference: use it with --privacy dual-purpose")
    cfg = FitConfig(epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, max_minutes=args.max_minutes,
                    patience=args.patience, seed=args.seed)  # fmt: skip
    info = train_lm(
        texts, args.out, args.base, heldout, args.heldout_share, args.lora_r, args.lora_layers, args.qlora, args.device,
        cfg, privacy_config(args), args.max_tokens, args.merge, lambda line: print(line, file=sys.stderr), started,
        reference,
    )  # fmt: skip
    best = info["best_heldout_perplexity"]
    note = f", best held-out perplexity {best:.3f} at step {info['best_step']}" if best else ""
    print(f"saved to {args.out} ({info['steps']} steps, {info['stopped']}{note}, privacy {info['privacy']})")
    return 0


def register_cli(sub: Any) -> None:
    """`pseudonym train lm --data CORPUS --out DIR [--privacy dual-purpose] [--qlora] [--quick] ...`."""
    p = sub.add_parser("lm", help="LoRA/QLoRA fine-tune a local causal LM on your corpus (optionally dual-purpose)")
    p.add_argument("--data", required=True, help="corpus: .jsonl with 'text', or a text file (one document a line)")
    p.add_argument("--paragraphs", action="store_true", help="text files: documents are separated by blank lines")
    p.add_argument("--heldout", help="held-out documents (same format; default: --heldout-share of --data)")
    p.add_argument("--heldout-share", type=float, default=0.1, help="share of --data held out (default 0.1)")
    p.add_argument(
        "--reference-data",
        help="dual-purpose: documents of the same kind that are NOT in --data (same format); a reference adapter "
        "is trained on them first (without it the base model is the reference, which costs much perplexity)",
    )
    p.add_argument("--n", type=int, help="use only the first N documents")
    p.add_argument("--out", required=True, help="output folder (adapter, tokenizer, lm.json)")
    p.add_argument("--patience", type=int, default=2, help="epochs without held-out gain before stopping (0: never)")
    p.add_argument("--merge", action="store_true", help="also save a standalone merged model in OUT/merged")
    add_finetune_options(p, DEFAULTS)
    p.set_defaults(func=_cmd)
