"""The default persistent vault: one SQLite file, encrypted at rest with a user key (Fernet).

Several processes (and threads) may open the same file: every write is one `BEGIN IMMEDIATE`
transaction, so SQLite serializes them, and the compare-and-set on the session counter (see
vault/base.py) makes a process that decided with stale knowledge catch up instead of minting a
second surrogate. Rows are sealed one by one and named by keyed hashes (vault/keyring.py), so the
file reveals how many mappings a session has but neither their contents nor the session ids.
New files are created with mode 0600 (SQLite gives its -wal and -shm files the same mode), and
deleted rows are overwritten (`secure_delete`) and the write-ahead log truncated after `forget`
and `rekey`, so erased or re-keyed content does not linger in the file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import SessionNotFoundError, VaultError, VaultKeyError, VaultSchemaError, VaultUnavailableError
from .base import Delta, MappingRecord, StoredSession, first_counter
from .keyring import Keyring, create_header, open_header, rekey_header
from .rows import extras_payload, read_extras

_TABLES = """
CREATE TABLE IF NOT EXISTS vault_meta (k TEXT PRIMARY KEY, v BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    h BLOB PRIMARY KEY, seq INTEGER NOT NULL, base INTEGER NOT NULL, meta BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS mappings (
    h BLOB NOT NULL, okey BLOB NOT NULL, skey BLOB NOT NULL, seq INTEGER NOT NULL, pos INTEGER NOT NULL,
    payload BLOB NOT NULL, PRIMARY KEY (h, okey), UNIQUE (h, skey));
CREATE INDEX IF NOT EXISTS mappings_feed ON mappings(h, seq);
CREATE TABLE IF NOT EXISTS extras (h BLOB NOT NULL, seq INTEGER NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (h, seq));
"""


def create_private_file(path: Path) -> None:
    """Create `path` readable by its owner only, unless it exists (then it is left as it is)."""
    if str(path) == ":memory:":
        return
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


class SQLiteVault:
    """A vault in one SQLite file; `key=None` stores every mapping in clear (tests, throw-away data)."""

    def __init__(
        self, path: str | os.PathLike[str], key: str | bytes | None = None, *, _hash_secret: bytes | None = None
    ) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            create_private_file(self.path)
            self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30, isolation_level=None)
        except (OSError, sqlite3.DatabaseError) as exc:
            raise VaultError(f"cannot open vault file {self.path.name!r}: {exc}") from None
        try:
            self._kr = self._open(key, _hash_secret)
        except Exception:
            self._conn.close()
            raise
        self.secret = self._kr.hash_secret
        self.cache_key = ("sqlite", str(self.path.resolve()))

    def __repr__(self) -> str:
        return f"SQLiteVault(path={str(self.path)!r}, encrypted={self._kr.encrypted})"

    def __reduce__(self) -> Any:
        raise TypeError("a SQLiteVault holds an open file and its key; open the path again in the other process")

    @property
    def encrypted(self) -> bool:
        return self._kr.encrypted

    # -- opening ------------------------------------------------------------------------------
    def _open(self, key: str | bytes | None, hash_secret: bytes | None) -> Keyring:
        c = self._conn
        try:
            self._refuse_schema_1()  # before any pragma: an old file is left exactly as it was
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA synchronous=FULL")
            c.execute("PRAGMA secure_delete=ON")
            c.execute("BEGIN IMMEDIATE")
            try:
                header = self._header()
                if not header:
                    for statement in _TABLES.split(";"):
                        c.execute(statement)
                    _, header = create_header(key, hash_secret)
                    c.executemany("INSERT INTO vault_meta VALUES (?, ?)", list(header.items()))
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise VaultError(f"cannot open vault file {self.path.name!r}: {exc}") from None
        return open_header(header, key)

    def _refuse_schema_1(self) -> None:
        old = self._conn.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('records', 'words')").fetchone()[0]
        if old or (self._header() and "schema" not in self._header()):
            raise VaultSchemaError(
                f"vault file {self.path.name!r} was written by llm-pseudonym 0.1 (schema 1); convert it with "
                "`pseudonym vault migrate OLD NEW` (or in Python: pseudonym_core.vault.migrate_v1(old, new, key))"
            )

    def _header(self) -> dict[str, bytes]:
        if not self._conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'vault_meta'").fetchone():
            return {}
        return {k: bytes(v) for k, v in self._conn.execute("SELECT k, v FROM vault_meta")}

    # -- transactions -------------------------------------------------------------------------
    @contextmanager
    def _tx(self, write: bool) -> Iterator[sqlite3.Connection]:
        """One transaction; a write one first checks that nobody re-keyed the vault under us."""
        with self._lock:
            c = self._conn
            try:
                c.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            except sqlite3.OperationalError as exc:
                raise VaultUnavailableError(f"vault file {self.path.name!r} is not available: {exc}") from None
            try:
                if write:
                    kid = c.execute("SELECT v FROM vault_meta WHERE k = 'kid'").fetchone()
                    if kid is None or bytes(kid[0]) != self._kr.key_id:
                        raise VaultKeyError("the vault was re-keyed by another process; reopen it with the new key")
                yield c
            except BaseException:
                c.execute("ROLLBACK")
                raise
            try:
                c.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                c.execute("ROLLBACK")
                raise VaultError(f"could not commit to vault file {self.path.name!r}: {exc}") from None

    def _range(self, c: sqlite3.Connection, sid: bytes) -> tuple[int, int] | None:
        row = c.execute("SELECT base, seq FROM sessions WHERE h = ?", (sid,)).fetchone()
        return None if row is None else (int(row[0]), int(row[1]))

    def _seq(self, c: sqlite3.Connection, sid: bytes) -> int | None:
        row = c.execute("SELECT seq FROM sessions WHERE h = ?", (sid,)).fetchone()
        return None if row is None else int(row[0])

    def _delta(self, c: sqlite3.Connection, sid: bytes, after: int, upto: int) -> Delta:
        kr = self._kr
        records = [
            MappingRecord.from_json(kr.open(p))
            for (p,) in c.execute(
                "SELECT payload FROM mappings WHERE h = ? AND seq > ? AND seq <= ? ORDER BY seq, pos",
                (sid, after, upto),
            )
        ]
        delta = Delta(records, cursor=upto)
        rows = c.execute("SELECT payload FROM extras WHERE h = ? AND seq > ? AND seq <= ?", (sid, after, upto))
        for (p,) in rows:
            read_extras(kr.open(p), delta)
        return delta

    # -- Vault protocol -----------------------------------------------------------------------
    def create_session(self, session_id: str, meta: dict[str, Any]) -> None:
        sid, blob = self._kr.sid(session_id), self._kr.seal({"id": session_id, "meta": meta})
        with self._tx(write=True) as c:
            start = first_counter()
            c.execute("INSERT INTO sessions VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", (sid, start, start, blob))

    def load_session(self, session_id: str) -> StoredSession | None:
        sid = self._kr.sid(session_id)
        with self._tx(write=False) as c:
            row = c.execute("SELECT base, seq, meta FROM sessions WHERE h = ?", (sid,)).fetchone()
            if row is None:
                return None
            delta = self._delta(c, sid, int(row[0]), int(row[1]))
        meta = self._kr.open(row[2])["meta"]
        return StoredSession(meta, delta.records, delta.word_hashes, delta.lowercase, delta.cursor)

    def changes(self, session_id: str, cursor: int) -> Delta | None:
        sid = self._kr.sid(session_id)
        with self._tx(write=False) as c:
            span = self._range(c, sid)
            if span is None or not span[0] <= cursor <= span[1]:
                return None  # no such session, or the cursor belongs to an earlier one of that id
            return Delta(cursor=cursor) if span[1] == cursor else self._delta(c, sid, cursor, span[1])

    def commit(self, session_id: str, cursor: int, delta: Delta) -> int | None:
        kr, sid, new = self._kr, self._kr.sid(session_id), cursor + 1
        rows = [
            (sid, kr.okey(sid, r.original), kr.skey(sid, r.surrogate), new, i, kr.seal(r.to_json()))
            for i, r in enumerate(delta.records)
        ]
        extras = extras_payload(delta)
        with self._tx(write=True) as c:
            seq = self._seq(c, sid)
            if seq is None:
                raise SessionNotFoundError(session_id)
            if seq != cursor:
                return None
            try:
                c.executemany("INSERT INTO mappings VALUES (?, ?, ?, ?, ?, ?)", rows)
            except sqlite3.IntegrityError:
                raise VaultError("a new mapping duplicates a stored one; nothing was written") from None
            if extras is not None:
                c.execute("INSERT INTO extras VALUES (?, ?, ?)", (sid, new, kr.seal(extras)))
            c.execute("UPDATE sessions SET seq = ? WHERE h = ?", (new, sid))
        return new

    def get_or_create(self, session_id: str, record: MappingRecord) -> MappingRecord:
        from ..errors import SurrogateTakenError

        kr, sid = self._kr, self._kr.sid(session_id)
        okey, skey, payload = kr.okey(sid, record.original), kr.skey(sid, record.surrogate), kr.seal(record.to_json())
        with self._tx(write=True) as c:
            seq = self._seq(c, sid)
            if seq is None:
                raise SessionNotFoundError(session_id)
            inserted = c.execute(
                "INSERT INTO mappings VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING",
                (sid, okey, skey, seq + 1, payload),
            ).rowcount
            if inserted:
                c.execute("UPDATE sessions SET seq = ? WHERE h = ?", (seq + 1, sid))
                return record
            winner = c.execute("SELECT payload FROM mappings WHERE h = ? AND okey = ?", (sid, okey)).fetchone()
        if winner is None:
            raise SurrogateTakenError("that surrogate already belongs to another original of this session")
        return MappingRecord.from_json(kr.open(winner[0]))

    def forget(self, session_id: str) -> int:
        sid = self._kr.sid(session_id)
        with self._tx(write=True) as c:
            count = int(c.execute("SELECT count(*) FROM mappings WHERE h = ?", (sid,)).fetchone()[0])
            for table in ("mappings", "extras", "sessions"):
                c.execute(f"DELETE FROM {table} WHERE h = ?", (sid,))
        self._scrub()
        return count

    def delete_session(self, session_id: str) -> None:
        self.forget(session_id)

    def session_ids(self) -> list[str]:
        with self._tx(write=False) as c:
            blobs = [m for (m,) in c.execute("SELECT meta FROM sessions ORDER BY rowid")]
        return [self._kr.open(b)["id"] for b in blobs]

    def rekey(self, new_key: str | bytes | None) -> None:
        """Re-seal every row under `new_key` in one transaction (a crash leaves the old key valid)."""
        old = self._kr
        new, header = rekey_header(old, new_key)
        with self._tx(write=True) as c:
            for table, col in (("sessions", "meta"), ("mappings", "payload"), ("extras", "payload")):
                rows = c.execute(f"SELECT rowid, {col} FROM {table}").fetchall()
                c.executemany(
                    f"UPDATE {table} SET {col} = ? WHERE rowid = ?", [(new.seal(old.open(b)), r) for r, b in rows]
                )
            c.execute("DELETE FROM vault_meta")
            c.executemany("INSERT INTO vault_meta VALUES (?, ?)", list(header.items()))
        self._kr = new
        self._scrub()

    def _scrub(self) -> None:
        """Push the write-ahead log (which still holds the old pages) into the file and truncate it."""
        with self._lock, contextlib.suppress(sqlite3.OperationalError):  # busy readers: a later one does it
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
