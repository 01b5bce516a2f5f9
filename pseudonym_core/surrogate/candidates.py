"""Which pool names may stand in for one part of a name.

Same culture and role, same gender (also the gender a family name's ending carries), same
letters (an ASCII "Pham" gets an ASCII surrogate, "Phạm" may get "Trần"), same particle ("van
der Meer" for "van der Berg", "O'Brien" for "O'Connor"), and, when the original part belongs to
one culture only ("Aoibheann"), a surrogate that belongs to that culture only too ("Caoimhe", not
"Emma", which every European pool has).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from .namepools import CULTURE, origin_index
from .pools import is_plain_word
from .surnames import has_forms, regender, surname_gender
from .translit import fold, to_ascii

#: A family name written with a prefix glued on: O'Connor, O’Brien, McCarthy, MacLeod.
_GLUED = re.compile(r"^(O['’]|Mc|Mac)(?=[A-Z])")
_MC = re.compile(r"^Mc([a-z])")
_ENOUGH = 8


def glued_prefix(token: str) -> str:
    m = _GLUED.match(token)
    return m.group(1).replace("’", "'") if m else ""


def token_cultures(token: str, role: str) -> frozenset[str]:
    """Cultures whose pools hold `token` in `role`, also without its accents when written so."""
    idx = origin_index()
    found = set(idx.locales(token, role)) | (idx.ascii_locales(token, role) if token.isascii() else set())
    return frozenset(CULTURE[loc] for loc in found)


def family_gender(token: str, culture: str) -> str:
    """'m' / 'f' for a family name whose form marks gender in its culture, 'u' otherwise."""
    if not has_forms(culture):
        return "u"
    idx = origin_index()
    genders = {g for loc, gs in idx.locales(token, "family").items() if CULTURE[loc] == culture for g in gs}
    if len(genders) == 1:
        return genders.pop()
    if genders:
        return "u"
    return surname_gender(token, culture) or "u"


@lru_cache(maxsize=4096)
def candidates(
    locale: str, role: str, gender: str, ascii_only: bool, cultures: frozenset[str] | None, prefix: str, hyphen: bool
) -> tuple[str, ...]:
    """Usable names for one part; `prefix` is the particle before it ("van der") or glued to it ("O'")."""
    pool = origin_index().pools.get(locale)
    if pool is None:
        return ()
    names = _usable_names(locale, role, gender, prefix, hyphen)
    if cultures is not None:  # keep a culture-specific name culture-specific
        allowed = cultures | {pool.culture}
        own = [n for n, theirs in zip(names, _cultures_of(names, role), strict=True) if theirs <= allowed]
        names = tuple(own) if len(own) >= _ENOUGH else names
    if ascii_only and pool.script == "LATIN":
        plain = [n for n in names if n.isascii()]
        names = tuple(plain) if len(plain) >= _ENOUGH else tuple(dict.fromkeys(to_ascii(n) for n in names))
    return tuple(dict.fromkeys(names))


def narrowed(
    names: tuple[str, ...], drop_folded: Collection[str], initial: str, avoid: frozenset[str]
) -> tuple[Sequence[str], Sequence[str]]:
    """(preferred, fallback) among `names` less those whose case-folded form is in `drop_folded`
    (the original part, the name's other parts): fallback avoids the original's `initial` where any
    name allows, preferred also the initials in `avoid`. In the pool's order, so a seeded session
    draws the same surrogates as a plain filter of the pool would give it, at a fraction of the
    cost: the pool is split by initial once, and only the few dropped names are looked up."""
    pre, other = _by_initial(names, initial, avoid)
    folds = _by_fold(names)
    dropped = {n for f in drop_folded for n in folds.get(fold(f), ())}
    if not dropped:
        return (pre, other) if other else (_without(names, avoid), names)
    other = [c for c in other if c not in dropped]
    if other:
        return [c for c in pre if c not in dropped], other
    found = [c for c in names if c not in dropped]
    return _without(found, avoid), found


def _without(names: Sequence[str], avoid: frozenset[str]) -> list[str]:
    return [c for c in names if c[:1].upper() not in avoid]


@lru_cache(maxsize=4096)
def _by_initial(names: tuple[str, ...], initial: str, avoid: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    other = tuple(c for c in names if c[:1].upper() != initial)
    return tuple(_without(other, avoid)), other


@lru_cache(maxsize=1024)
def _by_fold(names: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in names:
        out.setdefault(fold(c), []).append(c)  # "Yilmaz" is "Yılmaz" to a reader: one name
    return out


@lru_cache(maxsize=1024)
def _usable_names(locale: str, role: str, gender: str, prefix: str, hyphen: bool) -> tuple[str, ...]:
    """The part of `candidates` that does not depend on the original's cultures or letters.

    Cached apart because the cultures of the original vary with every name: the pool was
    filtered again for each, and every batch worker paid those misses anew (issue 10)."""
    idx = origin_index()
    pool = idx.pools[locale]
    culture = pool.culture
    if role == "family":
        names = _family(pool, gender)
    else:
        lists = pool.middle if role == "middle" and any(pool.middle.values()) else pool.given
        gendered = gender in ("m", "f")
        names = lists.get(gender, []) + lists.get("u", []) if gendered else _all(lists)
        if gendered:  # "Andrea" is a man in Italy and a woman elsewhere: avoid both-ways names
            sure = [n for n in names if idx.gender(n, "given", culture) in (gender, None)]
            names = sure if len(sure) >= _ENOUGH else names
    names = _with_prefix([_MC.sub(lambda m: "Mc" + m.group(1).upper(), n) for n in names], prefix)  # "Mccall"
    if culture == "korean" and not hyphen:  # "Minjun" written as one word: so is its surrogate
        names = [n.replace("-", "").capitalize() if "-" in n and n.isascii() else n for n in names]
    if hyphen and role == "given":
        compound = [n for n in names if "-" in n]
        names = compound if len(compound) >= _ENOUGH else names
    return tuple(n for n in names if _usable(n, hyphen, pool.script == "LATIN"))


@lru_cache(maxsize=1024)
def _cultures_of(names: tuple[str, ...], role: str) -> tuple[frozenset[str], ...]:
    """`token_cultures` of every pool name of one `_usable_names` list (pool data, no originals)."""
    return tuple(token_cultures(n, role) for n in names)


def _all(lists: dict[str, list[str]]) -> list[str]:
    return [n for g in ("m", "f", "u") for n in lists.get(g, [])]


def _family(pool: object, gender: str) -> list[str]:
    from .namepools import Pool

    assert isinstance(pool, Pool)
    if not has_forms(pool.culture):
        if gender in ("m", "f") and pool.family.get(gender):
            return pool.family[gender] + pool.family.get("u", [])
        return pool.all_family()
    if gender in ("m", "f"):
        names = pool.family.get(gender, [])
        if not names:  # only one form listed: derive the other ("Kowalski" → "Kowalska")
            other = pool.family.get("m" if gender == "f" else "f", [])
            names = [x for n in other if (x := regender(n, gender, pool.culture))]
        return names
    # a name that is the same for both ("Nowak") is replaced by one that is too, so "Jan Nowak"
    # and "Anna Nowak" stay one family
    unisex = [n for n in pool.family.get("u", []) if surname_gender(n, pool.culture) is None]
    return unisex or pool.all_family()


def _with_prefix(names: list[str], prefix: str) -> list[str]:
    if not prefix:
        return [n for n in names if not _GLUED.match(n) and " " not in n]
    if prefix in ("O'", "Mc", "Mac"):
        return [n.replace("’", "'") for n in names if glued_prefix(n) == prefix]
    low = prefix.casefold()
    after = [n[len(low) + 1 :] for n in names if n.casefold().startswith(low) and n[len(low) : len(low) + 1] in " -"]
    return after or [n for n in names if " " not in n]


def _usable(name: str, hyphen: bool, latin: bool) -> bool:
    """No English words ("Fox"), nothing whose upper case does not round-trip ("ß"), one word."""
    if len(name) < 2 or " " in name or ("-" in name and not hyphen) or name.upper().lower() != name.lower():
        return False
    return not (latin and is_plain_word(name))
