"""Choosing the pseudonymization session for one call.

Every adapter in this package resolves its session the same way, so that a chat model, a
runnable pair and a document transformer configured alike always land on the same mapping:
a `session_id` in ``config["configurable"]`` wins (reopened from the vault, which is what lets
one object serve many users), otherwise the session given to the constructor is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pseudonym_core import Pseudonymizer, Session

DEFAULT_SESSION_KEY = "session_id"


class MissingSessionError(ValueError):
    """Raised when a call cannot be tied to a session; guessing one would mix users' mappings."""


def resolve_session(
    pseudonymizer: Pseudonymizer,
    *,
    session: Session | None,
    vault: Any | None,
    config: Mapping[str, Any] | None,
    session_key: str = DEFAULT_SESSION_KEY,
) -> Session:
    """Return the session a call must use.

    Sessions named per call are reopened through the pseudonymizer, from `vault` or, when none is
    given, from the pseudonymizer's own in-memory vault; either way two adapters sharing the
    pseudonymizer (pseudonymize here, restore there) land on the same mapping.
    """
    configurable = (config or {}).get("configurable") or {}
    session_id = configurable.get(session_key)
    if session_id is not None:
        if session is not None and session.id == str(session_id):
            return session
        return pseudonymizer.session(id=str(session_id), vault=vault)
    if session is not None:
        return session
    raise MissingSessionError(
        "No pseudonymization session: pass session=pseudonymizer.session() to the constructor, "
        f"or config={{'configurable': {{{session_key!r}: '<user or thread id>'}}}} per call."
    )
