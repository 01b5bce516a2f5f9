"""Incremental restoration for streamed answers (rule 7), under the same policy as whole texts.

Only what could still change wait: the tail that could still grow into a surrogate, and — when a
policy protects contexts — a surrogate that could still end up inside one: inside a region that
is still open (an unclosed link destination `](…`, quote, HTML attribute, JSON key or code fence)
or in the last, unfinished token (`Novak.` may become `Novak.com/x`, `14.` may become `14.2`).
Everything else is restored and emitted at once. An open `(` alone holds nothing: a parenthesis is
prose until a `](` or a URL scheme makes it a destination, and those are seen when they arrive,
since the stream keeps the current line as context for classifying what comes next.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator

from .contexts import Region, fence_state
from .policy import RestorePolicy, RestoreReport
from .restorer import Match, Restorer

#: Longest line kept as context; a longer line keeps its last part (cut at a space).
_MAX_CARRY = 2048


class StreamRestorer:
    """Feed chunks, get restored text back; call `flush` when the stream ends.

    `policy=None` restores every surrogate (the behaviour before policies); `blocked` names a context
    in which nothing at all is restored (a tool that may not receive originals). `report` collects
    the notes of what was kept.
    """

    def __init__(
        self,
        restorer: Callable[[], Restorer],
        escape: Callable[[str], str] | None = None,
        policy: RestorePolicy | None = None,
        report: RestoreReport | None = None,
        blocked: str | None = None,
    ) -> None:
        self._restorer = restorer  # re-read per chunk: the session may learn mappings mid-stream
        self._escape = escape
        self._policy = policy if policy is not None and policy.kinds else None
        self.report = report if report is not None else RestoreReport()
        self._blocked = blocked
        self._buffer = ""
        self._carry = ""  # input already emitted on the current line: context only
        self._in_fence = False  # whether a code fence is open where the carry starts

    def __repr__(self) -> str:
        return f"StreamRestorer(held={len(self._buffer)} chars)"

    @property
    def notes(self) -> list[str]:
        return self.report.notes

    def feed(self, chunk: str) -> str:
        text = self._carry + self._buffer + chunk
        start = len(self._carry)
        restorer = self._restorer()
        hold = restorer.hold_index(text, start)
        found = restorer.matches(text, start, hold)
        regions: list[Region] = []
        if found and self._blocked is None and self._policy is not None:
            regions = restorer.regions(text, self._policy, final=False, in_fence=self._in_fence)
            hold = _policy_hold(text, hold, found, regions)
        out = self._splice(restorer, text, start, hold, found, regions)
        self._advance(text, hold)
        return out

    def flush(self) -> str:
        text = self._carry + self._buffer
        start = len(self._carry)
        self._buffer = self._carry = ""
        restorer = self._restorer()
        found = restorer.matches(text, start)
        regions: list[Region] = []
        if found and self._blocked is None and self._policy is not None:
            regions = restorer.regions(text, self._policy, final=True, in_fence=self._in_fence)
        return self._splice(restorer, text, start, len(text), found, regions)

    def _splice(
        self, restorer: Restorer, text: str, start: int, end: int, found: list[Match], regions: list[Region]
    ) -> str:
        if self._blocked is not None:
            for m in found:
                if m.end <= end:
                    self.report.kept(self._blocked, m.form.label)
            return text[start:end]
        return restorer.splice(text, start, end, found, regions, self._escape, self.report)

    def _advance(self, text: str, hold: int) -> None:
        self._buffer = text[hold:]
        if self._policy is None:
            self._carry = text[max(0, hold - 1) : hold]  # one character: word-boundary context
            return
        line = text.rfind("\n", 0, hold) + 1
        if hold - line > _MAX_CARRY:
            cut = text.find(" ", hold - _MAX_CARRY // 2, hold)
            line = cut + 1 if cut >= 0 else hold - _MAX_CARRY // 2
        if "code" in self._policy.kinds and line > 0:
            self._in_fence = fence_state(text[:line], self._in_fence)
        self._carry = text[line:hold]


def _policy_hold(text: str, hold: int, found: list[Match], regions: list[Region]) -> int:
    """Hold matches whose context can still change: inside an open region, or in the last token."""
    token = len(text)
    while token > 0 and not text[token - 1].isspace():
        token -= 1
    for m in found:
        if m.start >= hold:
            break
        in_open = any(r.open and r.start < m.end and r.end > m.start for r in regions)
        if in_open or (token < len(text) and m.end > token):
            return m.start
    return hold


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
