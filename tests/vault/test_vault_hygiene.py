"""Vault hygiene: private files, pickles without originals, a clear path from the old file format.

These are the ways personal data leaves a vault besides the vault itself: a world-readable file,
a pickled result on a task queue, a copy of an old-format file nobody can open any more.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import pickle
import sqlite3
import stat
from pathlib import Path

import pytest
from vault_workers import deny_pseudonymizer

from pseudonym_core import Pseudonymizer, VaultSchemaError, with_originals
from pseudonym_core.vault import MappingRecord, SQLiteVault, SQLVault, migrate_v1

TEXT = "Alice Johnson asked Robert Miller to call alice.johnson@example.com."


def test_vault_files_are_private(tmp_path: Path) -> None:
    """The file and the -wal/-shm files SQLite adds next to it are readable by their owner only."""
    for make in (lambda p: SQLiteVault(p, key="k"), lambda p: SQLVault(f"sqlite:///{p}", key="k")):
        path = tmp_path / f"v{id(make)}.sqlite3"
        vault = make(path)
        p = deny_pseudonymizer()
        p.pseudonymize(TEXT, session=p.session(vault=vault))
        files = sorted(path.parent.glob(path.name + "*"))
        assert len(files) >= 2  # the database and its write-ahead log at least
        assert {f.name: stat.S_IMODE(f.stat().st_mode) for f in files} == {f.name: 0o600 for f in files}
        vault.close()


def test_pickles_carry_no_originals_unless_asked(pseudonymizer: Pseudonymizer) -> None:
    session = pseudonymizer.session()
    result = pseudonymizer.pseudonymize(TEXT, session=session)
    assert {"Alice Johnson", "Robert Miller"} <= {e.text for e in result.entities}  # they are there to leak
    secrets = [b"Alice", b"Johnson", b"Robert Miller", b"alice.johnson"]
    for obj in (result, result.entities, result.entities[0], session.mappings(), session.mappings()[0]):
        blob = pickle.dumps(obj)
        assert [s for s in secrets if s in blob] == [], type(obj).__name__
    back = pickle.loads(pickle.dumps(result))
    assert back.text == result.text and [e.surrogate for e in back.entities] == [e.surrogate for e in result.entities]
    assert all(e.text is None for e in back.entities)  # absent, not silently wrong
    assert pickle.loads(pickle.dumps(session.mappings()[0])).original is None
    with pytest.raises(TypeError, match="reopen"):
        pickle.dumps(session)
    with pytest.raises(TypeError):
        pickle.dumps(SQLiteVault(":memory:"))

    whole = pickle.loads(pickle.dumps(with_originals({"r": result, "m": tuple(session.mappings())})))
    assert whole["r"] == result and whole["m"] == tuple(session.mappings())
    assert copy.deepcopy(result) == result  # copies inside the process keep everything


def _v1_file(path: Path, key: str) -> tuple[bytes, bytes]:
    """A vault exactly as llm-pseudonym 0.1 wrote it (schema 1); returns (a word hash, its salt)."""
    from cryptography.fernet import Fernet

    salt = b"s" * 16
    fkey = base64.urlsafe_b64encode(hashlib.scrypt(key.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32))
    f = Fernet(fkey)
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE vault_meta (k TEXT PRIMARY KEY, v BLOB NOT NULL);"
        "CREATE TABLE sessions (id TEXT PRIMARY KEY, meta BLOB NOT NULL);"
        "CREATE TABLE records (seq INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, payload BLOB NOT NULL);"
        "CREATE TABLE words (session_id TEXT NOT NULL, h BLOB NOT NULL, PRIMARY KEY(session_id, h));"
    )
    conn.executemany(
        "INSERT INTO vault_meta VALUES (?, ?)", [("salt", salt), ("check", f.encrypt(b"llm-pseudonym vault v1"))]
    )
    meta = {"salt": "ab" * 16, "date_offset": 55, "v": 1}
    conn.execute("INSERT INTO sessions VALUES ('conv', ?)", (f.encrypt(json.dumps(meta).encode()),))
    records = [
        ("Alice", "Mara", "component"),
        ("Johnson", "Lind", "component"),
        ("Alice Johnson", "Mara Lind", "entity"),
    ]
    for o, s, k in records:
        payload = json.dumps({"o": o, "s": s, "l": "PERSON", "k": k}).encode()
        conn.execute("INSERT INTO records(session_id, payload) VALUES ('conv', ?)", (f.encrypt(payload),))
    hash_key = hashlib.blake2b(bytes.fromhex(meta["salt"]) + fkey).digest()[:32]
    word = hashlib.blake2b(b"zanzibar", key=hash_key, digest_size=16).digest()
    conn.execute("INSERT INTO words VALUES ('conv', ?)", (word,))
    conn.commit()
    conn.close()
    return word, fkey


def test_old_file_is_refused_clearly_and_migrates(tmp_path: Path) -> None:
    old, new = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3"
    word, _ = _v1_file(old, "k")
    before = old.read_bytes()
    with pytest.raises(VaultSchemaError, match="migrate"):
        SQLiteVault(old, key="k")
    assert old.read_bytes() == before  # refusing did not touch it
    assert migrate_v1(old, new, "k") == 1
    p = Pseudonymizer()
    session = p.session(id="conv", vault=SQLiteVault(new, key="k"), create=False)
    assert p.restore("Mara Lind and Ms. Lind agreed.", session=session) == "Alice Johnson and Ms. Johnson agreed."
    assert session.date_offset_days == 55
    assert session._hash("Zanzibar") == word  # old word hashes stay valid (rule 4's collision check)
    assert [m.original for m in session.mappings()] == ["Alice", "Johnson", "Alice Johnson"]
    assert isinstance(session.mappings()[0], MappingRecord)
