"""The organization a document is from, named in its title line.

Exports, forms and chat transcripts open with the sender's brand and what the document is:
"MAIF — Déclaration de sinistre", "Emirates NBD — Secure message thread", "COMPLAINT FORM — EDF",
"WEB FORM SUBMISSION — Maple Hydro Outage Report", "Super-Pharm online pharmacist chat". The
brand is no word any list knows, so neither a model nor a gazetteer finds it; the title's shape
does: one side of the dash names a kind of document, the other side is the brand.

Only the first line counts (a heading further down is a section: "Diagnosis — Plan"), and the
name must hold one word that is no ordinary word, and not be a person or a place ("Jane Doe —
Claim form", "London — Travel itinerary").
"""

from __future__ import annotations

import re

#: Words that say what kind of document a title names.
DOCUMENT_WORDS = frozenset(
    """
    form forms chat chats transcript thread message messages report claim claims statement receipt ticket
    tickets application sheet notice invoice support help helpdesk helpline service care centre center
    itinerary booking confirmation export log portal app submission request letter summary record file
    notification alert enquiry inquiry complaint quote voucher contract agreement declaration déclaration
    réclamation transfert formulaire formulario solicitud reclamación reclamacao reclamação antrag formular
    schadenmeldung bestätigung rechnung factura facture fattura richiesta modulo zgłoszenie wniosek
    """.split()
)
_DASH = re.compile(r"[ \t]+[—–·|-][ \t]+")  # not ":", which ends a field's label ("Betreff: Schadenmeldung")
#: "Super-Pharm online pharmacist chat", "du Live Chat", "Globe app": the brand, then the channel.
_LEADING = re.compile(
    r"(?P<name>(?:[A-Z][\w&'’.-]*|[a-z]{2,3})(?:[ ][A-Z][\w&'’.-]*){0,2})[ ]+"
    r"(?i:(?:online|live|secure|mobile)[ ]+)?(?i:(?:\w+[ ]+)?(?:chat|help|support|app|helpdesk))\b"
)
_NAME_WORD = re.compile(r"[A-Z][\w&'’.-]*|&|of|de|du|des|la|le|the|and|[a-z]{2,3}(?=\W|$)")


def header_brands(text: str) -> list[tuple[int, int]]:
    """(start, end) of the brand named in the document's first line, if its title has that shape."""
    line_start = len(text) - len(text.lstrip())
    end = text.find("\n", line_start)
    line = text[line_start : len(text) if end < 0 else end]
    if not line or len(line) > 120:
        return []
    parts = _parts(line)
    if (m := _LEADING.match(line, 0, parts[0][1])) is not None and (brand := _brand(m.group("name"))):
        return [(line_start, line_start + len(brand))]
    found: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(parts[:2]):  # the title's first two parts: later ones are routes, dates, ids
        others = [line[x:y] for i, (x, y) in enumerate(parts) if abs(i - k) == 1]
        value = line[a:b]
        name = _name_at_start(value) if _documentish(value) else value
        # after the dash only a form's heading in capitals names its sender ("COMPLAINT FORM — EDF");
        # "Pull request — Refactor", "Live chat — Retoure" name the subject
        if k > 0 and not line[parts[0][0] : parts[0][1]].isupper():
            continue
        if name and any(_documentish(o) for o in others) and (brand := _brand(name)):
            found.append((line_start + a, line_start + a + len(brand)))
    return found


def _parts(line: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for m in _DASH.finditer(line):
        out.append((at, m.start()))
        at = m.end()
    out.append((at, len(line)))
    return [(a, b) for a, b in out if b > a]


def _documentish(part: str) -> bool:
    return any(w.casefold() in DOCUMENT_WORDS for w in re.findall(r"[^\W\d_]+", part))


def _name_at_start(part: str) -> str | None:
    """ "Maple Hydro Outage Report": the capitalised words before the first document word."""
    words = part.split(" ")
    for k, w in enumerate(words):
        if w.casefold().strip("()") in DOCUMENT_WORDS:
            return " ".join(words[:k]) if k else None
    return None


def _brand(name: str) -> str | None:
    """The name, when it has at most four words, one of them no word of English or another language
    ("MAIF", "Pharmaprix"; not "CONTRATO DE ARRENDAMIENTO"), and is no person or place."""
    from ..decide.words import is_foreign_word, is_german_word, is_known_name
    from .brands import _ordinary
    from .places import is_place_name, language_names

    words = name.strip(" /,").split(" ")
    while words and words[-1].casefold() in language_names():
        words.pop()  # "MUFG Bank English support chat": the chat's language
    name = " ".join(words)
    if not name or len(words) > 4 or not all(_NAME_WORD.fullmatch(w) for w in words) or re.search(r"\d", name):
        return None
    if all(is_known_name(w) for w in words if w[:1].isupper()) or is_place_name(name):
        return None
    def rare(word: str) -> bool:  # an acronym, or a word no list of any language holds
        acronym = word.isupper() and len(word) <= 6
        german = is_german_word(word)  # "Wasserschaden": German writes its nouns so
        plain = not (is_foreign_word(word) or german)
        return word[:1].isupper() and not _ordinary(word.strip(".")) and (acronym or plain)

    return name if any(rare(w) for w in words) else None
