"""Full dates written with the month's name: "11 September 1980", "3rd of March 2021",
"September 11, 1980", "7 Feb. 1991", a deed's "5th day of June, 2024".

Presidio's date recognizer reads only numeric dates, and the statistical model misses a written
date depending on its neighbours: in a 275-row batch "Patient Kenneth Rogers (born 11 September
1980)" passed in clear. A date of birth is personal data, so these shapes are matched here with
a day, a month name and a four-digit year; the day and month are checked by `datetime`.
"""

from __future__ import annotations

import re
from datetime import date

from .base import Span

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_FULL = "january february march april may june july august september october november december".split()
#: A month's name or its usual abbreviation (with or without a dot), as one alternation.
MONTH = r"(?:" + "|".join(sorted({*_FULL, *MONTHS}, key=len, reverse=True)) + r")\.?"
#: A month name opening a span ("September 1980"), for the decider's day-before-month join.
MONTH_START = re.compile(MONTH + r"\s", re.IGNORECASE)
_DAY = r"[0-3]?\d"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"1[6-9]\d\d|2[01]\d\d"
_WRITTEN = re.compile(
    rf"(?<![\w.,/-])(?:(?P<day>{_DAY}){_ORDINAL}\.?\s+(?:day\s+of\s+|of\s+)?(?P<m1>{MONTH}),?\s+(?P<year>{_YEAR})"
    rf"|(?P<m2>{MONTH})\s+(?P<day2>{_DAY}){_ORDINAL},?\s+(?P<year2>{_YEAR}))(?![\w-])",
    re.IGNORECASE,
)
DATE_SCORE = 0.85


def _month_number(word: str) -> int:
    """1-12 for an English month name or abbreviation ("Sept.", "JAN"), 0 for anything else."""
    folded = word.rstrip(".").casefold()
    return MONTHS.get(folded[:4] if folded.startswith("sept") else folded[:3], 0)


def _real_day(year: int, month: int, day: int) -> bool:
    """Whether the calendar has that day ("31 February" and month 0 it has not)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def written_dates(text: str) -> list[Span]:
    """Every day-month-year written with the month's name, checked to be a real calendar date."""
    spans = []
    for m in _WRITTEN.finditer(text):
        written = m.group("m1") or m.group("m2")
        if written == "may" and m.group("m2"):
            continue  # "I may 12 …": the verb, not the month
        day = int(m.group("day") or m.group("day2"))
        year = int(m.group("year") or m.group("year2"))
        if not _real_day(year, _month_number(written), day):
            continue
        spans.append(Span(m.start(), m.end(), "DATE_TIME", DATE_SCORE, "pattern:written-date"))
    spans.extend(_compact_dates(text))
    from .foreign_dates import find_foreign_dates, span_of

    for f in find_foreign_dates(text):
        start, end = span_of(f)
        mark = _YEAR_MARK.match(text, end)  # "4 марта 2025 г.", "2024 m.": the year's own abbreviation
        spans.append(Span(start, mark.end() if mark else end, "DATE_TIME", DATE_SCORE, "pattern:written-date"))
    for m in _NUMERIC.finditer(text):
        day, month, year = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else m.group("d2", "m2", "y2")
        if not _real_day(int(year), int(month), int(day)):
            continue
        spans.append(Span(m.start(), m.end(), "DATE_TIME", DATE_SCORE, "pattern:written-date"))
    return spans


_YEAR_MARK = re.compile(r"[ \t]?(?:г|гг|р|m)\.")
#: A date in Chinese, Japanese or Korean order with its unit signs: "2025年3月4日", "2025년 3월 4일".
CJK_DATE = re.compile(r"(?P<y>\d{4})(\s*[年년]\s*)(?P<m>\d{1,2})(\s*[月월]\s*)(?P<d>\d{1,2})(\s*[日일])")
#: English month names in the compact layouts of forms, logs and airline tickets: "3-Apr-1985",
#: "04APR85", "12/Jan/1990", "1990-Jan-12", "Mar-04-2025", and the clipped year "03 Apr '85".
_COMPACT = re.compile(
    rf"(?<![\w/.-])(?:(?P<d>[0-3]?\d)(?P<s>[-/]?)(?P<m>{MONTH})(?P=s)(?P<y>(?:19|20)?\d\d)"
    rf"|(?P<y2>(?:19|20)\d\d)-(?P<m2>{MONTH})-(?P<d2>[0-3]?\d)"
    rf"|(?P<m3>{MONTH})-(?P<d3>[0-3]?\d)-(?P<y3>(?:19|20)\d\d)"
    rf"|(?P<d4>[0-3]?\d){_ORDINAL}\s+(?P<m4>{MONTH})\s+'(?P<y4>\d\d)"
    rf"|(?P<m5>{MONTH})\s+(?P<d5>[0-3]?\d){_ORDINAL},?\s+'(?P<y5>\d\d))(?![\w-])",
    re.IGNORECASE,
)


def _compact_dates(text: str) -> list[Span]:
    spans = []
    for m in _COMPACT.finditer(text):
        day, word, year = next(m.group(f"d{i}", f"m{i}", f"y{i}") for i in ("", "2", "3", "4", "5") if m.group(f"d{i}"))
        full_year = int(year) if len(year) == 4 else (2000 if int(year) < 69 else 1900) + int(year)  # as strptime
        if not _real_day(full_year, _month_number(word), int(day)):
            continue
        spans.append(Span(m.start(), m.end(), "DATE_TIME", DATE_SCORE, "pattern:written-date"))
    for m in CJK_DATE.finditer(text):
        if not _real_day(int(m["y"]), int(m["m"]), int(m["d"])):
            continue
        spans.append(Span(m.start(), m.end(), "DATE_TIME", DATE_SCORE, "pattern:written-date"))
    return spans


#: Numeric dates Presidio's recognizer does not read: "4. 11. 2025" (Czech, Slovak, German with
#: spaces) and "2025.10.01" (Korean, Hungarian, Chinese order with dots).
_NUMERIC = re.compile(
    r"(?<![\w.])(?:(?P<d>[0-3]?\d)\.[ \t](?P<m>[01]?\d)\.[ \t](?P<y>1[6-9]\d\d|2[01]\d\d)"
    r"|(?P<y2>1[6-9]\d\d|2[01]\d\d)\.(?P<m2>[01]\d)\.(?P<d2>[0-3]\d))(?![\w])(?!\.\d)"
)
