"""National ID numbers whose layout and check digit say what they are, with no label before them.

A Chinese resident ID pasted after "身份证号" a line earlier, an Emirates ID in brackets, a Thai ID
after "ID", a Russian SNILS after "СНИЛС": the label may be far away, in another language, or
absent. Each layout here is rare by chance in other numbers, and each carries a check digit (the
Emirates ID's is Luhn's, after the country code 784 and a year of birth), so a random number of
the same shape passes one time in ten or eleven at most.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

#: Chinese resident ID: region (6), birth date (8), sequence (3), check (digit or X).
#: (Each layout also with blanks between its groups, one kind of separator throughout.)
_CN = re.compile(
    r"(?<![\w-])[1-9]\d{5}(?P<s> ?)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?P=s)\d{3}[\dXx](?![\w-])"
)
#: Thai national ID: 1-4-5-2-1 digits.
_TH = re.compile(r"(?<![\w-])[1-8](?P<s>[ -])\d{4}(?P=s)\d{5}(?P=s)\d{2}(?P=s)\d(?![\w-])")
#: Russian SNILS: 3-3-3 and two check digits.
_SNILS = re.compile(r"(?<![\w-])\d{3}(?P<s>[ -])\d{3}(?P=s)\d{3}[ -]\d{2}(?![\w-])")
#: Emirates ID: 784, the holder's year of birth, seven digits and a check digit.
_AE = re.compile(r"(?<![\w-])784(?P<s>[ -])(?:19|20)\d{2}(?P=s)\d{7}(?P=s)\d(?![\w-])")

_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _cn_ok(value: str) -> bool:
    """ISO 7064 MOD 11-2, and a birth date that exists."""
    value = value.replace(" ", "")
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _CN_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == value[17].upper()


def _th_ok(value: str) -> bool:
    digits = [int(c) for c in value if c.isdigit()]
    total = sum(d * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == digits[12]


def _snils_ok(value: str) -> bool:
    digits = [int(c) for c in value if c.isdigit()]
    total = sum(d * (9 - i) for i, d in enumerate(digits[:9]))
    check = total if total < 100 else 0 if total in (100, 101) else total % 101 % 100
    return check == digits[9] * 10 + digits[10]


def _luhn_ok(value: str) -> bool:
    from ..surrogate.values import luhn_digit  # the same check digit the card pattern and surrogates use

    digits = "".join(c for c in value if c.isdigit())
    return luhn_digit(digits[:-1]) == digits[-1]


_CHECKED: tuple[tuple[re.Pattern[str], Callable[[str], bool]], ...] = (
    (_CN, _cn_ok),
    (_TH, _th_ok),
    (_SNILS, _snils_ok),
    (_AE, _luhn_ok),
)


def checked_national_ids(text: str) -> Iterator[tuple[int, str]]:
    """(start, value) of each national ID whose layout and check digit hold."""
    if not any(c.isdigit() for c in text):
        return
    for pattern, valid in _CHECKED:
        for m in pattern.finditer(text):
            if valid(m.group()):
                yield m.start(), m.group()
