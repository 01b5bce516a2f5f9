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

#: Letters of scripts that put no space between words (Han, kana) or glue particles on (Hangul): a
#: Latin surrogate or a number stands straight against them ("去Malmo的", "010-4471-8826로"), so
#: they bound such a key as a space does. A key written in them is still restored only where the
#: text sets it apart (`apart`): inside a run it may be an ordinary word ("安静").
UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
_UNSPACED_CHAR = regex.compile(rf"[{UNSPACED}]")
WORD = regex.compile(rf"[^\W{UNSPACED}]+")
_WORD_CHAR = regex.compile(rf"[^\W{UNSPACED}]")
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
    """Whether `c` counts as a word character for boundaries (the `regex` module's Unicode \\w, less
    the letters of unspaced scripts)."""
    return c.isalnum() or c == "_" if c.isascii() else _IS_WORD[c]


def apart(c: str, edge: str) -> bool:
    """Whether the text's character `c` sets apart a key whose outer character is `edge`."""
    if is_word(c):
        return False
    return not (_UNSPACED_CHAR.match(c) and _UNSPACED_CHAR.match(edge))


def compact(text: str) -> str:
    """Letters and digits only, case-folded: the key of a value written with any separators."""
    return "".join(c for c in fold(text) if c.isalnum())


Hit = tuple[int, int, T]  # start, end, value


class _SortedStrings:
    """A sorted set of strings answering "does any start with p" by bisection; grown in batches."""

    def __init__(self) -> None:
        self._items: list[str] = []
        self._new: list[str] = []

    def add(self, item: str) -> None:
        self._new.append(item)

    def has_prefix(self, prefix: str) -> bool:
        if self._new:
            new, self._new = self._new, []
            if len(new) > 64:
                self._items = sorted({*self._items, *new})
            else:
                items = list(self._items)  # copy-on-write for readers in other threads
                for w in new:
                    i = bisect_left(items, w)
                    if i == len(items) or items[i] != w:
                        items.insert(i, w)
                self._items = items
        items = self._items
        j = bisect_left(items, prefix)
        return j < len(items) and items[j].startswith(prefix)


_NEXT_WORD = regex.compile(rf"\W{{1,3}}([^\W{UNSPACED}]+)")
Entry = tuple[int, str, T]  # (length, folded key, value)


