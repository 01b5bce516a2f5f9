"""Type-matched surrogates for places and organizations.

A country becomes another country, a US state another state, a street address another
address of the same shape, a city a real mid-sized city: the model keeps reasoning about the
right kind of place without learning which one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Generated, SurrogateContext, match_case, pick
from .pools import CITIES, COMMON_WORDS, name_index
from .values import _digits

ORG_GENERIC = frozenset(
    """
    inc inc. ltd ltd. llc plc gmbh ag sa s.a. corp corp. corporation company co co. group bank
    hospital university college school clinic foundation holdings partners associates solutions
    technologies systems labs laboratories insurance services pharma pharmaceuticals capital
    consulting media of the and & center centre institute trust agency airlines motors energy health
    medical international global software bv nv kg ab oy as spa srl court tribunal consulate embassy ministry
    office council police registry department museum library authority commission municipal district county
    """.split()
)
_STEMS = (
    "Vantor", "Northwind", "Bluepeak", "Corvana", "Helvix", "Stratova", "Orbisco", "Quillon", "Meridex",
    "Tessell", "Arcadix", "Pinecrest", "Silverline", "Kestrova", "Lumora", "Obsidra", "Harborly", "Ironwell",
    "Novacore", "Redfern", "Altamira", "Brightwater", "Calderon", "Dunmore", "Everly", "Fairhaven",
)  # fmt: skip
_STREET_WORDS = frozenset(
    """
    street st avenue ave road rd boulevard blvd drive dr lane ln court ct place pl way terrace apt
    apartment suite ste unit flat floor via viale corso piazza rua avenida calle rue strasse straße
    north south east west n s e w ne nw se sw box po p.o. hse blk block lot no plot
    """.split()
)


@lru_cache(maxsize=1)
def _geo() -> tuple[list[str], list[str]]:
    """Faker's countries without their glosses: "Antarctica (the territory South of 60 deg S)" is no
    name a text writes, and as a surrogate it gave the model a bracket no answer repeats."""
    import faker.providers.address.en_US as us

    countries = dict.fromkeys(re.sub(r"\s*\([^)]*\)", "", c).strip() for c in us.Provider.countries)
    return list(countries), list(us.Provider.states)


def location(original: str, ctx: SurrogateContext) -> Generated:
    countries, states = _geo()
    folded = original.casefold()
    if any(c.isdigit() for c in original):
        return _address(original, ctx)
    for pool in (countries, states):
        if folded in {p.casefold() for p in pool}:
            value = pick(ctx, [p for p in pool if p.casefold() != folded])
            if value:
                return Generated(match_case(original, value))
    native = _script_places(original)
    if native:
        return Generated(pick(ctx, [p for p in native if p != original]) or _fallback_word(ctx))
    return Generated(match_case(original, pick(ctx, list(CITIES)) or _fallback_word(ctx)))


#: Faker's place lists written in each script: a place named in its own script gets a place of the
#: same script ("Москва" → "Абакан"), not a Latin city in the middle of the sentence. Only scripts
#: that space their words: in Chinese, Japanese, Korean or Thai a surrogate stands inside a run of
#: letters, where one of their own script could not be told from the words around it on the way
#: back (restore/index.py), and a Latin one can; those rows list no places. The first row whose
#: letters the name holds decides.
_SCRIPT_PLACES: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("\u3040", "\u30ff", ()), ("\u3400", "\u9fff", ()), ("\uac00", "\ud7af", ()),  # kana, Han, Hangul
    ("\u0400", "\u04ff", (("ru_RU", "city_names"),)), ("\u0370", "\u03ff", (("el_GR", "cities"),)),
    ("\u0e00", "\u0e7f", ()),  # Thai
    ("\u0590", "\u05ff", (("he_IL", "city_names"),)), ("\u0900", "\u097f", (("hi_IN", "cities"),)),
    ("\u0600", "\u06ff", (("fa_IR", "states"),)),
)  # fmt: skip


def _script_places(value: str) -> tuple[str, ...]:
    """The places of the script `value` is written in (empty for Latin and unspaced scripts)."""
    for low, high, sources in _SCRIPT_PLACES:
        if any(low <= c <= high for c in value):
            return _places_of(sources)
    return ()


@lru_cache(maxsize=16)
def _places_of(sources: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    import importlib

    out: list[str] = []
    for locale, attr in sources:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        out += [str(p) for p in getattr(provider, attr, ()) if re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", str(p))]
    return tuple(sorted(set(out)))


def _address(original: str, ctx: SurrogateContext) -> Generated:
    """Numbers get fresh digits, names get surnames; street types, units and layout stay."""
    family = [n for n in name_index().pools["en_US"].family if n.casefold() not in COMMON_WORDS]
    out = []
    for tok in re.split(r"(\W+)", original):
        if not tok or not tok[0].isalnum():
            out.append(tok)
        elif tok.isdigit():
            out.append(_digits(ctx, len(tok), first_nonzero=len(tok) > 1))
        elif any(c.isdigit() for c in tok):
            out.append("".join(_digits(ctx, 1) if c.isdigit() else c for c in tok))
        elif tok.casefold() in _STREET_WORDS or len(tok) <= 2:
            out.append(tok)
        else:
            out.append(match_case(tok, pick(ctx, family) or _fallback_word(ctx)))
    return Generated("".join(out))


#: Words between an institution and its place, kept as written: "Court in Prague", "Consulat à Paris".
_SEAT_WORDS = frozenset("in at for de du des di del della à a im zu für w we".split())


def organization(original: str, ctx: SurrogateContext) -> Generated:
    tokens = re.split(r"(\s+)", original)
    words = [t for t in tokens[0::2] if t]
    n_stem = sum(1 for w in words if w.casefold() not in ORG_GENERIC) or 1
    stems = []
    for _ in range(min(n_stem, 2)):
        stems.append(pick(ctx, [s for s in _STEMS if s not in stems]) or _fallback_word(ctx))
    out, replaced, prev = [], False, ""
    for i, tok in enumerate(tokens):
        if i % 2 or tok.casefold() in ORG_GENERIC or tok.casefold() in _SEAT_WORDS or not tok:
            out.append(tok)
        elif not replaced:
            out.append(match_case(tok, " ".join(stems)))
            replaced = True
        elif prev in _SEAT_WORDS or prev == "of":  # the place after "in"/"of": "Court in Prague" → "… in Orvane"
            out.append(match_case(tok, pick(ctx, [s for s in _STEMS if s not in stems]) or _fallback_word(ctx)))
        else:
            out.append("")
        if not i % 2 and tok:
            prev = tok.casefold()
    value = re.sub(r"\s{2,}", " ", "".join(out)).strip()
    if value.casefold() == original.casefold():
        value = match_case(original, f"{pick(ctx, list(_STEMS)) or _fallback_word(ctx)} Group")
    return Generated(value)


def _fallback_word(ctx: SurrogateContext) -> str:
    while True:
        word = "".join(ctx.rng.choice("bdfgklmnprstvz") + ctx.rng.choice("aeiou") for _ in range(3)).capitalize()
        if not ctx.is_taken(word):
            return word
