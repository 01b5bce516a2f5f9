"""Given names joined to a person's name by "and": "our ops team (Mark and Hope)", "Anna & Bill".

A name that is also a word ("Hope", "Grace", "Bill") is left alone by the models and by the
propagation rules unless something vouches for it. Joined by a conjunction to a person's name and
written with a capital inside a sentence, it is the second of two people. The word must be a given
name of the pools and no month, country or big city ("Anna and May", "Anna and Jordan"); one that
opens a sentence ("Will and Anna met") or runs into another capitalised word ("Mark and Grace
Church") is left alone.
"""

from __future__ import annotations

import re

from ..detect.base import Span
from .explain import Trace
from .index import span_map

COORDINATED_SCORE = 0.7
#: "and" in the languages of the realistic sets; "i" only in lower case (Polish, Catalan, Croatian).
#: Dutch "en" is left out: it is French "in" ("Marie en France").
_AND = r"(?:and|&|und|et|y|e|og|och|dan|và|i)"
_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+"
_RIGHT = re.compile(rf"[ ]{_AND}[ ](?P<word>{_WORD})(?![\w'’-])(?![ ][A-ZÀ-ÖØ-Þ])")
_LEFT = re.compile(rf"(?<![\w'’-])(?P<word>{_WORD})[ ]{_AND}[ ]$")
#: Where a sentence starts: a capital there says nothing.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n>*•-]|\d\)|\d\.)[ \t]*$")


def coordinated_names(text: str, kept: list[Span], trace: Trace) -> list[Span]:
    """PERSON spans for given names joined by a conjunction to a kept person's name."""
    from ..detect.places import big_city_names, country_names
    from .words import calendar_words, is_given_name

    persons = [s for s in kept if s.label == "PERSON"]
    if not persons:
        return []
    taken = span_map(len(text), kept)
    out: list[Span] = []
    for p in persons:
        found = [_RIGHT.match(text, p.end)]
        left = _LEFT.search(text, max(0, p.start - 40), p.start)
        if left is not None and not _SENTENCE_START.search(text, max(0, left.start() - 6), left.start()):
            found.append(left)
        for m in found:
            if m is None:
                continue
            start, end = m.start("word"), m.end("word")
            word = m.group("word")
            if any(taken[start:end]) or word.casefold() in calendar_words() or not is_given_name(word):
                continue
            if word in country_names() or word.casefold() in big_city_names():
                continue  # "Anna and Jordan": a country as often as a person
            span = Span(start, end, "PERSON", COORDINATED_SCORE, "coordinated")
            taken[start:end] = b"\x01" * (end - start)
            trace.note(span, "a given name joined by 'and' to a person's name")
            out.append(span)
    return out
