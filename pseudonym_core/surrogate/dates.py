"""Dates move by one per-session offset and keep their written format.

A single offset keeps intervals between dates (age at visit, days between events) intact, which
is what clinical and support texts need from the model, while the real dates stay local.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .base import Generated, SurrogateContext
from .values import char_class

_FORMATS = (
    "%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%m-%d-%Y", "%d-%m-%Y", "%Y/%m/%d", "%m/%d/%y",
    "%d.%m.%y", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%d %b. %Y", "%B %d %Y", "%d %B, %Y",
    "%A, %B %d, %Y", "%B %dst, %Y", "%B %dnd, %Y", "%B %drd, %Y", "%B %dth, %Y", "%dst %B %Y",
    "%dnd %B %Y", "%drd %B %Y", "%dth %B %Y", "%Y%m%d",
)  # fmt: skip


def parse_full_date(text: str) -> tuple[date, str] | None:
    """(date, format) when `text` names one day with day, month and year; None otherwise."""
    cleaned = re.sub(r"\s+", " ", text.strip())
    for fmt in _FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date(), fmt
        except ValueError:
            continue
    return None


def _render(value: date, fmt: str, original: str) -> str:
    out = value.strftime(fmt)
    if "%d" in fmt and not re.search(r"\b0\d", original) and fmt[:2] not in ("%Y",) and "/" not in fmt:
        out = re.sub(r"\b0(\d)\b", r"\1", out)  # "March 3, 2021" stays unpadded
    return out


TIME_SUFFIX = re.compile(r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s?[AaPp]\.?[Mm]\.?)?$")


def shift_date(original: str, ctx: SurrogateContext) -> Generated:
    """Shift the day; a trailing time of day ("10:10:02") is kept as written."""
    m = TIME_SUFFIX.search(original)
    date_part, time_part = (original[: m.start()], m.group()) if m else (original, "")
    parsed = parse_full_date(date_part)
    if parsed is None:
        return char_class(original, ctx)
    value, fmt = parsed
    shifted = value + timedelta(days=ctx.date_offset_days)
    return Generated(_render(shifted, fmt, date_part) + time_part)
