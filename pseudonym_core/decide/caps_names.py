"""The rest of a name written in capitals, where a model found only part of it.

Bank statements, passenger lists, court headings and card holders write names in capitals
("account 8730419925 a.n. RIZKY HIDAYAT", "MR HARPREET S GILL", "FPS FROM CHEUNG WING SZE"). The
models read a re-cased copy, but on a line that is not all in capitals the copy keeps the
capitals, and the models then find the part they know ("RIZKY") and leave the rest in clear,
which names the person as well as the whole would.

A capitalised neighbour joins the name when it is a name-pool word that is no frequent English
word, or a word of four letters or more that no word list knows; a single letter between two
name words is a middle initial ("HARPREET S GILL"). A title, a month, a function word, a short
acronym ("REF", "FPS", "LLC") or a span of another type ends it.
"""

from __future__ import annotations

import re

from ..detect.base import Span
from .explain import Trace
from .resolve import TITLES
from .types import unclaimed, widened
from .words import is_family_name, is_given_name

#: At most this many words join on each side ("CAMILO ANDRÉS RESTREPO VÉLEZ" from "CAMILO").
GROW_WORDS = 3
#: A name-pool word this frequent in English is the word ("WING", "BILL"), not a name part.
FREQUENT_NAME_WORD = 4.0
#: A word no name pool holds joins only if rare and at least this long: shorter capitals are acronyms.
UNKNOWN_MIN_LETTERS = 4
UNKNOWN_MAX_ZIPF = 3.5

_CAPS = r"[^\W\d_a-z](?:[^\W\d_]|['’-](?=[^\W\d_]))*"
_BEFORE = re.compile(rf"(?<![\w'’.@-])({_CAPS})\.?[ ]$")
_AFTER = re.compile(rf"[ ]({_CAPS})\.?(?![\w'’@-]|\.\w)")


def grow_caps_name(text: str, span: Span, trace: Trace, others: list[Span]) -> Span:
    """`span` widened over the capitalised parts of its name next to it (see the module)."""
    value = text[span.start : span.end]
    if span.label != "PERSON" or not value.isupper():
        return span
    free = unclaimed(span, others)
    start, end = span.start, span.end
    for _ in range(GROW_WORDS):
        m = _BEFORE.search(text, max(0, start - 64), start)
        if m is None or not free(m.start(1), m.end()):
            break
        word = m.group(1)
        if len(word) == 1:
            # an initial before the name: only a lone letter at a field's start, and not the word "A" or "I"
            if word in "AI" or not _initial_before(text, m.start(1)):
                break
        elif not _part(word):
            break
        start = m.start(1)
    pos, added = end, 0
    while added < GROW_WORDS and (m := _AFTER.match(text, pos)) is not None and free(m.start(1), m.end()):
        word = m.group(1)
        if len(word) == 1:  # "HARPREET S GILL": an initial counts once a name word follows it
            nxt = _AFTER.match(text, m.end())
            if nxt is None or len(nxt.group(1)) == 1 or not _part(nxt.group(1)) or not free(nxt.start(1), nxt.end(1)):
                break
            end = pos = nxt.end(1)
            added += 2
            continue
        if not _part(word):
            break
        end = pos = m.end(1)
        added += 1
    return widened(span, start, end, trace, "took in the capitalised name's other parts")


def _part(word: str) -> bool:
    from ..surrogate.pools import name_index
    from .words import is_dictionary_word, is_function_word, zipf

    if not word.isupper() or TITLES.fullmatch(word + " "):
        return False
    low = word.lower()
    if is_function_word(low) or (low[:3] in _MONTHS and (len(low) == 3 or low in _MONTH_NAMES)):
        return False
    index = name_index()
    if index.is_given(word) or index.is_family(word):
        return zipf(low) < FREQUENT_NAME_WORD
    letters = sum(c.isalpha() for c in word)
    return letters >= UNKNOWN_MIN_LETTERS and zipf(low) < UNKNOWN_MAX_ZIPF and not is_dictionary_word(low)


def _initial_before(text: str, at: int) -> bool:
    """A lone capital opens a name after a field label, a bracket, a line start or "name"."""
    before = text[max(0, at - 12) : at]
    return before == "" or bool(re.search(r"(?:^|[\n:(\[,;]|\bname)[ \t]*$", before, re.IGNORECASE))


_MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december".split()
)
_MONTHS = frozenset(m[:3] for m in _MONTH_NAMES)


# -- the same for a name written with initial capitals -------------------------------------------

#: Any letters; `_titled` then asks for a capital and small letters, in every script that has case.
_TITLE_WORD = r"[^\W\d_]{2,}(?:-[^\W\d_]{2,})?"
#: Offices and ranks written before a name that the given-name pools also hold ("Pastor David Miller").
_RANKS = frozenset(
    "pastor dean earl queen king prince princess duke duchess bishop father sister brother reverend elder deacon "
    "judge major general captain chief saint lord lady baron count marshal imam rabbi sheikh".split()
)
_TITLE_BEFORE = re.compile(rf"(?<![\w'’.@&-])({_TITLE_WORD})[ ]$")
#: A suffix after an apostrophe stays outside: "Gülsüm Çelik'e" (Turkish "to"), "Ann Lee's".
_TITLE_AFTER = re.compile(rf"[ ]({_TITLE_WORD})(?![\w@&-]|['’](?!\w)|[ ][^\W\d_])")


def _titled(word: str) -> bool:
    """Written with a capital and then small letters: "Doğan", "Çelik", "Jean-Luc"."""
    return all(part[:1].isupper() and part[1:].islower() for part in word.split("-"))


def grow_title_name(text: str, span: Span, trace: Trace, others: list[Span]) -> Span:
    """A model leaves out the name part that is also a word: "Dawn" of "Dawn Marie Whitaker",
    "Summer" of "Summer Rose Bishop", "Long" of "Brandon Long". A capitalised given name just
    before a name of two words or more, or before a lone word that is no given name, joins it, and
    a capitalised family name just after a lone given name; a function word ("Will", "May"), a
    title or a greeting does not, and a family name followed by another capitalised word may open a
    place or a firm ("Brandon Long Beach")."""
    from ..surrogate.pools import name_index
    from .resolve import GREETINGS
    from .words import is_function_word

    value = text[span.start : span.end]
    words = value.split()
    if value.isupper() or value.islower() or not words[0][:1].isupper():
        return span
    index, free = name_index(), unclaimed(span, others)
    if span.label != "PERSON" and not _family_as_place(span, value):
        return span

    def joins(word: str, family: bool) -> bool:
        lead = is_function_word(word.lower()) or word.casefold() in _RANKS
        if not _titled(word) or lead or TITLES.fullmatch(word + " ") or GREETINGS.fullmatch(word):
            return False
        return is_family_name(word) if family else is_given_name(word) or _unlisted_given(word, words)

    start, end = span.start, span.end
    m = _TITLE_BEFORE.search(text, max(0, start - 40), start)
    family_alone = len(words) == 1 and not index.is_given(words[0])  # "Summer Blackwood": "Summer" read as a date
    grows = m is not None and (
        ((len(words) >= 2 or family_alone) and joins(m.group(1), False)) or _modal_given(text, m, words)
    )
    if m is not None and grows and free(m.start(1), start):
        start = m.start(1)
    m = _TITLE_AFTER.match(text, end)
    alone = len(words) == 1 and is_given_name(words[0])
    if alone and m is not None and joins(m.group(1), family=True) and free(end, m.end()):
        end = m.end()
    if span.label != "PERSON":
        if start == span.start:
            return span  # a family name typed as a place stays the model's place without a given name
        span = Span(span.start, span.end, "PERSON", span.score, span.source)
    return widened(span, start, end, trace, "took in the name's part that is also a word")


def _modal_given(text: str, m: re.Match[str], words: list[str]) -> bool:
    """A given name that is also a function word ("Will", "Bill" is none) before a lone family name
    inside a sentence: "Staff Nurse Will Grant", "reported by Will Hope". Only where the capital
    is no sentence's start ("Will Grant come?") and the word no month ("in May Smith joined")."""
    from .evidence import sentence_initial
    from .words import is_function_word, is_nickname

    word = m.group(1)
    if len(words) != 1 or not _titled(word) or not is_function_word(word.lower()):
        return False
    if word.casefold()[:3] in _MONTHS or sentence_initial(text, m.start(1)):
        return False
    return (is_given_name(word) or is_nickname(word)) and is_family_name(words[0])


