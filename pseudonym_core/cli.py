"""`pseudonym` command line: pseudonymize / restore files or stdin, a walk-through demo; lab commands.

Errors go to stderr with exit status 2 and never echo the input: a CLI error ends up in shell
history, CI logs and bug reports.

Evaluation, training and anonymization live in the `pseudonym_lab` package (the ``lab`` extra). The
core never imports it at module level: `main` loads it only for one of `LAB_COMMANDS` or for help,
and without it those commands say how to install it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from .cli_vault import VaultCliError, add_vault_options
from .cli_vault import register as register_vault_cli
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
    from .cli_vault import open_cli_vault

    return open_cli_vault(args)  # refuses an unencrypted vault unless asked for explicitly


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


#: Commands defined by the lab package (`pseudonym_lab.cli`), imported only when one is used.
LAB_COMMANDS: tuple[str, ...] = ("eval", "train", "anonymize", "audit", "unlearn", "lab")
LAB_INSTALL = "pip install 'llm-pseudonym[lab]'"
CORE_COMMANDS: tuple[str, ...] = ("pseudonymize", "restore", "demo", "explain", "vault")


def _load_lab() -> Any:
    """`pseudonym_lab.cli`, or None when the lab is not installed."""
    try:
        from pseudonym_lab import cli as lab_cli
    except ImportError:
        return None
    return lab_cli


def _lab_missing(command: str) -> int:
    print(f"pseudonym: error: `pseudonym {command}` needs the lab: {LAB_INSTALL}", file=sys.stderr)
    return 2


def _lab_parsers(sub: Any) -> None:
    lab = _load_lab()
    if lab is not None:
        lab.register(sub)
        return
    for name in LAB_COMMANDS:  # listed in --help; `main` answers them before parsing
        sub.add_parser(name, help=f"(needs the lab: {LAB_INSTALL})")


def _run_lab(args: argparse.Namespace) -> int:
    """Run a lab command; a missing optional dependency of the lab extra becomes an install hint."""
    try:
        return int(args.func(args))
    except ModuleNotFoundError as exc:
        root = (exc.name or "").split(".")[0]
        if root in ("", "pseudonym_core", "pseudonym_lab"):
            raise
        print(
            f"pseudonym: error: `pseudonym {args.command}` needs the optional package {root!r} "
            f"of the lab extra: {LAB_INSTALL}",
            file=sys.stderr,
        )
        return 2


def build_parser(with_lab: bool = True) -> argparse.ArgumentParser:
    """The parser; `with_lab=False` leaves the lab's commands out (and the lab unimported)."""
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
        add_vault_options(sp, str(DEFAULT_VAULT))
        sp.add_argument("--max-chars", type=int, default=1_000_000, help="refuse inputs longer than this")
        if name == "pseudonymize":
            sp.add_argument("--json", action="store_true", help="print text, session id and entities as JSON")
    sub.add_parser("demo", help="walk through pseudonymize → model → restore on built-in text")
    from .cli_explain import register as register_explain

    register_explain(sub, _input_args)
    if with_lab:
        _lab_parsers(sub)
    register_vault_cli(sub, str(DEFAULT_VAULT))
    from .batch.cli import register_cli as register_batch  # imports no Ray until the command runs

    register_batch(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    with_lab = first not in CORE_COMMANDS  # a typo gets the full list of choices
    if first in LAB_COMMANDS and _load_lab() is None:
        return _lab_missing(first)
    args = build_parser(with_lab=with_lab).parse_args(argv)
    handler = {
        "pseudonymize": cmd_pseudonymize,
        "restore": cmd_restore,
        "demo": cmd_demo,
        "explain": cmd_explain,
        "vault": lambda a: a.func(a),
        "batch": lambda a: a.func(a),
    }.get(args.command, _run_lab)
    try:
        return handler(args)
    except (CliError, VaultCliError, PseudonymError) as exc:
        print(f"pseudonym: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
