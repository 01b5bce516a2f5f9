"""A text's skeleton: how it reads, whatever characters spell it.

An original can reach the cloud in disguise — "Ｍａｒｋ" (fullwidth), "Ma\u200brk" (zero-width
space), "Маrk" (a Cyrillic "М"), "Smith" escaped as "Sm\\u0069th" in a serialized JSON body — and
still be read as the original by the model. The guard compares skeletons: JSON `\\uXXXX` escapes
decoded, invisible characters dropped, NFKC compatibility forms folded, common Cyrillic and Greek
look-alikes mapped to Latin, case folded. Offsets map every skeleton character back to the text.
"""

from __future__ import annotations

import re
import unicodedata

#: Invisible characters that change no reading: soft hyphen, zero-width and joiners, bidi marks, BOM.
INVISIBLE = frozenset(
    "\u00ad\u034f\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\ufeff"
)
#: Characters often used as separators although invisible; a second skeleton reads them as spaces.
INVISIBLE_SPACES = frozenset("\u200b\u2060\ufeff\u180e")

# Cyrillic and Greek letters drawn like Latin ones (after NFKC and case folding)
_LOOKALIKES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m",
    "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "һ": "h", "ɡ": "g", "ո": "n", "ս": "u", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k",
    "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "ı": "i",
}  # fmt: skip
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


class _SkeletonTable(dict[str, str]):
    def __missing__(self, c: str) -> str:
        if c in INVISIBLE:
            value = ""
        else:
            value = "".join(_LOOKALIKES.get(x, x) for x in unicodedata.normalize("NFKC", c).casefold())
            value = "".join(_LOOKALIKES.get(x, x) for x in value)
        self[c] = value
        return value


_TABLE = _SkeletonTable()


def skeleton(text: str, invisible_as_space: bool = False) -> tuple[str, list[int] | None]:
    """(skeleton, offsets): offsets[i] is the text index of skeleton character i, with one entry
    past the end; None when the two line up one to one (plain ASCII, the common case)."""
    if text.isascii() and "\\u" not in text:
        return text.lower(), None
    pieces: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    escapes = {m.start(): m for m in _ESCAPE.finditer(text)} if "\\u" in text else {}
    while i < n:
        m = escapes.get(i)
        if m is not None:
            c, step = chr(int(m.group(1), 16)), 6
        else:
            c, step = text[i], 1
        piece = " " if invisible_as_space and c in INVISIBLE_SPACES else _TABLE[c]
        pieces.append(piece)
        offsets.extend([i] * len(piece))
        i += step
    offsets.append(n)
    skel = "".join(pieces)
    if len(skel) == n and not escapes and all(o == k for k, o in enumerate(offsets)):
        return skel, None
    return skel, offsets
