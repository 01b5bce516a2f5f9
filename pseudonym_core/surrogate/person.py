"""Component-consistent person surrogates that keep the name's origin (rule 3).

A name is read into given names, family names, initials, particles and titles (`names.parse`),
its origin is told from the name itself (`origin.detect_origin`), and each part is mapped once
per session and reused, so "John Smith", "Smith", "J. Smith" and "Smith, John" all land on the
same invented person, and "Phạm Thu Hà" lands on another Vietnamese woman written family name
first. Particles and titles stay; gender, script and accent style follow the original.
"""

from __future__ import annotations

import string
from collections.abc import Collection
from functools import lru_cache

from .base import Generated, SurrogateContext, match_case, pick
from .candidates import candidates, family_gender, glued_prefix, narrowed, token_cultures
from .namepools import CULTURE, origin_index
from .names import PARTICLES, ParsedName, parse, vi_gender
from .origin import SCRIPT_LOCALE
from .pools import UNSPACED_SCRIPTS, script_of
from .surnames import forms, has_forms, regender

__all__ = ["PARTICLES", "person_surrogate"]


def person_surrogate(original: str, ctx: SurrogateContext) -> Generated:
    script = script_of(original)
    if script in UNSPACED_SCRIPTS and " " not in original.strip():
        return _unspaced(original, script, ctx)
    name = parse(original)
    gender = _gender(name)
    out = list(name.tokens)
    components: list[tuple[str, str, str]] = []
    # family names first: a new given name must not share its initial with another person who
    # has the same surrogate surname, or "C. Iroha" could restore to either of them (rule 3)
    order = sorted(range(len(name.tokens)), key=lambda i: name.roles[i] != "family")
    family_surrogate: str | None = None
    # parts drawn for this name so far (original → surrogate): the session learns them only after
    # the call, so without this "Phạm Thu Hà" could become "Trần Giang Giang", and "Hà" alone,
    # whose component could not be stored (rule 4: "Giang" already stood for "Thu"), another name
    drawn: dict[str, str] = {}
    for i in order:
        tok, role = name.tokens[i], name.roles[i]
        if role in ("given", "family"):
            known = ctx.component(tok) or drawn.get(tok.casefold())
            avoid = ctx.initials_of(family_surrogate) if role == "given" and family_surrogate else set()
            out[i] = match_case(tok, known) if known else _fresh(name, i, gender, ctx, avoid, set(drawn.values()))
            drawn.setdefault(tok.casefold(), out[i])
            components.append((tok, out[i], "PERSON"))
            if role == "family" and family_surrogate is None:
                family_surrogate = out[i]
    # initials last: they must not clash with another person who shares the surrogate surname
    family = name.words("family")
    for i, role in enumerate(name.roles):
        if role == "initial":
            out[i] = _initial(name.tokens[i], family[-1] if family else None, family_surrogate, ctx)
    return Generated(name.assemble(out), components)


#: The first lineage word of an Arabic or Malay name tells whose child the person is: a daughter
#: ("هيفاء بنت خالد", "Siti binti Ahmad") or a son ("عبدالله بن سعد", "Ahmad bin Ali").
_LINEAGE_GENDER = {
    **dict.fromkeys("بنت ابنة bint binti binte bte".split(), "f"),
    **dict.fromkeys("بن ابن bin ibn".split(), "m"),
}


def _lineage_gender(name: ParsedName) -> str | None:
    first = next(iter(name.words("particle")), "")
    return _LINEAGE_GENDER.get(first.casefold())


def _gender(name: ParsedName) -> str:
    """The person's gender as far as the name tells: a given name, "Thị", "bint", or a "-ska" ending."""
    lineage = _lineage_gender(name)  # before the given names: the father's name after "bint" is a man's
    if lineage:
        return lineage
    idx = origin_index()
    culture = name.origin.culture
    for tok in name.words("given"):
        g = idx.gender(tok, "given", culture)
        if g:
            return g
    g = vi_gender(name)
    if g:
        return g
    for tok in name.words("family"):
        g = family_gender(tok, culture)
        if g != "u":
            return g
    return ""


def _fresh(
    name: ParsedName,
    i: int,
    gender: str,
    ctx: SurrogateContext,
    avoid: set[str] | None = None,
    used: Collection[str] = (),
) -> str:
    """A new surrogate part for token `i`: not the original, not another part of this name (`used`),
    not starting with the original part's own initial where the pool allows (the initials "J.S." of
    a surrogate for "John Smith" would tell them, and an e-mail "JS@…" rebuilt from it would equal
    the original's local part), and, for a given name, not starting with an initial in `avoid`."""
    used_folded = {u.casefold() for u in used}
    tok, role = name.tokens[i], name.roles[i]
    culture = name.origin.culture
    if role == "given":
        g = origin_index().gender(tok, "given", culture) or gender or ctx.rng.choice("mf")
        prefix = ""
    else:
        # gendered forms ("-ska") decide where the culture has them; elsewhere pools may still keep
        # men's and women's family names apart (Akan "Afrakomaa" is a woman's)
        g = family_gender(tok, culture) if has_forms(culture) else gender or "u"
        prefix = glued_prefix(tok) or _particles_before(name, i)
        linked = _family_form(tok, g, culture, ctx)
        if linked:
            return match_case(tok, linked)
    cultures = token_cultures(tok, role) or None  # an unknown name: any name of the culture will do
    for with_prefix in dict.fromkeys((prefix, "")):  # "O'Connor" → another "O'…" where any pool has one
        for loc in _locales(name):
            names = candidates(loc, role, g, tok.isascii(), cultures, with_prefix, "-" in tok)
            drop = used_folded | {t.casefold() for t in name.tokens}  # no part of the original, anywhere
            preferred, other = narrowed(names, drop, tok[:1].upper(), frozenset(avoid or ()))
            value = pick(ctx, preferred) or pick(ctx, other)
            if value:
                if with_prefix and glued_prefix(tok):
                    value = tok[: len(with_prefix)] + value[len(with_prefix) :]  # the original's apostrophe
                return match_case(tok, value)
    return match_case(tok, _synthetic(ctx))


