"""Offline stand-in for a cloud chat model, shared by the LangChain examples.

Replace `ScriptedCloudModel(...)` by a real model (`ChatOpenAI(model="gpt-4o-mini")`,
`ChatAnthropic(...)`, ...) and the examples work unchanged. The stand-in computes its answer from
the messages it receives, so what it writes contains exactly the surrogates the cloud would see.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool

from langchain_pseudonym import LeakAudit


class ScriptedCloudModel(BaseChatModel):
    """A chat model whose answer is `reply(messages)`; streams word by word."""

    reply: Callable[[list[BaseMessage]], AIMessage]

    @property
    def _llm_type(self) -> str:
        return "scripted-cloud"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self.reply(messages))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        answer = self.reply(messages)
        words = answer.text.split(" ")
        for n, word in enumerate(words):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word if n == len(words) - 1 else word + " "))
        for i, call in enumerate(answer.tool_calls):
            yield ChatGenerationChunk(
                message=AIMessageChunk(
                    content="",
                    tool_call_chunks=[
                        {
                            "type": "tool_call_chunk",
                            "name": call["name"],
                            "id": call["id"],
                            "index": i,
                            "args": json.dumps(call["args"]),
                        }
                    ],
                )
            )

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)


def print_cloud_view(audit: LeakAudit) -> None:
    """Show what left the machine: every message of every call the cloud model received."""
    print("=== What the cloud model saw ===")
    for n, record in enumerate(audit.records, 1):
        print(f"--- call {n} ---")
        for message in record.messages:
            text = message.text.strip()
            if text:
                print(f"[{message.type}] {text}")
            for call in getattr(message, "tool_calls", []):
                print(f"[{message.type} tool call] {call['name']}({call['args']})")
        if record.response is not None:
            answer = record.response.generations[0][0]
            reply = answer.text.strip()
            calls = getattr(getattr(answer, "message", None), "tool_calls", [])
            print(f"[cloud answered] {reply or calls}")
