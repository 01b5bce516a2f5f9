"""Full dates written with a month name of another language: "15 octobre 2025", "2 de septiembre
de 2025", "16 giugno 2025", "1. desember 2025", "20 września 2023", "4 марта 2025", "2024. október 9.".

A date of birth or of an appointment is personal data in any language; the English patterns and
the English NER read none of these. Month names come from Faker's date providers and from the
Unicode CLDR tables that Babel ships (every language, in the forms dates use: the Polish
"września" and Finnish "syyskuuta" are not the names a calendar heads its page with), so no list
is kept here. The same reader gives the surrogate side (`surrogate/dates.py`) the date and where
its day, month and year stand, so the shifted date is written back in the original's language,
form, case and layout ("15 octobre 2025" → "3 octobre 2025", never English).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..normalize import fold_accents

#: Small words between day, month and year: Spanish/Portuguese "de", Italian "del", Catalan "de".
_JOINERS = r"(?:\s+(?:de|del|di|do|da)\s+|\.?\s+|\s*,\s*)"
_DAY = r"(?P<day>[0-3]?\d)(?:\.|º|°|er)?"
_YEAR = r"(?P<year>1[6-9]\d\d|2[01]\d\d)"
#: Any word that may be a month name (checked against the tables after matching).
_WORDISH = r"(?P<month>[^\W\d_]{3,}\.?)"
_DMY = re.compile(rf"(?<![\w./-]){_DAY}{_JOINERS}{_WORDISH}{_JOINERS}{_YEAR}(?![\w-])", re.IGNORECASE)
#: Year first, as Hungarian, Lithuanian and Latvian write it: "2024. október 9.", "2024 m. spalio 9 d.".
_YMD = re.compile(
    rf"(?<![\w./-]){_YEAR}\.?(?:\s+m\.)?\s+{_WORDISH}\s+(?P<day>[0-3]?\d)(?:\.|\s+d\.)?(?![\w-])", re.IGNORECASE
)
_ENGLISH = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december"}  # fmt: skip


@dataclass(frozen=True)
class ForeignDate:
    """A parsed date and the positions (relative to the text) of its day, month word and year."""

    value: date
    day: tuple[int, int]
    month: tuple[int, int]
    year: tuple[int, int]
    language: str


def _cldr_tables(kind: str) -> dict[str, dict[int, str]]:
    """ "cldr:<locale>:<context>:<width>" → {number: name} for every Babel locale, months numbered
    1-12 and weekdays 0-6 (Monday first, as `date.weekday()`), identical tables kept once."""
    from babel import localedata
    from babel.dates import get_day_names, get_month_names

    read = get_month_names if kind == "months" else get_day_names
    out: dict[str, dict[int, str]] = {}
    seen: set[tuple[str, ...]] = set()
    for locale in sorted(localedata.locale_identifiers()):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                try:
                    names = {int(k): str(v) for k, v in read(width, context=context, locale=locale).items()}
                except (KeyError, ValueError):  # a locale without the table
                    continue
                key = tuple(names[k] for k in sorted(names))
                if key not in seen:
                    seen.add(key)
                    out[f"cldr:{locale}:{context}:{width}"] = names
    return out


@lru_cache(maxsize=1)
def month_names() -> dict[str, dict[int, str]]:
    """Table → {month number: month name}: Faker's locales (keyed by their module name, "fr_FR")
    and then CLDR's, read once per Faker and Babel version into the word cache."""
    from .. import wordcache

    def build() -> dict[str, dict[int, str]]:
        import faker.providers.date_time as date_time

        out: dict[str, dict[int, str]] = {}
        for module in pkgutil.iter_modules(date_time.__path__):
            mod = importlib.import_module(f"{date_time.__name__}.{module.name}")
            provider = getattr(mod, "Provider", None)
            names = getattr(provider, "__dict__", {}).get("MONTH_NAMES")
            if names and len(names) == 12:
                out[module.name] = {int(k): str(v) for k, v in names.items()}
        out.update(_cldr_tables("months"))
        return out

    return wordcache.cached_value("month-names", build, packages=("faker", "babel"), sources=[__file__])


@lru_cache(maxsize=1)
def weekday_names() -> dict[str, dict[int, str]]:
    """Table → {weekday (Monday 0): name}, from CLDR, for a weekday written before a date."""
    from .. import wordcache

    return wordcache.cached_value(
        "weekday-names", lambda: _cldr_tables("weekdays"), packages=("babel",), sources=[__file__]
    )


