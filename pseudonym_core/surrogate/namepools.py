"""Per-locale name pools for surrogates that keep a name's origin (rule 3).

Every person locale that Faker ships (about 85) plus small hand-made pools for cultures it lacks
(`pseudonym_core/data/names/`), and Latin-script twins of the pools written in other scripts, made
by transliteration ("Смирнова" → "Smirnova"), because Russian, Greek, Chinese or Korean names in
English text are written in Latin letters. Built once per process on first use.

This index is only for choosing surrogates; detection keeps its own, smaller index
(`pools.name_index`), so adding a locale here can never change what gets masked.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .pools import script_of

#: Locale → culture. A surrogate keeps the culture; the locale only picks the pool within it.
CULTURE: dict[str, str] = {
    **dict.fromkeys(("en_US", "en_GB", "en_NZ"), "english"),
    **dict.fromkeys(("en_IE", "ga_IE"), "irish"),
    **dict.fromkeys(("de_DE", "de_AT", "de_CH", "de_LI", "de_LU"), "german"),
    **dict.fromkeys(("fr_FR", "fr_BE", "fr_CH", "fr_CA", "fr_QC"), "french"),
    **dict.fromkeys(("es_ES", "es_MX", "es_AR", "es_CL", "es_CO", "es_CA"), "spanish"),
    **dict.fromkeys(("pt_BR", "pt_PT"), "portuguese"),
    **dict.fromkeys(("nl_NL", "nl_BE"), "dutch"),
    **dict.fromkeys(("sv_SE", "da_DK", "no_NO"), "nordic"),
    "is_IS": "icelandic",
    **dict.fromkeys(("ar_AA", "ar_DZ", "ar_PS", "ar_SA", "ar_XA", "ar_latn", "fr_DZ"), "arabic"),
    **dict.fromkeys(("en_IN", "hi_IN", "mr_IN", "gu_IN", "ta_IN", "or_IN"), "indian"),
    **dict.fromkeys(("zh_CN", "zh_TW", "zh_CN_latn", "zh_TW_latn"), "chinese"),
    **dict.fromkeys(("ja_JP", "ja_JP_latn"), "japanese"),
    **dict.fromkeys(("ko_KR", "ko_KR_latn"), "korean"),
    **dict.fromkeys(("ru_RU", "ru_RU_latn"), "russian"),
    **dict.fromkeys(("uk_UA", "uk_UA_latn"), "ukrainian"),
    **dict.fromkeys(("bg_BG", "bg_BG_latn"), "bulgarian"),
    **dict.fromkeys(("el_GR", "el_GR_latn"), "greek"),
    **dict.fromkeys(("hy_AM", "hy_AM_latn"), "armenian"),
    **dict.fromkeys(("ka_GE", "ka_GE_latn"), "georgian"),
    "it_IT": "italian", "pl_PL": "polish", "cs_CZ": "czech", "sk_SK": "slovak", "hu_HU": "hungarian",
    "ro_RO": "romanian", "hr_HR": "croatian", "sl_SI": "slovenian", "lv_LV": "latvian", "lt_LT": "lithuanian",
    "et_EE": "estonian", "fi_FI": "finnish", "tr_TR": "turkish", "az_AZ": "azerbaijani", "uz_UZ": "uzbek",
    "mk_MK": "macedonian", "fa_IR": "persian", "fa_latn": "persian", "he_IL": "hebrew", "ne_NP": "nepali",
    "bn_BD": "bengali",
    "si_LK": "sinhala", "vi_VN": "vietnamese", "th_TH": "thai", "id_ID": "indonesian", "yo_NG": "yoruba",
    "ig_NG": "igbo", "ha_NG": "hausa", "en_NG": "nigerian", "tw_GH": "akan", "en_KE": "east-african",
    "sw": "east-african", "zu_ZA": "zulu",
}  # fmt: skip

#: The pool a culture's surrogates come from when the name itself is in none, per script.
PRIMARY: dict[tuple[str, str], str] = {}

#: Pools in other scripts that get a transliterated Latin twin.
_LATIN_TWINS = ("ru_RU", "uk_UA", "bg_BG", "el_GR", "hy_AM", "ka_GE", "zh_CN", "zh_TW")
#: Faker locales left out: generic or ungendered lists that would blur origin.
_SKIP = frozenset({"en", "es", "en_PK", "en_TH", "de_LU"})  # de_LU: mostly French and Portuguese names
#: "Al-Rashid", "van der Meer", "O'Brien" are also found by their last part ("Rashid", "Meer").
_PARTICLE_SPLIT = re.compile(
    r"^(?:(?:al|el|van|der|den|de|la|le|da|di|del|della|dos|das|von|ter|ten|mac|ó|ní|nic)[ -])+", re.I
)
_DATA = Path(__file__).resolve().parent.parent / "data" / "names"


@dataclass
class Pool:
    """One locale's names. `given`/`family` map a gender ('m', 'f', 'u' for either) to names."""

    locale: str
    culture: str
    script: str = "LATIN"
    given: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    family: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    middle: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def all_family(self) -> list[str]:
        return [n for g in ("m", "f", "u") for n in self.family.get(g, ())]


