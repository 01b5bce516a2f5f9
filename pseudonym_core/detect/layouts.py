"""People announced by the layout of the text: sign-offs, chat speakers, travel-record names,
citations and quoted names.

These layouts say "a person's name stands here" whatever the name is, which is exactly where the
models and name lists fail: a rare name alone on the line after "Kind regards,", "C. Grant:" at the
head of a chat line, "BEN-DAVID/NOA MRS" in a booking, "Kendrick R" in a reference list, "ÖZTÜRK,
Deniz" in a register.
"""

from __future__ import annotations

import re
from collections import Counter

from .base import BaseDetector, Span

LAYOUT_SCORE = 0.65
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]*\.?"
_PARTICLE = r"(?:van|von|de|der|den|del|da|di|du|le|la|bin|binti|ibn|al|el|ten|ter)[ \t]+"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE})*{_NAME_WORD}){{0,3}}"
_VALEDICTION = (
    r"(?im)^[ \t]*(?:kind regards|best regards|warm regards|regards|best wishes|best|many thanks|thanks|thank you|"
    r"cheers|sincerely|yours sincerely|yours faithfully|yours truly|respectfully|mit freundlichen grüßen|"
    r"cordialement|saludos|un saluto|groeten|pozdrawiam|med vennlig hilsen)[ \t]*[,!.]?[ \t]*\r?\n"
)
#: A valediction line, then the name alone on the next line.
_SIGN_OFF = re.compile(rf"{_VALEDICTION}[ \t]*(?-i:({_NAME}))[ \t]*$")
#: The same typed without capitals: "thanks,⏎will", "kind regards,⏎dawn fielding".
_SIGN_OFF_LOWER = re.compile(
    rf"{_VALEDICTION}[ \t]*(?-i:([a-zà-öø-ÿ][\w'’-]*(?:[ \t]+[a-zà-öø-ÿ][\w'’-]*\.?){{0,2}}))[ \t]*$"
)
#: Words after a valediction that a name pool also holds but that close a letter as words.
_NOT_SIGNATURES = frozenset("love all everyone everybody guys team mum mom dad".split())
#: "— Sky" or "-- Dana" closing a message.
_DASH_SIGN = re.compile(rf"(?m)(?:^|[.!?][ \t]+)(?:—|--|–)[ \t]*({_NAME})[ \t]*$")
#: A weekday before a chat time stamp: "Fri 6:44 PM  CVS: …".
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?[ \t]+)"
#: A chat line's time stamp: "[14:02]", "Fri 6:44 PM", "2025-03-01 09:12 –", "06/21 13:40 —".
_STAMP = (
    rf"\[[^\]\n]{{1,30}}\][ \t]*|{_WEEKDAY}?\d{{1,2}}[:.]\d{{2}}(?:[ \t]*[AaPp][Mm])?[ \t]*[-–—]?[ \t]*|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?[ \t]*[-–—]?[ \t]*|"
    rf"\d{{2}}/\d{{2}}[ \t]+\d{{1,2}}:\d{{2}}[ \t]*[-–—][ \t]*"
)
#: A chat line: optional time stamp, then "Name:" (at least two such lines make a chat log).
_SPEAKER = re.compile(
    rf"(?m)^[ \t]*({_STAMP})?({_NAME})(?:[ \t]+(?:ji|sahib|san|sama))?"
    rf"(?:[ \t]*\([^)\n]{{1,20}}\))?[ \t]*:[ \t]+\S"
)
#: A speaker named by role or company with the person in brackets: "Atendente (Thaís):", "[19:03] ACT
#: Support (Lavanya):", "aviva (bill):".
_ROLE_SPEAKER = re.compile(
    rf"(?m)^[ \t]*(?:{_STAMP})?[^\W\d_][\w&'’. -]{{0,30}}?[ \t]*"
    r"\((?:(?i:admin|agent|agente|staff|cs|mod|rep|kak|mbak|mas|pak|bu|khun)[ ])?"  # "(admin Rina)"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ ][^\W\d_][\w'’.-]*)?)\)(?:[ \t]+\d{1,2}[.:]\d{2})?[ \t]*:[ \t]+\S"
)
#: The same typed without capitals, time-stamped only: "14:21 hope: hi there, i'm hope".
_LOWER_SPEAKER = re.compile(
    rf"(?m)^[ \t]*(?:{_STAMP})([a-zà-öø-ÿ][\w'’-]*(?:[ \t]+[a-zà-öø-ÿ][\w'’-]*)?)[ \t]*:[ \t]+\S"
)
#: Airline and hotel records: SURNAME/GIVEN NAMES MR.
_RECORD_NAME = re.compile(r"\b([A-Z][A-Z'’-]+/[A-Z][A-Z'’ -]*?[ \t]+(?:MR|MRS|MS|MISS|MSTR|DR|MX))\b")
#: Reference lists: "Watanabe A, Hughes RJ, Kendrick R (2024)".
_AUTHOR = re.compile(r"(?:(?<=^)|(?<=[\n,;]))[ \t]*([A-ZÀ-Þ][\w'’-]+[ \t]+[A-Z]{1,3})(?=[,;][ \t]|[ \t]+\(\d{4}\))")
#: "the order was under "Szabo Eszter"", "name tag "E. Yıldırım"".
_QUOTED = re.compile(
    rf"(?i:\b(?:under(?: the name)?|name tag|name(?:d)? on the (?:card|booking|account|ticket)|in the name of|"
    rf"addressed to|made out to|signed|signs|signed off as|signing as))[ \t]+[\"“']((?-i:{_NAME}))[\"”']"
)
#: A mail header's display name before its address: "Cc: Grant Hope <grant@hopeandbishop.ie>",
#: "From: \"Lena Kraus\" <l.kraus@…>". Whatever the words, they name the mailbox's owner.
_MAIL_NAME = re.compile(
    r"(?m)(?:^[ \t]*(?:(?i:from|to|cc|bcc|reply-to|sender|de|para|an|von|à|a|od|do|van|aan|kopie|från|till|fra|til)"
    r"[ \t]*:[ \t]*)?|(?<=>,)[ \t]*|(?<=>;)[ \t]*)"
    rf"[\"“']?(?P<name>{_NAME})[\"”']?[ \t]*<(?P<local>[^<>\s@]+)@[^<>\s]+>"
)
#: Mailboxes of a service, not a person: their display name is an organization's.
_ROLE_MAILBOXES = re.compile(
    r"(?i)(?:^|[._-])(?:no-?reply|do-?not-?reply|nao-?responder|ne-?pas-?repondre|info|support|help|helpdesk|"
    r"service|customer|contact|enquiries|inquiries|billing|accounts?|sales|admin|office|team|hello|news|"
    r"notifications?|alerts?|security|secops|hr|jobs|careers|registrar|admissions|reservations?|bookings?|"
    r"orders?)(?:[._-]|$)"
)
#: Family name first in capitals, a comma, then the given name: "BERIDZE, Nino", "ÖZTÜRK, Deniz",
#: "PUIG I FERRER, Jordi" (class lists, registers, passenger and attendee lists).
_FAMILY_FIRST = re.compile(
    r"(?<![\w,])(?P<family>[A-ZÀ-ÖØ-ÞĀ-Ž][A-ZÀ-ÖØ-ÞĀ-Ž'’-]+(?:[ ](?:[A-ZÀ-ÖØ-ÞĀ-Ž][A-ZÀ-ÖØ-ÞĀ-Ž'’-]*)){0,2}),[ ]"
    r"(?P<given>[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž'’-]+(?:[ -][A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž'’-]+)?)(?![\w])"
)