def _single_meaning(tables: dict[str, dict[int, str]]) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Folded name → (number, tables that write it with that number)."""
    seen: dict[str, set[tuple[int, str]]] = {}
    for table, names in tables.items():
        for number, name in names.items():
            folded = fold_accents(name).rstrip(".")
            if len(folded) < 3 or not folded.isalpha():
                continue  # "Tháng Một" and "1月" are written with numbers
            seen.setdefault(folded, set()).add((number, table))
    out = {}
    for name, meanings in seen.items():
        # a name of two months ("listopada": November in Polish, October in Croatian) is read in
        # the most written language that has it
        number = min(meanings, key=lambda m: _preference(m[1]))[0]
        out[name] = (number, tuple(sorted((t for n, t in meanings if n == number), key=_preference)))
    return out


#: Which language a name shared by several is read in ("mars" is French before it is Swedish):
#: the most written first; then Faker's tables before CLDR's.
_LANGUAGES = ("es", "fr", "de", "pt", "it", "ru", "tr", "pl", "nl", "id", "vi", "uk", "ro", "cs", "hu", "el", "sv",
              "da", "nb", "no", "fi", "sk", "hr", "sr", "bg", "lt", "lv", "et", "sl", "ca", "gl", "eu")  # fmt: skip


def _preference(table: str) -> tuple[int, int, bool, str]:
    """Also full names before abbreviations: "mars" is both in French."""
    faker = not table.startswith("cldr:")
    language = _language(table)
    rank = _LANGUAGES.index(language) if language in _LANGUAGES else len(_LANGUAGES)
    return rank, 0 if faker else 1, table.endswith(":abbreviated"), table


@lru_cache(maxsize=1)
def _year_first_index() -> dict[str, tuple[int, tuple[str, ...]]]:
    """Every month name, English's included: English never writes the year first."""
    return _single_meaning(month_names())


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[int, tuple[str, ...]]]:
    """Month names of other languages; English names and abbreviations, and names shared with
    them ("April", "Feb."), are left to the English patterns. Each name's reading depends on its
    own spellings only, so this is the full index without them."""
    from .dates import MONTHS

    english = _ENGLISH | set(MONTHS)
    return {name: found for name, found in _year_first_index().items() if name not in english}


#: Languages that write a date year first with the month's name.
_YEAR_FIRST = ("hu", "lt", "lv")


def _language(table: str) -> str:
    return (table.split(":")[1] if table.startswith("cldr:") else table).split("_")[0]


@lru_cache(maxsize=1)
def weekday_index() -> dict[str, tuple[int, tuple[str, ...]]]:
    return _single_meaning(weekday_names())


def pick_table(tables: tuple[str, ...], names: dict[str, dict[int, str]], number: int, word: str) -> str:
    """The table that writes `word` exactly ("Januar" is German, "januar" Danish), else one that
    writes it in another case or without its dot, else the first."""
    bare = word.rstrip(".")
    for test in (lambda n: n == word, lambda n: n.rstrip(".") == bare, lambda n: n.casefold() == word.casefold()):
        found = next((t for t in tables if test(names[t][number])), None)
        if found is not None:
            return found
    return tables[0]


def find_foreign_dates(text: str) -> list[ForeignDate]:
    """Every date with a month name of another language, checked to be a real date."""
    if not any(c.isdigit() for c in text):
        return []
    out = []
    for m in [*_DMY.finditer(text), *_YMD.finditer(text)]:
        word = m.group("month")
        year_first = m.re is _YMD
        # English never writes the year first, so there "december" is Hungarian's, not English's
        found = (_year_first_index() if year_first else _index()).get(fold_accents(word).rstrip("."))
        if found is None:
            continue
        month, tables = found
        if year_first:
            tables = tuple(sorted(tables, key=lambda t: _language(t) not in _YEAR_FIRST))
        try:
            value = date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
        table = pick_table(tables, month_names(), month, word)
        end = m.end("month") - (1 if word.endswith(".") and not month_names()[table][month].endswith(".") else 0)
        out.append(ForeignDate(value, m.span("day"), (m.start("month"), end), m.span("year"), table))
    return out


def span_of(found: ForeignDate) -> tuple[int, int]:
    return min(found.day[0], found.year[0]), max(found.day[1], found.year[1])


def parse_foreign_date(text: str) -> ForeignDate | None:
    """The date when the whole of `text` is one foreign written date (a closing dot or the year's
    abbreviation may follow: "2024. október 9.", "4 марта 2025 г.")."""
    stripped = text.strip()
    for f in find_foreign_dates(stripped):
        if span_of(f)[0] == 0 and stripped[span_of(f)[1] :].strip() in ("", ".", "d.", "г.", "гг.", "р.", "m."):
            return f
    return None


def in_case_of(model: str, name: str) -> str:
    """`name` in the case of `model`: capitals, capitalised, or lower case (lower(), not
    casefold(): casefold writes the Greek final sigma as "σ")."""
    if model.isupper():
        return name.upper()
    return name[:1].upper() + name[1:].lower() if model[:1].isupper() else name.lower()


def render_foreign_date(original: str, found: ForeignDate, value: date) -> str:
    """`original` with its day, month name and year replaced by `value`'s, in the same language,
    form and case ("OCTOBRE" stays capitals, "Octobre" capitalised) and the same day padding."""
    word = original[found.month[0] : found.month[1]]
    month = in_case_of(word, month_names()[found.language][value.month])
    day_text = original[found.day[0] : found.day[1]]
    day = f"{value.day:02d}" if len(day_text) == 2 and day_text.startswith("0") else str(value.day)
    parts = sorted([(found.day, day), (found.month, month), (found.year, str(value.year))])
    out, at = [], 0
    for (start, end), new in parts:
        between = original[at:start]
        if value.day != 1 and at == found.day[1]:  # "1er octobre", "1º de maio": the ordinal belongs to the first
            between = re.sub(r"^(?:er|º|°)", "", between)
        out += [between, new]
        at = end
    return "".join(out) + original[at:]
