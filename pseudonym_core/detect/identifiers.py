"""Customer, account, member, policy, case, order, ticket … identifiers, and national ID numbers.

No model knows "CUST-2291-0417" or "MBR-5531902": they are made up per company. What gives them
away is the label in front ("Customer ID", "policy no.", "ticket #", "Kundennummer", "n° sociétaire",
a JSON key "employee_id"), a company-style prefix glued to a long digit run, or a long mixed code
of capitals and digits. Only the value becomes the span, never the label words, so "Customer ID"
survives in clear and the model still knows what the value is.

Precision matters as much as recall here: a label must be followed by something code-like (with a
digit, or an all-caps booking code after a booking word); prices, quantities, versions, times,
dates, room and flight numbers are refused by shape or by the word after them.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import pairwise

from ..surrogate.pools import is_plain_word
from .bare_numbers import bare_numbers, spoken_digits
from .base import UNSPACED_LETTERS, BaseDetector, Span, spaced_view
from .id_words import (
    BOOKING_KINDS,
    KINDS,
    LEADING_QUALIFIERS,
    LOOSE_KINDS,
    NATIONAL_KINDS,
    NOT_PERSONAL_BEFORE,
    NOT_RECORD_KINDS,
    PERSON_COLLECTIONS,
    PERSONAL_PREFIXES,
    PUBLIC_PREFIXES,
    QUALIFIERS,
    REGISTER_KINDS,
    TECHNICAL_KEYS,
)
from .national_ids import checked_national_ids

#: A code-like value: letters, digits and inner separators; digit groups after spaces ("485 777 3456",
#: "1 92 01 69 123 302 79"); a check letter after a space or in parentheses ("4418230 K", "K412098(3)").
_VALUE = (
    r"(?P<value>[A-Za-z0-9](?:[A-Za-z0-9]|[-/_.](?=[A-Za-z0-9]))*"
    r"(?:\([A-Za-z0-9]\))?(?:[ ](?=\d)\d{1,10}(?:-[A-Za-z0-9]{1,6}){0,3}[A-Z]?(?![\w-])){0,6}"
    r"(?:[ ][A-Z](?![\w-])|(?<=\d)[ ][A-Z]{2}\d(?![\w-]))?)"  # Portugal's citizen card: "14471829 0 ZX4"
)
#: Between label and value: "(PF)", ":", "#", "is", a dash; a closing bracket after the label ("(RAMQ): …")
#: and the quotes of a JSON key and value ('"cpf": "529.982.247-25"'); a value of five characters or more
#: in brackets ("BSN (131716712)"; not a year, "Invoice (2024)"), which the bracketed remark must then
#: not swallow.
#: Runs of blanks are possessive (`*+`): several optional runs in a row made "Customer" + 200 spaces
#: take seconds (backtracking over every split of the run).
_SEP = (
    r"(?P<sep>[)\]】]?[\"”']?[ \t]*+(?:\((?![A-Za-z]{0,4}\d[\w.-]{1,29}\))[^)\n]{1,30}\)[ \t]*+)?"
    r"(?:[:=][ \t]*+[\"“']|[:=#]|\bis\b|\bwas\b|[-–])?[ \t]*+(?:#[ \t]?)?(?:\((?=[A-Za-z0-9]{5,30}\)))?)"
)
_AFTER_SEP = r"(?:(?i:code|id|no\.?|number)[ \t]+|[A-Z]{2,6}[ \t]*:[ \t]*)?"  # "customer: code SFK…", "ANEF : …"
#: A word's start where Chinese, Japanese and Korean may run into it: "社員**番号**：E-104472".
_CUE_START = rf"(?<![^\W{UNSPACED_LETTERS}])"
_CUE = re.compile(
    rf"(?i:{_CUE_START}(?P<kind>(?:{NATIONAL_KINDS}|{KINDS})(?:s(?=[ \t]*:))?(?![\w])"
    rf"(?:[ \t-]*(?:{KINDS})(?![\w]))*)\.?"
    r"(?:[ \t]*+-?[ \t]*+)"  # a plural before a colon: "Support tickets: #2291884 and #2294017"
    rf"(?P<qual>(?:(?:{QUALIFIERS})(?![\w])[ \t]*+)*))"
    rf"{_SEP}{_AFTER_SEP}{_VALUE}"
)
_LEADING = re.compile(
    rf"(?i:\b(?:{LEADING_QUALIFIERS})[ \t]*(?:de[ \t]+|d'|di[ \t]+)?(?P<kind>(?:{NATIONAL_KINDS}|{KINDS})(?![\w])))"
    rf"(?:[ \t]+[A-Z]{{2,6}}(?![\w]))?{_SEP}{_VALUE}"
)
#: Compounds carry the qualifier inside the word: German "Kundennummer", "Kunden-Nr.", "Aktenzeichen",
#: Dutch "Personeelsnummer", Polish "numer", Scandinavian "kundenummer": any word ending in one.
_COMPOUND = re.compile(
    r"(?i:\b(?:kunden|mitglieds|versicherten|versicherungs|vertrags|rechnungs|bestell|auftrags|patienten|fall|"
    r"personal|matrikel|steuer|referenz|buchungs|sendungs|ticket)[ -]?(?:nummer|nr\.?|id|kennung)"
    r"|\b(?!tele|handy|mobil|fax|phone|fone|puhelin|haus|house|zimmer|tür)(?:[^\W\d_]{3,}|[^\W\d_]{2,}-)"
    r"(?:nummer|nummeret|numret|numero|kennung)(?=[ \t]*[:=#(]|[ \t]+\d{2,})"  # not a phone or a house number
    r"|\b(?!tel|fax|mobil|haus)[^\W\d_]{2,}(?:\.-?|-)nr\.?(?=[ \t]*[:=#(]|[ \t]+\d{2,})"  # "Mitgl.-Nr.:", "SV-Nr."
    r"|\baktenzeichen|\baz\.|\bkd\.?-?nr\.?)[ \t]*[:=(]?[ \t]*"
    # a group of digits may follow a space or a double slash: "SV-Nr. 1234 150782", "BG-Nummer 38102//0044718"
    r"(?P<value>[A-Za-z0-9](?:[A-Za-z0-9]|[-/_.](?=[A-Za-z0-9])|(?<=\d)(?:[ ]|//)(?=\d{2,}))*)"
)
#: Field keys in JSON, logs and forms: "employee_id": "88213", cust_id 7741190, studentNumber=S-1.
_KEY = re.compile(
    r"(?<![\w])[\"']?(?P<key>[A-Za-z]*?)(?:_id|Id|ID|_no|_number|Number|_ref)[\"']?[ \t]*[:=]?[ \t]*[\"']?"
    r"(?P<value>[A-Za-z0-9](?:[A-Za-z0-9]|[-_.](?=[A-Za-z0-9]))*)"
)
_PATH = re.compile(rf"/(?:{PERSON_COLLECTIONS})/(?P<value>[A-Za-z0-9][\w-]{{2,40}})(?![\w/])")
#: Company-style IDs with no label: "CUST-2291-0417", "MBR-5531902", "NMC-PH-118204", "ANEF-69-2024-0038821".
#: Hospital and registry numbers put several letter groups first: "KBTH/OG/2025/30418", "SP-CH-77104".
_PREFIXED = re.compile(
    r"(?<![\w/.-])(?P<prefix>[A-ZΑ-ΩА-ЯЁ]{1,6}(?:\d{2,6}(?=-))?(?:[-/][A-ZΑ-ΩА-ЯЁ]{2,5}){0,2})"
    r"(?P<rest>[-_/]\d{2,}(?:[-_/][A-Z0-9]{1,}){0,4})(?![\w/-])"
)
#: Codes of three or more groups of capitals and digits: "E31F8A-C82041-00001R" (a prescription).
_GROUPED = re.compile(r"(?<![\w/.-])[A-Z0-9]{2,}(?:-[A-Z0-9]{2,}){2,}(?![\w/-])")
#: An acronym label right before a long number: "CIF: 10294418", "NPWZ 2718904", "UAN (PF): 1018…",
#: "AWB 44182290117". Phones, amounts and public standards are told apart by the label.
_ACRONYM_LABEL = re.compile(
    r"(?<![\w-])(?P<label>[A-Z]{2,6})(?:[ \t]*\([A-Za-z]{1,8}\))?[ \t]*[:#]?[ \t]*"
    r"(?P<value>\d{3,}(?: \d{2,}){1,4}|\d{2,}(?:-\d{2,}){0,5})(?![\w-]|[.,]\d)"
)
#: Any word before "No.", "Nr.", "ID" or "#": the label names a record of a kind no list has ("Hosp. No:",
#: "Folder No.", "ipd no", "takip no", "agency ID"); the value must then carry five digits or more.
_ANY_LABEL = re.compile(
    r"(?<![\w.])(?P<word>[^\W\d_][\w-]{1,24}\.?)[ \t]+(?i:no|nr|n[°º]|id|#)\.?[ \t]*[:.#]?[ \t]*"
    r"(?P<value>[A-Za-z0-9](?:[A-Za-z0-9]|[-/_.](?=[A-Za-z0-9]))*)"
)
#: Labels of amounts, counts and measures in capitals: "TOTAL 1500000", "POP 8336817".
_AMOUNT_LABELS = frozenset(
    "TOTAL SUM SUBTOTAL BALANCE AMOUNT AMT NET GROSS TAX VAT GST DUE PAID POP GDP QTY AVG MAX MIN MEAN BTC ETH "
    "SATS KB MB GB TB RAM CPU HP KW KWH MW RPM".split()
)
#: A year or a span of years ("2024-2025", "2023/24"): an academic or fiscal year, not an ID.
_YEARS = re.compile(r"(?:19|20)\d\d(?:[-/](?:19|20)?\d\d)?")
_PHONE_LABELS = frozenset("TEL TELE PH PHONE MOB MOBILE CELL FAX SMS WA CALL HP GSM".split())
_TICKETING = re.compile(r"(?<![\w-])(?:INC|REQ|RITM|CHG|PRB|SCTASK|TASK|CS|SR|RMA)\d{6,10}(?![\w-])")
#: A long mixed code of capitals and digits: tracking numbers, receipts, candidate numbers.
_MIXED = re.compile(r"(?<![\w/.@-])(?=[A-Z0-9]*[A-Z])(?=(?:[A-Z]*\d){5})[A-Z0-9]{8,22}(?![\w/@-])")
#: A short code of capitals and digits mixed through each other: booking and ticket codes ("7QX4NP",
#: "K8VT2M", "BKT7Q2MX"). Four runs at least, so "RTX4090", "A320NEO" and "MP3" stay products, and
#: no obstetric history ("G2P1L1": gravida 2, para 1).
_SHORT_MIXED = re.compile(r"(?<![\w/.@-])(?!G\d{1,2}P\d)(?=[A-Z0-9]*[A-Z][A-Z0-9]*\d)[A-Z0-9]{6,12}(?![\w/@-])")
#: A chemical formula: elements and counts ("C6H12O6", "C2H5OH").
_FORMULA = re.compile(r"(?:(?:C|H|O|N|S|P|K|F|I|B|Cl|Na|Ca|Mg|Fe|Br|Zn|Cu|Al|Si|Li)\d*)+")


def _booking_code(value: str) -> bool:
    """Four runs of letters and digits or more, a letter beyond F (a hex number is a checksum or a
    colour) and no chemical formula."""
    runs = re.findall(r"[A-Z]+|\d+", value)
    return len(runs) >= 4 and re.search(r"[G-Z]", value) is not None and _FORMULA.fullmatch(value) is None


_UUID = re.compile(r"(?<![\w-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])")
#: Shapes that are not identifiers even after a label.
_NOT_ID = re.compile(
    r"(?ix)^(?:"
    r"v?\d+(?:\.\d+)+[a-z]?"  # versions, decimals, dotted dates: 2.3.1, 45.99, 12.03.2024
    r"|\d{1,2}[:h]\d{2}(?::\d{2})?"  # times
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}"  # dates
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # amounts with thousands separators
    r"|\d{1,4}(?:st|nd|rd|th|s|am|pm|k|m|kg|km|mg|ml|gb|mb|tb|x|h|d|min|%)"  # ordinals, units, "20s", "5x"
    r"|\d{8}T\d{4,6}Z?"  # compact timestamps
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
_NATIONAL = re.compile(rf"(?i)^(?:{NATIONAL_KINDS})$")
_DOTTED_NATIONAL = re.compile(r"^\d{1,3}(?:\.\d{3}){2,3}(?:-[\dKk]{1,2})?$")
_DOTTED_REGISTER = re.compile(r"^\d{1,3}(?:\.\d{3}){1,3}$")
ID_SCORE = 0.8
#: The next value of a list after a labelled one: "references GH-R-118204 and GH-R-120771".
_NEXT_IN_LIST = re.compile(
    r"(?:,[ \t]*|[ \t]+(?:and|or|&|und|et|y|e|i|oraz|och|og|en)[ \t]+)(?P<value>[A-Za-z0-9][\w/-]{3,40})"
)


#: Words of issue trackers and service desks: near them "PLAT-1182" is a ticket, not a model number.
_TRACKER_WORDS = re.compile(
    r"(?i)\b(?:jira|ticket|tickets|issue|issues|incident|bug|story|epic|task|linked|melding|zgłoszenie|"
    r"ärende|chamado|tíquete|demande|тикет|задача|talep|yêu cầu|youtrack|linear|servicenow)\b"
)


def _tracked(text: str, start: int, times: int, lines: dict[int, bool]) -> bool:
    """A short key ("PLAT-1182") is an issue's when its prefix keys two issues or more in the text,
    or a tracker word stands on its line (`lines` remembers each line's answer)."""
    if times >= 2:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if line_start not in lines:
        line_end = text.find("\n", start)
        found = _TRACKER_WORDS.search(text, line_start, len(text) if line_end < 0 else line_end)
        lines[line_start] = found is not None
    return lines[line_start]


def _shape(value: str) -> str:
    """Letters as "A", digits as "9", other characters as they are: two IDs of one list share it."""
    return re.sub(r"[A-Za-z]", "A", re.sub(r"\d", "9", value))


def _listed(text: str, start: int, value: str) -> bool:
    """ "and 176-2290441876" after "176-2290441875" goes on a list of IDs, not a range ("5 and 6"):
    the next value has the same shape and the shape is no short number."""
    m = _NEXT_IN_LIST.match(text, start + len(value))
    return m is not None and _shape(m.group("value")) == _shape(value) and sum(c.isdigit() for c in value) >= 6


def code_like(value: str, kind: str, strict: bool) -> bool:
    """Whether a value after an identifier label has the shape of an identifier."""
    compact = value.replace(" ", "")
    digits = sum(c.isdigit() for c in compact)
    letters = sum(c.isalpha() for c in compact)
    if _NATIONAL.match(kind.strip()) and _DOTTED_NATIONAL.match(compact):
        return True  # "DNI 33.418.902", "CPF 529.982.247-25", "RUT 15.418.229-K": groups of three, not a decimal
    if kind.strip() in REGISTER_KINDS and _DOTTED_REGISTER.match(compact):
        return True  # "Colegiada ICAA 8.812": a member's number, not 8.8 thousand
    if _NOT_ID.match(compact):
        return False
    if digits == 0:
        # booking codes (PNR) are five to eight capitals: "booking ref XKQWTZ", not "RESERVATION REQUEST"
        booking = kind in BOOKING_KINDS and compact.isupper() and compact.isalpha() and 5 <= len(compact) <= 8
        return booking and not is_plain_word(compact)
    if letters == 0 and len(compact) < (3 if strict else 5):
        return False
    if letters == 0 and _YEAR.match(compact) and not strict:
        return False
    return len(compact) >= (3 if strict else 5)


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes (Faker's list): "USD 1500000" is an amount, not an ID."""
    from faker.providers.currency import Provider

    return frozenset(code for code, _ in Provider.currencies)


#: The name of a kind of ID, whole: "NINO", "customer", "Kundennummer" (the decide stage asks it too).
LABEL_WORD = re.compile(rf"(?i:{NATIONAL_KINDS}|{KINDS})")


#: Words right before a slash-joined number that make it a law, a unit or a product, not a case.
_NOT_A_CASE_BEFORE = NOT_PERSONAL_BEFORE | NOT_RECORD_KINDS | {"ec", "eu", "eec", "ce", "ue", "directive"}
_QUALIFIER_WORD = re.compile(rf"(?i:{QUALIFIERS})")


def _not_a_series(prefix: str) -> bool:
    """Capitals that label or measure what follows rather than belong to it: a label word, a phone
    label, a currency, an amount, a public standard."""
    return (
        prefix in _PHONE_LABELS
        or prefix in PUBLIC_PREFIXES
        or prefix in _AMOUNT_LABELS
        or prefix in currency_codes()
        or LABEL_WORD.fullmatch(prefix) is not None
        or _QUALIFIER_WORD.fullmatch(prefix) is not None
    )


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)\W{0,4}$", text[max(0, start - 24) : start])  # '"asin": "…
    return m.group(1).casefold() if m else ""


#: National numbers in the layout of Chile's RUT/RUN ("13.220.917-4", "15.418.229-K") and Brazil's CPF
#: ("529.982.247-25"): dots every three digits, then a dash and the check characters. No amount or
#: date is written so; a copied number with a wrong check digit is still the person's.
#: A short capital prefix, a space, then digit groups: airline and loyalty numbers ("KE 1123 4478 0091"),
#: parcel and meter series ("YK 711840229318", "SN 18442907"), policies ("GPA 4471 9920 31", "WC 7710042-24").
_SPACED = re.compile(
    r"(?<![\w/.-])(?P<prefix>[A-Z]{2,4}) (?P<digits>\d{2,}(?:[ -]\d{2,}){0,4})(?:[ ][A-D](?![\w-]))?(?![\w-]|[.,]\d)"
)
#: National numbers whose written layout no other number has: Pakistan's CNIC ("35202-4471823-5"),
#: Belgium's national register ("87.06.14-236.49"), France's NIR in its printed groups ("2 87 04 99
#: 350 112 70"), Germany's social insurance number ("13 220691 Y 017"), the UK's NINO ("SX 41 88 20 C"),
#: Malaysia's MyKad ("870412-14-8787": a birth date, a place code, a serial), the Philippines'
#: PhilHealth number ("19-025583170-4"), Tanzania's NIDA number ("19880615-56819-96843-79").
_NATIONAL_LAYOUTS = re.compile(
    r"(?<![\w.-])(?:\d{5}-\d{7}-\d|\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}"
    r"|\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-\d{2}-\d{4}|\d{2}-\d{9}-\d"
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-\d{5}-\d{5}-\d{2}"
    r"|[12] \d{2} (?:0[1-9]|1[0-2]) (?:\d{2}|2[AB]) \d{3} \d{3}(?: \d{2})?"
    r"|\d{2} ?(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2} ?[A-Z] ?\d{3}"
    r"|(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] \d{2} \d{2} \d{2} [A-D])(?![\w-]|[.,]\d)"
)
#: What announces a value right before such a code: a colon or hash, "no.", "nr", "is", "tag", "series".
_VALUE_CUE = re.compile(
    r"(?i)(?:[:#=]|\b(?:no|nr|n[°º]|is|was|number|num|tag|seria|series|serie|card|ref)|\b(?:it|that)['’]s)\.?[ \t]*$"
)
#: A ZIP code after a state ("MA 02139-4307") has the same shape as a short series number.
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")
#: Case, file and protocol numbers joined by slashes: "2024/CA/0088412", "4471/3T/2025", "CAS 412/09/2025".
_SLASHED = re.compile(
    r"(?<![\w/.:@-])(?:(?P<prefix>[A-Z]{2,5}) )?"
    r"(?P<code>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)+)(?![\w/-]|\.\w)"
)
#: A licence plate after its label, written in groups: "plate GA TXK-4471", "Tractor plate: ON BR44 718",
#: "Kennzeichen: M-TJ 4471", "targa GF 418 KM". Letters and a digit, in two to four groups.
_PLATE = re.compile(
    r"(?i:\b(?:plates?|reg(?:istration)?|kenteken|targa|kennzeichen|matr[íi]cula|placa|plaque|spz|rejestracja|"
    # the vehicle itself names its plate in a haulier's order: "Truck: LTU KRG 418", "naczepa WGM 2291R"
    r"plat|rendsz[áa]m|truck|trailer|tractor|tahač|návěs|naczep[ay]|zestaw|vrachtwagen|lkw|anh[äa]nger|auflieger)\b)"
    r"[ \t]*(?i:no\.?|nr\.?|number|n[°º])?[ \t]*[:#,]?[ \t]*"
    r"(?P<value>(?=[A-Z0-9 -]{0,24}\d)(?=[A-Z0-9 -]{0,24}[A-Z])"
    r"(?:[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,5}){1,3}|[A-Z0-9]{5,8}))(?![\w-])"
)
#: A Korean plate: two or three digits, one of the syllables plates use, four digits ("123가 4567").
#: The syllables leave out 월, 년, 층, 원, so "12월 2025" (December 2025) is no plate.
_KOREAN_PLATE = re.compile(
    r"(?<![\w-])\d{2,3}[가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주아바사자배하허호육공해국합]"
    r"[ ]?\d{4}(?![\w-])"
)
#: Units a vehicle's load or size is given in, after the vehicle words of `_PLATE`.
_LOAD_UNITS = frozenset("ft m kg t tons tonnes lbs gp hc hq axles axle pallets pal cbm x ltr l".split())
#: A date among the digit groups after a code: they are no part of it.
_DATED_REST = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4}")
#: Slash-joined dates and year spans: "12/03/2024", "2024/03/12", "3/2025", "2023/24".
_SLASH_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}/\d{4}|(?:19|20)\d\d/(?:19|20)?\d\d")
#: A register's acronym and a number alone in brackets, after a person or a firm: a licence or
#: membership ("(CPSO 98213)", "(PO 77120)"). Standards and codes of products are written the same
#: way ("(ISO 27001)", "(DIN 02172100)": Canada's drug numbers) and are left alone.
_BRACKETED_REGISTRATION = re.compile(r"\((?P<body>[A-Z]{2,6})[ \t]+(?P<value>\d{4,8})\)")
#: A name's last word right before the bracket: "Dr Samira Qureshi (CPSO …)", "Acme Ltd. (PO …)".
_NAME_BEFORE_BRACKET = re.compile(r"[A-Z][^\W\d_]*[’'.]?[ \t]$")
_STANDARD_BODIES = frozenset(
    "ISO IEC EN DIN BS ANSI ASTM NFPA IEEE RFC CVE GOST JIS ATC NDC UN SAE API ASME AS NZS CSA UL CE EC "
    "NACE SIC NAICS ICD DSM CPT HS GTIN EAN UPC ISBN ISSN DOI KB MS PID CPU GPU RTX GTX RX FY CY".split()
)
#: Shipping containers (ISO 6346): owner code, "U", six digits and a check digit: "CSQU 305438 3".
_CONTAINER = re.compile(r"(?<![\w-])(?P<owner>[A-Z]{3}[UJZ])[ ]?(?P<serial>\d{6})[ -]?(?P<check>\d)(?![\w-])")
_CONTAINER_CUE = re.compile(r"(?i)\b(?:container|cntr|ctr)\b\W{0,3}(?:no\.?|nr\.?|number|#)?\W{0,3}$")
_DOTTED_CHECKED = re.compile(r"(?<![\w.-])(?:\d{1,2}\.\d{3}\.\d{3}-[\dkK]|\d{3}\.\d{3}\.\d{3}-\d{2})(?![\w-]|\.\d)")


