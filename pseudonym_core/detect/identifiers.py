"""Customer, account, member, policy, case, order, ticket … identifiers.

No model knows "CUST-2291-0417" or "MBR-5531902": they are made up per company. What gives them
away is the label in front ("Customer ID", "policy no.", "ticket #", "Kundennummer") or a
company-style prefix glued to a long digit run. Only the value becomes the span, never the label
words, so "Customer ID" survives in clear and the model still knows what the value is.

Precision matters as much as recall here: a label must be followed by something code-like (with a
digit, or an all-caps booking code after a booking word); prices, quantities, versions, times,
dates, room and flight numbers are refused by shape or by the word after them.
"""

from __future__ import annotations

import re

from .base import BaseDetector, Span

#: What the value identifies. Multi-word kinds first; checked case-insensitively.
_KINDS = (
    r"medical record|health record|frequent flyer|loyalty card|service request|"
    r"member(?:ship)?|customer|client(?:e)?|account|acct|a/c|policy|claim|case|order|ticket|invoice|"
    r"employee|staff|personnel|payroll|student|matriculation|enrol?ment|patient|mrn|nhs|insurance|insured|"
    r"subscriber|subscription|contract|loan|mortgage|application|applicant|candidate|booking|reservation|"
    r"confirmation|pnr|tracking|shipment|parcel|consignment|waybill|delivery|reference|ref|incident|"
    r"request|complaint|transaction|txn|receipt|licen[cs]e|registration|badge|loyalty|rewards|voucher|"
    r"warranty|serial|device|meter|tenant|tenancy|pension|benefits?|tax(?:payer)?|passport|visa|"
    r"commande|dossier|contrat|adh[ée]rent|facture|klienta|zam[óo]wienia|umowy|polisy|faktury|"
    r"cliente|pedido|p[óo]liza|socio|expediente|factura|ordine|pratica|polizza"
)
#: Words between the kind and the value that say "what follows is its identifier".
_QUALIFIERS = (
    r"id|identifier|no\.?|nr\.?|n[°º]|num(?:ber)?\.?|number|#|code|ref(?:erence)?\.?|nummer|numer|n[úu]mero|numéro|key"
)
_CUE = re.compile(
    rf"(?i:\b(?P<kind>(?:{_KINDS})\b(?:[ \t-]*(?:{_KINDS})\b)*)(?:[ \t]*-?[ \t]*|-?)"
    rf"(?P<qual>(?:(?:{_QUALIFIERS})(?![\w])[ \t]*)*)"
    r"(?P<sep>[ \t]*(?:[:=#]|\bis\b|\bwas\b|[-–])?[ \t]*(?:#[ \t]?)?))"
    r"(?P<value>[A-Za-z0-9](?:[A-Za-z0-9]|[-/_.](?=[A-Za-z0-9]))*(?:[ ](?=\d)\d{2,6}(?![\w-])){0,3})"
)
#: German compounds carry the qualifier inside the word: "Kundennummer", "Kunden-Nr.", "Aktenzeichen".
_COMPOUND = re.compile(
    r"(?i:\b(?:kunden|mitglieds|versicherten|versicherungs|vertrags|rechnungs|bestell|auftrags|patienten|fall|"
    r"personal|matrikel|steuer|referenz|buchungs|sendungs|ticket)[ -]?(?:nummer|nr\.?|id|kennung)"
    r"|\baktenzeichen|\baz\.|"
    r"\bkd\.?-?nr\.?)[ \t]*[:=]?[ \t]*"
    r"(?P<value>[A-Za-z0-9](?:[A-Za-z0-9]|[-/_.](?=[A-Za-z0-9]))*)"
)
#: Company-style IDs with no label: "CUST-2291-0417", "MBR-5531902", "POL/2024/88172", "INC0012345".
_PREFIXED = re.compile(r"(?<![\w/.-])(?P<prefix>[A-Z]{2,6})(?P<rest>[-_/]\d{3,}(?:[-_/][A-Z0-9]{2,}){0,3})(?![\w/-])")
_TICKETING = re.compile(r"(?<![\w-])(?:INC|REQ|RITM|CHG|PRB|SCTASK|TASK|CS|SR|RMA)\d{6,10}(?![\w-])")
#: Prefixes known to name a person's record; any digit count from three up will do after them.
_PERSONAL_PREFIXES = frozenset(
    """
    CUST CUS CID CLI MBR MEM ACC ACCT AC POL PLCY CLM CLAIM INV ORD ORDER TKT TCK TIX CASE CS EMP STU STD PAT PT
    MRN BKG BK PNR RES CNF REF LN LOAN CTR CON SUB APP TRK SHP TXN PAY RMA SR CR REQ INC LIC REG HR UID USR KD KDNR
    """.split()
)
#: Prefixes of public standards, products and versions: never a person's identifier.
_PUBLIC_PREFIXES = frozenset(
    """
    ISO IEC EN DIN RFC CVE CWE GHSA SHA MD UTF ASCII PEP JSR COVID SARS MERS HIV HPV ANSI IEEE ASTM NIST FIPS SP
    GDPR EU UN BS ISBN ISSN DOI SKU EAN UPC GTIN PN MPN MODEL REV VER HTTP HTTPS TLS SSL IPV GPT ARM RTX GTX
    PS XBOX NASA ESA FDA CE UL IP IPX USB HDMI DDR LTE NR BT WIFI AES RSA ECDSA FY Q KB RAID PCI PCIE SATA NVME
    """.split()
)
_BOOKING_KINDS = frozenset({"booking", "reservation", "confirmation", "pnr", "reference", "ref"})

