"""The default vault: process memory, gone when the process ends.

It keeps the same contract as the shared vaults (counter, change feed, unique both ways) so the
session code has one path, and so the contract tests can hold every backend to the same rules.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ..errors import SessionNotFoundError, SurrogateTakenError, VaultError
from ..normalize import clean_key
from .base import Delta, MappingRecord, StoredSession, first_counter


@dataclass
class _Stored:
    meta: dict[str, Any]
    base: int
    by_original: dict[str, MappingRecord] = field(default_factory=dict)
    by_surrogate: dict[str, str] = field(default_factory=dict)
    feed: list[Delta] = field(default_factory=list)  # feed[i] is what write base + i + 1 added

    @property
    def seq(self) -> int:
        return self.base + len(self.feed)


class MemoryVault:
    secret = b""

    def __init__(self) -> None:
        self._sessions: dict[str, _Stored] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"MemoryVault(sessions={len(self._sessions)})"

    def create_session(self, session_id: str, meta: dict[str, Any]) -> None:
        with self._lock:
            self._sessions.setdefault(session_id, _Stored(dict(meta), first_counter()))

    def _get(self, session_id: str) -> _Stored:
        stored = self._sessions.get(session_id)
        if stored is None:
            raise SessionNotFoundError(session_id)
        return stored

    def load_session(self, session_id: str) -> StoredSession | None:
        with self._lock:
            stored = self._sessions.get(session_id)
            if stored is None:
                return None
            delta = self._since(stored, stored.base)
            return StoredSession(dict(stored.meta), delta.records, delta.word_hashes, delta.lowercase, delta.cursor)

    @staticmethod
    def _since(stored: _Stored, cursor: int) -> Delta:
        out = Delta(cursor=stored.seq)
        for d in stored.feed[cursor - stored.base :]:
            out.records.extend(d.records)
            out.word_hashes |= d.word_hashes
            out.lowercase |= d.lowercase
        return out

    def changes(self, session_id: str, cursor: int) -> Delta | None:
        with self._lock:
            stored = self._sessions.get(session_id)
            if stored is None or not stored.base <= cursor <= stored.seq:
                return None  # no such session, or the cursor belongs to an earlier one of that id
            return self._since(stored, cursor)

    def commit(self, session_id: str, cursor: int, delta: Delta) -> int | None:
        with self._lock:
            stored = self._get(session_id)
            if stored.seq != cursor:
                return None
            keys = [(clean_key(r.original), r.surrogate.casefold()) for r in delta.records]
            okeys, skeys = {o for o, _ in keys}, {s for _, s in keys}
            if (
                len(okeys) < len(keys)
                or len(skeys) < len(keys)
                or okeys & stored.by_original.keys()
                or (skeys & stored.by_surrogate.keys())
            ):
                raise VaultError("a new mapping duplicates a stored one; nothing was written")
            for rec, (o, s) in zip(delta.records, keys, strict=True):
                stored.by_original[o] = rec
                stored.by_surrogate[s] = o
            stored.feed.append(Delta(list(delta.records), set(delta.word_hashes), set(delta.lowercase)))
            return stored.seq

    def get_or_create(self, session_id: str, record: MappingRecord) -> MappingRecord:
        with self._lock:
            stored = self._get(session_id)
            o, s = clean_key(record.original), record.surrogate.casefold()
            if o in stored.by_original:
                return stored.by_original[o]
            if s in stored.by_surrogate:
                raise SurrogateTakenError("that surrogate already belongs to another original of this session")
            stored.by_original[o] = record
            stored.by_surrogate[s] = o
            stored.feed.append(Delta([record]))
            return record

    def forget(self, session_id: str) -> int:
        with self._lock:
            stored = self._sessions.pop(session_id, None)
            return 0 if stored is None else len(stored.by_original)

    def delete_session(self, session_id: str) -> None:
        self.forget(session_id)

    def session_ids(self) -> list[str]:
        with self._lock:
            return list(self._sessions)

    def rekey(self, new_key: str | bytes | None) -> None:
        """Nothing to re-encrypt: memory is never written to disk by this vault."""

    def close(self) -> None:
        """Nothing to release."""
