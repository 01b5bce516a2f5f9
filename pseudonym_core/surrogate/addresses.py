"""Address surrogates in the original's country format.

"8 Rue des Martyrs, 75009 Paris" → "41 Rue des Lambert, 38214 Nantes"; "ul. Marszałkowska 84/92 m. 15,
00-514 Warszawa" → "ul. Leśna 27/61 m. 40, 31-870 Gdynia"; "〒150-0001 東京都渋谷区神宮前1-2-3" → another
prefecture, city and town with the same number layout. Street types, units, connectors, region codes
and the layout stay; the street name, house numbers, postcode and city change, the city to a real city
of the same country (so the model still reasons about the right country, never the right street).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import Generated, SurrogateContext, match_case, pick
from .locales import cities, family_names, japanese_places, streets

_SIGNALS: list[tuple[str, re.Pattern[str]]] = [
    ("ja", re.compile(r"[都道府県][^\s]*[0-9０-９]|-(?:ku|shi|cho|machi)\b")),
    ("uk", re.compile(r"(?<![\w.])(?:вул|пров|буд|просп)\.|(?<![\w.])м\.[ \t]?[А-ЯІЇЄҐ]|[іїєґ]")),
    ("ru", re.compile(r"(?<![\w.])(?:г|ул|пр|д|кв|пер|наб|корп|лит)\.[ \t]?[А-ЯЁ\d]")),
    ("hu", re.compile(r"(?<![\w.])(?:út|utca|u\.|krt\.|körút|tér|sétány|fasor|rakpart)(?![\w])")),
    ("cs", re.compile(r"(?s)(?=.*\b\d{3} \d{2}\b)(?=.*[ěščřůňťďĚŠČŘŮŇŤĎ])")),  # "779 26 Bečov nad Teplou"
    ("pl", re.compile(r"(?i)\b(?:ul|al|os)\.|\bulica\b|\b\d{2}-\d{3}\b")),
    ("ie", re.compile(r"\b[AC-FHKNPRTV-Y]\d[0-9W][ \t]?[AC-FHKNPRTV-Y0-9]{4}\b|\bCo\.[ \t]+[A-Z]")),
    ("gb", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b")),
    ("ca", re.compile(r"\b[A-Z]\d[A-Z][ \t]?\d[A-Z]\d\b")),
    ("au", re.compile(r"\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)[ \t]+\d{4}\b")),
    ("br", re.compile(r"\b\d{5}-\d{3}\b")),
    ("pt", re.compile(r"\b\d{4}-\d{3}\b|(?i:\b(?:rua|travessa|praça)\b)")),
    ("ro", re.compile(r"\b(?:Str|Bd|Bdul|B-dul|Șos|Sos)\.[ \t]+[A-Z]|(?i:\b(?:aleea|splaiul|calea|jud)\b)")),
    (
        "de",
        re.compile(
            r"(?i)stra(?:ß|ss)e\b|str\.|(?<=\w)(?:weg|gasse|allee|platz|damm|ring)\b|\b(?:Am|An der|Unter den)\s"
        ),
    ),
    (
        "nl",
        re.compile(
            r"(?i)(?<=\w)(?:straat|gracht|laan|plein|kade|singel|dijk|baan|steenweg|dreef|kaai)\b"
            r"|\b\d{4}[ \t]?[A-Z]{2}\b|\bbus[ \t]\d"
        ),
    ),
    ("et", re.compile(r"(?i)\b(?:mnt|tänav|puiestee|maantee)\b")),
    ("sv", re.compile(r"(?i)(?<=\w)(?:gatan|vägen)\b")),
    ("no", re.compile(r"(?i)\b(?:gate|veien|vei)\b")),
    ("da", re.compile(r"(?i)(?<=\w)(?:gade|vej)\b")),
    ("fr", re.compile(r"(?i)\b(?:rue|boulevard|bd|allée|impasse|chemin|quai|cedex)\b")),
    ("es", re.compile(r"(?i)\b(?:calle|avda|paseo|c/)\b|\d[º°ª]|\d[oa][ \t]?(?:[A-Z]\b|(?i:izq|dcha|esq)\b)")),
    ("it", re.compile(r"(?i)\b(?:via|viale|corso|piazza|largo|vicolo)\b")),
    ("in", re.compile(r"(?i)\b(?:nagar|cross|layout|residency|apartments|sector)\b|\b\d{3}[ \t]?\d{3}\b")),
    ("ng", re.compile(r"\b(?:Lagos|Abuja|Lekki|Ikeja|Ibadan|Kano|Enugu|Port Harcourt|Victoria Island|Ikoyi)\b")),
    ("us", re.compile(r"\b[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b")),
]
#: Postcodes by country; letters and digits are redrawn, spaces and dashes kept.
_POSTCODE = {
    "pl": r"\d{2}-\d{3}", "pt": r"\d{4}-\d{3}", "br": r"\d{5}-\d{3}", "nl": r"\d{4}[ \t]?[A-Z]{2}",
    "gb": r"[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}", "ca": r"[A-Z]\d[A-Z][ \t]?\d[A-Z]\d",
    "ie": r"[AC-FHKNPRTV-Y]\d[0-9W][ \t]?[AC-FHKNPRTV-Y0-9]{4}", "sv": r"\d{3}[ \t]\d{2}", "in": r"\d{3}[ \t]?\d{3}",
    "ja": r"\d{3}-\d{4}", "ro": r"\d{6}", "us": r"\d{5}(?:-\d{4})?", "au": r"\d{4}", "da": r"\d{4}", "no": r"\d{4}",
    "ru": r"\d{6}", "uk": r"\d{5}", "hu": r"\d{4}", "cs": r"\d{3}[ \t]\d{2}",
}  # fmt: skip
_DEFAULT_POSTCODE = r"\d{4,5}"
#: A region code ("NSW", "DC") is no city, nor a postcode with its country ("H-9410").
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ](?:[a-zß-öø-ÿā-žа-яёіїєґ'’]|-(?=[^\W\d])|c[A-Z])[\w'’-]*"
#: A town after "г." / "м." (Russian, Ukrainian "city"): "г. Санкт-Петербург", "м. Київ".
_TOWN_AFTER_MARK = re.compile(
    r"(?<![\w.])(?:г|гор|м)\.[ \t]?([А-ЯЁІЇЄҐ][а-яёіїєґ'’]+(?:-[А-ЯЁІЇЄҐа-яё][а-яёіїєґ'’]+)*)"
)
_CITY = rf"{_CAP}(?:[ \t](?:{_CAP}|de|do|da|del|di|la|le|sur|am|an|im|nad|pod)){{0,3}}"
_PIECE = re.compile(rf"(?:(?<=,)|(?<=\n))[ \t]*({_CITY})[ \t]*(?=,|\n|$)")
_KEEP = frozenset(
    """
    rue avenue av ave boulevard bd blvd place pl allée impasse chemin quai cours route square passage voie cité faubourg
    calle c avenida avda paseo plaza ronda carrer camino via viale corso piazza piazzale largo vicolo strada rua
    travessa alameda estrada praça ul al aleja plac os osiedle rynek ulica street st road rd lane ln drive dr court ct
    way terrace parade crescent close row walk gardens grove square sq broadway esplanade gate mews hill rise highway
    hwy circle green view park quay wharf marg salai gate vei veien vej plass plads torg apt apartment suite ste unit
    flat floor fl room bldg m lok mieszk piso planta puerta esc dpto depto apto apartamento bloco bl étage bât
    bâtiment stiege top whg box po p.o co county cross main block stage phase sector layout colony extension
    de des du la le les l d del della delle degli di da do dos das y e et am an der den im zum zur van von s
    n s e w ne nw se sw north south east west nord sud ouest est bis ter cedex izq dcha esq dto dt bajo th nd rd
    no nr str bdul ap sc et jud aleea calea splaiul blk lgh bus of hse oficina despacho interno mnt tänav puiestee
    district dist province region prefecture
    ул улица пр просп проспект пер переулок б р бул бульвар наб набережная ш шоссе пл площадь вул вулиця пров
    провулок мкр мкрн микрорайон д дом к корп корпус стр строение лит литера кв квартира оф пом эт г гор м буд
    út utca u krt körút tér köz sétány fasor rakpart em emelet ajtó
    """.split()
)
#: Street words after which a name of the country's streets is drawn: "ul. Leśna", "ул. Советская".
_STREET_BEFORE = frozenset("ul al ulica aleja plac os ул улица пр просп пер вул вулиця пров".split())
_COMPOUND_TYPES = re.compile(
    r"(?i)(straße|strasse|str\.?|weg|allee|platz|gasse|ring|damm|ufer|straat|gracht|laan|plein|kade|singel|dijk|"
    r"gatan|gata|vägen|gaden|gade|vej|katu|tie|baan|steenweg|dreef|kaai)$"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+")


def _is_country(words: str) -> bool:
    """A country closing the address ("…, Tallinn, Estonia") stays: the surrogate keeps the country."""
    from ..detect.places import country_names

    return words in country_names() or words.title() in country_names()  # "Estonia", "CHINA"


def address_language(original: str) -> str | None:
    for lang, pattern in _SIGNALS:
        if pattern.search(original):
            return lang
    return None


def _fresh(ctx: SurrogateContext, chunk: str) -> str:
    out = []
    for i, c in enumerate(chunk):
        if c.isdigit():
            d = ctx.rng.choice("0123456789" if (i or c == "0") else "123456789")
            out.append(d)
        elif c.isalpha() and c.isascii():
            out.append(ctx.rng.choice("ABCDEFGHJKLMNPRSTUVWXY" if c.isupper() else "abcdefghjkmnprstuvwxy"))
        else:
            out.append(c)
    return "".join(out)


def _ordinal(number: str) -> str:
    n = int(number)
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@lru_cache(maxsize=256)
def _cities_shaped(lang: str, separators: tuple[str, ...]) -> list[str]:
    return [c for c in cities(lang) if tuple(re.findall(r"\W+", c)) == separators]


def _city(ctx: SurrogateContext, lang: str, word: str) -> str:
    """A city written like `word` (as many words, the same separators), so the surrogate keeps the
    address's layout token for token and its parts ("Baker Street", the postcode) still restore
    alone; any city of the country when none is shaped alike."""
    shaped = _cities_shaped(lang, tuple(re.findall(r"\W+", word)))
    return pick(ctx, shaped) or pick(ctx, list(cities(lang))) or word


def address_any(original: str, ctx: SurrogateContext) -> Generated:
    """A surrogate address in the original's country format; unknown formats keep the US-style rules."""
    from .places import _address

    lang = address_language(original)
    if lang == "ja" and re.search(r"[\u4e00-\u9fff]", original):
        return Generated(_japanese(original, ctx))
    if lang is None:
        return _address(original, ctx)
    out = list(original)
    done = bytearray(len(original))

    def put(start: int, end: int, value: str) -> None:
        out[start] = value
        for i in range(start + 1, end):
            out[i] = ""
        done[start:end] = b"\x01" * (end - start)

    # the country before the code stays: "H-9410", "A-1010"
    country = r"(?:(?<![\w-])|(?<=(?<![\w-])[A-Z]-)|(?<=(?<![\w-])[A-Z]{2}-))"
    postcode = re.compile(rf"{country}(?:{_POSTCODE.get(lang, _DEFAULT_POSTCODE)})(?![\w-])")
    place_names = list(cities(lang))
    for m in _TOWN_AFTER_MARK.finditer(original):
        if place_names:
            put(m.start(1), m.end(1), _city(ctx, lang, m.group(1)))
    for m in postcode.finditer(original):
        put(m.start(), m.end(), _fresh(ctx, m.group()))
        # the city next to the postcode: "75009 Paris", "Bengaluru 560038"
        after = re.compile(rf"[ \t]+({_CITY})").match(original, m.end())
        before = re.search(rf"({_CITY}),?[ \t]+(?:[A-Z]{{2,3}}[ \t]+)?$", original[: m.start()])
        city = (
            after.span(1) if after else (before.span(1) if before and lang in ("in", "gb", "ie", "au", "us") else None)
        )
        if city and place_names and not any(done[city[0] : city[1]]):
            word = original[city[0] : city[1]]
            if word.split()[0].casefold() not in ("cedex",):
                put(city[0], city[1], match_case(word, _city(ctx, lang, word)))
    for m in _PIECE.finditer(original):  # a locality between commas: "…, Dún Laoghaire, …", "…, Lagos"
        s, e = m.span(1)
        words = m.group(1).split()
        if _is_country(m.group(1)):
            put(s, e, m.group(1))  # marked done, kept as written
            continue
        keep = any(w.casefold().rstrip(".") in _KEEP for w in words)
        if place_names and not any(done[s:e]) and not keep:
            put(s, e, match_case(m.group(1), _city(ctx, lang, m.group(1))))
    families = list(family_names(lang))
    street_pool = list(streets(lang))
    prev = ""
    for m in _WORD.finditer(original):
        tok, s, e = m.group(), m.start(), m.end()
        if any(done[s:e]):
            prev = tok
            continue
        if tok.isdigit():
            suffix = original[e : e + 2]
            new = _fresh(ctx, tok)
            if suffix in ("st", "nd", "rd", "th") and _ordinal(tok) == suffix:
                put(s, e + 2, new + _ordinal(new))
            else:
                put(s, e, new)
        elif tok.casefold() in _KEEP or (tok.isupper() and len(tok) <= 3) or not tok[0].isupper() or _is_country(tok):
            pass
        elif (c := _COMPOUND_TYPES.search(tok)) and c.start() > 0:
            stem = pick(ctx, families) or tok[: c.start()]
            put(s, e, stem + tok[c.start() :].lower())
        elif street_pool and prev.casefold() in _STREET_BEFORE:
            put(s, e, pick(ctx, street_pool) or tok)
        else:
            put(s, e, match_case(tok, pick(ctx, families) or tok))
        prev = tok
    value = "".join(out)
    return Generated(value) if value != original else _address(original, ctx)


