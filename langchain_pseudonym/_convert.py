"""Walking LangChain objects and applying one direction (pseudonymize or restore) to their text.

Nothing here decides what is personal data or how it is replaced: every string goes to
`pseudonym_core`. This module only knows where LangChain keeps text that a provider sends or
returns (message content, content blocks, tool-call arguments, documents, prompt values) so that
no field is forgotten on the way out and none stays pseudonymized on the way back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from langchain_core.documents import Document
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.prompt_values import ChatPromptValue, PromptValue, StringPromptValue
from pydantic import BaseModel

from pseudonym_core.restore import json_args
from pseudonym_core.restore.json_args import JsonArgumentStream, json_string_body

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, RestorePolicy, Session

# Content-block keys that carry free text in any provider's block format (LangChain v1 standard
# blocks, Anthropic, OpenAI responses). Images, audio and files carry no text and pass unchanged.
_TEXT_KEYS = ("text", "thinking", "reasoning", "partial_json")
# Block keys that carry structured tool arguments.
_ARG_KEYS = ("input", "args")


@dataclass(frozen=True, slots=True)
class Ops:
    """One direction bound to one session, so walkers stay direction-agnostic.

    `args` maps the arguments of a call to the named tool (a dict, or a string inside it): on the
    way back the restore policy decides per tool which originals a tool may receive.
    """

    text: Callable[[str], str]
    texts: Callable[[list[str]], list[str]]
    obj: Callable[[Any], Any]
    args: Callable[[str | None, Any], Any]

    def json_args(self, tool_name: str | None, text: str) -> str:
        """A tool's arguments as JSON text, mapped through their decoded values."""
        return json_args.map_json_text(text, lambda v: self.args(tool_name, v), lambda t: self.args(tool_name, t))


def pseudonymize_ops(pseudonymizer: Pseudonymizer, session: Session) -> Ops:
    """Ops that replace personal data by the session's surrogates."""

    def text(value: str) -> str:
        return pseudonymizer.pseudonymize(value, session=session).text if value else value

    def texts(values: list[str]) -> list[str]:
        # The core's batched call keeps one surrogate per entity across all RAG chunks and runs
        # the detector once per batch instead of once per chunk.
        non_empty = [v for v in values if v]
        if not non_empty:
            return list(values)
        done = iter(r.text for r in pseudonymizer.pseudonymize_many(non_empty, session=session))
        return [next(done) if v else v for v in values]

    def obj(value: Any) -> Any:
        return pseudonymizer.pseudonymize_obj(value, session=session)

    return Ops(text=text, texts=texts, obj=obj, args=lambda _name, value: obj(value))


def restore_ops(pseudonymizer: Pseudonymizer, session: Session, policy: RestorePolicy | None = None) -> Ops:
    """Ops that put the originals back, except where the restore policy protects the context
    (URLs, links, HTML attributes, …) or keeps them from a tool; `None`: the pseudonymizer's policy."""

    def text(value: str) -> str:
        return pseudonymizer.restore(value, session=session, policy=policy) if value else value

    def texts(values: list[str]) -> list[str]:
        return [text(v) for v in values]

    def obj(value: Any) -> Any:
        return pseudonymizer.restore_obj(value, session=session, policy=policy)

    def args(tool_name: str | None, value: Any) -> Any:
        return pseudonymizer.restore_obj(value, session=session, policy=policy, tool_name=tool_name)

    return Ops(text=text, texts=texts, obj=obj, args=args)


# ---------------------------------------------------------------------------------------------
# messages


def map_content(content: str | list[Any], ops: Ops) -> str | list[Any]:
    """Map message content, whether a plain string or a list of content blocks."""
    if isinstance(content, str):
        return ops.text(content)
    return [map_block(block, ops) for block in content]


def map_block(block: Any, ops: Ops) -> Any:
    """Map the text-bearing fields of one content block; binary blocks are returned unchanged."""
    if isinstance(block, str):
        return ops.text(block)
    if not isinstance(block, dict):
        return block
    out = dict(block)
    for key in _TEXT_KEYS:
        if isinstance(out.get(key), str):
            out[key] = ops.text(out[key])
    if out.get("type") in ("tool_use", "server_tool_use", "tool_call", "tool_call_chunk"):
        name = out.get("name")
        for key in _ARG_KEYS:
            if key in out:
                out[key] = ops.json_args(name, out[key]) if isinstance(out[key], str) else ops.args(name, out[key])
    if out.get("type") == "tool_result" and "content" in out:
        # Anthropic nests tool results (str or blocks) inside user messages.
        out["content"] = map_content(out["content"], ops)
    if isinstance(out.get("summary"), list):
        # OpenAI reasoning summaries: [{"type": "summary_text", "text": ...}]
        out["summary"] = [map_block(b, ops) for b in out["summary"]]
    return out


