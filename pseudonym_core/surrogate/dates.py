"""Dates move by one per-session offset and keep their written format.

A single offset keeps intervals between dates (age at visit, days between events) intact, which
is what clinical and support texts need from the model, while the real dates stay local.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..detect.dates import CJK_DATE
from .base import Generated, SurrogateContext
from .values import char_class

_FORMATS = (
    "%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%m-%d-%Y", "%d-%m-%Y", "%Y/%m/%d", "%m/%d/%y",
    "%d.%m.%y", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%d %b. %Y", "%B %d %Y", "%d %B, %Y",
    "%A, %B %d, %Y", "%b %d %Y", "%b. %d %Y", "%Y%m%d", "%d. %m. %Y", "%Y.%m.%d", "%d. %B %Y", "%d. %b %Y",
    "%d-%b-%Y", "%d-%b-%y", "%d/%b/%Y", "%d/%b/%y", "%d%b%Y", "%d%b%y", "%Y-%b-%d", "%b-%d-%Y", "%d %b '%y",
    "%b %d '%y", "%B %d, '%y", "%d %B '%y",
)  # fmt: skip
#: The formats with a month or weekday name, and those of digits alone: a date with letters can only
#: be read by the first, one without by the second, and each failed `strptime` costs about 15 µs
#: (a 2 KB text asks for a few hundred candidates).
_NAMED_FORMATS = tuple(f for f in _FORMATS if re.search(r"%[bBA]", f))
_DIGIT_FORMATS = tuple(f for f in _FORMATS if f not in _NAMED_FORMATS)
#: The format `parse_full_date` gives a date in Chinese, Japanese or Korean order ("2025年3月4日").
CJK = "cjk"
_ENGLISH_DAYS = frozenset("mon tue tues wed thu thur thurs fri sat sun".split())
#: A weekday before a date ("Tuesday, 4 March 2025", "viernes 9 de marzo"): moved with the date.
_WEEKDAY_LEAD = re.compile(r"^(?P<wd>[^\W\d_]{3,}\.?)(?P<sep>,?[ \t]+)(?=\d|[^\W\d_])")
#: The format `parse_full_date` gives a date written with a month name of another language.
FOREIGN = "foreign"
#: How a written date dresses its day: "3rd of March", "Sept 11th" (read plain, written back so).
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_OF = re.compile(r"(?<=\d) (day of|of) (?=[^\W\d])", re.IGNORECASE)  # "the 3rd of March", "5th day of June"
_SEPT = re.compile(r"\b(Sept|SEPT|sept)(?=\b)")


def _plain(text: str) -> str:
    """The date without ordinal suffixes, "of" and "Sept", which `strptime` cannot read."""
    cleaned = _OF.sub(" ", _ORDINAL.sub("", re.sub(r"\s+", " ", text.strip())))
    return _SEPT.sub(lambda m: m.group()[:3], cleaned)


def weekday_before(text: str) -> tuple[str, str] | None:
    """(weekday word, separator) when `text` opens with a weekday's name: English in full or
    abbreviated, another language's in full ("viernes", "Donnerstag"). A short word of another
    language ("Sam", "Mar") is more often a name or a word than a weekday."""
    from ..detect.foreign_dates import weekday_index
    from ..normalize import fold_accents

    m = _WEEKDAY_LEAD.match(text)
    if m is None:
        return None
    folded = fold_accents(m.group("wd").rstrip("."))
    if folded in _ENGLISH_DAYS or (len(folded) >= 5 and folded in weekday_index()):
        return m.group("wd"), m.group("sep")
    return None


def full_date(text: str) -> tuple[date, str] | None:
    """`parse_full_date` of a date that may open with a weekday and close with a time of day."""
    m = TIME_SUFFIX.search(text)
    rest = text[: m.start()] if m else text
    lead = weekday_before(rest.strip())
    return parse_full_date(rest.strip()[len("".join(lead)) :] if lead else rest)


@lru_cache(maxsize=4096)
def parse_full_date(text: str) -> tuple[date, str] | None:
    """(date, format) when `text` names one day with day, month and year; None otherwise.

    Cached: the decide stage asks again for every detector's copy of the same candidate."""
    if (cjk := CJK_DATE.fullmatch(text.strip())) is not None:
        try:
            return date(int(cjk["y"]), int(cjk["m"]), int(cjk["d"])), CJK
        except ValueError:
            return None
    cleaned = _plain(text)
    for fmt in _NAMED_FORMATS if re.search(r"[^\W\d_]", cleaned) else _DIGIT_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date(), fmt
        except ValueError:
            continue
    from ..detect.foreign_dates import parse_foreign_date

    foreign = parse_foreign_date(text)
    return (foreign.value, FOREIGN) if foreign is not None else None


