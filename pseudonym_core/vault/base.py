"""The vault contract: the one source of truth for every process that shares a session (rule 12).

Per session a vault keeps a mapping from originals to records, unique both ways (no original with
two surrogates, no surrogate for two originals), the hashes of the words of the session's texts
(rule 4's collision check), the surrogate forms handed out in lower case (restoration needs them),
and a change feed: a per-session counter that every write increments by one. A process remembers
the counter it has seen (its *cursor*) and asks only for what is newer, so catching up costs one
indexed read, not a reload.

Writes are compare-and-set on that counter (`commit`): a process decides with the session exactly
as of its cursor and stores its new mappings only if nobody wrote in between; otherwise it catches
up and decides again. So everything the session guarantees within one process (one surrogate per
original, component-consistent names, no surrogate equal to a word of the texts) holds across
processes too, and a lost race is never half-applied. `get_or_create` is the single-record form of
the same guarantee for callers that manage no session.

The counter of a new session starts at a random value (`first_counter`) and a vault answers
`changes` for a cursor outside the session's range with None ("gone"): a process still holding a
cursor of a forgotten or expired session is told so, instead of mixing its old mappings into a new
conversation that reuses the id.

Nothing is ever rewritten in place and every write is one transaction, so a crash can lose no
mapping that was handed out.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


def first_counter() -> int:
    """Where a new session's change counter starts (random, exact in a double: below 2**40)."""
    return secrets.randbelow(2**40)


@dataclass(frozen=True, slots=True)
class MappingRecord:
    """original ↔ surrogate for one string; `kind` is "entity" or "component" (a part of a name).

    Pickling drops the original (it becomes None): pickles travel to task queues, caches and
    disk. Wrap the object in `pseudonym_core.with_originals(...)` to pickle it whole on purpose.
    """

    original: str = field(repr=False)
    surrogate: str
    label: str
    kind: str = "entity"

    def to_json(self) -> dict[str, str]:
        return {"o": self.original, "s": self.surrogate, "l": self.label, "k": self.kind}

    @classmethod
    def from_json(cls, d: dict[str, str]) -> MappingRecord:
        return cls(d["o"], d["s"], d["l"], d.get("k", "entity"))

    def __reduce__(self) -> tuple[Any, ...]:
        return (MappingRecord, (None, self.surrogate, self.label, self.kind))

    def __copy__(self) -> MappingRecord:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> MappingRecord:
        return self  # immutable: a copy in the same process may keep the original


@dataclass
class Delta:
    """What a session gained: the records, text-word hashes and lower-case surrogate forms.

    Returned by `Vault.changes` (then `cursor` is the counter it brings the reader up to) and
    passed to `Vault.commit` (then `cursor` is ignored).
    """

    records: list[MappingRecord] = field(default_factory=list)
    word_hashes: set[bytes] = field(default_factory=set)
    lowercase: set[str] = field(default_factory=set)
    cursor: int = 0

    def __bool__(self) -> bool:
        return bool(self.records or self.word_hashes or self.lowercase)

    def __repr__(self) -> str:
        return f"Delta(records={len(self.records)}, words={len(self.word_hashes)}, cursor={self.cursor})"


@dataclass
class StoredSession:
    """A whole session as stored: its metadata (salt, date offset) and everything since its creation."""

    meta: dict[str, Any]
    records: list[MappingRecord]
    word_hashes: set[bytes]
    lowercase: set[str] = field(default_factory=set)
    cursor: int = 0

    def __repr__(self) -> str:
        return f"StoredSession(records={len(self.records)}, cursor={self.cursor})"


@runtime_checkable
class Vault(Protocol):
    """Storage for sessions. Implementations must be safe to call from several threads, and the
    shared ones (SQLite file, Redis, SQL server) from several processes and machines."""

    #: Secret mixed into word hashes so a stolen vault cannot be dictionary-checked cheaply; it
    #: survives `rekey` so the stored word hashes stay valid.
    secret: bytes

    def create_session(self, session_id: str, meta: dict[str, Any]) -> None:
        """Create the session unless it exists (the first creator's `meta` wins)."""
        ...

    def load_session(self, session_id: str) -> StoredSession | None:
        """The whole session, or None when it does not exist (never created, forgotten or expired)."""
        ...

    def changes(self, session_id: str, cursor: int) -> Delta | None:
        """Everything written after `cursor` (cheap when nothing was); None when the session is gone."""
        ...

    def commit(self, session_id: str, cursor: int, delta: Delta) -> int | None:
        """Store `delta` in one transaction if the session's counter still equals `cursor`.

        Returns the new counter, or None when another writer came first (nothing is stored: catch
        up with `changes` and decide again). Raises SessionNotFoundError when the session is gone.
        """
        ...

    def get_or_create(self, session_id: str, record: MappingRecord) -> MappingRecord:
        """The session's record for `record.original` (casefolded), storing `record` if it has none.

        Atomic across processes: the loser of a race gets the winner's record. Raises
        SurrogateTakenError when the original is new but its surrogate belongs to another original.
        """
        ...

    def forget(self, session_id: str) -> int:
        """Erase the session (mappings, word hashes, metadata); returns how many mappings it held."""
        ...

    def delete_session(self, session_id: str) -> None:
        """`forget` without the count (kept for older callers)."""
        ...

    def session_ids(self) -> list[str]: ...

    def rekey(self, new_key: str | bytes | None) -> None:
        """Re-encrypt everything under `new_key` in one transaction; other handles must reopen."""
        ...

    def close(self) -> None: ...
