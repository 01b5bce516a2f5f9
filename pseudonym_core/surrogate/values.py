"""Format-preserving surrogates for structured values (rule 5).

Each keeps what downstream code and the model rely on (separators, length, country code,
checksum validity) and changes everything that identifies the person.
"""

from __future__ import annotations

import ipaddress
import re
import string
from urllib.parse import urlsplit, urlunsplit

from .base import Generated, SurrogateContext, match_case
from .emails import FREE_MAIL, email  # noqa: F401  (e-mail surrogates live in emails.py)

PUBLIC_HOSTS = frozenset(
    """
    github.com gitlab.com linkedin.com www.linkedin.com twitter.com x.com facebook.com
    www.facebook.com instagram.com youtube.com www.youtube.com google.com www.google.com
    wikipedia.org
    """.split()
)
_DOMAIN_WORDS = (
    "vexa", "norlo", "quenta", "brisco", "talvi", "merovia", "kestrel", "ondara", "palisade", "corvid",
    "lumio", "tessaro", "zephyrine", "halden", "arvana", "solvik", "brightmoor", "eastvale", "finch",
)  # fmt: skip


def _digits(ctx: SurrogateContext, n: int, first_nonzero: bool = False) -> str:
    out = "".join(ctx.rng.choice(string.digits) for _ in range(n))
    if first_nonzero and out and out[0] == "0":
        out = ctx.rng.choice("123456789") + out[1:]
    return out


def refill(template: str, digits: str) -> str:
    """Put `digits` into the digit positions of `template`, keeping every other character."""
    it = iter(digits)
    return "".join(next(it) if c.isdigit() else c for c in template)


def char_class(original: str, ctx: SurrogateContext, hex_only: bool = False) -> Generated:
    """Same shape, fresh characters: the fallback for IDs without a known checksum."""
    hexd = "0123456789abcdef"
    out = []
    for c in original:
        if hex_only and c.lower() in hexd:
            new = ctx.rng.choice(hexd)
            out.append(new.upper() if c.isupper() else new)
        elif c.isdigit():
            out.append(ctx.rng.choice(string.digits))
        elif c.isupper() and c.isascii():
            out.append(ctx.rng.choice(string.ascii_uppercase))
        elif c.islower() and c.isascii():
            out.append(ctx.rng.choice(string.ascii_lowercase))
        else:
            out.append(c)
    return Generated("".join(out))


def luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


def credit_card(original: str, ctx: SurrogateContext) -> Generated:
    digits = re.sub(r"\D", "", original)
    keep = 2 if digits[:2] in ("34", "37") else 1  # brand prefix (Amex needs two)
    body = digits[:keep] + _digits(ctx, len(digits) - keep - 1)
    return Generated(refill(original, body + luhn_digit(body)))


def mod97(chars: str) -> int:
    """ISO 13616's remainder: letters read as 10–35, the whole number modulo 97 (1 for a valid IBAN
    rotated to BBAN + country + check digits)."""
    return int("".join(str(int(c, 36)) for c in chars)) % 97


def iban(original: str, ctx: SurrogateContext) -> Generated:
    compact = re.sub(r"\s", "", original).upper()
    country, bban = compact[:2], compact[4:]
    new_bban = "".join(
        ctx.rng.choice(string.digits) if c.isdigit() else ctx.rng.choice(string.ascii_uppercase) for c in bban
    )
    check = f"{98 - mod97(new_bban + country + '00'):02d}"
    new = country + check + new_bban
    it = iter(new)
    return Generated("".join(c if c.isspace() else next(it) for c in original))


def phone(original: str, ctx: SurrogateContext) -> Generated:
    digits = re.sub(r"\D", "", original)
    keep = 0
    if original.lstrip().startswith("+"):
        import phonenumbers

        try:
            cc = str(phonenumbers.parse(original, None).country_code)
            keep = len(cc) if digits.startswith(cc) else 0
        except phonenumbers.NumberParseException:
            keep = 1
    keep += 1 if len(digits) > keep + 6 else 0  # first national digit keeps the number type (mobile/area)
    new = digits[:keep] + _digits(ctx, len(digits) - keep)
    return Generated(refill(original, new))


def us_ssn(original: str, ctx: SurrogateContext) -> Generated:
    area = ctx.rng.choice([a for a in range(1, 900) if a != 666])
    new = f"{area:03d}{ctx.rng.randint(1, 99):02d}{ctx.rng.randint(1, 9999):04d}"
    return Generated(refill(original, new) if len(re.sub(r"\D", "", original)) == 9 else new)


def ip_address(original: str, ctx: SurrogateContext) -> Generated:
    """IPv4 from the TEST-NET ranges, IPv6 from 2001:db8::/32 (RFC 5737 / 3849): never routable."""
    try:
        addr = ipaddress.ip_address(original.strip("[]"))
    except ValueError:
        return char_class(original, ctx, hex_only=True)
    if addr.version == 4:
        net = ctx.rng.choice(["192.0.2", "198.51.100", "203.0.113"])
        return Generated(f"{net}.{ctx.rng.randint(1, 254)}")
    groups = [f"{ctx.rng.randint(0, 0xFFFF):x}" for _ in range(6)]
    return Generated(str(ipaddress.ip_address("2001:db8:" + ":".join(groups))))


def domain(original: str, ctx: SurrogateContext) -> str:
    """A consistent invented domain that keeps the TLD (and "www." when present)."""
    known = ctx.component(original)
    if known is not None:
        return known
    host = original.lower()
    prefix = "www." if host.startswith("www.") else ""
    tld = host.rsplit(".", 1)[-1] if "." in host else "com"
    for _ in range(100):
        word = ctx.rng.choice(_DOMAIN_WORDS) + ctx.rng.choice(["", "-labs", "-group", "hq", "io", "works"])
        cand = f"{prefix}{word}.{tld}"
        if not ctx.is_taken(word):
            return match_case(original, cand)
    return f"{prefix}{_digits(ctx, 6)}.example"


def url(original: str, ctx: SurrogateContext) -> Generated:
    has_scheme = "://" in original
    parts = urlsplit(original if has_scheme else "//" + original)
    host = parts.hostname or ""
    components: list[tuple[str, str, str]] = []
    new_host = host
    if host and host.lower() not in PUBLIC_HOSTS:
        new_host = domain(host, ctx)
        components.append((host, new_host, "DOMAIN"))
    netloc = parts.netloc.replace(host, new_host) if host else parts.netloc
    segs = re.split(r"([/._?=&-])", parts.path)
    public = new_host == host  # a public host's path (a profile name) is what identifies the person
    path = "".join(
        ctx.component(s)
        or (char_class(s, ctx).surrogate if any(c.isdigit() for c in s) or (public and len(s) > 2) else s)
        for s in segs
    )
    query = char_class(parts.query, ctx).surrogate if parts.query else ""
    out = urlunsplit((parts.scheme, netloc, path, query, parts.fragment))
    return Generated(out if has_scheme else out.removeprefix("//"), components)