@dataclass
class OriginIndex:
    """Which pools hold a name (by exact case-folded form, and by its ASCII form)."""

    pools: dict[str, Pool] = field(default_factory=dict)
    given: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    family: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    ascii_given: dict[str, set[str]] = field(default_factory=dict)
    ascii_family: dict[str, set[str]] = field(default_factory=dict)

    def locales(self, name: str, role: str) -> dict[str, set[str]]:
        """{locale: genders} of the pools that hold `name` as a given or family name."""
        table = self.given if role == "given" else self.family
        return table.get(name.casefold(), {})

    def ascii_locales(self, name: str, role: str) -> set[str]:
        """Latin-script pools holding `name` once accents are dropped ("Pham" finds "Phạm")."""
        from .translit import fold

        key = fold(name)
        plain = {loc for loc in self.locales(key, role) if self.pools[loc].script == "LATIN"}
        return plain | (self.ascii_given if role == "given" else self.ascii_family).get(key, set())

    def cultures(self, name: str, role: str) -> frozenset[str]:
        return frozenset(CULTURE[loc] for loc in self.locales(name, role))

    def gender(self, name: str, role: str, culture: str | None = None) -> str | None:
        """'m' or 'f' when the pools agree (within `culture` when given), else None."""
        from .translit import fold

        found = self.locales(name, role) or self.locales(fold(name), role)  # "Siobhán" as "Siobhan"
        genders = {g for loc, gs in found.items() if culture is None or CULTURE[loc] == culture for g in gs}
        if not genders and culture is not None:
            genders = {g for gs in found.values() for g in gs}
        genders.discard("u")
        return genders.pop() if len(genders) == 1 else None

    def primary(self, culture: str, script: str) -> str | None:
        return PRIMARY.get((culture, script))


def _names(provider: object, attr: str) -> list[str]:
    values = getattr(provider, attr, None) or ()
    keys = values.keys() if isinstance(values, dict) else values
    return [str(v) for v in keys if str(v) != "Doe"]


