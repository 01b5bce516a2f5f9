"""Names a chat gives away by how it addresses people, in lower case and in many languages.

In chats people are greeted, thanked, asked for and called by honorifics, and those words tell a
name where neither case nor a model does: "thank u will!!", "makasih rizky", "matur nuwun mbak sri",
"ask mercy to share a new pin", "Admin Toko (Sri): …". The word after such a cue is a name when
the pools know it as a given name or a nickname, or when it is no English word and no frequent word
of the languages the engine reads ("saya", "amigo" and "chicos" are words; "rizky" is not frequent
enough to be one). An ordinary word after an honorific costs a little utility; a name left in
clear is published for good.
"""

from __future__ import annotations

import regex

from pseudonym_core.decide.frequency import frequent_in_any
from pseudonym_core.decide.words import OTHER_LANGUAGES
from pseudonym_core.detect.usernames import username_shaped
from pseudonym_lab.anonymize.recall import _ROLES, _english, _is_name, is_given_name
from pseudonym_lab.anonymize.recall import _frequent as _word  # a frequent English word: "my", "will", "bill"

#: Greetings, thanks and introductions before the person spoken to or speaking (English and the
#: chat languages of the realistic sets: Spanish, Portuguese, French, Italian, German, Indonesian,
#: Malay, Tagalog, Swahili, Turkish, Polish, Hindi/Urdu, Arabic and Vietnamese in Latin letters).
_GREETINGS = (
    r"hi|hey|hello|hiya|dear|thanks|thank (?:you|u)|thx|ty|cheers|bye|morning|evening|this is|my name is|"
    r"name's|call me|calls (?:him|her|me)|"
    r"hola|gracias|ol[áa]|oi|obrigad[oa]|bom dia|buenos d[íi]as|salut|bonjour|merci|ciao|grazie|hallo|moin|"
    r"danke|halo|hai|makasih|terima kasih|trims|matur nuwun|salamat|asante|habari|merhaba|te[şs]ekk[üu]rler|"
    r"sa[ğg]ol|dzi[ęe]kuj[ęe]|dzi[ęe]ki|cze[śs][ćc]|shukriya|dhanyavaad|namaste|shukran|salam|c[ảa]m [ơo]n|"
    r"ch[àa]o|xin ch[àa]o"
)
#: Honorifics and kin terms put before a given name in chats ("mbak sri", "kuya jun", "anh tuan",
#: "tante lies"). English ones and those spelt like an English word ("ate", "pan", "don", "mas")
#: are left out: "uncle said", "ate dinner"; so are those written after the name ("Ayşe Hanım").
_HONORIFICS = (
    r"mbak|mba|kak|kakak|pak|bapak|ibu|abang|teh|akang|anh|ch[ịi]|b[áa]c|[ôo]ng|b[àa]|kuya|tita|tito|manang|"
    r"manong|bhai|bhaiya|didi|sahab|se[ñn]ora|se[ñn]orita|se[ñn]or|sra|srta|do[ñn]a|signora|tante|mevrouw|"
    r"meneer|pani|ustaz|ustazah|haji|hajjah|mzee|bwana|khun"
)
_NAME = r"(\p{L}[\p{L}'’-]{1,})"
_GREETED = regex.compile(rf"(?i:(?<![\p{{L}}])(?:{_GREETINGS}))[,!]?[ \t]+(?:(?i:{_HONORIFICS})[ \t]+)?{_NAME}\b")
_HONORED = regex.compile(rf"(?<![\p{{L}}])(?i:{_HONORIFICS})[ \t]+{_NAME}\b")
#: Asking, telling or calling someone: "ask mercy to share", "tell bill that", "call joy on …".
_ASKED = regex.compile(
    rf"(?i:\b(?:ask|tell|call|text|ping|remind|message|email)\b)[ \t]+{_NAME}"
    r"(?=[ \t]+(?i:to|that|if|about|on|for|when|whether|again|back|later)\b|[ \t]*[,.!?;)\n])"
)
#: An alias or login in brackets before a speaker's colon: "Admin Toko Batik (Sri):", "(lmarchetti):".
_BRACKETED = regex.compile(r"\(([\p{L}][\p{L}\d._-]{1,30})\)[ \t]*:")
#: Words this frequent in one of the engine's languages are words there, also after a cue.
FREQUENT_ZIPF = 5.0
#: Below this frequency in every language a lower-case word in a speaker's brackets is a login.
RARE_ZIPF = 2.0
#: The languages of that test: the engine's, and Vietnamese for its particles ("cho", "ấy"). Not
#: Malay, where "Sri" is an honorific as frequent as a word.
_LANGUAGES = ("en", *OTHER_LANGUAGES, "vi")
#: What ends a vocative: "thank u will!!", "hi mark,", "this is hope 🙏", the end of the line.
_VOCATIVE_END = regex.compile(r"[ \t]*(?:[,.!?;:)]|\p{So}|\n|$)")
_ELISION = regex.compile(r"^\p{L}['’]")  # "d'indiquer", "l'agence"
#: A login in brackets: dots, digits or underscores in a lower-case token ("(j.okafor):").
_LOGIN = regex.compile(r"[a-z][a-z0-9]*(?:[._][a-z0-9]+)+|[a-z]+\d+")


