"""Every way a model may write a surrogate, mapped back to the original it stands for (rule 6).

Literal forms (names, their parts, "Last, First", "M. Novak", the street, postcode and city of an
address) match case-insensitively; values made of digits (phones, cards, IBANs, IDs) match with any
separators, and a phone also in its national or "00" international spelling, because models
reformat them. All forms match only at word boundaries, longest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..labels import flexible
from ..vault.base import MappingRecord

_SEPS = r"[\s.\-/()]*"


def compact(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def is_flexible(label: str) -> bool:
    """Values matched by their letters and digits whatever the separators (and looked up that way)."""
    return flexible(label)


@dataclass(frozen=True, slots=True)
class Form:
    """One restorable way of writing a surrogate."""

    pattern: str  # regex source (already escaped)
    length: int  # for longest-first ordering
    key: str  # lookup key: casefolded literal, or compact() of a flexible value
    original: str = field(repr=False)  # reprs never show originals (rule 9)
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


def phone_spellings(number: str) -> list[str]:
    """Other digit strings a model may write for an international number: "00"-prefixed and national
    ("01 …" for "+353 1 …"; most countries' trunk prefix is 0). Empty without a country code."""
    if not number.lstrip().startswith("+"):
        return []
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return []
    nsn = phonenumbers.national_significant_number(parsed)
    # North American numbers are written nationally without their trunk "1": "(312) 555-0144"
    trunk = "" if parsed.country_code == 1 else "0"
    return [f"00{parsed.country_code}{nsn}", f"{trunk}{nsn}"]


def _flex(surrogate: str, original: str, label: str, length: int) -> Form:
    chars = [c for c in surrogate if c.isalnum()]
    # the "+" of an international number belongs to the match: left outside, restoring
    # "+44 20 …" to "+49 30 …" would print "++49 30 …"
    pattern = r"\+?" + _SEPS.join(re.escape(c) for c in chars)
    return Form(pattern, length, compact(surrogate), original, surrogate, True, False, label)


def forms_for(rec: MappingRecord) -> list[Form]:
    if is_flexible(rec.label):
        forms = [_flex(rec.surrogate, rec.original, rec.label, len(rec.surrogate))]
        if rec.label == "PHONE_NUMBER":
            pairs = zip(phone_spellings(rec.surrogate), phone_spellings(rec.original), strict=False)
            forms += [_flex(s, o, rec.label, len(rec.surrogate)) for s, o in pairs]
        return forms
    forms = [_literal(rec.surrogate, rec.original, rec.label)]
    if rec.label == "PERSON":
        forms += [_literal(s, o, rec.label) for s, o in _person_variants(rec)]
    elif rec.label == "LOCATION" and any(c.isdigit() for c in rec.original):
        forms += [_literal(s, o, rec.label) for s, o in address_parts(rec.original, rec.surrogate)]
    return forms


_TOKENS = re.compile(r"(\W+)")


def address_parts(original: str, surrogate: str) -> list[tuple[str, str]]:
    """(surrogate part, original part) for the street ("Dyer Street"), number and street ("47 Dyer
    Street"), postcode and city of an address whose surrogate kept its layout token for token, so a
    model that names one part alone still gets the original back. House numbers alone are left out:
    a bare "47" is no evidence of the address."""
    from ..surrogate.places import _STREET_WORDS

    o_tok, s_tok = _TOKENS.split(original), _TOKENS.split(surrogate)
    if len(o_tok) != len(s_tok) or o_tok[1::2] != s_tok[1::2]:
        return []  # an LLM-made surrogate with another shape: no safe alignment
    segments: list[list[int]] = [[]]
    for i, tok in enumerate(o_tok):
        if i % 2 and ("," in tok or "\n" in tok):
            segments.append([])
        elif not i % 2 and tok:
            segments[-1].append(i)

    def span(idx: list[int]) -> tuple[str, str]:
        a, b = idx[0], idx[-1] + 1
        return "".join(s_tok[a:b]), "".join(o_tok[a:b])

    out: list[tuple[str, str]] = []
    for seg in segments:
        street_at = [i for i in seg if o_tok[i].casefold() in _STREET_WORDS and len(o_tok[i]) > 2]
        named = [i for i in seg if o_tok[i].isalpha() and o_tok[i].casefold() not in _STREET_WORDS]
        if street_at and named and named[0] < street_at[-1]:
            street = [i for i in seg if named[0] <= i <= street_at[-1]]
            out.append(span(street))
            before = [i for i in seg if i < named[0]]
            if before and all(any(c.isdigit() for c in o_tok[i]) for i in before):
                out.append(span(before + street))
            continue
        runs: list[list[int]] = []
        for i in seg:
            kind = "code" if any(c.isdigit() for c in o_tok[i]) else "name" if len(o_tok[i]) > 2 else None
            if runs and kind is not None and runs[-1][0] == kind and i == runs[-1][-1] + 2:
                runs[-1].append(i)
            elif kind is not None:
                runs.append([kind, i])  # type: ignore[list-item]
        for k, run in enumerate(runs):
            kind, idx = run[0], [int(i) for i in run[1:]]
            value = span(idx)
            if kind == "code":
                following = runs[k + 1] if k + 1 < len(runs) else None
                house = seg is segments[0] and idx[0] == seg[0]
                if house and following is not None and following[0] == "name" and int(following[1]) == idx[-1] + 2:
                    # a house number opening the address ("313 Barove"): with its street, never alone
                    out.append(span(idx + [int(i) for i in following[1:]]))
                    continue
                if sum(c.isalnum() for c in value[1]) < (4 if value[1].isdigit() else 3):
                    continue  # a bare "313" is no evidence of the address; postcodes have 4 digits or more
            out.append(value)
    return [(s, o) for s, o in out if s != o and s.strip()]