def _family_first(m: re.Match[str]) -> bool:
    """The given name is a known one and the capitals are no word, acronym or place: "NOTE, Please",
    "DEAR, John", "PARIS, Texas" stay."""
    from ..decide.words import is_known_name, zipf
    from .places import is_place_name

    family = [w for w in m.group("family").split() if len(w) > 1]
    given = re.split(r"[ -]", m.group("given"))
    if not family:
        return False
    if not is_known_name(given[0]):
        # a given name no list holds ("CHOWDHURY, Rafiqul Islam") after a listed family name, if no word
        rare = zipf(given[0].casefold()) < 2.0 and not any(is_place_name(w) for w in given)
        return rare and all(is_known_name(w) and not is_place_name(w) for w in family)

    def family_word(w: str) -> bool:  # a rare word, or a family name short of the commonest words ("SMITH")
        frequency, named = zipf(w.casefold()), is_known_name(w)
        return (frequency < 3.0 or (named and frequency < 5.0)) and (named or not is_place_name(w))

    return all(family_word(w) for w in family)


def _given_or_short(word: str) -> bool:
    """A given name of any list, or an English short form of one ("will", "bill"): what a speaker
    label, a speaker's bracket or a lower-case signature must open with."""
    from ..decide.words import is_given_name, is_nickname

    return is_given_name(word) or is_nickname(word)


