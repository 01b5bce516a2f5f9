"""Incremental restoration for streamed answers (rule 7).

Only the tail that could still turn into a surrogate waits; everything before it is restored
and emitted at once, so users see tokens as fast as the model sends them.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator

from .restorer import Restorer


class StreamRestorer:
    """Feed chunks, get restored text back; call `flush` when the stream ends."""

    def __init__(self, restorer: Callable[[], Restorer], escape: Callable[[str], str] | None = None) -> None:
        self._restorer = restorer  # re-read per chunk: the session may learn mappings mid-stream
        self._escape = escape
        self._buffer = ""
        self._left = ""  # the last character already emitted: word-boundary context only

    def __repr__(self) -> str:
        return f"StreamRestorer(held={len(self._buffer)} chars)"

    def feed(self, chunk: str) -> str:
        text = self._left + self._buffer + chunk
        start = len(self._left)
        restorer = self._restorer()
        hold = restorer.hold_index(text, start)
        self._buffer = text[hold:]
        if hold > start:
            self._left = text[hold - 1]
        return restorer.restore(text, start, hold, self._escape)

    def flush(self) -> str:
        text = self._left + self._buffer
        self._buffer = ""
        return self._restorer().restore(text, len(self._left), escape=self._escape)


def restore_iter(stream: StreamRestorer, chunks: Iterable[str]) -> Iterator[str]:
    for chunk in chunks:
        out = stream.feed(chunk)
        if out:
            yield out
    tail = stream.flush()
    if tail:
        yield tail


async def arestore_iter(stream: StreamRestorer, chunks: AsyncIterable[str]) -> AsyncIterator[str]:
    async for chunk in chunks:
        out = stream.feed(chunk)
        if out:
            yield out
    tail = stream.flush()
    if tail:
        yield tail
