"""Street addresses as the rest of the world writes them, each found as one whole span.

"8 Rue des Martyrs, 75009 Paris", "ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa", "Calle de Alcalá
45, 3º B, 28014 Madrid", "Keizersgracht 123, 1015 CJ Amsterdam", "Flat 302, Sai Residency, 14th Cross,
Indiranagar, Bengaluru 560038", "12 Admiralty Way, Lekki Phase 1, Lagos", "〒150-0001 東京都渋谷区神宮前1-2-3".

A street core (a street word and a house number in the country's order) anchors the address; units,
flats and building names written before it are taken in, and `address_pieces.extend` absorbs what
follows on the same block. Addresses typed all in lower case ("27b fola osibo road, lekki phase 1,
lagos") have their own, stricter core.
"""

from __future__ import annotations

import re

from .address_pieces import CAP_WORD, LINK, PC, UPPER, extend, extend_lower

_CAP = rf"[{UPPER}][\w'’.-]*"
_NAME = rf"(?:{_CAP}|{LINK})(?:[ \t]+(?:{_CAP}|{LINK})){{0,5}}"
_ORDINAL = r"\d{1,3}(?i:st|nd|rd|th)"
_HOUSE = (
    r"\d{1,5}(?:[ \t]?(?:bis|ter|[A-Za-z](?![\w:])))?(?:[-/]\d{1,4}[A-Za-z]?)?(?:-[A-Z](?![\w]))?"
    r"(?:[ \t][A-Z][ \t]\d{1,4}(?![\w]))?"  # Finnish stair and flat: "Hämeentie 62 B 14"
)
_TYPES_BEFORE = (
    r"rue|avenue|av\.|ave\.|boulevard|bd|blvd|place|pl\.|allée|impasse|chemin|quai|cours|route|square|passage|"
    r"voie|rond-point|cité|faubourg|calle|c/|avenida|avda\.?|paseo|plaza|ronda|carrer|camino|travesía|via|viale|"
    r"corso|piazza|piazzale|largo|vicolo|strada|rua|travessa|alameda|estrada|praça|ul\.|ulica|al\.|aleja|plac|"
    r"os\.|osiedle|rynek|bulevar|calea|str\.|bdul\.?|b-dul\.?|șos\.|aleea|splaiul|intrarea|piața|odos|leof\.|leoforos|plateia|ulitsa|prospekt|jalan|jl\.|heol|ffordd|stryd|"
    r"вул\.|вулиця|ул\.|улица|пр\.|просп\.|проспект|пров\.|бул\.|пл\.|"
    r"rehov|rechov|derech|sderot|kikar|shari|sharia|soi|thanon|đường|duong|phố|ngõ|hẻm"
)
_TYPES_AFTER = (
    r"straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|pfad|markt|graben|kamp|"
    r"straat|gracht|laan|plein|kade|singel|dijk|steeg|hof|gatan|gata|vägen|väg|gränd|torget|gate|veien|vei|"
    r"gaden|gade|vej|katu|tie|kuja|utca|út|ulice|cesta|baan|steenweg|dreef|kaai|lei"  # Flemish: "Turnhoutsebaan 212"
)
_SEPARATE_TYPES = (
    r"gate|vei|veien|vej|plass|plads|torg|str\.|straße|strasse|weg|allee|caddesi|cad\.|sokak|sokağı|sk\.|bulvarı|"
    r"pr\.|prospektas|g\.|gatvė|al\.|alėja|iela|prospekts|tänav|puiestee|mnt\.?|"  # Baltic: "Gedimino pr. 28-15"
    r"út|utca|u\.|krt\.|körút|tér|köz|sétány|fasor|rakpart"  # Hungarian: "Pozsonyi út 38."
)
#: Russian, Ukrainian, Belarusian and Kazakh street words, before or after the name, then "д."
#: (house): "ул. Ивана Фомина, д. 7", "Аптекарский пр., д. 16".
_CYRILLIC_TYPES = (
    r"ул\.|улица|пр\.|пр-т|просп\.|проспект|пер\.|переулок|б-р|бул\.|бульвар|наб\.|набережная|ш\.|шоссе|пл\.|"
    r"площадь|вул\.|вулиця|пров\.|провулок|мкр\.|мкрн\.|микрорайон|проезд|тупик|аллея|тракт|"
    r"узвіз|майдан|проїзд|шосе|набережна|алея|площа"
)
_ANGLO = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Place|Pl|Way|Terrace|Parade|"
    r"Crescent|Cres|Close|Row|Walk|Gardens|Grove|Square|Sq|Broadway|Esplanade|Embankment|Gate|Mews|Hill|Rise|"
    r"Highway|Hwy|Expressway|Circle|Green|View|Park|Quay|Wharf|Marg|Nagar|Salai|Trace|Pike|Trail"
)
_DIRECTION = r"(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|Ouest|Est|Nord|Sud)\b)?"
CORES = [
    # number first, then the street type: "8 Rue des Martyrs", "4521, rue Saint-Denis"
    re.compile(rf"(?i:(?<![\w/-]){_HOUSE},?[ \t]+(?:{_TYPES_BEFORE}))[ \t]+(?-i:{_NAME})"),
    # street type, name, then the number (a comma or "n.º" may come between): "Via Giuseppe Garibaldi, 12"
    re.compile(
        rf"(?i:\b(?:{_TYPES_BEFORE}))[ \t]+(?-i:{_NAME}),?[ \t]+(?i:n\.?[º°o]\.?[ \t]?|nr\.?[ \t]?)?{_HOUSE}(?![\w])"
    ),
    # compound street word and number: "Keizersgracht 123", "Jan van Galenstraat 112-2", "Storgatan 12"
    re.compile(rf"\b(?:{_CAP}[ \t]+(?:{LINK}[ \t]+)?)?[{UPPER}][\w'’-]*(?i:{_TYPES_AFTER})\.?[ \t]+{_HOUSE}(?![\w])"),
    # name and a separate street word: "Karl Johans gate 22", "Rosenheimer Str. 145a", "Bağdat Caddesi No: 214"
    re.compile(rf"\b(?:{CAP_WORD}[ \t]+){{1,2}}(?i:{_SEPARATE_TYPES})[ \t]+(?i:no:?[ \t]*)?{_HOUSE}(?![\w])"),
    # Russian and Ukrainian, the house after "д.": "ул. Ивана Фомина, д. 7", "Аптекарский пр., д. 16"
    re.compile(
        rf"(?:(?<![\w.-])(?:{_CYRILLIC_TYPES})[ \t]*{_NAME}|{_NAME}[ \t]+(?:{_CYRILLIC_TYPES}))"
        rf",?[ \t]+(?:д\.|дом|буд\.|будинок)[ \t]?{_HOUSE}(?![\w])"
    ),
    # German forms with an article: "Am Markt 3", "An der Alster 12", "Unter den Linden 77"
    re.compile(
        rf"\b(?:Am|An der|Auf der|Im|In der|Unter den|Zum|Zur|Platz der|Straße des)[ \t]+{_NAME}[ \t]+{_HOUSE}(?![\w])"
    ),
    # number, name, English street type: "12 Admiralty Way", "3900 5th Ave", "No. 7 Okeke Close", "1842 … DR SW"
    re.compile(
        rf"(?<![\w/-])(?:No\.?[ \t]*)?{_HOUSE},?[ \t]+(?:(?:{_CAP}|{_ORDINAL})[ \t]+){{1,5}}"
        rf"(?i:{_ANGLO})\b\.?{_DIRECTION}"
    ),
    # a street name without a type, its number, then the postcode: "Vinohradská 1511/230, 100 00 Praha"
    re.compile(rf"\b{CAP_WORD}(?:[ \t]+{CAP_WORD}){{0,2}}[ \t]+{_HOUSE}(?=,[ \t]*{PC}[ \t]+{CAP_WORD})"),
    # Indian and British flats and plots: "Flat 302", "Plot No. 12", "No. 18", "House No. 48"
    re.compile(
        r"\b(?:(?i:flat|house|plot|door|shop|block|h\.?[ \t]?no\.?|d\.?[ \t]?no\.?)|No\.)[ \t]*(?i:no\.?[ \t]*)?"
        r"[\w/-]*\d[\w/-]*(?=,)"
    ),
    # Japan, in script: "〒150-0001 東京都渋谷区神宮前1-2-3 メゾン原宿402号室"
    re.compile(
        r"(?:〒[ \t]?\d{3}-?\d{4}[ \t\u3000]*)?[\u4e00-\u9fff\u3040-\u30ff]{1,4}[都道府県]"
        r"[\u4e00-\u9fff\u3040-\u30ff]{1,12}"
        r"[0-9０-９]{1,4}(?:(?:[-−－ー]|丁目|番地?|号)[0-9０-９]{0,4}){1,4}号?"
        r"(?:[ \t\u3000]*[\u30a0-\u30ff\u4e00-\u9fff]{1,12}[0-9０-９]{1,5}号室?)?"
    ),
    # China and Taiwan, in script: "上海市闵行区申长路 988 弄 3 号", "台北市大安區忠孝東路四段２１６巷８號３樓"
    re.compile(
        r"(?:[\u4e00-\u9fff]{2,4}[省市])?[\u4e00-\u9fff]{1,4}[市區区縣县鎮镇][\u4e00-\u9fff]{1,12}?[路街道]"
        r"(?:[一二三四五六七八九十]{1,3}段)?"
        r"(?:[ \t]*[0-9０-９]{1,5}[ \t]*(?:巷|弄|號|号|樓|楼|室|F|之[0-9０-９]{1,3}))+"
    ),
    # Japan, romanized: "1-2-3 Jingumae, Shibuya-ku, Tokyo 150-0001"
    re.compile(
        rf"(?<![\w-])\d{{1,4}}-\d{{1,4}}(?:-\d{{1,4}})?[ \t]+{_CAP}(?:,?[ \t]+{_CAP}-(?i:ku|shi|cho|machi|gun|mura))+"
    ),
]
_LOWER_CORE = re.compile(
    r"(?<![\w/-])\d{1,5}[a-z]?[ \t]+(?:[a-z][\w'’-]*[ \t]+){1,3}(?:road|street|avenue|close|crescent|drive|lane|"
    r"rd|st|ave)\b"
    r"|\b(?:calle|avenida|rua|rue|via|odos|ul\.|ulica|strasse|straße)[ \t]+(?:[a-z][\w'’-]*[ \t]+){1,3}\d{1,5}[a-z]?\b"
    r"(?=,)"  # "via mobile banking at 21" is no address: a typed address goes on after a comma
)
#: Units, floors and buildings written before the street: "Flat 4, ", "Office 1203, Al Moosa Tower ",
#: "Flat B, 23/F, Tower 2, The Harbourside, ", "B-12-3A, Residensi Sri Damansara, ".
_LEAD_PIECE = (
    rf"(?:(?i:unit|flat|apt\.?|apartment|suite|level|shop|lot|office|room|floor|blk|block)[ \t]*[\w/-]*[\dA-Z][\w/-]*"
    rf"|\d{{1,3}}/F|[A-Z]-\d{{1,3}}-\d{{1,3}}[A-Z]?|(?i:tower)[ \t]+[\dA-Z]{{1,3}}"
    rf"|(?:The[ \t]+)?{CAP_WORD}(?:[ \t]+{CAP_WORD}){{0,3}}(?:[ \t]+(?i:tower|towers|building|bldg\.?|house|court|"
    rf"plaza|centre|center|residency|residence|residensi|apartments|heights|complex|mansion)(?:[ \t]+[A-Z0-9]{{1,3}})?)"
    rf"|(?i:residensi|menara|wisma|torre|edificio|residencial|condominio|bloco)(?:[ \t]+{CAP_WORD}){{1,3}}"
    rf"|The[ \t]+{CAP_WORD}"
    # the postcode and town first, as Russian and Hungarian write them: "197022, г. Санкт-Петербург, ",
    # "1137 Budapest, "
    rf"|\d{{6}}|(?:г\.|гор\.|м\.)[ \t]?{CAP_WORD}(?:-{CAP_WORD})*|\d{{4}}[ \t]+{CAP_WORD})"
)
_LEAD = re.compile(rf"(?:{_LEAD_PIECE}[ \t]*,?[ \t]*)+$")
_LEAD_STOP = frozenset({"I", "The", "My", "Our", "Your", "Please", "Send", "Ship", "Address", "Visit"})


