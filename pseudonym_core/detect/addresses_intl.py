"""Street addresses as the rest of the world writes them, each found as one whole span.

"8 Rue des Martyrs, 75009 Paris", "ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa", "Calle de Alcalá
45, 3º B, 28014 Madrid", "Keizersgracht 123, 1015 CJ Amsterdam", "Flat 302, Sai Residency, 14th Cross,
Indiranagar, Bengaluru 560038", "12 Admiralty Way, Lekki Phase 1, Lagos", "〒150-0001 東京都渋谷区神宮前1-2-3".

A street core (a street word and a house number in the country's order) anchors the address; then
`extend` absorbs what follows on the same block: units ("m. 15", "3º B", "2º Esq."), postcodes of
many countries with their city, states and provinces, Indian road pieces ("14th Cross"). A piece
made of capitalised words is taken only when a separator or the end of the block follows it, so the
next sentence's subject ("…, Lagos, Tunde will call") stays out.
"""

from __future__ import annotations

import re

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ŽΑ-Ω][\w'’.-]*"
_LINK = (
    r"(?:(?:de|da|do|dos|das|del|della|delle|degli|di|du|des|la|le|les|y|e|et|am|an|der|den|im|zum|zur|van|von)\b"
    r"|l'|d'|'s\b)"
)
_NAME = rf"(?:{_CAP}|{_LINK})(?:[ \t]+(?:{_CAP}|{_LINK})){{0,5}}"
_CITY_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ŽΑ-Ω][\w'’-]*"
_HOUSE = r"\d{1,5}(?:[ \t]?(?:bis|ter|[A-Za-z]))?(?:[-/]\d{1,4}[A-Za-z]?)?"
_TYPES_BEFORE = (
    r"rue|avenue|av\.|ave\.|boulevard|bd|blvd|place|pl\.|allée|impasse|chemin|quai|cours|route|square|passage|"
    r"voie|rond-point|cité|faubourg|calle|c/|avenida|avda\.?|paseo|plaza|ronda|carrer|camino|travesía|via|viale|"
    r"corso|piazza|piazzale|largo|vicolo|strada|rua|travessa|alameda|estrada|praça|ul\.|ulica|al\.|aleja|plac|"
    r"os\.|osiedle|rynek|bulevar|calea|strada|odos|ulitsa|prospekt|jalan|jl\."
)
_TYPES_AFTER = (
    r"straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|pfad|markt|graben|kamp|"
    r"straat|gracht|laan|plein|kade|singel|dijk|steeg|hof|gatan|gata|vägen|väg|gränd|torget|gate|veien|vei|"
    r"gaden|gade|vej|katu|tie|kuja|utca|út|ulice|cesta"
)
_ANGLO = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Pl|Way|Terrace|Parade|"
    r"Crescent|Cres|Close|Row|Walk|Gardens|Grove|Square|Sq|Broadway|Esplanade|Embankment|Gate|Mews|Hill|Rise|"
    r"Highway|Hwy|Expressway|Circle|Green|View|Park|Quay|Wharf|Marg|Nagar|Salai"
)
CORES = [
    # number first, then the street type: "8 Rue des Martyrs", "45 Avenida Paulista"
    re.compile(rf"(?i:(?<![\w/-]){_HOUSE},?[ \t]+(?:{_TYPES_BEFORE}))[ \t]+(?-i:{_NAME})"),
    # street type, name, then the number (a comma or "n.º" may come between): "Via Giuseppe Garibaldi, 12"
    re.compile(
        rf"(?i:\b(?:{_TYPES_BEFORE}))[ \t]+(?-i:{_NAME}),?[ \t]+(?i:n\.?[º°o]\.?[ \t]?|nr\.?[ \t]?)?{_HOUSE}(?![\w])"
    ),
    # compound street word and number: "Keizersgracht 123", "Storgatan 12", "Karl Johans gate 22"
    re.compile(rf"\b(?:{_CAP}[ \t]+)?[A-ZÀ-ÖØ-ÞÄÖÜ][\w'’-]*(?i:{_TYPES_AFTER})\.?[ \t]+{_HOUSE}(?![\w])"),
    re.compile(rf"\b(?:{_CITY_WORD}[ \t]+){{0,2}}(?i:gate|vei|veien|vej|plass|plads|torg)[ \t]+{_HOUSE}(?![\w])"),
    # German forms with an article: "Am Markt 3", "An der Alster 12", "Unter den Linden 77"
    re.compile(
        rf"\b(?:Am|An der|Auf der|Im|In der|Unter den|Zum|Zur|Platz der|Straße des)[ \t]+{_NAME}[ \t]+{_HOUSE}(?![\w])"
    ),
    # number, name, English street type: "12 Admiralty Way", "14 Seaview Terrace", "42 MG Road"
    re.compile(rf"(?<![\w/-]){_HOUSE},?[ \t]+(?:{_CAP}[ \t]+){{1,4}}(?:{_ANGLO})\b\.?"),
    # Indian and British flats and plots: "Flat 302", "Plot No. 12", "H.No. 4-5-6"
    re.compile(
        r"\b(?:Flat|House|Plot|Door|Shop|Block|H\.?[ \t]?No\.?|D\.?[ \t]?No\.?)[ \t]*(?:No\.?[ \t]*)?"
        r"[\w/-]*\d[\w/-]*(?=,)"
    ),
    # Japan, in script: "〒150-0001 東京都渋谷区神宮前1-2-3"
    re.compile(
        r"(?:〒[ \t]?\d{3}-?\d{4}[ \t\u3000]*)?[\u4e00-\u9fff\u3040-\u30ff]{1,4}[都道府県]"
        r"[\u4e00-\u9fff\u3040-\u30ff]{1,12}"
        r"[0-9０-９]{1,4}(?:(?:[-−－ー]|丁目|番地?|号)[0-9０-９]{0,4}){1,4}号?"
    ),
    # Japan, romanized: "1-2-3 Jingumae, Shibuya-ku, Tokyo 150-0001"
    re.compile(
        rf"(?<![\w-])\d{{1,4}}-\d{{1,4}}(?:-\d{{1,4}})?[ \t]+{_CAP}(?:,?[ \t]+{_CAP}-(?i:ku|shi|cho|machi|gun|mura))+"
    ),
]
_LEAD_UNIT = re.compile(r"(?i:\b(?:unit|flat|apt\.?|apartment|suite|level|shop|lot)[ \t]*[\w/-]*\d[\w/-]*,[ \t]*)$")

