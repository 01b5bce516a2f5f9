"""What a vault stores: per session, an append-only log of mappings plus collision-check hashes.

Append-only keeps crash safety simple: a mapping is written (and committed) before the text
that uses it is returned, and nothing is ever rewritten, so no crash can lose one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class MappingRecord:
    """original ↔ surrogate for one string; `kind` is "entity" or "component" (a part of a name)."""

    original: str = field(repr=False)
    surrogate: str
    label: str
    kind: str = "entity"

    def to_json(self) -> dict[str, str]:
        return {"o": self.original, "s": self.surrogate, "l": self.label, "k": self.kind}

    @classmethod
    def from_json(cls, d: dict[str, str]) -> MappingRecord:
        return cls(d["o"], d["s"], d["l"], d.get("k", "entity"))


@dataclass
class StoredSession:
    meta: dict[str, Any]
    records: list[MappingRecord]
    word_hashes: set[bytes]


class Vault(Protocol):
    """Storage for sessions. Implementations must be safe to call from several threads."""

    #: Secret mixed into word hashes so a stolen vault cannot be dictionary-checked cheaply.
    secret: bytes

    def create_session(self, session_id: str, meta: dict[str, Any]) -> None: ...

    def load_session(self, session_id: str) -> StoredSession | None: ...

    def append(self, session_id: str, records: list[MappingRecord], word_hashes: list[bytes]) -> None: ...

    def delete_session(self, session_id: str) -> None: ...

    def session_ids(self) -> list[str]: ...