def _map_additional_kwargs(kwargs: dict[str, Any], ops: Ops) -> dict[str, Any]:
    """Map raw provider tool-call arguments and reasoning text kept in `additional_kwargs`.

    Only these known fields are touched: ids and provider bookkeeping must survive unchanged.
    """
    if not kwargs:
        return kwargs
    out = dict(kwargs)
    raw_calls = out.get("tool_calls")
    if isinstance(raw_calls, list):
        out["tool_calls"] = [_map_raw_call(call, ops) for call in raw_calls]
    if isinstance(out.get("function_call"), dict):
        out["function_call"] = _map_raw_function(out["function_call"], ops)
    if isinstance(out.get("reasoning_content"), str):
        out["reasoning_content"] = ops.text(out["reasoning_content"])
    return out


def _map_raw_call(call: Any, ops: Ops) -> Any:
    if isinstance(call, dict) and isinstance(call.get("function"), dict):
        return {**call, "function": _map_raw_function(call["function"], ops)}
    return call


def _map_raw_function(function: dict[str, Any], ops: Ops) -> dict[str, Any]:
    arguments = function.get("arguments")
    if isinstance(arguments, str):
        return {**function, "arguments": ops.json_args(function.get("name"), arguments)}
    return function


def map_message(message: BaseMessage, ops: Ops) -> BaseMessage:
    """Return a copy of `message` with every text and tool argument mapped; ids stay as they are."""
    update: dict[str, Any] = {"content": map_content(message.content, ops)}
    if message.additional_kwargs:
        update["additional_kwargs"] = _map_additional_kwargs(message.additional_kwargs, ops)
    if isinstance(message, AIMessage):
        if message.tool_calls:
            update["tool_calls"] = [{**tc, "args": ops.args(tc["name"], tc["args"])} for tc in message.tool_calls]
        if message.invalid_tool_calls:
            update["invalid_tool_calls"] = [
                {**tc, "args": ops.json_args(tc.get("name"), tc["args"])} if isinstance(tc.get("args"), str) else tc
                for tc in message.invalid_tool_calls
            ]
        if isinstance(message, AIMessageChunk) and message.tool_call_chunks:
            update["tool_call_chunks"] = [
                {**tc, "args": ops.json_args(tc.get("name"), tc["args"])} if isinstance(tc.get("args"), str) else tc
                for tc in message.tool_call_chunks
            ]
    return message.model_copy(update=update)


def map_messages(messages: Sequence[BaseMessage], ops: Ops) -> list[BaseMessage]:
    """Map a conversation, in order, so that earlier turns claim surrogates first."""
    return [map_message(m, ops) for m in messages]


# ---------------------------------------------------------------------------------------------
# documents and arbitrary LCEL values


def map_documents(documents: Sequence[Document], ops: Ops, metadata_keys: Sequence[str] = ()) -> list[Document]:
    """Map page contents in one batch plus the metadata fields the caller named."""
    contents = ops.texts([d.page_content for d in documents])
    out: list[Document] = []
    for doc, content in zip(documents, contents, strict=True):
        metadata = dict(doc.metadata)
        for key in metadata_keys:
            if key in metadata:
                metadata[key] = ops.obj(metadata[key])
        out.append(doc.model_copy(update={"page_content": content, "metadata": metadata}))
    return out


def map_value(value: Any, ops: Ops, metadata_keys: Sequence[str] = ()) -> Any:
    """Map any value an LCEL step may pass along; unknown types (numbers, None) pass unchanged."""
    if isinstance(value, str):
        return ops.text(value)
    if isinstance(value, BaseMessage):
        return map_message(value, ops)
    if isinstance(value, StringPromptValue):
        return StringPromptValue(text=ops.text(value.text))
    if isinstance(value, PromptValue):
        return ChatPromptValue(messages=map_messages(value.to_messages(), ops))
    if isinstance(value, Document):
        return map_documents([value], ops, metadata_keys)[0]
    if isinstance(value, dict):
        return {k: map_value(v, ops, metadata_keys) for k, v in value.items()}
    if isinstance(value, list | tuple):
        if value and all(isinstance(v, Document) for v in value):
            mapped: list[Any] = map_documents(value, ops, metadata_keys)
        else:
            mapped = [map_value(v, ops, metadata_keys) for v in value]
        return type(value)(mapped) if isinstance(value, tuple) else mapped
    if isinstance(value, BaseModel):
        # Structured output: rebuild through validation so the caller gets the same class back.
        return type(value).model_validate(map_value(value.model_dump(), ops, metadata_keys))
    return value


# ---------------------------------------------------------------------------------------------
# streaming restore of message chunks