def _role_mailbox(local: str) -> bool:
    """A service's mailbox: a role word in it and no person's name ("intl-enquiries", "no-reply";
    not "steve.jobs" or "mark.sales")."""
    from ..decide.words import is_known_name

    pieces = [p for p in re.split(r"[._+-]", local) if p]
    return bool(_ROLE_MAILBOXES.search(local)) and not any(is_known_name(p) for p in pieces if p.isalpha())


_NOT_SPEAKERS = frozenset(
    """
    note notes subject re fw fwd from to cc bcc date time status summary action thought observation answer
    question user assistant system human ai ps p.s nb warning error info debug dear hi hello total
    you me we agent bot customer support moderator admin operator caller
    patient client guest host seller buyer vendor merchant driver rider courier dispatch dispatcher control
    pharmacy pharmacist doctor nurse clinic reception receptionist hotel shop store staff tenant landlord
    member student teacher parent manager team helpdesk service technician engineer adjuster broker insurer
    recruiter candidate applicant interviewer representative rep advisor adviser consultant cashier security
    owner reviewer author update reminder alert notice
    cliente clienta agente asesor asesora atendente operador operadora usuario usuaria usuário usuária vendedor
    vendedora comprador compradora sistema soporte suporte vendeur vendeuse acheteur acheteuse conseiller
    conseillère kunde kundin berater beraterin klant klantenservice klient klientka pacjent müşteri temsilci
    nasabah pembeli penjual pelanggan kurir kasir ügyfél ügyintéző asiakas asiakaspalvelu kund kundtjänst
    paciente patiente médico médecin infirmière enfermera enfermero mod staff cs
    """.split()
)