def _family_form(tok: str, gender: str, culture: str, ctx: SurrogateContext) -> str | None:
    """ "Kowalska" after "Kowalski" → "Nowakowski": the same surrogate family, in her form."""
    if gender not in ("m", "f") or not has_forms(culture):
        return None
    other = "f" if gender == "m" else "m"
    for form in forms(tok, other, culture):
        known = ctx.component(form)
        if known:
            value = regender(known, gender, culture, _known_family(culture))
            if value and not ctx.is_taken(value):
                return value
    return None


@lru_cache(maxsize=64)
def _known_family(culture: str) -> frozenset[str]:
    idx = origin_index()
    return frozenset(n for pool in idx.pools.values() if pool.culture == culture for n in pool.all_family())


def _particles_before(name: ParsedName, i: int) -> str:
    """ "van der" before "Berg": the surrogate family must be one that follows "van der" too."""
    parts: list[str] = []
    j = i - 1
    while j >= 0 and name.roles[j] == "particle":
        parts.insert(0, name.tokens[j])
        j -= 1
    return " ".join(parts)


def _locales(name: ParsedName) -> list[str]:
    """The origin's pool first, then its culture's other pools in the same script, then the script's default."""
    idx = origin_index()
    origin = name.origin
    same = [loc for loc, pool in idx.pools.items() if CULTURE[loc] == origin.culture and pool.script == origin.script]
    primary = idx.primary(origin.culture, origin.script)
    order = [origin.locale, *([primary] if primary else []), *same, SCRIPT_LOCALE.get(origin.script, "en_US"), "en_US"]
    return list(dict.fromkeys(loc for loc in order if loc in idx.pools))


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
    """CJK, Hangul and kana names are written without spaces: replace family + given as a whole,
    keeping the culture (a kanji family name is Japanese, not Chinese), the length of each part,
    and the gender of the given name where the pools know it."""
    idx = origin_index()
    loc, fam_len = _unspaced_origin(original, script)
    pool = idx.pools[loc]
    given_part = original[fam_len:]
    gender = idx.gender(given_part, "given", pool.culture) if given_part else None
    givens = (
        pool.given.get(gender, []) + pool.given.get("u", [])
        if gender
        else [n for g in ("m", "f", "u") for n in pool.given.get(g, [])]
    )
    givens = [g for g in givens if len(g) == len(given_part)] or givens
    families = [f for f in pool.all_family() if len(f) == fam_len] or pool.all_family()
    for _ in range(200):
        value = (ctx.rng.choice(families) if fam_len else "") + ctx.rng.choice(givens)
        if value != original and not ctx.is_taken(value) and not _spells_a_word(value, loc):
            return Generated(value)
    return Generated(_synthetic(ctx))


#: A surrogate this frequent as a word of its language would be read as that word.
WORD_ZIPF = 3.0


def _spells_a_word(value: str, loc: str) -> bool:
    """ "安" + "静" is also 安静 (quiet), "王" + "国" 王国 (a kingdom): the model would read the
    word, and every later "安静" in its answer would be taken for the name."""
    from ..decide.frequency import listed

    return listed(value, {"ko_KR": "ko", "ja_JP": "ja"}.get(loc, "zh"), WORD_ZIPF)


def _unspaced_origin(original: str, script: str) -> tuple[str, int]:
    """(pool, length of the family name) for an unspaced name."""
    idx = origin_index()
    if script == "HANGUL":
        locs = ["ko_KR"]
    elif script in ("HIRAGANA", "KATAKANA"):
        locs = ["ja_JP"]
    else:
        locs = ["ja_JP", "zh_CN", "zh_TW"]
    for loc in locs:
        families = set(idx.pools[loc].all_family())
        for n in (3, 2, 1):
            if len(original) > n and original[:n] in families:
                if loc == "ja_JP" and n == 1 and script == "CJK":
                    continue  # a one-character family name is Chinese far more often
                return loc, n
    default = {"HANGUL": "ko_KR", "HIRAGANA": "ja_JP", "KATAKANA": "ja_JP"}.get(script, "zh_CN")
    # no known family name: Chinese and Korean ones are one syllable; a kana name alone is a given name
    return default, (1 if len(original) >= 2 and default != "ja_JP" else 0)