def _family_as_place(span: Span, value: str) -> bool:
    """A family name that spaCy alone called a place and no place list holds ("te Jure Novak"):
    it becomes a person's name once a given name is found before it."""
    from ..detect.places import is_place_name

    if span.label != "LOCATION" or span.source != "spacy" or " " in value:
        return False
    return is_family_name(value) and not is_place_name(value)


#: A word no list knows joins a family name as its given name only when it is this rare in English.
UNLISTED_GIVEN_ZIPF = 2.5
#: … and no more frequent than this in another language: a name is a word of its own language's
#: lists ("serhat" 4.05 in Turkish), the words before a family name are far more frequent there
#: ("Familie" 5.4, "Herr" 5.2, "Pani" 5.5, "Doktor" 5.1).
UNLISTED_GIVEN_ABROAD_ZIPF = 4.5


def _unlisted_given(word: str, name: list[str]) -> bool:
    """A given name of a culture the pools lack ("Serhat Doğan", "Kanokwan Srisuk"): a capitalised
    word of four letters or more before a lone family name, that no dictionary or place list holds
    and no language uses as an everyday word. (Names are in the word lists of their own language,
    so being a word there is no evidence against a name.)"""
    from ..detect.places import is_place_name
    from .frequency import frequent_in_any
    from .words import OTHER_LANGUAGES, is_dictionary_word, zipf

    if len(name) != 1 or not is_family_name(name[0]) or len(word) < 4 or not word[1:].islower():
        return False
    low = word.casefold()
    if zipf(low) >= UNLISTED_GIVEN_ZIPF or is_dictionary_word(low):
        return False
    if frequent_in_any(low, OTHER_LANGUAGES, UNLISTED_GIVEN_ABROAD_ZIPF):
        return False
    return not is_place_name(word)


def whole_names(
    text: str, kept: list[Span], guesses: list[tuple[Span, bool]], votes: list[Span], trace: Trace
) -> list[Span]:
    """A model's name that was dropped for reading as another language's words ("Speranza
    Colombo": hope and dove in Italian) is a name after all when a part of it is a person on other
    evidence (kept as a person, voted a person by another detector, or kept as a person elsewhere in
    the text) and either that part is a person elsewhere too or a word of it is in the name pools.
    The part proves the words are used as a name, and leaving the rest in clear would name the
    person anyway; one model's vote on a foreign noun is not enough ("Gegenstand Mathematik"). Only a
    one-line guess of two to four capitalised words, with nothing of another type reaching out of
    it; where the guess was dropped for its first word (`opener`), that word must be the part
    ("Der Müller" stays "Müller")."""
    if not guesses:
        return kept
    out = list(kept)
    people: dict[str, set[int]] = {}
    for k in kept:
        if k.label == "PERSON":
            people.setdefault(text[k.start : k.end], set()).add(k.start)
    voted = {(v.start, v.end) for v in votes if v.label == "PERSON"}

    def elsewhere(k: Span) -> bool:  # the same string a person at another place of the text
        return bool(people.get(text[k.start : k.end], set()) - {k.start})

    for g, opener in guesses:
        value = text[g.start : g.end]
        if "\n" in value or not 2 <= len(value.split()) <= 4 or not all(w[:1].isupper() for w in value.split()):
            continue  # lower-case words are left to the rules that read them ("sem aviso": Portuguese)
        inside = [k for k in out if g.start <= k.start and k.end <= g.end]
        if any(k.start < g.end and g.start < k.end for k in out if k not in inside):
            continue  # a span that reaches out of the guess: an organization, an address
        if any((k.start, k.end) == (g.start, g.end) for k in inside):
            continue
        parts = [k for k in inside if k.label == "PERSON" or elsewhere(k) or (k.start, k.end) in voted]
        if not parts or len(parts) != len(inside) or (opener and not any(k.start == g.start for k in parts)):
            continue
        if not (any(elsewhere(k) for k in parts) or any(is_given_name(w) or is_family_name(w) for w in value.split())):
            continue  # one model's vote on a foreign noun ("Gegenstand Mathematik") is no name's evidence
        whole = Span(g.start, g.end, "PERSON", max(k.score for k in parts), g.source)
        trace.note(whole, "a model's name kept whole: a part of it is a person on other evidence")
        out = [k for k in out if k not in parts] + [whole]
    return out
