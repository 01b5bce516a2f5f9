"""The Pseudonymizer: detect → generate → replace, and restore with the same session.

Detection runs outside the session lock (it is pure and the slow part); everything that reads
or extends the mapping runs under it, and new mappings are committed to the vault before any
pseudonymized text is returned.
"""

from __future__ import annotations

import asyncio
import re
import threading
import uuid
import weakref
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from typing import Any

from .config import PseudonymizerConfig
from .detect.base import Span
from .detect.resolve import resolve
from .errors import ConfigError, InputError, InputTooLargeError, SessionNotFoundError
from .replace.base import build_replacer
from .restore.stream import arestore_iter, restore_iter
from .session import Session, new_meta
from .surrogate.dates import parse_full_date
from .surrogate.generator import build_generator
from .types import Entity, PseudonymizeResult
from .vault.base import Vault
from .vault.memory import MemoryVault

_STRONG = ("custom", "deny_list")
#: Acronyms the small NER model likes to call organizations; they name field types, not parties.
_NOT_ENTITIES = frozenset(
    """
    iban ssn dob pin cvv cvc id ceo cfo cto coo hr it pdf url api faq eta asap vat zip tin ein bic
    swift gdpr ipv4 ipv6 vpn hipaa pii phi icu er gp dm fyi tbd n/a ok usd eur gbp mrn
    """.split()
)


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
        self._allow = {a.casefold() for a in self.config.allow_list}

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

    def pseudonymize(self, text: str, session: Session | str | None = None) -> PseudonymizeResult:
        return self.pseudonymize_many([text], session=session)[0]

    def pseudonymize_many(self, texts: Iterable[str], session: Session | str | None = None) -> list[PseudonymizeResult]:
        """Several texts (RAG chunks, chat messages) with one session and one batched detection pass."""
        batch = [self._check(t) for t in texts]
        sess = self._session(session, create=True)
        clean = [visible(t) for t in batch]
        non_empty = [t for t in clean if t.strip()]
        detected = iter(self.ensemble.detect_many(non_empty) if non_empty else [])
        spans = [next(detected) if t.strip() else [] for t in clean]

        def decide() -> list[list[Entity]]:
            for t in clean:
                sess.note_words(t)
            return [self._decide(*args, sess) for args in zip(batch, clean, spans, strict=True)]

        # on the vault's latest state, redone if another process stored mappings first (rule 12)
        decided = sess.transact(decide)
        # the mapping is stored before any text is returned; replacing needs no lock (an LLM
        # replacer is slow, and holding the session would stall every other caller)
        results = []
        for original, entities in zip(batch, decided, strict=True):
            replaced = self._replacer.replace(original, entities) if entities else None
            text = replaced.text if replaced is not None else original
            results.append(PseudonymizeResult(text, entities, sess.id, replaced.notes if replaced else ()))
        return results

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

    def _keep(self, text: str, span: Span) -> bool:
        cfg = self.config
        if span.source.startswith(_STRONG):
            return True
        if not cfg.wants(span.label) or span.score < cfg.threshold_for(span.label):
            return False
        if text[span.start : span.end].strip().casefold() in _NOT_ENTITIES:
            return False
        if span.label == "DATE_TIME":
            return cfg.date_mode == "all" or (
                cfg.date_mode == "full" and parse_full_date(text[span.start : span.end]) is not None
            )
        return True

    def _known_spans(self, text: str, detected: list[Span], sess: Session) -> list[Span]:
        """Vault entries and this text's own detections, wherever else they occur (rule 2)."""
        if not self.config.known_entity_matching:
            return []
        from .detect.custom import word_pattern

        originals, surrogates = sess.known_matchers()
        labels: dict[str, str] = {}
        strings: set[str] = set()
        for s in detected:
            value = text[s.start : s.end]
            if len(value) < 2:
                continue  # a one-letter entity is never propagated: it would hit every "a" and "I"
            labels.setdefault(value.casefold(), s.label)
            strings.add(value)
            for part in _name_parts(value) if s.label == "PERSON" else ():
                labels.setdefault(part.casefold(), "PERSON")  # "Mehta" after "Arjun Mehta"
                strings.add(part)
        out: list[Span] = []
        passes = [
            (originals, "known"),
            (surrogates, "surrogate" if self.config.surrogates_in_input == "keep" else "conflict"),
            (word_pattern(list(strings)), "propagated"),
        ]
        for pattern, source in passes:
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                occ = m.group()
                rec = sess.lookup(occ) if source == "known" else None
                if source in ("conflict", "surrogate"):
                    rec = sess.by_surrogate(occ)
                label = rec.label if rec is not None else labels.get(occ.casefold())
                if label is None:
                    continue
                reference = rec.original if source == "known" and rec is not None else occ
                if " " not in occ and occ.islower() and not reference.islower() and source != "propagated":
                    continue  # a capitalised name never claims the same word written in lower case
                if source == "propagated" and occ != text[m.start() : m.end()]:
                    continue
                out.append(Span(m.start(), m.end(), label, 1.0 if source != "propagated" else 0.5, source))
        return out

    def _decide(self, original: str, text: str, raw: list[Span], sess: Session) -> list[Entity]:
        """Which spans to hide and with what (extending the session's mapping).

        Spans are computed on `text` (controls blanked); values come from `original`.
        """
        if not text.strip():
            return []
        kept = [_with_time(text, s) if s.label == "DATE_TIME" else s for s in raw if self._keep(text, s)]
        spans = resolve(text, kept + self._known_spans(text, kept, sess))
        # the session's own surrogates ("keep" mode) only shield their text from the detectors
        spans = [s for s in spans if s.source != "surrogate" and text[s.start : s.end].casefold() not in self._allow]
        # multi-word names first, so "Smith" alone reuses the family name of "John Smith"
        order = sorted(spans, key=lambda s: (s.label != "PERSON", " " not in text[s.start : s.end], s.start))
        surrogates: dict[int, tuple[str, str]] = {}
        for s in order:
            surrogates[s.start] = sess.surrogate_for(s.label, original[s.start : s.end], self._generator.generate)
        return [
            Entity(
                s.start,
                s.end,
                original[s.start : s.end],
                surrogates[s.start][1],
                surrogates[s.start][0],
                s.score,
                s.source,
            )
            for s in spans
        ]

    # -- restore ------------------------------------------------------------------------------
    def restore(self, text: str, session: Session | str) -> str:
        if not isinstance(text, str):
            raise InputError(f"expected str, got {type(text).__name__}")
        return self._session(session, create=False).restore(text)

    def restore_stream(self, chunks: Iterable[str], session: Session | str) -> Iterator[str]:
        return restore_iter(self._session(session, create=False).stream_restorer(), chunks)

    def arestore_stream(self, chunks: AsyncIterable[str], session: Session | str) -> AsyncIterator[str]:
        return arestore_iter(self._session(session, create=False).stream_restorer(), chunks)

    # -- structured values (tool-call arguments, metadata) ------------------------------------
    def pseudonymize_obj(self, obj: Any, session: Session | str | None = None) -> Any:
        """Pseudonymize every string inside dicts / lists / tuples; keys and non-strings stay."""
        leaves: list[str] = []
        _collect(obj, leaves)
        results = iter(r.text for r in self.pseudonymize_many(leaves, session=session)) if leaves else iter(())
        return _rebuild(obj, lambda _s: next(results))

    def restore_obj(self, obj: Any, session: Session | str) -> Any:
        sess = self._session(session, create=False)
        return _rebuild(obj, sess.restore)

    # -- async twins --------------------------------------------------------------------------
    async def apseudonymize(self, text: str, session: Session | str | None = None) -> PseudonymizeResult:
        return await asyncio.to_thread(self.pseudonymize, text, session)

    async def apseudonymize_many(
        self, texts: Iterable[str], session: Session | str | None = None
    ) -> list[PseudonymizeResult]:
        return await asyncio.to_thread(self.pseudonymize_many, list(texts), session)

    async def arestore(self, text: str, session: Session | str) -> str:
        return self.restore(text, session)


#: Control and format characters (NUL, ESC, zero-width, bidi marks) except line breaks and tabs.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def _name_parts(name: str) -> list[str]:
    """The given and family names inside a detected full name, for propagating through the text."""
    from .surrogate.person import PARTICLES
    from .surrogate.pools import COMMON_WORDS

    words = name.replace(",", " ").split()
    if len(words) < 2:
        return []
    return [
        w
        for w in words
        if len(w) > 2 and w[-1] != "." and w.casefold() not in PARTICLES and w.casefold() not in COMMON_WORDS
    ]


def visible(text: str) -> str:
    """Blank out invisible characters, keeping every offset: tokenizers glue them to words
    ("Hartley\x07"), which would otherwise make spans end mid-token or mint a second surrogate."""
    return _INVISIBLE.sub(" ", text)


_TIME_AFTER = re.compile(r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s?[AaPp]\.?[Mm]\.?)?(?!\d)")


def _with_time(text: str, span: Span) -> Span:
    """A full date followed by a time of day becomes one entity, so the timestamp moves as a whole."""
    m = _TIME_AFTER.match(text, span.end)
    return Span(span.start, m.end(), span.label, span.score, span.source) if m else span


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
