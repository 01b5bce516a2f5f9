"""`pseudonym train rewrite`: LoRA / QLoRA fine-tuning of a local instruction model for the `llm`
rewrite anonymization (`pseudonym anonymize --mode llm --lm DIR`).

Training pairs are synthetic (`pseudonym_lab.synth`, Faker + Mimesis, many locales, edge cases):
the input is a synthetic text, the target its rule-based `generalize` rewrite computed from the
*gold* spans, so the student learns the generalisation style on perfectly labelled data and never
sees a real person. The prompt is exactly the one `anonymize.llm.rewrite` uses at inference (same
system text, instruction and few-shot examples), loss on the answer only. The result is saved merged
(a plain transformers folder), because that is what `--lm` loads; the anonymizer's guard and
fallback still check every answer the tuned model gives.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pseudonym_lab.privacy.dual import DualPurposeConfig
from pseudonym_lab.train.causal import FitConfig, adapter_reference, fit
from pseudonym_lab.train.options import add_finetune_options, privacy_config, resolve, set_threads

DEFAULTS: dict[str, Any] = {"n": 2000, "epochs": 2.0, "batch_size": 8, "lr": 2e-4, "lora_r": 16, "lora_layers": None,
                            "max_tokens": 512}  # fmt: skip


def rewrite_pairs(n: int, seed: int = 1000) -> list[tuple[str, str]]:
    """(text, generalized rewrite) pairs from synthetic texts and their gold spans."""
    from pseudonym_lab.anonymize.rewrite import Anonymizer, Found
    from pseudonym_lab.synth import generate

    with contextlib.redirect_stdout(sys.stderr):  # a value library prints notices
        samples = generate(n, seed)
    anonymizer = Anonymizer("generalize", recall_boost=False)
    pairs = []
    for s in samples:
        found = [
            Found(g.start, g.end, s.text[g.start : g.end], g.label, "gold")
            for g in sorted(s.spans, key=lambda g: g.start)
        ]
        pairs.append((s.text, anonymizer.generalize(s.text, found).text))
    return pairs


def encode_pair(tokenizer: Any, text: str, answer: str) -> tuple[list[int], list[int]]:
    """(ids, labels) in the inference prompt's exact layout; loss on the answer and its end token."""
    from pseudonym_core.llm.chat import chat_prompt, end_ids
    from pseudonym_lab.anonymize.llm import EXAMPLES, INSTRUCTION, SYSTEM

    prompt = chat_prompt(tokenizer, INSTRUCTION + text, system=SYSTEM, examples=EXAMPLES)
    ends = end_ids(tokenizer)
    end = tokenizer.convert_tokens_to_ids("<|im_end|>") if "<|im_end|>" in tokenizer.get_vocab() else min(ends)
    target = [*tokenizer(answer, add_special_tokens=False)["input_ids"], end]
    return prompt + target, [-100] * len(prompt) + target


def train_rewrite(
    pairs: Sequence[tuple[str, str]], out_dir: str | Path, base: str | Path | None = None, heldout_share: float = 0.05,
    lora_r: int = 16, lora_layers: int | None = None, qlora: bool = False, device: str | None = None,
    fit_config: FitConfig | None = None, privacy: DualPurposeConfig | None = None, max_tokens: int = 512,
    log: Callable[[str], None] | None = None, started: float | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Fine-tune, stop at the best held-out loss, merge and save; returns ``rewrite.json``."""
    from transformers import AutoTokenizer

    from pseudonym_lab.train.lora import add_lora, default_device, load_base
    from pseudonym_lab.train.tagger_train import default_base

    started = time.monotonic() if started is None else started
    cfg = fit_config or FitConfig()
    device = default_device(device)
    base_path = Path(base).expanduser().resolve() if base is not None else default_base().resolve()
    tokenizer = AutoTokenizer.from_pretrained(str(base_path))
    examples = [e for e in (encode_pair(tokenizer, t, a) for t, a in pairs) if len(e[0]) <= max_tokens]
    if not examples:
        raise ValueError("no training pair fits in max_tokens")
    k = max(1, round(heldout_share * len(examples))) if len(examples) > 1 else 0
    heldout, train = examples[:k], examples[k:] or examples
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    model = add_lora(load_base(base_path, device, qlora), lora_r, lora_layers, seed=cfg.seed)
    reference = adapter_reference(model) if privacy is not None else None
    info = fit(model, train, heldout, pad, cfg, privacy, reference, log, started)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    merged = model.merge_and_unload()
    merged.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    info.update({"base": str(base_path), "pairs": len(pairs), "examples_used": len(examples), "heldout": k,
                 "lora_r": lora_r, "lora_layers": lora_layers, "qlora": qlora, "device": device,
                 "seconds": round(time.monotonic() - started, 1)})  # fmt: skip
    (out / "rewrite.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    return info


def _cmd(args: argparse.Namespace) -> int:
    started = time.monotonic()
    resolve(args, DEFAULTS)
    set_threads(args)
    pairs = rewrite_pairs(args.n, args.data_seed)
    cfg = FitConfig(epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, max_minutes=args.max_minutes,
                    patience=args.patience, seed=args.seed)  # fmt: skip
    info = train_rewrite(
        pairs, args.out, args.base, 0.05, args.lora_r, args.lora_layers, args.qlora, args.device, cfg,
        privacy_config(args), args.max_tokens, lambda line: print(line, file=sys.stderr), started,
    )  # fmt: skip
    print(
        f"saved to {args.out} ({info['steps']} steps, {info['stopped']}); "
        f"use: pseudonym anonymize --mode llm --lm {args.out}"
    )
    return 0


def register_cli(sub: Any) -> None:
    """`pseudonym train rewrite --n N --out DIR [--qlora] [--quick] [--privacy dual-purpose] ...`."""
    p = sub.add_parser(
        "rewrite", help="LoRA/QLoRA fine-tune a local model for `anonymize --mode llm` (synthetic pairs)"
    )
    p.add_argument("--n", type=int, help="synthetic pairs to build (default 2000; --quick: 64)")
    p.add_argument("--data-seed", type=int, default=1000, help="seed of the synthetic texts")
    p.add_argument("--out", required=True, help="output folder (a merged transformers model)")
    p.add_argument("--patience", type=int, default=2, help="evaluations without held-out gain before stopping")
    add_finetune_options(p, DEFAULTS)
    p.set_defaults(func=_cmd)
