"""Deterministic evasion variants of a labelled text, with gold offsets computed while transforming.

Each `Transform` rewrites gold entities (``entity``) and, for whole-text forms such as lowercase
or NFD, the text between them (``context``). The variant is rebuilt segment by segment, so gold
offsets are exact by construction: ``variant.text[span] == transform.entity(base entity)``.
A transform that changes no gold entity of a text yields no variant for it (a phone layout on a
text without a phone), so every variant tests what its name says.

Forms are those seen to let personal data through (issue 9): invisible characters inside a name,
decomposed accents, fullwidth letters, a name broken across lines, case changes, look-alike
letters from other scripts, non-breaking spaces, and numbers and e-mails written the many ways
people write them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers

from pseudonym_lab.eval.data import GoldSpan, LabeledSample

EntityFn = Callable[[str, str], str]

ZWSP, ZWJ, WJ, SHY, NBSP = "\u200b", "\u200d", "\u2060", "\u00ad", "\u00a0"
CYRILLIC = dict(zip("aeopcxyiABCEHKMOPTX", "аеорсхуіАВСЕНКМОРТХ", strict=True))
GREEK = dict(zip("oavuABEZHIKMNOPTYX", "οανυΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", strict=True))


def _same(text: str, label: str) -> str:
    return text


def _keep(text: str) -> str:
    return text


@dataclass(frozen=True)
class Transform:
    """One evasion form; `group` only orders the report (baseline, name, text, case, card, …)."""

    name: str
    entity: EntityFn
    context: Callable[[str], str] = _keep
    group: str = "name"


@dataclass(frozen=True)
class Variant:
    id: str
    base_id: str
    transform: str
    text: str
    spans: tuple[GoldSpan, ...]
    targets: tuple[int, ...]
    ignore: tuple[GoldSpan, ...] = ()


def _person(fn: Callable[[str], str]) -> EntityFn:
    return lambda text, label: fn(text) if label == "PERSON" else text


def _only(label_: str, fn: Callable[[str], str]) -> EntityFn:
    return lambda text, label: fn(text) if label == label_ else text


def _insert_first_token(ch: str) -> Callable[[str], str]:
    """'John Smith' -> 'J<ch>ohn Smith' (after the first letter of the first token of length >= 2)."""

    def fn(name: str) -> str:
        pos = 0
        for token in name.split(" "):
            if len(token) >= 2:
                return name[: pos + 1] + ch + name[pos + 1 :]
            pos += len(token) + 1
        return name

    return fn


def _soft_hyphen(name: str) -> str:
    """'John Smith' -> 'John Sm\\u00adith' (middle of the last token of length >= 4)."""
    tokens = name.split(" ")
    for i in range(len(tokens) - 1, -1, -1):
        if len(tokens[i]) >= 4:
            mid = len(tokens[i]) // 2
            tokens[i] = tokens[i][:mid] + SHY + tokens[i][mid:]
            break
    return " ".join(tokens)


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if 0x21 <= ord(c) <= 0x7E else c for c in text)


def _homoglyph(table: dict[str, str]) -> Callable[[str], str]:
    """Replace one letter: the first replaceable non-initial letter of the last token, else any."""

    def fn(name: str) -> str:
        starts = [i for i in range(len(name)) if i == 0 or name[i - 1] == " "]
        order = list(range(starts[-1] + 1, len(name))) + list(range(len(name)))
        for i in order:
            if name[i] in table:
                return name[:i] + table[name[i]] + name[i + 1 :]
        return name

    return fn


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _title_of_lower(name: str) -> str:
    return name.lower().title()


def _group_card(sep: str) -> Callable[[str], str]:
    def fn(card: str) -> str:
        d = "".join(c for c in card if c.isdigit())
        fours = [4] * (len(d) // 4) + ([len(d) % 4] if len(d) % 4 else [])
        sizes = {15: [4, 6, 5], 14: [4, 6, 4]}.get(len(d), fours)  # Amex and Diners group 4-6-5 / 4-6-4
        parts, pos = [], 0
        for n in sizes:
            parts.append(d[pos : pos + n])
            pos += n
        return sep.join(parts)

    return fn


def _iban(lower: bool, spaced: bool) -> Callable[[str], str]:
    def fn(iban: str) -> str:
        compact = iban.replace(" ", "")
        out = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4)) if spaced else compact
        return out.lower() if lower else out.upper()

    return fn


def _phone(layout: str) -> Callable[[str], str]:
    """Rewrite an international number in one layout; numbers phonenumbers cannot parse stay as they are."""
    fmt = phonenumbers.PhoneNumberFormat

    def fn(number: str) -> str:
        try:
            p = phonenumbers.parse(number, None)
        except phonenumbers.NumberParseException:
            return number
        intl = phonenumbers.format_number(p, fmt.INTERNATIONAL)
        national = phonenumbers.format_number(p, fmt.NATIONAL)
        cc = f"+{p.country_code}"
        if layout == "intl":
            return intl
        if layout == "e164":
            return phonenumbers.format_number(p, fmt.E164)
        if layout == "national":
            return national
        if layout == "00":
            return "00" + intl[1:]
        if layout == "dots":
            return ".".join(national.replace("(", "").replace(")", "").replace("-", " ").split())
        if layout == "trunk0":  # '+33 (0)6-12-34-56-78', only where the trunk prefix is 0
            if not national.startswith("0"):
                return number
            return f"{cc} (0)" + "-".join(intl[len(cc) :].replace("-", " ").split())
        raise ValueError(layout)

    return fn


def _email(at: str, dot: str) -> Callable[[str], str]:
    """'jsmith84@gmail.com' -> 'jsmith84 at gmail dot com' (dots of the local part stay)."""

    def fn(email: str) -> str:
        local, _, domain = email.partition("@")
        return local + at + dot.join(domain.split("."))

    return fn


TRANSFORMS: tuple[Transform, ...] = (
    Transform("original", _same, group="baseline"),
    Transform("zero_width_space", _person(_insert_first_token(ZWSP))),
    Transform("zero_width_joiner", _person(_insert_first_token(ZWJ))),
    Transform("word_joiner", _person(_insert_first_token(WJ))),
    Transform("soft_hyphen", _person(_soft_hyphen)),
    Transform("nfd", lambda t, label: _nfd(t), _nfd, group="text"),
    Transform("fullwidth", lambda t, label: _fullwidth(t), group="text"),
    Transform("line_break", _person(lambda n: n.replace(" ", "\n", 1))),
    Transform("lowercase", lambda t, label: t.lower(), str.lower, group="case"),
    Transform("uppercase", lambda t, label: t.upper(), str.upper, group="case"),
    Transform("title_case", _person(_title_of_lower), group="case"),
    Transform("homoglyph_cyrillic", _person(_homoglyph(CYRILLIC))),
    Transform("homoglyph_greek", _person(_homoglyph(GREEK))),
    Transform("nbsp", _person(lambda n: n.replace(" ", NBSP))),
    Transform("card_dots", _only("CREDIT_CARD", _group_card(".")), group="card"),
    Transform("card_spaces", _only("CREDIT_CARD", _group_card(" ")), group="card"),
    Transform("card_dashes", _only("CREDIT_CARD", _group_card("-")), group="card"),
    Transform("card_plain", _only("CREDIT_CARD", _group_card("")), group="card"),
    Transform("iban_lower", _only("IBAN_CODE", _iban(lower=True, spaced=False)), group="iban"),
    Transform("iban_lower_spaced", _only("IBAN_CODE", _iban(lower=True, spaced=True)), group="iban"),
    Transform("iban_no_spaces", _only("IBAN_CODE", _iban(lower=False, spaced=False)), group="iban"),
    Transform("phone_international", _only("PHONE_NUMBER", _phone("intl")), group="phone"),
    Transform("phone_e164", _only("PHONE_NUMBER", _phone("e164")), group="phone"),
    Transform("phone_national", _only("PHONE_NUMBER", _phone("national")), group="phone"),
    Transform("phone_trunk_zero", _only("PHONE_NUMBER", _phone("trunk0")), group="phone"),
    Transform("phone_00", _only("PHONE_NUMBER", _phone("00")), group="phone"),
    Transform("phone_dots", _only("PHONE_NUMBER", _phone("dots")), group="phone"),
    Transform("email_at_dot", _only("EMAIL_ADDRESS", _email(" at ", " dot ")), group="email"),
    Transform("email_brackets", _only("EMAIL_ADDRESS", _email(" [at] ", " [dot] ")), group="email"),
    Transform("email_parens", _only("EMAIL_ADDRESS", _email("(at)", "(dot)")), group="email"),
)
BY_NAME: dict[str, Transform] = {t.name: t for t in TRANSFORMS}


def apply(t: Transform, sample: LabeledSample) -> Variant | None:
    """The variant of `sample` under `t`, or None when `t` changes none of its gold entities."""
    marks = sorted([(s, True) for s in sample.spans] + [(s, False) for s in sample.ignore], key=lambda m: m[0].start)
    out: list[str] = []
    pos = length = 0
    gold: list[GoldSpan] = []
    ignore: list[GoldSpan] = []
    targets: list[int] = []
    for span, is_gold in marks:
        before = t.context(sample.text[pos : span.start])
        out.append(before)
        length += len(before)
        original = sample.text[span.start : span.end]
        new = t.entity(original, span.label) if is_gold else t.context(original)
        if is_gold:
            if new != original or t.name == "original":
                targets.append(len(gold))
            gold.append(GoldSpan(length, length + len(new), span.label))
        else:
            ignore.append(GoldSpan(length, length + len(new), span.label))
        out.append(new)
        length += len(new)
        pos = span.end
    out.append(t.context(sample.text[pos:]))
    if not targets:
        return None
    return Variant(f"{sample.id}/{t.name}", sample.id, t.name, "".join(out), tuple(gold), tuple(targets), tuple(ignore))


def variants(samples: list[LabeledSample], names: list[str] | None = None) -> list[Variant]:
    """All applicable variants, in sample order then transform order (deterministic)."""
    chosen = [BY_NAME[n] for n in names] if names else list(TRANSFORMS)
    return [v for s in samples for t in chosen if (v := apply(t, s)) is not None]


_INVISIBLE = dict.fromkeys(map(ord, ZWSP + ZWJ + WJ + SHY + "\u200c\ufeff"), None)
_UNCONFUSE = {ord(v): k for table in (CYRILLIC, GREEK) for k, v in table.items()}
NUMERIC = frozenset({"PHONE_NUMBER", "CREDIT_CARD"})


def normalise(text: str, label: str) -> str:
    """Form compared against the output: NFKC, invisible characters dropped, look-alikes folded,
    casefolded, whitespace collapsed; digits only for phone and card numbers, alphanumerics only
    for IBANs."""
    s = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).translate(_UNCONFUSE).casefold()
    if label in NUMERIC:
        return "".join(c for c in s if c.isdigit())
    if label == "IBAN_CODE":
        return "".join(c for c in s if c.isalnum())
    return " ".join(s.split())