# Shapes that are not identifiers even after a label.
_NOT_ID = re.compile(
    r"(?ix)^(?:"
    r"v?\d+(?:\.\d+)+[a-z]?"  # versions, decimals, dotted dates: 2.3.1, 45.99, 12.03.2024
    r"|\d{1,2}[:h]\d{2}(?::\d{2})?"  # times
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}"  # dates
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # amounts with thousands separators
    r"|\d+(?:st|nd|rd|th|s|am|pm|k|m|kg|km|mg|ml|gb|mb|tb|x|h|d|min|%)"  # ordinals, units, "20s", "5x"
    r")$"
)
_UNIT_AFTER = re.compile(
    r"(?i)[ \t]*(?:%|percent|units?\b|items?\b|pieces?\b|pcs\b|times\b|days?\b|hours?\b|minutes?\b|mins?\b|years?\b|"
    r"months?\b|weeks?\b|people\b|persons?\b|users?\b|customers?\b|members?\b|orders?\b|tickets?\b|accounts?\b|"
    r"cases?\b|claims?\b|invoices?\b|patients?\b|employees?\b|students?\b|"
    r"eur\b|usd\b|gbp\b|chf\b|pln\b|€|\$|£|dollars?\b|euros?\b|pounds?\b|kg\b|km\b|mg\b|ml\b|gb\b|mb\b|ms\b|"
    r"to\s+\d|-\s*\d+\s*(?:%|days|hours|years)|and\s+\d)"
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
ID_SCORE = 0.8


def _code_like(value: str, kind: str, strict: bool) -> bool:
    """Whether a value after an identifier label has the shape of an identifier."""
    compact = value.replace(" ", "")
    digits = sum(c.isdigit() for c in compact)
    letters = sum(c.isalpha() for c in compact)
    if _NOT_ID.match(compact):
        return False
    if digits == 0:
        # booking codes (PNR) are five to eight capitals: "booking ref XKQWTZ"
        return kind in _BOOKING_KINDS and compact.isupper() and compact.isalpha() and 5 <= len(compact) <= 8
    if letters == 0 and len(compact) < (3 if strict else 5):
        return False
    if letters == 0 and _YEAR.match(compact) and not strict:
        return False
    return len(compact) >= (3 if strict else 5)


class IdentifierDetector(BaseDetector):
    """Labelled and prefix-shaped identifiers, as IDENTIFIER spans covering the value only."""

    name = "identifiers"
    labels: frozenset[str] = frozenset({"IDENTIFIER"})

    def detect(self, text: str) -> list[Span]:
        if not any(c.isdigit() for c in text) and not re.search(r"(?i)booking|reservation|confirmation|pnr|ref", text):
            return []
        spans: list[Span] = []
        for m in _CUE.finditer(text):
            kind = m.group("kind").casefold().replace("-", " ").split()[-1]
            value = m.group("value")
            strict = bool(m.group("qual").strip()) or bool(re.search(r"[:=#]", m.group("sep")))
            if not strict and kind in ("client", "cliente") and not any(c.isalpha() for c in value):
                continue  # "client 12345" is as often a count as an ID; a qualifier settles it
            value = self._trim(value)
            if not value or not _code_like(value, kind, strict):
                continue
            if _UNIT_AFTER.match(text, m.start("value") + len(value)):
                continue
            spans.append(self._span(m.start("value"), value))
        for m in _COMPOUND.finditer(text):
            value = self._trim(m.group("value"))
            if value and _code_like(value, "compound", True):
                spans.append(self._span(m.start("value"), value))
        for m in _PREFIXED.finditer(text):
            prefix, rest = m.group("prefix"), m.group("rest")
            if prefix in _PUBLIC_PREFIXES:
                continue
            digits = sum(c.isdigit() for c in rest)
            groups = len(re.findall(r"\d+", rest))
            if prefix in _PERSONAL_PREFIXES or digits >= 6 or (groups >= 2 and digits >= 5):
                spans.append(Span(m.start(), m.end(), "IDENTIFIER", ID_SCORE, "pattern:identifier"))
        for m in _TICKETING.finditer(text):
            spans.append(Span(m.start(), m.end(), "IDENTIFIER", ID_SCORE, "pattern:identifier"))
        return spans

    @staticmethod
    def _trim(value: str) -> str:
        """Digit groups separated by spaces ("485 777 3456") stay one value; a code followed by a
        word ("7Q2XKD 2024") is cut at the space; a short capital prefix stays ("CLM 2291")."""
        head, _, rest = value.partition(" ")
        if not head.isdigit() and not (head.isupper() and head.isalpha() and len(head) <= 5 and rest[:3].isdigit()):
            value = head
        return value.rstrip(".-/_")

    @staticmethod
    def _span(start: int, value: str) -> Span:
        return Span(start, start + len(value), "IDENTIFIER", ID_SCORE, "pattern:identifier")
