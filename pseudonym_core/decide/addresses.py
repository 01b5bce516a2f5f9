"""Address chains: the comma-separated parts around a detected place become one ADDRESS.

The address detectors know many street forms, but written addresses of the world are longer than
any list: "Boxhagener Str. 73, Hinterhaus 3. OG, 10245 Berlin", "Blk 7 Lot 22, Phase 3, Camella
Homes, Brgy. Molino IV, Bacoor, Cavite 4102", "Building 41, Street 820, Zone 40, Al Sadd, Doha".
The detectors found the city or the street, and left the house number, the unit, the floor or the
postcode in clear (on fresh dev texts two addresses in five kept such a piece), and "Berlin" with
a LOCATION surrogate next to a real "10245" still points at one building.

A chain grows from a kept LOCATION or ADDRESS span over its neighbouring comma-separated parts
while each part looks like a piece of an address: short, no lower-case sentence words (only the
connecting words of street names: "de", "of the", "u.", "nr."), no contact value, no date. It is
kept only when some part carries a number (a house, unit or postcode): "Paris, London and Berlin"
and "Cork, Ireland" stay separate places. What the chain covers becomes one ADDRESS span, so it
gets one surrogate and restores as one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..detect.base import Span
from .explain import Trace

#: A chain ends at these: a line, a table cell, a clause, a bracket, a field label's colon.
_HARD_END = re.compile(r"\n|\s{3,}|\||;|\t|\(|\)|\[|\]|\s[—–]\s|:\s|\s-\s|\"|“|”")
#: A full stop ends a sentence unless it closes an abbreviation ("Str.", "Av.", "u.", "III.", "41.").
_STOP = re.compile(r"[.!?](?=\s+\S)")
_ABBREVIATION = re.compile(
    r"(?:^|[\s,])(?:[^\W\d_]{1,3}|Brgy|Blvd|Bldg|Apto|Dpto|Prov|Dist|[IVX]{1,5}|\d{1,2}|\d{1,2}[ºª°])\.$"
)
#: Lower-case words that connect the parts of street and place names in many languages.
CONNECTORS = frozenset(
    "de del della di da das do dos du la le les el al van von der den ter of the y e i und et "
    "bis ter sur nr nr. ap ap. u u. em em. str str. pr pr. stan jud jud. soi moo gil ro gu dong ho "
    "no no. int int. col col. dto dto. esq esq. piso blk lot st st. rd rd. ave av av. bl bl. sc sc. "
    "et. etg etg. ul ul. al. os. m m. lok lok. apt apt. ob".split()
) | frozenset(  # floors, sides and doors written in lower case: "4º izda.", "2. th.", "boîte 3", "scala B"
    "izda izda. izq izq. izqda izqda. dcha dcha. dra dra. pta pta. puerta bajo entlo entlo. ático esc esc. "
    "boîte bte bte. étage etage rdc scala piano andar th th. tv tv. mf mf. sal lgh floor fl fl. flr flat unit "
    "suite room bloco lote".split()
)
_WORD = re.compile(r"\S+")
_BRACKET_TAIL = re.compile(r"[ ]?\([^()\n]{1,30}\)")
_VALUE_LABELS = frozenset({"EMAIL_ADDRESS", "PHONE_NUMBER", "URL", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS"})
_PLACE_LABELS = frozenset({"LOCATION", "ADDRESS"})
#: Spans of a kind of their own: a part holding one without a number is no address piece at an edge.
_OWN_KIND = frozenset({"PERSON", "ORGANIZATION", "IDENTIFIER", "NRP"})
#: Labels a chain may swallow: pieces of an address that other detectors typed their own way
#: (a street named after a person, "Camella Homes" as an organization, "nr. 21" as a date).
_SWALLOWED = _PLACE_LABELS | {"PERSON", "ORGANIZATION", "DATE_TIME", "IDENTIFIER", "NRP"}
MAX_PART_CHARS = 60
MAX_PART_WORDS = 7
#: The end of a sentence may open an address ("… sent to Building 41, Street 820, Doha"): so many
#: words of it, one a number.
MAX_TAIL_WORDS = 4
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Numbers that place nobody: times, years and year ranges, amounts, ordinals of dates.
_NOT_ADDRESS_NUMBER = re.compile(
    r"\d{1,2}[:.h]\d\d(?:[ap]m)?|(?:19|20)\d\d(?:s|[-–/](?:\d{2,4}|present|now|today))?|\d+(?:%|[kKmM]|x)|"
    r"\d{1,2}(?:st|nd|rd|th)?(?:[-–]\d{1,2})?(?:am|pm)",
    re.IGNORECASE,
)
_MONEY = re.compile(r"[$€£¥₹%]|\b(?:USD|EUR|GBP|INR|AED|naira|dollars?|euros?|pounds?)\b", re.IGNORECASE)


def _abbreviation(text: str, stop: int) -> bool:
    """The full stop at `stop` closes an abbreviation or a floor number, not a sentence."""
    return bool(_ABBREVIATION.search(text[max(0, stop - 8) : stop + 1]))


def _clause(text: str, pos: int) -> tuple[int, int]:
    """The stretch around `pos` that no hard end or sentence end cuts."""
    lo = max(0, pos - 400)
    start = lo
    for m in _HARD_END.finditer(text, lo, pos):
        start = m.end()
    for m in _STOP.finditer(text, start, pos):
        if not _abbreviation(text, m.start()):
            start = m.end()
    end = min(len(text), pos + 400)
    m = _HARD_END.search(text, pos, end)
    end = m.start() if m else end
    for m in _STOP.finditer(text, pos, end):
        if not _abbreviation(text, m.start()):
            end = m.start()
            break
    return start, end


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ", "-separated parts of a clause, without their outer spaces."""
    out = []
    pos = start
    for m in re.finditer(r",\s", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), a + len(text[a:b].rstrip())) for a, b in out if a < b]


