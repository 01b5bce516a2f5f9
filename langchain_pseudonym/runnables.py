"""An LCEL pair that pseudonymizes a chain's inputs and restores its output with one session."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from langchain_core.messages import AIMessageChunk
from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.runnables.config import run_in_executor

from langchain_pseudonym._convert import ChunkRestorer, Ops, map_value, pseudonymize_ops, restore_ops
from langchain_pseudonym._guard import guard_ops
from langchain_pseudonym._session import DEFAULT_SESSION_KEY, resolve_session

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, RestorePolicy, Session


class _SessionRunnable(Runnable[Any, Any]):
    """Shared session handling, so both halves of a pair resolve sessions identically."""

    def __init__(
        self,
        pseudonymizer: Pseudonymizer,
        *,
        session: Session | None = None,
        vault: Any | None = None,
        session_key: str = DEFAULT_SESSION_KEY,
        metadata_keys: Sequence[str] = (),
        name: str | None = None,
    ) -> None:
        self.pseudonymizer = pseudonymizer
        self.session = session
        self.vault = vault
        self.session_key = session_key
        self.metadata_keys = tuple(metadata_keys)
        self.name = name or type(self).__name__

    def __repr__(self) -> str:
        # The session and pseudonymizer stay out of reprs: they lead to the vault's originals.
        return f"{type(self).__name__}(session_key={self.session_key!r}, metadata_keys={self.metadata_keys!r})"

    def _session(self, config: RunnableConfig | None) -> Session:
        return resolve_session(
            self.pseudonymizer,
            session=self.session,
            vault=self.vault,
            config=config,
            session_key=self.session_key,
        )

    def _ops(self, config: RunnableConfig | None) -> Ops:
        raise NotImplementedError

    def _apply(self, value: Any, config: RunnableConfig) -> Any:
        return map_value(value, self._ops(config), self.metadata_keys)

    async def _aapply(self, value: Any, config: RunnableConfig) -> Any:
        # Detection is CPU-bound; keep it off the event loop.
        return await run_in_executor(config, self._apply, value, config)

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return self._call_with_config(self._apply, input, config)

    async def ainvoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return await self._acall_with_config(self._aapply, input, config)


class PseudonymizeRunnable(_SessionRunnable):
    """Replaces personal data in a chain value before it reaches a prompt or a cloud model.

    Accepts a str, a message or message list, a `PromptValue`, a `Document` or document list
    (pseudonymized in one batch so an entity gets one surrogate across chunks), or a dict of
    these. Metadata fields of documents are left alone unless named in `metadata_keys`.

    Its output passes the outgoing guard (originals the session knows are masked, or `LeakError`
    with `strict_guard=True`); what a prompt template adds afterwards is the chain author's text.
    """

    def __init__(self, pseudonymizer: Pseudonymizer, *, strict_guard: bool = False, **kwargs: Any) -> None:
        super().__init__(pseudonymizer, **kwargs)
        self.strict_guard = strict_guard

    def _ops(self, config: RunnableConfig | None) -> Ops:
        return pseudonymize_ops(self.pseudonymizer, self._session(config))

    def _apply(self, value: Any, config: RunnableConfig) -> Any:
        session = self._session(config)
        pseudonymized = map_value(value, pseudonymize_ops(self.pseudonymizer, session), self.metadata_keys)
        return map_value(pseudonymized, guard_ops(self.pseudonymizer, session, self.strict_guard), self.metadata_keys)


class RestoreRunnable(_SessionRunnable):
    """Puts the originals back into a chain's output; streams chunk by chunk.

    Use the same session (or the same vault and per-call session id) as the
    `PseudonymizeRunnable`s of the chain. Streaming str or message chunks are restored as they
    arrive; only text that could still be the start of a surrogate is held back. `restore_policy`
    (a `pseudonym_core.RestorePolicy`; None: the pseudonymizer's) decides where originals may go.
    """

    def __init__(
        self, pseudonymizer: Pseudonymizer, *, restore_policy: RestorePolicy | None = None, **kwargs: Any
    ) -> None:
        super().__init__(pseudonymizer, **kwargs)
        self.restore_policy = restore_policy

    def _ops(self, config: RunnableConfig | None) -> Ops:
        return restore_ops(self.pseudonymizer, self._session(config), self.restore_policy)

    def _restore_stream(self, chunks: Iterator[Any], config: RunnableConfig) -> Iterator[Any]:
        stream = _RestoreStream(self, self._session(config))
        for chunk in chunks:
            yield from stream.step(chunk)
        yield from stream.finish()

    async def _arestore_stream(self, chunks: AsyncIterator[Any], config: RunnableConfig) -> AsyncIterator[Any]:
        stream = _RestoreStream(self, self._session(config))
        async for chunk in chunks:
            for out in stream.step(chunk):
                yield out
        for out in stream.finish():
            yield out

    def transform(self, input: Iterator[Any], config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[Any]:
        yield from self._transform_stream_with_config(input, self._restore_stream, config)

    async def atransform(
        self, input: AsyncIterator[Any], config: RunnableConfig | None = None, **kwargs: Any
    ) -> AsyncIterator[Any]:
        async for chunk in self._atransform_stream_with_config(input, self._arestore_stream, config):
            yield chunk

    def stream(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[Any]:
        yield from self.transform(iter([input]), config, **kwargs)

    async def astream(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> AsyncIterator[Any]:
        async def one() -> AsyncIterator[Any]:
            yield input

        async for chunk in self.atransform(one(), config, **kwargs):
            yield chunk


class _RestoreStream:
    """One restore stream's state, shared by the sync and async loops of `RestoreRunnable`.

    str chunks and message chunks each get their own incremental restorer (a surrogate can only
    be split across chunks of the same kind); values without a streaming form are restored whole.
    """

    def __init__(self, owner: RestoreRunnable, session: Session) -> None:
        self._owner = owner
        self._session = session
        self._ops = restore_ops(owner.pseudonymizer, session, owner.restore_policy)
        self._text: Any = None
        self._messages: ChunkRestorer | None = None

    def step(self, chunk: Any) -> list[Any]:
        if isinstance(chunk, str):
            self._text = self._text or self._session.stream_restorer(policy=self._owner.restore_policy)
            piece = self._text.feed(chunk)
            return [piece] if piece else []
        if isinstance(chunk, AIMessageChunk):
            owner = self._owner
            self._messages = self._messages or ChunkRestorer(owner.pseudonymizer, self._session, owner.restore_policy)
            return [self._messages.restore(chunk)]
        return [map_value(chunk, self._ops, self._owner.metadata_keys)]

    def finish(self) -> list[Any]:
        out: list[Any] = []
        if self._text is not None and (rest := self._text.flush()):
            out.append(rest)
        if self._messages is not None and (tail := self._messages.flush()) is not None:
            out.append(tail)
        return out
