"""The Pseudonymizer: detect → generate → replace, and restore with the same session.

Detection runs outside the session lock (it is pure and the slow part); everything that reads
or extends the mapping runs under it, and new mappings are committed to the vault before any
pseudonymized text is returned.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
import weakref
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from typing import Any

from .config import PseudonymizerConfig
from .decide import Decider, Dropped, Explanation, Vote
from .decide.decider import Decision
from .detect.base import Span
from .errors import ConfigError, InputError, InputTooLargeError, SessionNotFoundError
from .normalize import TextView, make_view, recase
from .replace.base import build_replacer
from .restore.objects import restore_obj
from .restore.policy import RestorePolicy, RestoreReport
from .restore.stream import arestore_iter, restore_iter
from .session import Session, new_meta
from .surrogate.generator import build_generator
from .types import Entity, PseudonymizeResult
from .vault.base import Vault
from .vault.memory import MemoryVault


class Pseudonymizer:
    """One configured pipeline; cheap to share across threads, sessions and integrations."""

    def __init__(self, config: PseudonymizerConfig | None = None, **overrides: Any) -> None:
        if config is not None and overrides:
            raise ConfigError("pass either a PseudonymizerConfig or keyword overrides, not both")
        self.config = config or PseudonymizerConfig(**overrides)
        # strategies are resolved now (a typo fails here) but load their models on first use
        self._generator = build_generator(self.config)
        self._replacer = build_replacer(self.config)
        self._ensemble: Any = None
        self._init_lock = threading.Lock()
        self.vault: Vault = MemoryVault()
        key = self.config.secret_key
        self._secret = key.get_secret_value().encode() if key is not None else None
        self._sessions: weakref.WeakValueDictionary[tuple[object, str], Session] = weakref.WeakValueDictionary()
        self.decider = Decider(self.config)

    def __repr__(self) -> str:
        return f"Pseudonymizer(detectors={self.config.detectors}, entities={len(self.config.entities)})"

    @property
    def ensemble(self) -> Any:
        """Detectors load on first use, so constructing a Pseudonymizer stays instant."""
        if self._ensemble is None:
            with self._init_lock:
                if self._ensemble is None:
                    from .detect.ensemble import Ensemble

                    self._ensemble = Ensemble(self.config)
        return self._ensemble

    # -- sessions -----------------------------------------------------------------------------
    def session(self, id: str | None = None, vault: Vault | None = None, create: bool = True) -> Session:
        """A new session, or the one with `id` in `vault` (created when missing unless create=False)."""
        vault = vault if vault is not None else self.vault
        session_id = id or uuid.uuid4().hex
        cached = self._sessions.get((id_of(vault), session_id))
        if cached is not None and cached.alive():  # not forgotten or expired in the vault meanwhile
            return cached
        with self._init_lock:
            cached = self._sessions.get((id_of(vault), session_id))
            if cached is not None and not cached.forgotten:
                return cached
            stored = vault.load_session(session_id)
            if stored is None:
                if not create:
                    raise SessionNotFoundError(session_id)
                vault.create_session(session_id, new_meta(self._secret))
                stored = vault.load_session(session_id)
                assert stored is not None
            session = Session(session_id, vault, stored, self._secret)
            session.restore_policy = self.config.restore_policy
            self._sessions[(id_of(vault), session_id)] = session
            return session

    def forget(self, session: Session | str, vault: Vault | None = None) -> int:
        """Erase a session (by object or id) from its vault and from memory; returns how many
        mappings it held (0 when there was no such session)."""
        if isinstance(session, Session):
            return session.forget()
        vault = vault if vault is not None else self.vault
        with self._init_lock:
            cached = self._sessions.pop((id_of(vault), session), None)
        return cached.forget() if cached is not None else vault.forget(session)

    def _session(self, session: Session | str | None, create: bool) -> Session:
        if isinstance(session, Session):
            return session
        if session is None and create:
            return self.session()
        if isinstance(session, str):
            return self.session(session, create=create)
        raise InputError("restoring needs the session (or its id) that pseudonymized the text")

    # -- pseudonymize -------------------------------------------------------------------------
    def _check(self, text: object) -> str:
        if isinstance(text, bytes | bytearray):
            raise InputError("expected str, got bytes: decode the text first (binary data is not accepted)")
        if not isinstance(text, str):
            raise InputError(f"expected str, got {type(text).__name__}")
        if len(text) > self.config.max_input_chars:
            raise InputTooLargeError(len(text), self.config.max_input_chars)
        return text

    def pseudonymize(
        self, text: str, session: Session | str | None = None, *, explain: bool = False
    ) -> PseudonymizeResult:
        """Mask `text`; with `explain=True` every entity carries its `explanation` and the result
        lists the `dropped` candidates (offsets, labels and rules only, never text)."""
        return self.pseudonymize_many([text], session=session, explain=explain)[0]

    def pseudonymize_many(
        self, texts: Iterable[str], session: Session | str | None = None, *, explain: bool = False
    ) -> list[PseudonymizeResult]:
        """Several texts (RAG chunks, chat messages) with one session and one batched detection pass."""
        batch = [self._check(t) for t in texts]
        sess = self._session(session, create=True)
        views = [make_view(t) for t in batch]
        # detectors read a same-length re-cased copy (ALL-CAPS lines, lower-case known names)
        readable = [recase(v.text) if v.text.strip() else "" for v in views]
        non_empty = [t for t in readable if t]
        as_written = [v.text for v, t in zip(views, readable, strict=True) if t]
        detected = iter(self.ensemble.detect_many(non_empty, as_written) if non_empty else [])
        spans = [next(detected) if t else [] for t in readable]

        def decide() -> list[tuple[list[Entity], tuple[Dropped, ...]]]:
            for v in views:
                sess.note_words(v.text)
            out = []
            for i, (v, raw) in enumerate(zip(views, spans, strict=True)):
                if i:  # another process may have written meanwhile (rule 12)
                    sess.keep_up([w.text for w in views[:i]])
                out.append(self._decide(v, raw, sess, explain))
            return out

        # on the vault's latest state, redone if another process stored mappings first (rule 12)
        decided = sess.transact(decide, texts=[v.text for v in views])
        # the mapping is stored before any text is returned; replacing needs no lock (an LLM
        # replacer is slow, and holding the session would stall every other caller)
        results = []
        for original, (entities, dropped) in zip(batch, decided, strict=True):
            replaced = self._replacer.replace(original, entities) if entities else None
            text = replaced.text if replaced is not None else original
            notes = replaced.notes if replaced else ()
            results.append(PseudonymizeResult(text, entities, sess.id, notes, dropped))
        return results

    # -- documents above max_input_chars: pieces with one session (see document.py) -----------
    def pseudonymize_document(
        self, text: str, session: Session | str | None = None, *, chunk_chars: int | None = None, lookback: bool = True
    ) -> PseudonymizeResult:
        """A text of any length, in pieces of at most `chunk_chars` that share one session."""
        from .document import pseudonymize_document

        return pseudonymize_document(self, text, session, chunk_chars=chunk_chars, lookback=lookback)

    def pseudonymize_iter(
        self, chunks: Iterable[str], session: Session | str | None = None, *, chunk_chars: int | None = None
    ) -> Iterator[PseudonymizeResult]:
        """Stream a text arriving in chunks of any size; bounded memory, one session, no look-back."""
        from .document import pseudonymize_iter

        return pseudonymize_iter(self, chunks, session, chunk_chars=chunk_chars)

    def strategy_stats(self) -> dict[str, dict[str, int]]:
        """Calls and fallbacks of each strategy so far (only those that count anything)."""
        parts: dict[str, Any] = {
            f"generator:{self._generator.name}": self._generator,
            f"replacer:{self._replacer.name}": self._replacer,
        }
        if self._ensemble is not None:
            parts.update({f"detector:{d.name}": d for d in self._ensemble.detectors})
        out = {k: v.stats.snapshot() for k, v in parts.items() if hasattr(v, "stats")}
        return {k: v for k, v in out.items() if v}

    def _decide(
        self, view: TextView, raw: list[Span], sess: Session, explain: bool
    ) -> tuple[list[Entity], tuple[Dropped, ...]]:
        """Which spans to hide and with what (extending the session's mapping).

        Decisions are made on the normalised view; the vault keeps its clean form of each value,
        and entities point at the caller's own characters.
        """
        decision = self.decider.decide(view.text, raw, sess, explain)
        spans = decision.spans
        # multi-word names first, so "Smith" alone reuses the family name of "John Smith"
        order = sorted(spans, key=lambda s: (s.label != "PERSON", " " not in view.text[s.start : s.end], s.start))
        surrogates: dict[int, tuple[str, str]] = {}
        for s in order:
            original = view.original.__getitem__(slice(*view.to_original(s.start, s.end)))
            surrogates[s.start] = sess.surrogate_for(s.label, original, self._generator.generate)
        entities = []
        for s in spans:
            start, end = view.to_original(s.start, s.end)
            surrogate, label = surrogates[s.start]
            why = _explanation(view, decision, s) if explain else None
            entities.append(Entity(start, end, view.original[start:end], label, surrogate, s.score, s.source, why))
        # a vote for an extent that is masked anyway (same label) is no dropped candidate
        dropped = tuple(
            Dropped(*view.to_original(d.start, d.end), d.label, d.source, d.score, reason)
            for d, reason in decision.trace.dropped
            if not any(s.start <= d.start and d.end <= s.end and s.label == d.label for s in spans)
        )
        return entities, dropped

    # -- restore ------------------------------------------------------------------------------
    def restore(
        self,
        text: str,
        session: Session | str,
        policy: RestorePolicy | None = None,
        tool_name: str | None = None,
        report: RestoreReport | None = None,
    ) -> str:
        """Originals back, except where `policy` (default: the config's `restore_policy`) protects the
        context; pass a `RestoreReport()` to read what was kept (notes without content)."""
        if not isinstance(text, str):
            raise InputError(f"expected str, got {type(text).__name__}")
        sess = self._session(session, create=False)
        return sess.restore(text, policy or self.config.restore_policy, tool_name, report)

    def restore_stream(
        self,
        chunks: Iterable[str],
        session: Session | str,
        policy: RestorePolicy | None = None,
        tool_name: str | None = None,
    ) -> Iterator[str]:
        sess = self._session(session, create=False)
        stream = sess.stream_restorer(policy=policy or self.config.restore_policy, tool_name=tool_name)
        return restore_iter(stream, chunks)

    def arestore_stream(
        self,
        chunks: AsyncIterable[str],
        session: Session | str,
        policy: RestorePolicy | None = None,
        tool_name: str | None = None,
    ) -> AsyncIterator[str]:
        sess = self._session(session, create=False)
        stream = sess.stream_restorer(policy=policy or self.config.restore_policy, tool_name=tool_name)
        return arestore_iter(stream, chunks)

    def guard(self, payload: Any, session: Session | str, strict: bool = False) -> Any:
        """The payload (str, bytes, dict, list, tuple, int) with every original the session knows
        masked by its surrogate, or `LeakError` in strict mode; call it right before sending."""
        from .guard import OutgoingGuard

        return OutgoingGuard(self._session(session, create=False), strict).check(payload)

    # -- structured values (tool-call arguments, metadata) ------------------------------------
    def pseudonymize_obj(self, obj: Any, session: Session | str | None = None) -> Any:
        """Pseudonymize every string inside dicts / lists / tuples; keys and non-strings stay."""
        leaves: list[str] = []
        _collect(obj, leaves)
        results = iter(r.text for r in self.pseudonymize_many(leaves, session=session)) if leaves else iter(())
        return _rebuild(obj, lambda _s: next(results))

    def restore_obj(
        self,
        obj: Any,
        session: Session | str,
        policy: RestorePolicy | None = None,
        tool_name: str | None = None,
        report: RestoreReport | None = None,
    ) -> Any:
        """Restore every string inside dicts / lists / tuples (tool-call arguments: pass `tool_name`
        so the policy's per-tool rules apply); keys and non-strings stay."""
        sess = self._session(session, create=False)
        return restore_obj(sess, obj, policy or self.config.restore_policy, tool_name, report)

    # -- async twins --------------------------------------------------------------------------
    async def apseudonymize(self, text: str, session: Session | str | None = None) -> PseudonymizeResult:
        return await asyncio.to_thread(self.pseudonymize, text, session)

    async def apseudonymize_many(
        self, texts: Iterable[str], session: Session | str | None = None
    ) -> list[PseudonymizeResult]:
        return await asyncio.to_thread(self.pseudonymize_many, list(texts), session)

    async def arestore(
        self,
        text: str,
        session: Session | str,
        policy: RestorePolicy | None = None,
        tool_name: str | None = None,
        report: RestoreReport | None = None,
    ) -> str:
        return self.restore(text, session, policy, tool_name, report)


def _explanation(view: TextView, decision: Decision, span: Span) -> Explanation:
    votes = tuple(
        Vote(v.source, v.label, v.score, *view.to_original(v.start, v.end))
        for v in decision.votes
        if v.start < span.end and span.start < v.end
    )
    return Explanation(votes, decision.trace.rules_for(span.start, span.end))


def id_of(vault: Vault) -> object:
    """Sessions are cached per storage, not per handle: two SQLiteVault objects on one file must
    share one Session, or each would mint its own surrogate for the same person."""
    return getattr(vault, "cache_key", None) or id(vault)


def _collect(obj: Any, out: list[str]) -> None:
    if isinstance(obj, str):
        out.append(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            _collect(v, out)
    elif isinstance(obj, list | tuple):
        for v in obj:
            _collect(v, out)


def _rebuild(obj: Any, fn: Any) -> Any:
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, dict):
        return {k: _rebuild(v, fn) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_rebuild(v, fn) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_rebuild(v, fn) for v in obj)
    return obj
