"""Street addresses: neither spaCy's small model nor Presidio's English recognizers find them.

Patterns cover the common shapes (US/UK "221 Baker Street", continental "Via Roma 12",
German "Hauptstraße 5"), then absorb what follows on the same address block (unit, city,
postcode) so that an address becomes one entity, as rule 1 of overlap resolution expects.
"""

from __future__ import annotations

import re

from .address_pieces import extend as extend_intl
from .addresses_intl import intl_addresses
from .base import BaseDetector, Span

SUFFIXES = (
    "Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Pl|Way|Terrace|Ter|"
    "Parkway|Pkwy|Highway|Hwy|Square|Sq|Circle|Cir|Crescent|Cres|Close|Row|Walk|Heights|Hts|Hill|Gardens|"
    "Gdns|Grove|Park|Trail|Trl|Loop|Path|Pike|Plaza|Alley|Mews|Green|Rise|View|Vale|Wharf|Quay|Port|"
    "Point|Pt|Ridge|Run|Pass|Crossing|Estates|Expressway|Expy|Freeway|Fwy|Junction|Landing|Manor|"
    "Meadows|Mill|Mills|Station|Summit|Turnpike|Valley|Villages?|Wells?|Creek|Cove|Fork|Harbor|Island"
)
PREFIXES = (
    "Via|Viale|Corso|Piazza|Largo|Strada|Vicolo|Rua|Avenida|Av\\.|Travessa|Praça|Alameda|Calle|Carrer|"
    "Camino|Paseo|Plaza|Rue|Boulevard|Bd|Chemin|Allée|Impasse|Place|Quai|ul\\.|ulica|Aleja|al\\.|"
    "Straße|Strasse|Καλλιρόης|Odos|Ulitsa|Jalan|Jl\\."
)
_CAPWORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*"
_UNIT = r"(?:,?\s*(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|Room|Rm\.?|Bldg\.?|#)\s*[\w-]+)"
_NUM = r"\d{1,6}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?"
_MONTHS = (
    r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|"
    r"mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|"
    r"julio|agosto|septiembre|octubre|noviembre|diciembre)\b"
)

_PATTERNS = [
    # 221B Baker Street [NW] [Apt 4]
    re.compile(
        rf"(?<![\w-]){_NUM}\s+(?:\d{{1,6}}\s+)?(?:{_CAPWORD}\s+){{0,4}}(?:{SUFFIXES})\b\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b)?{_UNIT}?"
    ),
    # Via Leopardi 83, Rua Arapiraca 1943 (optionally after building / postal numbers)
    re.compile(
        rf"(?:(?<![\w-])\d{{1,6}}\s+){{0,2}}\b(?:{PREFIXES})\s+(?:(?:de|da|do|del|della|di|des|du|la|le)\s+)?(?:{_CAPWORD}\s+){{0,3}}{_NUM}\b{_UNIT}?"
    ),
    # Hauptstraße 5, Am Lindenweg 12a
    re.compile(
        r"\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig)"
        rf"\s+{_NUM}\b{_UNIT}?"
    ),
    # 637 Strojírenská 1006 (number, name, number: a common generated and Eastern European shape);
    # on one line, and never a date ("1 September 2024") or a count ("ROOM M4 BOOKED FOR 3")
    re.compile(rf"(?<![\w-])\d{{1,6}}[ \t]+(?!{_MONTHS})(?:{_CAPWORD}[ \t]+){{1,3}}{_NUM}\b{_UNIT}?"),
    # P.O. Box 63, PO Box 1234
    re.compile(r"\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b"),
    # a unit line on its own: "Suite 026", "Apt. 559"
    re.compile(r"\b(?:Apt\.|Apartment|Suite|Unit)\s*\d{1,5}[A-Za-z]?\b"),
    # US military mail: "PSC 2322, Box 6025\nAPO AA 88307", "USNS Šimić\nFPO AA 13523"
    re.compile(
        r"(?i)\b(?:(?:PSC|Unit|CMR)\s+\d{1,5},?\s+Box\s+\d{1,5}|USNS\s+[^\W\d_]+|USNV\s+[^\W\d_]+|USS\s+[^\W\d_]+|"
        r"USCGC\s+[^\W\d_]+)(?:\s*(?:\\n|\n)\s*|,?\s+)(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}\b"
    ),
]
#: A street named without its number ("parada no semáforo da Av. Ibirapuera", "hit on Av. Rivadavia at
#: Acoyte", "Jl. Malioboro"): only prefixes that are no English word, so "via Email" or "Place Order"
#: are not read so.
_STREET_NAME = re.compile(
    r"(?<![\w.-])(?:Av\.|Avda\.|Avenida|Rua|Calle|Carrer|Carrera|Jalan|Jl\.|Ulitsa|ul\.|Rue|Viale|Praça|Travessa|"
    rf"Alameda|Paseo)[ ](?:(?:de|da|do|del|della|di|des|du|la|le|dos|das)[ ])?{_CAPWORD}(?:[ ]{_CAPWORD}){{0,2}}"
)
#: A phrase announcing an address; what follows it up to a closing number is the street part.
_CONTEXT = re.compile(
    r"(?i)\b(?:address(?:es)?|located at|offices? (?:is |are )?(?:located )?at|lives? at|living at|moved to|"
    r"ship(?:ped)? (?:it |this )?to|sen[dt] (?:it |this |the \w+ )?to|deliver(?:ed)? (?:it |this )?to|stop at)"
    r"(?:\s+(?:is|to|at|the same|of \w+(?: \w+)?))?\s*(?::|\bis\b|\bit is\b)?\s*"
)
_AFTER_CONTEXT = re.compile(
    r"(?:\d{1,6}\s+){0,2}[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,4}\s+\d{1,5}[a-zA-Z]?\b\.?"
)
#: What follows "send it to" when it is no address: a pronoun, or a sentence that ends first.
_NOT_AN_ADDRESS = re.compile(r"(?i:me|you|him|her|us|them|it)\b|.*?\b[a-z]{2,}[.!?][ \t]+[A-Z]")
_ZIP = re.compile(
    r"(?i)\b(?:zip(?:\s*code)?|postal\s*code|post\s*code|postcode|plz)\b\W{0,4}(?:is\s+)?"
    r"([A-Z0-9]{2,5}(?:[ -][A-Z0-9]{3,4})?)\b"
)
ADDRESS_SCORE = 0.7


