"""`pseudonym batch INPUT OUTPUT`: the command-line face of `pseudonymize_corpus`.

Bad rows are printed to stderr by id and reason as they are met; the summary (rows, time, counts
per entity type, session id) goes to stderr too, so stdout stays free. Exit status 0 when every
row was written, 1 when some rows failed (the others are written; fix and rerun to add them).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register_cli(sub: Any) -> None:
    from ..cli import DEFAULT_VAULT
    from ..cli_vault import add_vault_options

    bp = sub.add_parser(
        "batch",
        help="pseudonymize a JSONL/Parquet corpus on Ray with one session (resumable)",
        description="Pseudonymize every row of a JSONL or Parquet corpus on Ray. All rows share one "
        "session in one vault, so an entity gets one surrogate across the corpus. Rerun the same "
        "command to resume: ids already in OUTPUT are skipped.",
    )
    bp.add_argument("input", help="corpus: .jsonl (one JSON object per line) or .parquet (file or folder)")
    bp.add_argument("output", help="result: .jsonl, or .parquet (a folder of part files)")
    bp.add_argument("--id-field", default="id", help="field holding each row's unique id (default: id)")
    bp.add_argument("--text-field", default="text", help="field holding the text to pseudonymize (default: text)")
    bp.add_argument("--metadata", default="", help="comma-separated fields copied unchanged to the output")
    add_vault_options(bp, str(DEFAULT_VAULT))  # --vault (a file, or a Redis/SQL URL for many machines)
    bp.add_argument("--session", default=None, help="session id for the corpus (default: new, or the resumed run's)")
    bp.add_argument("--num-cpus", type=int, default=None, help="CPUs of the local Ray started here (default: all)")
    bp.add_argument("--workers", type=int, default=None, help="worker actors (default: one per Ray CPU)")
    bp.add_argument("--address", default=None, help="join an existing Ray cluster (e.g. ray://head:10001 or auto)")
    bp.add_argument("--max-chars", type=int, default=None, help="longest text per call; longer rows go in pieces")
    bp.add_argument("--no-progress", action="store_true", help="no progress bar")
    bp.set_defaults(func=cmd_batch)


def cmd_batch(args: argparse.Namespace) -> int:
    from ..cli import CliError
    from ..cli_vault import open_cli_vault
    from ..config import PseudonymizerConfig
    from . import BadRow, pseudonymize_corpus

    if args.num_cpus is not None and args.num_cpus <= 0:
        raise CliError("--num-cpus must be a positive number")
    if args.workers is not None and args.workers <= 0:
        raise CliError("--workers must be a positive number")
    # refuses a vault in clear unless asked for (--insecure-plaintext-vault), creates its folder
    store = open_cli_vault(args)
    getattr(store, "close", lambda: None)()
    config = PseudonymizerConfig(max_input_chars=args.max_chars) if args.max_chars else None

    def show(bad: BadRow) -> None:
        print(f"pseudonym: row {bad.where}: {bad.reason}", file=sys.stderr)

    report = pseudonymize_corpus(
        args.input,
        args.output,
        vault=args.vault,
        session_id=args.session,
        id_field=args.id_field,
        text_field=args.text_field,
        metadata=[m.strip() for m in args.metadata.split(",") if m.strip()],
        config=config,
        num_cpus=args.num_cpus,
        workers=args.workers,
        address=args.address,
        progress=not args.no_progress,
        on_error=show,
    )
    print(report.summary(), file=sys.stderr)
    return 1 if report.errors else 0