def _suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def render(value: date, fmt: str, original: str) -> str:
    out = value.strftime(fmt)
    if "%d" in fmt and not re.search(r"\b0\d", original) and fmt[:2] not in ("%Y",) and "/" not in fmt:
        out = re.sub(r"\b0(\d)\b", r"\1", out)  # "March 3, 2021" stays unpadded
    day = re.escape(str(value.day))
    if (m := _ORDINAL.search(original)) is not None:  # the day dressed as the original wrote it: "4th", "1ST"
        suffix = _suffix(value.day).upper() if m.group().isupper() else _suffix(value.day)
        out = re.sub(rf"\b0?({day})\b", rf"\g<1>{suffix}", out, count=1)
    if (of := _OF.search(_ORDINAL.sub("", original))) is not None:  # "the 3rd of March", "1ST OF JANUARY"
        out = re.sub(rf"\b(0?{day}(?:st|nd|rd|th)?) ", rf"\1 {of.group(1)} ", out, count=1, flags=re.IGNORECASE)
    words = re.findall(r"[^\W\d_]+", _OF.sub(" ", _ORDINAL.sub("", original)))  # "day of": not the month
    if any(w.isupper() and len(w) >= 3 for w in words):  # "1ST OF JANUARY 2020"
        out = re.sub(r"[^\W\d_]{3,}", lambda w: w.group().upper(), out)
    elif any(w.islower() and len(w) >= 3 for w in words):  # "20. september 2023"
        out = re.sub(r"[^\W\d_]{3,}", lambda w: w.group().lower(), out)
    if _SEPT.search(original) and value.month == 9:
        out = re.sub(r"\b(Sep|SEP|sep)\b", lambda s: s.group() + ("T" if s.group().isupper() else "t"), out, count=1)
    return out


TIME_SUFFIX = re.compile(
    r"(?:,?\s+(?:at\s+)?|T)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s?[AaPp]\.?[Mm]\.?)?"
    r"(?:\s?(?:Z|UTC|GMT|[+-]\d\d:?\d\d))?$"
)


def shift_date(original: str, ctx: SurrogateContext) -> Generated:
    """Shift the day; a trailing time of day ("10:10:02") is kept as written."""
    m = TIME_SUFFIX.search(original)
    date_part, time_part = (original[: m.start()], m.group()) if m else (original, "")
    if (lead := weekday_before(date_part)) is not None:
        rest = date_part[len("".join(lead)) :]
        inner = shift_date(rest, ctx).surrogate
        shifted_value = full_date(rest)
        if shifted_value is None:
            return char_class(original, ctx)
        moved = _moved(shifted_value[0], ctx.date_offset_days)
        # the date without its weekday is mapped too: a model that answers "October 6, 2025"
        # for "Monday, October 6, 2025" is restored like one that repeats the weekday
        return Generated(_weekday_name(lead[0], moved) + lead[1] + inner + time_part, [(rest, inner, "DATE_TIME")])
    parsed = parse_full_date(date_part)
    if parsed is None:
        return char_class(original, ctx)
    value, fmt = parsed
    shifted = _moved(value, ctx.date_offset_days)
    if fmt == CJK:  # "2025年3月4日": the numbers replaced, the unit signs and spacing kept
        cjk = CJK_DATE.fullmatch(date_part.strip())
        lead_ws = date_part[: len(date_part) - len(date_part.lstrip())]
        body = f"{shifted.year}{cjk[2]}{shifted.month}{cjk[4]}{shifted.day}{cjk[6]}"  # type: ignore[index]
        return Generated(lead_ws + body + date_part[len(date_part.rstrip()) :] + time_part)
    if fmt == FOREIGN:  # "15 octobre 2025" stays French: the day, month name and year swapped in place
        from ..detect.foreign_dates import parse_foreign_date, render_foreign_date

        stripped = date_part.strip()
        found = parse_foreign_date(stripped)
        lead = date_part[: len(date_part) - len(date_part.lstrip())]
        tail = date_part[len(lead) + len(stripped) :]
        return Generated(lead + render_foreign_date(stripped, found, shifted) + tail + time_part)  # type: ignore[arg-type]
    return Generated(render(shifted, fmt, date_part) + time_part)


def _moved(value: date, days: int) -> date:
    """`value` shifted by the session's offset, or the other way at the calendar's ends: a code a
    model read as a date ("000118", year 1) must still get a surrogate, not an OverflowError."""
    try:
        return value + timedelta(days=days)
    except OverflowError:
        return value - timedelta(days=days)


def _weekday_name(word: str, value: date) -> str:
    """The weekday of `value` from the table that wrote `word` (its language, width and dot),
    in `word`'s case."""
    from ..detect.foreign_dates import in_case_of, pick_table, weekday_index, weekday_names
    from ..normalize import fold_accents

    found = weekday_index().get(fold_accents(word.rstrip(".")))
    if found is None:  # "Tues", "Thurs": English abbreviations that CLDR writes otherwise
        return in_case_of(word, value.strftime("%a"))
    number, tables = found
    table = pick_table(tables, weekday_names(), number, word)
    return in_case_of(word, weekday_names()[table][value.weekday()])
