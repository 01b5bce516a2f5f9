"""Where a name comes from, told from the name alone, so its surrogate can come from the same place.

Evidence, strongest first: which culture's name pools hold the given and family names (a name
found in one culture only counts more than one found everywhere), letters that belong to one
alphabet ("ł", "ő", "ơ"), endings and prefixes typical of one culture ("-ska", "O'", "-escu"),
and particles ("van der", "bin"). The script bounds everything: a Latin-script name gets a
Latin-script pool. Without evidence the script's default pool is used (English for Latin).

`Origin.reasons` says why, without quoting the name, so an explanation can cite it safely.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .namepools import CULTURE, origin_index
from .pools import script_of

#: Script → pool used when nothing in the name points anywhere.
SCRIPT_LOCALE = {
    "LATIN": "en_US", "CYRILLIC": "ru_RU", "GREEK": "el_GR", "CJK": "zh_CN", "HANGUL": "ko_KR",
    "HIRAGANA": "ja_JP", "KATAKANA": "ja_JP", "ARABIC": "ar_XA", "DEVANAGARI": "hi_IN", "HEBREW": "he_IL",
    "THAI": "th_TH", "GEORGIAN": "ka_GE", "ARMENIAN": "hy_AM", "BENGALI": "bn_BD", "TAMIL": "ta_IN",
    "GUJARATI": "gu_IN", "ORIYA": "or_IN", "SINHALA": "si_LK",
}  # fmt: skip

#: Pools drawn from the registers of countries with large immigrant populations.
DIVERSE = frozenset(
    "en_US en_GB en_NZ en_IE ga_IE en_KE sv_SE no_NO da_DK is_IS fi_FI de_DE de_AT de_CH de_LI nl_NL nl_BE fr_FR "
    "fr_BE fr_CH fr_CA fr_QC it_IT es_CL".split()
)
#: Cultures that write the family name first (in their own order; Hungarian also in Latin text).
FAMILY_FIRST = frozenset({"hungarian", "vietnamese", "korean", "chinese"})

_LETTERS: dict[str, tuple[str, ...]] = {
    "ąęłńśźż": ("polish",), "ć": ("polish", "croatian"), "řůě": ("czech",), "ďťň": ("czech", "slovak"),
    "ľĺŕô": ("slovak",), "őű": ("hungarian",), "ğı": ("turkish", "azerbaijani"), "ə": ("azerbaijani",),
    "ş": ("turkish", "azerbaijani", "romanian"), "ç": ("turkish", "azerbaijani", "french", "portuguese"),
    "șț": ("romanian",),
    "ơưđ": ("vietnamese",), "ăâ": ("vietnamese", "romanian"), "ṣ": ("yoruba",), "ẹọ": ("yoruba", "vietnamese"),
    "åøæ": ("nordic",), "ðþ": ("icelandic",), "ß": ("german",), "ñ": ("spanish",), "ãõ": ("portuguese",),
    "èëœù": ("french",), "ėįų": ("lithuanian",), "āēīķļņģ": ("latvian",),
    "čšž": ("czech", "slovak", "croatian", "slovenian", "latvian", "lithuanian"),
    "đ": ("croatian", "vietnamese"), "ɛɔ": ("akan",), "õ": ("estonian", "portuguese"),
    "پچژگکی": ("persian",), "ةيكأإى": ("arabic",),
}  # fmt: skip
#: Vietnamese tone marks written with a hook above or a dot below are found in no other alphabet here.
_VI_MARKS = frozenset("\u0309\u0323\u031b")

_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"(?:ski|ska|cki|cka|dzki|dzka|wicz|czyk|czak)$", ("polish",)),
    (r"(?:ová|ský|ská)$", ("czech", "slovak")),
    (r"(?:ović|ević|ovic|evic|ić)$", ("croatian",)),
    (r"(?:escu|eanu)$", ("romanian",)),
    (r"(?:enko|chuk|yuk|iuk|skyi|tskyi)$", ("ukrainian",)),
    (r"(?:ov|ova|ev|eva|ovich|evich|ovna|evna|skaya|skiy)$", ("russian", "bulgarian")),
    (r"(?:poulos|poulou|akis|idis|idou|iadis|iadou|akos|atos)$", ("greek",)),
    (r"(?:oğlu|oglu)$", ("turkish",)),
    (r"(?:yan|yants)$", ("armenian",)),
    (r"(?:shvili|dze)$", ("georgian",)),
    (r"(?:sson|sdóttir|sdottir|qvist|kvist|ström|strom)$", ("nordic", "icelandic")),
    (r"(?:sen|rud|vik|stad|heim)$", ("nordic",)),
    (r"(?:ini|etti|ucci|elli|ello|aro|azzo|ese|esi|ardi|uzzo|occhi)$", ("italian",)),
    (r"(?:aki|akis|oglou)$", ("greek",)),
    (r"(?:yk|chyk|ych)$", ("ukrainian",)),
    (r"(?:nen|inen|lainen)$", ("finnish",)),
    (r"(?:stra|sma)$", ("dutch",)),
    (r"^(?:o'|o’|mac|mc|ní|nic|ó)", ("irish",)),
    (r"(?:mann|meier|maier|mayer|huber|bauer|inger|berger|hofer|kopf|hardt|brunner|länder|ländner)$", ("german",)),
    (r"(?:iou|opoulos|opoulou|akis|idis|idou|oglou|atou)$", ("greek",)),
    (r"(?:ucci|elli|etti|azzi|otti|ssi|zzi)$", ("italian",)),
    (r"(?:eira|eiro|inho|ão|ões)$", ("portuguese",)),
    (r"(?:moto|yama|gawa|kawa|mura|shita|zaki|saki|hara|hashi|bayashi)$", ("japanese",)),
    (r"^(?:abd|abdel|abdul|ال)", ("arabic",)),
    (r"^(?:oluwa|olu|ade|ola|ayo|femi|funmi|tunde|kunle|babat|ogun|oye|fola|bola|yemi|tolu|tope|akin)", ("yoruba",)),
    (r"^(?:chukwu|chi|nwa|nne|ngozi|obi|ifeanyi|uche|ikech|ezeh|ebuka|emeka|nnamdi|okwu|onye|uzo)", ("igbo",)),
)
_PARTICLE_HINTS: dict[str, tuple[str, ...]] = {
    "van": ("dutch",), "der": ("dutch", "german"), "den": ("dutch",), "ter": ("dutch",), "ten": ("dutch",),
    "von": ("german",), "zu": ("german",), "de": ("spanish", "french", "dutch", "portuguese"),
    "del": ("spanish", "italian"), "la": ("spanish", "french"), "los": ("spanish",), "y": ("spanish",),
    "da": ("portuguese", "italian"), "dos": ("portuguese",), "das": ("portuguese",), "do": ("portuguese",),
    "di": ("italian",), "della": ("italian",), "le": ("french",), "du": ("french",), "des": ("french",),
    "bin": ("arabic",), "ibn": ("arabic",), "bint": ("arabic",), "al": ("arabic",), "el": ("arabic",),
    "abu": ("arabic",), "ó": ("irish",), "ní": ("irish",), "nic": ("irish",), "mac": ("irish",),
    "văn": ("vietnamese",), "thị": ("vietnamese",),
}  # fmt: skip


@dataclass(frozen=True)
class Origin:
    """The pool a surrogate is drawn from, its culture, and why (no original text inside)."""

    locale: str
    culture: str
    script: str
    reasons: tuple[str, ...]
    confident: bool


def detect_origin(words: Sequence[str], particles: Sequence[str] = (), script: str | None = None) -> Origin:
    """The most likely origin of a name made of `words` (given and family names, any order)."""
    idx = origin_index()
    script = script or script_of(" ".join(words))
    usable = {loc for loc, pool in idx.pools.items() if pool.script == script}
    by_culture: dict[str, float] = defaultdict(float)  # evidence per culture, each word counted once
    by_locale: dict[str, float] = defaultdict(float)  # which pool of that culture fits best
    reasons: list[str] = []
    for pos, word in enumerate(words, 1):
        hits: dict[str, float] = {}
        for role, weight in (("given", 1.0), ("family", 1.5)):
            exact = set(idx.locales(word, role)) & usable
            # "Pham" written without its accents still points to "Phạm", a little less surely
            loose = (idx.ascii_locales(word, role) & usable) - exact if word.isascii() else set()
            for loc in exact:
                hits[loc] = max(hits.get(loc, 0.0), weight)
            for loc in loose:
                hits[loc] = max(hits.get(loc, 0.0), 0.8 * weight)
        per_culture: dict[str, float] = {}
        native = {CULTURE[loc] for loc in hits if loc not in DIVERSE}
        for loc, weight in hits.items():
            # national registers list immigrants' names too ("Nguyen" in France, "Mohammadi" in
            # Sweden): such a hit counts less when the name's own culture has it as well
            if native - {CULTURE[loc]} and CULTURE[loc] not in native:
                weight *= 0.4
            per_culture[CULTURE[loc]] = max(per_culture.get(CULTURE[loc], 0.0), weight)
            by_locale[loc] += weight
        # a name of one culture only is strong evidence, a name found everywhere ("John") is weak
        for culture, weight in per_culture.items():
            by_culture[culture] += weight / len(per_culture)
        if per_culture:
            reasons.append(f"name {pos} is in the pools of: {', '.join(sorted(per_culture))}")
    for culture, why in _hints(words, particles):
        if idx.primary(culture, script) is not None:
            by_culture[culture] += 0.75
            reasons.append(why)
    if "english" in by_culture and script == "LATIN":
        by_culture["english"] += 0.1  # a tie between English and another reading goes to English
    if not by_culture:
        loc = SCRIPT_LOCALE.get(script, "en_US")
        loc = loc if loc in idx.pools else "en_US"
        return Origin(
            loc, CULTURE[loc], script, ("no name or letter points to a culture: default for the script",), False
        )
    default = CULTURE.get(SCRIPT_LOCALE.get(script, ""), "")
    culture = max(by_culture, key=lambda c: (round(by_culture[c], 6), c == default, _size(c)))
    primary = idx.primary(culture, script) or ""
    loc = max(
        (x for x in idx.pools if CULTURE[x] == culture and x in usable), key=lambda x: (by_locale[x], x == primary)
    )
    ranked = sorted(by_culture.values(), reverse=True)
    confident = ranked[0] >= 1.0 and (len(ranked) == 1 or ranked[0] >= 1.5 * ranked[1])
    return Origin(loc, culture, script, tuple(reasons), confident)


#: Tie-break between equally likely cultures: roughly how often names of each appear in the
#: English-language text this library sees. Unlisted cultures come after these.
_PREVALENCE = (
    "english", "spanish", "german", "french", "italian", "portuguese", "indian", "chinese", "russian",
    "arabic", "polish", "dutch", "nordic", "irish", "japanese", "korean", "vietnamese", "turkish",
    "greek", "ukrainian", "yoruba", "igbo", "hausa", "nigerian", "akan", "east-african", "czech", "hungarian",
    "romanian",
)  # fmt: skip


def _size(culture: str) -> int:
    return -_PREVALENCE.index(culture) if culture in _PREVALENCE else -len(_PREVALENCE)


def _hints(words: Sequence[str], particles: Sequence[str]) -> list[tuple[str, str]]:
    """(culture, reason) for letters, endings and particles typical of one culture."""
    out: list[tuple[str, str]] = []
    letters = {c for w in words for c in w.casefold() if not c.isascii()}
    for chars, cultures in _LETTERS.items():
        if letters & set(chars):  # each group of letters counts once ("ğ" and "ç" both point to Turkish)
            out.extend((culture, f"letters of the {culture} alphabet") for culture in cultures)
    if any(_VI_MARKS & set(unicodedata.normalize("NFD", c)) for c in letters):
        out.append(("vietnamese", "Vietnamese tone marks"))
    for word in words:
        low = word.casefold()
        for pattern, cultures in _SUFFIXES:
            if re.search(pattern, low) and len(low) > 3:
                out.extend((c, f"a name form typical of {c}") for c in cultures)
                break
    for p in particles:
        if p in ("Van", "Thi"):  # capitalised inside a name: the Vietnamese middle name, not Dutch "van"
            out.append(("vietnamese", "a Vietnamese middle name"))
            continue
        for culture in _PARTICLE_HINTS.get(p.casefold().strip("-'’"), ()):
            out.append((culture, f"the particle typical of {culture}"))
    return out
