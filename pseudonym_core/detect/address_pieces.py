"""What follows a street on the same address block: units, postcodes, localities, regions.

`extend` absorbs them one piece at a time after a street core (see `addresses_intl.py`), so that
"ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa" or "Flat 302, Sai Residency, 14th Cross,
Indiranagar, Bengaluru 560038" becomes one entity. A piece of capitalised words is taken only when
the block goes on or ends after it (a comma, a line end, a postcode), so the next sentence's
subject ("…, Lagos, Tunde will call") and the next line's label ("…\\nTel: …") stay out.
"""

from __future__ import annotations

import re

UPPER = r"A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-ЯЁІЇЄҐ"
#: A capitalised word of a name; its second character is a letter, so "M6" or "B2" are no words.
CAP_WORD = rf"[{UPPER}](?:[^\W\d_]|['’])[\w'’-]*"
LOWER_WORD = r"[a-zß-öø-ÿā-žа-яё][\w'’-]*\.?"
LINK = (
    r"(?:(?:de|da|do|dos|das|del|della|delle|degli|dei|dello|di|du|des|la|le|les|los|las|el|y|e|et|am|an|der|den|"
    r"im|zum|zur|van|von|of|the|on|upon|sur|nad|pod|při)\b|l'|d'|dell'|'s\b)"  # Czech: "Ústí nad Labem"
)
PC = (
    r"(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d"  # UK, Canada
    r"|[AC-FHKNPRTV-Y]\d[0-9W][ \t]?[AC-FHKNPRTV-Y0-9]{4}"  # Eircode
    r"|\d{4}[ \t]?[A-Z]{2}(?![\w])|\d{5}-\d{3,4}|\d{4}-\d{3}|〒?\d{3}-\d{4}|\d{2}-\d{3}"  # NL, BR/US, PT, JP, PL
    r"|\d{3}[ \t]\d{2}(?!\d)|\d{3}[ \t]?\d{3}(?!\d)"  # SE/CZ/GR, India
    # with the country: "LT-01104", "CH-8001", "H-9410", "A-1010", "D-10115"
    r"|(?:LT|LV|CH|FI|DK|NO|SE|AT|DE|FR|BE|LU|HR|SI|CY|MC|CZ|SK|PL|HU|RO|BG|GR|IT|ES|PT|NL|EE|IS|A|D|F|H|I)-\d{3,5}"
    r"|\d{4,5})(?![\w-])"
)
REGION = r"[A-Z]{2,4}"
_CITY = (
    rf"{CAP_WORD}(?:[ \t/-](?:{CAP_WORD}|{LINK})){{0,3}}"
    rf"(?:[ \t]+\([{UPPER}][\w'’-]+\))?"  # "Montréal (Québec)"
)
_AREA = r"(?:[ \t]+(?i:phase|sector|block|stage|extension|layout|colony|nagar|zone)[ \t]+[\dIVX]+[A-Z]?)"
_UNIT = (
    r"(?i:apt\.?|apartment|app\.?|suite|ste\.?|unit|flat|floor|fl\.?|room|bldg\.?|m\.|lok\.|mieszk\.|piso|planta|"
    r"puerta|pta\.?|esc\.?|dpto\.?|depto\.?|apto\.?|apartamento|bloco|bl\.|étage|bât\.?|bâtiment|stiege|top|"
    r"whg\.?|box|daire|d:|kat|кв\.|квартира|оф\.|офіс|#|"
    # Belgian "bus 3", Swedish "lgh 1102", Romanian "ap. 12", Spanish "Of."/"Despacho", Italian "interno", "scala"
    r"bus|lgh\.?|ap\.|of\.|oficina|despacho|interno|int\.|scala|sc\.|"
    r"к\.|корп\.|корпус|стр\.|строение|пом\.|эт\.|"  # Russian building, structure, premises, floor
    r"et\.|etaj)"  # Romanian floor: "bl. 8, sc. A, et. 3, ap. 12"
    r"[ \t]*[\w/-]*\d[\w/-]*"
    r"|(?:лит\.|литера)[ \t]?[А-Я]"  # Russian "letter" of a building: "лит. А"
    # a building, stair or block named by a letter: "bât. B", "scala B", "Stiege C", "esc. A"
    r"|(?i:bât\.?|bâtiment|bloc|esc\.|escalier|escalera|scala|sc\.|stiege|block|blk\.?|torre)[ \t]?[A-Z](?![\w])"
    r"|[IVX]{1,4}/\d{1,3}\.?|\d{1,2}\.[ \t]?(?:em\.|emelet)(?:[ \t]\d{1,3}\.?)?"  # Hungarian floor/door: "III/2."
    r"|\d{1,2}[º°ªoa][ \t]?\d{1,2}[ªa]"  # "2º 1ª" (read "2o 1a" after NFKC)
    r"|\d{1,2}[º°ª](?:[ \t]?(?:(?i:izq|dcha|esq|dto|dt|dir)\.?|[A-Z]))?"
    # the same after NFKC, which the decide stage applies before detection: "3º B" reads "3o B"
    r"|\d{1,2}[oa](?=[ \t]?(?:[A-Z]\b|(?i:izq|dcha|esq|dto|dt|dir)\b))"
    r"(?:[ \t]?(?:(?i:izq|dcha|esq|dto|dt|dir)\.?|[A-Z]))"
    r"|\d{1,2}(?:st|nd|rd|th|e|er)[ \t](?i:floor|étage)|\d{1,2}\.?[ºªoa]?[ \t]*(?i:planta|piso|étage|etage|og|stock)"
    r"|(?i:bajo|entresuelo|ático|rez-de-chaussée)"
)
_ENDS = r"(?=[ \t]*(?:[,.;:(\n]|$|[-–—]))"
UNIT_PIECE = re.compile(rf"(?:{_UNIT})(?=[ \t]*[,\n.;]|$|[ \t]+\d|[ \t]+[-–])")
ROAD_PIECE = re.compile(
    r"\d{1,3}(?:st|nd|rd|th)[ \t]+(?i:cross|main|block|stage|phase|sector|avenue|street|road|lane)"
    r"(?:[ \t]+(?i:road|street))?"
    r"|(?i:street|lane|road|block|sector|phase|gali|mohalla|soi|zone)[ \t]+[\dA-Z]{1,4}(?![\w])"
)
DISTRICT_PIECE = re.compile(
    rf"(?i:co\.|county|col\.|colonia|fracc\.|barrio|bairro|brgy\.|barangay|quartier|м\.|г\.|с\.|смт)[ \t]+{_CITY}"
)
#: The state after the town, as Brazil writes it: "01304-001 São Paulo / SP", "… Curitiba - PR".
_STATE_AFTER = r"(?:[ \t]*[-–/][ \t]*[A-Z]{2}(?![\w-]))?"
POSTCODE_PIECE = re.compile(
    rf"{PC}(?:[ \t]+{_CITY}(?:[ \t]+(?:CEDEX|Cedex)(?:[ \t]+\d{{1,2}})?|[ \t]+\d{{1,2}}\b)?{_STATE_AFTER})?"
)
REGION_PIECE = re.compile(rf"{REGION}[ \t]+{PC}")
CITY_PIECE = re.compile(
    rf"{_CITY}{_AREA}?(?:[ \t]*[-–/][ \t]*{REGION}\b|[ \t]+{REGION}(?=[ \t]+\d)|[ \t]+\d{{1,2}}(?=[ \t]*[,\n]))?"
    rf"(?:[ \t]+{PC}|(?:\.(?=,))?{_ENDS})"  # a postcode, or the block goes on or ends after it
)
_PIECES = [
    (UNIT_PIECE, "unit"),
    (ROAD_PIECE, "comma"),
    (DISTRICT_PIECE, "comma"),
    (POSTCODE_PIECE, "any"),
    (REGION_PIECE, "comma_space"),
    (CITY_PIECE, "comma"),
]
_SEPS = {
    "any": re.compile(r"[ \t]*,[ \t]*\n?[ \t]*|[ \t]*\n[ \t]*|[ \t]+[-–][ \t]+|[ \t]+"),
    # a unit may follow the house number's dot: "Pozsonyi út 38. III/2."
    "unit": re.compile(r"[ \t]*,[ \t]*\n?[ \t]*|[ \t]*\n[ \t]*|[ \t]+[-–][ \t]+|\.?[ \t]+"),
    "comma": re.compile(r"[ \t]*,[ \t]*\n?[ \t]*|[ \t]+[-–][ \t]+|[ \t]*\n[ \t]*"),
    "comma_space": re.compile(r"[ \t]*,[ \t]*|[ \t]+"),
}
_STOP = frozenset(
    """
    I The A An And But Or If When Please Thanks Thank Call Tel Phone Mobile Fax Email E-mail Regards Best Kind Dear
    Hi Hello Yours Sincerely Cheers Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr We You He
    She They It This That My Our His Her Their Its On In At By For From To Tomorrow Today Yesterday Phase Apt Ref
    Subject Re Date DOB Name Tenant Applicant Employee Landlord Signed Contact Occupation Salary Position Price
    """.split()
)
_CITY_AFTER_CODE = re.compile(rf"[ \t]+{_CITY}{_ENDS}")
_POSTCODE_NEXT = re.compile(rf"(?:,?[ \t]+(?:{REGION}[ \t]+)?{PC}|(?<=\d\d\d))")


