"""A persistent vault in one SQLite file, encrypted at rest with a user key (Fernet).

Each mapping row is committed before the pseudonymized text that relies on it is returned, so
a crash never loses a mapping that was handed out. Rows are encrypted one by one, so the file
reveals how many mappings a session has but none of their contents.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from ..errors import VaultError, VaultKeyError
from .base import MappingRecord, StoredSession

_CHECK = b"llm-pseudonym vault v1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vault_meta (k TEXT PRIMARY KEY, v BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, meta BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL, payload BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS records_session ON records(session_id, seq);
CREATE TABLE IF NOT EXISTS words (session_id TEXT NOT NULL, h BLOB NOT NULL, PRIMARY KEY(session_id, h));
"""


def _derive(key: str | bytes, salt: bytes) -> bytes:
    """Stretch a passphrase into a Fernet key; scrypt makes guessing a weak passphrase costly."""
    raw = key.encode() if isinstance(key, str) else key
    derived = hashlib.scrypt(raw, salt=salt, n=2**14, r=8, p=1, dklen=32)
    return base64.urlsafe_b64encode(derived)


class SQLiteVault:
    def __init__(self, path: str | os.PathLike[str], key: str | bytes | None = None) -> None:
        self.path = Path(path)
        try:
            self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise VaultError(f"cannot open vault file {self.path.name!r}: {exc}") from exc
        self._lock = threading.RLock()
        self.cache_key = ("sqlite", str(self.path.resolve()))
        try:
            self._fernet = self._open_key(key)
        except Exception:
            self._conn.close()
            raise
        self.secret = self._fernet_key or b""

    def __repr__(self) -> str:
        return f"SQLiteVault(path={str(self.path)!r}, encrypted={self._fernet is not None})"

    # -- key handling -------------------------------------------------------------------------
    def _open_key(self, key: str | bytes | None) -> Any:
        self._fernet_key: bytes | None = None
        with self._lock:
            rows = dict(self._conn.execute("SELECT k, v FROM vault_meta").fetchall())
            if not rows:  # new file: record whether (and how) it is encrypted
                salt = os.urandom(16)
                fernet = self._fernet_for(key, salt)
                check = fernet.encrypt(_CHECK) if fernet else _CHECK
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.execute("INSERT OR IGNORE INTO vault_meta VALUES ('salt', ?)", (salt,))
                self._conn.execute("INSERT OR IGNORE INTO vault_meta VALUES ('check', ?)", (check,))
                self._conn.execute("COMMIT")
                rows = dict(self._conn.execute("SELECT k, v FROM vault_meta").fetchall())
            fernet = self._fernet_for(key, rows["salt"])
            check = bytes(rows["check"])
            if fernet is None:
                if check != _CHECK:
                    raise VaultKeyError("this vault is encrypted: pass its key")
                return None
            if check == _CHECK:
                raise VaultKeyError("this vault was created without a key; open it without one")
            from cryptography.fernet import InvalidToken

            try:
                ok = fernet.decrypt(check) == _CHECK
            except InvalidToken:
                ok = False
            if not ok:
                raise VaultKeyError("wrong key for this vault")
            return fernet

    def _fernet_for(self, key: str | bytes | None, salt: bytes) -> Any:
        if key is None:
            return None
        if not key:
            raise VaultKeyError("an empty key would not protect anything; pass a real key or None")
        from cryptography.fernet import Fernet

        self._fernet_key = _derive(key, bytes(salt))
        return Fernet(self._fernet_key)

    def _seal(self, data: dict[str, Any]) -> bytes:
        raw = json.dumps(data, ensure_ascii=False).encode()
        return self._fernet.encrypt(raw) if self._fernet else raw

    def _open(self, blob: bytes) -> Any:
        raw = self._fernet.decrypt(bytes(blob)) if self._fernet else bytes(blob)
        return json.loads(raw)

    # -- Vault protocol -----------------------------------------------------------------------
    def create_session(self, session_id: str, meta: dict[str, Any]) -> None:
        with self._lock:
            self._conn.execute("INSERT OR IGNORE INTO sessions VALUES (?, ?)", (session_id, self._seal(meta)))

    def load_session(self, session_id: str) -> StoredSession | None:
        with self._lock:
            row = self._conn.execute("SELECT meta FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                return None
            records = [
                MappingRecord.from_json(self._open(p))
                for (p,) in self._conn.execute(
                    "SELECT payload FROM records WHERE session_id = ? ORDER BY seq", (session_id,)
                )
            ]
            words = {bytes(h) for (h,) in self._conn.execute("SELECT h FROM words WHERE session_id = ?", (session_id,))}
            return StoredSession(self._open(row[0]), records, words)

    def append(self, session_id: str, records: list[MappingRecord], word_hashes: list[bytes]) -> None:
        if not records and not word_hashes:
            return
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.executemany(
                    "INSERT INTO records(session_id, payload) VALUES (?, ?)",
                    [(session_id, self._seal(r.to_json())) for r in records],
                )
                self._conn.executemany(
                    "INSERT OR IGNORE INTO words VALUES (?, ?)", [(session_id, h) for h in word_hashes]
                )
                self._conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self._conn.execute("ROLLBACK")
                raise VaultError(f"could not write {len(records)} mappings to the vault: {exc}") from exc

    def delete_session(self, session_id: str) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            for table, col in (("records", "session_id"), ("words", "session_id"), ("sessions", "id")):
                self._conn.execute(f"DELETE FROM {table} WHERE {col} = ?", (session_id,))
            self._conn.execute("COMMIT")

    def session_ids(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._conn.execute("SELECT id FROM sessions ORDER BY rowid")]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
