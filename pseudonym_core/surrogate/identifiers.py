"""Surrogates for identifiers and user names that keep their shape (rule 5).

A support agent's model must still see that "CUST-2291-0417" is a customer number of the same
system as "CUST-8812-5530", and that "lena.k" is a login rather than a full name. So known prefixes,
separators, letter case, length and the digit-suffix style survive; every character that carries
the identity is drawn afresh from the session's randomness (the session keeps one surrogate per
original, so the same ID maps to the same surrogate everywhere).
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from ..detect.bare_numbers import DIGIT_WORDS
from .base import Generated, SurrogateContext, match_case

#: A company prefix in front of the number: "CUST-", "MBR-", "INC", "POL/".
_PREFIX = re.compile(r"^([A-Z]{2,6}|[a-z]{2,6})(?=[-_/ ]?\d)")
_RUN = re.compile(r"[^\W\d_]+|\d+|[\W_]+")


def _fresh_digits(ctx: SurrogateContext, run: str) -> str:
    out = "".join(ctx.rng.choice(string.digits) for _ in run)
    if len(run) > 1 and run[0] != "0" and out[0] == "0":
        out = ctx.rng.choice("123456789") + out[1:]  # "0" only where the original had a leading zero
    return out


def _fresh_letters(ctx: SurrogateContext, run: str) -> str:
    out = []
    for c in run:
        if c.isupper():
            out.append(ctx.rng.choice(string.ascii_uppercase))
        elif c.islower():
            out.append(ctx.rng.choice(string.ascii_lowercase))
        else:
            out.append(c)
    return "".join(out)


#: Digits read out as words ("six six two zero four one eight"): each word is a digit, drawn afresh.
_SPOKEN_WORD = re.compile(r"[A-Za-z]+")


def _spoken(original: str, ctx: SurrogateContext) -> str | None:
    """A run of digit words (with a few spelled letters before it) keeps its shape: words stay digit
    words, letters letters."""
    words = _SPOKEN_WORD.findall(original)
    digits = [w for w in words if w.casefold() in DIGIT_WORDS]
    if len(digits) < 6 or any(len(w) > 1 and w.casefold() not in DIGIT_WORDS for w in words):
        return None

    def fresh(m: re.Match[str]) -> str:
        word = m.group()
        if word.casefold() in DIGIT_WORDS:
            return match_case(word, ctx.rng.choice([w for w in DIGIT_WORDS if w != "oh"]))
        return _fresh_letters(ctx, word)

    return _SPOKEN_WORD.sub(fresh, original)


def identifier(original: str, ctx: SurrogateContext) -> Generated:
    """Same prefix, separators, case and length; fresh digits and letters."""
    spoken = _spoken(original, ctx)
    if spoken is not None:
        return Generated(spoken)
    prefix = ""
    m = _PREFIX.match(original)
    if m and sum(c.isdigit() for c in original) >= 3:
        prefix = m.group(1)
    body = original[len(prefix) :]
    out = []
    for run in _RUN.findall(body):
        if run.isdigit():
            out.append(_fresh_digits(ctx, run))
        elif run[0].isalpha():
            out.append(_fresh_letters(ctx, run))
        else:
            out.append(run)
    return Generated(prefix + "".join(out))


@lru_cache(maxsize=1)
def _login_words() -> dict[int, list[str]]:
    """ASCII given and family names by length, the raw material of made-up logins."""
    from .pools import COMMON_WORDS, is_plain_word, name_index

    by_len: dict[int, list[str]] = {}
    for loc in ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "sv_SE"):
        pool = name_index().pools.get(loc)
        if pool is None:
            continue
        for name in {*pool.male, *pool.female, *pool.family}:
            word = name.casefold()
            if word.isascii() and word.isalpha() and word not in COMMON_WORDS and not is_plain_word(word):
                by_len.setdefault(len(word), []).append(word)
    for words in by_len.values():
        words.sort()
    return by_len


def _name_like(ctx: SurrogateContext, run: str) -> str:
    """A name of about the same length for a name-like run of a login ("kelly" → "moran")."""
    known = ctx.component(run)
    if known is not None and " " not in known:
        return match_case(run, known)  # the login follows the surrogate person, as e-mails do
    pools = _login_words()
    for delta in (0, 1, -1, 2, -2):
        words = pools.get(len(run) + delta)
        if words:
            for _ in range(20):
                word = ctx.rng.choice(words)
                if not ctx.is_taken(word):
                    return match_case(run, word)
    return _fresh_letters(ctx, run)


#: Parts of a login that name a role or a topic, not the person: kept as they are.
ROLE_WORDS = frozenset(
    """
    support admin team info dev devs official real the sales help service services ops it hr bot mod tech news
    shop store music art photo photos travel gaming games fan fans club hq office desk agent user guest test
    """.split()
)


def username(original: str, ctx: SurrogateContext) -> Generated:
    """Keeps separators, the digit-suffix style and role words ("support_"), changes the person part."""
    out = []
    for run in _RUN.findall(original):
        if run.isdigit():
            out.append(_fresh_digits(ctx, run))
        elif not run[0].isalpha():
            out.append(run)
        elif len(run) <= 2:
            out.append(_fresh_letters(ctx, run))
        elif run.casefold() in ROLE_WORDS and ctx.component(run) is None:
            out.append(run)  # "support", "team", "dev": a role, not the person
        else:
            out.append(_name_like(ctx, run))
    value = "".join(out)
    if value.casefold() == original.casefold():  # nothing personal to vary: vary the letters
        value = "".join(_fresh_letters(ctx, r) if r[0].isalpha() else r for r in _RUN.findall(value))
    return Generated(value)
