"""Logins built from a person named in the same text: "Ivana Horvat (ihorvat)", "from tbrown,
Tyrone Brown", "on LinkedIn as summer-r-bishop", "Elif Yılmaz … elif.yilmaz.34".

Company directories and sites build user names from the person's name: initial and family name,
both names joined or separated, a middle initial, a number at the end. No cue is needed when the
text itself names the person: a token that is such a form of a kept PERSON is that person's login,
and leaving it in clear gives the name away letter by letter. The name detectors find the person
first; this rule only reads what they kept, so it never invents a person.

A form needs both a given and a family part (or an initial and a family name of at least three
letters), so "hunter" stays a word next to "Hunter Parata" and "hparata" does not.
"""

from __future__ import annotations

import re
import unicodedata

from ..detect.base import Span
from .explain import Trace
from .index import span_map

_TOKEN = re.compile(r"(?<![\w@.+/-])[A-Za-z][A-Za-z0-9._-]{1,38}[A-Za-z0-9](?![\w@/-]|\.[A-Za-z0-9])")
_NAME_WORD = re.compile(r"[^\W\d_]+")
#: Letters NFKD does not take apart: "Yılmaz" is "yilmaz" in a login, "Łukasz" is "lukasz".
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe"})
LOGIN_SCORE = 0.75
MIN_FAMILY = 3


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_FOLD))
    return "".join(c for c in decomposed if c.isascii() and c.isalpha())


def _forms(words: list[str]) -> tuple[set[str], set[tuple[str, str]]]:
    """Joined forms ("ihorvat", "ivanahorvat", "horvati") and (first, second) part pairs of a name
    of two or more words, in both orders (many cultures write the family name first)."""
    joined: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    splits = [(words[:1], words[1:]), (words[:-1], words[-1:]), (words[:1], words[-1:])]  # middle names skipped
    for given_words, family_words in splits:
        for given, family in ((given_words, family_words), (family_words, given_words)):
            g, f = "".join(given), "".join(family)
            if len(f) < MIN_FAMILY or not g:
                continue
            joined.update({g[0] + f, g + f})
            pairs.update({(g, f), (g[0], f)})
            joined.update({f + g, f + g[0]} if len(g) >= MIN_FAMILY else set())
    return joined, pairs


def _person_names(text: str, kept: list[Span]) -> list[list[str]]:
    """The words of each kept person name. Spans of one name from several detectors ("Summer" and
    "Rose Bishop", not merged yet at this stage) are joined, and so is "Virtanen, Aleksi"."""
    people = sorted((s for s in kept if s.label == "PERSON"), key=lambda s: s.start)
    runs: list[list[int]] = []
    for s in people:
        if runs and s.start <= runs[-1][1] + 1 and not text[runs[-1][1] : s.start].strip():
            runs[-1][1] = max(runs[-1][1], s.end)
        else:
            runs.append([s.start, s.end])
    names = [[_fold(w) for w in _NAME_WORD.findall(text, a, b)] for a, b in runs]
    for k in range(len(runs) - 1):
        if text[runs[k][1] : runs[k + 1][0]].strip() == ",":
            names.append(names[k] + names[k + 1])
    return [[w for w in n if w] for n in names if sum(1 for w in n if w) >= 2]


def _matches(token: str, joined: set[str], pairs: set[tuple[str, str]]) -> bool:
    core = re.sub(r"[._-]*\d+$", "", token).casefold()
    parts = [p for p in re.split(r"[._-]+", core) if p and not p.isdigit()]
    if not parts:
        return False
    if "".join(parts) in joined or any(p in joined and len(p) >= 5 for p in parts):
        return True  # "ihorvat", "aben-david", "xfy_yrivera"
    names = [p for p in parts if len(p) > 1] if len(parts) > 2 else parts  # "summer-r-bishop"
    if len(names) != 2:
        return False
    first, second = names
    return any(
        first == g and (second == f or (len(second) >= MIN_FAMILY and f.startswith(second))) for g, f in pairs
    )  # "elif.yilmaz", "ailsa.mcg"


def login_spans(text: str, kept: list[Span], trace: Trace) -> list[Span]:
    """USERNAME spans for tokens of the text that are logins of a kept person."""
    from .words import is_dictionary_word

    names = _person_names(text, kept)
    if not names:
        return []
    joined: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for words in names:
        j, p = _forms(words)
        joined |= j
        pairs |= p
    taken = span_map(len(text), kept)
    out = []
    for m in _TOKEN.finditer(text):
        token = m.group()
        if not (token.islower() or token.isupper()) or is_dictionary_word(token):
            continue
        if any(taken[m.start() : m.end()]):
            continue
        if _matches(token, joined, pairs):
            span = Span(m.start(), m.end(), "USERNAME", LOGIN_SCORE, "login")
            trace.note(span, "a login built from the name of a person in the text")
            out.append(span)
    return out
