"""Presidio's pattern recognizers (checksums included), run without Presidio's NLP engine.

Presidio's AnalyzerEngine insists on a full spaCy pipeline (parser, lemmatizer) just to boost
pattern scores by context words. We call the recognizers directly and apply the same boost with a
cheap window check, which is most of why this detector is several times faster than Presidio.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .base import BaseDetector, Span, spaced_view
from .dates import written_dates

log = logging.getLogger(__name__)

#: Presidio's own defaults for context enhancement (LemmaContextAwareEnhancer).
CONTEXT_BOOST = 0.35
MIN_SCORE_WITH_CONTEXT = 0.4
CONTEXT_WINDOW_WORDS = 5

#: Regions whose national formats the phone matcher accepts; "+CC" numbers match in any of them.
PHONE_REGIONS = ("US", "GB", "DE", "FR", "IN")

_WORD = re.compile(r"\w+")

# Recognizers that can only match when a given character is present; every other pattern
# recognizer needs a digit. Skipping them on texts without those characters costs nothing in recall.
_NEEDS_CHAR = {"UrlRecognizer": ".", "IpRecognizer": ":", "MacAddressRecognizer": ":"}


#: Letters an e-mail address is written in: Latin (with accents), Greek, Cyrillic. CJK, kana, Hangul,
#: Thai or Arabic letters touching an address are the sentence around it ("URLをa.b@x.com宛に").
_MAIL_LETTER = "0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u04ff"  # Vietnamese "nguyễn" too
_MAIL_LABEL = rf"[{_MAIL_LETTER}](?:[{_MAIL_LETTER}-]{{0,61}}[{_MAIL_LETTER}])?"
_EMAIL = re.compile(
    # after "@" too (a fediverse "@user@host.social") and after "...", but not inside "a.b" of a longer address
    rf"(?<![{_MAIL_LETTER}!#$%&'*+/=?^_`{{|}}~-])(?<![{_MAIL_LETTER}!#$%&'*+/=?^_`{{|}}~-]\.)"
    rf"[{_MAIL_LETTER}!#$%&'*+/=?^_`{{|}}~-]+(?:\.[{_MAIL_LETTER}!#$%&'*+/=?^_`{{|}}~-]+)*"
    rf"@(?:{_MAIL_LABEL}\.)+(?:[A-Za-z]{{2,24}}|[\u0400-\u04ff]{{2,24}})"
    rf"(?![{_MAIL_LETTER}@-]|\.{_MAIL_LABEL})"
)
EMAIL_SCORE = 1.0


def emails(text: str) -> list[Span]:
    """Every address of e-mail shape, whatever its top-level domain.

    Presidio's recognizer keeps only domains of the public suffix list, so an address at a company's
    internal domain or at the reserved ".example", ".test" or ".local" leaked whole, and its domain
    alone was then taken for a name ("hung.le@**phosaigonimports**.example"). Its `\\w` also reads CJK
    letters beside an address as part of it: "发送至service@ctrip.com" was one address.
    """
    return [Span(m.start(), m.end(), "EMAIL_ADDRESS", EMAIL_SCORE, "pattern:email") for m in _EMAIL.finditer(text)]


@lru_cache(maxsize=1)
def _load_recognizers() -> tuple[list[object], object]:
    """Instantiate every predefined pattern recognizer once per process (a few hundred regexes)."""
    from ..imports import light_import

    light_import("presidio_analyzer")  # without transformers: see pseudonym_core/imports.py
    import presidio_analyzer.predefined_recognizers as pr
    from presidio_analyzer import PatternRecognizer

    recognizers: list[object] = []
    for name in sorted(dir(pr)):
        cls = getattr(pr, name)
        if not (inspect.isclass(cls) and issubclass(cls, PatternRecognizer)) or name == "EmailRecognizer":
            continue
        try:
            if name == "IbanRecognizer":
                # IBANs are written in lower case too ("de89 3704 …"); Presidio's checksum upper-cases
                recognizers.append(cls(supported_language="en", regex_flags=re.DOTALL | re.MULTILINE | re.IGNORECASE))
                continue
            recognizers.append(cls(supported_language="en"))
        except Exception as exc:  # a recognizer that cannot be built for English is simply not used
            log.debug("skipping %s: %s", name, type(exc).__name__)
    phone = pr.PhoneRecognizer(supported_regions=PHONE_REGIONS)
    return recognizers, phone


def _quick_test(rec: object) -> Callable[[str], bool] | None:
    """A cheap "could any of this recognizer's patterns match?" test, or None where there is none.

    Presidio's `analyze` wraps every pattern search in timing, logging and result bookkeeping that
    costs more than the search itself; with some eighty recognizers that was a millisecond of a
    200-character call where almost none of them match. The test runs the same compiled regexes
    (Presidio's `regex` module, its flags and its timeout), so a recognizer it skips could not have
    matched; a timed-out test answers "maybe", and `analyze` then decides as it would have."""
    from presidio_analyzer import PatternRecognizer
    from presidio_analyzer.pattern_recognizer import REGEX_TIMEOUT_SECONDS

    if not isinstance(rec, PatternRecognizer) or type(rec).analyze is not PatternRecognizer.analyze:
        return None
    import regex

    compiled: list[Any] = []  # compiled on first use: a cold start pays for no unused regex

    def could_match(text: str) -> bool:
        if not compiled:  # built apart, then put in place in one step: another thread sees all or none
            compiled[:] = [regex.compile(p.regex, flags=rec.global_regex_flags) for p in rec.patterns]
        try:
            return any(c.search(text, timeout=REGEX_TIMEOUT_SECONDS) for c in compiled)
        except TimeoutError:
            return True

    return could_match


_CARD = re.compile(
    r"(?<![\d.-])(?:[2-6]\d{3}(?:[ -]?\d){8,15}(?![\d-])"
    # dotted groups, as some people and European forms write them: 4111.1111.1111.1111, 3782.822463.10005
    r"|[2-6]\d{3}\.\d{4}\.\d{4}\.\d{1,7}(?![\d]|\.\d)|3[47]\d{2}\.\d{6}\.\d{5}(?![\d]|\.\d))"
)
_CARD_CONTEXT = re.compile(r"(?:card|cc|credit|debit|visa|mastercard|maestro|amex)\W{1,4}(?:\w+\W{1,3}){0,3}$", re.I)
_PHONE = re.compile(
    r"(?<![\w+/])(?:"  # not from inside "07/44.182.903"
    # international: "+33 6 12 34 56 78" (one-digit first group), "+49 (0)30 1234567", "+44 (0) 20 7946 0958"
    # or after the call prefix 00 ("0043 1 234567890")
    r"(?:\+|00)\d{1,3}(?:[\s.-]?\(0\))?[\s.-]?(?:\(\d{1,5}\)[\s.-]?)?\d{1,12}"
    # national: a trunk digit before a bracketed area code ("8 (912) 345-67-89"), a bracket holding
    # trunk and area ("(06 1) 234 5678", "(0-312) 34567"), a one-digit area code ("2.2123.4567")
    r"|(?:(?:\d{1,2}[\s.-]?)?\(\d{1,5}(?:[\s-]\d{1,4})?\)[\s.-]?)?\d{1,12})"
    # "0176 / 41 83 20 57"; one slash only, or it is a date; a one-digit group ("06.1.234.5678")
    r"(?:(?:[\s.-]|\s?/\s?(?!.*/))\d{1,10}){0,5}"
    r"(?:\s?(?:x|ext\.?|extension|Durchwahl|DW|poste)\s?\d{1,5})?(?![\w-])"
)
_EXTENSION = re.compile(r"\s?(?:x|ext\.?|extension|Durchwahl|DW|poste)\s?\d{1,5}$")
_DATE_SHAPED = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")
#: A Chinese mobile number written without separators: "13812345678".
_HAN = re.compile("[\u3400-\u9fff]")
_CN_MOBILE = re.compile(r"(?<![\d+])1[3-9]\d{9}(?!\d)")
#: The 3-4-4 grouping of a Chinese mobile ("139 1024 6675") is distinctive enough without a phone word.
_CN_MOBILE_GROUPED = re.compile(r"(?<![\d+\w-])1[3-9]\d[ -]\d{4}[ -]\d{4}(?![\d\w-])")
#: Korean and Japanese mobiles by their own prefixes and grouping ("010-4418-2290", "090-3318-7762"):
#: no other number is written so, and tables of them carry no phone word.
_EAST_ASIA_MOBILE = re.compile(r"(?<![\w+.-])(?:01[016789]|0[789]0)([ -])\d{3,4}\1\d{4}(?![\w-])")
_PHONE_CONTEXT = re.compile(
    r"(?:phone|tel|telephone|mobile|cell|fax|desk|office|call|reach|contact|number|answering|whatsapp|sms|text|"
    r"ring|dial|no|messages?|texts?|whatsapp|wechat|signal|telegram|viber|hotline|helpline|callback)\b\W{0,4}"
    r"(?:\w+\W{1,3}){0,3}$|(?:手机|电话|联系|微信|電話|携帯)\W{0,4}$"
    # the same words in other languages: "Telefon:", "numéro", "رقمه", "연락처", "เบอร์"
    r"|(?:telefo\w*|telefoon|tlf|tfno|telf|τηλ\w*|t[ée]l[ée]phone|tel[ée]fono|telepon|handy|mobil\w*|m[óo]vil|celular|cellulare|portable|"
    r"num[ée]ro|número|numer|numara\w*|nomor|nomer|sđt|điện thoại|телефон\w*|тел|номер\w*|رقم\w*|هاتف\w*|"
    r"تليفون\w*|تلفون\w*|موبايل\w*|جوال\w*|واتس\w*|전화\w*|연락처|휴대폰|번호|โทร\w*|เบอร์\w*)\b\W{0,4}"
    r"(?:\w+\W{1,3}){0,3}$",
    re.I,
)


def _luhn_cards(text: str) -> list[Span]:
    """Luhn-valid 13–19 digit numbers with a card-network first digit.

    Presidio's card regex predates the 2-series Mastercard range (2221–2720); a checksum over any
    card-shaped number catches those and stays precise (a random number passes 1 time in 10).
    """
    from ..surrogate.values import luhn_digit

    spans = []
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        short_ok = len(digits) == 12 and _CARD_CONTEXT.search(text[max(0, m.start() - 40) : m.start()])
        if (13 <= len(digits) <= 19 or short_ok) and luhn_digit(digits[:-1]) == digits[-1]:
            spans.append(Span(m.start(), m.end(), "CREDIT_CARD", 0.9, "pattern:luhn"))
    return spans


#: An IBAN's shape with a length its country's registry may not allow (a typo, a short copy, a
#: country Presidio's table lacks): two letters, two check digits, groups of letters and digits.
_IBAN_SHAPED = re.compile(r"(?<![\w-])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,4})?(?![\w-])")


def _mod97_ibans(text: str) -> list[Span]:
    """IBAN-shaped values whose ISO 13616 check digits hold (a random string passes 1 time in 97),
    whatever the length: a mistyped or foreign IBAN is still somebody's account."""
    from ..surrogate.values import mod97

    spans = []
    for m in _IBAN_SHAPED.finditer(text):
        end = m.end()
        while end - m.start() >= 15:
            compact = text[m.start() : end].replace(" ", "").upper()
            digits = any(c.isdigit() for c in compact[4:]) and sum(c.isdigit() for c in compact) >= 10
            if digits and mod97(compact[4:] + compact[:4]) == 1:
                spans.append(Span(m.start(), end, "IBAN_CODE", 0.85, "pattern:iban-mod97"))
                break
            # the shape also takes the word after the number ("ES07 … 0824 thanks" as "… 0824 than"
            # + "ks"): try again without the last group
            space = text.rfind(" ", m.start(), end)
            if space < 0:
                break
            end = space
    return spans


#: Shapes that are phone numbers without a phone word: the North American 3-3-4 grouping with one
#: separator ("590-374-7462", "1.590.374.7462"), or any grouping after the international call
#: prefix 00 ("001-590-374-7462", "0044 20 7946 0958"). An extension ("x420") vouches as well.
_PHONE_SHAPED = re.compile(r"(?:(?:00)?1([-. ]))?\d{3}([-. ])\d{3}\2\d{4}|00\d{1,3}(?:[\s.-]\d{1,5}){2,5}")
_PHONE_AFTER = re.compile(r"[\s-]*\(?(?:office|mobile|cell|fax|home|work|landline|direct)\b", re.I)


def _context_phones(text: str, cjk: bool | None = None, original: str | None = None) -> list[Span]:
    """Phone-shaped digit groups in any national format, kept when "+", "(…)" or a phone word vouches.

    phonenumbers only knows the regions it is asked about; this catches the rest ("730 064 218"
    after "Mobile:", "+41 53 147 37 99") without matching every number in the text. `text` may be
    the spaced view; the phone words ("电话", "手机") are read in the `original`.
    """
    cue_text = original if original is not None else text
    spans = []
    for m in _PHONE.finditer(text):
        value = m.group()
        number = _EXTENSION.sub("", value)  # "…-8575x95994": the extension's digits are no part of the number
        digits = sum(c.isdigit() for c in number)
        if not 7 <= digits <= 15 or (value.count(".") > 0 and ":" in text[m.start() - 1 : m.start()]):
            continue
        if _DATE_SHAPED.fullmatch(value):
            continue
        vouched = value.startswith("+") or "(" in value or number != value or bool(_PHONE_SHAPED.fullmatch(number))
        after = _PHONE_AFTER.match(text, m.end())
        if vouched or after or _PHONE_CONTEXT.search(cue_text[max(0, m.start() - 40) : m.start()]):
            spans.append(Span(m.start(), m.end(), "PHONE_NUMBER", 0.65 if vouched else 0.6, "pattern:phone-context"))
    if cjk is None:  # asked of the text itself, not of its spaced view
        cjk = _HAN.search(text) is not None
    for m in _CN_MOBILE.finditer(text):
        if cjk or _PHONE_CONTEXT.search(cue_text[max(0, m.start() - 40) : m.start()]):
            spans.append(Span(m.start(), m.end(), "PHONE_NUMBER", 0.7, "pattern:phone-cn"))
    for m in _CN_MOBILE_GROUPED.finditer(text):
        spans.append(Span(m.start(), m.end(), "PHONE_NUMBER", 0.65, "pattern:phone-cn"))
    for m in _EAST_ASIA_MOBILE.finditer(text):
        spans.append(Span(m.start(), m.end(), "PHONE_NUMBER", 0.65, "pattern:phone-kr-jp"))
    return spans


#: Labels whose matches may legitimately touch letters or digits ("2024-03-12T10:00", "ip=10.0.0.1").
_WITHIN_TOKENS = frozenset({"DATE_TIME", "EMAIL_ADDRESS", "IP_ADDRESS", "CRYPTO", "MAC_ADDRESS"})
IBAN_SCORE = 0.9


def _inside_token(text: str, start: int, end: int) -> bool:
    """A number glued to letters or digits on either side is a fragment of a longer value.

    Presidio's national-ID patterns lack word boundaries: the Swedish organisation-number pattern
    matched the last ten digits of the lower-case IBAN "de89370400440532013000", and only that tail
    was replaced (issue 9, defect 5). Its URL pattern reads the user name "nguyen.huong" as the
    domain "nguyen.hu" followed by more letters.
    """
    return (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())


class PatternDetector(BaseDetector):
    """All Presidio pattern recognizers for the wanted labels, with Presidio-style context boost."""

    name = "patterns"
    reads_case = True  # matches exact shapes: reads the text as written, not the re-cased view

    def __init__(self, wanted: set[str] | None = None) -> None:
        recognizers, phone = _load_recognizers()
        self._recognizers = [r for r in recognizers if wanted is None or any(e in wanted for e in r.supported_entities)]
        self._quick = [_quick_test(r) for r in self._recognizers]
        self._phone = phone if wanted is None or "PHONE_NUMBER" in wanted else None
        self._cards = wanted is None or "CREDIT_CARD" in wanted
        self._emails = wanted is None or "EMAIL_ADDRESS" in wanted
        self._ibans = wanted is None or "IBAN_CODE" in wanted
        self._dates = wanted is None or "DATE_TIME" in wanted

    def detect(self, text: str) -> list[Span]:
        has_digit = any(c.isdigit() for c in text)
        spans: list[Span] = []
        if self._emails and "@" in text:
            spans.extend(emails(text))
        if has_digit and self._dates:
            spans.extend(written_dates(text))
        cjk = _HAN.search(text) is not None  # a Chinese text: bare mobiles are phones
        original, text = text, spaced_view(text)  # "身份证440305…，": values glued to CJK letters, see spaced_view
        for rec, could_match in zip(self._recognizers, self._quick, strict=True):
            needed = _NEEDS_CHAR.get(type(rec).__name__) or _NEEDS_CHAR.get(getattr(rec, "name", ""))
            if needed is not None:
                if needed not in text and not (has_digit and type(rec).__name__ == "IpRecognizer"):
                    continue
            elif not has_digit:
                continue
            if could_match is not None and not could_match(text):
                continue
            for res in rec.analyze(text, rec.supported_entities, None):
                if res.entity_type not in _WITHIN_TOKENS and _inside_token(text, res.start, res.end):
                    continue
                score = self._with_context(text, res.start, res.score, rec.context)
                if res.entity_type == "IBAN_CODE":
                    score = max(score, IBAN_SCORE)  # checksum-valid; Presidio only marks lower case down
                spans.append(Span(res.start, res.end, res.entity_type, score, f"pattern:{rec.name}"))
        if has_digit and self._cards:
            spans.extend(_luhn_cards(text))
        if has_digit and self._ibans:
            spans.extend(_mod97_ibans(text))
        if self._phone is not None and has_digit:
            for res in self._phone.analyze(text, ["PHONE_NUMBER"], None):
                # libphonenumber validated it; with its "+country" prefix
                # (or the call prefix "00") it is as sure as a checksum, and must beat a shorter context
                # match inside it ("12 34 56 78" of "+33 6 12 34 56 78" or of "0033 6 12 34 56 78")
                international = text[res.start] == "+" or text.startswith("00", res.start)
                score = max(res.score, 0.7) if international else res.score
                spans.append(Span(res.start, res.end, "PHONE_NUMBER", score, "pattern:phone"))
            spans.extend(_context_phones(text, cjk, original))
        if cjk:  # in Chinese text "13912345678" is a mobile, though Italy's VAT checksum holds for it
            spans = [s for s in spans if not (s.label == "IT_VAT_CODE" and _CN_MOBILE.fullmatch(text, s.start, s.end))]
        return spans

    @staticmethod
    def _with_context(text: str, start: int, score: float, context: list[str] | None) -> float:
        """Boost a weak pattern when one of the recognizer's context words precedes it."""
        if not context or score >= 1.0:
            return score
        window = text[max(0, start - 80) : start].lower()
        words = _WORD.findall(window)[-CONTEXT_WINDOW_WORDS:]
        cues = [c.lower() for c in context]
        # whole words or their inflections ("cards" for "card"); a substring test would let "pan"
        # vouch for any word that merely contains it
        if any(w == c or (len(c) >= 4 and w.startswith(c)) for w in words for c in cues):
            return min(1.0, max(score + CONTEXT_BOOST, MIN_SCORE_WITH_CONTEXT))
        return score
