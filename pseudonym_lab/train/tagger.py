"""`pseudonym train tagger`: fine-tune (and score) a DET_tag tagger; the public training API.

The loop itself is `tagger_train.train_tagger`; formats are `tagger_format`, reading outputs back is
`tagger_align`, scoring is `tagger_eval`. ``--max-minutes`` bounds the whole command (data building
and loading included), so "finish in under 30 minutes on this CPU" is a flag, not a hope.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from pseudonym_lab.eval.data import LabeledSample
from pseudonym_lab.train.data import add_source_argument
from pseudonym_lab.train.options import add_privacy_options, cap_for_quick, privacy_config
from pseudonym_lab.train.tagger_format import MODES, to_target
from pseudonym_lab.train.tagger_train import default_base, default_out_dir, encode_example, train_tagger

__all__ = ["default_base", "default_out_dir", "encode_example", "register_cli", "to_target", "train_tagger"]


def _load_samples(args: argparse.Namespace) -> list[LabeledSample]:
    if args.data:
        from pseudonym_lab.train.data import read_jsonl

        return read_jsonl(args.data)[: args.n] if args.n else read_jsonl(args.data)
    from pseudonym_lab.train.data import build_examples

    return build_examples(args.n, seed=args.data_seed, distill=not args.no_distill, source=args.source)


def _evaluate(out: Path, mode: str, quiet: bool) -> None:
    from pseudonym_lab.eval.data import handwritten_path, load_marked
    from pseudonym_lab.train.tagger_eval import evaluate_tagger

    result = evaluate_tagger(out, mode, load_marked(handwritten_path()), progress=not quiet)
    print(json.dumps({"handwritten": result}, indent=2))


def _cmd(args: argparse.Namespace) -> int:
    started = time.monotonic()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    if args.eval_only:
        _evaluate(Path(args.out) if args.out else default_out_dir(args.mode), args.mode, args.quiet)
        return 0
    cap_for_quick(args)
    samples = _load_samples(args)
    out = Path(args.out) if args.out else default_out_dir(args.mode)
    info = train_tagger(
        samples,
        out,
        mode=args.mode,
        base=args.base,
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=args.lr,
        lora_r=args.lora_r,
        lora_layers=args.lora_layers,
        # the budget covers building the data and loading too: "--max-minutes 25" means the whole command
        max_minutes=None if args.max_minutes is None else args.max_minutes - (time.monotonic() - started) / 60,
        seed=args.seed,
        progress=not args.quiet,
        device=args.device,
        max_tokens=args.max_tokens,
        log=lambda line: print(line, file=sys.stderr),
        qlora=args.qlora,
        privacy=privacy_config(args),
    )
    print(f"saved to {out} (data {info['data_size']}, steps {info['steps']}, final loss {info['final_loss']})")
    if args.eval:
        _evaluate(out, args.mode, args.quiet)
    return 0


def register_cli(sub: Any) -> None:
    """`pseudonym train tagger --mode mark|rep --n N [--data FILE.jsonl] --out DIR --max-minutes M ...`."""
    p = sub.add_parser("tagger", help="LoRA fine-tune a local causal LM into a DET_tag tagger (mark or rep)")
    p.add_argument("--mode", choices=MODES, default="mark", help="target format (default mark)")
    p.add_argument("--n", type=int, default=2000, help="training samples to build, or to read from --data")
    p.add_argument("--data", help="JSONL from `pseudonym train data` (default: build --n samples now)")
    p.add_argument("--no-distill", action="store_true", help="when building data: template gold only")
    add_source_argument(p)
    p.add_argument("--out", help="output folder (default: <cache>/tagger-<mode>)")
    p.add_argument("--base", help="local causal LM folder (default: the converted SmolLM2-135M-Instruct)")
    p.add_argument("--epochs", type=float, default=1.0)
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--lora-r", type=int, default=16)
    p.add_argument("--lora-layers", type=int, help="adapt only the top N blocks (faster on CPU; default all)")
    p.add_argument("--max-tokens", type=int, default=384, help="skip longer examples (prompt + target)")
    p.add_argument("--max-minutes", type=float, help="stop after this long and save what was learned")
    p.add_argument("--device", help="cuda, cuda:1, cpu … (default: cuda when available)")
    p.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    p.add_argument("--seed", type=int, default=0, help="training seed (shuffling, LoRA init)")
    p.add_argument("--data-seed", type=int, default=1000, help="seed of built data (the evaluation uses 42)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--eval", action="store_true", help="after training, score it on the hand-written set")
    p.add_argument("--eval-only", action="store_true", help="only score the tagger in --out on the hand-written set")
    p.add_argument("--qlora", action="store_true", help="load the base in 4-bit (needs CUDA and bitsandbytes)")
    p.add_argument("--quick", action="store_true", help="CPU preset: ≤64 samples, top 4 blocks, ≤10 minutes")
    add_privacy_options(p)
    p.set_defaults(func=_cmd)