@lru_cache(maxsize=1)
def street_words() -> frozenset[str]:
    from ..detect.address import PREFIXES, SUFFIXES

    return frozenset(w.replace("\\", "").rstrip("?").casefold() for w in f"{SUFFIXES}|{PREFIXES}".split("|"))


def _word_fits(word: str) -> bool:
    """A word an address part may hold: a number, a capitalised or uncased-script word, a connector.
    A function word in capitals ("TO", "AT") is a shouted sentence's, not an address's."""
    bare = word.strip(".,'’#")
    if not bare:
        return True
    folded = bare.casefold()
    if any(c.isdigit() for c in bare) or folded in CONNECTORS or _uncased(bare):
        return True
    if not bare[0].isupper():
        return False
    if bare.isupper() and folded not in street_words():
        from .words import is_function_word

        return not is_function_word(folded)
    return True


def _uncased(word: str) -> bool:
    """Hangul, CJK, Thai, Arabic…: scripts without capitals carry no sentence-word signal."""
    return any(c.isalpha() for c in word) and all(not c.isalpha() or c.lower() == c.upper() for c in word)


#: Words of units, blocks and districts that mark a number as part of an address.
UNIT_WORDS = frozenset(
    "flat apt apartment suite ste unit building bldg block blk lot plot villa house floor fl piso int col dto "
    "stan ap nr em zone ward sector phase brgy barangay soi moo gil ro gu dong ho po box apto depto andar etage "
    "og str rue via calle carrer strasse straße gasse weg laan straat marg nagar cross layout colony hinterhaus "
    "esq dcha izq bis ter ul os al".split()
)
#: Postcode shapes of many countries: "10245", "SE15 3NX", "H2X 1Y4", "3511 NL", "00-514", "4000-443".
_POSTCODE = re.compile(
    r"(?<![\w-])(?:\d{4,7}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{4}\s?[A-Z]{2}|"
    r"\d{2}-\d{3}|\d{4,5}-\d{3,4}|[A-Z]\d{4}[A-Z]{3}|[A-Z]{2}-\d{4,5}|\d{3}\s\d{2})(?![\w-])"
)


def _address_signal(value: str) -> bool:
    """A street, unit or district word, a postcode shape that is no year, or a numbered word of a
    script without capitals ("1203호", "988 弄"): what tells an address from "Germany, Q3 2024" or
    "Anna Schmidt, 42, Munich"."""
    words = [w.strip(".,'’#").casefold() for w in _WORD.findall(value)]
    if any(w in UNIT_WORDS or w in street_words() for w in words):
        return True
    if any(not _YEAR.fullmatch(m.group()) for m in _POSTCODE.finditer(value)):
        return True
    return any(_uncased(w) and any(c.isdigit() for c in w) for w in _WORD.findall(value))


def _numbered(value: str) -> bool:
    """A house, unit or postcode number: a digit in a word that is no time, year, amount or range."""
    return any(
        any(c.isdigit() for c in w) and not _NOT_ADDRESS_NUMBER.fullmatch(w.strip(".,")) for w in _WORD.findall(value)
    )


def _part_fits(text: str, a: int, b: int, spans: list[Span]) -> str | None:
    """"fits" for a piece of an address, "weak" for one that fits only between two others (a name,
    an organization or an ID without a house number: "Camella Homes" inside, not "Rosa María
    Delgado" before "residing at …"), None for a part that ends the chain."""
    value = text[a:b]
    words = _WORD.findall(value)
    if not words or len(value) > MAX_PART_CHARS or len(words) > MAX_PART_WORDS or _MONEY.search(value):
        return None
    if not all(_word_fits(w) for w in words) or _NOT_ADDRESS_NUMBER.fullmatch(value.strip(".")):
        return None
    weak = False
    for s in spans:
        if not (s.start < b and a < s.end):
            continue
        dated = s.label == "DATE_TIME" and sum(c.isalnum() for c in text[s.start : s.end]) >= 6  # not "nr. 21"
        if s.label in _VALUE_LABELS or dated:
            return None
        if s.label == "IDENTIFIER":  # its number is no house number: "Employee #T-20455, …"
            return "weak"
        weak = weak or s.label in _OWN_KIND
    return "weak" if weak and not _numbered(value) else "fits"


