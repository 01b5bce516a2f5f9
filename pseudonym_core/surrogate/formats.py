"""Surrogates that keep how a value was written: phones by their national number, e-mails spelled
out with "at"/"dot", IBANs in lower case.

A phone number is one subscriber however it is written: "+33 6 12 34 56 78" and "06 12 34 56 78"
must get one surrogate number, each in its own layout (issue 9: one number written with and without
its country code got two surrogates in one session). The national significant number is therefore
recorded as a component of the first surrogate and reused by every later spelling.
"""

from __future__ import annotations

import re
import string

from ..detect.contacts import AT, DOT
from .base import Generated, SurrogateContext

_EXTENSION = re.compile(r"(?i)\s*(?:x|ext\.?|extension|Durchwahl|DW|poste)\s*\d{1,5}$")


def _national(original: str) -> tuple[str, str, str] | None:
    """(leading digits kept as they are, national significant number, extension digits), or None."""
    ext_m = _EXTENSION.search(original)
    main = original[: ext_m.start()] if ext_m else original
    ext = re.sub(r"\D", "", ext_m.group()) if ext_m else ""
    digits = re.sub(r"\D", "", main)
    stripped = main.lstrip()
    if stripped.startswith(("+", "00")):
        import phonenumbers

        try:
            parsed = phonenumbers.parse("+" + digits.removeprefix("00") if stripped.startswith("00") else main, None)
        except phonenumbers.NumberParseException:
            return None
        nsn = str(parsed.national_number)
        if not digits.endswith(nsn):
            return None
        return digits[: -len(nsn)], nsn, ext
    if digits.startswith("0") and len(digits) > 7:
        return "0", digits[1:], ext  # trunk prefix: "06 12 34 56 78" is +33 6 12 34 56 78
    return "", digits, ext


def phone(original: str, ctx: SurrogateContext) -> Generated:
    """Same layout and country code; the national number is shared by every spelling of the number."""
    from .values import phone as plain_phone

    parts = _national(original)
    if parts is None or len(parts[1]) < 6:
        return plain_phone(original, ctx)
    lead, nsn, ext = parts
    known = ctx.component(nsn)
    if known is not None and known.isdigit() and len(known) == len(nsn):
        new_nsn, components = known, []
    else:
        keep = 1 if len(nsn) > 6 else 0  # the first digit tells mobile from landline
        for _ in range(20):
            new_nsn = nsn[:keep] + "".join(ctx.rng.choice(string.digits) for _ in range(len(nsn) - keep))
            if new_nsn != nsn and not ctx.is_taken(new_nsn):
                break
        components = [(nsn, new_nsn, "PHONE_NUMBER")]
    new_ext = "".join(ctx.rng.choice(string.digits) for _ in ext)
    it = iter(lead + new_nsn + new_ext)
    return Generated("".join(next(it) if c.isdigit() else c for c in original), components)


_SPELLED = re.compile(rf"(?i)^(?P<local>.+?)(?P<at>{AT})(?P<host>.+)$")
_DOT_SPLIT = re.compile(rf"(?i)({DOT})")


def email_any(original: str, ctx: SurrogateContext) -> Generated:
    """Literal e-mails go to `values.email`; spelled-out ones are rewritten in their own style."""
    from .values import email

    if "@" in original and not re.search(r"(?i)\b(?:at|dot)\b|[(\[{<][ \t]*[.@]", original):
        return email(original, ctx)
    m = _SPELLED.match(original)
    if m is None:
        return email(original, ctx)
    local_labels, local_dots = _split_dots(m.group("local"))
    labels, dots = _split_dots(m.group("host"))
    canonical = f"{'.'.join(local_labels)}@{'.'.join(labels)}"  # "john dot smith at …" is john.smith@…
    gen = email(canonical, ctx)
    new_local, _, new_host = gen.surrogate.rpartition("@")
    written = _join_dots(new_local.split("."), local_dots) + m.group("at") + _join_dots(new_host.split("."), dots)
    value = _match_word_case(original, written)
    # the canonical form too, so "j.doe@…" written by the model restores to the original address
    return Generated(value, [*gen.components, (canonical, gen.surrogate, "EMAIL_ADDRESS")])


def _split_dots(part: str) -> tuple[list[str], list[str]]:
    """Labels and the separators written between them ("." , " dot ", "[.]")."""
    pieces = _DOT_SPLIT.split(part)
    return pieces[0::2], pieces[1::2]


def _join_dots(labels: list[str], dots: list[str]) -> str:
    """The surrogate's labels with the original's separators; the first one where counts differ."""
    if len(dots) != len(labels) - 1:
        dots = [dots[0] if dots else "."] * (len(labels) - 1)
    return "".join(label + (dots[i] if i < len(dots) else "") for i, label in enumerate(labels))


def _match_word_case(original: str, value: str) -> str:
    return value.upper() if original.isupper() else value


def iban_any(original: str, ctx: SurrogateContext) -> Generated:
    """A valid IBAN of the same country, in the original's letter case."""
    from .values import iban

    gen = iban(original, ctx)
    return Generated(gen.surrogate.lower(), gen.components) if original.islower() else gen