_JA = re.compile(
    r"^(?P<pc>〒?[ \t]?\d{3}-?\d{4}[ \t\u3000]*)?(?P<pref>東京都|北海道|京都府|大阪府|[\u4e00-\u9fff]{2,3}県)?"
    r"(?P<place>[^0-9０-９]*)(?P<num>.*)$"
)


def _japanese(original: str, ctx: SurrogateContext) -> str:
    """Another prefecture, city and town in Japanese script; the number layout kept."""
    prefectures, ja_cities, towns = japanese_places()
    m = _JA.match(original)
    if m is None:
        return _fresh(ctx, original)
    pc = _fresh(ctx, m.group("pc")) if m.group("pc") else ""
    pref = (pick(ctx, list(prefectures)) or "") if m.group("pref") else ""
    place = (pick(ctx, list(ja_cities)) or "") + (pick(ctx, list(towns)) or "") if m.group("place") else ""
    num = "".join(_same_width(c, ctx.rng.choice("123456789")) if c.isdigit() else c for c in m.group("num"))
    return pc + pref + place + num


def _same_width(model: str, digit: str) -> str:
    """A fullwidth digit ("１") stays fullwidth."""
    return chr(ord("０") + int(digit)) if "０" <= model <= "９" else digit


def location_any(original: str, ctx: SurrogateContext) -> Generated:
    """Addresses (anything with a number, or a Japanese address) here; plain places in `places`."""
    from .places import location

    if any(c.isdigit() for c in original) or address_language(original) == "ja":
        return address_any(original, ctx)
    return location(original, ctx)
