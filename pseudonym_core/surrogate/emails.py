"""E-mail surrogates that follow the surrogate person (rule 5).

"aoibheann.byrne84@gmail.com" for Aoibheann Byrne → Caoimhe Nulty becomes
"caoimhe.nulty37@gmail.com": the local part is read as a pattern over the person's name parts
(first.last, flast, first_last84, last.first, initials) and rebuilt from the surrogate's parts in
ASCII. A local part that names someone not (yet) in the session is read against the name pools
and gets a surrogate person of its own, whose parts later mentions reuse. Anything else keeps
its shape with real words or names, never random letters. Free-mail hosts stay (they identify
nobody); an organisation's domain becomes another plausible one with the same public suffix.
"""

from __future__ import annotations

from functools import lru_cache

from .base import Generated, SurrogateContext, match_case
from .localpart import GENERIC_BOXES, RUNS, Piece, known_people, read_known, read_pools, readings
from .translit import fold

FREE_MAIL = frozenset(
    """
    gmail.com googlemail.com yahoo.com outlook.com hotmail.com live.com icloud.com me.com mac.com aol.com
    proton.me protonmail.com pm.me gmx.de gmx.net gmx.at gmx.ch web.de t-online.de freenet.de mail.ru
    yandex.ru yandex.com rambler.ru ukr.net qq.com 163.com 126.com sina.com yeah.net naver.com daum.net
    hanmail.net orange.fr free.fr laposte.net wanadoo.fr sfr.fr libero.it virgilio.it alice.it tiscali.it
    wp.pl o2.pl onet.pl interia.pl seznam.cz centrum.cz azet.sk freemail.hu citromail.hu abv.bg
    rediffmail.com eircom.net btinternet.com sky.com virginmedia.com ntlworld.com talktalk.net
    comcast.net verizon.net att.net sbcglobal.net bellsouth.net cox.net charter.net shaw.ca rogers.com
    sympatico.ca bigpond.com optusnet.com.au xtra.co.nz uol.com.br bol.com.br terra.com.br zoho.com
    mail.com tutanota.com fastmail.com hey.com yahoo.co.uk yahoo.fr yahoo.de yahoo.co.jp yahoo.co.in
    hotmail.co.uk hotmail.fr hotmail.de hotmail.it hotmail.es outlook.de outlook.fr live.co.uk
    docomo.ne.jp ezweb.ne.jp example.com example.org example.net
    """.split()
)
_FREE_BRANDS = frozenset({"gmail", "yahoo", "hotmail", "outlook", "live", "gmx", "yandex", "icloud", "aol"})
#: Subdomains that say nothing about the organisation and stay as they are.
_GENERIC_SUB = frozenset("mail email smtp post www staff student students alumni corp eu us uk de fr intl".split())
#: Words a domain may carry that tell its kind (a law firm, a clinic, a school): they stay.
_KIND_WORDS = (
    "law", "legal", "clinic", "health", "medical", "med", "dental", "care", "school", "academy", "uni",
    "college", "bank", "finance", "insurance", "consulting", "tech", "soft", "labs", "group", "mail",
    "pharma", "hospital", "council", "partners", "studio", "design", "media", "energy", "logistics",
)  # fmt: skip
_DOMAIN_STEMS = (
    "northwind", "bluepeak", "corvana", "helvix", "stratova", "orbisco", "quillon", "meridex", "tessell",
    "arcadix", "pinecrest", "silverline", "kestrova", "lumora", "harborly", "ironwell", "novacore",
    "redfern", "altamira", "brightwater", "calderon", "dunmore", "everly", "fairhaven", "ashgrove",
    "brookfield", "cedarline", "eastmere", "foxley", "greywell", "highmoor", "larkspur", "millbrook",
    "oakhurst", "riverton", "stonebridge", "thornbury", "westcliff", "willowdale", "ambervale",
)  # fmt: skip
_ROLE_SWAP = ("info", "contact", "office", "hello", "team", "support", "enquiries", "admin")


def email(original: str, ctx: SurrogateContext) -> Generated:
    local, _, host = original.rpartition("@")
    components: list[tuple[str, str, str]] = []
    new_host = mail_host(host, ctx)
    if new_host != host:
        components.append((host, new_host, "DOMAIN"))
    new_local, people = local_part(local, ctx)
    if new_local == local and new_host == host:  # "info@example.org": another role at the same host
        new_local = ctx.rng.choice([b for b in _ROLE_SWAP if b != local.casefold()])
        new_local = match_case(local, new_local)
    return Generated(f"{new_local}@{new_host}", components + people)


