"""Values found whatever their separators: phones, cards, IBANs, IDs (rule 6, rule 13).

A key is the value's letters and digits alone (models rewrite separators at will). The text is
walked over runs of letters and digits joined by the separators a number may carry, and the running
concatenation is looked up among the keys and their prefixes: linear in the text, one set lookup
per word, nothing rebuilt when the session grows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

import regex

from .index import SEPARATORS, UNSPACED, Hit, compact, fold, is_word

T = TypeVar("T")

#: Letters and digits, less the letters of unspaced scripts: "身份证440305…" holds the number
#: "440305…" after a word, as a space would part them.
ALNUM = regex.compile(rf"[^\W_{UNSPACED}]+")
_NEXT_ALNUM = regex.compile(rf"[\s.\-/()]*([^\W_{UNSPACED}]+)")


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
        self._firsts: set[str] = set()  # first characters and first two characters of keys
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
        self._firsts.update((ckey[0], ckey[:2]))
        if suffix_ok:
            self._suffix_lengths.add(len(ckey))
        self.max_len = max(self.max_len, len(key))
        return True

    def remove(self, key: str) -> None:
        """Take back what `add(key, …)` filed; the prefix and first-character sets keep the key's
        (they only let a lookup go on, which then finds nothing)."""
        self._values.pop(compact(key), None)

    def find(self, text: str, folded: str, start: int, end: int) -> Iterator[Hit[T]]:
        if not self._values:
            return
        values, prefixes, firsts = self._values, self._prefixes, self._firsts
        min_suffix = min(self._suffix_lengths, default=0)
        for m in ALNUM.finditer(folded, start, end):
            w = m.group()
            suffix = bool(min_suffix) and len(w) > min_suffix and w.isdigit()
            if w[:2] not in firsts and not suffix:
                continue  # the common case: a word no key begins with
            s = m.start()
            if s > 0 and is_word(text[s - 1]):
                continue  # inside a word (after "_" or a mark): no match starts here
            best: tuple[int, T] | None = None
            acc, k_end = w, m.end()
            while True:
                found = values.get(acc)
                if found is not None and (k_end == end or not is_word(text[k_end])):
                    best = (k_end, found[0])
                if acc not in prefixes:
                    break
                nxt = _NEXT_ALNUM.match(folded, k_end, end)
                if nxt is None:
                    break
                acc, k_end = acc + nxt.group(1), nxt.end()
            if best is not None:
                plus = s - 1 >= start and text[s - 1] == "+" and (s < 2 or not is_word(text[s - 2]))
                yield (s - 1 if plus else s), best[0], best[1]
            elif suffix:
                hit = self._suffix_hit(text, s, m.end(), w, end)
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
        return key.isdigit() and any(
            key[d:] in self._prefixes for d in range(1, min(self.MAX_PREFIX, len(key) - 1) + 1)
        )
