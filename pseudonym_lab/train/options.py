"""Command-line options shared by the lab's fine-tuning commands (`train lm`, `train rewrite`,
`train tagger`): LoRA / QLoRA, time budget, quick mode, seed and the privacy defence with its weights.

``--quick`` is a preset for a laptop CPU (a few minutes): a small slice of the data, short examples,
adapters on the top blocks only, one pass; any option given explicitly wins over the preset.
"""

from __future__ import annotations

import argparse
from typing import Any

from pseudonym_lab.privacy.dual import DualPurposeConfig

PRIVACY_MODES: tuple[str, ...] = ("none", "dual-purpose")
#: What `--quick` sets when the option is not given explicitly.
QUICK: dict[str, Any] = {"n": 64, "epochs": 1.0, "max_tokens": 160, "lora_layers": 4, "lora_r": 8, "batch_size": 4,
                         "max_minutes": 10.0}  # fmt: skip


def add_finetune_options(p: argparse.ArgumentParser, defaults: dict[str, Any]) -> None:
    """Add the shared options; `defaults` are the command's own (applied after `--quick`)."""
    p.add_argument("--base", help="local causal LM folder (default: the converted SmolLM2-135M-Instruct)")
    p.add_argument("--qlora", action="store_true", help="load the base in 4-bit (needs CUDA and bitsandbytes)")
    p.add_argument("--quick", action="store_true", help="CPU preset: small data slice, short examples, top blocks only")
    p.add_argument("--epochs", type=float, help=f"passes over the data (default {defaults['epochs']})")
    p.add_argument("--batch-size", type=int, help=f"(default {defaults['batch_size']})")
    p.add_argument("--lr", type=float, help=f"learning rate (default {defaults['lr']})")
    p.add_argument("--lora-r", type=int, help=f"LoRA rank (default {defaults['lora_r']})")
    p.add_argument("--lora-layers", type=int, help="adapt only the top N blocks (faster on CPU; default all)")
    p.add_argument("--max-tokens", type=int, help=f"cut or skip longer examples (default {defaults['max_tokens']})")
    p.add_argument("--max-minutes", type=float, help="stop after this long (whole command) and save the best so far")
    p.add_argument("--device", help="cuda, cuda:1, cpu … (default: cuda when available)")
    p.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    p.add_argument("--seed", type=int, default=0, help="seed of shuffling, splits and LoRA initialisation")
    add_privacy_options(p)


def add_privacy_options(p: argparse.ArgumentParser) -> None:
    """`--privacy none|dual-purpose` and the dual-purpose weights (`pseudonym_lab.privacy.dual`)."""
    p.add_argument(
        "--privacy",
        choices=PRIVACY_MODES,
        default="none",
        help="dual-purpose: learn hard tokens, unlearn memorised ones (against membership inference)",
    )
    d = DualPurposeConfig()
    p.add_argument("--dp-learn-ratio", type=float, default=d.learn_ratio, help="share of tokens learnt (hardest first)")
    p.add_argument(
        "--dp-unlearn-ratio", type=float, default=d.unlearn_ratio, help="share of tokens that may be unlearnt"
    )
    p.add_argument("--dp-margin", type=float, default=d.margin, help="nats below the reference to count as memorised")
    p.add_argument("--dp-alpha", type=float, default=d.alpha, help="weight of the unlearning term")
    p.add_argument("--dp-warmup", type=int, default=d.warmup_steps, help="plain steps before token selection starts")


def resolve(args: argparse.Namespace, defaults: dict[str, Any]) -> argparse.Namespace:
    """Fill unset options from the quick preset (with --quick), then the command's defaults."""
    for key, value in defaults.items():
        if getattr(args, key, None) is None:
            setattr(args, key, QUICK[key] if args.quick and key in QUICK else value)
    if args.quick and getattr(args, "max_minutes", None) is None:
        args.max_minutes = QUICK["max_minutes"]
    return args


def privacy_config(args: argparse.Namespace) -> DualPurposeConfig | None:
    """The dual-purpose weights from the options, or None for plain training."""
    from pseudonym_core.cli import CliError

    if args.privacy == "none":
        return None
    try:
        return DualPurposeConfig(
            args.dp_learn_ratio, args.dp_unlearn_ratio, args.dp_margin, args.dp_alpha, args.dp_warmup
        )
    except ValueError as exc:
        raise CliError(f"dual-purpose weights: {exc}") from None


def set_threads(args: argparse.Namespace) -> None:
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)


def cap_for_quick(args: argparse.Namespace) -> None:
    """`--quick` for commands whose options have fixed defaults (the tagger): cap the data, the example
    length and the batch, adapt the top blocks only and bound the time."""
    if not getattr(args, "quick", False):
        return
    args.n = min(args.n, QUICK["n"]) if args.n else QUICK["n"]
    args.max_tokens = min(args.max_tokens, 256)
    args.batch_size = min(args.batch_size, QUICK["batch_size"])
    args.lora_layers = args.lora_layers or QUICK["lora_layers"]
    args.max_minutes = args.max_minutes if args.max_minutes is not None else QUICK["max_minutes"]
