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
from functools import lru_cache

from .. import wordcache

_PLAIN = re.compile(r"[a-z]+")


def english_zipf(word: str) -> float:
    """`wordfreq.zipf_frequency(word, "en")`: 0 for a word it does not know."""
    token = word if _PLAIN.fullmatch(word) else _one_token(word, "en")
    if token is not None:
        return _english().get(token, 0.0)
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def frequent_in_any(word: str, langs: tuple[str, ...], floor: float) -> bool:
    """Whether `wordfreq.zipf_frequency(word, lang) >= floor` for one of `langs`."""
    frequent = _frequent(langs, floor)
    if _PLAIN.fullmatch(word):
        return any(word in frequent[lang] for lang in langs)
    for lang in langs:
        token = _one_token(word, lang)
        if token is not None:
            if token in frequent[lang]:
                return True
            continue
        from wordfreq import zipf_frequency

        if zipf_frequency(word, lang) >= floor:
            return True
    return False


def _one_token(word: str, lang: str) -> str | None:
    """wordfreq's token for `word` in `lang`, when it is one token without digits (whose
    frequency is the list's entry as it stands); None otherwise."""
    from wordfreq.tokens import lossy_tokenize

    tokens = lossy_tokenize(word, lang)
    if len(tokens) != 1 or any(c.isdigit() for c in tokens[0]):
        return None
    return tokens[0]


@lru_cache(maxsize=1)
def _english() -> dict[str, float]:
    return wordcache.cached_value("zipf-en", lambda: _table("en"), packages=("wordfreq",), sources=[__file__])


@lru_cache(maxsize=4)
def _frequent(langs: tuple[str, ...], floor: float) -> dict[str, frozenset[str]]:
    def build() -> dict[str, list[str]]:
        return {lang: sorted(_table(lang, floor)) for lang in langs}

    name = f"frequent-{floor}-{'-'.join(langs)}"
    lists = wordcache.cached_value(name, build, packages=("wordfreq",), sources=[__file__])
    return {lang: frozenset(words) for lang, words in lists.items()}


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
