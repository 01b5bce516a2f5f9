"""`PseudonymizedFunctionCallingLLM`: native tool calling through the pseudonymization boundary.

`PseudonymizedLLM(inner, p)` returns one of these whenever `inner` is a `FunctionCallingLLM`.
LlamaIndex's tool-calling flow is `_prepare_chat_with_tools` (the provider formats the tool
schemas and the messages into chat kwargs) → `chat`/`achat`/`stream_chat`/`astream_chat` →
`get_tool_calls_from_response`. The provider-specific first and last steps are delegated to the
inner model; the middle one is the wrapper's own chat, which pseudonymizes every message (tool
results included) and restores the answer, tool-call arguments included, streamed or not. Tools
therefore run with the real values, and the cloud model only ever sees surrogates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from llama_index.core.base.llms.types import ChatMessage, ChatResponse
from llama_index.core.llms.function_calling import FunctionCallingLLM
from llama_index.core.llms.llm import ToolSelection

from llamaindex_pseudonym.llm import PseudonymizedLLM

if TYPE_CHECKING:
    from llama_index.core.tools.types import BaseTool


class PseudonymizedFunctionCallingLLM(PseudonymizedLLM, FunctionCallingLLM):
    """A `PseudonymizedLLM` around a `FunctionCallingLLM`; build it as `PseudonymizedLLM(inner, p)`.

    `chat_with_tools`, `achat_with_tools`, `stream_chat_with_tools`, `astream_chat_with_tools`,
    `predict_and_call` and `apredict_and_call` are LlamaIndex's own implementations, running on the
    methods below; `metadata.is_function_calling_model` is the inner model's.
    """

    llm: FunctionCallingLLM

    @classmethod
    def class_name(cls) -> str:
        return "PseudonymizedFunctionCallingLLM"

    def _prepare_chat_with_tools(
        self,
        tools: Sequence[BaseTool],
        user_msg: str | ChatMessage | None = None,
        chat_history: list[ChatMessage] | None = None,
        verbose: bool = False,
        allow_parallel_tool_calls: bool = False,
        tool_required: bool = False,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """The inner model's chat kwargs (its tool-schema format, tool_choice, …), still with real text.

        They are passed to this wrapper's `chat`, which pseudonymizes the messages before the inner
        model sends them. The caller's history list is copied: some providers append to it.
        """
        return self.llm._prepare_chat_with_tools_compat(
            tools,
            user_msg=user_msg,
            chat_history=list(chat_history) if chat_history is not None else None,
            verbose=verbose,
            allow_parallel_tool_calls=allow_parallel_tool_calls,
            tool_required=tool_required,
            **kwargs,
        )

    def _validate_chat_with_tools_response(
        self,
        response: ChatResponse,
        tools: Sequence[BaseTool],
        allow_parallel_tool_calls: bool = False,
        **kwargs: Any,
    ) -> ChatResponse:
        return self.llm._validate_chat_with_tools_response(
            response, tools, allow_parallel_tool_calls=allow_parallel_tool_calls, **kwargs
        )

    def get_tool_calls_from_response(
        self, response: ChatResponse, error_on_no_tool_call: bool = True, **kwargs: Any
    ) -> list[ToolSelection]:
        """The inner model's parsing, on the restored response: selections carry real values."""
        return self.llm.get_tool_calls_from_response(response, error_on_no_tool_call=error_on_no_tool_call, **kwargs)
