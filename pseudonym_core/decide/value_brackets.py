"""Organizations that a bracket names by where it stands. First, the bank or network in brackets right
after an account, a card or an IP address:
"PT50 0002 … (Millennium bcp)", "IBAN NO93 8601 1117 947 (DNB).", "from 99.232.17.204 (rogers)",
"4666 6033 0936 6118 (Visa)".

Statements, tickets and forms name the institution that holds the value in a bracket behind it. The
bracket tells who runs the account, the card or the line, and next to the value it gives the person
away as much as a branch's address: but a small bank's or an internet provider's brand is in no
list, and a bracket alone is no evidence. Behind such a value it is.

Brackets there also hold a note ("exp 08/27", "BIC CAIXESBBXXX", "Tor exit", "office", "Germany"),
so the name is the bracket's first part up to a comma, of capitalised words (a lower-case
particle may join them: "Bank of Cyprus", and so may a short word of no dictionary: "Millennium
bcp"), or one word in lower case that no language uses; never a
place, a field label, a word with digits or a single word of a dictionary.

Second, the body that registered a professional, in brackets after the person with the registration
number: "Dr Naz Qureshi (PMDC 44712-S)", "Fatima Abrahams (SAPC reg. P00918273)", "R. Tremblay, RPh
(OCP #612491)". The acronym of three letters or more opens the bracket and a number with digits
follows; an ID's own kind ("(NHS 943 476 5919)", "(SSN …)", "(MRN …)") is a field label, not a body.
"""

from __future__ import annotations

import re

from ..detect.base import Span
from .explain import Trace

_VALUES = frozenset({"IBAN_CODE", "CREDIT_CARD", "IP_ADDRESS"})
_BRACKET = re.compile(r"[ \t]*\((?P<inner>[^()\n]{2,60})\)")
_WORD = re.compile(r"[^\W\d_][\w&'’.-]*")
_PARTICLES = frozenset("of de du des la le di da do dos das del der van von y and &".split())
#: Notes, not names, that open such a bracket in capitals.
_NOTES = frozenset("bic swift iban exp expires expiry tor vpn proxy home office work ipv4 ipv6 nat".split())
#: The account's own name ("Budgetkonto", "Sparkonto", "Joint account"), not its bank.
_ACCOUNT_WORDS = ("konto", "account", "cuenta", "conta", "compte", "conto", "rekening", "tili", "rachunek", "számla")
BRACKET_SCORE = 0.6


def bracket_holders(text: str, kept: list[Span], trace: Trace) -> list[Span]:
    """ORGANIZATION spans of the holder named in brackets after a kept account, card or IP address."""
    out = []
    covered = [(s.start, s.end) for s in kept]
    for s in kept:
        if s.label not in _VALUES:
            continue
        m = _BRACKET.match(text, s.end)
        if m is None:
            continue
        start = m.start("inner")
        first = re.split(r"[,;]| [–—-] ", m.group("inner"), maxsplit=1)[0].rstrip()
        end = start + _name_length(first, ip=s.label == "IP_ADDRESS")
        if end == start or any(a < end and start < b for a, b in covered):
            continue
        span = Span(start, end, "ORGANIZATION", BRACKET_SCORE, "brackets")
        trace.note(span, f"named in brackets after a {s.label.lower().replace('_', ' ')}")
        out.append(span)
    return out


def _name_length(part: str, ip: bool) -> int:
    """How many characters of `part` make the holder's name (0: none)."""
    from ..detect.places import is_place_name
    from .words import is_dictionary_word, is_foreign_word

    words = list(_WORD.finditer(part))
    if not words or words[0].start() != 0 or any(c.isdigit() for c in part[: words[-1].end()]):
        return 0
    if words[0].group().casefold() in _NOTES:
        return 0
    taken = []
    for w in words:
        value = w.group()
        short_brand = taken and len(value) <= 4 and not is_dictionary_word(value)  # "Millennium bcp"
        if value[:1].isupper() or (taken and value.casefold() in _PARTICLES) or short_brand:
            taken.append(w)
        elif not taken and ip and len(words) == 1:
            taken.append(w)  # "(rogers)": a provider's brand as the log wrote it
        else:
            break
    while taken and taken[-1].group().casefold() in _PARTICLES:
        taken.pop()
    if not taken:
        return 0
    name = part[: taken[-1].end()]
    if is_place_name(name):
        return 0
    if len(taken) == 1 and not name.isupper():
        folded = name.casefold()
        if is_dictionary_word(folded) or is_foreign_word(folded) or folded.endswith(_ACCOUNT_WORDS):
            return 0
    content = [w.group() for w in taken if w.group().casefold() not in _PARTICLES]
    if len(content) > 1 and all(not w.isupper() and is_dictionary_word(w.casefold()) for w in content):
        return 0  # a note of ordinary words: "(Current Account)", "(Main Office)", "(Personal Savings)"
    return len(name)


_REGISTRAR = re.compile(
    r"[ \t]*,?[ \t]*(?:[A-Z][A-Za-z]{1,4}[ \t]*)?\((?P<body>[A-Z][A-Za-z]{1,5}[A-Z])"
    # bounded: on a long unclosed run of digits an unbounded `[\w/-]*\d[\w/-]*` backtracks quadratically
    r"[ \t]+(?:(?:reg(?:istration)?|lic(?:en[cs]e)?|no|nr|MP)\.?[ \t]*)?#?[ \t]*(?=[A-Z]{0,3}-?\d)"
    r"[\w/-]{0,24}\d[\w/-]{0,24}\)"
)
#: Labels and degrees that open a bracket after a name with a number: an extension, a room, a year.
_NOT_BODIES = frozenset(
    "ext tel tlf fax mob cell ph rm room apt ste unit bldg flr class cohort batch yr year grade ref inv po "
    "ticket case order emp staff badge".split()
)


def _label_word(body: str) -> bool:
    """A field's label ("DOB", "MRN", "SSN", "EXT") or a degree ("MBA 2019"), not a body that
    registers anyone."""
    from ..detect.banks import field_label
    from .filters import DEGREES, NOT_ENTITIES, POST_NOMINALS

    folded = body.casefold()
    if folded in NOT_ENTITIES | POST_NOMINALS | _NOT_BODIES:
        return True
    return DEGREES.fullmatch(body) is not None or field_label(body)


def registrar_spans(text: str, kept: list[Span], trace: Trace) -> list[Span]:
    """ORGANIZATION spans of the body in brackets with a kept person's registration number."""
    from ..surrogate.dates import full_date

    out = []
    covered = [(s.start, s.end) for s in kept]
    for s in kept:
        if s.label != "PERSON":
            continue
        m = _REGISTRAR.match(text, s.end)
        if m is None or sum(c.isupper() for c in m.group("body")) < 3 or _label_word(m.group("body")):
            continue
        if full_date(text[m.end("body") : m.end() - 1].strip()) is not None:
            continue  # "(DOB 03/07/1979)": a date under its label
        start, end = m.span("body")
        if any(a < end and start < b for a, b in covered):
            continue
        span = Span(start, end, "ORGANIZATION", BRACKET_SCORE, "brackets")
        trace.note(span, "the body that registered the person before it, with the registration number")
        out.append(span)
    return out
