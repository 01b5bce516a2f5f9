"""Vaults hold the real PII (design rules 8 and 9).

A persisted session must come back in another process, stay unreadable at rest when a key is
given, refuse the wrong key, survive a hard crash right after a call returned, and never mix
mappings between sessions.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pseudonym_core import Pseudonymizer, Session, SessionNotFoundError, VaultKeyError
from pseudonym_core.vault import MemoryVault, SQLiteVault, Vault

NAME = "Alice Johnson"
EMAIL = "alice.johnson@example.com"
OTHER = "Robert Miller"
TEXT = f"{NAME} asked {OTHER} to forward the contract to {EMAIL} before Friday."
KEY = "correct horse battery staple"

PyRunner = Callable[..., "subprocess.CompletedProcess[str]"]

# The child restores with its own Pseudonymizer and its own vault connection: nothing is shared
# with the parent except the SQLite file on disk.
RESTORE_CHILD = """
import json, sys
from pseudonym_core import Pseudonymizer
from pseudonym_core.vault import SQLiteVault
path, key, sid = sys.argv[1], sys.argv[2] or None, sys.argv[3]
texts = json.loads(sys.argv[4])
p = Pseudonymizer()
s = p.session(id=sid, vault=SQLiteVault(path, key=key), create=False)
print(json.dumps([p.restore(t, session=s) for t in texts]))
"""

# Pseudonymize, hand the text out, then die without any cleanup (no close, no atexit, no flush
# of anything but stdout) — the way a killed worker dies.
CRASH_CHILD = """
import json, os, sys
from pseudonym_core import Pseudonymizer
from pseudonym_core.vault import SQLiteVault
path, key, sid, texts = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
p = Pseudonymizer()
s = p.session(id=sid, vault=SQLiteVault(path, key=key))
out = [p.pseudonymize(t, session=s).text for t in texts]
sys.stdout.write(json.dumps(out))
sys.stdout.flush()
os._exit(1)
"""


def _raw_bytes(path: Path) -> bytes:
    """The database file plus its write-ahead log, exactly as an attacker copying them would see."""
    data = b""
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-journal")):
        if p.exists():
            data += p.read_bytes()
    return data


def _entity_pairs(session: Session) -> set[tuple[str, str]]:
    return {(m.original, m.surrogate) for m in session.mappings() if m.kind == "entity"}


def test_session_reopens_in_new_process(pseudonymizer: Pseudonymizer, tmp_path: Path, run_python: PyRunner) -> None:
    """A conversation persisted to disk must be restorable later by a different process (rule 8)."""
    path = tmp_path / "vault.sqlite3"
    vault = SQLiteVault(path, key=KEY)
    session = pseudonymizer.session(id="conv-1", vault=vault)
    first = pseudonymizer.pseudonymize(TEXT, session=session)
    second = pseudonymizer.pseudonymize(f"Later, {OTHER} replied to {NAME}.", session=session)
    assert NAME not in first.text and EMAIL not in first.text
    vault.close()

    proc = run_python(RESTORE_CHILD, str(path), KEY, "conv-1", json.dumps([first.text, second.text]))
    assert proc.returncode == 0, proc.stderr[-2000:]
    restored = json.loads(proc.stdout)
    assert restored == [TEXT, f"Later, {OTHER} replied to {NAME}."]


@pytest.mark.parametrize("key", [KEY, None], ids=["with-key", "without-key"])
def test_encryption_at_rest(pseudonymizer: Pseudonymizer, tmp_path: Path, key: str | None) -> None:
    """With a key, a copied vault file (and its WAL) reveals no original; without one it does.

    The unencrypted case proves the byte scan can actually find originals.
    """
    path = tmp_path / "vault.sqlite3"
    vault = SQLiteVault(path, key=key)
    session = pseudonymizer.session(vault=vault)
    result = pseudonymizer.pseudonymize(TEXT, session=session)
    detected = {e.text for e in result.entities}
    assert {NAME, OTHER, EMAIL} <= detected
    secrets = [NAME, OTHER, EMAIL, "alice.johnson"]

    while_open = _raw_bytes(path)  # mappings may still sit in the -wal file
    vault.close()
    after_close = _raw_bytes(path)
    for blob in (while_open, after_close):
        found = [s for s in secrets if s.encode() in blob]
        if key is None:
            assert found, "an unencrypted vault should contain the originals (scan sanity check)"
        else:
            assert found == []


def test_wrong_or_missing_key_is_refused(pseudonymizer: Pseudonymizer, tmp_path: Path) -> None:
    """The wrong key must fail loudly (not decrypt garbage); a failed attempt must not damage the vault."""
    path = tmp_path / "vault.sqlite3"
    vault = SQLiteVault(path, key=KEY)
    session = pseudonymizer.session(id="s1", vault=vault)
    out = pseudonymizer.pseudonymize(TEXT, session=session).text
    vault.close()

    with pytest.raises(VaultKeyError):
        SQLiteVault(path, key="not the right key")
    with pytest.raises(VaultKeyError):
        SQLiteVault(path)
    with pytest.raises(VaultKeyError):
        SQLiteVault(path, key="")

    reopened = SQLiteVault(path, key=KEY)
    fresh = Pseudonymizer()  # its own session cache: the session really comes from the file
    assert fresh.restore(out, session=fresh.session(id="s1", vault=reopened, create=False)) == TEXT
    reopened.close()


def test_plain_vault_refuses_a_key(tmp_path: Path) -> None:
    """Opening an unencrypted vault with a key must not silently start mixing encrypted rows in."""
    path = tmp_path / "plain.sqlite3"
    SQLiteVault(path).close()
    with pytest.raises(VaultKeyError):
        SQLiteVault(path, key=KEY)


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_missing_session_is_not_created(pseudonymizer: Pseudonymizer, tmp_path: Path, kind: str) -> None:
    """create=False must raise instead of handing out an empty session that restores nothing."""
    vault: Vault = MemoryVault() if kind == "memory" else SQLiteVault(tmp_path / "v.sqlite3")
    with pytest.raises(SessionNotFoundError):
        pseudonymizer.session(id="missing", vault=vault, create=False)
    assert "missing" not in vault.session_ids()
    with pytest.raises(SessionNotFoundError):
        pseudonymizer.restore("some text", session="missing-too")  # by id, in the default vault


def test_crash_right_after_call_loses_no_mapping(tmp_path: Path, run_python: PyRunner) -> None:
    """A worker killed right after handing out text must leave every mapping it used on disk (rule 9)."""
    path = tmp_path / "vault.sqlite3"
    texts = [TEXT, f"Please call {OTHER} about {NAME}'s request."]
    proc = run_python(CRASH_CHILD, str(path), KEY, "crash-1", json.dumps(texts))
    assert proc.returncode == 1, proc.stderr[-2000:]
    handed_out = json.loads(proc.stdout)
    assert len(handed_out) == 2 and NAME not in handed_out[0] and EMAIL not in handed_out[0]

    vault = SQLiteVault(path, key=KEY)
    p = Pseudonymizer()
    session = p.session(id="crash-1", vault=vault, create=False)
    assert [p.restore(t, session=session) for t in handed_out] == texts
    vault.close()


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_sessions_in_one_vault_are_isolated(pseudonymizer: Pseudonymizer, tmp_path: Path, kind: str) -> None:
    """Two conversations in one vault must never share a mapping (rule 8)."""
    path = tmp_path / "v.sqlite3"
    vault: Vault = MemoryVault() if kind == "memory" else SQLiteVault(path)
    a = pseudonymizer.session(vault=vault)
    a_out = pseudonymizer.pseudonymize(TEXT, session=a).text
    a_pairs = _entity_pairs(a)
    a_surrogate = next(s for o, s in a_pairs if o == NAME)

    # B sees the same person plus someone A never saw. Per-session randomness can make B draw a
    # surrogate word that A's output happens to contain; such a B would restore that word for its
    # own reasons, so pick one whose surrogates are disjoint from A's output by chance.
    b_text = f"{NAME} met Nadia Kowalski in the lobby."
    for _ in range(10):
        b = pseudonymizer.session(vault=vault)
        b_out = pseudonymizer.pseudonymize(b_text, session=b).text
        b_words = {w for m in b.mappings() for w in m.surrogate.split()}
        if not b_words & set(a_out.split()):
            break
    else:
        pytest.fail("could not draw a session B with surrogates disjoint from A's output")

    b_pairs = _entity_pairs(b)
    assert a_pairs and b_pairs and not a_pairs & b_pairs
    assert next(s for o, s in b_pairs if o == NAME) != a_surrogate  # B did not reuse A's pseudonym
    assert {OTHER, EMAIL}.isdisjoint(m.original for m in b.mappings())
    assert "Nadia Kowalski" not in {m.original for m in a.mappings()}
    assert pseudonymizer.restore(a_out, session=b) == a_out
    assert pseudonymizer.restore(b_out, session=b) == b_text
    assert pseudonymizer.restore(a_out, session=a) == TEXT

    stored_a, stored_b = vault.load_session(a.id), vault.load_session(b.id)
    assert stored_a is not None and stored_b is not None
    assert {r.original for r in stored_b.records}.isdisjoint({OTHER, EMAIL})
    assert "Nadia Kowalski" not in {r.original for r in stored_a.records}
