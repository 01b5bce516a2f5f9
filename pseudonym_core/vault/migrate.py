"""Convert a vault file of llm-pseudonym 0.1 (schema 1: session ids in clear, no change feed).

The new file gets the old file's hash secret, so the word hashes (rule 4's collision check, which
cannot be recomputed without the texts) stay valid; lower-case forms were never stored by schema 1
and are simply absent. The old file is only read.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import VaultError, VaultKeyError
from ..normalize import clean_key
from .base import Delta, MappingRecord
from .sqlite import SQLiteVault

_V1_CHECK = b"llm-pseudonym vault v1"


def migrate_v1(old: str | os.PathLike[str], new: str | os.PathLike[str], key: str | bytes | None) -> int:
    """Copy every session of the schema-1 file `old` into a new schema-2 file `new` (same key);
    returns how many sessions were copied."""
    if Path(new).exists():
        raise VaultError("the target vault file exists already; pass a new path")
    conn = sqlite3.connect(f"file:{Path(old).resolve()}?mode=ro", uri=True)
    try:
        meta = {k: bytes(v) for k, v in conn.execute("SELECT k, v FROM vault_meta")}
        fernet, secret = _v1_key(meta, key)

        def unseal(blob: Any) -> Any:
            return json.loads(fernet.decrypt(bytes(blob)) if fernet else bytes(blob))

        sessions = conn.execute("SELECT id, meta FROM sessions ORDER BY rowid").fetchall()
        target = SQLiteVault(new, key=key, _hash_secret=secret)
        try:
            for session_id, blob in sessions:
                rows = conn.execute("SELECT payload FROM records WHERE session_id = ? ORDER BY seq", (session_id,))
                words = {bytes(h) for (h,) in conn.execute("SELECT h FROM words WHERE session_id = ?", (session_id,))}
                target.create_session(session_id, unseal(blob))
                records = _unique([MappingRecord.from_json(unseal(p)) for (p,) in rows])
                cursor = target.load_session(session_id).cursor  # type: ignore[union-attr]
                target.commit(session_id, cursor, Delta(records, words))
        finally:
            target.close()
        return len(sessions)
    except sqlite3.DatabaseError as exc:
        raise VaultError(f"cannot read the old vault file: {exc}") from None
    finally:
        conn.close()


def _v1_key(meta: dict[str, bytes], key: str | bytes | None) -> tuple[Any, bytes]:
    """Schema 1 derived its Fernet key from the passphrase and used that key as the hash secret."""
    if key is None:
        if meta.get("check") != _V1_CHECK:
            raise VaultKeyError("this vault is encrypted: pass its key")
        return None, b""
    from cryptography.fernet import Fernet, InvalidToken

    raw = key.encode() if isinstance(key, str) else key
    fernet_key = base64.urlsafe_b64encode(hashlib.scrypt(raw, salt=meta["salt"], n=2**14, r=8, p=1, dklen=32))
    fernet = Fernet(fernet_key)
    try:
        if fernet.decrypt(meta["check"]) != _V1_CHECK:
            raise InvalidToken
    except InvalidToken:
        raise VaultKeyError("wrong key for this vault") from None
    return fernet, fernet_key


def _unique(records: list[MappingRecord]) -> list[MappingRecord]:
    """Schema 1 could store a one-word name twice (as entity and as component): keep the first."""
    seen_o: set[str] = set()
    seen_s: set[str] = set()
    out = []
    for r in records:
        o, s = clean_key(r.original), r.surrogate.casefold()
        if o in seen_o or s in seen_s:
            continue
        seen_o.add(o)
        seen_s.add(s)
        out.append(r)
    return out
