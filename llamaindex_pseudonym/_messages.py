"""Where LlamaIndex keeps text in chat messages, in both directions, whole and streamed.

Outgoing: text and thinking blocks, tool-call blocks and the provider's raw copies of tool calls
in `additional_kwargs`. Incoming: the same, restored; streamed answers keep one incremental
restorer for the text and one per tool call, so each chunk's cumulative text and arguments only
ever grow and the last chunk carries the complete, restored tool calls an agent acts on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from llama_index.core.base.llms.types import ChatMessage, TextBlock, ThinkingBlock, ToolCallBlock

from llamaindex_pseudonym._transform import (
    pseudonymize_tool_kwargs,
    restore_texts,
    restore_tool_kwargs,
    text_stream,
    tool_args_stream,
)

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, RestorePolicy, Session

TEXT_BLOCKS = (TextBlock, ThinkingBlock, ToolCallBlock)


class OutgoingMessages:
    """Every pseudonymizable string of a message list, flattened so one batched call covers them.

    One batch per call keeps detection independent of call order and lets the core reuse its
    known-entity matching across all messages of the turn.
    """

    def __init__(self, messages: Sequence[ChatMessage]) -> None:
        self.messages = list(messages)
        self.texts: list[str] = []
        for message in self.messages:
            for block in message.blocks:
                if isinstance(block, TextBlock):
                    self.texts.append(block.text)
                elif isinstance(block, ThinkingBlock) and block.content:
                    self.texts.append(block.content)

    def rebuild(self, texts: list[str], p: Pseudonymizer, session: Session) -> list[ChatMessage]:
        it = iter(texts)
        out: list[ChatMessage] = []
        for message in self.messages:
            blocks: list[Any] = []
            for block in message.blocks:
                if isinstance(block, TextBlock):
                    blocks.append(block.model_copy(update={"text": next(it)}))
                elif isinstance(block, ThinkingBlock) and block.content:
                    blocks.append(block.model_copy(update={"content": next(it)}))
                elif isinstance(block, ToolCallBlock):
                    kwargs = pseudonymize_tool_kwargs(p, session, block.tool_kwargs)
                    blocks.append(block.model_copy(update={"tool_kwargs": kwargs}))
                else:
                    blocks.append(block)
            extra = map_raw_tool_calls(message.additional_kwargs, lambda _n, a: pseudonymize_tool_kwargs(p, session, a))
            out.append(message.model_copy(update={"blocks": blocks, "additional_kwargs": extra}))
        return out


def guard_messages(messages: Sequence[ChatMessage], check: Callable[[Any], Any]) -> list[ChatMessage]:
    """The messages exactly as they will be sent, passed through the outgoing guard `check`.

    Every string a provider serializes goes through it: texts, thinking, tool-call arguments, the
    provider's raw tool-call copies and the other `additional_kwargs` values (ids, names).
    """
    out: list[ChatMessage] = []
    for message in messages:
        blocks: list[Any] = []
        for block in message.blocks:
            if isinstance(block, TextBlock):
                blocks.append(block.model_copy(update={"text": check(block.text)}))
            elif isinstance(block, ThinkingBlock) and block.content:
                blocks.append(block.model_copy(update={"content": check(block.content)}))
            elif isinstance(block, ToolCallBlock):
                blocks.append(block.model_copy(update={"tool_kwargs": check(block.tool_kwargs)}))
            else:
                blocks.append(block)
        extra = map_raw_tool_calls(message.additional_kwargs, lambda _n, a: check(a))
        extra = {k: check(v) if k != "tool_calls" else v for k, v in extra.items()}
        out.append(message.model_copy(update={"blocks": blocks, "additional_kwargs": extra}))
    return out


def map_raw_tool_calls(extra: dict[str, Any], args: Callable[[str, str], str]) -> dict[str, Any]:
    """Map the arguments of the provider's own tool-call objects (`additional_kwargs["tool_calls"]`).

    Integrations keep them beside the `ToolCallBlock`s (OpenAI: `ChatCompletionMessageToolCall`),
    and some send those instead of the blocks, so they must never hold the other direction's text.
    """
    calls = extra.get("tool_calls")
    if not isinstance(calls, list) or not calls:
        return extra
    return {**extra, "tool_calls": [_map_raw_call(call, args) for call in calls]}


def _map_raw_call(call: Any, args: Callable[[str, str], str]) -> Any:
    if isinstance(call, dict):
        function = call.get("function")
        if isinstance(function, dict) and isinstance(function.get("arguments"), str):
            name = str(function.get("name") or "")
            return {**call, "function": {**function, "arguments": args(name, function["arguments"])}}
        return call
    function = getattr(call, "function", None)
    arguments = getattr(function, "arguments", None)
    if isinstance(arguments, str) and hasattr(function, "model_copy") and hasattr(call, "model_copy"):
        name = str(getattr(function, "name", "") or "")
        return call.model_copy(update={"function": function.model_copy(update={"arguments": args(name, arguments)})})
    return call


class Incoming:
    """Restores answers of one session: whole messages, or streamed chunks through a `StreamState`."""

    def __init__(self, p: Pseudonymizer, session: Session, policy: RestorePolicy | None = None) -> None:
        self.p = p
        self.session = session
        self.policy = policy  # None: the pseudonymizer's configured policy

    def text(self, text: str) -> str:
        return restore_texts(self.p, self.session, [text], self.policy)[0]

    def tool_kwargs(self, block: ToolCallBlock) -> Any:
        return restore_tool_kwargs(self.p, self.session, block.tool_name, block.tool_kwargs, self.policy)

    def message(
        self,
        message: ChatMessage,
        text: str | None = None,
        tool_kwargs: list[Any] | None = None,
        thinking: str | None = None,
    ) -> ChatMessage:
        """Restore every text-bearing part; a stream passes its own `text`, `tool_kwargs`, `thinking`."""
        blocks: list[Any] = []
        text_done = False
        calls = 0
        for block in message.blocks:
            if isinstance(block, TextBlock):
                if text is None:
                    blocks.append(block.model_copy(update={"text": self.text(block.text)}))
                elif not text_done:
                    blocks.append(TextBlock(text=text))
                    text_done = True
            elif isinstance(block, ThinkingBlock) and block.content:
                content = self.text(block.content) if thinking is None else thinking
                blocks.append(block.model_copy(update={"content": content}))
            elif isinstance(block, ToolCallBlock):
                kwargs = self.tool_kwargs(block) if tool_kwargs is None else tool_kwargs[calls]
                blocks.append(block.model_copy(update={"tool_kwargs": kwargs}))
                calls += 1
            else:
                blocks.append(block)
        if text is not None and not text_done:
            blocks.insert(0, TextBlock(text=text))
        extra = map_raw_tool_calls(
            message.additional_kwargs, lambda name, a: restore_tool_kwargs(self.p, self.session, name, a, self.policy)
        )
        return message.model_copy(update={"blocks": blocks, "additional_kwargs": extra})


class StreamState:
    """Incremental restore of one streamed answer: its text, its reasoning and each tool call."""

    def __init__(self, incoming: Incoming) -> None:
        self._incoming = incoming
        self._restorer = text_stream(incoming.session, incoming.policy)
        self.thinking = _Thinking(incoming)
        self._seen = ""  # cumulative *pseudonymized* text, only used when the model sends no delta
        self.text = ""
        self.had_text = False  # whether the last chunk carried text (else it is forwarded at once)
        self._calls: list[_ToolArgs] = []

    def feed(self, delta: str | None, cumulative: str) -> str:
        """Restore one chunk's new text; returns what is safe to emit now (may be empty)."""
        if delta is None:
            delta = cumulative[len(self._seen) :] if cumulative.startswith(self._seen) else ""
            self._seen = cumulative
        else:
            self._seen += delta
        self.had_text = bool(delta)
        piece = self._restorer.feed(delta) if delta else ""
        self.text += piece
        return piece

    def flush(self) -> str:
        rest = self._restorer.flush()
        self.text += rest
        return rest

    def tool_kwargs(self, message: ChatMessage) -> list[Any]:
        """Restored arguments of each tool call of a chunk, as far as they are certain so far."""
        blocks = [b for b in message.blocks if isinstance(b, ToolCallBlock)]
        while len(self._calls) < len(blocks):
            self._calls.append(_ToolArgs(self._incoming))
        return [call.feed(block) for call, block in zip(self._calls, blocks, strict=False)]

    def flush_tools(self) -> bool:
        """End of stream: complete every tool call's arguments; True if that changed any."""
        return any([call.flush() for call in self._calls])

    def final_tool_kwargs(self) -> list[Any]:
        return [call.value for call in self._calls]


