"""Reading a person's name: its parts, what each part is, and in which order they come.

"Phạm Thu Hà" and "Nagy Zsófia" put the family name first, "María García López" has two family
names, "Jean-Pierre" is one given name but "Smith-Jones" two family names, "van der", "bin" and
"Ní" are particles that stay, "Dr." is a title that stays. Getting this right decides which pool
each part's surrogate comes from, and so whether the surrogate still reads like the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .namepools import origin_index
from .origin import FAMILY_FIRST, Origin, detect_origin
from .pools import UNSPACED_SCRIPTS, name_index, script_of

#: Name particles. Detection reads this set too (decide/propagate.py), so it stays the same.
PARTICLES = frozenset(
    """
    van von de da del della der den di du la le al el bin ibn ben dos das ter ten zu y
    """.split()
)
#: More particles that only matter when a surrogate is built (Irish, Arabic forms).
_SURROGATE_PARTICLES = PARTICLES | frozenset(
    "ó ní nic mac ua uí bint abu بن بنت ابن ابنة"  # Irish and Arabic lineage
    " épouse ép. née veuve geb. geborene verh. verw. z domu roz. rozená rozený szül. született".split()  # married names
)
#: Vietnamese middle names that mark gender; kept as they are, like particles.
_VI_GENDER = {"thị": "f", "văn": "m", "thi": "f", "van": "m"}
TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof sir dame lord lady herr frau pan pani mme mlle sr sra srta dott ing mag
    """.split()
)
_PARTS = re.compile(r"(\s*,\s*|\s+|-)")
_INITIAL = re.compile(r"^[^\W\d_]\.?$")


@dataclass
class ParsedName:
    """`tokens` and `seps` alternate as in the original; `roles[i]` is one of given, family,
    middle, initial, particle, title or "" (an empty token)."""

    tokens: list[str]
    seps: list[str]
    roles: list[str]
    origin: Origin
    script: str

    def words(self, *roles: str) -> list[str]:
        return [t for t, r in zip(self.tokens, self.roles, strict=True) if r in roles]

    def assemble(self, out: list[str]) -> str:
        pieces = [out[0]]
        for sep, tok in zip(self.seps, out[1:], strict=True):
            pieces += [sep, tok]
        return "".join(pieces)


def parse(name: str) -> ParsedName:
    script = script_of(name)
    pieces = _merge_compounds(_PARTS.split(name))
    tokens, seps = pieces[0::2], pieces[1::2]
    kinds = [_kind(i, tokens, seps) for i in range(len(tokens))]
    words = [t for t, k in zip(tokens, kinds, strict=True) if k == "word"]
    particles = [t for t, k in zip(tokens, kinds, strict=True) if k == "particle"]
    origin = detect_origin(words, particles, script)
    roles = _roles(tokens, seps, kinds, origin, script)
    return ParsedName(tokens, seps, roles, origin, script)


def _merge_compounds(pieces: list[str]) -> list[str]:
    """Join "Jean-Pierre" or "Min-jun" back into one token when the pools know the whole."""
    idx = origin_index()
    out = pieces[:1]
    for i in range(1, len(pieces), 2):
        sep, tok = pieces[i], pieces[i + 1]
        if sep == "-" and out[-1] and tok and idx.locales(f"{out[-1]}-{tok}", "given"):
            out[-1] = f"{out[-1]}-{tok}"
        else:
            out += [sep, tok]
    return out


def _kind(i: int, tokens: list[str], seps: list[str]) -> str:
    token = tokens[i]
    if not token:
        return ""
    low = token.casefold()
    rest = [t for t in tokens[i + 1 :] if t]
    if (
        _INITIAL.match(token)
        and (token[0].isupper() or token[0].islower())
        and not (low in _SURROGATE_PARTICLES and rest)
    ):
        return "initial"  # "J." is an initial; "김" is a name and Irish "Ó" a particle
    if low.rstrip(".") in TITLES and i == 0 and rest:
        return "title"
    if low not in _SURROGATE_PARTICLES or not rest:
        return "word"
    if (i > 0 and any(tokens[:i])) or token.islower():
        return "particle"
    # a capitalised first word is a particle only in a family name the pools know ("Van Dijk",
    # "Al-Rashid", "De la Cruz"); otherwise it is a name: "Ben Smith", "Le Van Hung"
    phrase = token
    for sep, nxt in zip(seps[i:], tokens[i + 1 :], strict=False):
        phrase += sep + nxt
        if nxt.casefold() not in _SURROGATE_PARTICLES:
            break
    return "particle" if origin_index().locales(phrase, "family") else "word"


def _roles(tokens: list[str], seps: list[str], kinds: list[str], origin: Origin, script: str) -> list[str]:
    roles = [k if k != "word" else "" for k in kinds]
    words = [i for i, k in enumerate(kinds) if k == "word"]
    if not words:
        return roles
    if origin.culture == "vietnamese":
        for i in words[1:-1]:
            if tokens[i].casefold() in _VI_GENDER:
                roles[i] = "particle"
        words = [i for i in words if not roles[i]]
    comma = next((j for j, s in enumerate(seps) if "," in s), None)
    if comma is not None:  # "Smith, John": family names before the comma, given names after
        for i in words:
            roles[i] = "family" if i <= comma else "given"
        return roles
    if len(words) == 1:
        roles[words[0]] = "given" if _looks_given(tokens[words[0]], origin.culture) else "family"
        return roles
    family_first = script in UNSPACED_SCRIPTS or _family_first(tokens[words[0]], tokens[words[-1]], origin.culture)
    head, *middle, tail = words
    roles[head], roles[tail] = ("family", "given") if family_first else ("given", "family")
    for i in middle:
        # "María García López": a middle word that is only ever a family name is one
        only_family = _in(tokens[i], "family", origin.culture) and not _in(tokens[i], "given", origin.culture)
        roles[i] = "family" if only_family else "given"
    return roles


def _in(word: str, role: str, culture: str) -> bool:
    """Is `word` a `role` name in `culture` (also when written without its accents)?"""
    idx = origin_index()
    from .namepools import CULTURE

    if any(CULTURE[loc] == culture for loc in idx.locales(word, role)):
        return True
    return word.isascii() and any(CULTURE[loc] == culture for loc in idx.ascii_locales(word, role))


def _looks_given(word: str, culture: str) -> bool:
    given, family = _in(word, "given", culture), _in(word, "family", culture)
    if given != family:
        return given
    return name_index().is_given(word)


def _family_first(first: str, last: str, culture: str) -> bool:
    """ "Nagy Zsófia", "Kim Min-jun", "Zhang Wei", "Watanabe Kenji": family name written first."""
    fam0, giv0 = _in(first, "family", culture), _in(first, "given", culture)
    fam1, giv1 = _in(last, "family", culture), _in(last, "given", culture)
    if culture in FAMILY_FIRST:
        return fam0 and (giv1 or not fam1)
    return fam0 and not giv0 and giv1 and not fam1


def vi_gender(parsed: ParsedName) -> str | None:
    """Vietnamese "Thị" marks a woman and "Văn" a man."""
    if parsed.origin.culture != "vietnamese":
        return None
    return next((_VI_GENDER[t.casefold()] for t in parsed.words("particle") if t.casefold() in _VI_GENDER), None)
