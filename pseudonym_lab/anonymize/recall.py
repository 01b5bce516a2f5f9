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


def _is_name(word: str) -> bool:
    given, family = _names()
    folded = word.casefold()
    return len(folded) >= 3 and (folded in given or folded in family)


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
    spans: list[tuple[int, int]] = []
    last_end = -1
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if not _is_name(tok):
            continue
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


def date_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _DATES.finditer(text)]
