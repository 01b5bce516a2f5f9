"""Recording exactly what a (cloud) chat model was sent, to prove nothing personal leaked."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import regex
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import BaseMessage
from langchain_core.outputs import LLMResult
from pydantic import BaseModel


@dataclass(slots=True)
class AuditRecord:
    """One model call: its messages (or prompts), call parameters (tools, schemas) and answer."""

    run_id: UUID
    messages: list[BaseMessage] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    invocation_params: dict[str, Any] = field(default_factory=dict)
    response: LLMResult | None = None

    def __repr__(self) -> str:
        return f"AuditRecord(run_id={self.run_id}, messages={len(self.messages)}, prompts={len(self.prompts)})"

    def sent_strings(self) -> list[str]:
        """Every string the model was sent: contents, blocks, tool-call args, ids, params."""
        return list(_strings([self.messages, self.prompts, self.invocation_params]))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        yield from _strings(value.model_dump())
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list | tuple | set):
        for v in value:
            yield from _strings(v)


class LeakAudit(BaseCallbackHandler):
    """Callback handler for the *inner* model that keeps every payload it was started with.

    Attach it where the data leaves your machine: `ChatOpenAI(..., callbacks=[audit])` wrapped by
    `PseudonymizedChatModel`. Handlers of the inner model see only its own runs, so the records
    hold exactly the pseudonymized messages and parameters sent to the provider, never the
    wrapper's original input. `leaks()` reports positions, not text, so a failing check does not
    print personal data into logs.
    """

    run_inline = True  # record synchronously, in call order, also for async runs

    def __init__(self) -> None:
        self.records: list[AuditRecord] = []
        self._by_run: dict[UUID, AuditRecord] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"LeakAudit(records={len(self.records)})"

    def _add(self, record: AuditRecord) -> None:
        with self._lock:
            self.records.append(record)
            self._by_run[record.run_id] = record

    def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[BaseMessage]],
        *,
        run_id: UUID,
        **kwargs: Any,
    ) -> None:
        self._add(
            AuditRecord(
                run_id=run_id,
                messages=[m for batch in messages for m in batch],
                invocation_params=dict(kwargs.get("invocation_params") or {}),
            )
        )

    def on_llm_start(self, serialized: dict[str, Any], prompts: list[str], *, run_id: UUID, **kwargs: Any) -> None:
        self._add(
            AuditRecord(
                run_id=run_id,
                prompts=list(prompts),
                invocation_params=dict(kwargs.get("invocation_params") or {}),
            )
        )

    def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        with self._lock:
            record = self._by_run.get(run_id)
            if record is not None:
                record.response = response

    def sent_strings(self) -> list[str]:
        """All strings of all recorded payloads, in call order."""
        return [s for record in self.records for s in record.sent_strings()]

    def leaks(self, originals: Iterable[str]) -> list[tuple[int, int]]:
        """Return (record index, original index) for each original found in a payload.

        Matching is case-insensitive at word boundaries, like the restorer's, so "Ann" is not
        reported inside "Annual" but "JOHN SMITH" is reported for "John Smith".
        """
        patterns = [regex.compile(r"(?<!\w)" + regex.escape(o) + r"(?!\w)", regex.IGNORECASE) for o in originals]
        hits: list[tuple[int, int]] = []
        for r_index, record in enumerate(self.records):
            text = "\n".join(record.sent_strings())
            hits.extend((r_index, o_index) for o_index, p in enumerate(patterns) if p.search(text))
        return hits

    def assert_no_leaks(self, originals: Iterable[str]) -> None:
        """Raise AssertionError naming record and original positions (never the text)."""
        originals = list(originals)
        if not self.records:
            raise AssertionError("LeakAudit recorded no model call; is it attached to the inner model?")
        hits = self.leaks(originals)
        if hits:
            raise AssertionError(f"{len(hits)} original value(s) reached the model: (record, original index) {hits}")