class AddressDetector(BaseDetector):
    name = "address"
    labels: frozenset[str] = frozenset({"LOCATION"})
    reads_case = True  # matches exact shapes: reads the text as written, not the re-cased view

    def detect(self, text: str) -> list[Span]:
        found: list[tuple[int, int]] = []
        for pattern in _PATTERNS:
            found.extend((m.start(), m.end()) for m in pattern.finditer(text) if not _english_via(m.group()))
        for ctx in _CONTEXT.finditer(text):
            m = _AFTER_CONTEXT.match(text, ctx.end())
            # "send the file to me. The lead is 5 minutes late": a person, then the next sentence
            if m and "\n" not in m.group() and not _NOT_AN_ADDRESS.match(m.group()):
                found.append((_past_filler(text, m.start(), m.end()), m.end()))
        numbered = list(found)  # a street named with its number is taken whole by the patterns above
        found.extend(
            (m.start(), m.end())
            for m in _STREET_NAME.finditer(text)
            if not any(a < m.end() and m.start() < b for a, b in numbered)
        )
        for m in _ZIP.finditer(text):
            if any(c.isdigit() for c in m.group(1)):
                found.append(m.span(1))
        found = [(start, extend_intl(text, end)) for start, end in found]
        # French, Polish, Spanish, Indian, Japanese … forms, already whole
        found.extend((a, b) for a, b in intl_addresses(text) if not _english_via(text[a:b]))
        return [Span(start, end, "LOCATION", ADDRESS_SCORE, self.name) for start, end in found]


def _english_via(value: str) -> bool:
    """ "VIA CERTIFIED MAIL NO. 9589 …", "via Email 3": the English preposition, not an Italian
    street ("Via Roma 12"), when the word after it is an English one."""
    from ..decide.words import is_dictionary_word

    words = value.split()
    return len(words) > 1 and words[0].casefold() == "via" and is_dictionary_word(words[1].casefold())


_LEAD_WORD = re.compile(r"([a-z]+)[ \t]+")
#: Lower-case words an address may open with: its unit and building words ("flat 3", "block C").
_ADDRESS_OPENERS = frozenset("flat apt apartment unit suite floor room block building house plot lot no".split())
#: An English word at least this frequent is a sentence's, not an address's ("still", "now", "the").
_FILLER_ZIPF = 4.5


def _past_filler(text: str, start: int, end: int) -> int:
    """Where the street part after "my address is" really opens: past frequent lower-case words of
    the sentence ("is still Gneisenaustraße 67", "at the moment Calle Mayor 5"). A street or unit word
    stays ("via roma 12", "flat 3"), and so does a street in a chat written all in lower case."""
    from ..decide.addresses import street_words
    from ..decide.words import zipf

    at = start
    while (m := _LEAD_WORD.match(text, at)) is not None and m.end() < end:
        word = m.group(1)
        if word in street_words() or word in _ADDRESS_OPENERS or zipf(word) < _FILLER_ZIPF:
            return start
        at = m.end()
    opens = at < end and (text[at].isupper() or text[at].isdigit())
    return at if opens and any(c.isalpha() for c in text[at:end]) else start
