"""How the side data of a commit (text-word hashes, lower-case surrogate forms) is stored.

They travel as one sealed payload per commit, next to the mapping rows, so a process catching up
reads them with the same cursor; a session's word hashes are 16-byte keyed digests.
"""

from __future__ import annotations

import base64
from typing import Any

from .base import Delta

WORD_HASH_SIZE = 16


def extras_payload(delta: Delta) -> dict[str, Any] | None:
    """The JSON-able side data of `delta`, or None when it has none."""
    if not delta.word_hashes and not delta.lowercase:
        return None
    words = sorted(delta.word_hashes)
    if any(len(h) != WORD_HASH_SIZE for h in words):
        raise ValueError(f"word hashes must be {WORD_HASH_SIZE} bytes")
    return {"w": base64.b64encode(b"".join(words)).decode(), "lc": sorted(delta.lowercase)}


def read_extras(payload: dict[str, Any], into: Delta) -> None:
    raw = base64.b64decode(payload.get("w", ""))
    into.word_hashes.update(raw[i : i + WORD_HASH_SIZE] for i in range(0, len(raw), WORD_HASH_SIZE))
    into.lowercase.update(payload.get("lc", ()))
