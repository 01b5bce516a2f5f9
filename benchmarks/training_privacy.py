"""Training-time privacy: canaries, plain vs dual-purpose fine-tuning, membership inference, DFSU.

    python benchmarks/training_privacy.py                # SmolLM2-135M + LoRA (designed for ≤ 45 min on 2 CPU cores)
    python benchmarks/training_privacy.py --quick        # the tiny model of `pseudonym lab demo --quick`
    python benchmarks/training_privacy.py --base DIR     # any local causal LM folder instead of SmolLM2

Protocol (`pseudonym_lab.privacy.pipeline`): synthetic documents (`pseudonym_lab.synth`) with 30
canary records ("{name}'s phone number is ddd-ddd-dddd.") each planted in several training
documents → fine-tune plainly, stopped at the best held-out perplexity → fine-tune with the
dual-purpose loss (same stopping rule) → audit both (loss, zlib, Min-K%, reference attacks: AUC and
TPR at 1 % FPR; held-out perplexity; greedy and sampled canary extraction; rank of each secret among
100 random phone numbers of its format) → DFSU-unlearn the canary subjects' phone numbers from the
plain model (no training data used) → audit that. Writes benchmarks/results/training_privacy[_quick].md
and .json (aggregates only: no text, no secret).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pseudonym_lab.privacy.pipeline import run_pipeline  # noqa: E402
from pseudonym_lab.privacy.presets import benchmark_config, quick_config  # noqa: E402
from pseudonym_lab.privacy.report import markdown_table  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def _setup(result: dict, quick: bool) -> str:
    cfg, sizes, train = result["config"], result["corpus"], result["training"]
    if quick:
        model = (
            f"tiny Llama trained from scratch (hidden {cfg['hidden']}, {cfg['layers']} layers, BPE {cfg['vocab_size']})"
        )
        reference = "models of the same size trained on auxiliary documents (one for the defence, one for the attack)"
    else:
        model = f"{cfg['base'] or 'SmolLM2-135M-Instruct'} + LoRA r={cfg['lora_r']}"
        reference = (
            f"defence: a LoRA adapter trained on {sizes['aux']} auxiliary documents of the same kind; "
            "attack: the base model (neither saw the corpus)"
            if sizes.get("aux")
            else "the base model (never saw the corpus), for the defence and the reference attack"
        )
    stops = ", ".join(
        f"{k}: {v['steps']} steps, best step {v['best_step']} ({v['stopped']})"
        for k, v in train.items()
        if "best_step" in v
    )
    u = train["unlearned"]
    keys = ("lora_r", "lr", "beta", "forget_weight", "contrast_weight", "retain_weight")
    unlearn_settings = json.dumps({k: cfg["unlearn"][k] for k in keys})
    return "\n".join(
        [
            f"- model: {model}; reference: {reference}",
            f"- corpus: {sizes['train']} training documents, {sizes['canaries']} canaries planted "
            f"{_tiers(cfg['repeats'])} times, {sizes['members']} members / {sizes['test']} non-members for the "
            f"attacks, {sizes['valid']} for early stopping",
            f"- training: {stops}",
            f"- dual-purpose weights: {json.dumps(cfg['dual'])}",
            f"- DFSU: {u['prompts']} eliciting prompts, {u['samples']} inverted samples "
            f"({u['samples_with_private_tokens']} with detected phone numbers, {u['private_tokens']} private tokens), "
            f"{u['steps']} LoRA steps; settings {unlearn_settings}",
            f"- whole run: {result['seconds'] / 60:.1f} min",
        ]
    )


def _tiers(repeats: int | list[int] | tuple[int, ...]) -> str:
    return str(repeats) if isinstance(repeats, int) else "/".join(map(str, repeats)) + " (tiers taken in turn)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny model from scratch (the lab demo)")
    ap.add_argument("--base", help="local causal LM folder to LoRA-fine-tune (default SmolLM2-135M)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (default: 1 for --quick, torch's otherwise)")
    ap.add_argument("--out", help="result name under benchmarks/results (default training_privacy[_quick])")
    args = ap.parse_args()
    cfg = quick_config(args.seed) if args.quick else benchmark_config(args.seed, args.base)
    if args.threads:
        cfg.threads = args.threads
    started = time.strftime("%Y-%m-%d %H:%M")
    result = run_pipeline(cfg, log=lambda line: print(line, file=sys.stderr, flush=True))
    name = args.out or ("training_privacy_quick" if args.quick else "training_privacy")
    command = "python benchmarks/training_privacy.py" + (" --quick" if args.quick else "")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    text = "\n".join(
        [
            f"# Training-time privacy ({'quick demo' if args.quick else 'benchmark'})",
            "",
            f"`{command}`, seed {args.seed}, started {started} on {platform.machine()} "
            f"({os.cpu_count()} CPUs, load average {load:.1f} at the end: a shared machine, timings are noisy).",
            "",
            _setup(result, args.quick),
            "",
            markdown_table(result),
            "Reading the table: AUC 0.5 and TPR@1% ≈ 0.01 are chance. *secret ranked 1st* is the share of canaries "
            "whose true phone number is the most likely of itself and 100 random numbers of the same format "
            "(≈ 0.01 for a model that never saw it); exposure is log2(101) − log2(rank) bits.",
            "",
        ]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
