"""Restoration: surrogate forms back to originals, in one piece or while streaming."""

from .restorer import Restorer
from .stream import StreamRestorer

__all__ = ["Restorer", "StreamRestorer"]
