"""REP_direct: splice surrogates into the text by offsets, never by searching for strings.

Searching ("str.replace") is how peers turn "Annual" into "Marknual"; offsets cannot.
"""

from __future__ import annotations


def splice(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """Replace each (start, end) slice of `text`; slices must be sorted and must not overlap."""
    out: list[str] = []
    pos = 0
    for start, end, value in replacements:
        if start < pos or end < start or end > len(text):
            raise ValueError(f"replacement {start}..{end} overlaps or leaves the text (length {len(text)})")
        out.append(text[pos:start])
        out.append(value)
        pos = end
    out.append(text[pos:])
    return "".join(out)
