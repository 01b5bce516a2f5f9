"""Cut long texts into pieces of bounded size for the detectors that run a model (rule 13).

A statistical model's time and memory per call grow with its input, and spaCy keeps every
token's vectors of a document alive until the document is dropped: a 1 MB text fed as a few
100,000-character documents in one batch took 3.4 GB. Pieces of a few thousand characters, fed
as a stream and dropped after reading, keep memory flat at any length and time linear.

Cuts are safe: after a blank line, else a line break, else a sentence end (not after an initial
or a title such as "Mr."), else a space; a text with no space for thousands of characters (a
base64 blob) is cut anywhere, since it holds no name to split. Entities never span a line break
in practice, and a sentence end is where a model's context restarts anyway, so no overlap is
needed for the cut to lose nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Default piece size for spaCy: large enough for context, small enough for flat memory.
PIECE_CHARS = 4000

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
#: Words after which a dot does not end a sentence (titles, initials and common abbreviations).
_NO_STOP = frozenset(
    "mr mrs ms dr prof sr jr st mt no vs etc inc ltd co corp dept fig approx ca rev hon gen col lt sgt capt".split()
)


def pieces(text: str, size: int = PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """Yield (offset, piece) covering `text` in order, each at most `size` characters."""
    if size < 2:
        raise ValueError("piece size must be at least 2 characters")
    pos, n = 0, len(text)
    while pos < n:
        if n - pos <= size:
            yield pos, text[pos:]
            return
        end = safe_cut(text, pos, pos + size)
        yield pos, text[pos:end]
        pos = end


def safe_cut(text: str, lo: int, hi: int) -> int:
    """The best cut in (lo, hi]: the text before it becomes one piece."""
    half = lo + (hi - lo) // 2
    for sep in ("\n\n", "\n"):
        i = text.rfind(sep, half, hi)
        if i >= 0:
            return i + len(sep)
    best = -1
    for m in _SENTENCE_END.finditer(text, half, hi):
        word = _WORD_BEFORE.search(text, max(lo, m.start() - 12), m.start() + 1)
        w = word.group(1).casefold() if word else ""
        if text[m.start()] != "." or (len(w) > 1 and w not in _NO_STOP):
            best = m.end()
    if best > lo:
        return best
    for i in range(hi - 1, lo, -1):
        if text[i].isspace():
            return i + 1
    return hi
