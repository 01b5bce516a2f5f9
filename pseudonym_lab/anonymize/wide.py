"""The last net of an irreversible rewrite: acronyms, unknown lower-case words, and whole names.

What the pipeline and `recall` still let through on unseen texts is mostly of four kinds:

- brands and institutions known by an acronym or written in capitals ("Zainab (MTN):", "insured
  with MACIF", "issuer country BR", "CARRIER: KEYSTONE"): a capitalised token that is no frequent
  English word;
- names and places typed in lower case in chats ("hi huong!", "in athlone", "hdfc account"): a
  lower-case word that wordfreq does not know and no dictionary lists;
- brands and names made of ordinary words, capitalised inside a sentence ("insured with Admiral",
  "call Samaritans", "— Sky"): where English capitalises a word that is no month, weekday,
  title, nationality or language mid-sentence, it is a proper noun;
- the rest of a name next to a detected part ("Dawn" before a detected "Marie Whitaker", "binti"
  between two detected names): name-pool words, unknown capitalised words and name particles right
  next to a person span join it.

Each costs a little utility on ordinary text (an unusual acronym or a typo becomes "a name"), which
`benchmarks/anonymize.py` reports beside the leak rate; for pseudonymization none of this applies
(rule 11: a masked ordinary word corrupts what the cloud model reads).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from pseudonym_lab.anonymize.rewrite import Found

#: Abbreviations of form fields and units that identify nobody (they stay, for the reader).
FIELD_ABBREVIATIONS = frozenset(
    "dob ssn nin iban bic bsb ein fein tin pin sim imei vin nhs gp er icu dna mri ct bp hr it pr "
    "ref ceo cfo cto vp faq pdf csv url www api sms mms eta asap fyi rsvp tba tbc aka ps nb qa ui "
    "am pm utc gmt bst est pst cet ist km kg mg ml cm mm ft lb mph kwh usd eur gbp inr aud cad jpy "
    "cv md ba ma bsc msc mba phd llb tv ai pt rn np pa tm ot gcse "
    "id ok no mr mrs ms dr".split()
)
PARTICLES = frozenset(
    "bin binti bint ibn al el van von der den de da di del della dos das du la le ter ten mac ap".split()
)
#: Capitals of any script ("ΕΟΠΥΥ", "SÚKL"), hyphen-joined ones too ("HUK-COBURG").
_ACRONYM = regex.compile(r"(?<![\w&.-])\p{Lu}[\p{Lu}&]+(?:-\p{Lu}[\p{Lu}&]+)*(?![\w&-])")
#: A word with a capital inside it after a small letter: brands and products write themselves so
#: ("GitHub", "LinkedIn", "eMAG", "GoPay"), ordinary words never do.
_CAMEL = regex.compile(r"(?<![\w@./'’-])\p{L}*\p{Ll}\p{Lu}\p{L}*(?![\w@'’-]|\.\w)")
_LOWER = re.compile(r"(?<![\w@./'’-])[^\W\d_A-Z]{3,}(?![\w@'’-]|\.\w)")
#: A word with inner apostrophes ("Fa'amausili", "O'Neill", "N'Golo"), not a possessive ending.
_APOSTROPHED = r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_])(?!s\b))*"
_NEIGHBOUR_BEFORE = re.compile(rf"(?<![\w'’.-])({_APOSTROPHED})[ -]$")
_NEIGHBOUR_AFTER = re.compile(rf"[ -]({_APOSTROPHED})(?![\w'’@-]|\.\w)")  # not into "lena.k", "@x"
#: At most this many words join a name on each side.
GROW_WORDS = 2
_PERSONISH = ("PERSON", "NAME")
_VALUE_END = re.compile(r"[ \t]*(?:[\"”'’),;|]|\n|$)")
_CAPITALISED = re.compile(rf"(?<![\w'’.-])(?=[A-Z](?:[^\W\d_]|['’])*[a-z]){_APOSTROPHED}(?![\w'’-])")
#: A sentence or field starts here: a capital after it is no evidence ("Name: Anna", ". The").
_STARTS = re.compile(r"(^|[.!?:;]\s*|\n\s*|[.!?:]\s*[\"'“‘(\[]\s*|[-*•#>|]\s+|\d[.)]\s+)$")


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    from pseudonym_lab.anonymize.places import _index

    return frozenset(_index().countries)


def acronym_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of country codes (LOCATION) and unknown acronyms (ORGANIZATION).

    A text written all in capitals has acronyms too, but its ordinary words are frequent English
    words ("NEIGHBOR"), which stay; its rare ones ("DUBOIS") go, as in any other text.
    """
    from pseudonym_core.decide.words import is_function_word, zipf
    from pseudonym_core.normalize import is_mostly_upper
    from pseudonym_lab.anonymize.recall import _english

    out: list[tuple[int, int, str]] = []
    shouted: dict[int, bool] = {}
    for m in _ACRONYM.finditer(text):
        tok, folded = m.group(), m.group().casefold()
        line = text.rfind("\n", 0, m.start()) + 1
        if line not in shouted:
            end = text.find("\n", m.start())
            shouted[line] = is_mostly_upper(text[line : len(text) if end < 0 else end])
        if len(tok) == 2 and tok in _country_codes() and folded not in FIELD_ABBREVIATIONS and (
            zipf(folded) < 5.5 or not shouted[line]
        ):  # "BR", "HK"; "US" in a line of ordinary case, where the pronoun would be "us"
            out.append((m.start(), m.end(), "LOCATION"))
        elif folded in FIELD_ABBREVIATIONS or (line == m.start() and text.startswith(":", m.end()) and _english(tok)):
            continue  # a form's field, or a transcript's "CALLER:" and "AGENT:"
        elif zipf(folded) < 3.0 or (_brand_caps(tok, shouted[line]) and not is_function_word(folded)):
            out.append((m.start(), m.end(), "ORGANIZATION"))
    return out