#: ISO 6346's letter values: 10 upwards, skipping multiples of 11.
_CONTAINER_LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (v for v in range(10, 39) if v % 11), strict=True))


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    """ISO 4217 codes (Babel's list): "(USD 120000)" is an amount."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _container_check(code: str) -> int:
    """ISO 6346's check digit of an owner code and serial: each place weighs 2 ** position; the sum
    modulo 11, with 10 read as 0."""
    total = sum((_CONTAINER_LETTERS[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(code))
    return total % 11 % 10


class IdentifierDetector(BaseDetector):
    """Labelled and code-shaped identifiers (IDENTIFIER) and national ID numbers (NATIONAL_ID)."""

    name = "identifiers"
    reads_case = True  # matches exact shapes: reads the text as written, not the re-cased view
    labels: frozenset[str] = frozenset({"IDENTIFIER", "NATIONAL_ID"})

    def detect(self, text: str) -> list[Span]:
        lettered = re.search(r"(?i)booking|reservation|confirmation|pnr|ref", text) or spoken_digits(text)
        if not any(c.isdigit() for c in text) and not lettered:
            return []
        view = spaced_view(text)  # "社員番号：E-104472", "チケットHD-2025-03-00874に": see spaced_view
        spans = self._detect(text)
        return spans if view == text else spans + self._detect(view)

    def _detect(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for pattern in (_CUE, _LEADING):
            for m in pattern.finditer(text):
                kind = m.group("kind").casefold().replace("-", " ").split()[-1].rstrip(".")  # "ref.", "acct."
                qual = m.groupdict().get("qual") or ""
                strict = bool(qual.strip()) or bool(re.search(r"[:=#(]", m.group("sep"))) or pattern is _LEADING
                value = m.group("value")
                strict = strict or _named_number(text, m.start(), m.start("value"), value)
                short = sum(c.isdigit() for c in value) < 6 and not any(c.isalpha() for c in value)
                if not strict and kind in LOOSE_KINDS and short:
                    continue  # "client 12345" is as often a count as an ID; a qualifier or length settles it
                between = text[m.end("sep") : m.start("value")]
                words = [w for w in re.findall(r"[A-Za-z]{3,}", between) if w.casefold() not in ("code", "number")]
                if any(is_plain_word(w) for w in words):
                    continue  # "CASE TYPE: I-130" names a form type, "N° de dossier ANEF : …" an agency
                self._add(spans, text, m.start("value"), m.group("value"), m.group("kind"), kind, strict)
        for m in _COMPOUND.finditer(text):
            self._add(spans, text, m.start("value"), m.group("value"), "", "compound", True)
        for m in _KEY.finditer(text):
            key = m.group("key").casefold()
            if key and key not in TECHNICAL_KEYS:
                self._add(spans, text, m.start("value"), m.group("value"), key, key, True)
        for m in _PATH.finditer(text):
            if any(c.isdigit() for c in m.group("value")):
                spans.append(self._span(m.start("value"), m.group("value")))
        spans.extend(self._shaped(text))
        return spans

    def _add(
        self, spans: list[Span], text: str, start: int, value: str, kind_words: str, kind: str, strict: bool
    ) -> None:
        value = self._trim(value)
        if not value or not code_like(value, kind, strict):
            return
        if _UNIT_AFTER.match(text, start + len(value)) and not _listed(text, start, value):
            return
        national = bool(kind_words) and _NATIONAL.match(kind_words.casefold().strip()) is not None
        label = "NATIONAL_ID" if national else "IDENTIFIER"
        spans.append(self._span(start, value, label))
        end = start + len(value)
        while (m := _NEXT_IN_LIST.match(text, end)) and _shape(m.group("value")) == _shape(value):
            spans.append(self._span(m.start("value"), m.group("value"), label))  # "GH-R-118204 and GH-R-120771"
            end = m.end("value")

    def _shaped(self, text: str) -> list[Span]:
        """IDs recognisable by their shape alone: company prefixes, ticket numbers, long mixed codes, UUIDs."""
        spans = []
        prefixed = list(_PREFIXED.finditer(text))
        series = Counter(m.group("prefix") for m in prefixed)
        tracked_lines: dict[int, bool] = {}  # one look for tracker words per line, not per key
        for m in prefixed:
            prefix, rest = m.group("prefix"), m.group("rest")
            head = re.match(r"[A-ZΑ-ΩА-ЯЁ]+", prefix).group()  # type: ignore[union-attr]
            if head in PUBLIC_PREFIXES or _word_before(text, m.start()) in NOT_PERSONAL_BEFORE:
                continue
            digits = sum(c.isdigit() for c in rest)
            groups = len(re.findall(r"\d+", rest))
            letter_groups = len(re.findall(r"[A-ZΑ-ΩА-ЯЁ]+", prefix))
            shaped = (
                (head in PERSONAL_PREFIXES and digits >= 3)
                or digits >= 6
                or (groups >= 2 and digits >= 5)
                or (letter_groups >= 2 and digits >= 4)  # "ALG-ENG-2291", "AV/MTR/44182290"
                or (len(prefix) >= 2 and digits >= 5)  # "DRV-20931", "AG-77102"
                or (digits >= 3 and len(prefix) >= 2 and _tracked(text, m.start(), series[prefix], tracked_lines))
            )
            if shaped and (len(prefix) > 1 or digits >= 8):
                spans.append(self._span(m.start(), m.group()))
        for m in _ANY_LABEL.finditer(text):
            word, value = m.group("word").rstrip(".").casefold(), self._trim(m.group("value"))
            if word in NOT_PERSONAL_BEFORE or word in NOT_RECORD_KINDS or sum(c.isdigit() for c in value) < 5:
                continue
            if code_like(value, word, True) and not _UNIT_AFTER.match(text, m.start("value") + len(value)):
                spans.append(self._span(m.start("value"), value, score=0.7))
        for m in _ACRONYM_LABEL.finditer(text):
            label, value = m.group("label"), m.group("value")
            if sum(c.isdigit() for c in value) < 6 or label in _PHONE_LABELS or label in PUBLIC_PREFIXES:
                continue
            if label in currency_codes() or label in _AMOUNT_LABELS or _YEARS.fullmatch(value):
                continue
            if _UNIT_AFTER.match(text, m.end()):
                continue
            spans.append(self._span(m.start("value"), value, score=0.7))
        for m in _GROUPED.finditer(text):
            code = m.group()
            digits, letters = sum(c.isdigit() for c in code), sum(c.isalpha() for c in code)
            head = re.match(r"[A-Z]*", code).group()  # type: ignore[union-attr]
            if len(code) >= 12 and digits >= 6 and letters >= 2 and head not in PUBLIC_PREFIXES:
                spans.append(self._span(m.start(), code, score=0.7))
        for m in _CONTAINER.finditer(text):
            cued = _CONTAINER_CUE.search(text, max(0, m.start() - 30), m.start())
            if cued or _container_check(m.group("owner") + m.group("serial")) == int(m.group("check")):
                spans.append(self._span(m.start(), m.group()))
        for m in _DOTTED_CHECKED.finditer(text):
            spans.append(self._span(m.start(), m.group(), "NATIONAL_ID"))
        spans.extend(self._span(start, value, "NATIONAL_ID") for start, value in checked_national_ids(text))
        for m in _BRACKETED_REGISTRATION.finditer(text):  # "Dr Samira Qureshi (CPSO 98213)"
            year = re.fullmatch(r"(?:19|20)\d\d", m.group("value")) is not None  # "(FY 2024)", "(AY 2025)"
            named = _NAME_BEFORE_BRACKET.search(text, max(0, m.start() - 40), m.start()) is not None
            body = m.group("body")
            if named and body not in _STANDARD_BODIES and body not in _currencies() and not year:
                spans.append(self._span(m.start("value"), m.group("value")))
        spans.extend(self._series(text))
        spans.extend(self._span(m.start(), m.group(), "NATIONAL_ID") for m in _NATIONAL_LAYOUTS.finditer(text))
        spans.extend(self._span(start, value, label, score=0.6) for start, value, label in bare_numbers(text))
        from ..decide.words import calendar_words

        for m in _PLATE.finditer(text):
            groups = re.split(r"[ -]", m.group("value").casefold())
            if any(a.isdigit() and b in _LOAD_UNITS for a, b in pairwise(groups)):
                continue  # "Truck: 40 FT container", "trailer 2 AXLES": a size after its number, not a plate
            if not any(g in calendar_words() for g in groups):  # "registration 12 MAY" is a date
                spans.append(self._span(m.start("value"), m.group("value")))
        spans.extend(self._span(m.start(), m.group()) for m in _KOREAN_PLATE.finditer(text))
        for pattern in (_TICKETING, _MIXED, _SHORT_MIXED, _UUID):
            for m in pattern.finditer(text):
                value = m.group()
                if pattern is _SHORT_MIXED and not _booking_code(value):
                    continue
                head = re.match(r"[A-Z]*", value).group()  # type: ignore[union-attr]
                if head in PUBLIC_PREFIXES or _word_before(text, m.start()) in NOT_PERSONAL_BEFORE:
                    continue
                if _NOT_ID.match(value):
                    continue
                spans.append(self._span(m.start(), value, score=0.7 if pattern is not _TICKETING else ID_SCORE))
        return spans

    def _series(self, text: str) -> list[Span]:
        """Codes whose letters belong to the number: a short series prefix before spaced digits, and
        slash-joined case numbers. A prefix that is itself a label ("NHS 485 777 3456", "AWB …") is
        left to the label rules, which keep it in clear; a longer prefix needs a cue before it."""
        spans = []
        for m in _SPACED.finditer(text):
            prefix, digits = m.group("prefix"), m.group("digits")
            if sum(c.isdigit() for c in digits) < 6 or _not_a_series(prefix) or _UNIT_AFTER.match(text, m.end()):
                continue
            if len(prefix) > 2 and not _VALUE_CUE.search(text, max(0, m.start() - 24), m.start()):
                continue
            if _ZIP.fullmatch(digits) or _YEARS.fullmatch(digits):
                continue
            spans.append(self._span(m.start(), m.group(), score=0.7))
        for m in _SLASHED.finditer(text):
            code = m.group("code")
            parts = re.split(r"[/-]", code)
            if sum(c.isdigit() for c in code) < 6 or _SLASH_DATE.fullmatch(code) or _NOT_ID.match(code):
                continue
            if not any(c.isalpha() for c in code) and max(len(p) for p in parts) <= 3:
                continue  # "24/7/365"
            before = re.findall(r"[A-Za-z]+", text[max(0, m.start("code") - 32) : m.start("code")])[-2:]
            if any(w.casefold() in _NOT_A_CASE_BEFORE for w in before) or _UNIT_AFTER.match(text, m.end()):
                continue  # "Regulation (EC) 261/2004", "under EC 261/2004", "unit no. 1511/14"
            prefix = m.group("prefix")
            start = m.start() if prefix and not _not_a_series(prefix) else m.start("code")
            spans.append(self._span(start, text[start : m.end()], score=0.7))
        return spans

    @staticmethod
    def _trim(value: str) -> str:
        """Digit groups separated by spaces ("485 777 3456") stay one value; a code followed by a
        word ("7Q2XKD 2024") is cut at the space; a short capital prefix stays ("CLM 2291", "TREJ 5802 1417")."""
        head, _, rest = value.partition(" ")
        prefixed = head.isupper() and head.isalpha() and len(head) <= 5 and rest[:3].isdigit()
        check_letter = any(c.isdigit() for c in head) and re.fullmatch(r"[A-Z]", rest) is not None  # "4418230 K"
        grouped = any(c.isdigit() for c in head) and len(rest.split()) >= 2  # "R4471 82290 06185"
        if _DATED_REST.search(rest):
            value = head  # "4471 2025-03-01": a date follows the number
        elif not head.isdigit() and not prefixed and not check_letter and not grouped:
            value = head
        return value.rstrip(".-/_")

    @staticmethod
    def _span(start: int, value: str, label: str = "IDENTIFIER", score: float = ID_SCORE) -> Span:
        return Span(start, start + len(value), label, score, "pattern:identifier")


#: A determiner or preposition before a loose kind makes it a noun ("for order 2231,", "your order
#: 55120."), where the verb ("order 2000 more") counts; four digits at least, no year.
_NOUN_BEFORE = re.compile(r"(?i:\b(?:for|my|your|our|his|her|their|the|this|that|on|about|re|with)[ \t]+)$")
_CLOSED = re.compile(r"[ \t]*(?:[.,;:!?)\n]|$)")


def _named_number(text: str, start: int, at: int, value: str) -> bool:
    """A number of four or five digits after a kind word used as a noun, closing its phrase: an ID."""
    if not value.isdigit() or len(value) < 4 or (len(value) == 4 and value[:2] in ("19", "20")):
        return False
    closed = _CLOSED.match(text, at + len(value)) is not None
    return closed and _NOUN_BEFORE.search(text, max(0, start - 12), start) is not None
