"""A session: one conversation's mapping, its randomness and its lock.

Everything that must stay consistent across turns lives here (rule 2), guarded by one re-entrant
lock so threads and asyncio tasks sharing a session see one mapping (rule 8). New mappings are
written to the vault before the text that uses them leaves the call (rule 9).

Other processes may share the session through the vault (rule 12). A call first catches up with
what they stored (`refresh`: one read of the vault's change feed), decides with that knowledge,
and commits its new mappings only if nobody wrote in between (`transact`); otherwise its local
additions are undone and it decides again, now reusing the other process's surrogates. So two
workers never mint two surrogates for one person, nor for one name part ("Smith" inside "John
Smith"), and nothing is handed out before it is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .decide.index import TokenIndex
from .errors import SessionNotFoundError, VaultConflictError, VaultError
from .normalize import clean_form, clean_key
from .rebase import clashes
from .restore.forms import address_parts
from .restore.policy import RestorePolicy, RestoreReport
from .restore.restorer import Restorer
from .restore.session_index import SessionIndex
from .restore.stream import StreamRestorer
from .stats import StrategyStats
from .surrogate.base import Generated, match_case
from .surrogate.values import char_class
from .vault.base import Delta, MappingRecord, StoredSession, Vault

_WORD = re.compile(r"\w+")
_T = TypeVar("_T")
#: How often a call decides again after other processes wrote to the session first.
_ATTEMPTS = 64


class _Stale(Exception):
    """Raised inside `transact` when another process wrote something that changes what this call
    has decided so far: deciding on is wasted work, so the call starts again at once."""

    def __init__(self, delta: Delta) -> None:
        super().__init__("another process wrote to the session")
        self.delta = delta


def _single_case(text: str) -> str:
    """Letters whose capital form is longer ("ß" → "SS") spelled so that case changes keep length."""
    return "".join(c if len(c.upper()) == 1 else c.upper().lower() if c == "ß" else c for c in text)


#: Offsets that can write a date around itself: +20 or +30 days turn "7 Feb. 1991" into
#: "27 Feb. 1991", about +304 turn "1/2/1991" (2 January) into "11/2/1991". The original would
#: then stand whole inside its surrogate, for every reader that checks for it as a substring.
_CONTAINING_OFFSETS = frozenset({20, 30, *range(300, 311)})


def safe_offset(raw: int) -> int:
    """A raw offset in [-350, 350) moved off the ones that keep a date recognisable (under 20
    days) or write it around itself (`_CONTAINING_OFFSETS`)."""
    offset = raw + (40 if 0 <= raw < 20 else -40 if -20 < raw < 0 else 0)
    if offset in _CONTAINING_OFFSETS:
        offset += 5 if offset < 300 else -15
    return offset


def new_meta(secret_key: bytes | None) -> dict[str, Any]:
    """Per-session salt and date offset (derived from the key in deterministic mode)."""
    if secret_key is not None:
        digest = hmac.new(secret_key, b"date-offset", hashlib.sha256).digest()
        raw = int.from_bytes(digest[:4], "big") % 700 - 350
    else:
        raw = secrets.randbelow(700) - 350
    offset = safe_offset(raw)
    return {"salt": secrets.token_hex(16), "date_offset": offset, "v": 1}


class _Context:
    """The SurrogateContext a generator sees for one new entity."""

    def __init__(self, session: Session, rng: random.Random) -> None:
        self._s = session
        self.rng = rng
        self.date_offset_days = session.date_offset_days

    def is_taken(self, candidate: str) -> bool:
        return self._s._is_taken(candidate)

    @property
    def exhausted(self) -> set[int]:
        return self._s._exhausted_pools

    @property
    def readings(self) -> dict[tuple[str, str], Any]:
        return self._s._readings

    def component(self, original: str) -> str | None:
        rec = self._s._records.get(clean_key(original))
        return rec.surrogate if rec is not None else None

    def initial_for(self, letter: str, family: str | None) -> str | None:
        return self._s._initial_for(letter, family)

    def people(self, limit: int = 200) -> list[tuple[str, str]]:
        """(original, surrogate) of the latest people and name parts, newest first: an e-mail
        address is rebuilt from the surrogate of the person it names (rule 5)."""
        found = [(r.original, r.surrogate) for r in reversed(self._s._log[-4 * limit :]) if r.label == "PERSON"]
        return found[:limit]

    def initials_of(self, family_surrogate: str) -> set[str]:
        return set(self._s._initials_by_family.get(family_surrogate.casefold(), ()))


class Session:
    """Create through `Pseudonymizer.session()`; share it across the turns of one conversation."""

    def __init__(self, session_id: str, vault: Vault, stored: StoredSession, secret_key: bytes | None) -> None:
        self.id = session_id
        self.vault = vault
        self._lock = threading.RLock()
        self._secret_key = secret_key
        self._rng = random.Random(secrets.randbits(128))
        self.date_offset_days = int(stored.meta["date_offset"])
        self._hash_key = hashlib.blake2b(bytes.fromhex(stored.meta["salt"]) + vault.secret).digest()[:32]
        self._log: list[MappingRecord] = []
        self._records: dict[str, MappingRecord] = {}
        self._by_surrogate: dict[str, MappingRecord] = {}
        self._surrogate_words: set[str] = set()
        self._initials_by_family: dict[str, set[str]] = {}
        self._first_initial: dict[tuple[str, str | None], str] = {}
        self._exhausted_pools: set[int] = set()  # pools `pick` found used up (taken only grows)
        self._readings: dict[tuple[str, str], Any] = {}  # e-mail readings of people (localpart.py)
        self._original_words: set[bytes] = set(stored.word_hashes)
        self._lowercase_emitted: set[str] = set(stored.lowercase)
        self._lower_stored: set[str] = set(stored.lowercase)  # lower-case forms the vault already holds
        self._pending: list[MappingRecord] = []
        self._pending_words: set[bytes] = set()
        self._pending_lower: set[str] = set()
        self._cursor = stored.cursor  # the vault's change counter as of what this object knows
        # while a `transact` attempt runs: where its additions start in the log, how to take each
        # back, and whether another process's mappings came in since (then undoing rebuilds)
        self._mark: int | None = None
        self._undo: list[tuple[Callable[[Any], Any], Any]] | None = None
        self._adopted = False
        self._restorer: Restorer | None = None
        # known-entity matching: built as mappings arrive, looked up by the text's words (rule 13)
        self._original_index = TokenIndex()
        self._surrogate_index = TokenIndex()
        self._index = SessionIndex()  # surrogate forms, originals and value keys, grown per mapping
        #: restore refusals and guard maskings, counted without content
        self.stats = StrategyStats()
        #: the policy restore calls use when given none (the Pseudonymizer sets its config's)
        self.restore_policy = RestorePolicy()
        #: True once the session was forgotten (or expired) in the vault; its mappings are dropped.
        self.forgotten = False
        #: How many calls had to decide again because another process wrote to the session first,
        #: and how many instead committed on top of what it wrote (it could not change them).
        self.conflicts = 0
        self.rebased = 0
        for rec in stored.records:
            self._apply(rec)

    def __repr__(self) -> str:
        return f"Session(id={self.id!r}, mappings={len(self._records)})"

    def __reduce__(self) -> Any:
        raise TypeError(
            "a Session holds originals and a vault connection and is not pickled; send its id and reopen it "
            "with Pseudonymizer.session(id=..., vault=...) in the other process"
        )

    @property
    def lock(self) -> threading.RLock:
        return self._lock

    def __len__(self) -> int:
        return len(self._records)

    # -- state --------------------------------------------------------------------------------
    def _apply(self, rec: MappingRecord) -> None:
        key = clean_key(rec.original)
        if key in self._records:
            return
        self._log.append(rec)
        self._index.add(rec)
        self._index_initials(rec)
        self._put(self._records, key, rec)
        self._put(self._by_surrogate, rec.surrogate.casefold(), rec)
        for w in _WORD.findall(rec.surrogate):
            self._put_in(self._surrogate_words, w.casefold())
        if rec.surrogate.islower():
            self._put_in(self._lowercase_emitted, rec.surrogate.casefold())
        for index, value in ((self._original_index, clean_form(rec.original)), (self._surrogate_index, rec.surrogate)):
            if index.add(value, rec.label, rec) and self._undo is not None:
                self._undo.append((index.remove, value))
        self._restorer = None

    def _put(self, table: dict[Any, Any], key: Any, value: Any) -> None:
        """`table[key] = value` unless the key is there (the first one wins), noted for undoing."""
        if key not in table:
            table[key] = value
            if self._undo is not None:
                self._undo.append((table.pop, key))

    def _put_in(self, items: set[Any], item: Any) -> None:
        if item not in items:
            items.add(item)
            if self._undo is not None:
                self._undo.append((items.discard, item))

    def _hash(self, word: str) -> bytes:
        return hashlib.blake2b(word.casefold().encode(), key=self._hash_key, digest_size=16).digest()

    def _is_taken(self, candidate: str) -> bool:
        folded = candidate.casefold()
        if folded in self._records or folded in self._by_surrogate:
            return True
        return any(
            self._hash(w) in self._original_words or w.casefold() in self._surrogate_words
            for w in _WORD.findall(candidate)
        )

    def _initial_for(self, letter: str, family: str | None) -> str | None:
        return self._first_initial.get((letter.casefold(), family.casefold() if family is not None else None))

    def _index_initials(self, rec: MappingRecord) -> None:
        """Initials by family name, kept as mappings arrive: looking them up by scanning every
        mapping made each new person cost time in proportion to the session's size."""
        if rec.label != "PERSON":
            return
        sur = rec.surrogate.replace(",", " ").split()
        if len(sur) >= 2:
            for family in {sur[-1].casefold(), sur[0].casefold()}:
                self._put(self._initials_by_family, family, set())
                self._put_in(self._initials_by_family[family], sur[0][:1].upper())
        o, s = rec.original.split(), rec.surrogate.split()
        if len(o) >= 2 and len(o) == len(s) and "," not in rec.original:
            letter = o[0][:1].casefold()
            self._put(self._first_initial, (letter, None), s[0][:1])  # the first such mapping wins
            self._put(self._first_initial, (letter, o[-1].casefold()), s[0][:1])

    # -- used by the pipeline under `lock` ----------------------------------------------------
    def _is_text_word(self, surrogate: str) -> bool:
        """A one-word surrogate that is also a word of the session's texts ("14" when the text has
        "#14") would turn that word into the original on restore; generators that draw from pools
        check this through `is_taken`, this catches the rest (random digits, model answers)."""
        words = _WORD.findall(surrogate)
        return len(words) == 1 and words[0] == surrogate.strip() and self._hash(words[0]) in self._original_words

    def _part_is_text_word(self, label: str, original: str, surrogate: str) -> bool:
        """An address's postcode restores alone ("69002" → "75009", restore/forms.py): like a
        one-word surrogate, it must not be a word of the session's texts, or that word, written in
        another text, would be restored into this address's postcode."""
        if label != "LOCATION" or not any(c.isdigit() for c in original):
            return False
        return any(self._is_text_word(part) for part, _ in address_parts(original, surrogate))

    def note_words(self, text: str) -> None:
        """Remember the text's words so no later surrogate equals one of them (rule 4)."""
        for w in _WORD.findall(text):
            h = self._hash(w)
            if h not in self._original_words:
                self._original_words.add(h)
                self._pending_words.add(h)

    def known_indexes(self) -> tuple[TokenIndex, TokenIndex]:
        """(originals, surrogates) word indexes for known-entity matching and conflict spotting."""
        return self._original_index, self._surrogate_index

    @property
    def index(self) -> SessionIndex:
        """Lookups by text over this session's mappings (restore forms, originals, value keys)."""
        return self._index

    def _known_value(self, occurrence: str) -> tuple[str, str] | None:
        """A phone, IBAN, card or ID the session knows, written in another format: the same
        surrogate, in the occurrence's layout (issue: two numbers for one account)."""
        from .restore.values import formatted_surrogate

        found = self._index.lookup_value(occurrence)
        return (formatted_surrogate(occurrence, *found), found[0].label) if found is not None else None

    def lookup(self, original: str) -> MappingRecord | None:
        return self._records.get(clean_key(original))

    def by_surrogate(self, surrogate: str) -> MappingRecord | None:
        return self._by_surrogate.get(surrogate.casefold())

    def surrogate_for(self, label: str, occurrence: str, generate: Any) -> tuple[str, str]:
        """(surrogate text for this occurrence, label) — reusing the vault or inventing one."""
        rec = self._records.get(clean_key(occurrence))
        if rec is None and (value := self._known_value(occurrence)) is not None:
            return value
        if rec is None:
            rec = self._invent(label, occurrence, generate)
        if occurrence == rec.original:
            return rec.surrogate, rec.label
        value = match_case(occurrence, rec.surrogate)
        if value.islower() and value.casefold() not in self._lowercase_emitted:
            self._put_in(self._lowercase_emitted, value.casefold())
            self._pending_lower.add(value.casefold())  # another process must restore it too
            self._restorer = None  # the cached restorer was built without this lower-case form
        return value, rec.label

    def _entity_rng(self, label: str, original: str) -> random.Random:
        if self._secret_key is None:
            return self._rng
        seed = hmac.new(self._secret_key, f"{label}|{clean_key(original)}".encode(), hashlib.sha256).digest()
        return random.Random(seed)

    def _invent(self, label: str, original: str, generate: Any) -> MappingRecord:
        ctx = _Context(self, self._entity_rng(label, original))
        # generators read the clean form ("J\u200bohn" is "John"); the vault keeps the caller's own
        # characters, so restoration gives back exactly what was written
        clean = clean_form(original)
        gen: Generated = generate(label, clean, ctx)
        for attempt in range(40):
            if (
                gen.surrogate.casefold() != original.casefold()
                and gen.surrogate.casefold() not in self._by_surrogate
                and not self._is_text_word(gen.surrogate)
                and not self._part_is_text_word(label, original, gen.surrogate)
            ):
                break
            # a generator that keeps reproducing the original (e.g. a value with nothing to vary)
            # falls back to same-shape random characters rather than leaking or failing
            gen = generate(label, clean, ctx) if attempt < 10 else char_class(clean + "x" * (attempt // 20), ctx)
        else:
            raise VaultError(f"could not find a free {label} surrogate; the session is saturated")
        if any(len(c.upper()) != 1 for c in gen.surrogate):
            # "Putzstraße" upper-cases to "PUTZSTRASSE": a surrogate whose capitals change length
            # could not be restored when the model shouts it, so it is written the Swiss way
            gen = Generated(_single_case(gen.surrogate), [(o, _single_case(s), lab) for o, s, lab in gen.components])
        for comp_original, comp_surrogate, comp_label in gen.components:
            if clean_key(comp_original) in self._records or not any(c.isalnum() for c in comp_original):
                continue
            if comp_surrogate.casefold() in self._by_surrogate:
                continue  # that word already stands for another original: no second meaning (rule 4)
            self._add(MappingRecord(comp_original, comp_surrogate, comp_label, "component"))
        rec = MappingRecord(original, gen.surrogate, label, "entity")
        self._add(rec)
        return rec

    def _add(self, rec: MappingRecord) -> None:
        if clean_key(rec.original) in self._records:
            return  # a one-word name is its own component: store it once
        self._apply(rec)
        self._pending.append(rec)

    # -- sharing the session with other processes ---------------------------------------------
    def refresh(self) -> int:
        """Learn what other processes stored since this object last looked; returns how many new
        mappings arrived. Cheap when nothing changed (one indexed read of the vault's counter)."""
        with self._lock:
            delta = self._changes()
            if delta.cursor == self._cursor:
                return 0
            before = len(self._log)
            self._catch_up(delta)
            return len(self._log) - before

    def _changes(self) -> Delta:
        if self.forgotten:
            raise SessionNotFoundError(self.id)
        delta = self.vault.changes(self.id, self._cursor)
        if delta is None:
            self._drop()
            raise SessionNotFoundError(self.id)
        return delta

    def _catch_up(self, delta: Delta) -> None:
        self._adopted = self._adopted or self._mark is not None
        for rec in delta.records:
            self._apply(rec)
        self._original_words |= delta.word_hashes
        self._pending_words -= delta.word_hashes  # stored already (by the other process)
        self._lower_stored |= delta.lowercase
        self._pending_lower -= delta.lowercase
        if not delta.lowercase <= self._lowercase_emitted:
            self._lowercase_emitted |= delta.lowercase
            self._restorer = None
        self._cursor = delta.cursor

    def alive(self) -> bool:
        """Whether the vault still holds this session (caught up as a side effect); False after it
        was forgotten or expired, in which case this object has dropped its mappings."""
        try:
            self.refresh()
        except SessionNotFoundError:
            return False
        return True

    def transact(self, decide: Callable[[], _T], texts: Sequence[str] | None = None) -> _T:
        """Run `decide` (which reads and extends the mapping) on the vault's latest state and commit
        what it added; when another process wrote first, undo and run it again.

        Given the `texts` the call decided about, what the other process wrote is first checked
        against them (rebase.py): when it cannot have changed any decision, it is adopted and
        this call's mappings are committed on top, without deciding again. A `decide` over
        several texts may call `keep_up` between them, so a clash is found when it happens, not
        after the whole call's work."""
        with self._lock:
            for attempt in range(_ATTEMPTS):
                self.refresh()
                self._begin()
                try:
                    result = decide()
                except _Stale as stale:
                    self._rollback()
                    self._catch_up(stale.delta)
                else:
                    if self._store_or_rebase(texts):
                        return result
                    self._rollback()
                finally:
                    self._end()
                self.conflicts += 1
                time.sleep(random.uniform(0, 0.001 * min(attempt + 1, 20)))  # let the other writer finish
            raise VaultConflictError(
                f"gave up after {_ATTEMPTS} attempts: other processes kept writing to this session first"
            )

    def keep_up(self, decided: Sequence[str]) -> None:
        """Between the texts of one `transact` call: adopt what another process stored meanwhile
        when it cannot change the decisions made so far for `decided` (the texts done), so the
        rest of the call decides with it; otherwise stop the call, which starts again at once.

        With several batch workers on one session, the other worker's commit usually lands while
        a call is deciding; found only at the end, it cost the whole call (issue 10)."""
        delta = self._changes()
        if delta.cursor == self._cursor:
            return
        if clashes(delta, self._pending, self._pending_words, decided, self._hash):
            raise _Stale(delta)
        self._catch_up(delta)
        self.rebased += 1

    def _store_or_rebase(self, texts: Sequence[str] | None) -> bool:
        for _ in range(_ATTEMPTS):
            if self._store():
                return True
            if texts is None:
                return False
            delta = self._changes()
            if clashes(delta, self._pending, self._pending_words, texts, self._hash):
                return False
            self._catch_up(delta)
            self.rebased += 1
        return False

    def commit(self) -> bool:
        """Persist what this call added before its output is handed out; undo it if that fails.

        False when another process wrote to the session since the last `refresh` (this call's
        additions are undone: refresh and decide again — `transact` does both).
        """
        with self._lock:
            if self._store():
                return True
            self._rollback()
            return False

    def _store(self) -> bool:
        """Write the pending additions; False (nothing written, nothing undone) when another
        process wrote first; any other failure undoes them and raises."""
        if not self._pending and not self._pending_words and not self._pending_lower:
            return True
        delta = Delta(list(self._pending), set(self._pending_words), set(self._pending_lower))
        try:
            cursor = self.vault.commit(self.id, self._cursor, delta)
        except SessionNotFoundError:
            self._drop()
            raise
        except Exception:
            self._rollback()
            raise
        if cursor is None:
            return False
        self._cursor = cursor
        self._lower_stored |= self._pending_lower
        self._pending.clear()
        self._pending_words.clear()
        self._pending_lower.clear()
        return True

    def _begin(self) -> None:
        self._mark, self._undo, self._adopted = len(self._log), [], False
        self._index.begin()

    def _end(self) -> None:
        self._mark = self._undo = None
        self._index.end()

    def _rollback(self) -> None:
        """Forget this call's additions. Within a `transact` attempt that adopted nothing from
        other processes, each addition is taken back (cost: the call's own mappings); otherwise
        the session's state is rebuilt from its log without them (cost: the whole session,
        0.26 s at 7,000 mappings, paid by every redone call of a batch worker; issue 10)."""
        pending = set(map(id, self._pending))
        self._original_words -= self._pending_words
        self._pending.clear()
        self._pending_words.clear()
        self._pending_lower.clear()
        self._exhausted_pools, self._restorer = set(), None
        if self._mark is not None and self._undo is not None and not self._adopted:
            steps, self._undo = self._undo, []
            for undo, arg in reversed(steps):
                undo(arg)
            del self._log[self._mark :]
            self._index.undo()
            return
        log = [r for r in self._log if id(r) not in pending]
        self._log, self._records, self._by_surrogate, self._surrogate_words = [], {}, {}, set()
        self._initials_by_family, self._first_initial = {}, {}
        self._original_index, self._surrogate_index = TokenIndex(), TokenIndex()
        self._index = SessionIndex()
        self._lowercase_emitted = set(self._lower_stored)
        for rec in log:
            self._apply(rec)

    def _drop(self) -> None:
        """Forget everything held in memory (the vault no longer has the session)."""
        self._pending, self._pending_words, self._pending_lower, self._lower_stored = [], set(), set(), set()
        self._log, self._records, self._by_surrogate, self._surrogate_words = [], {}, {}, set()
        self._initials_by_family, self._first_initial, self._exhausted_pools = {}, {}, set()
        self._original_words, self._lowercase_emitted, self._readings = set(), set(), {}
        self._original_index, self._surrogate_index = TokenIndex(), TokenIndex()
        self._index, self._restorer = SessionIndex(), None
        self.forgotten = True

    def forget(self) -> int:
        """Erase the session from the vault and from this object; returns how many mappings it held."""
        with self._lock:
            count = self.vault.forget(self.id)
            self._drop()
            return count

    # -- restoration --------------------------------------------------------------------------
    def restorer(self) -> Restorer:
        with self._lock:
            if self._restorer is None:
                self._restorer = Restorer(self._index, self._lowercase_emitted)
            return self._restorer

    def restore(
        self,
        text: str,
        policy: RestorePolicy | None = None,
        tool_name: str | None = None,
        report: RestoreReport | None = None,
    ) -> str:
        """Originals back in `text`, except where `policy` (default: the session's) protects the context."""
        from .restore.objects import restore_text

        self.refresh()  # another process may have issued surrogates this answer contains
        return restore_text(self, text, policy or self.restore_policy, tool_name, report)

    def stream_restorer(
        self,
        escape: Callable[[str], str] | None = None,
        policy: RestorePolicy | None = None,
        tool_name: str | None = None,
    ) -> StreamRestorer:
        """An incremental restorer for one stream of chunks (one per stream, not shared); `tool_name`
        applies the policy's per-tool rules (a streamed tool call's arguments)."""
        self.refresh()
        policy = policy or self.restore_policy
        tool_policy = policy.for_tool(tool_name)
        report = RestoreReport(self.stats.count)
        blocked = None if tool_policy is not None else "tool argument"
        return StreamRestorer(self.restorer, escape, tool_policy, report, blocked)

    def mappings(self) -> list[MappingRecord]:
        """A copy of the session's mappings as this process knows them, oldest first (their reprs
        hide originals); call `refresh()` first to include what other processes stored."""
        with self._lock:
            return list(self._log)
