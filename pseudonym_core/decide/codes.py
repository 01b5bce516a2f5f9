"""A code is replaced whole or not at all.

Number recognizers see digit runs, not the record numbers of people who glue them to letters and
other digit groups: a South African tax-number pattern took "2190488731" out of the ticket number
"624-2190488731", a phone pattern took "2025-447182" out of "ČD-EJ-2025-447182". Replacing only that
part leaves the rest in clear, and the rest is what identifies the record ("624-" is the airline).
So a value's span grows over the code it sits in: letters and digits joined to it directly, by a
hyphen or a slash, or by a dot between digits. The grown span is an IDENTIFIER, since it no longer
has the shape the recognizer's own label promised (and its surrogate must keep the whole code's
shape); where the configuration does not want IDENTIFIERs, the span stays as found.

Codes are found once per text (one pass), and each span looks its code up by bisection: a text of
one long code with thousands of hits inside must cost what a text of short codes costs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

from ..detect.base import Span
from .explain import Trace
from .filters import USER_SOURCES

#: Labels of free text and of values whose edges are exact by construction: never grown.
_NOT_CODES = frozenset(
    {
        "PERSON", "ORGANIZATION", "LOCATION", "ADDRESS", "DATE_TIME", "EMAIL_ADDRESS", "URL", "IP_ADDRESS",
        "IBAN_CODE", "CREDIT_CARD", "USERNAME", "NRP", "MEDICAL_LICENSE", "CRYPTO", "MAC_ADDRESS",
    }
)  # fmt: skip
#: A letter or digit of a spaced script (Latin, Greek, Cyrillic; Chinese, Japanese and Korean run into
#: a code without a space: "改签单号GQ20250328-5519"), then more joined by "-" or "/", or by "." between
#: digits ("302.01-4417"; not "AB-1234.Next", a sentence's end).
_CHAR = r"(?:(?![\u0530-\U0010ffff])[^\W_])"
_CODE = re.compile(rf"{_CHAR}+(?:(?:[-/]|(?<=\d)\.(?=\d)){_CHAR}+)*")
_WORD = re.compile(r"[a-z]{3,}")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def whole_codes(text: str, kept: list[Span], trace: Trace, wanted: Callable[[str], bool]) -> list[Span]:
    """Each code value of `kept` grown over the code it is part of, unless another span already
    covers that code (a national ID found whole keeps its label) or `wanted("IDENTIFIER")` is false."""
    if not wanted("IDENTIFIER") or not any(_growable(s) for s in kept):
        return kept
    codes = _Codes(text)
    ordered = sorted((s.start, s.end) for s in kept)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))  # the furthest end of any span opening by here
    out = []
    for span in kept:
        grown = codes.grow(span) if _growable(span) else span
        if grown is not span:
            k = bisect_right(starts, grown.start)
            if k and reach[k - 1] >= grown.end:
                grown = span  # another span already covers the code: it decides
        if grown is not span:
            trace.note(grown, f"grew a {span.label} over the code it is part of")
        out.append(grown)
    return out


def _growable(span: Span) -> bool:
    """A value span that may grow: no free text or exact value, and no user pattern (its edges are the user's)."""
    return span.label not in _NOT_CODES and not span.source.startswith(USER_SOURCES) and span.end > span.start


class _Codes:
    """The codes of one text, with what each holds (letters, path words, a date) read once."""

    def __init__(self, text: str) -> None:
        self.codes = [(m.start(), m.end()) for m in _CODE.finditer(text)]
        self.starts = [a for a, _ in self.codes]
        self.letters = [0, *accumulate(c.isalpha() for c in text)]  # letters before each offset
        self.text = text
        self._words: dict[int, list[tuple[int, int]]] = {}
        self._dated: dict[int, bool] = {}

    def _holding(self, pos: int) -> int:
        k = bisect_right(self.starts, pos) - 1
        return k if k >= 0 and self.codes[k][0] <= pos < self.codes[k][1] else -1

    def _words_outside(self, k: int, start: int, end: int) -> bool:
        if k not in self._words:
            a, b = self.codes[k]
            self._words[k] = [(m.start(), m.end()) for m in _WORD.finditer(self.text, a, b)]
        return any(e <= start or s >= end for s, e in self._words[k])

    def grow(self, span: Span) -> Span:
        """`span` grown over the code that holds its ends, or `span` itself."""
        first, last = self._holding(span.start), self._holding(span.end - 1)
        start = self.codes[first][0] if first >= 0 else span.start
        end = max(span.end, self.codes[last][1]) if last >= 0 else span.end
        if (start, end) == (span.start, span.end):
            return span
        added_letters = self.letters[span.start] - self.letters[start] + self.letters[end] - self.letters[span.end]
        if span.label == "PHONE_NUMBER" and not added_letters:
            return span  # "+1-555-0100" next to digits is a phone's own grouping, not a code
        k = first if first >= 0 else last
        if k not in self._dated:
            self._dated[k] = _ISO_DATE.search(self.text, *self.codes[k]) is not None
        if self._dated[k] or self._words_outside(k, span.start, span.end):
            return span  # a timestamp, a path's words ("/v2/employees/88213"): the value alone is the value
        return Span(start, end, "IDENTIFIER", span.score, span.source)
