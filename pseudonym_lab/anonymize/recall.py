"""A wider net for irreversible rewrites: names and full dates the pipeline left alone.

Pseudonymization must be precise, because a masked ordinary word corrupts what the cloud model
reads (rule 11). An irreversible rewrite shifts the balance: a missed name is published for good,
while an ordinary word turned into "a person" only costs a little utility. So on top of the
pipeline's entities, `Anonymizer(recall_boost=True)` (the default) also replaces

- words of the name pools (given and family names of Faker's 30-odd locales) capitalised inside a
  sentence, and in any case when they are no English word ("sunita", "KOWALCZYK");
- full dates written with a month name (English, French, German, Spanish, Italian, Portuguese,
  Dutch) or as numbers with a four-digit year.

Spans are labelled with source ``anonymizer:names`` / ``anonymizer:dates`` so the benchmark can
show what this net adds.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pseudonym_core.decide.words import is_nickname

_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’-]*[^\W\d_]")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_][^\W\d_'’-]*[^\W\d_])[ -]$")
_WORD_AFTER = re.compile(r"[ -]([^\W\d_][^\W\d_'’-]*[^\W\d_])(?![\w'’-])")
_SENTENCE_START = re.compile(r"(^|[.!?:]\s+|\n\s*)$")

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre "
    "januar februar märz april juni juli oktober dezember "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "janeiro fevereiro março maio junho julho setembro outubro dezembro "
    "januari februari maart mei augustus"
)
_MONTH = "(?:" + "|".join(sorted({re.escape(m) for m in _MONTHS.split()}, key=len, reverse=True)) + r")\.?"
_DATES = re.compile(
    rf"(?<![\w/.-])(?:\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?{_MONTH}\s+(?:de\s+)?\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d-\d{1,2}-\d{1,2})(?![\w/-])",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    from pseudonym_core.surrogate.pools import name_index

    idx = name_index()
    return frozenset(idx.given), frozenset(idx.family)


def in_name_pools(word: str) -> bool:
    """A given or family name of Faker's person locales (the narrow pools)."""
    given, family = _names()
    folded = word.casefold()
    return len(folded) >= 3 and (folded in given or folded in family)


def is_given_name(word: str) -> bool:
    """A given name of the pools or one of its nicknames: what a person is called by."""
    from pseudonym_core.surrogate.pools import name_index

    return name_index().is_given(word) or is_nickname(word)


#: Above this word frequency (zipf) a word of the wider pools only is the word, not the name:
#: "She" and "Long" are romanised Chinese family names.
_WIDE_POOL_ZIPF = 4.5


def _is_name(word: str) -> bool:
    """A name of any pool the engine knows: Faker's locales and, when the word is no frequent one,
    the per-culture pools ("rory" and "dewi" are in no Faker locale and passed in clear in
    lower-case chats)."""
    from pseudonym_core.decide.words import is_known_name, zipf

    if len(word) < 3:
        return False
    return in_name_pools(word) or (zipf(word.casefold()) < _WIDE_POOL_ZIPF and is_known_name(word))


def _english(word: str) -> bool:
    """An English word, also in a plural or third-person form ("weeks", "parties")."""
    from pseudonym_core.surrogate.pools import is_plain_word

    w = word.casefold()
    forms = [w, w[:-1] if w.endswith("s") else "", w[:-2] if w.endswith("es") else ""]
    forms.append(w[:-3] + "y" if w.endswith("ies") else "")
    return any(f and is_plain_word(f) for f in forms)


def name_spans(text: str) -> list[tuple[int, int]]:
    """Runs of name words, as (start, end).

    A word of the name pools counts when it is capitalised inside a sentence (where English
    capitalises proper nouns: "Reviewer: Aiko Yamamoto", "ask Grant"), or, at a sentence start, in
    lower case or in capitals, when it is no English word ("sunita", "KOWALCZYK", but not "grant").
    """
    from pseudonym_lab.anonymize.wide import is_proper_adjective

    spans: list[tuple[int, int]] = []
    last_end = -1
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if not _is_name(tok) or is_proper_adjective(tok):
            continue  # "English", "Irish" are family names too, but mostly the adjective
        titled = tok[:1].isupper() and not tok.isupper()
        if not ((titled and not _SENTENCE_START.search(text, 0, m.start())) or not _english(tok)):
            continue
        if spans and text[last_end : m.start()] in (" ", "-"):
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
        last_end = m.end()
    return [_grow(text, a, b) for a, b in spans]


