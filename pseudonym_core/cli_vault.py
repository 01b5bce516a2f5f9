"""`pseudonym vault …` and how every command opens its vault.

The vault holds the real personal data, so a command never creates or opens one in clear by
accident: without `$PSEUDONYM_VAULT_KEY` it refuses unless the user passes
`--insecure-plaintext-vault` (or sets `PSEUDONYM_INSECURE_PLAINTEXT_VAULT=1`). Keys are read from
the environment (or typed at a terminal), never from the command line, where `ps` and shell
history would keep them.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

KEY_ENV = "PSEUDONYM_VAULT_KEY"
NEW_KEY_ENV = "PSEUDONYM_NEW_VAULT_KEY"
INSECURE_ENV = "PSEUDONYM_INSECURE_PLAINTEXT_VAULT"


class VaultCliError(Exception):
    """A usage problem with the vault options; printed without traceback (exit status 2)."""


def add_vault_options(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--vault",
        default=default,
        help=f"SQLite vault file, or a redis://… / postgresql://… URL (key from ${KEY_ENV})",
    )
    parser.add_argument(
        "--insecure-plaintext-vault",
        action="store_true",
        help=f"allow a vault without encryption when ${KEY_ENV} is unset (it then stores every original in clear)",
    )


def _insecure(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "insecure_plaintext_vault", False)) or os.environ.get(INSECURE_ENV) == "1"


def open_cli_vault(args: argparse.Namespace) -> Any:
    """The vault named by --vault, encrypted with $PSEUDONYM_VAULT_KEY (or refused without one)."""
    from .vault import open_vault

    key = os.environ.get(KEY_ENV) or None
    if key is None and not _insecure(args):
        raise VaultCliError(
            f"no vault key: set ${KEY_ENV} (the vault stores the real personal data), or pass "
            "--insecure-plaintext-vault to keep it unencrypted"
        )
    if "://" not in args.vault:
        parent = Path(args.vault).parent
        if not parent.exists():
            parent.mkdir(parents=True, mode=0o700)
    return open_vault(args.vault, key=key)


def _new_key(args: argparse.Namespace) -> str | None:
    if args.to_plaintext:
        if not _insecure(args):
            raise VaultCliError("--to-plaintext removes the encryption: add --insecure-plaintext-vault to confirm")
        return None
    key = os.environ.get(NEW_KEY_ENV)
    if key:
        return key
    if sys.stdin.isatty():
        first = getpass.getpass("new vault key: ")
        if first and first == getpass.getpass("repeat the new key: "):
            return first
        raise VaultCliError("the two keys differ (or are empty); nothing was changed")
    raise VaultCliError(f"set ${NEW_KEY_ENV} to the new key (or run at a terminal to type it)")


def cmd_rekey(args: argparse.Namespace) -> int:
    new_key = _new_key(args)
    vault = open_cli_vault(args)
    try:
        vault.rekey(new_key)
    finally:
        vault.close()
    where = "without encryption" if new_key is None else f"under the new key (now use it as ${KEY_ENV})"
    print(f"vault re-keyed {where}", file=sys.stderr)
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    vault = open_cli_vault(args)
    try:
        count = vault.forget(args.session)
    finally:
        vault.close()
    print(count)
    print(f"forgot session {args.session!r}: {count} mappings erased", file=sys.stderr)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from .vault import migrate_v1

    key = os.environ.get(KEY_ENV) or None
    if key is None and not _insecure(args):
        raise VaultCliError(f"set ${KEY_ENV} to the old vault's key (or pass --insecure-plaintext-vault)")
    if not Path(args.old).is_file():
        raise VaultCliError(f"no such file: {args.old}")
    count = migrate_v1(args.old, args.new, key)
    print(f"copied {count} sessions into {args.new}", file=sys.stderr)
    return 0


def register(sub: Any, default_vault: str) -> None:
    """`pseudonym vault rekey|forget|migrate`."""
    vp = sub.add_parser("vault", help="manage the vault: change its key, erase a session, convert an old file")
    what = vp.add_subparsers(dest="what", required=True)
    rk = what.add_parser("rekey", help=f"re-encrypt the vault: old key from ${KEY_ENV}, new from ${NEW_KEY_ENV}")
    add_vault_options(rk, default_vault)
    rk.add_argument(
        "--to-plaintext", action="store_true", help="remove the encryption (needs --insecure-plaintext-vault)"
    )
    rk.set_defaults(func=cmd_rekey)
    fg = what.add_parser("forget", help="erase a session's mappings; prints how many were erased")
    fg.add_argument("--session", required=True, help="the session id to erase")
    add_vault_options(fg, default_vault)
    fg.set_defaults(func=cmd_forget)
    mg = what.add_parser("migrate", help="convert a vault file of version 0.1 (schema 1) into a new file")
    mg.add_argument("old", help="the old vault file (only read)")
    mg.add_argument("new", help="the new vault file (must not exist)")
    mg.add_argument("--insecure-plaintext-vault", action="store_true", help="the old vault has no key")
    mg.set_defaults(func=cmd_migrate)