def _lead_start(text: str, start: int) -> int:
    """Where the units and building names written before a street core begin (or `start`)."""
    window = text[max(0, start - 90) : start]
    m = _LEAD.search(window)
    if m is None or "\n" in m.group():
        return start
    lead = m.group()
    # a lead must itself hold a unit or a building word, not just the previous sentence's last words
    if not re.search(
        r"(?i)\d|tower|building|house|court|plaza|centre|center|resid|apartments|heights|flat|unit|[гм]\.", lead
    ):
        return start
    words = lead.split()
    while words and words[0].rstrip(",") in _LEAD_STOP and not lead.startswith("The "):
        lead = lead[len(words[0]) :].lstrip()
        words = words[1:]
    return start - len(lead)


def cores(text: str) -> list[tuple[int, int]]:
    """Street cores in the text, each with the units and buildings written before it."""
    from ..surrogate.pools import is_plain_word

    found = []
    for pattern in CORES:
        for m in pattern.finditer(text):
            words = m.group().split()
            if words[0] in ("Am", "Im") and len(words) > 1 and is_plain_word(words[1].rstrip(".,")):
                continue  # "I Am Writing. Order 112" (an upper-case text re-cased), not "Am Markt 3"
            found.append((_lead_start(text, m.start()), m.end()))
    return found


def intl_addresses(text: str) -> list[tuple[int, int]]:
    """Whole addresses: each street core with the rest of its block."""
    spans = [(start, extend(text, end)) for start, end in cores(text)]
    for m in _LOWER_CORE.finditer(text):
        if m.group().islower():
            spans.append((m.start(), extend_lower(text, m.end())))
    return spans
