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

_TITLE_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
#: Offices and ranks written before a name that the given-name pools also hold ("Pastor David Miller").
_RANKS = frozenset(
    "pastor dean earl queen king prince princess duke duchess bishop father sister brother reverend elder deacon "
    "judge major general captain chief saint lord lady baron count marshal imam rabbi sheikh".split()
)
_TITLE_BEFORE = re.compile(rf"(?<![\w'’.@&-])({_TITLE_WORD})[ ]$")
_TITLE_AFTER = re.compile(rf"[ ]({_TITLE_WORD})(?![\w'’@&-]|[ ][A-Z])")


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
    if span.label != "PERSON" or value.isupper() or value.islower() or not words[0][:1].isupper():
        return span
    index, free = name_index(), unclaimed(span, others)

    def joins(word: str, family: bool) -> bool:
        lead = is_function_word(word.lower()) or word.casefold() in _RANKS
        if lead or TITLES.fullmatch(word + " ") or GREETINGS.fullmatch(word):
            return False
        return index.is_family(word) if family else index.is_given(word)

    start, end = span.start, span.end
    m = _TITLE_BEFORE.search(text, max(0, start - 40), start)
    family_alone = len(words) == 1 and not index.is_given(words[0])  # "Summer Blackwood": "Summer" read as a date
    if (len(words) >= 2 or family_alone) and m is not None and joins(m.group(1), False) and free(m.start(1), start):
        start = m.start(1)
    m = _TITLE_AFTER.match(text, end)
    alone = len(words) == 1 and index.is_given(words[0])
    if alone and m is not None and joins(m.group(1), family=True) and free(end, m.end()):
        end = m.end()
    return widened(span, start, end, trace, "took in the name's part that is also a word")