def _faker_pool(loc: str) -> Pool | None:
    try:
        prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
    except (ImportError, AttributeError):
        return None
    pool = Pool(loc, CULTURE[loc])
    # Estonia's pool mixes in Russian names under their own lists: keep the Estonian ones
    suffix = "_est" if loc == "et_EE" else ""
    pool.given["m"] = _names(prov, f"first_names_male{suffix}")
    pool.given["f"] = _names(prov, f"first_names_female{suffix}")
    pool.given["u"] = _names(prov, "first_names_unisex")
    male, female = _names(prov, "last_names_male"), _names(prov, "last_names_female")
    if loc == "pl_PL":
        from .surnames import regender

        gendered = [n for n in _names(prov, "male_last_names") if regender(n, "f", "polish") not in (None, n)]
        pool.family["m"] = gendered
        pool.family["f"] = [regender(n, "f", "polish") or n for n in gendered]
        pool.family["u"] = [n for n in _names(prov, "unisex_last_names") if regender(n, "f", "polish") in (None, n)]
    elif loc == "is_IS":
        stems = _names(prov, "last_names_without_suffix")
        pool.family["m"], pool.family["f"] = [s + "son" for s in stems], [s + "dóttir" for s in stems]
    elif male or female:
        both, gendered = set(male) & set(female), set(male) | set(female)
        pool.family["m"] = [n for n in male if n not in both]
        pool.family["f"] = [n for n in female if n not in both]
        rest = [n for n in _names(prov, "last_names") if n not in gendered]
        pool.family["u"] = sorted(both) + rest
    else:
        pool.family["u"] = _names(prov, f"last_names{suffix}")
    pool.middle["u"] = _names(prov, "middle_names") if loc == "vi_VN" else []
    if loc == "ja_JP":
        pool.given["m"] = [k for k, _, _ in prov.first_name_male_pairs]
        pool.given["f"] = [k for k, _, _ in prov.first_name_female_pairs]
        pool.family["u"] = [k for k, _, _ in prov.last_name_pairs]
    return pool


def _read_tsv(name: str) -> list[list[str]]:
    path = _DATA / name
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _add_rows(latin: Pool, native: Pool | None, rows: list[list[str]]) -> None:
    for row in rows:
        kind, name = row[0], row[1]
        native_name = row[2] if len(row) > 2 and row[2] else None
        gender = kind[-1] if kind[-1] in "mfu" else "u"
        target = "family" if kind == "family" else "middle" if kind.startswith("mid") else "given"
        getattr(latin, target)[gender].append(name)
        if native is not None and native_name:
            getattr(native, target)[gender].append(native_name)


@lru_cache(maxsize=1)
def romanized() -> dict[str, str]:
    """Native-script name → its customary Latin spelling (Korean, Arabic, Japanese pools)."""
    table: dict[str, str] = {}
    for file in ("ar.tsv", "ko.tsv", "ja.tsv", "fa.tsv"):
        for row in _read_tsv(file):
            if len(row) > 2 and row[2]:
                table.setdefault(row[2], row[1])
    ja = importlib.import_module("faker.providers.person.ja_JP").Provider
    for pairs in (ja.first_name_male_pairs, ja.first_name_female_pairs, ja.last_name_pairs):
        for kanji, _, latin in pairs:
            table.setdefault(kanji, latin)
    return table


def _twin(pool: Pool) -> Pool:
    """The Latin-script twin of a pool written in another script."""
    from .translit import to_ascii

    twin = Pool(pool.locale + "_latn", pool.culture)
    for attr in ("given", "family", "middle"):
        for g, names in getattr(pool, attr).items():
            getattr(twin, attr)[g] = list(dict.fromkeys(to_ascii(n, pool.culture == "chinese") for n in names))
    return twin


@lru_cache(maxsize=1)
def origin_index() -> OriginIndex:
    """Read from a disk cache after the first process (about a second of CPU to build: cold start)."""
    from .. import wordcache
    from . import pools, translit

    sources = [Path(__file__), Path(pools.__file__), Path(translit.__file__), *sorted(_DATA.glob("*.tsv"))]
    plain = wordcache.cached_value("origins", lambda: _plain(_build()), packages=("faker",), sources=sources)
    return _unplain(plain)


def _plain(index: OriginIndex) -> dict[str, Any]:
    pools = [
        (p.locale, p.culture, p.script, dict(p.given), dict(p.family), dict(p.middle)) for p in index.pools.values()
    ]
    return {"pools": pools, "given": index.given, "family": index.family, "ascii_given": index.ascii_given,
            "ascii_family": index.ascii_family, "primary": list(PRIMARY.items())}  # fmt: skip


def _unplain(plain: dict[str, Any]) -> OriginIndex:
    index = OriginIndex(given=plain["given"], family=plain["family"])
    index.ascii_given, index.ascii_family = plain["ascii_given"], plain["ascii_family"]
    for loc, culture, script, given, family, middle in plain["pools"]:
        pool = Pool(loc, culture, script)
        pool.given.update(given)
        pool.family.update(family)
        pool.middle.update(middle)
        index.pools[loc] = pool
    PRIMARY.clear()
    PRIMARY.update({tuple(k): v for k, v in plain["primary"]})
    return index


