"""Build labelled synthetic texts: domain templates filled from Faker and Mimesis, plus edge cases.

Offsets are recorded while the text is assembled, never searched for afterwards, so a value that
also occurs as an ordinary word cannot be mislabelled. Sample `i` of seed `s` depends on (s, i)
only: ``generate(100, s)[:10] == generate(10, s)``, and a larger set extends a smaller one.

Edge cases (`EDGE_CASES`, each sample gets some with probability `edge_share`):
``lowercase`` and ``upper`` (whole text, as chat messages and forms are typed), ``mixed_script``
(a name in its own script inside English text), ``foreign_name`` (a person from another locale
than the rest), ``word_name`` (a given name that is an English word: Grant, Hope, May),
``odd_format`` (phones without separators, e-mails written "name at domain dot com", IBANs in
lower case, dates as 2024.03.05), ``nbsp`` (a non-breaking space inside a name).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pseudonym_lab.eval.data import GoldSpan, LabeledSample
from pseudonym_lab.synth.templates import DOMAINS, NEGATIVES
from pseudonym_lab.synth.values import LOCALES, Person, ValueSource

EDGE_CASES: tuple[str, ...] = ("lowercase", "upper", "mixed_script", "foreign_name", "word_name", "odd_format", "nbsp")
NON_LATIN: tuple[str, ...] = ("ja_JP", "zh_CN", "ko_KR", "ru_RU", "uk_UA", "el_GR", "ar_EG", "fa_IR", "he_IL", "hi_IN")
_SLOT = re.compile(r"\{(P2?|[A-Z]+)(?:\.(given|family|title))?\}")
_DATE_FORMATS = ("{d} {B} {Y}", "{B} {d}, {Y}", "{dd}/{mm}/{Y}", "{mm}/{dd}/{Y}", "{Y}-{mm}-{dd}", "{dd}.{mm}.{Y}")
_ODD_DATE_FORMATS = ("{Y}.{mm}.{dd}", "{d}-{b}-{Y}", "{d}th of {B} {Y}", "{B} {d} {Y}")
_TITLES = {"m": ("Mr.", "Mr.", "Mr", "Dr."), "f": ("Ms.", "Mrs.", "Ms", "Dr.")}
#: Titles in the language of a locale, used for a third of its people.
_LOCAL_TITLES = {"de": ("Herr", "Frau"), "fr": ("M.", "Mme"), "es": ("Sr.", "Sra."), "pt": ("Sr.", "Sra."),
                 "it": ("Sig.", "Sig.ra"), "nl": ("dhr.", "mevr."), "pl": ("Pan", "Pani")}  # fmt: skip
_FALLBACK = {"{P}": "Please contact {P} about it.", "{P2": "Please contact {P2} about it."}
_MONTHS = ("January February March April May June July August September October November December").split()


@dataclass
class _Text:
    """A text under construction with its gold spans."""

    parts: list[str] = field(default_factory=list)
    spans: list[GoldSpan] = field(default_factory=list)
    length: int = 0

    def add(self, s: str, label: str | None = None, detail: str = "") -> None:
        """Append `s`; a labelled value's span leaves out whitespace around it (a library's stray space)."""
        if label is not None and s.strip():
            start = self.length + len(s) - len(s.lstrip())
            self.spans.append(GoldSpan(start, start + len(s.strip()), label, detail))
        self.parts.append(s)
        self.length += len(s)


def _date(d: date, fmt: str) -> str:
    return fmt.format(d=d.day, dd=f"{d.day:02d}", mm=f"{d.month:02d}", Y=d.year, B=_MONTHS[d.month - 1],
                      b=_MONTHS[d.month - 1][:3])  # fmt: skip


def _same_length_case(text: str, upper: bool) -> str:
    """Upper or lower case without changing any offset ("ß".upper() is "SS": such letters stay)."""
    out = []
    for c in text:
        changed = c.upper() if upper else c.lower()
        out.append(changed if len(changed) == 1 else c)
    return "".join(out)


class SynthBuilder:
    """One `ValueSource` per locale, reused across samples (Faker and Mimesis load in ~0.1 s each)."""

    def __init__(self, locales: list[str] | None = None, domains: list[str] | None = None, edge_share: float = 0.35):
        unknown = [x for x in (locales or []) if x not in LOCALES] + [x for x in (domains or []) if x not in DOMAINS]
        if unknown:
            raise ValueError(f"unknown locale or domain: {', '.join(unknown)}")
        if not 0.0 <= edge_share <= 1.0:
            raise ValueError("edge_share must be within [0, 1]")
        self.locales = list(locales or LOCALES)
        self.domains = list(domains or DOMAINS)
        self.edge_share = edge_share
        self._sources: dict[str, ValueSource] = {}

    def source(self, locale: str, seed: int) -> ValueSource:
        if locale not in self._sources:
            self._sources[locale] = ValueSource(locale)
        src = self._sources[locale]
        src.reseed(seed)
        return src

    def sample(self, seed: int, index: int) -> LabeledSample:
        sample_seed = seed * 1_000_003 + index
        rng = random.Random(sample_seed)
        locale, domain = rng.choice(self.locales), rng.choice(self.domains)
        edges: set[str] = set()
        if rng.random() < self.edge_share:  # one to three edge cases
            edges = set(rng.sample(EDGE_CASES, k=rng.choice((1, 1, 2, 3))))
        for pair in (("lowercase", "upper"), ("mixed_script", "word_name")):  # exclusive: keep one
            if set(pair) <= edges:
                edges.discard(rng.choice(pair))
        src = self.source(locale, sample_seed)
        people = self._people(src, rng, edges, sample_seed)
        text = _Text()
        templates = rng.sample(DOMAINS[domain], k=min(len(DOMAINS[domain]), rng.choice((1, 2, 2, 3))))
        needed = ["{P2"] if "foreign_name" in edges else []
        needed += ["{P}"] if edges & {"mixed_script", "word_name", "nbsp"} else []
        for k, slot in enumerate(needed):  # the edge case must show in the text
            if not any(slot in t for t in templates):
                if k >= len(templates):
                    templates.append("")
                templates[k] = rng.choice([t for t in DOMAINS[domain] if slot in t] or [_FALLBACK[slot]])
        if rng.random() < 0.15:
            templates.insert(rng.randrange(len(templates) + 1), rng.choice(NEGATIVES))
        for k, template in enumerate(templates):
            if k:
                text.add(rng.choice((" ", " ", "\n", "\n\n")))
            self._fill(template, text, src, rng, people, edges)
        body = "".join(text.parts)
        if "lowercase" in edges or "upper" in edges:
            body = _same_length_case(body, upper="upper" in edges)
        meta = {"locale": locale, "domain": domain, "edges": ",".join(sorted(edges)), "seed": str(sample_seed)}
        return LabeledSample(f"synth-{seed}-{index:06d}", f"synth-{domain}", body, text.spans, meta)

    def _people(self, src: ValueSource, rng: random.Random, edges: set[str], seed: int) -> dict[str, Person]:
        people = {"P": src.person(word_name="word_name" in edges), "P2": src.person()}
        if "mixed_script" in edges:
            other = [x for x in NON_LATIN if x in self.locales] or list(NON_LATIN)
            foreign = self.source(rng.choice(other), seed + 1)
            people["P"] = foreign.person() if foreign.locale not in ("ja_JP", "zh_CN") else _native(foreign)
            src.reseed(seed + 2)
        elif "foreign_name" in edges:
            people["P2"] = self.source(rng.choice(self.locales), seed + 1).person()
            src.reseed(seed + 2)
        return people

    def _fill(self, template: str, text: _Text, src: ValueSource, rng: random.Random, people: dict[str, Person],
              edges: set[str]) -> None:  # fmt: skip
        pos = 0
        for m in _SLOT.finditer(template):
            text.add(template[pos : m.start()])
            self._slot(m.group(1), m.group(2), text, src, rng, people, edges)
            pos = m.end()
        text.add(template[pos:])

    def _slot(self, slot: str, part: str | None, text: _Text, src: ValueSource, rng: random.Random,
              people: dict[str, Person], edges: set[str]) -> None:  # fmt: skip
        odd = "odd_format" in edges and rng.random() < 0.6
        if slot in people:
            self._person(people[slot], part, text, rng, "nbsp" in edges)
            return
        value: Any
        if slot in ("DATE", "DOB"):
            d = src.date(1940, 2006) if slot == "DOB" else src.date(2015, 2025)
            text.add(_date(d, rng.choice(_ODD_DATE_FORMATS if odd else _DATE_FORMATS)), "DATE_TIME", slot.lower())
            return
        if slot == "NATID":
            value, label, detail = src.national_id()
            text.add(value, label, detail)
            return
        makers: dict[str, tuple[str, Any]] = {
            "CITY": ("LOCATION", src.city), "COUNTRY": ("LOCATION", src.country), "ADDRESS": ("ADDRESS", src.address),
            "ORG": ("ORGANIZATION", src.company), "BANK": ("ORGANIZATION", src.bank),
            "PHONE": ("PHONE_NUMBER", src.phone), "IBAN": ("IBAN_CODE", src.iban), "CARD": ("CREDIT_CARD", src.card),
            "IP": ("IP_ADDRESS", src.ip), "USER": ("USERNAME", src.username), "ID": ("IDENTIFIER", src.identifier),
            "EMAIL": ("EMAIL_ADDRESS", lambda: src.email(people["P"])),
            "URL": ("URL", lambda: src.url(src.username()[0])),
            **{k.upper(): ("ORGANIZATION", lambda k=k: src.institution(k))
               for k in ("hospital", "clinic", "school", "university")},
        }  # fmt: skip
        label, make = makers[slot]
        value, detail = make()
        if odd:
            value, detail = _odd(slot, value, detail)
        text.add(value.replace("\n", ", "), label, detail)

    @staticmethod
    def _person(p: Person, part: str | None, text: _Text, rng: random.Random, nbsp: bool) -> None:
        space = "\u00a0" if nbsp else " "
        if part == "title":
            local = _LOCAL_TITLES.get(p.origin.split(":")[-1][:2]) if ":" in p.origin else None
            title = local[p.gender == "f"] if local and rng.random() < 0.35 else rng.choice(_TITLES[p.gender])
            text.add(title + " ")
            text.add(p.family, "PERSON", p.origin)
            return
        if part in ("given", "family"):
            text.add(p.given if part == "given" else p.family, "PERSON", p.origin)
            return
        if _unspaced(p):
            text.add(p.family + p.given, "PERSON", p.origin)
            return
        form = rng.choices(("full", "last_first", "initial", "full"), weights=(6, 1, 1, 2))[0]
        if p.family_first or p.origin == "word-name":  # a word name must show its given name
            form = "full"
        value = {"full": p.full.replace(" ", space), "last_first": f"{p.family}, {p.given}",
                 "initial": f"{p.given[:1]}.{space}{p.family}"}[form]  # fmt: skip
        text.add(value, "PERSON", f"{p.origin}:{form}")


def _native(src: ValueSource) -> Person:
    """A name in its own script (Faker's kanji / hanzi names), family name first."""
    gender = src.rng.choice("mf")
    given = src._faker(f"first_name_{'male' if gender == 'm' else 'female'}")
    return Person(given, src._faker("last_name"), gender, f"faker:{src.locale}:native")


def _unspaced(p: Person) -> bool:
    return p.origin.endswith(":native") and any("\u3040" <= c <= "\u9fff" for c in p.family)


def _odd(slot: str, value: str, detail: str) -> tuple[str, str]:
    """A real but unusual way of writing the value."""
    if slot == "PHONE":
        digits = re.sub(r"[^\d+]", "", value)
        return (digits if len(digits) % 2 else ".".join(re.findall(r"\+?\d{1,3}", digits))), detail + ":odd"
    if slot == "EMAIL" and "@" in value:
        local, domain = value.split("@", 1)
        return f"{local} at {domain.replace('.', ' dot ')}", detail + ":odd"
    if slot == "IBAN":
        return value.replace(" ", "").lower(), detail + ":odd"
    if slot == "CARD":
        digits = re.sub(r"\D", "", value)
        return ".".join(digits[i : i + 4] for i in range(0, len(digits), 4)), detail + ":odd"
    return value, detail


def generate(
    n: int,
    seed: int = 2024,
    locales: list[str] | None = None,
    domains: list[str] | None = None,
    edge_share: float = 0.35,
) -> list[LabeledSample]:
    """`n` labelled synthetic samples; reproducible for (seed, locales, domains, edge_share)."""
    if n < 0:
        raise ValueError("n must not be negative")
    builder = SynthBuilder(locales, domains, edge_share)
    return [builder.sample(seed, i) for i in range(n)]
