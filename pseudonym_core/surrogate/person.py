"""Component-consistent person surrogates (rule 3).

A name is split into given names, family names, initials and particles; each part is mapped
once per session and reused, so "John Smith", "Smith", "J. Smith" and "Smith, John" all land on
the same invented person. Gender, script and origin come from the name pools where known.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from .base import Generated, SurrogateContext, match_case, pick
from .pools import UNSPACED_SCRIPTS, is_plain_word, name_index, script_of

PARTICLES = frozenset(
    """
    van von de da del della der den di du la le al el bin ibn ben dos das ter ten zu y
    """.split()
)
_PARTS = re.compile(r"(\s*,\s*|\s+|-)")
_INITIAL = re.compile(r"^[^\W\d_]\.?$")


def _roles(tokens: list[str], comma: bool, family_first: bool = False) -> list[str]:
    """Assign given / family / initial / particle to each token ("Smith, John" when comma;
    East Asian names written family name first)."""
    idx = name_index()
    roles = ["initial" if _INITIAL.match(t) else "particle" if t.casefold() in PARTICLES else "" for t in tokens]
    words = [i for i, r in enumerate(roles) if not r]
    if not words:
        return roles
    if comma or family_first:
        first_word = words[0]
        for i in words:
            roles[i] = "family" if i == first_word else "given"
        return roles
    if len(words) == 1:
        t = tokens[words[0]]
        roles[words[0]] = "given" if idx.is_given(t) else "family"
        return roles
    for i in words:
        roles[i] = "given"
    roles[words[-1]] = "family"
    return roles


def person_surrogate(original: str, ctx: SurrogateContext) -> Generated:
    script = script_of(original)
    idx = name_index()
    if script in UNSPACED_SCRIPTS and " " not in original.strip():
        return _unspaced(original, script, ctx)
    pieces = _PARTS.split(original)
    seps_comma = any("," in p for p in pieces[1::2])
    tokens = pieces[0::2]
    roles = _roles([t for t in tokens if t], seps_comma, family_first=script in UNSPACED_SCRIPTS)
    roles_iter = iter(roles)
    role_of = [next(roles_iter) if t else "" for t in tokens]
    given = [t for t, r in zip(tokens, role_of, strict=True) if r == "given"]
    family = [t for t, r in zip(tokens, role_of, strict=True) if r == "family"]
    locale = idx.origin_of(given, family, script)
    family_token = family[-1] if family else None
    out: list[str] = list(tokens)
    components: list[tuple[str, str, str]] = []
    for i, (tok, role) in enumerate(zip(tokens, role_of, strict=True)):
        if role in ("given", "family"):
            out[i] = ctx.component(tok) or _fresh(tok, role, locale, ctx)
            components.append((tok, out[i], "PERSON"))
    # initials last: they must not clash with another person who shares the surrogate surname
    family_surrogate = next((out[i] for i, r in enumerate(role_of) if r == "family"), None)
    for i, role in enumerate(role_of):
        if role == "initial":
            out[i] = _initial(tokens[i], family_token, family_surrogate, ctx)
    assembled = [out[i // 2] if i % 2 == 0 else pieces[i] for i in range(len(pieces))]
    return Generated("".join(assembled), components)


@lru_cache(maxsize=256)
def _candidates(locale: str, role: str, gender: str) -> list[str]:
    """Usable surrogate names for one locale, role and gender (computed once per process)."""
    idx = name_index()
    pool = idx.pools.get(locale) or idx.pools["en_US"]
    if role == "given":
        names = pool.male if gender == "m" else pool.female
        # prefer names whose gender is the same in every locale ("Andrea" is not)
        names = [c for c in names if idx.gender_of(c) == gender] or names or pool.male + pool.female
    else:
        names = pool.family
    # no English words ("Fox"), and nothing whose upper case does not round-trip ("ß" → "SS")
    return [c for c in names if " " not in c and not is_plain_word(c) and c.upper().lower() == c.lower()]


def _fresh(token: str, role: str, locale: str, ctx: SurrogateContext) -> str:
    idx = name_index()
    gender = (idx.gender_of(token) or ctx.rng.choice("mf")) if role == "given" else ""
    value = pick(ctx, _candidates(locale, role, gender)) or pick(ctx, idx.pools["en_US"].family) or _synthetic(ctx)
    return match_case(token, value)


def _synthetic(ctx: SurrogateContext) -> str:
    """Last resort when every pool name collides: a pronounceable invented name."""
    while True:
        value = "".join(ctx.rng.choice("bdfgklmnprstvz") + ctx.rng.choice("aeiou") for _ in range(3)).capitalize()
        if not ctx.is_taken(value):
            return value


def _initial(token: str, family: str | None, family_surrogate: str | None, ctx: SurrogateContext) -> str:
    letter = token[0]
    known = ctx.initial_for(letter, family)
    if known is None:
        # "J. Smith" beside "Alice Smith" → "A. Novak" would restore to the wrong person
        taken = ctx.initials_of(family_surrogate) if family_surrogate else set()
        choices = [c for c in string.ascii_uppercase if c != letter.upper() and c not in taken and not ctx.is_taken(c)]
        choices = choices or [c for c in string.ascii_uppercase if c != letter.upper()]
        known = ctx.rng.choice(choices)
    return match_case(letter, known) + token[1:]


def _unspaced(original: str, script: str, ctx: SurrogateContext) -> Generated:
    """CJK and Hangul names are written without spaces: replace family + given as a whole."""
    idx = name_index()
    locale = {"HANGUL": "ko_KR", "HIRAGANA": "ja_JP", "KATAKANA": "ja_JP"}.get(script, "zh_CN")
    pool = idx.pools[locale]
    for _ in range(200):
        given = ctx.rng.choice(pool.male + pool.female)
        value = ctx.rng.choice(pool.family) + given if len(original) > 1 else given
        if value != original and not ctx.is_taken(value):
            return Generated(value)
    return Generated(_synthetic(ctx))