class LayoutDetector(BaseDetector):
    name = "layouts"
    labels = frozenset({"PERSON", "ORGANIZATION"})
    #: layouts are read as written: "BEN-DAVID/NOA MRS" is a record only in capitals
    reads_case = True

    def detect(self, text: str) -> list[Span]:
        spans: list[Span | None] = []
        for pattern in (_SIGN_OFF, _DASH_SIGN, _RECORD_NAME, _QUOTED):
            strong = pattern is _SIGN_OFF  # one word alone after "Thanks," is the writer's name, even "Will"
            spans.extend(self._plausible(text, m.start(1), m.group(1), strong) for m in pattern.finditer(text))
        spans.extend(self._lower_signature(text, m) for m in _SIGN_OFF_LOWER.finditer(text))
        speakers = [m for m in _SPEAKER.finditer(text) if m.group(2).rstrip(".").casefold() not in _NOT_SPEAKERS]
        if len(speakers) >= 2:  # one "Name: …" line is a form field; a chat log has several speakers or turns
            turns = Counter(m.group(2) for m in speakers if m.group(1) is not None)
            spans.extend(self._speaker(text, m, turns[m.group(2)] >= 2) for m in speakers)
        spans.extend(self._lower_speakers(text))
        spans.extend(self._bracketed_speaker(m) for m in _ROLE_SPEAKER.finditer(text))
        for m in _MAIL_NAME.finditer(text):
            span = self._plausible(text, m.start("name"), m.group("name"))
            if span is not None and _role_mailbox(m.group("local")):
                span = Span(span.start, span.end, "ORGANIZATION", LAYOUT_SCORE, self.name)
            spans.append(span)
        spans.extend(
            Span(m.start(), m.end(), "PERSON", LAYOUT_SCORE, self.name)
            for m in _FAMILY_FIRST.finditer(text)
            if _family_first(m)
        )
        authors = list(_AUTHOR.finditer(text))
        if len(authors) >= 2:
            spans.extend(Span(m.start(1), m.end(1), "PERSON", LAYOUT_SCORE, self.name) for m in authors)
        return [s for s in spans if s is not None]

    @staticmethod
    def _bracketed_speaker(m: re.Match[str]) -> Span | None:
        """The person in a speaker's brackets: a given name ("Thaís", "bill"), never a role, a team
        or a company ("Zainab (MTN):", "Sam (SRE):", "Customer (Premium):")."""
        from ..decide.words import is_dictionary_word, is_foreign_word, zipf

        first = m.group("name").split(" ")[0]
        if first.casefold() in _NOT_SPEAKERS:
            return None
        # a name of no list, if it is no word of any language either ("Thaís"), in title case
        unknown = first.istitle() and not is_dictionary_word(first.casefold()) and zipf(first) < 2.0
        if not (_given_or_short(first) or (unknown and not is_foreign_word(first.casefold()))):
            return None
        return Span(m.start("name"), m.end("name"), "PERSON", LAYOUT_SCORE, "layouts")

    @staticmethod
    def _lower_speakers(text: str) -> list[Span]:
        """Time-stamped speakers typed in lower case: a given name ("hope", "minh") that speaks at
        least twice, in lines typed without capitals; "you:", "agent:" or "cvs:" are no names."""
        from ..normalize import is_lowercase_style

        found = [m for m in _LOWER_SPEAKER.finditer(text) if is_lowercase_style(m.group())]
        turns = Counter(m.group(1) for m in found)
        spans = []
        for m in found:
            words = m.group(1).split()
            if turns[m.group(1)] < 2 or any(w in _NOT_SPEAKERS for w in words):
                continue
            if _given_or_short(words[0]):
                spans.append(Span(m.start(1), m.end(1), "PERSON", LAYOUT_SCORE, "layouts"))
        return spans

    @staticmethod
    def _lower_signature(text: str, m: re.Match[str]) -> Span | None:
        """A signature in lower case names the writer when it opens with a given name, even one
        that is a word ("will", "grace", "dawn fielding"); "the team" or "ok" stay words."""
        from ..decide.words import is_common_word

        words = m.group(1).split()
        if not _given_or_short(words[0]) or words[0] in _NOT_SIGNATURES:
            return None
        if len(words) > 1 and all(is_common_word(w.rstrip(".")) for w in words[1:]):
            return None  # "thanks,⏎will do" is a reply, not a signature
        return Span(m.start(1), m.end(1), "PERSON", LAYOUT_SCORE, "layouts")

    def _speaker(self, text: str, m: re.Match[str], recurring: bool) -> Span | None:
        """A time-stamped chat line names its speaker; without a time stamp "Label: value" is as
        likely a form field ("Beneficiary:", "DATE OF BIRTH:"), so the speaker must be a known name.
        A time-stamped speaker of several turns is someone however ordinary the word ("Memo:",
        "Joy:"; `recurring`)."""
        from ..decide.words import is_known_name

        value = m.group(2)
        if m.group(1) is None and not any(is_known_name(w) for w in re.findall(r"[^\W\d_][\w'’-]*", value)):
            return None
        if m.group(1) is None and value.isupper():
            return None
        span = self._plausible(text, m.start(2), value, strong=recurring)
        if span is not None and value.isupper() and len(value) <= 6 and not is_known_name(value):
            return Span(span.start, span.end, "ORGANIZATION", LAYOUT_SCORE, self.name)  # "CVS:", a shop's side
        return span

    def _plausible(self, text: str, start: int, value: str, strong: bool = False) -> Span | None:
        """At most four words, not a common phrase ("Customer Accounts Team")."""
        from ..decide.words import is_common_word, is_foreign_word, is_known_name
        from ..surrogate.pools import name_index

        value = value.rstrip(" .")
        words = re.findall(r"[^\W\d_][\w'’-]*", value)
        if not words or len(words) > 4:
            return None
        if strong and len(words) == 1:
            pass  # the writer after "Thanks," or a speaker of several turns, whatever the word
        elif all(is_common_word(w) for w in words):
            # "Company", "Case Number": common words, unless one is a given name ("Grant", "Hope")
            if not any(name_index().is_given(w) for w in words):
                return None
        elif not any(is_known_name(w) for w in words) and all(is_foreign_word(w) for w in words):
            return None  # "Arrendatario", "Kontoinhaber": a field label in another language
        return Span(start, start + len(value), "PERSON", LAYOUT_SCORE, self.name)
