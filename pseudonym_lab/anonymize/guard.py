"""Did an original survive a rewrite? Exact, case-insensitive and digits-only checks.

A rewrite is irreversible only if nothing of the original entity is left: the string itself, the
same string in another case ("JOHN SMITH", "john"), a surname on its own, or the digits of a number
written with other separators ("+33 6 12 34 56 78" → "0612345678"). All checks work at word (or
digit-run) boundaries, so "Ann" inside "Annual" is no leak; of a number of ten digits or more, its
last eight digits count as the number. A capitalised name that is also a frequent English word
("Will", "Hope", "Page") counts in any form but the plain lower-case word: "he will call" after
"Will Page" left the text is the verb, not the name; "Will" or "WILL" still counts, even where it
could be the verb at a sentence start, so the guard errs on the side of falling back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import regex

MIN_DIGITS = 4
#: The last digits of a long number identify it on their own (a phone without its country code).
TAIL_DIGITS = 8
_NAME_PART = re.compile(r"[^\W\d_][^\W\d_'’.-]*[^\W\d_]|[^\W\d_]{2,}")
_DIGIT_RUN = re.compile(r"\d(?:[\d\s\-./()+]*\d)?")


@dataclass(frozen=True, slots=True)
class Leak:
    """Which checks found an original in a rewrite (no text: it is the original that leaked)."""

    exact: bool = False
    casefold: bool = False
    digits: bool = False
    part: bool = False  # a component of a name (a surname on its own)

    @property
    def any(self) -> bool:
        return self.exact or self.casefold or self.digits or self.part


def _bounded(needle: str, flags: int = 0) -> regex.Pattern[str]:
    return regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(needle) + r"(?![\p{L}\p{N}])", flags)


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def name_parts(original: str) -> list[str]:
    """The words of a person's name that identify on their own: three letters or more, and no
    lower-case particle ("van", "der" of "Sjoerd van der Heijden" are in every Dutch text; a
    capitalised "Ben" is a given name and counts)."""
    from pseudonym_core.surrogate.names import PARTICLES

    return [p for p in _NAME_PART.findall(original) if len(p) >= 3 and not (p.islower() and p in PARTICLES)]


#: Zipf frequency from which a capitalised name's lower-case form is read as the ordinary word.
COMMON_ZIPF = 3.5


def _any_case(needle: str, output: str) -> bool:
    """`needle` in `output` in any case, but a common word's plain lower-case form only for a lower-case needle."""
    from pseudonym_core.decide.words import zipf

    pattern = _bounded(needle, regex.IGNORECASE | regex.V1)
    if needle.islower() or " " in needle.strip() or zipf(needle.casefold()) < COMMON_ZIPF:
        return bool(pattern.search(output))
    return any(not m.group().islower() for m in pattern.finditer(output))


def check(output: str, original: str, label: str = "") -> Leak:
    """How (if at all) `original` survives in `output`."""
    if not original.strip():
        return Leak()
    exact = bool(_bounded(original).search(output))
    casefold = exact or _any_case(original, output)
    digits = False
    need = digits_of(original)
    if len(need) >= MIN_DIGITS:
        tail = need[-TAIL_DIGITS:] if len(need) > TAIL_DIGITS + 1 else need  # "+33 6 12…" written "06 12…"
        digits = any(tail in digits_of(run) for run in _DIGIT_RUN.findall(output))
    part = False
    if label == "PERSON":
        parts = [p for p in name_parts(original) if p.casefold() != original.casefold()]
        part = any(_any_case(p, output) for p in parts)
    return Leak(exact, casefold, digits, part)


def surviving(output: str, entities: Iterable[tuple[str, str]]) -> int:
    """How many (original, label) pairs leave any trace in `output`."""
    return sum(check(output, text, label).any for text, label in entities)