class LiteralIndex(Generic[T]):
    """Case-insensitive literal keys found at word boundaries; the first value filed under a key wins.

    A key of several words is filed under its first two ("hans\\0müller"), a one-word key under its
    word: a session with 300 people called Hans compares a text's "Hans Berg" with the few keys
    that begin with both words, and a text's "a" with nothing unless a key is the word "a".
    """

    def __init__(self) -> None:
        self._values: dict[str, T] = {}
        self._by_word: dict[str, tuple[Entry[T], ...]] = {}  # one-word keys, longest first
        self._by_pair: dict[str, tuple[Entry[T], ...]] = {}  # "w1\0w2" → keys of several words
        self._by_char: dict[str, tuple[Entry[T], ...]] = {}  # keys that start with a non-word character
        self._pair_firsts: set[str] = set()
        self._firsts = _SortedStrings()  # first words, for "could this word still grow into a key"
        self._pairs = _SortedStrings()
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
        table, bucket, first, paired = self._bucket(folded)
        if first is not None and bucket not in table:
            self._firsts.add(first)
            if paired:
                self._pairs.add(bucket)
                self._pair_firsts.add(first)
        entry = (len(folded), folded, value)
        old = table.get(bucket, ())
        i = 0
        while i < len(old) and old[i][0] >= entry[0]:
            i += 1
        # copy-on-write: a reader iterating the old tuple in another thread is never disturbed
        table[bucket] = (*old[:i], entry, *old[i:])
        self.max_len = max(self.max_len, len(folded))
        return True

    def remove(self, key: str) -> None:
        """Take back what `add(key, …)` filed (a session undoing a call that must decide again).
        The word lists used to tell whether a streamed tail may still grow into a key keep the
        key's words: they only make a stream hold back a little more, never match."""
        folded = fold(key)
        if self._values.pop(folded, None) is None:
            return
        table, bucket, _, _ = self._bucket(folded)
        rest = tuple(e for e in table.get(bucket, ()) if e[1] != folded)
        if rest:
            table[bucket] = rest
        else:
            table.pop(bucket, None)

    def _bucket(self, folded: str) -> tuple[dict[str, tuple[Entry[T], ...]], str, str | None, bool]:
        """(table, bucket, first word or None, whether filed by its first two words)."""
        m = WORD.match(folded)
        if m is None:
            return self._by_char, folded[0], None, False
        first = m.group()
        second = _NEXT_WORD.match(folded, m.end())
        if second:
            return self._by_pair, f"{first}\0{second.group(1)}", first, True
        return self._by_word, first, first, False

    def find(self, text: str, folded: str, start: int, end: int) -> Iterator[Hit[T]]:
        """The longest key at each position of text[start:end] (text before `start` is boundary context)."""
        by_word, by_pair, pair_firsts = self._by_word, self._by_pair, self._pair_firsts
        if by_word or by_pair:
            for m in WORD.finditer(folded, start, end):
                word = m.group()
                cands = by_word.get(word)
                pair = None
                if word in pair_firsts:
                    second = _NEXT_WORD.match(folded, m.end(), end)
                    pair = by_pair.get(f"{word}\0{second.group(1)}") if second else None
                if cands is None and pair is None:
                    continue
                i = m.start()
                if i == start and i > 0 and is_word(text[i - 1]):
                    continue
                hit = self._first_fit(text, folded, i, end, pair) if pair else None
                if hit is None and cands:
                    hit = self._first_fit(text, folded, i, end, cands)
                if hit is not None:
                    yield hit
        # a snapshot: this generator is consumed lazily, and a key added meanwhile (the same session's
        # next mapping) must not end the scan with "dictionary changed size during iteration"
        for c, cands in tuple(self._by_char.items()):
            i = folded.find(c, start, end)
            while i >= 0:
                if i == 0 or apart(text[i - 1], c):
                    hit = self._first_fit(text, folded, i, end, cands)
                    if hit is not None:
                        yield hit
                i = folded.find(c, i + 1, end)

    @staticmethod
    def _first_fit(text: str, folded: str, i: int, end: int, cands: tuple[Entry[T], ...]) -> Hit[T] | None:
        for length, key, value in cands:
            e = i + length
            if e <= end and folded.startswith(key, i) and (e == end or apart(text[e], key[-1])):
                return i, e, value
        return None

    def could_grow(self, folded_tail: str) -> bool:
        """Whether `folded_tail` (a text's end, from a word start) is a key or the beginning of one."""
        m = WORD.match(folded_tail)
        if m is None:
            return any(key.startswith(folded_tail) for _, key, _ in self._by_char.get(folded_tail[:1], ()))
        first = m.group()
        if m.end() == len(folded_tail):  # the first word itself may still grow
            return self._firsts.has_prefix(first)
        if any(key.startswith(folded_tail) for _, key, _ in self._by_word.get(first, ())):
            return True
        if first not in self._pair_firsts:
            return False
        second = _NEXT_WORD.match(folded_tail, m.end())
        if second is None:  # "m." or "m. ": a "m. <name>" key may follow
            gap = folded_tail[m.end() :]
            return len(gap) <= 3 and not any(c.isspace() for c in gap[:-1]) and self._pairs.has_prefix(f"{first}\0")
        if second.end() == len(folded_tail):
            return self._pairs.has_prefix(f"{first}\0{second.group(1)}")
        pair = self._by_pair.get(f"{first}\0{second.group(1)}", ())
        return any(key.startswith(folded_tail) for _, key, _ in pair)