def extend(text: str, end: int, max_pieces: int = 8) -> int:
    """Absorb the pieces of the address block that follow `end` (see the module docstring)."""
    had_postcode = False
    after_code = (
        _CITY_AFTER_CODE.match(text, end) if re.search(r",[ \t]*\d{4,6}$", text[max(0, end - 9) : end]) else None
    )
    if after_code:  # "Jalan Damansara Perdana, 47820 Petaling Jaya": the "house number" was the postcode
        end, had_postcode = after_code.end(), True
    for _ in range(max_pieces):
        for pattern, seps in _PIECES:
            sep = _SEPS[seps].match(text, end)
            if sep is None or (sep.end() == end and end < len(text) and text[end].isalnum()):
                continue
            newline = "\n" in sep.group()
            if newline and had_postcode and pattern is not POSTCODE_PIECE:
                continue  # after "00-514 Warszawa", a new line belongs to something else but a country
            m = pattern.match(text, sep.end())
            if m is None or m.end() == m.start():
                continue
            if m.group().split()[0].rstrip(".,:") in _STOP:
                continue
            if pattern is CITY_PIECE and newline and not _POSTCODE_NEXT.match(text, m.end()):
                continue  # a new line is a new address line only if it carries the postcode: "Springfield, IL 62704"
            if pattern is CITY_PIECE and sep.group().strip() in ("-", "–") and not text.startswith(",", m.end()):
                continue  # "… – SALE AGREED" in a subject line; "123 - Centro, São Paulo" goes on
            had_postcode = had_postcode or bool(re.search(r"\d{3}", m.group()))
            end = m.end()
            break
        else:
            break
    return end


_LOWER_PIECE = re.compile(
    rf"(?:{LOWER_WORD}|\d{{1,5}}[a-z]?)(?:[ \t]+(?:{LOWER_WORD}|\d{{1,6}})){{0,4}}(?=[ \t]*(?:[,.;\n]|$))"
)


def extend_lower(text: str, end: int, max_pieces: int = 6) -> int:
    """Comma-separated pieces of an address typed in lower case ("…, lekki phase 1, lagos")."""
    for _ in range(max_pieces):
        sep = re.compile(r"[ \t]*,[ \t]*").match(text, end)
        if sep is None:
            break
        m = _LOWER_PIECE.match(text, sep.end())
        if m is None or len(m.group().split()) > 5 or m.group().split()[0] in ("and", "but", "so", "my", "i", "the"):
            break
        end = m.end()
    return end