_PC = (
    r"(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d"  # UK, Canada
    r"|[AC-FHKNPRTV-Y]\d[0-9W][ \t]?[AC-FHKNPRTV-Y0-9]{4}"  # Eircode
    r"|\d{4}[ \t]?[A-Z]{2}(?![\w])|\d{5}-\d{3,4}|\d{4}-\d{3}|〒?\d{3}-\d{4}|\d{2}-\d{3}"  # NL, BR/US, PT, JP, PL
    r"|\d{3}[ \t]\d{2}(?!\d)|\d{3}[ \t]?\d{3}(?!\d)"  # SE/CZ, India
    r"|\d{4,5})(?![\w-])"
)
_CITY = rf"{_CITY_WORD}(?:[ \t-](?:{_CITY_WORD}|{_LINK})){{0,3}}"
_REGION = r"[A-Z]{2,3}"
_AREA = r"(?:[ \t]+(?i:phase|sector|block|stage|extension|layout|colony|nagar)[ \t]+[\dIVX]+[A-Z]?)"
_UNIT = (
    r"(?i:apt\.?|apartment|suite|ste\.?|unit|flat|floor|fl\.?|room|bldg\.?|m\.|lok\.|mieszk\.|piso|planta|puerta|"
    r"esc\.?|dpto\.?|depto\.?|apto\.?|apartamento|bloco|bl\.|étage|bât\.?|bâtiment|stiege|top|whg\.?|box|#)"
    r"[ \t]*[\w/-]*\d[\w/-]*|\d{1,2}[º°ª](?:[ \t]?(?:(?i:izq|dcha|esq|dto|dt|dir)\.?|[A-Z]))?"
    # the same after NFKC, which the decide stage applies before detection: "3º B" reads "3o B"
    r"|\d{1,2}[oa](?=[ \t]?(?:[A-Z]\b|(?i:izq|dcha|esq|dto|dt|dir)\b))"
    r"(?:[ \t]?(?:(?i:izq|dcha|esq|dto|dt|dir)\.?|[A-Z]))"
    r"|\d{1,2}(?:st|nd|rd|th|e|er)[ \t]"
    r"(?i:floor|étage)|(?i:bajo|entresuelo|ático|rez-de-chaussée)"
)
_PIECES = [
    (re.compile(rf"(?:{_UNIT})(?=[ \t]*[,\n.]|$|[ \t]+\d|[ \t]+[-–])"), "any"),
    (
        re.compile(
            r"\d{1,3}(?:st|nd|rd|th)[ \t]+(?i:cross|main|block|stage|phase|sector|avenue|street|road|lane)"
            r"(?:[ \t]+(?i:road|street))?"
        ),
        "comma",
    ),
    (re.compile(rf"(?i:co\.|county)[ \t]+{_CAP}"), "comma"),
    (re.compile(rf"{_PC}(?:[ \t]+{_CITY}(?:[ \t]+(?:CEDEX|Cedex)(?:[ \t]+\d{{1,2}})?)?)?"), "any"),
    (re.compile(rf"{_REGION}[ \t]+{_PC}"), "comma_space"),
    (
        re.compile(
            rf"{_CITY}{_AREA}?(?:[ \t]*[-–][ \t]*{_REGION}\b|[ \t]+{_REGION}(?=[ \t]+\d)|)(?:[ \t]+{_PC})?"
            r"(?=[ \t]*(?:[,.;:(\n]|$|[-–]))"  # the block goes on or ends: not the next sentence's subject
        ),
        "comma",
    ),
]
_SEPS = {
    "any": re.compile(r"[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]+[-–][ \t]+|[ \t]+"),
    "comma": re.compile(r"[ \t]*,[ \t]*|[ \t]+[-–][ \t]+|[ \t]*\n[ \t]*"),
    "comma_space": re.compile(r"[ \t]*,[ \t]*|[ \t]+"),
}
_STOP = frozenset(
    """
    I The A An And But Or If When Please Thanks Thank Call Tel Phone Mobile Fax Email E-mail Regards Best Kind Dear
    Hi Hello Yours Sincerely Cheers Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr We You He
    She They It This That My Our His Her Their Its On In At By For From To Tomorrow Today Yesterday Phase Apt Ref
    """.split()
)


