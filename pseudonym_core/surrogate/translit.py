"""ASCII forms of names, for e-mail local parts and for matching a name written without its accents.

`anyascii` (ISC licence, maintained, pure data) transliterates every script; a few scripts need help
it cannot give from single characters: Korean family names have customary spellings ("김" is "Kim",
not "Gim"), Japanese kanji are read as Japanese and not as Chinese, Arabic script leaves out short
vowels ("محمد" would be "mhmd"), and Greek "ου" is "ou". The name pools carry the romanisations
of their own names (`namepools.romanized`), which win over the character-by-character reading.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_GREEK_OU = re.compile("ου|Ου|ΟΥ|ού|Ού")
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


@lru_cache(maxsize=4096)
def to_ascii(text: str, chinese: bool = False) -> str:
    """`text` in ASCII letters, keeping spaces and hyphens ("Phạm Thu Hà" → "Pham Thu Ha").

    Kanji are read the Japanese way when the pools know the name, unless `chinese` says the name
    is Chinese ("林" is "Lin" in Chinese and "Hayashi" in Japanese)."""
    if text.isascii():
        return text
    from .namepools import romanized

    table = {} if chinese else romanized()
    words = re.split(r"(\s+|-)", text)
    out = []
    for w in words:
        if w in table:
            out.append(table[w])
        elif w.isascii():
            out.append(w)
        else:
            w = _GREEK_OU.sub(lambda m: "Ou" if m.group(0)[0].isupper() else "ou", w)
            ascii_w = anyascii(unicodedata.normalize("NFC", w)).replace("'", "")  # soft signs
            # CJK syllables come back capitalised one by one ("WangWei"): one name is one word
            out.append(ascii_w[:1] + ascii_w[1:].lower() if _mixed_caps(ascii_w) else ascii_w)
    return "".join(out)


def _mixed_caps(word: str) -> bool:
    return sum(c.isupper() for c in word[1:]) > 0 and not word.isupper()


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: the form names take inside e-mail addresses."""
    if text.isascii():
        return text.lower() if text.isalnum() else _NON_ALNUM.sub("", text).lower()
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if stripped.isascii():  # Latin letters with accents: the common case, and much faster
        return _NON_ALNUM.sub("", stripped).lower()
    return _NON_ALNUM.sub("", to_ascii(text)).lower()