class ChunkRestorer:
    """Restores a stream of `AIMessageChunk`s without buffering the whole answer.

    One core stream restorer per independent text stream (string content, each content block
    index, each tool-call index), because a surrogate can only be split across chunks of the
    same stream. What a restorer holds back is emitted by `flush()` in a final chunk.
    """

    def __init__(self, pseudonymizer: Pseudonymizer, session: Session, policy: RestorePolicy | None = None) -> None:
        self._session = session
        self._policy = policy
        self._ops = restore_ops(pseudonymizer, session, policy)
        self._streams: dict[tuple[str, Any], Any] = {}
        self._string_content = True
        self._last_position: str | None = None
        self._block_types: dict[Any, str] = {}
        self._tool_names: dict[Any, str] = {}  # per tool-call stream: only its first chunk names the tool

    def _feed(self, key: tuple[str, Any], text: str, json_args: bool = False, tool_name: str | None = None) -> str:
        restorer = self._streams.get(key)
        if restorer is None:
            if json_args:  # originals go back into a JSON string: quotes and backslashes need escaping
                escaped = self._session.stream_restorer(json_string_body, policy=self._policy, tool_name=tool_name)
                restorer = JsonArgumentStream(escaped)
            else:
                restorer = self._session.stream_restorer(policy=self._policy)
            self._streams[key] = restorer
        return restorer.feed(text)

    def _tool_name(self, key: Any, name: Any) -> str | None:
        if isinstance(name, str) and name:
            self._tool_names.setdefault(key, name)
        return self._tool_names.get(key)

    def restore(self, chunk: AIMessageChunk) -> AIMessageChunk:
        """Restore one chunk; what may still be the start of a surrogate is held back."""
        content: str | list[Any]
        if isinstance(chunk.content, str):
            content = self._feed(("content", None), chunk.content) if chunk.content else ""
        else:
            self._string_content = False
            content = [self._restore_block(i, b) for i, b in enumerate(chunk.content)]
        tool_call_chunks = [self._restore_tool_chunk(tc) for tc in chunk.tool_call_chunks]
        if chunk.chunk_position == "last":
            # The held-back tail comes after this chunk, so "last" moves to the flush chunk.
            self._last_position = "last"
        # Built anew rather than copied: AIMessageChunk derives tool_calls from tool_call_chunks
        # only in its constructor.
        return AIMessageChunk(
            content=content,
            # Raw provider copies of streamed arguments arrive in pieces without a reliable index;
            # each piece is restored on its own.
            additional_kwargs=_map_additional_kwargs(chunk.additional_kwargs, self._ops),
            response_metadata=chunk.response_metadata,
            usage_metadata=chunk.usage_metadata,
            tool_call_chunks=tool_call_chunks,
            id=chunk.id,
            name=chunk.name,
        )

    def _restore_tool_chunk(self, tc: Any) -> Any:
        args = tc.get("args")
        if not isinstance(args, str):
            return tc
        if tc.get("index") is None:
            # Without an index LangChain cannot merge pieces, so this is a whole argument string.
            return {**tc, "args": self._ops.json_args(tc.get("name"), args)}
        name = self._tool_name(("tool", tc["index"]), tc.get("name"))
        return {**tc, "args": self._feed(("tool", tc["index"]), args, json_args=True, tool_name=name)}

    def _restore_block(self, position: int, block: Any) -> Any:
        if isinstance(block, str):
            return self._feed(("block", position), block)
        if not isinstance(block, dict):
            return block
        index = block.get("index", position)
        out = dict(block)
        name = self._tool_name(("block", index), out.get("name"))
        for key in _TEXT_KEYS:
            if isinstance(out.get(key), str):
                self._block_types[(index, key)] = str(out.get("type", "text"))
                is_args = key == "partial_json"  # a tool_use block's arguments, streamed as JSON
                tool = name if is_args else None
                out[key] = self._feed(("block", (index, key)), out[key], json_args=is_args, tool_name=tool)
        for key in _ARG_KEYS:
            if key in out and out.get("type") in ("tool_call_chunk", "tool_use", "tool_call"):
                if isinstance(out[key], str):
                    self._block_types[(index, key)] = str(out.get("type"))
                    out[key] = self._feed(("block", (index, key)), out[key], json_args=True, tool_name=name)
                else:
                    out[key] = self._ops.args(name, out[key])
        return out

    def flush(self, message_id: str | None = None) -> AIMessageChunk | None:
        """Return a final chunk with everything still held back, or None if nothing is left."""
        content_text = ""
        blocks: list[dict[str, Any]] = []
        tool_chunks: list[dict[str, Any]] = []
        for (kind, key), restorer in self._streams.items():
            rest = restorer.flush()
            if not rest:
                continue
            if kind == "content":
                content_text += rest
            elif kind == "tool":
                tool_chunks.append({"type": "tool_call_chunk", "index": key, "args": rest, "name": None, "id": None})
            elif isinstance(key, tuple):
                index, field = key
                block_type = self._block_types.get(key, "text")
                blocks.append({"type": block_type, field: rest, "index": index})
            else:
                blocks.append({"type": "text", "text": rest, "index": key})
        if not (content_text or blocks or tool_chunks or self._last_position):
            return None
        content: str | list[Any] = (
            content_text
            if self._string_content and not blocks
            else [
                *([{"type": "text", "text": content_text}] if content_text else []),
                *blocks,
            ]
        )
        return AIMessageChunk(
            content=content,
            tool_call_chunks=tool_chunks,
            id=message_id,
            chunk_position=self._last_position,  # type: ignore[arg-type]
        )