#: Capitalised words joined by hyphens: "Nationale-Nederlanden", "DAK-Gesundheit", "Super-Pharm", and
#: double names ("Jean-Luc", "Dubois-Lemaire").
_HYPHENED = regex.compile(r"(?<![\w@./'’-])\p{Lu}[\p{L}]*(?:-\p{Lu}[\p{L}]*)+(?![\w@'’-])")


def hyphen_spans(text: str) -> list[tuple[int, int]]:
    """Hyphen-joined capitalised words in a line of any language, unless every part is an English
    word ("Follow-Up", "Self-Service"): a compound of proper nouns, a brand or a double name. A
    German compound noun of the kind ("Kfz-Schadenmeldung") goes too, which costs utility only."""
    from pseudonym_lab.anonymize.recall import _english

    def named(parts: list[str]) -> bool:  # "Wi-Fi" and "E-Mail" are spellings, not names
        return all(len(p) >= 2 for p in parts) and any(len(p) >= 3 and not _english(p) for p in parts)

    return [(m.start(), m.end()) for m in _HYPHENED.finditer(text) if named(m.group().split("-"))]


def _brand_caps(tok: str, shouted: bool) -> bool:
    """In a line of ordinary case, capitals are a brand's, whatever English makes of the letters
    ("CVS", "ING", "DMV"); in a shouted line those no dictionary lists are ("CARD PAYMENT TESCO
    STORES SOUTHALL": the merchant and its town, not the words)."""
    from pseudonym_lab.anonymize.recall import _english

    return not _english(tok) if shouted else len(tok) <= 6


def camel_spans(text: str) -> list[tuple[int, int]]:
    """Brand-shaped words (`_CAMEL`); a name with a capital inside ("McDonald", "DeShawn") is taken
    as well, which an anonymous rewrite wants anyway."""
    return [(m.start(), m.end()) for m in _CAMEL.finditer(text)]


#: A lower-case word this frequent in English is the word, also where a gazetteer lists a city of
#: the same spelling ("nice", "reading", "split").
_CITY_WORD_ZIPF = 4.0
_LOWER_WORD = regex.compile(r"(?<![\w@./'’-])\p{Ll}+(?![\w@'’-]|\.\w)")
_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "pl", "id", "tr", "sv", "ro")


def _one_language_word(word: str) -> bool:
    """Frequent in one language and rare in all others: that language's word ("benim", Turkish
    for "my"), not a city, whose name every language's news writes ("bandung", "antwerpen")."""
    from wordfreq import zipf_frequency

    top, second = sorted((zipf_frequency(word, lang) for lang in _LANGUAGES), reverse=True)[:2]
    return top >= 4.0 and top - second >= 3.0


