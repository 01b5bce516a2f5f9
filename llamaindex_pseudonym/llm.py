"""`PseudonymizedLLM`: any LlamaIndex `LLM` behind a pseudonymization boundary.

Everything that goes down to the wrapped model is pseudonymized with one session, everything that
comes back up is restored with the same session. The wrapper subclasses `LLM` rather than
`CustomLLM` so that `chat` stays `chat` (a `CustomLLM` would flatten messages into one prompt) and
the inner model keeps its own chat template, tokenizer and callbacks.
"""

from __future__ import annotations

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
    TextBlock,
    ThinkingBlock,
    ToolCallBlock,
)
from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.llms.llm import LLM

from llamaindex_pseudonym._transform import (
    apseudonymize_texts,
    pseudonymize_texts,
    restore_texts,
)

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, Session

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
    """

    llm: LLM = Field(description="The wrapped (cloud) model; it only ever sees pseudonymized text.")
    allow_non_text_blocks: bool = Field(
        default=False,
        description="Pass image/audio/video/document blocks through unchanged instead of raising.",
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
        **kwargs: Any,
    ) -> None:
        for name in _PROMPT_SETTINGS:
            kwargs.setdefault(name, getattr(llm, name, None))
        kwargs.setdefault("callback_manager", llm.callback_manager)
        super().__init__(llm=llm, allow_non_text_blocks=allow_non_text_blocks, **kwargs)
        self._pseudonymizer = pseudonymizer
        self._session = session if session is not None else pseudonymizer.session()

    @classmethod
    def class_name(cls) -> str:
        return "PseudonymizedLLM"

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

        `is_function_calling_model` is reported as False: this wrapper is a plain `LLM`, and an agent
        that trusted the flag would call tool-calling methods it does not have.
        """
        return self.llm.metadata.model_copy(update={"is_function_calling_model": False})

    # -- outbound: pseudonymize -------------------------------------------------------------

    def _check_blocks(self, messages: Sequence[ChatMessage]) -> None:
        if self.allow_non_text_blocks:
            return
        for message in messages:
            for block in message.blocks:
                if not isinstance(block, TextBlock | ThinkingBlock | ToolCallBlock):
                    raise UnsupportedContentError(
                        f"a {message.role.value} message holds a {type(block).__name__}, which cannot be "
                        "pseudonymized; remove it or pass allow_non_text_blocks=True to send it unchanged"
                    )

    def _pseudonymize_messages(self, messages: Sequence[ChatMessage]) -> list[ChatMessage]:
        self._check_blocks(messages)
        slots = _MessageSlots(messages)
        return slots.rebuild(pseudonymize_texts(self._pseudonymizer, self._session, slots.texts), self)

    async def _apseudonymize_messages(self, messages: Sequence[ChatMessage]) -> list[ChatMessage]:
        self._check_blocks(messages)
        slots = _MessageSlots(messages)
        texts = await apseudonymize_texts(self._pseudonymizer, self._session, slots.texts)
        return slots.rebuild(texts, self)

    def _pseudonymize(self, text: str) -> str:
        return pseudonymize_texts(self._pseudonymizer, self._session, [text])[0]

    async def _apseudonymize(self, text: str) -> str:
        return (await apseudonymize_texts(self._pseudonymizer, self._session, [text]))[0]

    # -- inbound: restore -------------------------------------------------------------------

    def _restore(self, text: str) -> str:
        return restore_texts(self._pseudonymizer, self._session, [text])[0]

    def _restore_message(self, message: ChatMessage, text: str | None = None) -> ChatMessage:
        """Restore every text-bearing part; `text`, when given, replaces the text blocks (streams)."""
        blocks: list[Any] = []
        text_done = False
        for block in message.blocks:
            if isinstance(block, TextBlock):
                if text is None:
                    blocks.append(block.model_copy(update={"text": self._restore(block.text)}))
                elif not text_done:
                    blocks.append(TextBlock(text=text))
                    text_done = True
            elif isinstance(block, ThinkingBlock) and block.content:
                blocks.append(block.model_copy(update={"content": self._restore(block.content)}))
            elif isinstance(block, ToolCallBlock):
                kwargs = self._pseudonymizer.restore_obj(block.tool_kwargs, session=self._session)
                blocks.append(block.model_copy(update={"tool_kwargs": kwargs}))
            else:
                blocks.append(block)
        if text is not None and not text_done:
            blocks.insert(0, TextBlock(text=text))
        return message.model_copy(update={"blocks": blocks})

    def _restore_completion(self, response: CompletionResponse) -> CompletionResponse:
        return response.model_copy(update={"text": self._restore(response.text), "delta": None})

    def _restore_chat(self, response: ChatResponse) -> ChatResponse:
        return response.model_copy(update={"message": self._restore_message(response.message), "delta": None})

    # -- the LLM interface ------------------------------------------------------------------

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        response = self.llm.complete(self._pseudonymize(prompt), formatted=formatted, **kwargs)
        return self._restore_completion(response)

    async def acomplete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        response = await self.llm.acomplete(await self._apseudonymize(prompt), formatted=formatted, **kwargs)
        return self._restore_completion(response)

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        return self._restore_chat(self.llm.chat(self._pseudonymize_messages(messages), **kwargs))

    async def achat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        response = await self.llm.achat(await self._apseudonymize_messages(messages), **kwargs)
        return self._restore_chat(response)

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        inner = self.llm.stream_complete(self._pseudonymize(prompt), formatted=formatted, **kwargs)
        return self._restore_completion_stream(inner)

    async def astream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseAsyncGen:
        pseudonymized = await self._apseudonymize(prompt)
        inner = await self.llm.astream_complete(pseudonymized, formatted=formatted, **kwargs)
        return self._arestore_completion_stream(inner)

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        inner = self.llm.stream_chat(self._pseudonymize_messages(messages), **kwargs)
        return self._restore_chat_stream(inner)

    async def astream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseAsyncGen:
        inner = await self.llm.astream_chat(await self._apseudonymize_messages(messages), **kwargs)
        return self._arestore_chat_stream(inner)

    # -- streams ----------------------------------------------------------------------------
    # LlamaIndex chunks carry a `delta` and a cumulative `text`/`message`. Some models (MockLLM among
    # them) put the whole answer in `text` of every chunk, so the delta is the source of truth and
    # the cumulative text is rebuilt from restored deltas; only when a model sends no delta is one
    # derived from the growth of its cumulative text.

    def _restore_completion_stream(self, inner: Iterator[CompletionResponse]) -> CompletionResponseGen:
        state = _StreamState(self._session)
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
        state = _StreamState(self._session)
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
        state = _StreamState(self._session)
        last: ChatResponse | None = None
        for chunk in inner:
            last = chunk
            piece = state.feed(chunk.delta, chunk.message.content or "")
            if piece or not state.had_text:
                yield self._chat_chunk(chunk, state.text, piece)
        rest = state.flush()
        if rest or last is None:
            yield self._final_chat_chunk(last, state.text, rest)

    async def _arestore_chat_stream(self, inner: AsyncIterator[ChatResponse]) -> ChatResponseAsyncGen:
        state = _StreamState(self._session)
        last: ChatResponse | None = None
        async for chunk in inner:
            last = chunk
            piece = state.feed(chunk.delta, chunk.message.content or "")
            if piece or not state.had_text:
                yield self._chat_chunk(chunk, state.text, piece)
        rest = state.flush()
        if rest or last is None:
            yield self._final_chat_chunk(last, state.text, rest)

    def _chat_chunk(self, chunk: ChatResponse, text: str, piece: str) -> ChatResponse:
        message = self._restore_message(chunk.message, text)
        return chunk.model_copy(update={"message": message, "delta": piece})

    def _final_chat_chunk(self, last: ChatResponse | None, text: str, rest: str) -> ChatResponse:
        if last is None:
            return ChatResponse(message=ChatMessage(role="assistant", content=text), delta=rest)
        return self._chat_chunk(last, text, rest)


class _StreamState:
    """Incremental restore of one streamed answer; keeps the restored cumulative text."""

    def __init__(self, session: Session) -> None:
        self._restorer = session.stream_restorer()
        self._seen = ""  # cumulative *pseudonymized* text, only used when the model sends no delta
        self.text = ""
        self.had_text = False  # whether the last chunk carried text (else it is forwarded at once)

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


class _MessageSlots:
    """Every pseudonymizable string of a message list, flattened so one batched call covers them.

    One batch per call keeps detection context-free of call order and lets the core reuse its
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

    def rebuild(self, texts: list[str], owner: PseudonymizedLLM) -> list[ChatMessage]:
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
                    p, s = owner.pseudonymizer, owner.session
                    kwargs = p.pseudonymize_obj(p.restore_obj(block.tool_kwargs, session=s), session=s)
                    blocks.append(block.model_copy(update={"tool_kwargs": kwargs}))
                else:
                    blocks.append(block)
            out.append(message.model_copy(update={"blocks": blocks}))
        return out
