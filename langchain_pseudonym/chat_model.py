"""A chat model wrapper that lets any LangChain chat model work on pseudonymized data."""

from __future__ import annotations

import threading
import warnings
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from langchain_core.caches import BaseCache
from langchain_core.callbacks import (
    AsyncCallbackManager,
    AsyncCallbackManagerForLLMRun,
    BaseCallbackManager,
    CallbackManager,
    CallbackManagerForLLMRun,
)
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.language_models.base import LangSmithParams
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable, RunnableBinding, RunnableConfig, RunnableLambda
from langchain_core.runnables.config import run_in_executor
from langchain_core.tools import BaseTool
from pydantic import ConfigDict, Field, PrivateAttr, model_validator

from langchain_pseudonym._convert import (
    ChunkRestorer,
    map_message,
    map_messages,
    map_value,
    pseudonymize_ops,
    restore_ops,
)
from langchain_pseudonym._guard import bound_call_arguments, guard_ops
from langchain_pseudonym._session import DEFAULT_SESSION_KEY, resolve_session

if TYPE_CHECKING:
    from pseudonym_core import Session

# Private call kwarg that carries the session from the public entry points (which see the
# RunnableConfig) down to _generate/_stream (which do not). It is removed before anything is
# traced, cached or forwarded.
_SESSION_KWARG = "__pseudonym_session__"

# Client settings that belong to the wrapped model. Generic code (LangChain's standard tests,
# init_chat_model-style factories) passes them to every chat model, so they are accepted, but a
# user who sets them here would otherwise believe they took effect.
_INNER_MODEL_SETTINGS = ("temperature", "max_tokens", "timeout", "max_retries", "api_key", "top_p", "model")

# Tag for the inner call. LangGraph's `stream_mode="messages"` skips runs tagged "nostream": the
# inner run streams surrogates, and the user-facing stream must carry only restored tokens.
_INNER_TAG = "nostream"


