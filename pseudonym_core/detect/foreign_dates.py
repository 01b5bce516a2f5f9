"""Full dates written with a month name of another language: "15 octobre 2025", "2 de septiembre
de 2025", "16 giugno 2025", "1. desember 2025", "22 maart 1999", "15 Ekim 2025".

A date of birth or of an appointment is personal data in any language; the English patterns and
the English NER read none of these. Month names come from Faker's date providers (about 30
languages), so no list is kept here. The same reader gives the surrogate side (`surrogate/dates.py`)
the date and where its day, month and year stand, so the shifted date is written back in the
original's language, case and layout ("15 octobre 2025" → "3 octobre 2025", never English).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

#: Small words between day, month and year: Spanish/Portuguese "de", Italian "del", Catalan "de".
_JOINERS = r"(?:\s+(?:de|del|di|do|da)\s+|\.?\s+|\s*,\s*)"
_DAY = r"(?P<day>[0-3]?\d)(?:\.|º|°|er)?"
_YEAR = r"(?P<year>1[6-9]\d\d|2[01]\d\d)"


@dataclass(frozen=True)
class ForeignDate:
    """A parsed date and the positions (relative to the text) of its day, month word and year."""

    value: date
    day: tuple[int, int]
    month: tuple[int, int]
    year: tuple[int, int]
    language: str


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def month_names() -> dict[str, dict[int, str]]:
    """Faker locale → {month number: month name} for every locale that lists its own names (read
    once per Faker version into the word cache: importing 80 provider modules costs 0.2 s)."""
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
        return out

    return wordcache.cached_value("month-names", build, packages=("faker",), sources=[__file__])


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[int, tuple[str, ...]]]:
    """Folded month name → (month, locales that write it); English and names shared with it
    ("April") are left to the English patterns, and a name meaning two months is left out."""
    seen: dict[str, set[tuple[int, str]]] = {}
    english = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"}  # fmt: skip
    for locale, names in sorted(month_names().items()):
        for month, name in names.items():
            folded = _fold(name)
            if " " in folded or len(folded) < 3 or folded in english or not folded.isalpha():
                continue  # "Tháng Một" is written with a number in dates; scripts without case too
            seen.setdefault(folded, set()).add((month, locale))
    single = {k: v for k, v in seen.items() if len({m for m, _ in v}) == 1}
    return {k: (next(iter(v))[0], tuple(sorted(loc for _, loc in v))) for k, v in single.items()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """Every month name as the tables write it and folded ("février", "fevrier"), longest first."""
    index = _index()
    written = {n for names in month_names().values() for n in names.values() if _fold(n) in index}
    variants = sorted(set(index) | written, key=len, reverse=True)
    month = r"(?P<month>" + "|".join(re.escape(v) for v in variants) + r")"
    return re.compile(rf"(?<![\w./-]){_DAY}{_JOINERS}{month}{_JOINERS}{_YEAR}(?![\w-])", re.IGNORECASE)


def find_foreign_dates(text: str) -> list[ForeignDate]:
    """Every day-month-year with a month name of another language, checked to be a real date."""
    if not any(c.isdigit() for c in text):
        return []
    out = []
    for m in _pattern().finditer(text):
        found = _index().get(_fold(m.group("month")))
        if found is None:
            continue
        month, locales = found
        word = m.group("month")
        # "Januar" capitalised is German, "januar" Danish or Norwegian: the spelling picks the table
        locale = next((loc for loc in locales if month_names()[loc][month] == word), locales[0])
        try:
            value = date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
        out.append(ForeignDate(value, m.span("day"), m.span("month"), m.span("year"), locale))
    return out


def span_of(found: ForeignDate) -> tuple[int, int]:
    return found.day[0], found.year[1]


def parse_foreign_date(text: str) -> ForeignDate | None:
    """The date when the whole of `text` is one foreign written date."""
    stripped = text.strip()
    for f in find_foreign_dates(stripped):
        if span_of(f) == (0, len(stripped)):
            return f
    return None


def render_foreign_date(original: str, found: ForeignDate, value: date) -> str:
    """`original` with its day, month name and year replaced by `value`'s, in the same language
    and case ("OCTOBRE" stays capitals, "Octobre" capitalised) and the same day padding."""
    names = month_names()[found.language]
    word = original[found.month[0] : found.month[1]]
    month = names[value.month]
    # lower(), not casefold(): casefold writes the Greek final sigma as "σ"
    if word.isupper():
        month = month.upper()
    else:
        month = month[:1].upper() + month[1:].lower() if word[:1].isupper() else month.lower()
    day_text = original[found.day[0] : found.day[1]]
    day = f"{value.day:02d}" if len(day_text) == 2 and day_text.startswith("0") else str(value.day)
    between = original[found.day[1] : found.month[0]]
    if value.day != 1:  # "1er octobre", "1º de maio": the ordinal belongs to the first only
        between = re.sub(r"^(?:er|º|°)", "", between)
    parts = [
        original[: found.day[0]], day, between, month,
        original[found.month[1] : found.year[0]], str(value.year), original[found.year[1] :],
    ]  # fmt: skip
    return "".join(parts)
