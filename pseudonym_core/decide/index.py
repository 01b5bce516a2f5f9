"""A token index of strings to find in texts, built incrementally (rule 13).

Known-entity matching used to compile one regex alternation over every mapping of the session,
per turn: cost grew with the session (1.2 s per turn at 10,000 mappings). Here each string is
filed under its first word; a text is tokenised once and only the strings that start with one
of its words are checked, so a lookup costs the text's length, and adding a mapping costs its
own length, whatever the session's size.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..detect.base import Span

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")

Token = tuple[int, int, str]


def span_map(length: int, spans: list[Span]) -> bytearray:
    """1 at every offset some span covers: one map to ask "is this stretch taken?" of, not a scan of
    every span per candidate (rule 13)."""
    taken = bytearray(length + 1)
    for s in spans:
        taken[s.start : s.end] = b"\x01" * (s.end - s.start)
    return taken


def tokens(text: str) -> list[Token]:
    """(start, end, casefolded word) for every word of the text."""
    return [(m.start(), m.end(), m.group().casefold()) for m in _TOKEN.finditer(text)]


def _gap(text: str) -> str:
    return _SPACE.sub(" ", text)


@dataclass(frozen=True, slots=True)
class Entry:
    """One indexed string: its words, the separators between them, and what it stands for."""

    words: tuple[str, ...]
    gaps: tuple[str, ...]
    label: str
    payload: Any = None


class TokenIndex:
    """Strings filed by first word; `find` yields every whole-word occurrence in a text."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[Entry]] = defaultdict(list)
        self._keys: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, value: str, label: str, payload: Any = None) -> bool:
        """Index `value` (once per distinct spelling of its words and separators)."""
        key = self._key(value)
        if key is None or key in self._keys:
            return False
        self._keys.add(key)
        words, gaps = key
        self._by_first[words[0]].append(Entry(words, gaps, label, payload))
        return True

    def remove(self, value: str) -> None:
        """Take back what a successful `add(value, …)` indexed."""
        key = self._key(value)
        if key is None or key not in self._keys:
            return
        self._keys.discard(key)
        first = key[0][0]
        rest = [e for e in self._by_first.get(first, ()) if (e.words, e.gaps) != key]
        if rest:
            self._by_first[first] = rest
        else:
            self._by_first.pop(first, None)

    @staticmethod
    def _key(value: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """(words, separators) of `value`, or None when it is no word sequence."""
        toks = tokens(value)
        if not toks or value[: toks[0][0]].strip() or value[toks[-1][1] :].strip(" .'’"):
            return None  # a string that starts or ends with a symbol ("+1 …") is no word sequence
        return tuple(t[2] for t in toks), tuple(_gap(value[a[1] : b[0]]) for a, b in pairwise(toks))

    def find(self, text: str, toks: list[Token] | None = None) -> Iterator[tuple[int, int, Entry]]:
        toks = tokens(text) if toks is None else toks
        by_first = self._by_first
        n = len(toks)
        for i, (start, _, word) in enumerate(toks):
            entries = by_first.get(word)
            if not entries:
                continue
            for e in entries:
                k = len(e.words)
                if i + k > n:
                    continue
                if any(toks[i + j][2] != e.words[j] for j in range(1, k)):
                    continue
                if any(_gap(text[toks[i + j][1] : toks[i + j + 1][0]]) != e.gaps[j] for j in range(k - 1)):
                    continue
                end = toks[i + k - 1][1]
                if _glued(text, start, end):
                    continue
                yield start, end, e


def _glued(text: str, start: int, end: int) -> bool:
    """Part of a hyphenated or dotted word ("Jean" in "Jean-Luc", "smith" in "smith.j@…")."""
    before = text[start - 2 : start] if start >= 2 else ""
    after = text[end : end + 2]
    return (len(after) == 2 and after[0] in "-.@" and after[1].isalnum()) or (
        len(before) == 2 and before[1] in "-@" and before[0].isalnum()
    )
