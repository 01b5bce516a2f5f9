"""Organizations named by a place and the word that says what they are: "Stadtbibliothek Graz",
"Telecom Egypt", "SAPS Umlazi", "l'Hôtel de Lyon", "the Embassy of Japan".

Branches, public bodies and local firms put a town or a country beside their kind, in every
language. The gazetteer and the models find the place and miss the rest, so the place alone was
masked and "Berufsfeuerwehr", "Pensionskasse" or "SAPS" stayed in clear: with the surrogate town
beside it, that still tells the employer or the police station. Where the capitalised words right
before a kept place (joined by a space or by one preposition: "de", "of", "u", "w" …) hold an
institution word of any language, a German or Nordic compound ending in one ("Berufsfeuerwehr"), or
are an acronym that is no word and no place ("SAPS", "KPMG", "ΚΤΕΟ"), the organization covers them
and the place; so do institution words right after it ("Jericho Health Centre"). Nothing is grown
over a person or an organization already drawn, over words without such a word ("Tuesday Berlin"),
across a sentence's end or a line break.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..detect.base import Span
from .explain import Trace

#: Prepositions of many languages between a body's kind and its town: "Hôtel de Lyon", "Embassy of
#: Japan", "Tekniska Högskolan i Jönköping", "Bank Spółdzielczy w Łodzi".
#: English "in" is left out: "Hotel in Dubai is not needed" names a kind of place to stay.
_JOIN = r"(?:[ ](?:of|for|de|du|des|der|di|del|della|do|da|dos|das|i|u|w|v|à|im|am|pro)[ ]|[ ])"
_CAPITALISED = r"[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я][\w'’.&-]*"
#: Up to four capitalised words before the place.
_BEFORE = re.compile(rf"(?:(?<=[lLdD]['’])|(?<![\w'’.-]))({_CAPITALISED}(?:[ ]{_CAPITALISED}){{0,3}}){_JOIN}$")
#: Up to three capitalised words after the place: "Jericho Health Centre", "Oslo Voksenopplæring".
_AFTER = re.compile(r"[ ]([A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я][\w'’&-]*(?:[ ][A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я][\w'’&-]*){0,2})")
#: Compound endings of German and Nordic institution words: "Stadtbibliothek", "Berufsfeuerwehr",
#: "Pensionskasse", "Borgerservice", "Finanzamt", "Voksenopplæring".
_COMPOUND_HEADS = (
    "bibliothek", "feuerwehr", "kasse", "amt", "gericht", "schule", "klinik", "praxis", "verein", "stiftung",
    "versicherung", "verwaltung", "anstalt", "behörde", "kammer", "werk", "werke", "service", "bibliotek",
    "kontor", "senter", "center", "centrum", "sentral", "skole", "skola", "opplæring", "hus", "huset",
)  # fmt: skip


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    from ..detect.institutions import AMBIGUOUS_HEADS, HEADS
    from ..detect.org_words import ORG_WORDS

    return frozenset(ORG_WORDS) | frozenset(HEADS) | frozenset(AMBIGUOUS_HEADS)


def _institution_word(word: str) -> bool:
    folded = word.casefold().rstrip(".,")
    if folded in _heads():
        return True
    return len(folded) >= 9 and folded.endswith(_COMPOUND_HEADS) and word[:1].isupper()


def _acronym(word: str) -> bool:
    """Capitals that are no English word and no place: "SAPS", "KPMG", "DPD"; not "UK", "CEO", "GMT"."""
    from ..detect.places import is_place_name
    from .words import is_common_word, zipf

    bare = word.rstrip(".,")
    if not (2 < len(bare) <= 6 and bare.isalpha() and bare.isupper()):
        return False
    return zipf(bare.casefold()) < 3.0 and not is_common_word(bare.casefold()) and not is_place_name(bare)


def org_around_places(text: str, kept: list[Span], trace: Trace) -> list[Span]:
    """`kept`, with each place that an institution word or an acronym right beside it names grown
    into that organization."""
    taken = sorted((s.start, s.end) for s in kept if s.label != "LOCATION")
    out = []
    for s in kept:
        place = s.label == "LOCATION" and _named(text[s.start : s.end])
        start = _grown(text, s, taken) if place else None
        end = _grown_right(text, s, taken) if place else None
        if start is None and end is None:
            out.append(s)
            continue
        span = replace(s, start=start if start is not None else s.start, end=end or s.end, label="ORGANIZATION")
        trace.note(span, "an institution word or an acronym beside the place names an organization")
        out.append(span)
    return out


def _named(value: str) -> bool:
    """A place's name of three letters at least: "No" of "IBP No.", which a model typed as a place,
    grows into nothing."""
    return sum(c.isalpha() for c in value) >= 3


def _grown(text: str, place: Span, taken: list[tuple[int, int]]) -> int | None:
    """Where the organization starts, or None when the words before the place name none."""
    line_start = text.rfind("\n", 0, place.start) + 1
    m = _BEFORE.search(text, max(line_start, place.start - 80), place.start)
    if m is None:
        return None
    words = m.group(1).split(" ")
    # the kind may come first ("Stadtbibliothek", "Registro Civil") or be the acronym of the body
    # an acronym beside a place written in capitals is only another word of a line in capitals
    acronyms = not text[place.start : place.end].isupper()
    first = next((k for k, w in enumerate(words) if _institution_word(w) or (acronyms and _acronym(w))), None)
    if first is None or any(w.endswith((".", ",")) for w in words[first:]):
        return None  # "… in der Kasse. Berlin": a sentence ended before the place
    start = m.start(1) + sum(len(w) + 1 for w in words[:first])
    if any(a < place.start and b > start for a, b in taken):
        return None  # a person or an organization the detectors already drew ("Dr Ana Ruiz, Lisboa")
    return start


def _grown_right(text: str, place: Span, taken: list[tuple[int, int]]) -> int | None:
    """Where the organization ends when the place opens it ("Jericho Health Centre"), or None."""
    m = _AFTER.match(text, place.end)
    if m is None:
        return None
    words = m.group(1).split(" ")
    last = max((k for k, w in enumerate(words) if _institution_word(w)), default=None)
    if last is None:
        return None
    end = m.start(1) + sum(len(w) + 1 for w in words[: last + 1]) - 1
    if any(a < end and b > place.end for a, b in taken):
        return None
    return end
