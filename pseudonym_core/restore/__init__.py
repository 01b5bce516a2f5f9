"""Restoration: surrogate forms back to originals, in one piece or while streaming, under a policy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .policy import RestorePolicy, RestoreReport

if TYPE_CHECKING:
    from .restorer import Restorer
    from .stream import StreamRestorer

__all__ = ["RestorePolicy", "RestoreReport", "Restorer", "StreamRestorer"]


def __getattr__(name: str) -> Any:
    # lazy: the config imports the policy, and the restorer imports the config
    if name == "Restorer":
        from .restorer import Restorer

        return Restorer
    if name == "StreamRestorer":
        from .stream import StreamRestorer

        return StreamRestorer
    raise AttributeError(name)
