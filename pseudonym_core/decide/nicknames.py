"""Nicknames given right beside a person's name: "Willem Bakker (Will)", 'DELACROIX, RICHARD (goes by
"Rich")', 'Rowena "Weng" Cabahug', 'Mohamed El-Sayed ("Mo")', 'Ms. Kim goes by "Sunny"'.

A nickname is how the person is called in the rest of the text ("Will and in…", "Rich said"), and
it is often a word ("Will", "Sunny", "Rich") that no detector may take on its own. Written beside
the full name it is that person's name: it is kept as a PERSON. Its other mentions are masked
where the propagation stage's evidence rules for names that are also words allow ("Rich called"),
not where the word reads as a word ("Will and Anna met": "Will" opens sentences as a verb).

A bracket after a name also holds roles, teams and a contract's defined terms ("Maria Lopez
(Finance)", 'Mette Holm ("Buyer")', "(Ehefrau)"), so a bracketed word is a nickname only when it
shortens a part of the name ("Will" of "Willem", "Rich" of "Richard", "Dami" of "Oluwadamilola") or
is a given name of the pools that no language's word list holds; quotes between the given and the
family name always hold one.
"""

from __future__ import annotations

import re

from ..detect.base import Span
from .explain import Trace
from .index import span_map
from .words import is_common_word

NICKNAME_SCORE = 0.7
_NICK = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]{1,14}"
_LOWER_NICK = r"[a-zß-öø-ÿ][a-zß-öø-ÿ'’-]{1,14}"
#: Right after the name: a bracket ("(Will)", '("Mo")') or quotes ('"Weng"' before the family name).
_AFTER = re.compile(
    rf"[ \t]*(?:\([\"“'‘]?(?P<bracketed>{_NICK}|{_LOWER_NICK})[\"”'’]?\)|[\"“‘](?P<quoted>{_NICK})[\"”’]"
    r"|\([\"“](?P<initials>[A-Z]{2,3})[\"”]\))"  # '("JR")': initials, quoted
)
#: A cue that introduces the name someone is called by: 'goes by "Sunny"', "known as Bo".
_CUE = re.compile(
    r"(?i:\b(?:(?P<personal>goes by|going by|nicknamed|prefers to be called|call(?:s|ed)? (?:me|him|her)|"
    r"known (?:only|simply) as|knew (?:him |her |them )?(?:only |simply )?as)|known as|a\.?k\.?a\.?))[ \t]+"
    rf"(?P<q>[\"“'‘]?)(?P<nick>{_NICK})[\"”'’]?"
)


#: The family name after a quoted nickname: 'Rowena "Weng" **Cabahug**'.
_NAME_NEXT = re.compile(r"[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+")


def nickname_spans(text: str, kept: list[Span], trace: Trace) -> list[Span]:
    """PERSON spans for nicknames written beside a kept person's name, or after a nickname cue."""
    persons = [s for s in kept if s.label == "PERSON"]
    cued = list(_CUE.finditer(text))
    if not persons and not cued:
        return []
    taken = span_map(len(text), kept)
    out: list[Span] = []

    def add(start: int, end: int, rule: str) -> None:
        if not any(taken[start:end]):
            span = Span(start, end, "PERSON", NICKNAME_SCORE, "nickname")
            taken[start:end] = b"\x01" * (end - start)
            trace.note(span, rule)
            out.append(span)

    for person in persons:
        m = _AFTER.match(text, person.end)
        if m is None:
            continue
        if m.group("quoted"):  # between given and family name: 'Ricardo "Bong" Villanueva'
            if _NAME_NEXT.match(text, m.end()):
                add(m.start("quoted"), m.end("quoted"), "a nickname written inside the person's name")
            continue
        if m.group("initials"):  # 'Jean-Robert Pierre ("JR")': the initials of the name, quoted
            if _initials_of(m.group("initials"), text[person.start : person.end]):
                add(m.start("initials"), m.end("initials"), "initials written beside the person's name")
            continue
        nick = m.group("bracketed")
        if nick[:1].islower() and not text[person.start : person.end].islower():
            continue  # "(will)" is a nickname only beside a name typed in lower case too
        quoted = text[m.start("bracketed") - 1] in "\"“'‘"  # '("Takis")': quoted in the bracket
        if _shortens(nick, text[person.start : person.end]) or _plain_given(nick) or (quoted and _no_word(nick)):
            add(m.start("bracketed"), m.end("bracketed"), "a nickname written beside the person's name")
    for m in cued:
        # "known as the Buyer" is a defined term, "goes by Express" a product; a quoted nickname is one
        if (m.group("personal") and m.group("q")) or not is_common_word(m.group("nick")):
            add(m.start("nick"), m.end("nick"), "a nickname after 'goes by', 'known as' or 'aka'")
    return out


def _initials_of(initials: str, name: str) -> bool:
    """ "JR" of "Jean-Robert Pierre", "BJ" of "Bao Jun": the first letters of the name's parts, in order."""
    letters = "".join(p[0] for p in re.findall(r"[^\W\d_]+", name)).upper()
    it = iter(letters)
    return initials[0] == letters[:1] and all(c in it for c in initials)


def _plain_given(nick: str) -> bool:
    """A given name of the pools that is no word of English or another language: "(Chuy)" is;
    "(Moderator)", "(Ehefrau)", "(English)" and "(Orthopaedics)" are not."""
    from ..surrogate.pools import name_index
    from .words import is_dictionary_word, is_foreign_word

    folded = nick.casefold()
    return name_index().is_given(nick) and not is_dictionary_word(folded) and not is_foreign_word(nick)


#: Nicknames are short ("Takis", "Tess", "Zé"); a contract's defined terms in another language are
#: longer role nouns that the frequency lists hold only rarely ("Compradora", "Arrendatario").
NICKNAME_MAX_LETTERS = 6


def _no_word(nick: str) -> bool:
    """A quoted word in a bracket after a name is a defined term when it is a word of some language
    ('("Buyer")', '("Vendedor")') or a long one ('("Compradora")'), and a nickname otherwise
    ('("Takis")', '("Tess")')."""
    if len(nick) > NICKNAME_MAX_LETTERS:
        return False
    from .frequency import frequent_in_any
    from .words import OTHER_LANGUAGES, is_dictionary_word

    folded = nick.casefold()
    return not (is_dictionary_word(folded) or is_common_word(nick) or frequent_in_any(folded, OTHER_LANGUAGES, 3.5))


def _shortens(nick: str, name: str) -> bool:
    """ "Will" of "Willem", "Mo" of "Mohamed", "Dami" of "Oluwadamilola": the nickname's letters
    open a part of the name or stand inside a long one."""
    folded = nick.casefold()
    parts = [p.casefold() for p in re.findall(r"[^\W\d_]+", name)]
    return any(p != folded and (p.startswith(folded) or (len(folded) >= 4 and folded in p)) for p in parts)
