"""The outgoing guard: re-checks every payload for originals right before it leaves (rule 14)."""

from .normalize import skeleton
from .outgoing import Leak, OutgoingGuard

__all__ = ["Leak", "OutgoingGuard", "skeleton"]
