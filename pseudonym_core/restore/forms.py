"""Every way a model may write a surrogate, mapped back to the original it stands for (rule 6).

Literal forms (names, their parts, "Last, First", "M. Novak") match case-insensitively; values
made of digits (phones, cards, IBANs, IDs) match with any separators, because models reformat
them. All forms match only at word boundaries, longest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..labels import flexible
from ..vault.base import MappingRecord

_SEPS = r"[\s.\-/()]*"


def compact(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


@dataclass(frozen=True, slots=True)
class Form:
    """One restorable way of writing a surrogate."""

    pattern: str  # regex source (already escaped)
    length: int  # for longest-first ordering
    key: str  # lookup key: casefolded literal, or compact() of a flexible value
    original: str
    surrogate: str
    flexible: bool
    single_word: bool
    label: str = ""


def _literal(surrogate: str, original: str, label: str) -> Form:
    return Form(
        re.escape(surrogate),
        len(surrogate),
        surrogate.casefold(),
        original,
        surrogate,
        False,
        re.fullmatch(r"\w+", surrogate) is not None,
        label,
    )


def _first_last(name: str) -> tuple[str, str, int] | None:
    """(first given name, family name, word count) of "Mark Novak" or "Novak, Mark"."""
    if "," in name:
        family, _, given = name.partition(",")
        g, f = given.split(), family.split()
        return (g[0], f[-1], len(g) + len(f)) if g and f else None
    words = name.split()
    return (words[0], words[-1], len(words)) if len(words) >= 2 else None


def _person_variants(rec: MappingRecord) -> list[tuple[str, str]]:
    """ "Mark Novak" ↔ "Novak, Mark", "M. Novak", "M Novak"; "Mark A. Novak" → "Mark Novak"."""
    s_parts, o_parts = _first_last(rec.surrogate), _first_last(rec.original)
    if s_parts is None or o_parts is None or s_parts[2] != o_parts[2]:
        return []
    (s_first, s_last, n), (o_first, o_last, _) = s_parts, o_parts
    out = [(f"{s_last}, {s_first}", f"{o_last}, {o_first}")]
    if "," in rec.original or n > 2:
        out.append((f"{s_first} {s_last}", f"{o_first} {o_last}"))
    if s_first[0].isalpha() and o_first[0].isalpha():
        out += [
            (f"{s_first[0]}. {s_last}", f"{o_first[0]}. {o_last}"),
            (f"{s_first[0]} {s_last}", f"{o_first[0]} {o_last}"),
        ]
    return [(s, o) for s, o in out if s != rec.surrogate]


def forms_for(rec: MappingRecord) -> list[Form]:
    if flexible(rec.label):
        chars = [c for c in rec.surrogate if c.isalnum()]
        # the "+" of an international number belongs to the match: left outside, restoring
        # "+44 20 …" to "+49 30 …" would print "++49 30 …"
        pattern = r"\+?" + _SEPS.join(re.escape(c) for c in chars)
        return [Form(pattern, len(rec.surrogate), compact(rec.surrogate), rec.original, rec.surrogate, True, False)]
    forms = [_literal(rec.surrogate, rec.original, rec.label)]
    if rec.label == "PERSON":
        forms += [_literal(s, o, rec.label) for s, o in _person_variants(rec)]
    return forms
