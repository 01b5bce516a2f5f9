"""Propagation and known-entity matching (rule 2) that never masks ordinary words (rule 11).

Every occurrence of a detected string, of each part of a detected name, and of anything the
session's vault already holds is masked too, even where no detector fired. Matching is by
words (see `index.py`), so its cost follows the text, not the session. Case decides how far a
string travels: an unambiguous name ("Kowalczyk") is found in any case ("KOWALCZYK",
"kowalczyk"); a name that is also a common word ("Grant") only as written and only where the
context says it is a name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..detect.base import Span
from ..detect.orgs import name_without_form
from ..normalize import is_lowercase_style
from .evidence import line_of, name_evidence, sentence_initial
from .explain import Trace
from .index import Token, TokenIndex
from .words import calendar_words, is_common_phrase, is_dictionary_word, is_foreign_word

if TYPE_CHECKING:
    from ..session import Session

KNOWN_SCORE = 1.0
PROPAGATED_SCORE = 0.5


#: After a sentence-initial word, what only a person does: speaks, reports, is seen, is given a task
#: ("Grant says …", "Hope was seen …", "Will to send the summary", "- Hope: …"). Asked only of a
#: person detected in the same text ("Hope Anderson" above), never of the vault's names.
_SUBJECT_AFTER = re.compile(
    r"(?:'s)?[ \t]*:|[ ](?:says|said|reported|reports|confirmed|confirms|told|asked|wrote|replied|called|emailed|"
    r"was|is|has|had|will|would|and I|and me|agreed|explained|mentioned|noted|stated|to (?:send|call|review|check|"
    r"confirm|follow|share|update|prepare|contact|email|schedule|book|arrange|draft|collect)|"
    # a deed of the past or a negation ("Will forgot to punch out", "Hope doesn't have one yet")
    r"forgot|left|went|came|joined|sent|brought|drove|paid|picked|took|gave|got|lost|found|arrived|signed|"
    r"doesn't|didn't|isn't|wasn't|hasn't|can't|won't|doesn’t|didn’t|isn’t|wasn’t|hasn’t|can’t|won’t)\b"
    r"|[ ]and[ ][A-Z][a-z]+[ ](?:are|were|have|had|will|both)\b"  # "Will and Mark are on the same crew"
)


def case_allows(
    occurrence: str, reference: str, text: str, start: int, end: int, person_here: bool = False
) -> bool:
    """May `occurrence` (found case-insensitively) stand for the detected/known `reference`?
    `person_here`: the reference is a person detected in this very text (not the vault's)."""
    if is_common_phrase(reference):
        if occurrence != reference or reference.islower():
            return False
        if name_evidence(text, start, end, set()) is not None:
            return True
        if not person_here or occurrence.casefold() in calendar_words():
            return False  # "May was …" is a month
        return sentence_initial(text, start) and _SUBJECT_AFTER.match(text, end) is not None
    # "mai" after "Mai Tran" ("mai tai"): a lower-case single word that is also a word in some
    # language is the name only where the writer types names in lower case anyway
    single_lower = occurrence.islower() and not reference.islower() and " " not in occurrence.strip()
    if single_lower and (is_dictionary_word(occurrence) or is_foreign_word(occurrence)):
        return is_lowercase_style(line_of(text, start))
    return True


def name_parts(name: str) -> list[str]:
    """The given and family names inside a detected full name ("Mehta" after "Arjun Mehta")."""
    from ..surrogate.person import PARTICLES

    words = name.replace(",", " ").split()
    if len(words) < 2:
        return []
    return [w for w in words if len(w) > 2 and w[-1] != "." and w.casefold() not in PARTICLES]


def known_spans(
    text: str, toks: list[Token], detected: list[Span], sess: Session, surrogate_mode: str, trace: Trace
) -> list[Span]:
    """Vault entries and this text's own detections, wherever else they occur."""
    out: list[Span] = []
    originals, surrogates = sess.known_indexes()
    for start, end, e in originals.find(text, toks):
        rec = e.payload
        if case_allows(text[start:end], rec.original, text, start, end):
            span = Span(start, end, rec.label, KNOWN_SCORE, "known")
            out.append(span)
            trace.note(span, "known: the session's vault already maps this string")
    source = "surrogate" if surrogate_mode == "keep" else "conflict"
    from ..restore.values import value_spans

    # a known phone, IBAN, card or ID in another format is the same value (and so is a surrogate)
    for span in value_spans(text, sess.index, source):
        out.append(span)
        trace.note(span, "known value: the session's vault holds this number in another format")
    for start, end, e in surrogates.find(text, toks):
        span = Span(start, end, e.payload.label, KNOWN_SCORE, source)
        out.append(span)
        if source == "conflict":
            trace.note(span, "re-masked: the input quotes one of the session's surrogates (remask mode)")
    local = TokenIndex()
    for s in detected:
        value = text[s.start : s.end]
        if len(value.strip()) < 2:
            continue  # a one-letter entity is never propagated: it would hit every "a" and "I"
        local.add(value, s.label, value)
        for part in name_parts(value) if s.label == "PERSON" else ():
            local.add(part, "PERSON", part)
        core = name_without_form(value) if s.label == "ORGANIZATION" else None
        if core is not None:  # "Netcompany A/S" … "Netcompany skiftede IP"
            local.add(core, "ORGANIZATION", core)
    if len(local):
        for start, end, e in local.find(text, toks):
            if case_allows(text[start:end], e.payload, text, start, end, person_here=e.label == "PERSON"):
                span = Span(start, end, e.label, PROPAGATED_SCORE, "propagated")
                out.append(span)
                trace.note(span, "propagated: the same string (or a part of a name) is detected elsewhere in the text")
    return out
