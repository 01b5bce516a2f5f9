"""A code is replaced whole or not at all.

Number recognizers see digit runs, not the record numbers of people who glue them to letters and
other digit groups: a South African tax-number pattern took "2190488731" out of the ticket number
"624-2190488731", a phone pattern took "2025-447182" out of "ČD-EJ-2025-447182". Replacing only that
part leaves the rest in clear, and the rest is what identifies the record ("624-" is the airline).
So a value's span grows over the code it sits in: letters and digits joined to it directly or by a
hyphen, slash or dot. The grown span is an IDENTIFIER, since it no longer has the shape the
recognizer's own label promised (and its surrogate must keep the whole code's shape).
"""

from __future__ import annotations

import re

from ..detect.base import Span
from .explain import Trace

#: Labels of free text and of values whose edges are exact by construction: never grown.
_NOT_CODES = frozenset(
    {
        "PERSON", "ORGANIZATION", "LOCATION", "ADDRESS", "DATE_TIME", "EMAIL_ADDRESS", "URL", "IP_ADDRESS",
        "IBAN_CODE", "CREDIT_CARD", "USERNAME", "NRP", "MEDICAL_LICENSE",
    }
)  # fmt: skip
_JOINERS = "-/."
_WORD = re.compile(r"[a-z]{3,}")


def _code_char(ch: str) -> bool:
    """A letter or digit of a spaced script (Latin, Greek, Cyrillic): Chinese, Japanese and Korean
    text runs into a code without a space ("改签单号GQ20250328-5519"), and is not part of it."""
    return ch.isalnum() and ord(ch) < 0x0530


def _joined(text: str, i: int) -> bool:
    """Whether `text[i]` belongs to a code: a letter or digit, or a joiner between two of them."""
    ch = text[i]
    if _code_char(ch):
        return True
    return ch in _JOINERS and 0 < i < len(text) - 1 and _code_char(text[i - 1]) and _code_char(text[i + 1])


def _left(text: str, start: int) -> int:
    while start > 0 and _joined(text, start - 1):
        start -= 1
    return start


def _right(text: str, end: int) -> int:
    while end < len(text) and _joined(text, end):
        end += 1
    return end


def whole_codes(text: str, kept: list[Span], trace: Trace) -> list[Span]:
    """Each code value of `kept` grown over the code it is part of, unless another span already
    covers that code (a national ID found whole keeps its label)."""
    out = []
    for span in kept:
        grown = whole_code(text, span)
        if grown is not span and not any(o is not span and o.start <= grown.start and grown.end <= o.end for o in kept):
            trace.note(grown, f"grew a {span.label} over the code it is part of")
            span = grown
        out.append(span)
    return out


def whole_code(text: str, span: Span) -> Span:
    """`span` grown over the code it is part of, or `span` itself."""
    if span.label in _NOT_CODES or span.end <= span.start:
        return span
    start, end = _left(text, span.start), _right(text, span.end)
    if (start, end) == (span.start, span.end):
        return span
    added = text[start : span.start] + text[span.end : end]
    if span.label == "PHONE_NUMBER" and not any(c.isalpha() for c in added):
        return span  # "+1-555-0100" next to digits is a phone's own grouping, not a code
    if _WORD.search(added):
        return span  # a path's words ("/v2/employees/88213"): the record number alone is the value
    return Span(start, end, "IDENTIFIER", span.score, span.source)