def _grow(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in capitalised non-English words right next to a name ("Aiko" in "Aiko Yamamoto")."""
    while (m := _WORD_BEFORE.search(text, 0, start)) and _unknown_capital(m.group(1)):
        start = m.start(1)
    while (m := _WORD_AFTER.match(text, end)) and _unknown_capital(m.group(1)):
        end = m.end(1)
    return start, end


def _unknown_capital(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() and not _english(word)


# dates read aloud in call transcripts: "twelfth of april nineteen eighty two", "the 3rd of May, two
# thousand and five"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ORDINAL = (
    r"(?:(?:twenty|thirty)[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth|twentieth|thirtieth|\d{1,2}(?:st|nd|rd|th)"
)
_YEAR_WORDS = (
    rf"(?:nineteen|twenty)[- ](?:hundred(?: and)?[- ])?(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|oh[- ](?:{_UNITS}))"
    rf"|two thousand(?:(?: and)? (?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS}))?|(?:19|20)\d\d"
)
_SPOKEN_DATE = re.compile(
    rf"(?<!\w)(?:the )?(?:{_ORDINAL})(?: day)?(?: of)? {_MONTH},? (?:{_YEAR_WORDS})(?!\w)"
    rf"|(?<!\w){_MONTH} (?:the )?(?:{_ORDINAL}),? (?:{_YEAR_WORDS})(?!\w)",
    re.IGNORECASE,
)


def date_spans(text: str) -> list[tuple[int, int]]:
    return sorted((m.start(), m.end()) for pattern in (_DATES, _SPOKEN_DATE) for m in pattern.finditer(text))


# -- the widest net: anything that could still identify someone ---------------------------------
#: A run of digits with the separators numbers are written with ("0612 345 678", "22910417").
_NUMBER = re.compile(r"(?<![\w])\+?\d(?:(?:[\d \-./()]|,(?=\d{3}))*\d)?(?![\w])")
_YEAR = re.compile(r"(?:19|20)\d\d")
#: A code mixing letters and digits ("MBR-5531902", "jsmith84", "AB12 CDE" in parts).
_CODE = re.compile(r"(?<![\w@.-])(?=[\w.-]*\d)(?=[\w.-]*[^\W\d_])[^\W_][\w.-]*[^\W_](?![\w@-])")
#: A handle or login: "@jdoe", "lena.k", "support_jkelly" (lower case, dots or underscores inside).
_HANDLE = re.compile(r"(?<![\w@])@\w[\w.]{1,30}|(?<![\w@.])[a-z][a-z0-9]*(?:[._][a-z0-9]+)+(?![\w@]|\.\w)")
_CAPITAL = re.compile(r"(?<![\w'’.-])[^\W\d_][^\W\d_'’-]*[^\W\d_](?![\w'’-])")
_ABBREVIATIONS = frozenset("e.g i.e a.m p.m etc vs approx dept incl".split())


#: Digits read aloud one by one, in call transcripts: "six five one seven seven four …", "double
#: eight", letters spelt between them ("m d eight eight four"). Four digit words make a number.
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
_SPOKEN_DIGITS = re.compile(
    rf"(?<![\w'’-])(?:[a-z][ ,-]{{1,3}}){{0,4}}{_DIGIT_WORD}"  # bounded: "a a a …" must stay linear
    rf"(?:[ ,-]+(?:{_DIGIT_WORD}|[a-z](?=[ ,-]+{_DIGIT_WORD}))){{3,}}(?![\w-])",
    re.IGNORECASE,
)


def number_spans(text: str) -> list[tuple[int, int]]:
    """Numbers of four digits or more (the guard's digit check), a bare year excepted, and numbers
    read aloud digit by digit."""
    out = []
    for m in _NUMBER.finditer(text):
        digits = sum(c.isdigit() for c in m.group())
        if digits >= 4 and not _YEAR.fullmatch(m.group()):
            out.append((m.start(), m.end()))
    for m in _SPOKEN_DIGITS.finditer(text):
        if len(re.findall(_DIGIT_WORD, m.group(), re.IGNORECASE)) >= 4:
            out.append((m.start(), m.end()))
    return sorted(out)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Codes, but not a number compounded with words ("45-year-old", "24-hour", "3rd")."""
    out = []
    for m in _CODE.finditer(text):
        chunks = re.findall(r"[^\W\d_]+", m.group())
        if all(c.islower() and (_english(c) or _frequent(c) or c in ("st", "nd", "rd", "th")) for c in chunks):
            continue
        out.append((m.start(), m.end()))
    return out


def _frequent(word: str) -> bool:
    """A frequent English word (pronouns and function words are in no dictionary of lemmas)."""
    from pseudonym_core.decide.words import zipf

    return zipf(word.casefold()) >= 3.0


#: A chat line's speaker after its time stamp: "[21:04] ronin.exe: …", "09:12 it-bot: …".
_CHAT_SPEAKER = re.compile(
    r"(?m)^[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*|\d{1,2}[:.]\d{2}(?:[ \t]*[AaPp][Mm])?[ \t]+)"
    r"(?:\w{1,8}[ \t]+(?=[^\W\d_A-Za-z]+[ \t]*：))?"  # a role before a name in CJK: "客服 小美："
    r"(?P<who>[\w@][\w.@-]{1,40}?)[ \t]*(?::[ \t]|：)"
)
#: Han, Kana and Hangul: a speaker written in them is a name, there is no case to tell.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: Speakers that are a role, not an account.
_ROLES = frozenset("system bot agent customer support admin moderator operator caller user you me assistant".split())


def speaker_handle_spans(text: str) -> list[tuple[int, int]]:
    """Account names as chat speakers (lower case, or with dots, digits, underscores or hyphens),
    in a log of at least two such lines: whatever the handle, it is someone's."""
    found = [m for m in _CHAT_SPEAKER.finditer(text) if m.group("who").casefold() not in _ROLES]
    if len(found) < 2:
        return []
    handle = re.compile(r"[._@\d-]|^[a-z]")
    return [m.span("who") for m in found if handle.search(m.group("who")) or _CJK.search(m.group("who"))]


#: A login announced by its label: "(login blong)", "username: jkelly", "user id = ahmed77".
_CUED_LOGIN = re.compile(
    r"(?i:\b(?:log-?in|user(?:[ _-]?name)?|user[ _-]?id|uid|handle|screen[ _-]?name|gamertag|alias|"
    r"account[ _-]?name|sam[ _-]?account[ _-]?name|tenant|owner|assignee|reporter|requester))"
    r"[ \t]*[:=]?[ \t]*[\"'(]?([A-Za-z0-9][\w.@-]{1,40}[A-Za-z0-9])"
)


def cued_login_spans(text: str) -> list[tuple[int, int]]:
    """The value after a login label, whatever its shape, unless it is an English word ("login
    page", "user account", "handle this")."""
    out = []
    for m in _CUED_LOGIN.finditer(text):
        value = m.group(1)
        if re.fullmatch(r"[^\W\d_]+", value) and (_english(value) or _frequent(value)):
            continue
        out.append(m.span(1))
    return out


def handle_spans(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _HANDLE.finditer(text):
        word = m.group().rstrip(".")
        if word.casefold().strip(".") in _ABBREVIATIONS or (len(word) < 5 and not word.startswith("@")):
            continue
        out.append((m.start(), m.start() + len(word)))
    return out


#: The display name of an address header: "De: Millennium bcp <nao-responder@…>", '"Lee, Ann" <a@b.c>'
#: after a colon or a comma ("Write to <help@…>" names nobody).
_DISPLAY_NAME = re.compile(
    r"""(?<=[:,;])[ \t]*("[^"\n<>]{2,60}"|[^\W\d_][^\n<>,;:"@]{0,58}?)[ \t]*<[^<>\s@]+@[^<>\s]+>"""
)


def display_name_spans(text: str) -> list[tuple[int, int]]:
    """Whoever a mail header names beside an address, a person or a sender's brand: the name is
    what the address is for, whatever words it is made of."""
    out = []
    for m in _DISPLAY_NAME.finditer(text):
        a, b = m.span(1)
        if text[a] == '"':
            a, b = a + 1, b - 1
        out.append((a, b))
    return out


def unknown_name_spans(text: str, allowed: frozenset[str]) -> list[tuple[int, int]]:
    """Capitalised words that are no English word (nor in `allowed`), runs of them joined: a name
    the models and the name pools do not know ("Zahnarztpraxis Albers", "Szpital Wojewódzki")."""
    from pseudonym_core.decide.words import calendar_words

    spans: list[tuple[int, int]] = []
    for m in _CAPITAL.finditer(text):
        tok = m.group()
        folded = tok.casefold()
        if not tok[:1].isupper() or (tok.isupper() and len(tok) <= 5) or _english(tok) or _frequent(tok):
            continue  # a lower-case word, an acronym ("NHS", "GDPR"), an English word
        if folded in allowed or folded in calendar_words() or folded in _TITLES:
            continue
        if spans and text[spans[-1][1] : m.start()] in (" ", "-"):
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


_TITLES = frozenset("mr mrs ms miss dr prof sir madam dear hi hello regards thanks".split())
