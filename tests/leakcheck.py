"""Checks on what left the process and on what came back, shared by the real-client tests.

`originals_in` looks for personal values in raw request bodies the way an auditor would: any case,
Unicode-normalised, JSON escapes decoded, every part of a multi-word name on its own, and numbers
by their digits whatever the separators. It returns indexes, never the values, so a failing test
does not print personal data. `surrogates_left` finds session surrogates still in a restored
answer (those may be printed: they are not personal data).
"""

from __future__ import annotations

import contextlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

# The personal data every real-client test sends; detected by the default pipeline.
PERSON = "Maria Gonzalez"
EMAIL = "maria.gonzalez@northwind-bank.com"
PHONE = "+1 415 555 0134"
IBAN = "DE89 3704 0044 0532 0130 00"
CITY = "Berlin"
TEXT = (
    f"Hi, this is {PERSON} ({EMAIL}, {PHONE}). My IBAN is {IBAN} and I live in {CITY}. "
    "My colleague Dr. Samuel Okafor from Leeds can confirm."
)
ORIGINALS = [PERSON, EMAIL, "northwind-bank.com", PHONE, IBAN, CITY, "Samuel Okafor", "Leeds"]


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _views(body: str) -> list[str]:
    """The body as sent and, for JSON, re-serialised with escapes decoded (\\u00ed → í)."""
    views = [body]
    with contextlib.suppress(ValueError):
        views.append(json.dumps(json.loads(body), ensure_ascii=False))
    return [_norm(v) for v in views]


def _patterns(original: str, excused: set[str]) -> list[re.Pattern[str]]:
    forms = {_norm(original)} - excused
    words = re.findall(r"[^\W\d_]{3,}", original)
    if len(words) > 1 and re.fullmatch(r"[^\W\d_][\w\s'’-]*", original):  # a name, not a domain
        forms.update(_norm(w) for w in words if _norm(w) not in excused)
    patterns = [re.compile(r"(?<!\w)" + re.escape(f) + r"(?!\w)") for f in forms]
    digits = re.sub(r"\D", "", original)
    if len(digits) >= 6:
        # the same digits in any layout: "+14155550134", "415-555-0134", "0532 0130 00"
        sep = r"[\s\-./()+]*"
        patterns.append(re.compile(r"(?<!\d)" + sep.join(digits) + r"(?!\d)"))
        if len(digits) >= 10:  # the subscriber part alone, whatever precedes it (no country code, other prefix)
            patterns.append(re.compile(sep.join(digits[-7:]) + r"(?!\d)"))
    return patterns


def originals_in(bodies: Iterable[str], originals: Sequence[str] = ORIGINALS, session: Any = None) -> list[int]:
    """Indexes of originals (or their parts / digit runs) found in any body.

    A single word (an original or a part of a name) that the session itself handed out as a
    surrogate word is excused: surrogates come from realistic pools, so one can equal an original
    the session has not met yet ("Leeds" standing in for another city), and the cloud saw it as a
    stand-in. Multi-word originals and digit runs are never excused.
    """
    excused: set[str] = set()
    if session is not None:
        for record in session.mappings():
            excused.update(_norm(w) for w in record.surrogate.split())
    views = [v for body in bodies for v in _views(body)]
    found = []
    for i, original in enumerate(originals):
        if any(p.search(v) for p in _patterns(original, excused) for v in views):
            found.append(i)
    return found


def surrogates_left(text: str, session: Any) -> list[str]:
    """Surrogates of the session (whole, or a word of a multi-word name) still present in `text`."""
    left = []
    folded = _norm(text)
    for record in session.mappings():
        forms = [record.surrogate]
        if record.label == "PERSON" and record.kind == "entity":
            forms += [w for w in record.surrogate.split() if len(w) > 2]
        for form in forms:
            if re.search(r"(?<!\w)" + re.escape(_norm(form)) + r"(?!\w)", folded):
                left.append(form)
    return sorted(set(left))


def assert_private(bodies: Sequence[str], session: Any, originals: Sequence[str] = ORIGINALS) -> None:
    assert bodies, "no request reached the server"
    found = originals_in(bodies, originals, session)
    assert found == [], f"original(s) at index {found} of the list left the process"


def assert_restored(text: str, session: Any, *expected: str) -> None:
    """No surrogate left in `text`, and each expected original present."""
    assert surrogates_left(text, session) == []
    missing = [i for i, e in enumerate(expected) if e not in text]
    assert missing == [], f"expected original(s) at index {missing} missing from the restored answer"
