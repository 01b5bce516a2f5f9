"""Numbers that are someone's by their shape alone, written with no label before them.

A chat pastes a parcel number, a table lists tracking numbers, a message quotes a national ID:
"Widzę numer przesyłki 620104873391028442116533", "29004120104471, bas el khat bi esm abooya",
"| 14471928830225 | Sunita Deshpande |". Labels in every language cannot all be listed, but the
shapes are few:

- a run of twelve or more digits, or of sixteen or more in groups ("9589 0710 5270 0418 8231 47", a
  certified-mail number): no amount, year, count or phone is written so (phones are the
  phone detector's, card numbers the card detector's; both win over this weaker guess). Left alone
  when the word before says what public thing it is ("ISBN", "EAN", "version") or a time key stands
  before it (a millisecond timestamp in a log);
- a birth date glued to a serial by the Nordic signs ("031192-448T" in Finland, "19921103-4428"
  in Sweden, "031192-4487" in Denmark), the date valid day-first or year-first;
- Switzerland's AHV number, "756.9471.3028.82";
- six digits or more read out as words, as a call transcript writes a member ID or a phone number
  ("rx number six six two zero four one eight", "it's m d eight eight four one two zero seven
  seven"), with up to three spelled letters before them; not a count ("one two three four five six").

Checksums are not asked: a copied number with a wrong check character is still the person's.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from .id_words import NOT_PERSONAL_BEFORE

_LONG = re.compile(r"(?<![\w.,/:+-])(?:\d{12,30}|\d{3,5}(?:[ ]\d{2,5}){3,8})(?![\w/-]|[.,]\d)")
_GROUPED_DIGITS = 16
_TIME_BEFORE = re.compile(r"(?i)\b(?:ts|time|timestamp|epoch|created|updated|modified|expires?|at|ms)\W{0,3}$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W{0,3}$")
_DATED = re.compile(r"(?<![\w.+-])(?P<date>(?:19|20)?\d{6})[-+A](?:\d{3}[0-9A-Y]|\d{4})(?![\w-])")
_AHV = re.compile(r"(?<![\w.])756\.\d{4}\.\d{4}\.\d{2}(?![\w]|\.\d)")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _birth_date(digits: str) -> bool:
    """Six digits read day-first (Finland, Denmark) or year-first (Sweden); eight year-first."""
    if len(digits) == 8:
        return _valid(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    a, b, c = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    return _valid(2000 + c, b, a) or _valid(2000 + a, b, c)


#: Digits as a call transcript reads them out; "oh" is zero too (the surrogate writes "zero").
DIGIT_WORDS = ("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_DIGIT = "(?:" + "|".join(DIGIT_WORDS) + ")"
_SPOKEN = re.compile(rf"(?i)(?<![\w'’-])(?:(?![ai][ ])[a-z][ ]){{0,3}}{_DIGIT}(?:[ ,-]+{_DIGIT}){{5,}}(?![\w-])")


def _counting(run: str) -> bool:
    """ "one two three four five six": the words count up, they name no number."""
    values = [DIGIT_WORDS.index(w) - 1 for w in re.findall(_DIGIT, run.casefold()) if w != "oh"]
    return all(b == a + 1 for a, b in pairwise(values))


def spoken_digits(text: str) -> bool:
    """Whether digits read out as words may be in the text: a cheap test before the full scan."""
    return _SPOKEN.search(text) is not None


def bare_numbers(text: str) -> list[tuple[int, str, str]]:
    """(start, value, label) of every number found by its shape alone."""
    found: list[tuple[int, str, str]] = []
    for m in _LONG.finditer(text):
        if " " in m.group() and sum(c.isdigit() for c in m.group()) < _GROUPED_DIGITS:
            continue  # a phone number or an amount in groups; sixteen digits and more are neither
        before = text[max(0, m.start() - 24) : m.start()]
        word = _WORD_BEFORE.search(before)
        if _TIME_BEFORE.search(before) or (word and word.group(1).casefold() in NOT_PERSONAL_BEFORE):
            continue
        found.append((m.start(), m.group(), "IDENTIFIER"))
    for m in _DATED.finditer(text):
        if _birth_date(m.group("date")):
            found.append((m.start(), m.group(), "NATIONAL_ID"))
    found.extend((m.start(), m.group(), "NATIONAL_ID") for m in _AHV.finditer(text))
    found.extend((m.start(), m.group(), "IDENTIFIER") for m in _SPOKEN.finditer(text) if not _counting(m.group()))
    return found
