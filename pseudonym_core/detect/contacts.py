"""E-mail addresses written out to dodge scrapers: "jsmith84 at gmail dot com", "j.smith [at] example [dot] org".

Presidio's e-mail recognizer wants a literal "@"; people (and anti-spam habits) write "at" and
"dot" in words or brackets. The whole written form is one EMAIL_ADDRESS entity, so its surrogate can
be written back in the same style (see `surrogate.formats.spelled_email`).

A bare " at " is ordinary English ("look at example.com"), so the local part must not be an
English word and the address must end in a known top-level domain.
"""

from __future__ import annotations

import re

from .base import BaseDetector, Span
from .usernames import wordlike

#: "(at)", "[at]", "{at}", "<at>", " at ", " AT ", and the same for "dot"; security reports
#: "defang" addresses with a bracketed mark: "j.smith[@]example[.]com".
AT = r"(?:[ \t]*[(\[{<][ \t]*(?:at|@)[ \t]*[)\]}>][ \t]*|[ \t]+at[ \t]+|[ \t]*@[ \t]*)"
BRACKETED_DOT = r"[ \t]*[(\[{<][ \t]*(?:dot|\.)[ \t]*[)\]}>][ \t]*"
DOT = rf"(?:{BRACKETED_DOT}|[ \t]+dot[ \t]+|\.)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_GENERIC_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|name|pro|io|ai|app|dev|me|tv|co|eu|asia|mobi|email|online|site|tech|"
    "xyz|cloud|shop|store|blog|news|club|agency|studio|design|health|law|bank|africa|berlin|london|paris|nyc"
)
_SPELLED = re.compile(
    rf"(?i)(?<![\w.@+-])(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+-]{{0,62}}[A-Za-z0-9])?"
    rf"(?:(?:{BRACKETED_DOT}|[ \t]+dot[ \t]+){_LABEL})*)"  # "marisol dot nunez at …"
    rf"(?P<at>{AT})(?P<domain>{_LABEL}(?:{DOT}{_LABEL})*?){DOT}(?P<tld>{_GENERIC_TLDS}|[a-z]{{2}})(?![\w@]|{DOT}{_LABEL})"
)
#: The words themselves, to tell a written-out address from a literal one.
_WORD_AT = re.compile(r"(?i)[(\[{<][ \t]*(?:at|@)[ \t]*[)\]}>]|[ \t]at[ \t]")
_WORD_DOT = re.compile(r"(?i)[(\[{<][ \t]*(?:dot|\.)[ \t]*[)\]}>]|[ \t]dot[ \t]")
SPELLED_SCORE = 0.85


class SpelledEmailDetector(BaseDetector):
    """E-mail addresses with "at"/"dot" written in words or brackets, as one EMAIL_ADDRESS span."""

    name = "contacts"
    reads_case = True  # matches exact shapes: reads the text as written, not the re-cased view
    labels: frozenset[str] = frozenset({"EMAIL_ADDRESS"})

    def detect(self, text: str) -> list[Span]:
        if not re.search(r"(?i)\bat\b|\bdot\b|[(\[{<][ \t]*[.@]", text):
            return []
        spans = []
        for m in _SPELLED.finditer(text):
            at, value = m.group("at"), m.group()
            spelled_at, spelled_dot = bool(_WORD_AT.fullmatch(at) or _WORD_AT.search(at)), bool(_WORD_DOT.search(value))
            if not (spelled_at or spelled_dot):
                continue  # a literal address: Presidio's recognizer has it
            bare_at = at.strip().casefold() == "at"
            local = m.group("local")
            if bare_at and (wordlike(local) or (not spelled_dot and not any(c.isdigit() or c in "._" for c in local))):
                continue  # "look at example.com", "Anna at acme.com" is a sentence before it is an address
            spans.append(Span(m.start(), m.end(), "EMAIL_ADDRESS", SPELLED_SCORE, "pattern:email-spelled"))
        return spans
