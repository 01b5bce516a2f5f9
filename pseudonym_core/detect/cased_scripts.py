"""Names inside Cyrillic and Greek sentences, told by their capitals.

Russian, Ukrainian, Bulgarian, Serbian and Greek capitalise proper nouns only: months, weekdays,
nationalities and ordinary nouns are written in lower case ("в понедельник", "в марте"; Greek
capitalises its months and weekdays, which are skipped by their stems). So where the English models
see noise, the case itself says it:

- two or three capitalised words in a row are a person ("Айгерим Нурланова", "Σάκης Καραγιάννης"),
  also at a sentence start, where a single capital says nothing;
- capitalised words after a preposition of place are a place ("в Алматы", "στη Νέα Ιωνία"), however
  frequent their name;
- elsewhere a single capitalised word inside a sentence is a person ("Ерлан из их команды"), which is
  what such a word in a chat mostly is, unless the word is frequent in lower case (a heading's word).

Acronyms ("ООО", "ΑΦΜ") have no lower-case letters and are left to the organization rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .base import Span

SCORE = 0.6
_UPPER = "А-ЯЁІЇЄҐЂЈЉЊЋЏΑ-ΩΆΈΉΊΌΎΏ"
_LOWER = "а-яёіїєґђјљњћџα-ωάέήίόύώϊϋΐΰς"
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}]?[{_LOWER}]+)?"
_RUN = re.compile(rf"(?<![\w{_UPPER}{_LOWER}-]){_WORD}(?:[ \u00a0]{_WORD}){{0,2}}(?![\w{_UPPER}{_LOWER}-])")
#: A family name with the initials of the given name and patronymic, either side: "Шнайдер А. В.",
#: "И. Р. Галимзянов", "Ташкентова Д." (orders, minutes and signatures write every name so).
_INITIALS = rf"[{_UPPER}]\.(?:[ \u00a0]?[{_UPPER}]\.)?"
_INITIALED = re.compile(
    rf"(?<![\w{_UPPER}{_LOWER}.-])(?:{_INITIALS}[ \u00a0]?{_WORD}|{_WORD}[ \u00a0]{_INITIALS})(?![\w{_UPPER}{_LOWER}])"
)
#: A sentence or a field starts right before: there a capital may be only the first word's.
_START = re.compile(r"(?:^|[.!?…:;«»\"“”()\[\]|•›\-–—]\s*|\n\s*|\d\s+)$")
#: Titles: "κ. Παπαδόπουλος" (Mr), "κα Νικολάου" (Mrs), "г-н Иванов", "пани Коваль".
_TITLE_BEFORE = re.compile(
    r"(?:^|\s)(?:κ\.|κα|κ|κος|κυρία|κύριε|κύριος|г-н|г-жа|гн|пан|пані|пани|господин|госпожа)\s+$", re.I
)
_PLACE_BEFORE = re.compile(r"(?:^|\s)(?:в|во|из|до|на|под|около|через|у|з|із|στην|στη|στο|στον|από|σε|προς)\s+$", re.I)
#: Greek capitalises months ("Μαρτίου") and weekdays ("Δευτέρα"): stems to skip.
_GREEK_CALENDAR = re.compile(
    r"^(?:Ιανουαρ|Φεβρουαρ|Μαρτ|Απριλ|Μαΐ|Μαι|Ιουν|Ιουλ|Αυγο[υύ]στ|Σεπτ[εέ]μβρ|Οκτ[ωώ]βρ|Νο[εέ]μβρ|Δεκ[εέ]μβρ|"
    r"Δευτ[εέ]ρα|Τρ[ιί]τη|Τετ[αά]ρτη|Π[εέ]μπτη|Παρασκευ|Σ[αά]ββατ|Κυριακ)"
)


#: A patronymic, in any case: a father's name with "-ович"/"-евич" ("Іванович", "Сергеевичу"), or
#: "-івна"/"-ївна"/"-овна"/"-евна" ("Петрівни", "Сергеевной"). The female endings are also those of
#: adjectives ("Верховна", "Головна", "Основной"), so a patronymic counts only as the last word of a
#: run after a name, and a female one only third in the run or when it is rare as a word.
_MALE_PATRONYMIC = re.compile(r"(?:ович|евич|йович|ьович)(?:а|у|ем|ом|і|ю)?$")
_FEMALE_PATRONYMIC = re.compile(r"(?:івн|ївн|овн|евн)(?:а|и|у|ою|ой|ы|ей|е|і)$")
#: East Slavic family-name endings: a rare word with one, last after a capitalised word inside a
#: sentence, is a family name ("Юлія Гнатюк", "Олег Коваленко").
_SLAVIC_FAMILY = re.compile(r"(?:енко|чук|щук|юк|ук|ський|ська|цький|цька|ская|ский|ов|ова|ев|ева|ін|іна|ин|ина)$")


def _named(words: list[str], at_start: bool) -> bool:
    """Whether the run is a person by its last word alone: a patronymic after a name, or, inside a
    sentence, a rare East Slavic family name after one capitalised word (at a line's start the first
    word may be a role: "Юрист Ташкентова Д.", lawyer Tashkentova)."""
    if len(words) < 2:
        return False
    last = words[-1]
    female = _FEMALE_PATRONYMIC.search(last) is not None
    if _MALE_PATRONYMIC.search(last) or (female and (len(words) == 3 or not _ordinary(last, RUN_ZIPF))):
        return True  # three words ending so are family, given and father's name ("Мельник Ірина Василівна")
    family = _SLAVIC_FAMILY.search(last) is not None and not _ordinary(last, RUN_ZIPF)
    return family and len(words) == 2 and not at_start


@lru_cache(maxsize=1)
def _pool_names() -> frozenset[str]:
    from .scripts import script_names

    given, family = script_names()
    return given | family


#: A single capitalised word of no name pool this frequent in lower case is the word, written with a
#: heading's or a button's capital ("Лог", "Бог"); nicknames as frequent ("Σάκης", 3.8) are lost.
ORDINARY_ZIPF = 3.0
#: Two or three capitalised words are a name unless all are this frequent ("Откройте Панель", "Open
#: the panel"); family names are frequent in corpora too ("Καραγιάννης", 3.4).
RUN_ZIPF = 3.5
#: ... and none of them a word this frequent ("Παθολογική Κλινική", a clinic's heading).
WORD_ZIPF = 4.0
#: After a preposition of place, where place names are frequent words in corpora ("Λάρισα").
PLACE_ZIPF = 4.5
_LANGUAGES = ("ru", "uk", "bg", "el", "sh", "mk")


@lru_cache(maxsize=8192)
def _ordinary(word: str, ceiling: float) -> bool:
    from wordfreq import zipf_frequency

    if word in _pool_names():
        return False
    lowered = word.lower()
    return any(zipf_frequency(lowered, lang) >= ceiling for lang in _LANGUAGES)


def cased_spans(text: str) -> Iterator[Span]:
    """PERSON and LOCATION spans of capitalised Cyrillic and Greek words."""
    for m in _INITIALED.finditer(text):
        family = re.sub(rf"[{_UPPER}]\.", "", m.group()).split()
        if family and not _ordinary(family[0], WORD_ZIPF):
            yield Span(m.start(), m.end(), "PERSON", SCORE, "scripts")
    for m in _RUN.finditer(text):
        words = m.group().split()
        before = text[max(0, m.start() - 12) : m.start()]
        if any(_GREEK_CALENDAR.match(w) for w in words):
            continue
        if _PLACE_BEFORE.search(before) and not _TITLE_BEFORE.search(before):
            # "στη Λάρισα", "στη Νέα Ιωνία", "в Алматы": a place, unless a common word ("во Вторую линию")
            if not all(_ordinary(w, PLACE_ZIPF) for w in words):
                yield Span(m.start(), m.end(), "LOCATION", SCORE, "scripts")
            continue
        if _named(words, _START.search(before) is not None):
            yield Span(m.start(), m.end(), "PERSON", SCORE, "scripts")
            continue
        if (len(words) == 1 and _ordinary(words[0], ORDINARY_ZIPF)) or (
            any(_ordinary(w, WORD_ZIPF) for w in words) or all(_ordinary(w, RUN_ZIPF) for w in words)
        ):
            continue  # "Παθολογική Κλινική" (a clinic's heading), "Ответственный" (in charge)
        if len(words) >= 2 or _TITLE_BEFORE.search(before) or _START.search(before) is None:
            yield Span(m.start(), m.end(), "PERSON", SCORE, "scripts")
