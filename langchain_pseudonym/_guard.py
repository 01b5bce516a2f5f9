"""The outgoing guard in LangChain terms: the last check on everything handed to the inner model.

Pseudonymization decides what is personal data; the guard does not decide anything new. It looks
for the originals the session already knows (any case, Unicode-normalised, numbers by their
digits) in the exact messages and call arguments the inner model will serialize, and masks them
or, in strict mode, raises `pseudonym_core.LeakError` before anything is sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableBinding

from langchain_pseudonym._convert import Ops

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, Session


def guard_ops(pseudonymizer: Pseudonymizer, session: Session, strict: bool = False) -> Ops:
    """Ops of the outgoing guard: every original the session knows is masked (or `LeakError`)."""

    def obj(value: Any) -> Any:
        return pseudonymizer.guard(value, session, strict=strict)

    return Ops(text=obj, texts=lambda values: [obj(v) for v in values], obj=obj, args=lambda _name, value: obj(value))


def bound_call_arguments(runnable: Any, model: BaseChatModel) -> list[Any]:
    """The call arguments bound to `model` anywhere inside `runnable`, as JSON-like values.

    Output schemas given as classes are turned into their JSON schema, which is what a provider
    sends; other objects are left out.
    """
    found: list[Any] = []

    def plain(value: Any) -> Any:
        if isinstance(value, type) and hasattr(value, "model_json_schema"):
            return value.model_json_schema()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value if isinstance(value, str | int | float | bool) or value is None else None

    def walk(node: Any, depth: int = 0) -> None:
        if depth > 8:
            return
        if isinstance(node, RunnableBinding):
            if node.bound is model:
                found.append(plain(node.kwargs))
            walk(node.bound, depth + 1)
        for attr in ("steps", "runnable", "fallbacks", "steps__"):
            child = getattr(node, attr, None)
            children = child.values() if isinstance(child, dict) else child if isinstance(child, list) else [child]
            for c in children:
                if isinstance(c, Runnable) and c is not node:
                    walk(c, depth + 1)

    walk(runnable)
    return found