def lowercase_city_spans(text: str) -> list[tuple[int, int]]:
    """Big cities typed in lower case in any language ("ke bandung aja", "woont in antwerpen"): the
    core takes them only in English chat lines, where it must stay precise. A few ordinary words of
    other languages that some exonym spells alike go too, which costs utility, not privacy."""
    from pseudonym_core.decide.words import zipf
    from pseudonym_core.detect.places import big_city_names

    cities = big_city_names()  # one-word names: a lower-case "new york" is left to the core
    return [
        (m.start(), m.end())
        for m in _LOWER_WORD.finditer(text)
        if m.group() in cities and zipf(m.group()) < _CITY_WORD_ZIPF and not _one_language_word(m.group())
    ]


def lowercase_unknown_spans(text: str) -> list[tuple[int, int]]:
    """Lower-case words no dictionary lists and wordfreq does not know ("huong", "sofokleous")."""
    from pseudonym_core.decide.words import zipf
    from pseudonym_core.normalize import is_lowercase_style
    from pseudonym_core.surrogate.pools import name_index
    from pseudonym_lab.anonymize.recall import _english

    english = _english_lines(text)
    index = name_index()
    out = []
    for m in _LOWER.finditer(text):
        word = m.group()
        if not word.islower():
            continue
        rare_given = zipf(word) < LOWER_NAME_ZIPF and index.is_given(word)
        if rare_given and _lowercase_line(text, m.start(), is_lowercase_style):
            out.append((m.start(), m.end()))  # "aye me and rory": a given name in a lower-case chat line
            continue
        if zipf(word) >= 2.0:
            continue
        if not english(m.start()):
            if len(word) >= 4 and _unknown_everywhere(word):
                out.append((m.start(), m.end()))  # "bayar pake gopay", "płatność orlen": no language's word
            continue
        if (zipf(word) == 0.0 and len(word) >= 5) or not _english(word):
            out.append((m.start(), m.end()))
    return out


def _unknown_everywhere(word: str) -> bool:
    """No language wordfreq reads uses the word and no dictionary lists it: in a sentence of another
    language it is a brand or a name ("mercadopago", "brubank"), or a typo, which costs utility only."""
    from pseudonym_core.decide.words import is_dictionary_word

    return not is_dictionary_word(word) and _zipf_abroad(word) < RARE_EVERYWHERE_ZIPF


