"""Indexes that find known strings in a text in time linear in the text, not in the session (rule 13).

A regex alternation over every surrogate costs time per character times the number of
alternatives, and must be recompiled whenever the session learns a mapping. These indexes are
plain dictionaries that grow one key at a time:

- `LiteralIndex`: names, places, e-mails, URLs, dates. Keys are compared case-insensitively at
  word boundaries. A key is filed under its first word, so a text is scanned once, word by word,
  and only the handful of keys that start with each word are compared.
- `FlexIndex`: phones, cards, IBANs, IDs. A key is the value's letters and digits alone (models
  rewrite separators at will); the text is walked over runs of letters and digits joined by the
  separators a number may carry, and the running concatenation is looked up among the keys and
  their prefixes.

Both report the best match per starting position, and say whether the tail of a text could
still grow into a key (what a stream has to hold back, rule 7).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Generic, TypeVar

import regex

T = TypeVar("T")

WORD = regex.compile(r"\w+")
ALNUM = regex.compile(r"[^\W_]+")
_WORD_CHAR = regex.compile(r"\w")
#: Separators a model may put between the digits of a number ("+1 (555) 010-0199", "4111.1111…").
SEPARATORS = frozenset(" \t\n\r\f\v\u00a0.-/()")


class _FoldTable(dict[int, str]):
    """Per-character case folding that never changes the length of a text, so offsets in the folded
    text are offsets in the original. "ı" and "I" fold alike ("YILMAZ" is "Yılmaz"); characters whose
    folding would expand ("ß" → "ss") stay as they are."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        upper = c.upper()
        folded = upper.casefold() if len(upper) == 1 else c.casefold()
        if len(folded) != 1:
            folded = c.lower() if len(c.lower()) == 1 else c
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Case-fold `text` keeping its length (str.lower for ASCII, a cached per-character table otherwise)."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


class _WordChars(dict[str, bool]):
    def __missing__(self, c: str) -> bool:
        value = _WORD_CHAR.match(c) is not None
        self[c] = value
        return value


_IS_WORD = _WordChars()


def is_word(c: str) -> bool:
    """Whether `c` counts as a word character for boundaries (the `regex` module's Unicode \\w)."""
    return c.isalnum() or c == "_" if c.isascii() else _IS_WORD[c]


def compact(text: str) -> str:
    """Letters and digits only, case-folded: the key of a value written with any separators."""
    return "".join(c for c in fold(text) if c.isalnum())


Hit = tuple[int, int, T]  # start, end, value


class LiteralIndex(Generic[T]):
    """Case-insensitive literal keys found at word boundaries; the first value filed under a key wins."""

    def __init__(self) -> None:
        self._values: dict[str, T] = {}
        self._by_word: dict[str, tuple[tuple[int, str, T], ...]] = {}  # first word → (len, key, value), longest first
        self._by_char: dict[str, tuple[tuple[int, str, T], ...]] = {}  # keys that start with a non-word character
        self._firsts: list[str] = []  # sorted first words, for "could this word still grow into a key"
        self._new_firsts: list[str] = []
        self.max_len = 0

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: str) -> T | None:
        return self._values.get(fold(key))

    def add(self, key: str, value: T) -> bool:
        """File `value` under `key`; False (and no change) when the key is empty or already taken."""
        folded = fold(key)
        if not folded.strip() or folded in self._values:
            return False
        self._values[folded] = value
        m = WORD.match(folded)
        table, first = (self._by_word, m.group()) if m else (self._by_char, folded[0])
        old = table.get(first, ())
        if not old and m:
            self._new_firsts.append(first)
        # copy-on-write: a reader iterating the old tuple in another thread is never disturbed
        table[first] = tuple(sorted((*old, (len(folded), folded, value)), key=lambda e: -e[0]))
        self.max_len = max(self.max_len, len(folded))
        return True

    def _sorted_firsts(self) -> list[str]:
        if self._new_firsts:
            new, self._new_firsts = self._new_firsts, []
            if len(new) > 64:
                self._firsts = sorted({*self._firsts, *new})
            else:
                firsts = list(self._firsts)
                for w in new:
                    i = bisect_left(firsts, w)
                    if i == len(firsts) or firsts[i] != w:
                        firsts.insert(i, w)
                self._firsts = firsts
        return self._firsts

    def find(self, text: str, folded: str, start: int, end: int) -> Iterator[Hit[T]]:
        """The longest key at each position of text[start:end] (text before `start` is boundary context)."""
        if self._by_word:
            for m in WORD.finditer(folded, start, end):
                cands = self._by_word.get(m.group())
                if cands is None:
                    continue
                i = m.start()
                if i == start and i > 0 and is_word(text[i - 1]):
                    continue
                hit = self._first_fit(text, folded, i, end, cands)
                if hit is not None:
                    yield hit
        for c, cands in self._by_char.items():
            i = folded.find(c, start, end)
            while i >= 0:
                if i == 0 or not is_word(text[i - 1]):
                    hit = self._first_fit(text, folded, i, end, cands)
                    if hit is not None:
                        yield hit
                i = folded.find(c, i + 1, end)

    @staticmethod
    def _first_fit(text: str, folded: str, i: int, end: int, cands: tuple[tuple[int, str, T], ...]) -> Hit[T] | None:
        for length, key, value in cands:
            e = i + length
            if e <= end and folded.startswith(key, i) and (e == end or not is_word(text[e])):
                return i, e, value
        return None

    def could_grow(self, folded_tail: str) -> bool:
        """Whether `folded_tail` (a text's end, from a word start) is a key or the beginning of one."""
        m = WORD.match(folded_tail)
        if m is None:
            cands = self._by_char.get(folded_tail[:1], ())
        elif m.end() == len(folded_tail):  # the first word itself may still grow
            firsts = self._sorted_firsts()
            j = bisect_left(firsts, folded_tail)
            return j < len(firsts) and firsts[j].startswith(folded_tail)
        else:
            cands = self._by_word.get(m.group(), ())
        return any(key.startswith(folded_tail) for _, key, _ in cands)


