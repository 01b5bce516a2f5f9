"""Word frequencies from `wordfreq`, answered from tables cached on disk.

Importing wordfreq (its data lookup walks the call stack) and unpacking its English list cost
about a quarter of a second in every new process, and the sixteen foreign lists that tell a
French or Polish word from a name cost seconds: too much for a chat worker's first call
(issue 10's cold start). The tables are derived once and stored with the word cache
(`pseudonym_core/wordcache.py`, keyed by the wordfreq version and this file). A plain
lower-case ASCII word is its own token and is looked up directly; any other word is tokenised
by wordfreq's own tokeniser (case folding, NFC, Turkish dotted i…) and looked up when it is one
token without digits, else passed to wordfreq whole. Every answer equals wordfreq's
(tests/core/test_frequency.py).
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from functools import lru_cache

from .. import wordcache

_PLAIN = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


#: English frequencies below this read as 0: every caller asks whether a word is at least this
#: frequent (3.0, 3.5, 6.0), and the ~290,000 rarer words would cost 65 MB in every process.
ENGLISH_FLOOR = 3.0


def english_zipf(word: str) -> float:
    """`wordfreq.zipf_frequency(word, "en")` when it is at least ENGLISH_FLOOR, else 0."""
    tokens = [word] if _PLAIN.fullmatch(word) else _tokens(word, "en")
    if not tokens:
        return 0.0  # punctuation only: wordfreq's minimum
    if len(tokens) == 1 and not _DIGIT.search(tokens[0]):
        return _english().get(tokens[0], 0.0)
    if any(_smashed(t) not in _english() for t in tokens):
        return 0.0  # several tokens (or digits) are rarer than each: below the floor if one is
    from wordfreq import zipf_frequency

    z = zipf_frequency(word, "en")
    return z if z >= ENGLISH_FLOOR else 0.0


def frequent_in_any(word: str, langs: tuple[str, ...], floor: float) -> bool:
    """Whether `wordfreq.zipf_frequency(word, lang) >= floor` for one of `langs`.

    One set holds the frequent words of all of them (a word is often frequent in several): a token
    that one language's tokeniser makes of `word` is looked up in it whichever language made it
    frequent. Tokenisers differ only in a few letters (Turkish dotted i), which is no concern for
    telling a foreign word from a name."""
    frequent = _frequent(langs, floor)
    if _PLAIN.fullmatch(word):
        return word in frequent
    for lang in langs:
        tokens = _tokens(word, lang)
        if len(tokens) == 1 and not _DIGIT.search(tokens[0]):
            if tokens[0] in frequent:
                return True
            continue
        if not tokens or any(_smashed(t) not in frequent for t in tokens):
            continue  # several tokens (or digits) are rarer than each: not frequent if one is not
        from wordfreq import zipf_frequency

        if zipf_frequency(word, lang) >= floor:
            return True
    return False


def listed(word: str, lang: str, floor: float) -> bool:
    """Whether `word` stands as one entry of `lang`'s list at `floor` or above, untokenised: for a
    name that may spell a word ("安静") and for languages whose tokeniser needs MeCab (Korean,
    Japanese), which we do not install."""
    return word in _frequent((lang,), floor)


def _tokens(word: str, lang: str) -> list[str]:
    """wordfreq's tokens for `word` in `lang`; one token without digits is looked up as it stands."""
    from wordfreq.tokens import lossy_tokenize

    return lossy_tokenize(word, lang)


def _smashed(token: str) -> str:
    """The list entry a token with digits is counted under ("1990s" → "0000s"), as wordfreq does."""
    from wordfreq import smash_numbers

    return smash_numbers(token)


@lru_cache(maxsize=1)
def _english() -> dict[str, float]:
    def build() -> dict[str, float]:
        return _table("en", ENGLISH_FLOOR)

    return wordcache.cached_value("zipf-en", build, packages=("wordfreq",), sources=[__file__])


class SortedWords:
    """A sorted word list in one string, searched by bisection: the ~330,000 frequent words of
    sixteen languages take 4 MB this way and 60 MB as a set of strings (issue 10's memory bound)."""

    def __init__(self, joined: str) -> None:
        self._text = joined
        ends = [m.start() for m in re.finditer("\n", joined)]
        self._starts = array("I", [0, *(e + 1 for e in ends[:-1])]) if ends else array("I")
        self._ends = array("I", ends)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        return self._text[self._starts[i] : self._ends[i]]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or "\n" in word:
            return False
        i = bisect_left(self, word)
        return i < len(self) and self[i] == word


@lru_cache(maxsize=8)
def _frequent(langs: tuple[str, ...], floor: float) -> SortedWords:
    def build() -> str:
        return "".join(w + "\n" for w in sorted({w for lang in langs for w in _table(lang, floor) if "\n" not in w}))

    name = f"frequent-{floor}-{'-'.join(langs)}"
    return SortedWords(wordcache.cached_value(name, build, packages=("wordfreq",), sources=[__file__]))


def _table(lang: str, floor: float = 0.0) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    out = {}
    for token, freq in get_frequency_dict(lang).items():
        if (z := _zipf(freq)) >= floor:
            out[token] = z
    return out


def _zipf(freq: float) -> float:
    """wordfreq's rounding for a one-token word: three significant digits, then two decimals."""
    rounded = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)
