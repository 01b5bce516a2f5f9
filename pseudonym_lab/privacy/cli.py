"""`pseudonym audit`, `pseudonym unlearn` and `pseudonym lab demo` (registered by `pseudonym_lab.cli`).

Outputs are aggregate numbers (AUCs, rates, ranks, perplexities): no training text and no secret is
ever printed, so a result can be pasted into an issue.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from pseudonym_core.cli import CliError


def _err(line: str) -> None:
    print(line, file=sys.stderr)


def _threads(n: int) -> None:
    if n:
        import torch

        torch.set_num_threads(n)


def _texts(path: str) -> list[str]:
    from pseudonym_lab.train.lm import read_texts

    if not Path(path).is_file():
        raise CliError(f"{path} is not a file")
    return read_texts(path)


def _canaries(path: str | None) -> list[Any]:
    from pseudonym_lab.privacy.canaries import read_canaries

    if not path:
        return []
    try:
        return read_canaries(path)
    except (OSError, ValueError) as exc:
        raise CliError(str(exc)) from None


def cmd_audit(args: argparse.Namespace) -> int:
    from pseudonym_lab.privacy.audit import AuditConfig, audit, plot_audit
    from pseudonym_lab.train.lora import load_finetuned

    _threads(args.threads)
    members, non_members = _texts(args.members), _texts(args.non_members)
    canaries = _canaries(args.canaries)
    model, tokenizer = load_finetuned(args.model)
    reference = load_finetuned(args.reference)[0] if args.reference else None
    cfg = AuditConfig(min_k=args.min_k, n_candidates=args.candidates, samples=args.samples, seed=args.seed,
                      max_tokens=args.max_tokens)  # fmt: skip
    result = audit(model, tokenizer, members, non_members, canaries, reference, cfg, curves=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    plot_audit(result, out / "audit.png", title=f"membership inference: {Path(args.model).name}")
    for entry in result["mia"]["attacks"].values():
        entry.pop("curve", None)  # the plot has them; the JSON stays readable
    (out / "audit.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    _err(f"wrote {out / 'audit.json'} and {out / 'audit.png'}")
    return 0


def cmd_unlearn(args: argparse.Namespace) -> int:
    from pseudonym_core import Pseudonymizer
    from pseudonym_lab.privacy.canaries import canary_report
    from pseudonym_lab.privacy.scoring import perplexity
    from pseudonym_lab.privacy.unlearn import ExtractionProbe, UnlearnConfig, unlearn
    from pseudonym_lab.train.lora import load_finetuned

    started = time.monotonic()
    _threads(args.threads)
    targets = list(args.target or [])
    if args.targets_file:
        targets += _texts(args.targets_file)
    if not targets and not args.type:
        raise CliError("give --target NAME (or --targets-file) and/or --type LABEL")
    canaries = _canaries(args.canaries)
    heldout = _texts(args.heldout) if args.heldout else []
    templates = args.template or ()
    model, tokenizer = load_finetuned(args.model)
    detector = Pseudonymizer()
    cfg = UnlearnConfig(
        per_prompt=args.samples,
        steps=args.steps,
        lr=args.lr,
        lora_r=args.lora_r,
        beta=args.beta,
        forget_weight=args.forget_weight,
        contrast_weight=args.contrast_weight,
        flatten_weight=args.flatten_weight,
        retain_weight=args.retain_weight,
        max_minutes=args.max_minutes,
        seed=args.seed,
    )
    report: dict[str, Any] = {"targets": len(targets), "types": args.type or "all"}
    probe = ExtractionProbe(model, tokenizer, targets, args.type, templates, detector)
    before: dict[str, Any] = {"target_extraction": 1.0 if probe.summary()["prompts_with_private_data"] else 0.0}
    if canaries:
        before["canaries"] = canary_report(model, tokenizer, canaries, samples=4, seed=args.seed)
    if heldout:
        before["heldout_perplexity"] = perplexity(model, tokenizer, heldout)
    peft_model, report["run"] = unlearn(model, tokenizer, targets, args.type, detector, cfg, templates, log=_err)
    merged = peft_model.merge_and_unload().eval()
    after: dict[str, Any] = {"target_extraction": probe.rate(merged)}
    if canaries:
        after["canaries"] = canary_report(merged, tokenizer, canaries, samples=4, seed=args.seed)
    if heldout:
        after["heldout_perplexity"] = perplexity(merged, tokenizer, heldout)
    report.update({"probe": probe.summary(), "before": before, "after": after})
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    merged.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    report["seconds"] = round(time.monotonic() - started, 1)
    (out / "unlearn.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    _err(f"unlearned model saved to {out}")
    return 0


def cmd_lab_demo(args: argparse.Namespace) -> int:
    from pseudonym_lab.privacy.pipeline import run_pipeline
    from pseudonym_lab.privacy.presets import benchmark_config, quick_config, smoke_config

    _threads(args.threads)
    if args.smoke:
        cfg = smoke_config(args.seed)
    else:
        cfg = quick_config(args.seed) if args.quick else benchmark_config(args.seed, args.base)
    result = run_pipeline(cfg, log=_err if not args.quiet else None)
    if args.json:
        print(json.dumps(result["summary"]))
    else:
        from pseudonym_lab.privacy.report import markdown_table

        print(markdown_table(result))
    return 0


def register_cli(sub: Any) -> None:
    a = sub.add_parser("audit", help="membership-inference and canary-extraction audit of a local causal LM")
    a.add_argument("--model", required=True, help="model folder (full model, or an adapter from `train lm`)")
    a.add_argument("--members", required=True, help="texts that were trained on (.jsonl with 'text', or one a line)")
    a.add_argument("--non-members", required=True, help="texts of the same kind that were not")
    a.add_argument("--reference", help="reference model folder for the calibrated attack (e.g. the base model)")
    a.add_argument("--canaries", help='JSON lines {"prefix": ..., "secret": ...} to test for extraction')
    a.add_argument("--min-k", type=float, default=0.2, help="Min-K%% Prob share (default 0.2)")
    a.add_argument("--candidates", type=int, default=100, help="random secrets of the same format per canary")
    a.add_argument("--samples", type=int, default=8, help="sampled completions per canary")
    a.add_argument("--max-tokens", type=int, default=512)
    a.add_argument("--seed", type=int, default=0)
    a.add_argument("--threads", type=int, default=0)
    a.add_argument("--out", default="audit-results", help="folder for audit.json and audit.png")
    a.set_defaults(func=cmd_audit)

    u = sub.add_parser("unlearn", help="data-free selective unlearning (DFSU) of personal data from a local LM")
    u.add_argument("--model", required=True, help="model folder (full model or adapter)")
    u.add_argument("--target", action="append", help="a subject whose data to forget (a name); repeatable")
    u.add_argument("--targets-file", help="subjects, one a line")
    u.add_argument("--type", action="append", help="core label to forget (PHONE_NUMBER, EMAIL_ADDRESS …); repeatable")
    u.add_argument("--template", action="append", help='extra eliciting prompt, e.g. "{target}\'s pager is"')
    u.add_argument("--canaries", help="JSON lines prefix → secret, measured before and after")
    u.add_argument("--heldout", help="held-out texts for perplexity before and after (utility)")
    u.add_argument("--out", required=True, help="folder for the unlearned (merged) model and unlearn.json")
    from pseudonym_lab.privacy.unlearn import UnlearnConfig

    d = UnlearnConfig()
    u.add_argument("--samples", type=int, default=d.per_prompt, help="sampled completions per prompt (plus greedy)")
    u.add_argument("--steps", type=int, default=d.steps)
    u.add_argument("--lr", type=float, default=d.lr)
    u.add_argument("--lora-r", type=int, default=d.lora_r)
    u.add_argument("--beta", type=float, default=d.beta, help="NPO / contrast temperature")
    u.add_argument("--forget-weight", type=float, default=d.forget_weight)
    u.add_argument("--contrast-weight", type=float, default=d.contrast_weight)
    u.add_argument("--flatten-weight", type=float, default=d.flatten_weight, help="format-class flattening")
    u.add_argument("--retain-weight", type=float, default=d.retain_weight)
    u.add_argument("--max-minutes", type=float)
    u.add_argument("--seed", type=int, default=0)
    u.add_argument("--threads", type=int, default=0)
    u.set_defaults(func=cmd_unlearn)

    lab = sub.add_parser("lab", help="lab pipelines (training-time privacy demo)")
    what = lab.add_subparsers(dest="what", required=True)
    demo = what.add_parser("demo", help="canaries → plain / dual-purpose training → audit → DFSU unlearning")
    demo.add_argument("--quick", action="store_true", help="a tiny model trained from scratch (CPU, minutes)")
    demo.add_argument("--smoke", action="store_true", help="seconds: a toy corpus that checks every stage runs")
    demo.add_argument("--json", action="store_true", help="print one JSON object: plain, dual_purpose, unlearned")
    demo.add_argument("--base", help="without --quick: local model folder to LoRA-fine-tune (default SmolLM2-135M)")
    demo.add_argument("--seed", type=int, default=0)
    demo.add_argument("--threads", type=int, default=0)
    demo.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    demo.set_defaults(func=cmd_lab_demo)
