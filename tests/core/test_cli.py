"""The `pseudonym` command line, run as a real subprocess.

CLI output ends up in shell history, CI logs and bug reports, so besides the round trip the
tests pin down that errors exit with status 2, say what went wrong on stderr, and never echo
the input. Runs that load the spaCy model are kept to three (file, stdin/JSON, demo).
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pseudonym_core import Pseudonymizer
from pseudonym_core.demo import RAG_CHUNK, TICKET
from pseudonym_core.vault import SQLiteVault

CliRunner = Callable[..., "subprocess.CompletedProcess[bytes]"]

NAME = "Alice Johnson"
OTHER = "Zoë Lindqvist"
EMAIL = "alice.johnson@example.com"
TEXT = f"{NAME} asked {OTHER} to send the signed lease to {EMAIL} before Friday.\nThanks!\n"
ORIGINALS = [NAME, OTHER, EMAIL, "Johnson", "Lindqvist"]
KEY_ENV = "PSEUDONYM_VAULT_KEY"


def _no_originals(data: bytes | str) -> None:
    blob = data if isinstance(data, bytes) else data.encode("utf-8")
    assert [o for o in ORIGINALS if o.encode("utf-8") in blob] == []


def test_files_round_trip_with_encrypted_vault(tmp_path: Path, run_cli: CliRunner) -> None:
    """pseudonymize FILE then restore FILE with the same --vault/--session gives the input back byte for byte."""
    vault = tmp_path / "cli.sqlite3"
    src = tmp_path / "in.txt"
    src.write_text(TEXT, encoding="utf-8")
    env = {KEY_ENV: "cli-secret"}
    args = ["--vault", str(vault), "--session", "conv-files"]

    first = run_cli(["pseudonymize", str(src), *args], env=env)
    assert first.returncode == 0, first.stderr.decode(errors="replace")[-2000:]
    assert b"conv-files" in first.stderr  # the session id is reported for the later restore
    _no_originals(first.stdout)
    assert first.stdout.decode("utf-8").count("\n") == TEXT.count("\n")  # layout kept

    answer = tmp_path / "answer.txt"
    answer.write_bytes(first.stdout)
    back = run_cli(["restore", str(answer), *args], env=env)
    assert back.returncode == 0, back.stderr.decode(errors="replace")[-2000:]
    assert back.stdout.decode("utf-8") == TEXT
    stored = b"".join(f.read_bytes() for f in tmp_path.glob("cli.sqlite3*"))  # file plus any -wal
    assert stored
    _no_originals(stored)  # the key from the environment encrypted the vault


def test_stdin_json_round_trip(tmp_path: Path, run_cli: CliRunner) -> None:
    """--json gives session_id, text and entity offsets/labels/surrogates, but never the originals."""
    vault = tmp_path / "cli.sqlite3"
    args = ["--vault", str(vault), "--session", "conv-stdin", "--insecure-plaintext-vault"]  # asked for explicitly
    proc = run_cli(["pseudonymize", "--json", *args], stdin=TEXT.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    _no_originals(proc.stdout)
    payload = json.loads(proc.stdout.decode("utf-8"))

    assert payload["session_id"] == "conv-stdin"
    assert isinstance(payload["text"], str)
    _no_originals(payload["text"])
    entities = payload["entities"]
    assert entities and all({"label", "surrogate", "start", "end"} <= set(e) for e in entities)
    for e in entities:
        assert isinstance(e["start"], int) and isinstance(e["end"], int) and 0 <= e["start"] < e["end"] <= len(TEXT)
        assert e["surrogate"] in payload["text"]
    spans = {TEXT[e["start"] : e["end"]]: e["label"] for e in entities}  # offsets point into the input
    assert spans.get(NAME) == "PERSON" and spans.get(EMAIL) == "EMAIL_ADDRESS"

    back = run_cli(["restore", *args], stdin=payload["text"].encode("utf-8"))
    assert back.returncode == 0, back.stderr.decode(errors="replace")[-2000:]
    assert back.stdout.decode("utf-8") == TEXT


def _encrypted_vault(path: Path, key: str) -> None:
    """An encrypted vault holding session 'conv' (no model load needed to create a session)."""
    vault = SQLiteVault(path, key=key)
    Pseudonymizer().session(id="conv", vault=vault)
    vault.close()


SECRET_INPUT = f"Private note: {NAME} ({EMAIL}) owes money.".encode()
ERROR_CASES: dict[str, tuple[list[str], bytes, dict[str, str], str]] = {
    # name: (argv after the command, stdin, env, regex the message must match)
    "empty": (["pseudonymize"], b"", {}, r"empty"),
    "whitespace-only": (["pseudonymize"], b" \n\t \r\n", {}, r"empty"),
    "binary-nul": (["pseudonymize"], SECRET_INPUT + b"\x00\x01\x02\xff", {}, r"binary|NUL"),
    "invalid-utf8": (["pseudonymize"], SECRET_INPUT + b" \xc3\x28 \xff", {}, r"UTF-8"),
    "too-large": (["pseudonymize", "--max-chars", "20"], SECRET_INPUT, {}, r"max-chars"),
    "unknown-session": (["restore", "--session", "no-such-conversation"], SECRET_INPUT, {KEY_ENV: "k"}, r"session"),
    "no-key-no-consent": (["pseudonymize", "--session", "s"], SECRET_INPUT, {}, r"PSEUDONYM_VAULT_KEY.*--insecure"),
    "wrong-key-restore": (["restore", "--session", "conv"], SECRET_INPUT, {KEY_ENV: "wrong"}, r"key"),
    "wrong-key-pseudonymize": (["pseudonymize", "--session", "conv"], SECRET_INPUT, {KEY_ENV: "wrong"}, r"key"),
    "missing-key": (["restore", "--session", "conv"], SECRET_INPUT, {}, r"key"),
}


@pytest.mark.parametrize("case", list(ERROR_CASES))
def test_bad_input_exits_2_without_echoing_it(tmp_path: Path, run_cli: CliRunner, case: str) -> None:
    """Every refusal: exit status 2, one clear line on stderr, no traceback, no trace of the input."""
    argv, stdin, env, expected = ERROR_CASES[case]
    vault = tmp_path / "v.sqlite3"
    if "key" in case:
        _encrypted_vault(vault, "right-key")
    proc = run_cli([*argv, "--vault", str(vault)], stdin=stdin, env=env, timeout=120)
    err = proc.stderr.decode("utf-8", errors="replace")
    assert proc.returncode == 2, err[-2000:]
    assert proc.stdout == b""
    assert err.startswith("pseudonym: error:") and "Traceback" not in err
    assert re.search(expected, err, re.IGNORECASE), err
    for secret in (NAME, EMAIL, "Private note", "Johnson"):
        assert secret not in err


def test_missing_input_file_is_a_clear_error(tmp_path: Path, run_cli: CliRunner) -> None:
    """A typo in the file name must not fall back to waiting on stdin or print a traceback."""
    proc = run_cli(["pseudonymize", str(tmp_path / "nope.txt"), "--vault", str(tmp_path / "v.sqlite3")])
    assert proc.returncode == 2
    assert b"no such file" in proc.stderr and b"Traceback" not in proc.stderr


def _sections(out: str) -> dict[str, str]:
    parts = re.split(r"^== (.+)$", out, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_demo(tmp_path: Path, run_cli: CliRunner) -> None:
    """The demo shows the round trip: the model's sections hold only surrogates, the restored answer the real names."""
    proc = run_cli(["demo"])
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    assert "What the cloud model receives" in out
    sections = _sections(out)
    sent = next(v for k, v in sections.items() if k.startswith("What the cloud model receives"))
    answer = next(v for k, v in sections.items() if k.startswith("The model's answer"))
    restored = next(v for k, v in sections.items() if k.startswith("Restored"))

    names = ["Maria", "Gonzalez", "Kwame", "Mensah"]
    assert all(n in TICKET for n in names)  # keeps this test in step with demo.py
    demo_secrets = [*names, "maria.gonzalez@northwind-bank.com", "4111 1111 1111 1111", "415 555 0134"]
    for section in (sent, answer):
        assert [s for s in demo_secrets if s in section] == []
    assert "GB82WEST12345698765432" in RAG_CHUNK and "GB82WEST12345698765432" not in sent
    assert "Gonzalez" in restored and "Kwame Mensah" in restored and "Dr. Mensah" in restored
    assert "Maria's" in restored