@lru_cache(maxsize=8192)
def _zipf_abroad(word: str) -> float:
    """The word's highest frequency in any language a lower-case word of another language may be."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, lang) for lang in _ALL_LANGUAGES)


#: Rarer than this in every language: a brand a country's corpus names now and then ("gopay", 1.9
#: in Czech) still counts as no word.
RARE_EVERYWHERE_ZIPF = 2.0


#: Every language whose words a lower-case word in another language's sentence may be.
_ALL_LANGUAGES = (
    *_LANGUAGES, "en", "da", "nb", "is", "fi", "cs", "hu", "sh", "sk", "sl", "lt", "lv", "ca", "vi", "ms", "fil"
)


#: A given name rarer than this in English is a name in a lower-case chat ("rory", "huong"); a
#: frequent one is the word ("mark", "will").
LOWER_NAME_ZIPF = 3.0


def _lowercase_line(text: str, pos: int, style: Callable[[str], bool]) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return style(text[start : len(text) if end < 0 else end])


#: Abbreviations whose full stop ends no sentence: "Dra. Morales", "B. Long".
_ABBREVIATED = re.compile(r"(?<![\w.])(?:[A-Z]|Dr|Dra|Mr|Mrs|Ms|Mx|Prof|Sr|Sra|Srta|St|Mme|Mlle|Hr|Fr|Dott|Ing)\.\s*$")


def _at_start(text: str, pos: int) -> bool:
    """Whether `pos` starts a sentence or a field, where a capital is no evidence of a name."""
    return bool(_STARTS.search(text, max(0, pos - 8), pos)) and not _ABBREVIATED.search(text, max(0, pos - 8), pos)


_LINE_WORD = re.compile(r"[^\W\d_]{2,}")


def _by_line(text: str, judge: Callable[[list[str]], bool]) -> Callable[[int], bool]:
    """`judge` of the words of the line around a position, each line judged once."""
    judged: dict[int, bool] = {}

    def answer(pos: int) -> bool:
        start = text.rfind("\n", 0, pos) + 1
        if start not in judged:
            end = text.find("\n", pos)
            judged[start] = judge(_LINE_WORD.findall(text, start, len(text) if end < 0 else end))
        return judged[start]

    return answer


def _english_lines(text: str) -> Callable[[int], bool]:
    """Whether most words of the line around a position are English: in a French or Polish
    sentence an unknown lower-case word or a capitalised noun is just the language, not a name."""
    from pseudonym_core.decide.words import zipf
    from pseudonym_lab.anonymize.recall import _english

    def english(words: list[str]) -> bool:
        known = sum(1 for w in words if zipf(w.casefold()) >= 3.0 or _english(w))
        return not words or known >= 0.7 * len(words)

    return _by_line(text, english)


@lru_cache(maxsize=1)
def _proper_adjectives() -> frozenset[str]:
    """Nationalities and languages (mimesis' English data): capitalised, and they name nobody."""
    from mimesis import Person
    from mimesis.locales import Locale

    data = Person(Locale.EN)._dataset
    return frozenset(w.casefold() for key in ("nationality", "language") for w in data[key] if " " not in w)


@lru_cache(maxsize=1)
def _country_names() -> tuple[str, ...]:
    from pseudonym_lab.anonymize.places import country_names

    return tuple(name.casefold() for name in country_names())


_DEMONYM = re.compile(r"(?:ish|ian|ese|an|i|ic|ean)$")


@lru_cache(maxsize=4096)
def is_proper_adjective(word: str) -> bool:
    """A nationality or language: listed by mimesis, or a country's name with a demonym ending
    ("Turkish", "Pakistani", "Vietnamese") that mimesis' short list lacks: the word without its
    ending is the country's name or all of it but a few letters ("turk" of Turkey), and the word is
    no name of the pools ("Jordan", "Christian"). "Malinowski" and "Portman" begin no country."""
    folded = word.casefold()
    if folded in _proper_adjectives():
        return True
    m = _DEMONYM.search(folded)
    if len(folded) < 6 or m is None:
        return False
    stem = folded[: m.start()]
    if m.group() == "i":  # "Pakistani", "Israeli": the whole country name ("Martini" is no country)
        matches = stem in _country_names()
    else:  # "Turk-ish", "Keny-an", "Canad-ian": the name goes on for at most a few letters
        matches = any(name.startswith(stem) and len(name) - len(stem) <= 3 for name in _country_names())
    if not matches:
        return False
    from pseudonym_lab.anonymize.recall import in_name_pools

    return not in_name_pools(folded)


def capital_spans(text: str, allowed: frozenset[str]) -> list[tuple[int, int]]:
    """Runs of words capitalised inside a sentence (`allowed`: the descriptions' own words)."""
    from pseudonym_core.decide.words import calendar_words
    from pseudonym_lab.anonymize.recall import _TITLES

    runs: list[tuple[int, int]] = []
    for m in _CAPITALISED.finditer(text):
        folded = m.group().casefold()
        if folded in allowed or folded in calendar_words() or folded in _TITLES or is_proper_adjective(folded):
            continue
        if runs and text[runs[-1][1] : m.start()] in (" ", "-", " & ", " of ", " and "):
            runs[-1] = (runs[-1][0], m.end())
        else:
            runs.append((m.start(), m.end()))
    # at a sentence or field start a capital says nothing, unless the run is the whole value
    # ('"office": "Cork",', "Branch: Brunswick")
    runs = [(a, b) for a, b in runs if not _at_start(text, a) or _VALUE_END.match(text, b)]
    names_capitalised = _proper_noun_lines(text)
    return [(a, b) for a, b in runs if names_capitalised(a) or _known_proper(text[a:b])]


#: Languages that capitalise every noun: there a capital inside a sentence is no evidence.
_NOUN_CAPITALISING = frozenset({"de"})


def _proper_noun_lines(text: str) -> Callable[[int], bool]:
    """Whether a capital inside the sentence around a position marks a proper noun: the line is
    English, or its lower-case words are mostly of a language that capitalises only proper nouns
    ("el cargo de Amazon", "la pratica con Unipol"), not German ("die Rechnung von Vodafone")."""
    from wordfreq import zipf_frequency

    english = _english_lines(text)

    def capitalises_names_only(line_words: list[str]) -> bool:
        words = [w for w in line_words if w.islower()]
        if len(words) < 3:
            return False
        shares = {lang: sum(1 for w in words if zipf_frequency(w, lang) >= 3.0) / len(words) for lang in _LANGUAGES}
        best = max(shares, key=shares.__getitem__)
        return best not in _NOUN_CAPITALISING and shares[best] >= 0.7

    other = _by_line(text, capitalises_names_only)
    return lambda pos: english(pos) or other(pos)


def _known_proper(value: str) -> bool:
    """In a line of another language, where capitals may be its nouns, a run counts when a
    gazetteer knows it as a place or a name pool as a name ("saludos desde Barcelona")."""
    from pseudonym_core.decide.words import is_known_name
    from pseudonym_core.detect.places import is_place_name

    return is_place_name(value) or all(is_known_name(w) for w in value.split())


def _joins(word: str, name_case: bool) -> bool:
    """Whether a word right next to a person span belongs to the name."""
    from pseudonym_lab.anonymize.recall import _english, _is_name

    if word.casefold() in PARTICLES:
        return False  # only between two name parts, see `absorb`
    if name_case != (word[:1].isupper() or word.isupper()):
        return False  # "John Smith said", "hi huong Tomorrow": names keep one case style
    if not name_case:  # "saoirse kennedy", but not "field adjuster": Webster lists "field" in lower case
        from pseudonym_core.decide.words import lowercase_words

        # nor a word of the line's own language ("por brubank después": Spanish words stay)
        return word not in lowercase_words() and (_is_name(word) or (not _english(word) and not _frequent_abroad(word)))
    return _is_name(word) or not _english(word)


def _frequent_abroad(word: str) -> bool:
    return _zipf_abroad(word) >= 3.0


def _given_before(text: str, pos: int, word: str, speaker: bool) -> bool:
    """A capitalised word inside a sentence right before a name is its given name ("y'all Will
    Summers"), even when it is an English word the name pools lack; titles are described apart.
    At a sentence start a capital is no evidence, so there only a given name of the pools joins,
    or any first word of a speaker's name at a line start (`speaker`: the name ends in a colon)."""
    from pseudonym_core.decide.words import calendar_words, lowercase_words
    from pseudonym_lab.anonymize.recall import _TITLES, is_given_name, is_nickname

    folded = word.casefold()
    if not word[:1].isupper() or word.isupper() or folded in _TITLES or folded in calendar_words():
        return False
    if _at_start(text, pos):  # at a sentence start only a given name of the pools, or a speaker's
        return is_given_name(word) or (speaker and text.rfind("\n", 0, pos) + 1 == pos)  # "Will Summers:"
    if folded in lowercase_words() and not is_nickname(word):  # "President", "Uncle", "Manager"
        return False  # Smith: a role, described apart; "Will Hope" is a name
    return not is_proper_adjective(word)


def _grow(text: str, f: Found) -> Found:
    name_case = not f.text.islower()
    start, end = f.start, f.end
    for _ in range(GROW_WORDS):
        m = _NEIGHBOUR_BEFORE.search(text, max(0, start - 64), start)
        if m is None or not (
            _joins(m.group(1), name_case)
            or (name_case and _given_before(text, m.start(1), m.group(1), text.startswith(":", f.end)))
        ):
            break
        start = m.start(1)
    for _ in range(GROW_WORDS):
        m = _NEIGHBOUR_AFTER.match(text, end)
        if m is None or not _joins(m.group(1), name_case):
            break
        end = m.end(1)
    return f if (start, end) == (f.start, f.end) else replace(f, start=start, end=end, text=text[start:end])


def absorb(text: str, found: Sequence[Found]) -> list[Found]:
    """Person spans grown over adjacent name words; two names with only a particle between joined."""
    grown = sorted((_grow(text, f) if f.label in _PERSONISH else f for f in found), key=lambda f: (f.start, -f.end))
    out: list[Found] = []
    for f in grown:
        if out and f.start < out[-1].end:  # swallowed by a grown neighbour
            last = out[-1]
            label = "PERSON" if "PERSON" in (last.label, f.label) and last.label in _PERSONISH else last.label
            end = max(last.end, f.end)
            out[-1] = replace(last, label=label, end=end, text=text[last.start : end])
            continue
        if out and out[-1].label in _PERSONISH and f.label in _PERSONISH:
            gap = text[out[-1].end : f.start]
            if gap.strip().casefold() in PARTICLES and gap.startswith(" ") and gap.endswith(" "):
                last = out[-1]
                out[-1] = replace(last, label="PERSON", end=f.end, text=text[last.start : f.end])
                continue
        out.append(f)
    return out
