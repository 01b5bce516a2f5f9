"""The few calls into `pseudonym_core` that the LlamaIndex adapter makes, in one place.

Every string that leaves for the cloud model passes `pseudonymize_*`; every string that comes back
passes `restore_*` (tool-call arguments with the tool's name, so a restore policy can decide per
tool). A prompt built by a response synthesizer already holds the surrogates that the node
postprocessor put into the retrieved chunks; the core keeps a session's own surrogates as they
are (`surrogates_in_input="keep"`), so pseudonymizing the whole prompt again is safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pseudonym_core.restore.json_args import JsonArgumentStream, json_string_body, map_json_text

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, RestorePolicy, Session, StreamRestorer


def pseudonymize_texts(p: Pseudonymizer, session: Session, texts: list[str]) -> list[str]:
    """Pseudonymize a batch in one call, so every text of a turn is handled with one session view."""
    return [r.text for r in p.pseudonymize_many(texts, session=session)] if texts else []


async def apseudonymize_texts(p: Pseudonymizer, session: Session, texts: list[str]) -> list[str]:
    """Async twin: detection is CPU-bound, so the batch runs in a worker thread, off the event loop."""
    return [r.text for r in await p.apseudonymize_many(texts, session=session)] if texts else []


def restore_texts(
    p: Pseudonymizer, session: Session, texts: list[str], policy: RestorePolicy | None = None
) -> list[str]:
    """Originals back, except where the restore policy protects the context (URLs, links, …)."""
    return [p.restore(text, session=session, policy=policy) for text in texts]


def text_stream(session: Session, policy: RestorePolicy | None = None) -> StreamRestorer:
    """An incremental restorer for one streamed answer text."""
    return session.stream_restorer(policy=policy)


def guard(p: Pseudonymizer, session: Session, payload: Any, strict: bool) -> Any:
    """The last check before a payload leaves: known originals masked, or `LeakError` when strict."""
    return p.guard(payload, session, strict=strict)


# -- tool-call arguments: a dict, or the provider's JSON string -----------------------------------


def restore_tool_kwargs(
    p: Pseudonymizer, session: Session, tool_name: str, kwargs: Any, policy: RestorePolicy | None = None
) -> Any:
    """The arguments a tool will run with: originals back through decoded JSON values, as far as the
    policy lets this tool receive them (argument names tell which values are URLs)."""

    def obj(value: Any) -> Any:
        return p.restore_obj(value, session=session, policy=policy, tool_name=tool_name)

    def partial(text: str) -> str:
        # not JSON (yet): restored as text, escaping what is put back so the string stays valid JSON
        stream = tool_args_stream(session, tool_name, policy)
        return stream.feed(text) + stream.flush()

    return map_json_text(kwargs, obj, partial) if isinstance(kwargs, str) else obj(kwargs)


def pseudonymize_tool_kwargs(p: Pseudonymizer, session: Session, kwargs: Any) -> Any:
    """Arguments of a tool call in the history, as the cloud model may see them again.

    They are restored first: a history may hold them either way (as the model wrote them, or as
    the tool received them), and the session must hand out the one surrogate it already gave.
    """

    def obj(value: Any) -> Any:
        return p.pseudonymize_obj(p.restore_obj(value, session=session), session=session)

    if isinstance(kwargs, str):
        return map_json_text(kwargs, obj, obj)
    return obj(kwargs)


def tool_args_stream(session: Session, tool_name: str, policy: RestorePolicy | None = None) -> JsonArgumentStream:
    """An incremental restorer for one streamed JSON argument string of tool `tool_name`."""
    return JsonArgumentStream(session.stream_restorer(escape=json_string_body, policy=policy, tool_name=tool_name))