def _walk_back(text: str, lo: int, anchor: int) -> int:
    """The start of the address words that end at `anchor`, no further back than `lo`: "… parked
    at 58 Brookfield Avenue" gives "58 Brookfield Avenue". Connectors do not open an address."""
    words = list(_WORD.finditer(text, lo, anchor))
    start = anchor
    for m in reversed(words):
        if not _word_fits(m.group()):
            break
        start = m.start()
    for m in _WORD.finditer(text, start, anchor):
        if m.group().casefold() not in CONNECTORS:
            return m.start()
    return anchor


def _walk_forward(text: str, anchor: int, hi: int) -> int:
    """The end of the address words that start at `anchor` ("Haifa can dispense it" gives "Haifa")."""
    end = anchor
    for m in _WORD.finditer(text, anchor, hi):
        if not _word_fits(m.group()):
            break
        end = m.end()
    return anchor + len(text[anchor:end].rstrip(".,"))


def _chain(text: str, seed: Span, spans: list[Span]) -> tuple[int, int] | None:
    lo, hi = _clause(text, seed.start)
    if seed.end > hi:
        return None
    parts = _parts(text, lo, hi)
    k = next((i for i, (a, b) in enumerate(parts) if a <= seed.start < b or seed.start < a), None)
    # a seed may span parts already ("45 avenue Berthelot, Bât" of a street detector): it ends in part kk
    kk = next((i for i, (_, b) in enumerate(parts) if seed.end <= b), None)
    if k is None or kk is None or kk < k:
        return None
    start = _walk_back(text, parts[k][0], seed.start)
    end = _walk_forward(text, seed.end, parts[kk][1])
    first, last = k, kk
    if start == parts[k][0]:  # the seed's part is all address: earlier parts may join
        while first > 0 and _part_fits(text, *parts[first - 1], spans):
            first -= 1
        while first < k and _part_fits(text, *parts[first], spans) == "weak":
            first += 1
    if end == parts[kk][1]:
        while last + 1 < len(parts) and _part_fits(text, *parts[last + 1], spans):
            last += 1
        while last > kk and _part_fits(text, *parts[last], spans) == "weak":
            last -= 1
    start = parts[first][0] if first < k else start
    end = parts[last][1] if last > kk else end
    if start == parts[first][0] and first > 0:  # "… premises is Building 41, Street 820, …"
        a, b = parts[first - 1]
        tail = _walk_back(text, a, b)
        if tail < b and _numbered(text[tail:b]) and len(_WORD.findall(text, tail, b)) <= MAX_TAIL_WORDS:
            start = tail
    end = start + len(text[start:end].rstrip(".,"))
    if (start, end) == (seed.start, seed.end) or not _numbered(text[start:end]):
        return None
    if not _address_signal(text[start:end]):
        return None
    if seed.label != "ADDRESS" and ", " not in text[start:end]:
        return None  # one part: "Article 15 UK", "PLS CONFIRM 1 DBL SEA VIEW" are no addresses
    return start, end


def join_address_chains(text: str, spans: list[Span], trace: Trace) -> list[Span]:
    """`spans` (sorted, not overlapping) with each address chain as one ADDRESS span.

    Each seed reads only the spans of its own clause (found by bisection), so a long document
    with thousands of spans stays linear (rule 13)."""
    from bisect import bisect_left, bisect_right

    starts = [s.start for s in spans]
    consumed: set[int] = set()
    joined: list[Span] = []
    for k, seed in enumerate(spans):
        if seed.label not in _PLACE_LABELS or k in consumed:
            continue
        lo, hi = _clause(text, seed.start)
        first, last = max(0, bisect_left(starts, lo) - 1), bisect_right(starts, hi)
        near = spans[first:last]
        found = _chain(text, seed, near)
        if found is None:
            continue
        start, end = found
        inside = [i for i in range(first, last) if spans[i].start < end and start < spans[i].end]
        for i in inside:  # a place that runs on into its bracketed province: "Donostia (Gipuzkoa)"
            over = spans[i].end > end and _BRACKET_TAIL.fullmatch(text, end, spans[i].end)
            if over and spans[i].label in _PLACE_LABELS:
                end = spans[i].end
        if any(spans[i].label not in _SWALLOWED or spans[i].start < start or spans[i].end > end for i in inside):
            continue  # a span crossing the chain's edge or of another kind: leave both as they are
        if any(i in consumed for i in inside) or any(j.start < end and start < j.end for j in joined):
            continue
        consumed.update(inside)
        chain = Span(start, end, "ADDRESS", max(spans[i].score for i in inside), "address-chain")
        trace.note(chain, f"joined {len(inside)} span(s) and the numbers between into one address")
        joined.append(chain)
    if not joined:
        return spans
    return sorted([s for i, s in enumerate(spans) if i not in consumed] + joined, key=lambda s: s.start)
