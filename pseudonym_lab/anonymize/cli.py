"""`pseudonym anonymize`: rewrite a text (file or stdin) or a JSON-lines data set without its personal data.

Text in, rewrite out (stdout); what fell back and why goes to stderr, without text. ``--jsonl``
rewrites a data set (``{"id", "text", ...}`` a line, the format of `pseudonym eval --data`) into
``{"id", "text", "mode", "notes"}`` lines: the originals and their spans are not carried over.
``--review DIR`` also writes the local side-by-side sheet (originals included, see `review`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pseudonym_core.cli import CliError, _read_input


def _rows(args: argparse.Namespace) -> list[tuple[str, str]]:
    raw = _read_input(args.file, args.max_chars)
    if not args.jsonl:
        return [("text", raw)]
    rows: list[tuple[str, str]] = []
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            raise CliError(f"line {lineno}: not valid JSON") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise CliError(f'line {lineno}: expected an object with a "text" string')
        rows.append((str(obj.get("id", f"line-{lineno}")), obj["text"]))
    return rows


def _cmd(args: argparse.Namespace) -> int:
    from pseudonym_lab.anonymize import Anonymizer

    rows = _rows(args)
    anonymizer = Anonymizer(args.mode, lm_path=args.lm)
    results = [anonymizer.anonymize(text) for _, text in rows]
    for (rid, _), res in zip(rows, results, strict=True):
        if args.jsonl:
            row = {"id": rid, "text": res.text, "mode": res.mode, "notes": list(res.notes)}
            print(json.dumps(row, ensure_ascii=False))
        else:
            sys.stdout.write(res.text)
        for note in res.notes:
            print(f"pseudonym: {rid}: {note}", file=sys.stderr)
    if args.review:
        _review(args, anonymizer, rows, results)
    return 0


def _review(args: argparse.Namespace, anonymizer: Any, rows: list[tuple[str, str]], results: list[Any]) -> None:
    from pseudonym_lab.anonymize.evaluate import Outcome, redetected
    from pseudonym_lab.anonymize.review import write_csv, write_html

    outcomes = [
        Outcome(rid, text, res, [], redetected(anonymizer, res), 0.0)
        for (rid, text), res in zip(rows, results, strict=True)
    ]
    folder = Path(args.review)
    html_path, csv_path = write_html(outcomes, folder / "review.html"), write_csv(outcomes, folder / "review.csv")
    print(f"pseudonym: wrote {html_path} and {csv_path}: they contain the ORIGINAL texts, keep them local",
          file=sys.stderr)  # fmt: skip


def register_cli(sub: Any) -> None:
    p = sub.add_parser("anonymize", help="irreversibly rewrite text without its personal data (generalize / llm)")
    p.add_argument("file", nargs="?", help="input file (default: stdin)")
    p.add_argument(
        "--mode",
        choices=["generalize", "llm"],
        default="generalize",
        help="generalize: rule-based descriptions; llm: a local model rewrites, checked, else generalize",
    )
    p.add_argument("--lm", default=None, help="local transformers model folder for --mode llm (default: SmolLM2-135M)")
    p.add_argument("--jsonl", action="store_true", help='input is JSON lines with "id" and "text"; output too')
    p.add_argument(
        "--review",
        default=None,
        metavar="DIR",
        help="also write DIR/review.html and DIR/review.csv side by side, ORIGINALS INCLUDED (local only)",
    )
    p.add_argument("--max-chars", type=int, default=1_000_000, help="refuse inputs longer than this")
    p.set_defaults(func=_cmd)