def _named(word: str) -> bool:
    """A given name or nickname of the pools, or no word of English or another frequent language
    (words under three letters only as given names: "ơi" is a particle, "An" a name)."""
    if _ELISION.match(word) or (word.isupper() and len(word) <= 3):
        return False
    if is_given_name(word):
        return True
    return len(word) >= 3 and not _english(word) and not _common_anywhere(word, FREQUENT_ZIPF)


def _common_anywhere(word: str, floor: float) -> bool:
    return frequent_in_any(word.casefold(), _LANGUAGES, floor)


_NEXT = regex.compile(r"[ \t]+(\p{L}[\p{L}'’-]+)")


def _vocative(text: str, end: int) -> bool:
    """The name ends the phrase ("thank u will!!") or a family name follows ("this is may nguyen")."""
    if _VOCATIVE_END.match(text, end):
        return True
    m = _NEXT.match(text, end)
    following = m.group(1) if m else ""
    return bool(following) and _is_name(following) and not _word(following) and not _common_anywhere(following, 4.0)


def addressed_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of names after a greeting, an honorific or a verb of asking, and names and logins in
    brackets before a speaker's colon."""
    spans: set[tuple[int, int]] = set()
    for pattern in (_GREETED, _HONORED, _ASKED):
        for m in pattern.finditer(text):
            word = m.group(1)
            if pattern is _ASKED and (not word.islower() or (_word(word) and not is_given_name(word))):
                continue  # "email stating that"; a capitalised name is the models' and the pools' to find
            if pattern is _ASKED and _common_anywhere(word, FREQUENT_ZIPF):
                continue  # "tell us if": "Us" and "Per" are given names too
            if pattern is not _ASKED and _word(word) and not _vocative(text, m.end(1)):
                continue  # "hi, my ECS instance", "pak will be ready"
            if _named(word):
                spans.add(m.span(1))
    for m in _BRACKETED.finditer(text):
        word = m.group(1)
        if word.casefold() in _ROLES:
            continue  # "Teteu (Admin):"
        titled = regex.fullmatch(r"[A-Z][a-z]+", word) is not None and _named(word)  # "(Sri):", not "(RAMQ):"
        login = (_LOGIN.fullmatch(word) is not None and username_shaped(word)) or (
            regex.fullmatch(r"[a-z]{4,20}", word) is not None and not _common_anywhere(word, RARE_ZIPF)
        )  # "(lmarchetti):"; a rare word of another language there ("(mutawwif):") costs utility only
        if login or titled or ((is_given_name(word) or _is_name(word)) and not _word(word)):
            spans.add(m.span(1))
    return sorted(spans)
