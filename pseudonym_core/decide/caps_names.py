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