_POSTCODE_NEXT = re.compile(rf"(?:,?[ \t]+(?:{_REGION}[ \t]+)?{_PC}|(?<=\d))")


def cores(text: str) -> list[tuple[int, int]]:
    """Street cores in the text, each with a unit written before it ("Flat 4, 12 Marine Parade")."""
    found = []
    for pattern in CORES:
        for m in pattern.finditer(text):
            start = m.start()
            lead = _LEAD_UNIT.search(text, max(0, start - 30), start)
            if lead is not None:
                start = lead.start()
            found.append((start, m.end()))
    return found


def extend(text: str, end: int, max_pieces: int = 7) -> int:
    """Absorb the pieces of the address block that follow `end` (see the module docstring)."""
    had_postcode = False
    for _ in range(max_pieces):
        for pattern, seps in _PIECES:
            sep = _SEPS[seps].match(text, end)
            if sep is None or (sep.end() == end and end < len(text) and text[end].isalnum()):
                continue
            if "\n" in sep.group() and had_postcode and pattern is not _PIECES[3][0]:
                continue  # after "00-514 Warszawa", a new line belongs to something else but a country
            m = pattern.match(text, sep.end())
            if m is None or m.end() == m.start():
                continue
            first = m.group().split()[0].rstrip(".,")
            if first in _STOP:
                continue
            if pattern is _PIECES[5][0] and "\n" in sep.group() and not _POSTCODE_NEXT.match(text, m.end()):
                continue  # a new line is a new address line only if it carries the postcode: "Springfield, IL 62704"
            if pattern is _PIECES[5][0] and sep.group().strip() in ("-", "–") and not text.startswith(",", m.end()):
                continue  # "… – SALE AGREED" in a subject line; "123 - Centro, São Paulo" goes on
            had_postcode = had_postcode or bool(re.search(r"\d{3}", m.group()))
            end = m.end()
            break
        else:
            break
    return end


def intl_addresses(text: str) -> list[tuple[int, int]]:
    """Whole addresses: each street core with the rest of its block."""
    return [(start, extend(text, end)) for start, end in cores(text)]
