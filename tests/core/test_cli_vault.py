"""`pseudonym vault rekey|forget` and the CLI's refusal to keep personal data in clear by accident.

Run as real subprocesses. The vaults are prepared through the API (no model load), and the CLI
restores through them, which needs no detection model either, so these stay fast.
"""

from __future__ import annotations

import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

from pseudonym_core.session import new_meta
from pseudonym_core.vault import Delta, MappingRecord, SQLiteVault

CliRunner = Callable[..., "subprocess.CompletedProcess[bytes]"]
KEY_ENV, NEW_KEY_ENV = "PSEUDONYM_VAULT_KEY", "PSEUDONYM_NEW_VAULT_KEY"
RECORDS = [
    MappingRecord("Alice", "Mara", "PERSON", "component"),
    MappingRecord("Johnson", "Lind", "PERSON", "component"),
    MappingRecord("Alice Johnson", "Mara Lind", "PERSON"),
]
ANSWER, ORIGINAL = b"Mara Lind signed; Ms. Lind will call.", b"Alice Johnson signed; Ms. Johnson will call."


def _vault_with_session(path: Path, key: str | None) -> None:
    vault = SQLiteVault(path, key=key)
    vault.create_session("conv", new_meta(None))
    vault.commit("conv", vault.load_session("conv").cursor, Delta(list(RECORDS)))
    vault.close()


def _err(proc: subprocess.CompletedProcess[bytes]) -> str:
    return proc.stderr.decode("utf-8", errors="replace")


def test_no_key_means_no_vault_unless_asked(tmp_path: Path, run_cli: CliRunner) -> None:
    """Without $PSEUDONYM_VAULT_KEY nothing is written; with the explicit flag a plaintext vault is."""
    vault = tmp_path / "data" / "v.sqlite3"
    argv = ["pseudonymize", "--vault", str(vault), "--session", "s"]
    refused = run_cli(argv, stdin=b"Alice Johnson called.")
    assert refused.returncode == 2 and "--insecure-plaintext-vault" in _err(refused)
    assert "Alice" not in _err(refused) and not vault.parent.exists()

    refused_restore = run_cli(["restore", "--vault", str(vault), "--session", "s"], stdin=b"x")
    assert refused_restore.returncode == 2 and not vault.parent.exists()  # same refusal on restore
    created = run_cli(["restore", "--vault", str(vault), "--session", "s", "--insecure-plaintext-vault"], stdin=b"x")
    assert created.returncode == 2 and "no session" in _err(created)  # it opened (and created) the vault
    assert stat.S_IMODE(vault.stat().st_mode) == 0o600 and stat.S_IMODE(vault.parent.stat().st_mode) == 0o700


def test_rekey_then_forget(tmp_path: Path, run_cli: CliRunner) -> None:
    vault = tmp_path / "v.sqlite3"
    _vault_with_session(vault, "old key")
    restore = ["restore", "--vault", str(vault), "--session", "conv"]
    assert run_cli(restore, stdin=ANSWER, env={KEY_ENV: "old key"}).stdout == ORIGINAL

    no_new = run_cli(["vault", "rekey", "--vault", str(vault)], env={KEY_ENV: "old key"})
    assert no_new.returncode == 2 and NEW_KEY_ENV in _err(no_new)
    plain = run_cli(["vault", "rekey", "--vault", str(vault), "--to-plaintext"], env={KEY_ENV: "old key"})
    assert plain.returncode == 2 and "--insecure-plaintext-vault" in _err(plain)
    done = run_cli(["vault", "rekey", "--vault", str(vault)], env={KEY_ENV: "old key", NEW_KEY_ENV: "new key"})
    assert done.returncode == 0, _err(done)
    old = run_cli(restore, stdin=ANSWER, env={KEY_ENV: "old key"})
    assert old.returncode == 2 and "key" in _err(old) and old.stdout == b""
    assert run_cli(restore, stdin=ANSWER, env={KEY_ENV: "new key"}).stdout == ORIGINAL

    forget = ["vault", "forget", "--vault", str(vault), "--session", "conv"]
    erased = run_cli(forget, env={KEY_ENV: "new key"})
    assert erased.returncode == 0 and erased.stdout.strip() == b"3"
    gone = run_cli(restore, stdin=ANSWER, env={KEY_ENV: "new key"})
    assert gone.returncode == 2 and "no session" in _err(gone)
    assert run_cli(forget, env={KEY_ENV: "new key"}).stdout.strip() == b"0"


def test_forget_leaves_no_trace_in_a_plaintext_file(tmp_path: Path, run_cli: CliRunner) -> None:
    """The strictest case for erasure: without encryption the originals are in the file until
    `forget`, and nowhere in it (nor in its write-ahead log) afterwards."""
    vault = tmp_path / "plain.sqlite3"
    _vault_with_session(vault, None)

    def stored() -> bytes:
        return b"".join(p.read_bytes() for p in tmp_path.glob("plain.sqlite3*"))

    assert b"Alice Johnson" in stored()
    done = run_cli(["vault", "forget", "--vault", str(vault), "--session", "conv", "--insecure-plaintext-vault"])
    assert done.returncode == 0, _err(done)
    assert [w for w in (b"Alice", b"Johnson", b"conv") if w in stored()] == []
