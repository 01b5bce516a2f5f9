"""The default vault: process memory, gone when the process ends."""

from __future__ import annotations

import copy
import threading
from typing import Any

from .base import MappingRecord, StoredSession


class MemoryVault:
    secret = b""

    def __init__(self) -> None:
        self._sessions: dict[str, StoredSession] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"MemoryVault(sessions={len(self._sessions)})"

    def create_session(self, session_id: str, meta: dict[str, Any]) -> None:
        with self._lock:
            self._sessions.setdefault(session_id, StoredSession(dict(meta), [], set()))

    def load_session(self, session_id: str) -> StoredSession | None:
        with self._lock:
            stored = self._sessions.get(session_id)
            return copy.deepcopy(stored) if stored is not None else None

    def append(self, session_id: str, records: list[MappingRecord], word_hashes: list[bytes]) -> None:
        with self._lock:
            stored = self._sessions[session_id]
            stored.records.extend(records)
            stored.word_hashes.update(word_hashes)

    def delete_session(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def session_ids(self) -> list[str]:
        with self._lock:
            return list(self._sessions)