def is_free_mail(host: str) -> bool:
    low = host.lower()
    return low in FREE_MAIL or low.split(".")[0] in _FREE_BRANDS


def mail_host(host: str, ctx: SurrogateContext) -> str:
    """Free mail stays; another organisation's domain with the same kind word and public suffix."""
    if is_free_mail(host):
        return host
    known = ctx.component(host)
    if known is not None:
        return known
    sub, label, suffix = _split_host(host.lower())
    kind = next((k for k in _KIND_WORDS if k in label and k != label), "")
    subs = [s if s in _GENERIC_SUB else "mail" for s in sub.split(".")] if sub else []
    for _ in range(100):
        stem = ctx.rng.choice(_DOMAIN_STEMS)
        word = f"{stem}-{kind}" if kind and "-" in label else stem + kind
        if not ctx.is_taken(stem) and word != label:
            return match_case(host, ".".join([*subs, word, suffix]))
    return ".".join([*subs, f"{ctx.rng.choice(_DOMAIN_STEMS)}{ctx.rng.randint(10, 99)}", suffix])


@lru_cache(maxsize=1)
def _extractor():  # type: ignore[no-untyped-def]
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=())  # the bundled snapshot: offline and quiet


def _split_host(host: str) -> tuple[str, str, str]:
    parts = _extractor()(host)
    if not parts.suffix:
        head, _, tld = host.rpartition(".")
        return "", head or host, tld or "com"
    return parts.subdomain, parts.domain, parts.suffix


def local_part(local: str, ctx: SurrogateContext) -> tuple[str, list[tuple[str, str, str]]]:
    """The new local part, and the name parts it introduced (to be reused by later mentions)."""
    runs = RUNS.findall(local)
    alpha = [r for r in runs if r.isalpha()]
    if alpha and all(r.casefold() in GENERIC_BOXES for r in alpha) and not any(r.isdigit() for r in runs):
        return local, []  # info@, sales@, support@: a role, not a person
    pieces = read_known(runs, known_people(ctx), readings(ctx))
    components: list[tuple[str, str, str]] = []
    if pieces is None:
        pieces, components = read_pools(runs, ctx)
    out = []
    for run, piece in zip(runs, pieces, strict=True):
        out.append(_rebuild(run, piece, ctx))
    new = "".join(out)
    if new.casefold() == local.casefold():  # nothing in it was a name: keep the shape, change the words
        new = "".join(_rebuild(r, None, ctx) if r.isalpha() and r.casefold() not in GENERIC_BOXES else r for r in runs)
    return new, components


def _rebuild(run: str, piece: list[Piece] | None, ctx: SurrogateContext) -> str:
    if run.isdigit():
        return _digits_like(run, ctx)
    if not run.isalpha():
        return run
    if piece is None:
        return run if run.casefold() in GENERIC_BOXES else match_case(run, _word_like(run, ctx))
    return "".join(p.render() for p in piece)


def _digits_like(run: str, ctx: SurrogateContext) -> str:
    """Fresh digits of the same length; a year stays a year ("84" may be a birth year: it changes)."""
    for _ in range(20):
        if len(run) == 4 and run[:2] in ("19", "20"):
            new = run[:2] + f"{ctx.rng.randint(0, 99):02d}"
        else:
            new = "".join(ctx.rng.choice("0123456789") for _ in run)
        if new != run:
            return new
    return new


def _word_like(run: str, ctx: SurrogateContext) -> str:
    """A real name of about the same length for a part of an address that is no known name."""
    if len(run) <= 2:
        letters = "abcdefghijklmnopqrstuvwyz"
        return "".join(ctx.rng.choice([c for c in letters if c != ch.lower()]) for ch in run)
    from .localpart import plain_names

    names = plain_names()
    near = [n for n in names if abs(len(n) - len(run)) <= 1 and n != run.lower()] or list(names)
    for _ in range(60):
        value = ctx.rng.choice(near)
        if not ctx.is_taken(value):
            return value
    return fold(ctx.rng.choice(near))
