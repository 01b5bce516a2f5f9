"""Stand-ins for the remote cloud model, plus the shared Pseudonymizer.

`ScriptedChatModel` is a real LangChain `BaseChatModel` (tool binding, streaming with small
chunks, usage metadata). It replaces only the network model: what it answers is computed from the
messages it receives, so tests see exactly the surrogates the cloud would see.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

os.environ.setdefault("HF_HUB_OFFLINE", "1")

USAGE = {"input_tokens": 11, "output_tokens": 7, "total_tokens": 18}
RESPONSE_METADATA = {"model_name": "cloud-model-1", "finish_reason": "stop"}


_ENGINE: list[Any] = []


def use_pseudonymizer(pseudonymizer: Any) -> None:
    """Share the test run's engine (tests/conftest.py) instead of loading a second one."""
    _ENGINE[:] = [pseudonymizer]


def shared_pseudonymizer() -> Any:
    """One engine per test process: it loads spaCy, which takes seconds."""
    if not _ENGINE:
        from pseudonym_core import Pseudonymizer

        _ENGINE.append(Pseudonymizer())
    return _ENGINE[0]


def last_text(messages: Sequence[BaseMessage], kind: type[BaseMessage] = HumanMessage) -> str:
    """Text of the last message of `kind` (string content or text blocks)."""
    for message in reversed(messages):
        if isinstance(message, kind):
            return message.text
    return ""


def parrot(messages: Sequence[BaseMessage]) -> AIMessage:
    """Answer with the last human text verbatim: restoring it must give back the original."""
    return AIMessage(content=last_text(messages))


class ScriptedChatModel(BaseChatModel):
    """A chat model whose answer is `respond(messages)`; records what it was sent."""

    respond: Callable[[list[BaseMessage]], AIMessage] = parrot
    chunk_size: int = 3
    """Streaming chunk size in characters: small, so surrogates are split across chunks."""
    seen: list[list[BaseMessage]] = Field(default_factory=list)
    seen_kwargs: list[dict[str, Any]] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)
    """'in' per streamed chunk, in order; consumers may append 'out' to prove interleaving."""

    @property
    def _llm_type(self) -> str:
        return "scripted-cloud"

    def _answer(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> AIMessage:
        self.seen.append(list(messages))
        self.seen_kwargs.append(dict(kwargs))
        answer = self.respond(list(messages))
        return answer.model_copy(update={"usage_metadata": USAGE, "response_metadata": dict(RESPONSE_METADATA)})

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._answer(messages, kwargs))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        answer = self._answer(messages, kwargs)
        text = answer.content if isinstance(answer.content, str) else answer.text
        n = self.chunk_size
        for i in range(0, len(text), n):
            self.events.append("in")
            yield ChatGenerationChunk(message=AIMessageChunk(content=text[i : i + n]))
        for index, call in enumerate(answer.tool_calls):
            args = json.dumps(call["args"])
            for j in range(0, len(args), n):
                first = j == 0
                self.events.append("in")
                yield ChatGenerationChunk(
                    message=AIMessageChunk(
                        content="",
                        tool_call_chunks=[
                            {
                                "type": "tool_call_chunk",
                                "name": call["name"] if first else None,
                                "id": call["id"] if first else None,
                                "args": args[j : j + n],
                                "index": index,
                            }
                        ],
                    )
                )
        yield ChatGenerationChunk(
            message=AIMessageChunk(
                content="",
                usage_metadata=USAGE,  # type: ignore[arg-type]
                response_metadata=dict(RESPONSE_METADATA),
                chunk_position="last",
            )
        )

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        formatted = [convert_to_openai_tool(t) for t in tools]
        if tool_choice is not None:
            kwargs["tool_choice"] = tool_choice
        return self.bind(tools=formatted, **kwargs)


def all_sent_text(model: ScriptedChatModel) -> str:
    """Everything the scripted cloud received, flattened (contents, blocks, tool args, kwargs)."""
    return "\n".join(_flatten([model.seen, model.seen_kwargs]))


def _flatten(value: Any) -> Iterator[str]:
    # Independent of LeakAudit on purpose: the tests check the audit against this ground truth.
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseMessage):
        yield from _flatten(value.model_dump())
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _flatten(k)
            yield from _flatten(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _flatten(v)


def leaked(text: str, originals: Sequence[str]) -> list[int]:
    """Indexes of originals present in `text` (word-bounded, any case); indexes, not text."""
    import regex

    return [
        i
        for i, o in enumerate(originals)
        if regex.search(r"(?<!\w)" + regex.escape(o) + r"(?!\w)", text, regex.IGNORECASE)
    ]


__all__ = [
    "RESPONSE_METADATA",
    "USAGE",
    "ScriptedChatModel",
    "ToolMessage",
    "all_sent_text",
    "last_text",
    "leaked",
    "parrot",
    "shared_pseudonymizer",
]