class _Thinking:
    """A streamed reasoning trace: each chunk's `thinking_delta` (what agents show) and the
    cumulative `ThinkingBlock` of its message, restored through one incremental restorer."""

    def __init__(self, incoming: Incoming) -> None:
        self._incoming = incoming
        self._restorer: Any = None
        self.text = ""
        self.piece = ""
        self.had = False  # whether the last chunk carried reasoning (held back or not)

    def feed(self, extra: dict[str, Any]) -> dict[str, Any]:
        """The chunk's `additional_kwargs` with its `thinking_delta` restored (held back in part)."""
        delta = extra.get("thinking_delta")
        self.had = isinstance(delta, str) and bool(delta)
        if not isinstance(delta, str):
            self.piece = ""
            return extra
        self._restorer = self._restorer or text_stream(self._incoming.session, self._incoming.policy)
        self.piece = self._restorer.feed(delta)
        self.text += self.piece
        return {**extra, "thinking_delta": self.piece}

    def flush(self) -> str:
        rest = self._restorer.flush() if self._restorer is not None else ""
        self.text += rest
        return rest

    @property
    def active(self) -> bool:
        return self._restorer is not None


class _ToolArgs:
    """One streamed tool call. LlamaIndex chunks carry its cumulative arguments (a growing JSON
    string, or a dict per chunk); the string is restored through the growth between chunks."""

    def __init__(self, incoming: Incoming) -> None:
        self._incoming = incoming
        self._block: ToolCallBlock | None = None
        self._seen = ""
        self._restored = ""
        self._stream: Any = None
        self.value: Any = {}

    def feed(self, block: ToolCallBlock) -> Any:
        self._block = block
        kwargs = block.tool_kwargs
        if not isinstance(kwargs, str):
            self.value = self._incoming.tool_kwargs(block)
            return self.value
        if self._stream is None or not kwargs.startswith(self._seen):
            self._stream = tool_args_stream(self._incoming.session, block.tool_name, self._incoming.policy)
            self._seen, self._restored = "", ""
        self._restored += self._stream.feed(kwargs[len(self._seen) :])
        self._seen = kwargs
        self.value = self._restored
        return self.value

    def flush(self) -> bool:
        if self._stream is None or self._block is None:
            return False
        rest = self._stream.flush()
        self._restored += rest
        # The complete arguments restored whole (JSON-aware, the tool's policy) are what the tool
        # runs with; the streamed text is kept when it decodes to the same values.
        whole = self._incoming.tool_kwargs(self._block.model_copy(update={"tool_kwargs": self._seen}))
        self.value = self._restored if _same_json(self._restored, whole) else whole
        return bool(rest) or self.value != self._restored


def _same_json(a: str, b: Any) -> bool:
    try:
        return json.loads(a) == (json.loads(b) if isinstance(b, str) else b)
    except ValueError:
        return a == b