class FlexIndex(Generic[T]):
    """Keys made of letters and digits, matched whatever separators the text puts between them.

    A match starts and ends at word boundaries; an international "+" right before it is part of
    it. Keys added with `suffix_ok` (phone numbers) also match at the end of a longer digit run
    with at most `MAX_PREFIX` extra leading digits: a number of which only the local part was
    detected ("555 0199" in "+353 1 555 0199") is often written back whole ("+35315550199").
    """

    MAX_PREFIX = 5

    def __init__(self) -> None:
        self._values: dict[str, tuple[T, bool]] = {}
        self._prefixes: set[str] = set()  # every proper prefix of every key
        self._firsts: set[str] = set()  # first characters of keys
        self._suffix_lengths: set[int] = set()
        self.max_len = 0

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: str) -> T | None:
        found = self._values.get(compact(key))
        return found[0] if found is not None else None

    def add(self, key: str, value: T, suffix_ok: bool = False) -> bool:
        ckey = compact(key)
        if len(ckey) < 2 or ckey in self._values:
            return False
        self._values[ckey] = (value, suffix_ok)
        self._prefixes.update(ckey[:i] for i in range(1, len(ckey)))
        self._firsts.add(ckey[0])
        if suffix_ok:
            self._suffix_lengths.add(len(ckey))
        self.max_len = max(self.max_len, len(key))
        return True

    def find(self, text: str, folded: str, start: int, end: int) -> Iterator[Hit[T]]:
        if not self._values:
            return
        words = [(m.start(), m.end(), m.group()) for m in ALNUM.finditer(folded, start, end)]
        values, prefixes = self._values, self._prefixes
        for j, (s, e, w) in enumerate(words):
            if s > 0 and is_word(text[s - 1]):
                continue  # inside a word (after "_" or a mark): no match starts here
            best: tuple[int, T] | None = None
            acc, k = w, j
            while w[0] in self._firsts:
                found = values.get(acc)
                if found is not None:
                    k_end = words[k][1]
                    if k_end == end or not is_word(text[k_end]):
                        best = (k_end, found[0])
                if acc not in prefixes or k + 1 == len(words):
                    break
                gap_start, next_start = words[k][1], words[k + 1][0]
                if not all(ch in SEPARATORS or ch.isspace() for ch in text[gap_start:next_start]):
                    break
                k += 1
                acc += words[k][2]
            if best is not None:
                plus = s - 1 >= start and text[s - 1] == "+" and (s < 2 or not is_word(text[s - 2]))
                yield (s - 1 if plus else s), best[0], best[1]
            elif self._suffix_lengths and w.isdigit():
                hit = self._suffix_hit(text, s, e, w, end)
                if hit is not None:
                    yield hit

    def _suffix_hit(self, text: str, s: int, e: int, w: str, end: int) -> Hit[T] | None:
        if not (e == end or not is_word(text[e])):
            return None
        for length in sorted(self._suffix_lengths, reverse=True):
            extra = len(w) - length
            if 1 <= extra <= self.MAX_PREFIX:
                found = self._values.get(w[extra:])
                if found is not None and found[1]:
                    return s + extra, e, found[0]
        return None

    def could_grow(self, tail: str) -> bool:
        """Whether `tail` (from a word start or a "+") could still become a key written with separators."""
        acc = []
        for c in fold(tail.removeprefix("+")):
            if c.isalnum():
                acc.append(c)
            elif not (c in SEPARATORS or c.isspace()):
                return False
        key = "".join(acc)
        if not key:
            return bool(self._values)
        if key in self._prefixes or key in self._values:
            return True
        # the end of a longer digit run may still become a phone number's local part
        return key.isdigit() and any(key[d:] in self._prefixes for d in range(1, min(self.MAX_PREFIX, len(key) - 1) + 1))
