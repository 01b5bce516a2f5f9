"""`PseudonymizedLLM`: any LlamaIndex `LLM` behind a pseudonymization boundary.

Everything that goes down to the wrapped model is pseudonymized with one session, everything that
comes back up is restored with the same session. The wrapper subclasses `LLM` rather than
`CustomLLM` so that `chat` stays `chat` (a `CustomLLM` would flatten messages into one prompt) and
the inner model keeps its own chat template, tokenizer and callbacks.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseAsyncGen,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseAsyncGen,
    CompletionResponseGen,
    LLMMetadata,
)
from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.llms.function_calling import FunctionCallingLLM
from llama_index.core.llms.llm import LLM

from llamaindex_pseudonym._messages import TEXT_BLOCKS, Incoming, OutgoingMessages, StreamState, guard_messages
from llamaindex_pseudonym._transform import apseudonymize_texts, guard, pseudonymize_texts

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, RestorePolicy, Session

# Settings of `LLM` that shape how `predict`/`stream` build the prompt *before* `chat`/`complete`
# is called. They live on the object whose `predict` runs (the wrapper), so they are copied from
# the inner model; otherwise wrapping would silently drop a user's system prompt or template.
_PROMPT_SETTINGS = (
    "system_prompt",
    "messages_to_prompt",
    "completion_to_prompt",
    "output_parser",
    "pydantic_program_mode",
    "query_wrapper_prompt",
)


class UnsupportedContentError(ValueError):
    """A message holds content (image, audio, document, …) that cannot be pseudonymized.

    Sending it unchanged could leak personal data that the text detector never saw, so the wrapper
    refuses unless the caller opts in with `allow_non_text_blocks=True`.
    """


class PseudonymizedLLM(LLM):
    """Wraps a cloud `LLM` so that it only ever receives surrogates and its answers get originals back.

    Share the session with a `PseudonymizingNodePostprocessor` (or build both with `PrivateRAG`) so
    that a person named in a retrieved chunk and in the user's question gets the same surrogate.

    Wrapping a `FunctionCallingLLM` (OpenAI, Anthropic, …) gives a `PseudonymizedFunctionCallingLLM`,
    itself a `FunctionCallingLLM`, so `FunctionAgent`, `AgentWorkflow` and function-calling
    programs use native tool calling through the wrapper.
    """

    def __new__(cls, llm: LLM | None = None, *args: Any, **kwargs: Any) -> PseudonymizedLLM:
        # Chosen here rather than by a factory so that `PseudonymizedLLM(OpenAI(...), p)` keeps
        # working and `isinstance(wrapper, FunctionCallingLLM)` answers like the inner model.
        if cls is PseudonymizedLLM and isinstance(llm, FunctionCallingLLM):
            from llamaindex_pseudonym.function_calling import PseudonymizedFunctionCallingLLM

            cls = PseudonymizedFunctionCallingLLM
        return super().__new__(cls)

    llm: LLM = Field(description="The wrapped (cloud) model; it only ever sees pseudonymized text.")
    allow_non_text_blocks: bool = Field(
        default=False,
        description="Pass image/audio/video/document blocks through unchanged instead of raising.",
    )
    restore_policy: Any = Field(
        default=None,
        exclude=True,
        description="A pseudonym_core RestorePolicy for answers and tool arguments; None: the pseudonymizer's.",
    )
    strict_guard: bool = Field(
        default=False,
        description="Raise LeakError instead of masking when the outgoing guard finds an original.",
    )

    _pseudonymizer: Pseudonymizer = PrivateAttr()
    _session: Session = PrivateAttr()

    def __init__(
        self,
        llm: LLM,
        pseudonymizer: Pseudonymizer,
        session: Session | None = None,
        *,
        allow_non_text_blocks: bool = False,
        restore_policy: RestorePolicy | None = None,
        strict_guard: bool = False,
        **kwargs: Any,
    ) -> None:
        for name in _PROMPT_SETTINGS:
            kwargs.setdefault(name, getattr(llm, name, None))
        kwargs.setdefault("callback_manager", llm.callback_manager)
        super().__init__(
            llm=llm,
            allow_non_text_blocks=allow_non_text_blocks,
            restore_policy=restore_policy,
            strict_guard=strict_guard,
            **kwargs,
        )
        self._pseudonymizer = pseudonymizer
        self._session = session if session is not None else pseudonymizer.session()

    @classmethod
    def class_name(cls) -> str:
        return "PseudonymizedLLM"

    def __deepcopy__(self, memo: dict[int, Any]) -> PseudonymizedLLM:
        """A copy continues the same conversation: pseudonymizer and session are shared, not copied
        (a session holds a lock and its vault; a copied session would fork the mapping)."""
        return self.model_copy(update={"llm": copy.deepcopy(self.llm, memo)})

    @property
    def session(self) -> Session:
        """The session holding this conversation's mapping (share it, never swap it mid-conversation)."""
        return self._session

    @property
    def pseudonymizer(self) -> Pseudonymizer:
        return self._pseudonymizer

    @property
    def metadata(self) -> LLMMetadata:
        """The inner model's metadata, so synthesizers pack context and pick templates as without us.

        `is_function_calling_model` mirrors the inner model only on the function-calling subclass: a
        plain wrapper has no tool-calling methods, and an agent that trusted the flag would call them.
        """
        fc = isinstance(self, FunctionCallingLLM) and self.llm.metadata.is_function_calling_model
        return self.llm.metadata.model_copy(update={"is_function_calling_model": fc})

    # -- outbound: pseudonymize -------------------------------------------------------------

    def _check_blocks(self, messages: Sequence[ChatMessage]) -> None:
        if self.allow_non_text_blocks:
            return
        for message in messages:
            for block in message.blocks:
                if not isinstance(block, TEXT_BLOCKS):
                    raise UnsupportedContentError(
                        f"a {message.role.value} message holds a {type(block).__name__}, which cannot be "
                        "pseudonymized; remove it or pass allow_non_text_blocks=True to send it unchanged"
                    )

    # Every payload passes the outgoing guard last, with the call's other arguments (tool schemas,
    # response formats): what it hands the inner model is exactly what that model serializes.

    def _guard(self, payload: Any) -> Any:
        return guard(self._pseudonymizer, self._session, payload, self.strict_guard)

    def _guarded(self, messages: list[ChatMessage], kwargs: dict[str, Any]) -> tuple[list[ChatMessage], dict[str, Any]]:
        return guard_messages(messages, self._guard), self._guard(kwargs)

    def _pseudonymize_messages(
        self, messages: Sequence[ChatMessage], kwargs: dict[str, Any]
    ) -> tuple[list[ChatMessage], dict[str, Any]]:
        self._check_blocks(messages)
        slots = OutgoingMessages(messages)
        texts = pseudonymize_texts(self._pseudonymizer, self._session, slots.texts)
        return self._guarded(slots.rebuild(texts, self._pseudonymizer, self._session), kwargs)

    async def _apseudonymize_messages(
        self, messages: Sequence[ChatMessage], kwargs: dict[str, Any]
    ) -> tuple[list[ChatMessage], dict[str, Any]]:
        self._check_blocks(messages)
        slots = OutgoingMessages(messages)
        texts = await apseudonymize_texts(self._pseudonymizer, self._session, slots.texts)
        return self._guarded(slots.rebuild(texts, self._pseudonymizer, self._session), kwargs)

    def _pseudonymize(self, text: str, kwargs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        prompt = pseudonymize_texts(self._pseudonymizer, self._session, [text])[0]
        return self._guard(prompt), self._guard(kwargs)

    async def _apseudonymize(self, text: str, kwargs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        prompt = (await apseudonymize_texts(self._pseudonymizer, self._session, [text]))[0]
        return self._guard(prompt), self._guard(kwargs)

    # -- inbound: restore -------------------------------------------------------------------

    @property
    def _incoming(self) -> Incoming:
        return Incoming(self._pseudonymizer, self._session, self.restore_policy)

    def _restore(self, text: str) -> str:
        return self._incoming.text(text)

    def _restore_message(self, message: ChatMessage) -> ChatMessage:
        return self._incoming.message(message)

    def _restore_completion(self, response: CompletionResponse) -> CompletionResponse:
        return response.model_copy(update={"text": self._restore(response.text), "delta": None})

    def _restore_chat(self, response: ChatResponse) -> ChatResponse:
        return response.model_copy(update={"message": self._restore_message(response.message), "delta": None})

    # -- the LLM interface ------------------------------------------------------------------

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        prompt, kwargs = self._pseudonymize(prompt, kwargs)
        return self._restore_completion(self.llm.complete(prompt, formatted=formatted, **kwargs))

    async def acomplete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        prompt, kwargs = await self._apseudonymize(prompt, kwargs)
        return self._restore_completion(await self.llm.acomplete(prompt, formatted=formatted, **kwargs))

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        outgoing, kwargs = self._pseudonymize_messages(messages, kwargs)
        return self._restore_chat(self.llm.chat(outgoing, **kwargs))

    async def achat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        outgoing, kwargs = await self._apseudonymize_messages(messages, kwargs)
        return self._restore_chat(await self.llm.achat(outgoing, **kwargs))

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        prompt, kwargs = self._pseudonymize(prompt, kwargs)
        return self._restore_completion_stream(self.llm.stream_complete(prompt, formatted=formatted, **kwargs))

    async def astream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseAsyncGen:
        prompt, kwargs = await self._apseudonymize(prompt, kwargs)
        inner = await self.llm.astream_complete(prompt, formatted=formatted, **kwargs)
        return self._arestore_completion_stream(inner)

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        outgoing, kwargs = self._pseudonymize_messages(messages, kwargs)
        return self._restore_chat_stream(self.llm.stream_chat(outgoing, **kwargs))

    async def astream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseAsyncGen:
        outgoing, kwargs = await self._apseudonymize_messages(messages, kwargs)
        return self._arestore_chat_stream(await self.llm.astream_chat(outgoing, **kwargs))

    # -- streams ----------------------------------------------------------------------------
    # LlamaIndex chunks carry a `delta` and a cumulative `text`/`message`. Some models (MockLLM among
    # them) put the whole answer in `text` of every chunk, so the delta is the source of truth and
    # the cumulative text is rebuilt from restored deltas; only when a model sends no delta is one
    # derived from the growth of its cumulative text.

    def _restore_completion_stream(self, inner: Iterator[CompletionResponse]) -> CompletionResponseGen:
        state = StreamState(self._incoming)
        last: CompletionResponse | None = None
        for chunk in inner:
            last = chunk
            piece = state.feed(chunk.delta, chunk.text)
            if piece or not state.had_text:
                yield chunk.model_copy(update={"text": state.text, "delta": piece})
        rest = state.flush()
        if rest or last is None:
            yield CompletionResponse(text=state.text, delta=rest, raw=None if last is None else last.raw)

    async def _arestore_completion_stream(self, inner: AsyncIterator[CompletionResponse]) -> CompletionResponseAsyncGen:
        state = StreamState(self._incoming)
        last: CompletionResponse | None = None
        async for chunk in inner:
            last = chunk
            piece = state.feed(chunk.delta, chunk.text)
            if piece or not state.had_text:
                yield chunk.model_copy(update={"text": state.text, "delta": piece})
        rest = state.flush()
        if rest or last is None:
            yield CompletionResponse(text=state.text, delta=rest, raw=None if last is None else last.raw)

    def _restore_chat_stream(self, inner: Iterator[ChatResponse]) -> ChatResponseGen:
        state = StreamState(self._incoming)
        last: ChatResponse | None = None
        for chunk in inner:
            last = chunk
            out = self._next_chat_chunk(chunk, state)
            if out is not None:
                yield out
        rest = state.flush()
        thought = state.thinking.flush()
        if state.flush_tools() or rest or thought or last is None:
            yield self._final_chat_chunk(last, state, rest, thought)

    async def _arestore_chat_stream(self, inner: AsyncIterator[ChatResponse]) -> ChatResponseAsyncGen:
        state = StreamState(self._incoming)
        last: ChatResponse | None = None
        async for chunk in inner:
            last = chunk
            out = self._next_chat_chunk(chunk, state)
            if out is not None:
                yield out
        rest = state.flush()
        thought = state.thinking.flush()
        if state.flush_tools() or rest or thought or last is None:
            yield self._final_chat_chunk(last, state, rest, thought)

    def _next_chat_chunk(self, chunk: ChatResponse, state: StreamState) -> ChatResponse | None:
        piece = state.feed(chunk.delta, chunk.message.content or "")
        calls = state.tool_kwargs(chunk.message)
        extra = state.thinking.feed(chunk.additional_kwargs)
        if piece or calls or state.thinking.piece or not (state.had_text or state.thinking.had):
            return self._chat_chunk(chunk, state, piece, calls, extra)
        return None

    def _chat_chunk(
        self, chunk: ChatResponse, state: StreamState, piece: str, calls: list[Any], extra: dict[str, Any]
    ) -> ChatResponse:
        thinking = state.thinking.text if state.thinking.active else None
        message = self._incoming.message(chunk.message, state.text, calls, thinking)
        return chunk.model_copy(update={"message": message, "delta": piece, "additional_kwargs": extra})

    def _final_chat_chunk(self, last: ChatResponse | None, state: StreamState, rest: str, thought: str) -> ChatResponse:
        """The held-back tails, and the complete tool calls (agents act on the last chunk only)."""
        if last is None:
            return ChatResponse(message=ChatMessage(role="assistant", content=state.text), delta=rest)
        extra = last.additional_kwargs
        if state.thinking.active:
            extra = {**extra, "thinking_delta": thought}
        return self._chat_chunk(last, state, rest, state.final_tool_kwargs(), extra)