def _build() -> OriginIndex:
    import faker.providers.person as person

    index = OriginIndex()
    locales = sorted(m.name for m in pkgutil.iter_modules(person.__path__) if m.name in CULTURE and m.name not in _SKIP)
    for loc in locales:
        pool = _faker_pool(loc)
        if pool is not None:
            index.pools[loc] = pool
    _add_rows(index.pools.setdefault("vi_VN", Pool("vi_VN", "vietnamese")), None, _read_tsv("vi.tsv"))
    _add_rows(index.pools.setdefault("ha_NG", Pool("ha_NG", "hausa")), None, _read_tsv("ha.tsv"))
    _add_rows(index.pools.setdefault("tr_TR", Pool("tr_TR", "turkish")), None, _read_tsv("tr.tsv"))
    index.pools["ar_latn"], index.pools["ar_XA"] = Pool("ar_latn", "arabic"), Pool("ar_XA", "arabic")
    _add_rows(index.pools["ar_latn"], index.pools["ar_XA"], _read_tsv("ar.tsv"))
    index.pools["fa_latn"] = Pool("fa_latn", "persian")
    _add_rows(index.pools["fa_latn"], index.pools.setdefault("fa_IR", Pool("fa_IR", "persian")), _read_tsv("fa.tsv"))
    index.pools["ko_KR_latn"] = Pool("ko_KR_latn", "korean")
    _add_rows(index.pools["ko_KR_latn"], index.pools.setdefault("ko_KR", Pool("ko_KR", "korean")), _read_tsv("ko.tsv"))
    for loc in _LATIN_TWINS:
        if loc in index.pools:
            index.pools[loc + "_latn"] = _twin(index.pools[loc])
    if "ja_JP" in index.pools:
        ja = importlib.import_module("faker.providers.person.ja_JP").Provider
        twin = Pool("ja_JP_latn", "japanese")
        twin.given["m"] = [r for _, _, r in ja.first_name_male_pairs]
        twin.given["f"] = [r for _, _, r in ja.first_name_female_pairs]
        twin.family["u"] = [r for _, _, r in ja.last_name_pairs]
        index.pools["ja_JP_latn"] = twin
        _add_rows(twin, index.pools["ja_JP"], _read_tsv("ja.tsv"))
    _index(index)
    return index


def _index(index: OriginIndex) -> None:
    from .translit import fold

    for loc, pool in index.pools.items():
        sample = [n for names in pool.family.values() for n in names[:20]] + pool.given.get("m", [])[:20]
        pool.script = script_of("".join(sample)) if sample else "LATIN"
        PRIMARY.setdefault((pool.culture, pool.script), loc)
        for attr in ("given", "middle", "family"):
            table = index.family if attr == "family" else index.given
            ascii_table = index.ascii_family if attr == "family" else index.ascii_given
            for g, names in getattr(pool, attr).items():
                getattr(pool, attr)[g] = names = list(dict.fromkeys(n for n in names if n))
                for n in names:
                    for key in {n, _PARTICLE_SPLIT.sub("", n)} if attr == "family" else (n,):
                        table.setdefault(key.casefold(), {}).setdefault(loc, set()).add(g)
                        if pool.script == "LATIN" and not key.isascii():  # other scripts have Latin twins
                            ascii_table.setdefault(fold(key), set()).add(loc)
    # the most representative pool of each culture, where the alphabetical first one is not
    for loc in ("en_US", "en_IE", "de_DE", "fr_FR", "es_ES", "pt_BR", "nl_NL", "sv_SE", "ar_latn", "ar_XA",
                "en_IN", "hi_IN", "zh_CN", "zh_CN_latn", "ko_KR", "ko_KR_latn", "ja_JP", "ja_JP_latn"):  # fmt: skip
        if loc in index.pools:
            PRIMARY[(CULTURE[loc], index.pools[loc].script)] = loc
