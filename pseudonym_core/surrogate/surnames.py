"""Family names whose form follows gender: Kowalski / Kowalska, Novák / Nováková, Иванов / Иванова.

A surrogate keeps the gender of the original's family name, and the wife's form of a surrogate
follows the husband's ("Kowalska" → "Nowakowska" when "Kowalski" → "Nowakowski"), so a family
stays a family in the pseudonymized text.
"""

from __future__ import annotations

#: (male ending, female ending) per culture, longest first; "" means "add to the male form".
_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "polish": (("dzki", "dzka"), ("cki", "cka"), ("ski", "ska")),
    "czech": (("ský", "ská"), ("cký", "cká"), ("ý", "á"), ("ek", "ková"), ("a", "ová"), ("", "ová")),
    "slovak": (("ský", "ská"), ("cký", "cká"), ("ý", "á"), ("ek", "ková"), ("a", "ová"), ("", "ová")),
    "russian": (
        ("ский", "ская"), ("цкий", "цкая"), ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"),
        ("sky", "skaya"), ("skiy", "skaya"), ("ov", "ova"), ("ev", "eva"), ("in", "ina"),
    ),
    "bulgarian": (("ски", "ска"), ("ов", "ова"), ("ев", "ева"), ("ski", "ska"), ("ov", "ova"), ("ev", "eva")),
    "macedonian": (("ски", "ска"), ("ов", "ова"), ("ев", "ева")),
    "ukrainian": (
        ("ський", "ська"), ("цький", "цька"), ("ов", "ова"), ("ев", "ева"), ("ін", "іна"),
        ("skyi", "ska"), ("tskyi", "tska"), ("ov", "ova"), ("ev", "eva"), ("in", "ina"),
    ),
    "greek": (
        ("ίδης", "ίδου"), ("ιάδης", "ιάδου"), ("άκης", "άκη"), ("ος", "ου"), ("ός", "ού"), ("ης", "η"),
        ("ής", "ή"), ("ας", "α"), ("idis", "idou"), ("iadis", "iadou"), ("akis", "aki"), ("os", "ou"),
        ("as", "a"), ("is", "i"),
    ),
    "latvian": (("iņš", "iņa"), ("is", "e"), ("s", "a"), ("š", "a")),
    "azerbaijani": (("ov", "ova"), ("yev", "yeva"), ("ev", "eva"), ("oğlu", "qızı")),
    "uzbek": (("ov", "ova"), ("yev", "yeva"), ("ev", "eva")),
    "icelandic": (("sson", "sdóttir"), ("son", "dóttir")),
}  # fmt: skip


def has_forms(culture: str) -> bool:
    return culture in _RULES


def surname_gender(name: str, culture: str) -> str | None:
    """'m' or 'f' when the ending marks gender in this culture ("-ska" is female in Polish); None
    for a name that is the same for both ("Nowak")."""
    low = name.casefold()
    rules = _RULES.get(culture, ())
    best: tuple[int, str] | None = None
    for male, female in rules:
        for ending, g in ((female, "f"), (male, "m")):
            if ending and low.endswith(ending) and (best is None or len(ending) > best[0]):
                best = (len(ending), g)
    if best is None and any(not male for male, _ in rules):
        return "m"  # Czech and Slovak: every family name without a female ending is a man's
    return best[1] if best else None


def forms(name: str, gender: str, culture: str) -> list[str]:
    """Every form of `name` for `gender` that the culture's endings allow, most likely first."""
    current = surname_gender(name, culture)
    if current is None or current == gender:
        return [name] if current == gender else []
    low = name.casefold()
    out = []
    rules = sorted(_RULES[culture], key=lambda r: -len(r[1] if gender == "m" else r[0]))
    for male, female in rules:
        src, dst = (male, female) if gender == "f" else (female, male)
        if low.endswith(src):
            stem = name[: len(name) - len(src)] if src else name
            out.append(stem + (dst.upper() if name.isupper() else dst))
    return list(dict.fromkeys(out))


def regender(name: str, gender: str, culture: str, known: frozenset[str] | set[str] = frozenset()) -> str | None:
    """`name` in the form for `gender` (preferring a form in `known`), or None when it has none."""
    options = forms(name, gender, culture)
    return next((o for o in options if o in known), options[0] if options else None)