class PseudonymizedChatModel(BaseChatModel):
    """Wraps a chat model so that it only ever sees pseudonymized messages.

    Personal data in every outgoing message (system, human, AI history including tool-call
    arguments, tool results) is replaced by consistent surrogates of one session before the inner
    model is called; the answer, streamed or not, comes back with the originals restored, so
    tools receive real values and users read real names.

    Example:
        ```python
        p = Pseudonymizer()
        llm = PseudonymizedChatModel(llm=ChatOpenAI(model="gpt-4o-mini"), pseudonymizer=p)
        llm.invoke("Write a short note to John Smith about his appointment.")
        ```

    For many users on one object, name the session per call with
    `config={"configurable": {"session_id": user_id}}`; add `vault=SQLiteVault(path)` to persist
    the mappings (and to make a call that names no session an error instead of a shared fallback).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    llm: BaseChatModel
    """The chat model that receives pseudonymized messages (typically a remote cloud model)."""
    pseudonymizer: Any = Field(repr=False)
    """A shared `pseudonym_core.Pseudonymizer`; create it once, it loads the detection models."""
    session: Any = Field(default=None, repr=False)
    """Session for calls that name none. Without it (and without `vault`), a private session is
    created on first use and kept for the lifetime of this object."""
    vault: Any = Field(default=None, repr=False)
    """Vault for sessions named per call via `config["configurable"][session_key]`."""
    session_key: str = DEFAULT_SESSION_KEY
    """The `configurable` key that names the session of a call."""
    streaming: bool | None = None
    """When True, `invoke` streams from the inner model (standard LangChain chat model flag)."""
    restore_policy: Any = Field(default=None, repr=False)
    """A `pseudonym_core.RestorePolicy` for answers and tool-call arguments (which contexts keep
    their surrogates, which tools may receive originals); None: the pseudonymizer's configured one."""
    strict_guard: bool = False
    """The outgoing guard re-checks every payload for originals the session knows right before the
    inner model is called; it masks them, or with `strict_guard=True` raises `LeakError`."""
    cache: BaseCache | bool | None = Field(default=False, exclude=True)
    """Off by default: the wrapper's results contain the restored originals, which must not end up
    in a shared LLM cache. Caching belongs on the inner model, which only sees surrogates."""

    _default_session: Any = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)

    @model_validator(mode="before")
    @classmethod
    def _warn_on_inner_settings(cls, data: Any) -> Any:
        if isinstance(data, dict):
            ignored = sorted(k for k in _INNER_MODEL_SETTINGS if data.get(k) not in (None, [], ""))
            if ignored:
                warnings.warn(
                    f"PseudonymizedChatModel ignores {', '.join(ignored)}: set them on the wrapped "
                    "model (llm=...), which is called with the caller's arguments unchanged.",
                    UserWarning,
                    stacklevel=4,
                )
        return data

    @property
    def _call_default_session(self) -> Session | None:
        """The session for calls that name none: the constructor's, or a private one.

        The private one is created on first use, not at construction, so that wrappers built and
        thrown away (factories, LangChain's own tests) leave no sessions in the vault. With a vault
        there is no private fallback: every call must name its session.
        """
        if self.session is not None or self.vault is not None:
            return self.session
        with self._lock:
            if self._default_session is None:
                self._default_session = self.pseudonymizer.session()
            return self._default_session

    # ------------------------------------------------------------------ LangChain plumbing

    @property
    def _llm_type(self) -> str:
        return f"pseudonymized-{self.llm._llm_type}"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"llm": self.llm._llm_type, **self.llm._identifying_params}

    def _get_invocation_params(self, stop: list[str] | None = None, **kwargs: Any) -> dict[str, Any]:
        kwargs.pop(_SESSION_KWARG, None)
        return super()._get_invocation_params(stop=stop, **kwargs)

    def _get_ls_params(self, stop: list[str] | None = None, **kwargs: Any) -> LangSmithParams:
        # Traces should name the provider and model that actually answered.
        kwargs.pop(_SESSION_KWARG, None)
        params = self.llm._get_ls_params(stop=stop, **kwargs)
        if not params.get("ls_model_name"):
            params["ls_model_name"] = self.llm._llm_type
        return params

    def _get_llm_string(self, stop: list[str] | None = None, **kwargs: Any) -> str:
        # Only reached when a cache is explicitly enabled: key it by session so that one user's
        # restored answer is never served to another.
        session = kwargs.pop(_SESSION_KWARG, None)
        return super()._get_llm_string(stop=stop, **kwargs) + f"---session={getattr(session, 'id', '')}"

    # ------------------------------------------------------------ session per call

    def _session_for(self, config: RunnableConfig | None) -> Session:
        named = ((config or {}).get("configurable") or {}).get(self.session_key) is not None
        return resolve_session(
            self.pseudonymizer,
            session=self.session if named else self._call_default_session,
            vault=self.vault,
            config=config,
            session_key=self.session_key,
        )

    def _take_session(self, kwargs: dict[str, Any]) -> Session:
        session = kwargs.pop(_SESSION_KWARG, None)
        # generate()/agenerate() called directly carry no config: fall back to the default session.
        return session if session is not None else self._session_for(None)

    def invoke(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> AIMessage:
        kwargs[_SESSION_KWARG] = self._session_for(config)
        return super().invoke(input, config, stop=stop, **kwargs)

    async def ainvoke(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> AIMessage:
        kwargs[_SESSION_KWARG] = self._session_for(config)
        return await super().ainvoke(input, config, stop=stop, **kwargs)

    def stream(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> Iterator[AIMessageChunk]:
        kwargs[_SESSION_KWARG] = self._session_for(config)
        yield from super().stream(input, config, stop=stop, **kwargs)

    async def astream(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[AIMessageChunk]:
        kwargs[_SESSION_KWARG] = self._session_for(config)
        async for chunk in super().astream(input, config, stop=stop, **kwargs):
            yield chunk

    # `stream_events(version="v3")` (beta) enters through these instead of stream()/astream().
    def _chat_model_stream_v3(
        self, input: LanguageModelInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Any:
        kwargs[_SESSION_KWARG] = self._session_for(config)
        return super()._chat_model_stream_v3(input, config, **kwargs)

    async def _achat_model_stream_v3(
        self, input: LanguageModelInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Any:
        kwargs[_SESSION_KWARG] = self._session_for(config)
        return await super()._achat_model_stream_v3(input, config, **kwargs)

    # ------------------------------------------------------------ the actual wrapping

    def _outgoing(self, messages: list[BaseMessage], session: Session) -> list[BaseMessage]:
        pseudonymized = map_messages(messages, pseudonymize_ops(self.pseudonymizer, session))
        return map_messages(pseudonymized, guard_ops(self.pseudonymizer, session, self.strict_guard))

    def _guard_kwargs(self, kwargs: dict[str, Any], session: Session) -> dict[str, Any]:
        """Call arguments (tool schemas, tool_choice, response formats) pass the guard too."""
        return self.pseudonymizer.guard(kwargs, session, strict=self.strict_guard) if kwargs else kwargs

    def _restorer(self, session: Session) -> ChunkRestorer:
        return ChunkRestorer(self.pseudonymizer, session, self.restore_policy)

    def _restore_result(self, result: Any, session: Session) -> ChatResult:
        ops = restore_ops(self.pseudonymizer, session, self.restore_policy)
        generations = [
            ChatGeneration(message=map_message(g.message, ops), generation_info=g.generation_info)
            for g in result.generations[0]
        ]
        return ChatResult(generations=generations, llm_output=result.llm_output)

    @staticmethod
    def _inner_callbacks(run_manager: Any, manager_cls: type[BaseCallbackManager] = CallbackManager) -> Any:
        """Callbacks for the inner call, always explicit.

        With a run manager, the inner call becomes a child run of this one (what `get_child` does
        for chains; LLM runs have no such method). Without one (LangChain's streaming paths do not
        pass it to `_stream`), an empty manager stops the inner call from inheriting the ambient
        config's handlers, e.g. LangGraph's message-stream handler, which would otherwise show the
        user the inner model's surrogate tokens. The tag makes the same point for handlers that are
        inherited on purpose.
        """
        manager = manager_cls(handlers=[], parent_run_id=run_manager.run_id if run_manager else None)
        if run_manager is not None:
            manager.set_handlers(run_manager.inheritable_handlers)
            manager.add_tags(run_manager.inheritable_tags)
            manager.add_metadata(run_manager.inheritable_metadata)
        manager.add_tags([_INNER_TAG], inherit=False)
        return manager

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        session = self._take_session(kwargs)
        outgoing = self._outgoing(messages, session)
        kwargs = self._guard_kwargs(kwargs, session)
        result = self.llm.generate([outgoing], stop=stop, callbacks=self._inner_callbacks(run_manager), **kwargs)
        return self._restore_result(result, session)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        session = self._take_session(kwargs)
        # Detection is CPU-bound (spaCy); keep it off the event loop.
        outgoing = await run_in_executor(None, self._outgoing, messages, session)
        kwargs = self._guard_kwargs(kwargs, session)
        result = await self.llm.agenerate(
            [outgoing],
            stop=stop,
            callbacks=self._inner_callbacks(run_manager, AsyncCallbackManager),
            **kwargs,
        )
        return self._restore_result(result, session)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        session = self._take_session(kwargs)
        outgoing = self._outgoing(messages, session)
        kwargs = self._guard_kwargs(kwargs, session)
        restorer = self._restorer(session)
        config: RunnableConfig = {"callbacks": self._inner_callbacks(run_manager)}
        last_id: str | None = None
        for chunk in self.llm.stream(outgoing, config, stop=stop, **kwargs):
            last_id = chunk.id or last_id
            yield ChatGenerationChunk(message=restorer.restore(chunk))
        tail = restorer.flush(last_id)
        if tail is not None:
            yield ChatGenerationChunk(message=tail)

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        session = self._take_session(kwargs)
        outgoing = await run_in_executor(None, self._outgoing, messages, session)
        kwargs = self._guard_kwargs(kwargs, session)
        restorer = self._restorer(session)
        config: RunnableConfig = {"callbacks": self._inner_callbacks(run_manager, AsyncCallbackManager)}
        last_id: str | None = None
        async for chunk in self.llm.astream(outgoing, config, stop=stop, **kwargs):
            last_id = chunk.id or last_id
            yield ChatGenerationChunk(message=restorer.restore(chunk))
        tail = restorer.flush(last_id)
        if tail is not None:
            yield ChatGenerationChunk(message=tail)

    # ------------------------------------------------------------ tools and structured output

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind tools in the inner model's own format; calls still go through this wrapper.

        The inner model formats the tool schemas (provider-specific), and the resulting call
        kwargs are bound to the wrapper, so tool-call arguments are restored before any tool runs.
        """
        if tool_choice is not None:
            kwargs["tool_choice"] = tool_choice
        inner = self.llm.bind_tools(tools, **kwargs)
        if isinstance(inner, RunnableBinding) and inner.bound is self.llm:
            return self.bind(**inner.kwargs).with_config(inner.config) if inner.config else self.bind(**inner.kwargs)
        return self._around(inner)

    def with_structured_output(
        self,
        schema: dict[str, Any] | type,
        *,
        include_raw: bool = False,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, dict[str, Any] | Any]:
        """Use the inner model's own structured-output method, around which input and output pass
        through this wrapper's session, so every method the provider supports keeps working."""
        inner = self.llm.with_structured_output(schema, include_raw=include_raw, **kwargs)
        return self._around(inner)

    def _around(self, inner: Runnable[Any, Any]) -> Runnable[LanguageModelInput, Any]:
        """Pseudonymize the input of `inner` and restore its output with the call's session."""

        bound = bound_call_arguments(inner, self.llm)

        def pseudonymize_input(value: LanguageModelInput, config: RunnableConfig) -> list[BaseMessage]:
            session = self._session_for(config)
            # The inner runnable carries its own call arguments (the output schema), which cannot be
            # masked per call; an original the session knows in them refuses the call instead.
            self.pseudonymizer.guard(bound, session, strict=True)
            return self._outgoing(self._convert_input(value).to_messages(), session)

        def restore_output(value: Any, config: RunnableConfig) -> Any:
            ops = restore_ops(self.pseudonymizer, self._session_for(config), self.restore_policy)
            return map_value(value, ops)

        # Same reason as _INNER_TAG on _generate's inner call: the inner model's surrogate tokens
        # must not reach LangGraph's user-facing message stream.
        return (
            RunnableLambda(pseudonymize_input, name="pseudonymize")
            | inner.with_config(tags=[_INNER_TAG])
            | RunnableLambda(restore_output, name="restore")
        )
